//! ccr-lint: a linter for client communication reports written in Markdown.
//!
//! The library face is [`lint`]: parse once, build the typed report view, run every enabled
//! rule, apply suppression comments and severity overrides, and return diagnostics sorted by position.

pub mod app;
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod settings;
pub mod suppression;

use std::path::Path;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, RuleId, Severity};
pub use document::{Document, Report};
pub use settings::Settings;

/// Lints one report's text.
pub fn lint(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    lint_path(source, None, settings)
}

/// Lints one report's text; `path` anchors relative links (attachments).
pub fn lint_path(source: &str, path: Option<&Path>, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    let report = Report::build(&doc, &settings.data.sections);
    let cx = rules::Context {
        doc: &doc,
        report: &report,
        settings,
        path,
    };
    let mut out = Vec::new();
    for rule in rules::REGISTRY {
        let meta = rule.meta();
        if settings.selection.enabled(&meta.id()) {
            rule.check(&cx, &mut out);
        }
    }
    out.retain(|d| settings.selection.enabled(&d.rule));
    apply_suppressions(&doc, settings, &mut out);
    for d in &mut out {
        if let Some(sev) = settings.selection.severity_for(&d.rule) {
            d.severity = sev;
        }
        debug_assert!(
            d.span.end <= source.len()
                && source.is_char_boundary(d.span.start)
                && source.is_char_boundary(d.span.end)
        );
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    out
}

/// Drops what the suppression comments suppress, then reports unused ones (CCR901, which
/// can only be judged after the other rules ran) unless a comment suppresses that too.
fn apply_suppressions(doc: &Document<'_>, settings: &Settings, out: &mut Vec<Diagnostic>) {
    let mut sups = suppression::parse(doc);
    if sups.is_empty() {
        return;
    }
    let mut fired: Vec<RuleId> = out.iter().map(|d| d.rule.clone()).collect();
    fired.sort();
    fired.dedup();
    suppression::apply(&mut sups, out);
    if settings
        .selection
        .enabled(&rules::unused_suppression::UnusedSuppression::META.id())
    {
        // Only a comment that names the rule hides these reports (a bare `disable` hiding the
        // report about another stale comment would keep both forever), and never its own.
        let hides =
            |sups: &mut [suppression::Suppression], d: &Diagnostic| match suppression::suppressor(
                sups, d, false,
            ) {
                None => false,
                Some(j) => !sups[j].selectors.is_empty() && !sups[j].span.contains(&d.span.start),
            };
        // A comment that hides such a report is used: judge again once that is recorded.
        let mut first = Vec::new();
        rules::unused_suppression::report(doc, &sups, &fired, settings, &mut first);
        for d in &first {
            if hides(&mut sups, d) {
                suppression::suppressor(&mut sups, d, true);
            }
        }
        let mut unused = Vec::new();
        rules::unused_suppression::report(doc, &sups, &fired, settings, &mut unused);
        unused.retain(|d| !hides(&mut sups, d));
        out.extend(unused);
    }
}
