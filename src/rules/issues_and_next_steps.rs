//! CCR501 issue-missing-resolution, CCR502 next-step-missing-date, CCR504 no-follow-up-scheduled.

use crate::diagnostic::Diagnostic;
use crate::document::content::excerpt;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every issue in Issues and Resolutions has a resolution or a status: a
    /// `Resolution:` or `Status:` part, `resolved on June 16, 2024`, a word such as open,
    /// pending, escalated, fixed or closed, or a filled Resolution/Status column. `No issues
    /// were raised.` and similar phrases are not issues.
    ///
    /// ## Why
    /// An issue listed without its state leaves the reader guessing whether it still needs
    /// attention.
    ///
    /// ## Example
    /// `- The client reported missing batch records.` is reported.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the state of the issue.
    pub struct IssueMissingResolution {
        code: "CCR501",
        name: "issue-missing-resolution",
        severity: Warning,
        fix: None,
        summary: "An issue has neither a resolution nor a status",
    }
}

impl Rule for IssueMissingResolution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for issue in &cx.report.content.issues {
            if issue.has_resolution {
                continue;
            }
            out.push(
                cx.diagnostic(
                    &Self::META,
                    issue.span.clone(),
                    format!(
                        "issue '{}' has neither a resolution nor a status",
                        excerpt(&issue.text)
                    ),
                )
                .with_help(
                    "add `Resolution: …` (e.g. `Resolved on June 16, 2024 by …`) or `Status: open`",
                ),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every next step says when: a date (`July 9, 2024`, or `July 9` with the year
    /// from the period) or a timeframe (`within two weeks`, `in Q3`, `by end of August`,
    /// `monthly`).
    ///
    /// ## Why
    /// A next step without a time is a wish; with one it is a commitment the client can hold
    /// you to.
    ///
    /// ## Example
    /// `- Send the updated contract.` is reported.
    ///
    /// ## Fix safety
    /// No fix: only the author knows when.
    pub struct NextStepMissingDate {
        code: "CCR502",
        name: "next-step-missing-date",
        severity: Warning,
        fix: None,
        summary: "A next step has no date or timeframe",
    }
}

impl Rule for NextStepMissingDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for step in &cx.report.content.next_steps {
            if step.date.is_some() || step.timeframe {
                continue;
            }
            out.push(
                cx.diagnostic(
                    &Self::META,
                    step.span.clone(),
                    format!(
                        "next step '{}' has no date or timeframe",
                        excerpt(&step.text)
                    ),
                )
                .with_help("say when, e.g. `A follow-up meeting is scheduled for July 9, 2024.`"),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That Next Steps schedules at least one step on a specific date. The rule is silent
    /// when the section is missing or empty (`missing-section` and `empty-section` report those).
    ///
    /// ## Why
    /// A report that ends without a dated follow-up tends to end the conversation with the
    /// client as well.
    ///
    /// ## Example
    /// ```markdown
    /// ## Next Steps
    /// - Keep in touch about the renewal.
    /// ```
    /// is reported.
    ///
    /// ## Fix safety
    /// No fix: only the author knows when the follow-up is.
    pub struct NoFollowUpScheduled {
        code: "CCR504",
        name: "no-follow-up-scheduled",
        severity: Info,
        fix: None,
        summary: "No next step is scheduled on a specific date",
    }
}

impl Rule for NoFollowUpScheduled {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        let Some(section) = c.next_section.and_then(|s| cx.doc.sections.get(s)) else {
            return;
        };
        if c.next_steps.is_empty() || c.next_steps.iter().any(|s| s.date.is_some()) {
            return;
        }
        let span = cx
            .doc
            .headings
            .get(section.heading)
            .map_or(section.span.clone(), |h| h.span.clone());
        out.push(
            cx.diagnostic(
                &Self::META,
                span,
                "no follow-up is scheduled on a specific date",
            )
            .with_help(
                "schedule the next contact, e.g. `A follow-up call is scheduled for July 9, 2024.`",
            ),
        );
    }
}
