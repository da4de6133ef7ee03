use crate::diagnostic::{Diagnostic, Edit, Fix};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That the report's sections are all headings of the same level. The level most
    /// sections use is taken as the report's; each section at another level is reported.
    ///
    /// ## Why
    /// A section written one level too deep becomes, in the outline and in every tool that
    /// reads the structure, part of the section before it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Action Items
    /// ...
    /// ### Next Steps
    /// ```
    /// reports that *Next Steps* is level 3 while the other sections are level 2.
    ///
    /// ## Fix safety
    /// Unsafe: for `#` headings, rewrites the markers to the report's level. Changing a
    /// level can move sub-headings under a different parent, so it runs only with
    /// `--fix --unsafe-fixes`. Underlined (setext) headings get no fix.
    pub struct InconsistentHeadingLevel {
        code: "CCR107",
        name: "inconsistent-heading-level",
        severity: Warning,
        fix: Unsafe,
        summary: "Sections are headings of different levels",
    }
}

impl Rule for InconsistentHeadingLevel {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(level) = cx.report.section_level else {
            return;
        };
        for found in cx
            .report
            .sections
            .iter()
            .filter(|f| !f.duplicate && !f.grouped)
        {
            let heading = &cx.doc.headings[found.section];
            if heading.level == level {
                continue;
            }
            let name = &cx.settings.data.sections.sections[found.kind].name;
            let mut diag = cx.diagnostic(
                &Self::META,
                heading.span.clone(),
                format!(
                    "section '{name}' is a level-{} heading; the other sections are level {level}",
                    heading.level
                ),
            );
            let written = cx.text(heading.span.clone());
            let indent = written.len() - written.trim_start_matches(' ').len();
            let marks = written[indent..].bytes().take_while(|&b| b == b'#').count();
            if marks == usize::from(heading.level) {
                let start = heading.span.start + indent;
                diag = diag.with_fix(Fix::unsafe_(
                    format!("make it a level-{level} heading"),
                    vec![Edit::replace(
                        start..start + marks,
                        "#".repeat(usize::from(level)),
                    )],
                ));
            }
            out.push(diag);
        }
    }
}
