use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every section of the report is present: the required Executive Summary, Client
    /// Details, Time Period, Interaction Log, Action Items, Issues and Resolutions and Next
    /// Steps (errors when missing), and the recommended Attachments (a warning). A heading counts when it is the canonical
    /// name or one of its aliases (`rules/sections.toml`, plus `[sections]` in the config).
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
    /// fill in, so it runs only with `--fix --unsafe-fixes`.
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
            .filter(|(kind, def)| {
                def.required.severity().is_some() && cx.report.first(*kind).is_none()
            })
            .map(|(kind, _)| (kind, insertion_point(cx, kind)))
            .collect();
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
            let mut help = format!("add a `{hashes} {}` section", def.name);
            if !def.aliases.is_empty() {
                let shown: Vec<&str> = def.aliases.iter().take(4).map(String::as_str).collect();
                help.push_str(&format!(" (also accepted: {})", shown.join(", ")));
            }
            out.push(
                cx.diagnostic(
                    &Self::META,
                    at..at,
                    format!("{} section '{}' is missing", need(severity), def.name),
                )
                .with_severity(severity)
                .with_help(help)
                .with_fix(Fix::unsafe_(
                    format!("insert the '{}' section", def.name),
                    vec![Edit::insert(at, text)],
                )),
            );
        }
    }
}

/// How the message names a section that must be present (an error when missing) and one
/// that should be (a warning, such as Attachments).
fn need(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "required",
        Severity::Warning | Severity::Info => "recommended",
    }
}

/// Where a missing section goes: after the present section that precedes it in the
/// recommended order, else before the first present section that follows it, else at the end.
fn insertion_point(cx: &Context<'_>, kind: usize) -> usize {
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
