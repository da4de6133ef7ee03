use crate::diagnostic::Diagnostic;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That Client Details gives every required field — Client, Company and Primary Contact
    /// (or their aliases such as `Client Name`, `Organisation`, `Main Contact`; the list is in
    /// `rules/fields.toml`) — with a value. Fields may be `Key: value` lines,
    /// `- **Key:** value` list items, or a two-column table. The rule is silent when the
    /// section itself is missing (`missing-section` reports that).
    ///
    /// ## Why
    /// Whoever picks up the account next needs to know exactly which legal entity the report
    /// is about and whom to call.
    ///
    /// ## Example
    /// ```markdown
    /// ## Client Details
    /// - **Client:** Fabrikam Retail
    /// - **Primary Contact:**
    /// ```
    /// reports that Company is missing and that Primary Contact is empty.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the value.
    pub struct MissingClientField {
        code: "CCR201",
        name: "missing-client-field",
        severity: Error,
        fix: None,
        summary: "Client Details lacks the client, company or primary contact",
    }
}

impl Rule for MissingClientField {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        let Some(section) = c.client_section.and_then(|s| cx.doc.sections.get(s)) else {
            return;
        };
        let heading = cx
            .doc
            .headings
            .get(section.heading)
            .map_or(section.span.clone(), |h| h.span.clone());
        for (id, name, required) in &cx.settings.data.fields.fields {
            if !required {
                continue;
            }
            match c.client_field(id) {
                Some(f) if !f.value.is_empty() => {}
                Some(f) => out.push(
                    cx.diagnostic(
                        &Self::META,
                        f.value.span.clone(),
                        format!("'{name}' in Client Details is empty"),
                    )
                    .with_help(format!(
                        "write the {} after `{}:`",
                        name.to_lowercase(),
                        f.key.text
                    )),
                ),
                None => out.push(
                    cx.diagnostic(
                        &Self::META,
                        heading.clone(),
                        format!("Client Details has no '{name}'"),
                    )
                    .with_help(format!(
                        "add a line `- **{name}:** <value>` to Client Details"
                    )),
                ),
            }
        }
    }
}
