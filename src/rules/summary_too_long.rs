use crate::diagnostic::Diagnostic;
use crate::document::ProseContext;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the Executive Summary stays within the word limit (150 words by default;
    /// `[limits] summary-words` in the config). Words in headings, code and URLs are not
    /// counted. The diagnostic points at the first word over the limit.
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

impl Rule for SummaryTooLong {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let set = &cx.settings.data.sections;
        let Some(section) = cx.report.section(cx.doc, set, "executive-summary") else {
            return;
        };
        let limit = cx.settings.limits.summary_words;
        let mut count = 0usize;
        let mut over = None;
        for (_, prose) in cx.doc.prose_in(section.body.clone()) {
            if matches!(prose.context, ProseContext::Heading(_)) {
                continue;
            }
            for word in prose.word_ranges() {
                count += 1;
                if count == limit + 1 {
                    over = prose.to_source(word);
                }
            }
        }
        if count <= limit {
            return;
        }
        let span = over.unwrap_or_else(|| cx.doc.headings[section.heading].span.clone());
        out.push(
            cx.diagnostic(
                &Self::META,
                span,
                format!("the Executive Summary has {count} words, over the limit of {limit}; word {} is here", limit + 1),
            )
            .with_help("keep the summary to who, when, what was decided and what happens next; move details to the Interaction Log"),
        );
    }
}
