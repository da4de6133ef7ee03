use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::content::Period;
use crate::document::dates;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the Executive Summary says whom and when the report is about: it names the client
    /// (the Client or Company value from Client Details, or a distinctive word of it such as
    /// `Contoso` for `Contoso Pharma AG`) or the period (any date or month in it). The rule
    /// fires only when the summary names neither.
    ///
    /// A summary or a report whose title is still template text (`# {{ incident name }}`)
    /// is left to `unfilled-placeholder`: one problem, one finding.
    ///
    /// ## Why
    /// The summary is often the only part that is read, and it is forwarded on its own. A
    /// summary that does not say which client and which weeks it covers loses its meaning as
    /// soon as it leaves the report.
    ///
    /// ## Example
    /// ```markdown
    /// ## Executive Summary
    /// Four interactions took place and the proposal was accepted.
    /// ```
    /// is reported, and the suggested opening sentence is
    /// `This report summarizes interactions with Northwind Logistics from June 1, 2024 to June 30, 2024.`
    ///
    /// ## Fix safety
    /// Display-only: the opening sentence is filled from the report's own Client Details and
    /// Time Period and shown as a suggestion; it is never applied, because the author may
    /// prefer to work the client and period into their own first sentence.
    pub struct SummaryMissingScope {
        code: "CCR111",
        name: "summary-missing-scope",
        severity: Info,
        fix: DisplayOnly,
        summary: "The Executive Summary names neither the client nor the period",
    }
}

/// Words of company names that do not identify the client.
const GENERIC: [&str; 12] = [
    "bank",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "group",
    "holding",
    "holdings",
    "limited",
    "retail",
    "services",
    "systems",
];

impl Rule for SummaryMissingScope {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        let Some(section) = c.summary_section.and_then(|s| cx.doc.sections.get(s)) else {
            return;
        };
        let body = section.body.clone();
        let runs: Vec<&crate::document::Prose> =
            cx.doc.prose_in(body.clone()).map(|(_, p)| p).collect();
        let Some(first) = runs.first() else { return };
        let text: String = runs
            .iter()
            .map(|p| p.text.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        let names: Vec<String> = ["client", "company"]
            .iter()
            .filter_map(|id| c.client_field(id))
            .map(|f| f.value.text.trim().to_lowercase())
            .filter(|v| v.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
            .collect();
        // The full name, or a distinctive word of it (`Contoso` for `Contoso Pharma AG`).
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        let names_client = names.iter().any(|n| {
            text.contains(n.as_str())
                || n.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 4 && !GENERIC.contains(w))
                    .any(|w| words.contains(&w))
        });
        // Any date, a month (`mid-May`), a quarter (`Q2`) or a year names when.
        let names_period = c.dates.iter().any(|d| body.contains(&d.span.start))
            || runs.iter().any(|p| {
                p.text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| dates::is_month_word(w) || is_quarter(w) || is_year(w))
            });
        // A summary that is still a template's prompt is `unfilled-placeholder`'s, as is
        // every section of a report whose title is still template text.
        let has_template =
            |p: &crate::document::Prose| cx.settings.data.placeholders.is_match(&p.text);
        let title_template = cx
            .doc
            .headings
            .iter()
            .take(2)
            .filter(|h| h.level == 1)
            .filter_map(|h| h.prose.and_then(|p| cx.doc.prose.get(p)))
            .any(has_template);
        let template = title_template || runs.iter().any(|p| has_template(p));
        if template {
            return;
        }
        if names_client || names_period {
            return;
        }
        let client = c
            .client_field("client")
            .or_else(|| c.client_field("company"))
            .filter(|f| !f.value.is_empty());
        let heading = cx
            .doc
            .headings
            .get(section.heading)
            .map_or(first.span.clone(), |h| h.span.clone());
        let mut d = cx
            .diagnostic(&Self::META, heading, "the Executive Summary names neither the client nor the period")
            .with_help("open with \"This report summarizes interactions with {client} from {start} to {end}.\"");
        if let (Some(client), Period::Valid { start, end, .. }) = (client, &c.period) {
            let sentence = format!(
                "This report summarizes interactions with {} from {} to {}.",
                client.value.text.trim(),
                dates::long(*start),
                dates::long(*end)
            );
            let nl = cx.doc.newline();
            d = d.with_fix(Fix::display_only(
                format!("open the summary with \"{sentence}\""),
                vec![Edit::insert(
                    first.span.start,
                    format!("{sentence}{nl}{nl}"),
                )],
            ));
        }
        out.push(d);
    }
}

fn is_quarter(w: &str) -> bool {
    matches!(w, "Q1" | "Q2" | "Q3" | "Q4")
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}
