use crate::data::headings::HeadingWords;
use crate::data::sections::Requirement;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::BlockKind;
use crate::document::content::Period;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every required section of the report is present: Executive Summary, Client
    /// Details, Time Period, Interaction Log, Action Items, Issues and Resolutions and Next
    /// Steps (errors), and Attachments (recommended: a warning). A heading counts when it is
    /// the canonical name or an alias, or when its head words are the name or a synonym
    /// (`Proposed Next Steps`, `Open Issues`, `Issues and Next Steps` for both); the words
    /// live in `rules/sections.toml`, plus `[sections]` in the config. A heading whose words
    /// name no section but whose table is a log or a task list counts as that section.
    /// A record of one meeting (its title says `Minutes`, `Meeting`, `Call`…, or it has a
    /// `Moderator:`/`Attendees` marker; the words are in `rules/sections.toml`) is its own
    /// Interaction Log, and tasks on lines labelled as actions (`**Action**: Jenn to update
    /// the poll`) stand in for Action Items. When a heading that is not recognised looks like a try at the missing section
    /// (`Action Itmes`), the help names it. A period stated elsewhere (the title, front
    /// matter, the lines under the title, a one-day record's date) stands in for the Time
    /// Period section.
    ///
    /// ## Why
    /// A reader (the client, a manager, whoever takes over the account) expects every report
    /// to answer the same questions in the same places. A missing section is usually a
    /// forgotten one, not an empty period.
    ///
    /// ## Example
    /// ```markdown
    /// ## Action Items
    /// - [ ] Send the revised proposal — Owner: Jane Doe — Due: June 20, 2024
    ///
    /// ## Attachments
    /// ```
    /// reports that *Issues and Resolutions* and *Next Steps* are missing, pointing where
    /// each belongs in the recommended order.
    ///
    /// ## Fix safety
    /// Unsafe: inserts the heading (at the level the other sections use) and a `TODO` line
    /// at the section's place in the recommended order. It adds scaffolding the author must
    /// fill in, so it runs only with `--fix --unsafe-fixes`. No fix when a heading resembles
    /// the section: inserting one would put a second section next to it. A section goes
    /// before an HTML block that is never closed (`<!-- …` to the end of the file), which
    /// would otherwise swallow it.
    pub struct MissingSection {
        code: "CCR101",
        name: "missing-section",
        severity: Error,
        fix: Unsafe,
        summary: "A required or recommended section is missing",
    }
}

impl Rule for MissingSection {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let set = &cx.settings.data.sections;
        let level = usize::from(cx.report.section_level.unwrap_or(2));
        let nl = cx.doc.newline();
        let missing: Vec<(usize, usize)> = set
            .sections
            .iter()
            .enumerate()
            .filter(|(kind, def)| def.required.severity().is_some() && !cx.report.has(*kind))
            .filter(|(_, def)| !stated_elsewhere(cx, &def.id))
            .map(|(kind, _)| (kind, insertion_point(cx, kind)))
            .collect();
        let candidates = candidate_headings(cx, !missing.is_empty());
        for (n, &(kind, at)) in missing.iter().enumerate() {
            let def = &set.sections[kind];
            let Some(severity) = def.required.severity() else {
                continue;
            };
            // Sections missing at the same point are inserted together, in this order (the
            // fix engine applies insertions at one offset in diagnostic order): only the
            // first needs a separator before it, and only the last at the end of the file
            // goes without a blank line after it.
            let first_here = n == 0 || missing[n - 1].1 != at;
            let last_here = missing.get(n + 1).is_none_or(|next| next.1 != at);
            let before = &cx.doc.source[..at];
            let prefix =
                if !first_here || at == 0 || before.ends_with("\n\n") || before.ends_with("\n\r\n")
                {
                    String::new()
                } else if before.ends_with('\n') {
                    nl.to_string()
                } else {
                    format!("{nl}{nl}")
                };
            let suffix = if at < cx.doc.source.len() || !last_here {
                nl
            } else {
                ""
            };
            let hashes = "#".repeat(level);
            let text = format!(
                "{prefix}{hashes} {name}{nl}{nl}{placeholder}{nl}{suffix}",
                name = def.name,
                placeholder = def.placeholder
            );
            let message = match def.required {
                Requirement::Error => format!("required section '{}' is missing", def.name),
                _ => format!("recommended section '{}' is missing", def.name),
            };
            let diag = cx
                .diagnostic(&Self::META, at..at, message)
                .with_severity(severity);
            // A heading that looks like a try at the section is named instead of inserting
            // a second one next to it.
            if let Some(near) = resembling_heading(cx, &candidates, kind) {
                out.push(diag.with_help(format!(
                    "did you mean `{near}`? It is not read as {name}: rename it to `{name}`, or \
                     add it to `[sections.aliases]` in the config",
                    name = def.name
                )));
                continue;
            }
            let mut help = format!("add a `{hashes} {}` section", def.name);
            if !def.aliases.is_empty() {
                let shown: Vec<&str> = def.aliases.iter().take(4).map(String::as_str).collect();
                help.push_str(&format!(" (also accepted: {})", shown.join(", ")));
            }
            out.push(diag.with_help(help).with_fix(Fix::unsafe_(
                format!("insert the '{}' section", def.name),
                vec![Edit::insert(at, text)],
            )));
        }
    }
}

/// Whether what a section holds is stated elsewhere: the period in the title, front matter,
/// the lines under the title or a one-day record's date; tasks on lines labelled as actions
/// (`**Action**: Jenn to update the poll`).
fn stated_elsewhere(cx: &Context<'_>, id: &str) -> bool {
    let c = &cx.report.content;
    match id {
        "time-period" => !matches!(c.period, Period::Missing),
        "action-items" => !c.tasks.is_empty(),
        _ => false,
    }
}

/// The headings that may be a try at a missing section, with their words (as the report
/// view read them): not a recognised section nor the title, and at the level sections are
/// written at or above (an entry's sub-heading is not a try at a section). None when nothing
/// is missing.
fn candidate_headings<'a>(cx: &Context<'a>, any_missing: bool) -> Vec<(usize, &'a HeadingWords)> {
    if !any_missing {
        return Vec::new();
    }
    let report: &'a crate::document::Report = cx.report;
    let level = report.section_level.unwrap_or(2).max(2);
    cx.doc
        .headings
        .iter()
        .enumerate()
        .filter(|(i, h)| !(*i == 0 && h.level == 1) && h.level <= level)
        .filter(|(i, _)| !report.sections.iter().any(|f| f.section == *i))
        .filter_map(|(i, _)| Some((i, report.heading_words(i)?)))
        .collect()
}

/// The first candidate heading that resembles the missing section's names, as written.
fn resembling_heading<'a>(
    cx: &Context<'a>,
    candidates: &[(usize, &HeadingWords)],
    kind: usize,
) -> Option<&'a str> {
    let set = &cx.settings.data.sections;
    candidates
        .iter()
        .find(|(_, words)| set.resembles(kind, words))
        .and_then(|(i, _)| cx.doc.headings.get(*i))
        .map(|h| cx.doc.source[h.span.clone()].trim())
}

/// Where a missing section goes: after the present section that precedes it in the
/// recommended order, else before the first present section that follows it, else at the end.
fn insertion_point(cx: &Context<'_>, kind: usize) -> usize {
    let at = natural_insertion_point(cx, kind);
    // Text after the start of an HTML block that is never closed is part of it: a section
    // inserted there would not be read as one, and would be inserted again on every run.
    match unclosed_html_start(cx.doc) {
        Some(start) if start < at => start,
        _ => at,
    }
}

/// The start of a top-level HTML block that runs to the end of the document because the
/// marker that closes it (`-->`, `?>`, `]]>`, `>`, `</script>` …) never comes (CommonMark's
/// HTML blocks of kinds 1 to 5; the others end at a blank line, which an insertion brings).
fn unclosed_html_start(doc: &crate::document::Document<'_>) -> Option<usize> {
    let block = doc
        .blocks
        .iter()
        .rfind(|b| b.kind == BlockKind::Html && b.depth == 0)?;
    if block.span.end < doc.source.trim_end().len() {
        return None;
    }
    let text = doc.source.get(block.span.clone())?.trim();
    let closer = crate::document::html_block_closer(text)?;
    // The block ends at the line that holds its closer: one that ran to the end without it
    // has none on its last line.
    let last_line = text.rsplit('\n').next().unwrap_or("").to_ascii_lowercase();
    (!last_line.contains(&closer)).then_some(block.span.start)
}

/// Where a missing section goes, HTML blocks aside.
fn natural_insertion_point(cx: &Context<'_>, kind: usize) -> usize {
    let found = |k: usize| cx.report.first(k).map(|f| &cx.doc.sections[f.section]);
    // After the last occurrence of the closest earlier kind (a duplicate counts).
    let last = |k: usize| {
        cx.report
            .sections
            .iter()
            .rev()
            .find(|f| f.kind == k)
            .map(|f| &cx.doc.sections[f.section])
    };
    if let Some(prev) = (0..kind).rev().find_map(last) {
        // A section that should come later but sits nested inside the earlier one (a heading
        // one level too deep) still comes after the inserted section.
        let nested_later = cx
            .report
            .sections
            .iter()
            .filter(|f| f.kind > kind)
            .map(|f| cx.doc.sections[f.section].span.start)
            .filter(|&start| start > prev.span.start && start < prev.span.end)
            .min();
        return nested_later.unwrap_or(prev.span.end);
    }
    let count = cx.settings.data.sections.sections.len();
    if let Some(next) = (kind + 1..count).find_map(found) {
        return next.span.start;
    }
    cx.doc.source.len()
}
