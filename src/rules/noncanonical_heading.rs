use crate::data::sections::strip_numbering;
use crate::diagnostic::{Diagnostic, Edit, Fix};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That each section heading uses the canonical name rather than an alias:
    /// `Client Info` → `Client Details`, `Communication Log` → `Interaction Log`. Case,
    /// numbering (`2.`), a trailing colon and the spelling of "and" (`&`, `/`) are ignored.
    ///
    /// ## Why
    /// The same heading in every report lets readers and tools find sections by name, and
    /// keeps a team's reports consistent.
    ///
    /// ## Example
    /// ```markdown
    /// ## 2. Client Info:
    /// ```
    /// becomes `## 2. Client Details:`.
    ///
    /// ## Fix safety
    /// Safe: only the heading's words change; numbering, a trailing colon and the heading
    /// level are kept. No fix is offered when the heading carries inline markup, escapes or
    /// entities, since the rename could then break them.
    pub struct NoncanonicalHeading {
        code: "CCR105",
        name: "noncanonical-heading",
        severity: Info,
        fix: Safe,
        summary: "A section heading uses an alias instead of the canonical name",
    }
}

impl Rule for NoncanonicalHeading {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let set = &cx.settings.data.sections;
        for found in &cx.report.sections {
            let heading = &cx.doc.headings[found.section];
            if set.is_canonical(found.kind, &heading.text) {
                continue;
            }
            let canonical = &set.sections[found.kind].name;
            let mut diag = cx.diagnostic(
                &Self::META,
                heading
                    .plain_text_span
                    .clone()
                    .unwrap_or_else(|| heading.span.clone()),
                format!(
                    "heading '{}' is an alias; the canonical name is '{canonical}'",
                    heading.text
                ),
            );
            if let Some(span) = &heading.plain_text_span {
                let written = cx.text(span.clone());
                let after_number = strip_numbering(written).trim_start();
                let words = after_number.trim_end().trim_end_matches(':').trim_end();
                let start = span.start + (written.len() - after_number.len());
                diag = diag.with_fix(Fix::safe(
                    format!("rename to '{canonical}'"),
                    vec![Edit::replace(start..start + words.len(), canonical.clone())],
                ));
            }
            out.push(diag);
        }
    }
}
