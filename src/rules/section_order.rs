use crate::diagnostic::Diagnostic;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the recognised sections follow the recommended order: Executive Summary, Client
    /// Details, Time Period, Interaction Log, Action Items, Issues and Resolutions, Next Steps,
    /// Attachments (the order of `rules/sections.toml`). Each section that comes after one it
    /// should precede is reported once.
    ///
    /// ## Why
    /// Readers of many reports find things by position. The same order in every report makes
    /// them quick to scan and to compare.
    ///
    /// ## Example
    /// ```markdown
    /// ## Interaction Log
    /// ...
    /// ## Time Period
    /// ```
    /// reports that *Time Period* should come before *Interaction Log*.
    ///
    /// ## Fix safety
    /// No fix: moving whole sections is left to the author.
    pub struct SectionOrder {
        code: "CCR103",
        name: "section-order",
        severity: Info,
        fix: None,
        summary: "Sections are not in the recommended order",
    }
}

impl Rule for SectionOrder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let set = &cx.settings.data.sections.sections;
        let mut latest: Option<usize> = None;
        // The first of each kind: a duplicate or the rest of a group is not placed again.
        let firsts = cx
            .report
            .sections
            .iter()
            .enumerate()
            .filter(|(n, f)| !cx.report.sections[..*n].iter().any(|e| e.kind == f.kind))
            // Per-group sub-sections follow their group's own template.
            .filter(|(_, f)| !f.grouped)
            .map(|(_, f)| f);
        for found in firsts {
            match latest {
                Some(prev) if found.kind < prev => {
                    let heading = &cx.doc.headings[found.section];
                    out.push(
                        cx.diagnostic(
                            &Self::META,
                            heading.span.clone(),
                            format!(
                                "section '{}' should come before '{}'",
                                set[found.kind].name, set[prev].name
                            ),
                        )
                        .with_help(format!("the recommended order is: {}", order(cx))),
                    );
                }
                _ => latest = Some(found.kind),
            }
        }
    }
}

fn order(cx: &Context<'_>) -> String {
    cx.settings
        .data
        .sections
        .sections
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
