use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::{Prose, ProseContext};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the Executive Summary stays within the word limit (150 words by default;
    /// `[limits] summary-words` in the config). Only the summary's prose counts: not headings,
    /// tables, code, URLs, quoted material (see `[language] quotes`) or a list of links (list
    /// items that are more link than prose). The diagnostic points at the summary's heading and
    /// names the word where the limit is passed.
    ///
    /// ## Why
    /// The summary is often the only part a busy reader reads. If it is long, the key facts
    /// (who, when, what was decided, what happens next) get lost; details belong in the log.
    ///
    /// ## Example
    /// A four-paragraph summary that retells every call.
    ///
    /// ## Fix safety
    /// No fix: shortening needs the author.
    pub struct SummaryTooLong {
        code: "CCR110",
        name: "summary-too-long",
        severity: Warning,
        fix: None,
        summary: "The Executive Summary is longer than the word limit",
    }
}

/// The words of a prose run that count as the summary's prose: not in headings, tables or
/// quoted material, and not in a list item that is a link more than prose (a list of links).
fn prose_words(cx: &Context<'_>, prose: &Prose<'_>) -> Vec<Range<usize>> {
    if matches!(
        prose.context,
        ProseContext::Heading(_) | ProseContext::TableCell { .. }
    ) || cx.skips_run(prose)
    {
        return Vec::new();
    }
    let words: Vec<Range<usize>> = prose
        .word_ranges()
        .filter(|w| cx.is_checked(prose, w.clone()))
        .collect();
    if let ProseContext::ListItem(_) = prose.context {
        let in_link = |w: &Range<usize>| {
            prose.to_source(w.clone()).is_some_and(|src| {
                cx.doc
                    .links
                    .iter()
                    .any(|l| l.span.start <= src.start && src.end <= l.span.end)
            })
        };
        let linked = words.iter().filter(|w| in_link(w)).count();
        if linked * 2 >= words.len() {
            return Vec::new();
        }
    }
    words
}

impl Rule for SummaryTooLong {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let set = &cx.settings.data.sections;
        let Some(section) = cx.report.section(cx.doc, set, "executive-summary") else {
            return;
        };
        let limit = cx.settings.limits.summary_words;
        let mut count = 0usize;
        let mut over: Option<String> = None;
        for (_, prose) in cx.doc.prose_in(section.body.clone()) {
            for word in prose_words(cx, prose) {
                count += 1;
                if count == limit + 1 {
                    over = Some(prose.text[word].to_string());
                }
            }
        }
        if count <= limit {
            return;
        }
        let span = cx.doc.headings[section.heading].span.clone();
        let at = over
            .map(|w| format!(" (the limit is passed at '{w}')"))
            .unwrap_or_default();
        out.push(
            cx.diagnostic(
                &Self::META,
                span,
                format!("the Executive Summary has {count} words, over the limit of {limit}{at}"),
            )
            .with_help("keep the summary to who, when, what was decided and what happens next; move details to the Interaction Log"),
        );
    }
}
