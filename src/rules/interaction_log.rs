//! The interaction-log entry rules: CCR301, CCR303–CCR308 and CCR312. Entries come from the
//! typed report view in any of its forms (table row, list item, sub-heading, template sentence).

use crate::diagnostic::Diagnostic;
use crate::document::content::{Entry, filled};
use crate::document::dates;

use super::{Context, Rule, declare_rule};

const ENTRY_FORM: &str = "write each entry as `- **June 16, 2024, 10:00** — Call — Participants: … — Summary: …` or a table row `| Date | Time | Method | Participants | Summary |`";

declare_rule! {
    /// ## What it checks
    /// That every interaction-log entry has a date: a date cell, the date at the start of a
    /// list item or sub-heading, a `Date:` line, or the date of the template sentence
    /// `On June 16, 2024, a meeting was held with …`. A date without a year takes it from the
    /// period. A date that cannot be read (`3/4`, no year) is named in the message; a vague
    /// one (`yesterday`) is reported by `vague-date` alone.
    ///
    /// ## Why
    /// An interaction log is a dated record; an undated entry cannot be placed, checked
    /// against the period, or cited later.
    ///
    /// ## Example
    /// ```markdown
    /// | Date | Method | Participants | Summary |
    /// | --- | --- | --- | --- |
    /// |  | Call | Jane Doe | Pricing review. |
    /// ```
    /// reports the empty date cell.
    ///
    /// ## Fix safety
    /// No fix: only the author knows when the interaction happened.
    pub struct EntryMissingDate {
        code: "CCR301",
        name: "entry-missing-date",
        severity: Error,
        fix: None,
        summary: "An interaction-log entry has no date",
    }
}

impl Rule for EntryMissingDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let fields = &cx.settings.data.fields;
        for e in &cx.report.content.entries {
            if e.date.is_some() {
                continue;
            }
            // A vague date (`yesterday`) is `vague-date`'s: one problem, one finding.
            if filled(&e.date_text).is_some_and(|v| !fields.vague_times(&v.text).is_empty()) {
                continue;
            }
            let message = match filled(&e.date_text) {
                Some(v) => format!("interaction date '{}' is not a date", v.text),
                None => format!("{} has no date", e.label()),
            };
            out.push(
                cx.diagnostic(&Self::META, e.missing_span(&e.date_text), message)
                    .with_help("give the date of the interaction, e.g. `June 16, 2024`"),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every dated interaction falls inside the report's period, and none is dated after
    /// today (`--today`, default the machine's date).
    ///
    /// ## Why
    /// An entry outside the period belongs in another report, or its date is a typo; an entry
    /// in the future is certainly a typo.
    ///
    /// ## Example
    /// With the period `June 1–30, 2024`, an entry dated `July 2, 2024` is reported.
    ///
    /// ## Fix safety
    /// No fix: the right date (or the right report) is only known to the author.
    pub struct EntryOutsidePeriod {
        code: "CCR303",
        name: "entry-outside-period",
        severity: Warning,
        fix: None,
        summary: "An interaction is dated outside the report's period or in the future",
    }
}

impl Rule for EntryOutsidePeriod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let c = &cx.report.content;
        let today = cx.settings.today;
        for e in &c.entries {
            let Some(d) = &e.date else { continue };
            let Some(date) = d.date() else { continue };
            // A one-day record's date is not a reporting period to hold entries to.
            if let Some((start, end)) = c.period.range().filter(|_| c.period.is_stated())
                && (date < start || date > end)
            {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        d.span.clone(),
                        format!(
                            "{} is outside the report's period ({} to {})",
                            e.label(),
                            dates::long(start),
                            dates::long(end)
                        ),
                    )
                    .with_help("correct the date, or move the entry to the report for its period"),
                );
            } else if date > today {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        d.span.clone(),
                        format!(
                            "{} is dated after today ({})",
                            e.label(),
                            dates::long(today)
                        ),
                    )
                    .with_help(
                        "an interaction log records contacts that have happened; correct the date",
                    ),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That interaction-log entries are in chronological order. Oldest-first and newest-first
    /// logs are both accepted; the direction is taken from the first and last dated entries,
    /// and the first entry that breaks it is reported at its date.
    ///
    /// ## Why
    /// Readers scan a log by date; an entry out of place is easily missed, or is a wrong date.
    ///
    /// ## Example
    /// Entries dated June 3, June 20, June 12 report the June 12 entry.
    ///
    /// ## Fix safety
    /// No fix: moving entries is left to the author.
    pub struct EntriesOutOfOrder {
        code: "CCR304",
        name: "entries-out-of-order",
        severity: Warning,
        fix: None,
        summary: "Interaction-log entries are not in chronological order",
    }
}

impl Rule for EntriesOutOfOrder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let dated: Vec<(&Entry, jiff::civil::Date)> = cx
            .report
            .content
            .entries
            .iter()
            .filter_map(|e| e.date.as_ref().and_then(|d| d.date()).map(|d| (e, d)))
            .collect();
        let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
            return;
        };
        let ascending = last.1 >= first.1;
        let broken = dated.windows(2).find(|w| {
            if ascending {
                w[1].1 < w[0].1
            } else {
                w[1].1 > w[0].1
            }
        });
        let Some([prev, this]) = broken else { return };
        let Some(d) = &this.0.date else { return };
        let order = if ascending {
            "oldest first"
        } else {
            "newest first"
        };
        out.push(
            cx.diagnostic(
                &Self::META,
                d.span.clone(),
                format!(
                    "{} is out of order: it follows the entry of {}",
                    this.0.label(),
                    dates::long(prev.1)
                ),
            )
            .with_help(format!(
                "keep the log in one chronological order (this log runs {order})"
            )),
        );
    }
}

/// The shared body of the "entry has no X" rules.
fn missing_field(
    cx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    meta: &'static super::RuleMeta,
    field: fn(&Entry) -> &Option<crate::document::content::Val>,
    what: &str,
    help: &str,
    only_dated: bool,
) {
    let applies = |e: &Entry| !only_dated || e.date.is_some();
    for e in cx.report.content.entries.iter().filter(|e| applies(e)) {
        if filled(field(e)).is_none() {
            out.push(
                cx.diagnostic(
                    meta,
                    e.missing_span(field(e)),
                    format!("{} has no {what}", e.label()),
                )
                .with_help(help.to_string()),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every interaction-log entry says how the contact happened: call, email, meeting,
    /// video call, site visit, chat, … (a Method column, a `Method:` line, or a part of the
    /// entry line such as `— Call —`).
    ///
    /// ## Why
    /// A call and a signed letter carry different weight; the method says which.
    ///
    /// ## Example
    /// ```markdown
    /// - **June 16, 2024** — Participants: Jane Doe — Summary: Pricing.
    /// ```
    /// reports that the entry has no method.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the method.
    pub struct EntryMissingMethod {
        code: "CCR305",
        name: "entry-missing-method",
        severity: Error,
        fix: None,
        summary: "An interaction-log entry does not say how the contact happened",
    }
}

impl Rule for EntryMissingMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        missing_field(
            cx,
            out,
            &Self::META,
            |e| &e.method,
            "method",
            ENTRY_FORM,
            false,
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// That every interaction-log entry names its participants (a Participants or Attendees
    /// column, a `Participants:` line, or `Call with Jane Doe`).
    ///
    /// ## Why
    /// Who was in the room is what a later reader most often needs to know.
    ///
    /// ## Example
    /// ```markdown
    /// - **June 16, 2024** — Call — Summary: Pricing.
    /// ```
    /// reports that the entry has no participants.
    ///
    /// ## Fix safety
    /// No fix: only the author knows who took part.
    pub struct EntryMissingParticipants {
        code: "CCR306",
        name: "entry-missing-participants",
        severity: Error,
        fix: None,
        summary: "An interaction-log entry names no participants",
    }
}

impl Rule for EntryMissingParticipants {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        missing_field(
            cx,
            out,
            &Self::META,
            |e| &e.participants,
            "participants",
            ENTRY_FORM,
            false,
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// That every interaction-log entry says what was discussed or agreed (a Summary or
    /// Notes column, a `Summary:` line, a paragraph under the entry's sub-heading, or
    /// `… regarding …` in the template sentence).
    ///
    /// ## Why
    /// A log entry without a summary records that a contact happened but not why it mattered.
    ///
    /// ## Example
    /// ```markdown
    /// - **June 16, 2024** — Call — Participants: Jane Doe
    /// ```
    /// reports that the entry has no summary.
    ///
    /// ## Fix safety
    /// No fix: only the author knows what was said.
    pub struct EntryMissingSummary {
        code: "CCR307",
        name: "entry-missing-summary",
        severity: Error,
        fix: None,
        summary: "An interaction-log entry has no summary",
    }
}

impl Rule for EntryMissingSummary {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        missing_field(
            cx,
            out,
            &Self::META,
            |e| &e.summary,
            "summary",
            ENTRY_FORM,
            false,
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// That interaction-log entries give a time of day (`10:00`, `2:30 PM`, `14:30 CET`)
    /// in a Time column, a `Time:` line, or after the date.
    ///
    /// ## Why
    /// Several contacts on one day are ordered by time, and a time with a zone settles
    /// "which call?" questions across offices. Recommended, not required.
    ///
    /// ## Example
    /// ```markdown
    /// - **June 16, 2024** — Call — Participants: Jane Doe — Summary: Pricing.
    /// ```
    /// reports that the entry has no time.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the time.
    pub struct EntryMissingTime {
        code: "CCR308",
        name: "entry-missing-time",
        severity: Info,
        fix: None,
        summary: "An interaction-log entry has no time of day",
    }
}

impl Rule for EntryMissingTime {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // An entry without a real date has that reported; its time comes after.
        missing_field(
            cx,
            out,
            &Self::META,
            |e| &e.time,
            "time",
            "add the time after the date, e.g. `June 16, 2024, 10:00`",
            true,
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// That an entry's method is one the report format knows: call, phone call, video call,
    /// conference call, email, meeting, in-person meeting, site visit, chat, instant message,
    /// letter, webinar, text message and their aliases (`rules/fields.toml`; add your own
    /// with `[fields] paths` in the config).
    ///
    /// ## Why
    /// A fixed vocabulary of methods lets reports be compared and filtered; `Catch-up` or
    /// `Sync` says little about how the contact happened.
    ///
    /// ## Example
    /// `| June 16, 2024 | 10:00 | Sync | Jane Doe | Pricing. |` reports `Sync`.
    ///
    /// ## Fix safety
    /// No fix: the right method is only known to the author.
    pub struct UnknownMethod {
        code: "CCR312",
        name: "unknown-method",
        severity: Info,
        fix: None,
        summary: "An interaction's method is not a known method",
    }
}

impl Rule for UnknownMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let fields = &cx.settings.data.fields;
        for e in &cx.report.content.entries {
            let Some(m) = filled(&e.method) else { continue };
            if fields.method(&m.text).is_some() {
                continue;
            }
            out.push(
                cx.diagnostic(
                    &Self::META,
                    m.span.clone(),
                    format!("'{}' is not a known interaction method", m.text),
                )
                .with_help(format!("use one of: {}", fields.methods.join(", "))),
            );
        }
    }
}
