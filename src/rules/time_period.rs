//! CCR202 missing-time-period and CCR203 invalid-time-period.

use crate::diagnostic::Diagnostic;
use crate::document::content::Period;

use super::{Context, Rule, declare_rule};

pub(crate) const PERIOD_FORMS: &str = "`June 1–30, 2024`, `1 June 2024 – 30 June 2024`, `2024-06-01 to 2024-06-30`, `June 2024` or `Q3 2024`";

declare_rule! {
    /// ## What it checks
    /// That the report states the period it covers: a range such as `June 1–30, 2024`,
    /// `June 1 – July 15, 2024`, `1 June 2024 – 30 June 2024`, `2024-06-01 to 2024-06-30`,
    /// `June 2024` or `Q3 2024`, under Time Period or, failing that, in front matter
    /// (`period`, `start`/`end`, a range in `description`), the title (`Update 2023-09`,
    /// `2025 Q2 Report`), the lines under it, a `Reporting Period:` line or the Executive
    /// Summary. A record of one day (minutes, an incident report) has its date as the
    /// period: in the title, front matter's `date`, or a `Date:` line under the title.
    ///
    /// When the Time Period section is missing, `missing-section` reports it (with a fix),
    /// and when it is empty, `empty-section` does; this rule then says nothing more.
    ///
    /// ## Why
    /// Every other date check (entries outside the period, overdue tasks, dates written
    /// without a year) depends on the period; a report without one cannot be read on its own.
    ///
    /// ## Example
    /// ```markdown
    /// # Client Communication Report — Fabrikam
    /// ## Time Period
    /// ```
    /// reports that no period is stated.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the period.
    pub struct MissingTimePeriod {
        code: "CCR202",
        name: "missing-time-period",
        severity: Error,
        fix: None,
        summary: "The report states no time period",
    }
}

impl Rule for MissingTimePeriod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        if !matches!(c.period, Period::Missing) {
            return;
        }
        // One problem, one finding: a missing Time Period section is `missing-section`'s
        // (which carries the fix), an empty one `empty-section`'s.
        let enabled = |code: &str| {
            crate::rules::find(code).is_some_and(|m| cx.settings.selection.enabled(&m.id()))
        };
        let set = &cx.settings.data.sections;
        let required = set
            .find("time-period")
            .is_some_and(|k| set.sections[k].required.severity().is_some());
        match c.period_section.and_then(|s| cx.doc.sections.get(s)) {
            None if required && enabled("CCR101") => return,
            Some(s) if enabled("CCR102") && cx.doc.blocks_in(s.body.clone()).next().is_none() => {
                return;
            }
            _ => {}
        }
        let at = c
            .period_section
            .and_then(|s| cx.doc.sections.get(s))
            .and_then(|s| cx.doc.headings.get(s.heading))
            .or_else(|| cx.doc.headings.iter().find(|h| h.level == 1))
            .map_or(cx.doc.content_start()..cx.doc.content_start(), |h| {
                h.span.clone()
            });
        out.push(
            cx.diagnostic(&Self::META, at, "the report states no time period")
                .with_help(format!(
                    "state the period under `## Time Period`, e.g. {PERIOD_FORMS}"
                )),
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// That the stated period is a real range: both ends are calendar dates (no
    /// `February 30`, no `June 31`, `February 29` only in leap years), the end is not before
    /// the start, numeric dates are not ambiguous, and the Time Period section's text is a
    /// period at all.
    ///
    /// ## Why
    /// An impossible or reversed period silently breaks every check that compares dates with it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Time Period
    /// June 30 – June 1, 2024
    /// ```
    /// reports that the period ends before it starts.
    ///
    /// ## Fix safety
    /// No fix: the intended dates are only known to the author.
    pub struct InvalidTimePeriod {
        code: "CCR203",
        name: "invalid-time-period",
        severity: Error,
        fix: None,
        summary: "The time period is unreadable, impossible, or ends before it starts",
    }
}

impl Rule for InvalidTimePeriod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Period::Invalid { span, reason, .. } = &cx.report.content.period else {
            return;
        };
        let shown = cx.text(span.clone()).trim().to_string();
        out.push(
            cx.diagnostic(
                &Self::META,
                span.clone(),
                format!("the time period '{shown}' is not valid: {reason}"),
            )
            .with_help(format!("write the period as {PERIOD_FORMS}")),
        );
    }
}
