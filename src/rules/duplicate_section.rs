use crate::diagnostic::Diagnostic;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That no section appears twice, under the same heading or under two of its names
    /// (`## Tasks` and `## Action Items`). A matching heading nested inside another section
    /// (e.g. `#### Summary` inside an interaction entry) is a sub-heading, not a duplicate.
    ///
    /// ## Why
    /// Two *Action Items* lists split the record: a reader who finds the first stops looking,
    /// and tools that read the report take only one.
    ///
    /// ## Example
    /// ```markdown
    /// ## Action Items
    /// ...
    /// ## Tasks
    /// ```
    /// reports that *Action Items* appears twice.
    ///
    /// ## Fix safety
    /// No fix: merging two sections needs the author's judgement.
    pub struct DuplicateSection {
        code: "CCR104",
        name: "duplicate-section",
        severity: Warning,
        fix: None,
        summary: "A section appears more than once",
    }
}

impl Rule for DuplicateSection {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for found in cx.report.sections.iter().filter(|f| f.duplicate) {
            let Some(first) = cx.report.first(found.kind) else {
                continue;
            };
            let name = &cx.settings.data.sections.sections[found.kind].name;
            let first_heading = &cx.doc.headings[first.section];
            let heading = &cx.doc.headings[found.section];
            out.push(
                cx.diagnostic(
                    &Self::META,
                    heading.span.clone(),
                    format!("section '{name}' appears more than once"),
                )
                .with_help(format!(
                    "merge it into the first '{}' section",
                    first_heading.text
                )),
            );
        }
    }
}
