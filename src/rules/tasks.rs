//! The Action Items rules: CCR401 task-missing-owner, CCR402 task-missing-deadline,
//! CCR403 vague-owner, CCR404 overdue-task.

use crate::diagnostic::Diagnostic;
use crate::document::content::filled;
use crate::document::dates;

use super::{Context, Rule, declare_rule};

const TASK_FORM: &str = "write `- [ ] <task> — Owner: <name> — Due: <date>` or `Action Item: <task> to be completed by <owner> by <date>.`";

declare_rule! {
    /// ## What it checks
    /// That every task in Action Items has an owner: an `Owner:` (or `Assignee:`,
    /// `Responsible:`) part, `(@name)`, `— Jane Doe, due June 20`, an Owner column, or the
    /// owner in `Action Item: <task> to be completed by <owner> by <date>.`
    ///
    /// ## Why
    /// A task nobody owns is a task nobody does.
    ///
    /// ## Example
    /// `- [ ] Send the revised proposal — Due: June 20, 2024` is reported.
    ///
    /// ## Fix safety
    /// No fix: only the author knows who owns the task.
    pub struct TaskMissingOwner {
        code: "CCR401",
        name: "task-missing-owner",
        severity: Error,
        fix: None,
        summary: "A task has no owner",
    }
}

impl Rule for TaskMissingOwner {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let fields = &cx.settings.data.fields;
        for t in cx
            .report
            .content
            .tasks
            .iter()
            .filter(|t| !t.is_closed(fields))
        {
            if filled(&t.owner).is_none() {
                let span = t
                    .owner
                    .as_ref()
                    .map_or(t.anchor.clone(), |v| v.span.clone());
                out.push(
                    cx.diagnostic(&Self::META, span, format!("{} has no owner", t.label()))
                        .with_help(TASK_FORM),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every task in Action Items has a deadline: a `Due:` (or `Deadline:`, `By:`)
    /// part, `due June 20`, a Deadline column, or the date in the template sentence.
    ///
    /// ## Why
    /// A task without a deadline cannot be late, so it is never chased.
    ///
    /// ## Example
    /// `- [ ] Send the revised proposal — Owner: Jane Doe` is reported.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the deadline.
    pub struct TaskMissingDeadline {
        code: "CCR402",
        name: "task-missing-deadline",
        severity: Error,
        fix: None,
        summary: "A task has no deadline",
    }
}

impl Rule for TaskMissingDeadline {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let fields = &cx.settings.data.fields;
        for t in cx
            .report
            .content
            .tasks
            .iter()
            .filter(|t| !t.is_closed(fields))
        {
            if filled(&t.deadline).is_none() {
                let span = t
                    .deadline
                    .as_ref()
                    .map_or(t.anchor.clone(), |v| v.span.clone());
                out.push(
                    cx.diagnostic(&Self::META, span, format!("{} has no deadline", t.label()))
                        .with_help(TASK_FORM),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That a task's owner names a person, not `TBD`, `TBA`, `someone`, `anyone`, `the team`,
    /// `team`, `we`, `us`, `all`, `everyone` or `N/A` (the list is in `rules/fields.toml`).
    ///
    /// ## Why
    /// "The team" owning a task means nobody does; naming one person makes it happen.
    ///
    /// ## Example
    /// `- [ ] Send updated pricing — Owner: TBD — Due: June 28, 2024` reports `TBD`.
    ///
    /// ## Fix safety
    /// No fix: only the author knows who owns the task.
    pub struct VagueOwner {
        code: "CCR403",
        name: "vague-owner",
        severity: Warning,
        fix: None,
        summary: "A task's owner is not a named person",
    }
}

impl Rule for VagueOwner {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let fields = &cx.settings.data.fields;
        for t in cx
            .report
            .content
            .tasks
            .iter()
            .filter(|t| !t.is_closed(fields))
        {
            let Some(owner) = filled(&t.owner) else {
                continue;
            };
            // `TBD` is template text left in: `unfilled-placeholder` reports it, once (this
            // rule does when that one is off).
            let placeholder_rule = crate::rules::find("CCR204")
                .is_some_and(|m| cx.settings.selection.enabled(&m.id()));
            let template = placeholder_rule && cx.settings.data.placeholders.is_match(&owner.text);
            if fields.is_vague_owner(&owner.text) && !template {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        owner.span.clone(),
                        format!("'{}' does not name an owner for {}", owner.text, t.label()),
                    )
                    .with_help("name the one person responsible, e.g. `Owner: Jane Doe`"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That no open task was due before the end of the report's period (or, without a
    /// period, before today). A record of one day (minutes) or a running log (a period
    /// taken from its sections' dates) has no period its tasks were due within, so it is
    /// not checked. A task is closed when its box is checked (`- [x]`) or its
    /// status is Done, Closed, Completed, Resolved, Finished or Cancelled.
    ///
    /// ## Why
    /// A report that lists an overdue task as open should say what happened to it: done and
    /// not ticked, moved, or late.
    ///
    /// ## Example
    /// With the period `June 1–30, 2024`, `- [ ] Send the proposal — Owner: Sam Lee — Due: June 20, 2024`
    /// is reported.
    ///
    /// ## Fix safety
    /// No fix: whether the task is done, moved or late is only known to the author.
    pub struct OverdueTask {
        code: "CCR404",
        name: "overdue-task",
        severity: Warning,
        fix: None,
        summary: "An open task was due before the end of the period",
    }
}

impl Rule for OverdueTask {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        let (reference, what) = match c.period.range() {
            // A one-day record's date or a log's span is not a period its tasks were due
            // within: each was raised on its own day.
            Some(_) if !c.period.is_stated() => return,
            Some((_, end)) => (end, format!("the period ended ({})", dates::long(end))),
            None => (
                cx.settings.today,
                format!("today ({})", dates::long(cx.settings.today)),
            ),
        };
        for t in &c.tasks {
            let closed = t.is_closed(&cx.settings.data.fields);
            if closed {
                continue;
            }
            let Some(d) = &t.deadline_date else { continue };
            let Some(date) = d.date() else { continue };
            if date < reference {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        d.span.clone(),
                        format!(
                            "{} was due {}, before {what}, and is still open",
                            t.label(),
                            dates::long(date)
                        ),
                    )
                    .with_help(
                        "tick it if it is done (`- [x]` or Status: Done), or give the new deadline",
                    ),
                );
            }
        }
    }
}
