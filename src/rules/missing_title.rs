use crate::diagnostic::Diagnostic;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the report has a level-1 title (`# Client Communication Report — Acme Corp, June 2024`).
    ///
    /// ## Why
    /// The title is what a reader sees first in a folder of reports, in a rendered page and
    /// in a PDF export; without it the document has no name.
    ///
    /// ## Example
    /// A report that starts directly with `## Executive Summary`.
    ///
    /// ## Fix safety
    /// No fix: a good title names the client and the period, which only the author can
    /// choose to phrase.
    pub struct MissingTitle {
        code: "CCR106",
        name: "missing-title",
        severity: Warning,
        fix: None,
        summary: "The report has no level-1 title",
    }
}

impl Rule for MissingTitle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if cx.doc.headings.iter().any(|h| h.level == 1) || front_matter_title(cx) {
            return;
        }
        let at = cx.doc.content_start();
        out.push(
            cx.diagnostic(&Self::META, at..at, "the report has no level-1 title")
                .with_help("start with a title such as `# Client Communication Report — <client>, <period>`"),
        );
    }
}

/// Whether front matter gives the title (`title: …` or `title = "…"`), as static-site
/// generators render it.
fn front_matter_title(cx: &Context<'_>) -> bool {
    cx.doc.front_matter.as_ref().is_some_and(|fm| {
        cx.text(fm.clone()).lines().any(|l| {
            l.strip_prefix("title")
                .map(str::trim_start)
                .and_then(|r| r.strip_prefix(':').or_else(|| r.strip_prefix('=')))
                .is_some_and(|v| !v.trim().trim_matches(['"', '\'']).is_empty())
        })
    })
}
