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
pub mod guide;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod settings;
pub mod suppression;
pub mod vocab;

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
    let report = Report::build_with(&doc, settings);
    let cx = rules::Context {
        doc: &doc,
        report: &report,
        settings,
        path,
        vocab_hits: Default::default(),
    };
    let mut out = Vec::new();
    for rule in rules::REGISTRY {
        let meta = rule.meta();
        if settings.selection.enabled(&meta.id()) {
            rule.check(&cx, &mut out);
        }
    }
    vocab::check::check_user_rules(&cx, &mut out);
    out.retain(|d| settings.selection.enabled(&d.rule));
    suppression::apply_comments(&doc, settings, &mut out);
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
