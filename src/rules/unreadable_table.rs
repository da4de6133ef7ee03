use crate::diagnostic::Diagnostic;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That a table in the Interaction Log or in Action Items can be read: its header names
    /// the columns the report needs. An Interaction Log table needs a date column (`Date`,
    /// `Date/Time`, `When`, …) and one of Time, Method, Participants or Summary; an Action
    /// Items table needs two of Task, Owner, Deadline and Status. Column names match as in
    /// `rules/fields.toml`, also when a name ends the header (`Meeting Date`, `AI POC`).
    ///
    /// ## Why
    /// A table whose columns cannot be read is a table whose entries or tasks go unchecked:
    /// a missing owner or date in it would pass in silence.
    ///
    /// ## Example
    /// ```markdown
    /// ## Action Items
    /// | What | Person | Until |
    /// | --- | --- | --- |
    /// | Send the plan | Sam Lee | April 4, 2025 |
    /// ```
    /// reports that the table's columns name none of Task, Owner, Deadline, Status.
    ///
    /// ## Fix safety
    /// No fix: renaming the columns is the author's choice; add team-specific column names
    /// with `[fields] paths` in the config instead.
    pub struct UnreadableTable {
        code: "CCR108",
        name: "unreadable-table",
        severity: Warning,
        fix: None,
        summary: "A log or task table whose columns cannot be read",
    }
}

impl Rule for UnreadableTable {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for t in &cx.report.content.unreadable_tables {
            let header = cx
                .doc
                .tables
                .get(t.table)
                .map(|tab| {
                    tab.header
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            out.push(
                cx.diagnostic(
                    &Self::META,
                    t.header.clone(),
                    format!(
                        "the {} table's columns ({header}) cannot be read: it needs {}",
                        t.section, t.needs
                    ),
                )
                .with_help(
                    "name the columns as the report format does (see `docs/report-format.md`), or add your team's names with `[fields] paths` in .ccr-lint.toml",
                ),
            );
        }
    }
}
