use crate::data::sections::strip_numbering;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::report::Recognised;

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
    /// A heading read by its head words is reported when it is just another name for the
    /// section (`Up Next`, `Current Plans`), not when it says more (`Questions/Issues for
    /// the TAC`, `Retro Action Items - 04/04/2023`); a combined heading (`Issues and Next Steps`) and a heading recognised by its content
    /// are not, since no one name replaces them.
    ///
    /// ## Fix safety
    /// Safe for an alias: only the heading's words change; numbering, a trailing colon and
    /// the heading level are kept. Unsafe for a heading read by its head words, whose other
    /// words the rename drops. No fix is offered when the heading carries inline markup,
    /// escapes or entities, since the rename could then break them.
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
            // A combined heading names two sections, and a heading read by its content names
            // none: neither has one canonical name to take.
            // Per-group sub-sections (`### Up Next` under each project) follow their group's
            // own template.
            if matches!(found.by, Recognised::Combined | Recognised::Content) || found.grouped {
                continue;
            }
            let heading = &cx.doc.headings[found.section];
            if set.is_canonical(found.kind, &heading.text) {
                continue;
            }
            // A heading read by its head words is reported only when it is just another name
            // for the section: one with a date, a qualifier or more words says more.
            if found.by == Recognised::Head && !set.is_plain_synonym(found.kind, &heading.text) {
                continue;
            }
            let canonical = &set.sections[found.kind].name;
            let mut diag = cx.diagnostic(
                &Self::META,
                heading
                    .plain_text_span
                    .clone()
                    .unwrap_or_else(|| heading.span.clone()),
                match found.by {
                    Recognised::Exact => format!(
                        "heading '{}' is an alias; the canonical name is '{canonical}'",
                        heading.text
                    ),
                    _ => format!(
                        "heading '{}' names the {canonical} section in other words",
                        heading.text
                    ),
                },
            );
            if let Some(span) = &heading.plain_text_span {
                let written = cx.text(span.clone());
                let after_number = strip_numbering(written).trim_start();
                let words = after_number.trim_end().trim_end_matches(':').trim_end();
                let start = span.start + (written.len() - after_number.len());
                let edits = vec![Edit::replace(start..start + words.len(), canonical.clone())];
                let message = format!("rename to '{canonical}'");
                // An alias is another name for the section; a heading read by its head words
                // may say more (`Proposed Next Steps`), which the rename would drop.
                diag = diag.with_fix(match found.by {
                    Recognised::Exact => Fix::safe(message, edits),
                    _ => Fix::unsafe_(message, edits),
                });
            }
            out.push(diag);
        }
    }
}
