//! The date rules that look at every date in the report: CCR302 invalid-date, CCR309
//! inconsistent-date-format, CCR310 vague-date, CCR311 ambiguous-date.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::ProseContext;
use crate::document::bytes::ByteSet;
use crate::document::dates::{self, DateContext, DateFormat, DateValue};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every date in the report is a calendar date: no `June 31, 2024`, no
    /// `February 30`, `February 29` only in leap years, no month 13 (`2024-13-01`). Dates are
    /// found in prose, headings, list items and table cells; code is ignored.
    ///
    /// ## Why
    /// An impossible date is a typo that hides the real one.
    ///
    /// ## Example
    /// `The incident was resolved on June 31, 2024.` reports `June 31, 2024`.
    ///
    /// ## Fix safety
    /// No fix: the intended date is only known to the author.
    pub struct InvalidDate {
        code: "CCR302",
        name: "invalid-date",
        severity: Error,
        fix: None,
        summary: "A date does not exist in the calendar",
    }
}

impl Rule for InvalidDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for d in &cx.report.content.dates {
            if let DateValue::Invalid(reason) = &d.value {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        d.span.clone(),
                        format!("'{}' is not a real date: {reason}", d.text),
                    )
                    .with_help("correct the day, month or year"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That full dates (day, month and year) are written in one format throughout the report:
    /// `June 16, 2024`, `16 June 2024`, `2024-06-16`, `06/16/2024` or `16/06/2024`.
    /// Abbreviations and ordinals (`Jun 16th, 2024`) count as their family. The report's
    /// dominant format (the most used; on a tie, the first) wins, or the config's
    /// `[dates] format` when set. Dates without a year and ambiguous numeric dates are not
    /// compared.
    ///
    /// ## Why
    /// Mixed formats make a reader stop and check whether `06/07/2024` and `June 7, 2024`
    /// are the same day.
    ///
    /// ## Example
    /// In a report that writes `June 16, 2024` everywhere, `2024-06-20` is reported with the
    /// suggestion `June 20, 2024`.
    ///
    /// ## Fix safety
    /// Unsafe: the rewrite keeps the date exactly, but it changes the author's text, so it
    /// runs only with `--fix --unsafe-fixes`. An ambiguous date is never rewritten.
    pub struct InconsistentDateFormat {
        code: "CCR309",
        name: "inconsistent-date-format",
        severity: Info,
        fix: Unsafe,
        summary: "Dates are written in more than one format",
    }
}

impl Rule for InconsistentDateFormat {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let full: Vec<_> = cx
            .report
            .content
            .dates
            .iter()
            .filter(|d| d.format.is_full())
            .filter_map(|d| d.date().map(|date| (d, date)))
            .collect();
        let render: Box<dyn Fn(DateFormat, jiff::civil::Date) -> String> =
            match &cx.settings.date_format {
                Some(fmt) => {
                    let fmt = fmt.clone();
                    Box::new(move |_, date| {
                        jiff::fmt::strtime::format(fmt.as_str(), date).unwrap_or_default()
                    })
                }
                None => Box::new(|f: DateFormat, date| f.render(date)),
            };
        let dominant = if cx.settings.date_format.is_some() {
            None
        } else {
            let mut counts: HashMap<DateFormat, (usize, usize)> = HashMap::new();
            for (i, (d, _)) in full.iter().enumerate() {
                let e = counts.entry(d.format).or_insert((0, i));
                e.0 += 1;
            }
            if counts.len() < 2 {
                return;
            }
            counts
                .into_iter()
                .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
                .map(|(f, _)| f)
        };
        for (d, date) in full {
            let target = dominant.unwrap_or(d.format);
            let wanted = render(target, date);
            let differs = match dominant {
                Some(f) => d.format != f,
                None => !wanted.is_empty() && d.text != wanted,
            };
            if !differs || wanted.is_empty() {
                continue;
            }
            let what = match (dominant, &cx.settings.date_format) {
                (Some(f), _) => format!("'{}'", f.describe()),
                (None, Some(fmt)) => format!("the configured format '{fmt}'"),
                (None, None) => String::new(),
            };
            let mut diag = cx
                .diagnostic(
                    &Self::META,
                    d.span.clone(),
                    format!("'{}' is not in the report's date format ({what})", d.text),
                )
                .with_help(format!("write it as '{wanted}'"));
            // Only a rewrite that reads back as the very same date keeps the meaning (a
            // configured format may drop the year or flip the day and month).
            if reads_back(&wanted, date, cx.settings.date_order) {
                diag = diag.with_fix(Fix::unsafe_(
                    format!("rewrite as '{wanted}'"),
                    vec![Edit::replace(d.span.clone(), wanted)],
                ));
            }
            out.push(diag);
        }
    }
}

/// Whether `text` is exactly one full date, and that date is `date`.
fn reads_back(
    text: &str,
    date: jiff::civil::Date,
    order: Option<crate::settings::DateOrder>,
) -> bool {
    let found = dates::find_dates(
        text,
        &DateContext {
            order,
            period: None,
        },
    );
    matches!(found.as_slice(), [m] if m.range == (0..text.len()) && m.format.is_full() && m.date() == Some(date))
}

declare_rule! {
    /// ## What it checks
    /// That where a record needs a date — an interaction's date or time, a task's deadline,
    /// a next step — it is not a vague or relative expression such as `yesterday`,
    /// `next week`, `soon`, `ASAP`, `EOD` or `end of month` (the list is in
    /// `rules/fields.toml`). In the author's own prose it also reports a `Key: value` line whose
    /// whole value is such an expression (`Next update: soon`) and a relative day in the past
    /// (`we fixed it yesterday`; the `past-day` word class of `vocabulary/word-classes.toml`):
    /// a record says when things happened.
    ///
    /// One problem, one finding: `ASAP`, `EOD` and the like are also informal (CCR601); where
    /// this rule reports one, CCR601 does not, and elsewhere CCR601 does.
    ///
    /// ## Why
    /// A report is read weeks later and by other people; "next week" then means nothing.
    ///
    /// ## Example
    /// `- [ ] Book the follow-up meeting — Owner: Sam Lee — Due: next week` reports `next week`.
    ///
    /// ## Fix safety
    /// No fix: only the author knows the date meant.
    pub struct VagueDate {
        code: "CCR310",
        name: "vague-date",
        severity: Warning,
        fix: None,
        summary: "A vague or relative expression stands where a date is needed",
    }
}

/// Where a vague expression stands for a date: those the report view read where a record
/// needs one (an entry's date, a task's deadline, a next step), then, in the author's own
/// prose, a `Key: value` line whose whole value is one (`Next update: soon`) and a relative
/// day in the past (`we fixed it yesterday`: the `past-day` word class).
pub(crate) fn vague_dates<'c>(cx: &'c Context<'_>) -> &'c [(Range<usize>, String)] {
    cx.vague_dates.get_or_init(|| find_vague_dates(cx))
}

fn find_vague_dates(cx: &Context<'_>) -> Vec<(Range<usize>, String)> {
    let mut found: Vec<(Range<usize>, String)> = cx
        .report
        .content
        .vague
        .iter()
        // Someone else's words are theirs to word (DESIGN §9).
        .filter(|v| cx.checks_quotes() || !cx.doc.overlaps_quoted(&v.span))
        .map(|v| (v.span.clone(), v.text.clone()))
        .collect();
    found.sort_by_key(|(r, _)| r.start);
    let from_view: Vec<Range<usize>> = found.iter().map(|(r, _)| r.clone()).collect();
    let fields = &cx.settings.data.fields;
    let past = cx.settings.data.vocabulary.class("past-day");
    // The past-day phrases in one automaton, for a quick test of each run.
    let past_finder = cx.settings.data.vocabulary.class_finder("past-day");
    for prose in &cx.doc.prose {
        // Sentences and `Key: value` lines live in paragraphs and list items; the report view
        // reads the table cells where a record needs a date.
        if !matches!(
            prose.context,
            ProseContext::Paragraph | ProseContext::ListItem(_)
        ) || cx.skips_run(prose)
        {
            continue;
        }
        let text = prose.text.as_ref();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        let lines = if prose.bytes.any(ByteSet::COLON) {
            text
        } else {
            ""
        };
        for line in lines.split('\n') {
            let start = at;
            at += line.len() + 1;
            let lead = line.trim_start_matches(|c: char| !c.is_alphanumeric());
            let Some(colon) = lead.find(':') else {
                continue;
            };
            let rest = &lead[colon + 1..];
            let value = rest.trim().trim_end_matches(['.', '!', ';']);
            // A vague expression is a few words: a longer value is a sentence (tested first:
            // most values are longer than any expression).
            if !fields.is_vague_time(value)
                || value.split_whitespace().nth(4).is_some()
                || lead[..colon].split_whitespace().count() > 4
            {
                continue;
            }
            let value_start = start
                + (line.len() - lead.len())
                + colon
                + 1
                + (rest.len() - rest.trim_start().len());
            ranges.push(value_start..value_start + value.len());
        }
        if let Some(past) = past {
            let may = past_finder.is_some_and(|f| f.is_match(text));
            if may {
                let toks = crate::vocab::Tokens::new(text);
                for i in 0..toks.toks.len() {
                    for phrase in &past.phrases {
                        let n = phrase.len();
                        if (0..n).all(|k| {
                            let t = toks.str(i + k);
                            !t.is_empty() && t.eq_ignore_ascii_case(&phrase[k])
                        }) {
                            ranges
                                .push(toks.toks[i].range().start..toks.toks[i + n - 1].range().end);
                        }
                    }
                }
            }
        }
        for r in ranges {
            if !prose.is_plain(r.clone()) || !cx.is_checked(prose, r.clone()) {
                continue;
            }
            let Some(span) = prose.to_source(r.clone()) else {
                continue;
            };
            // The report view's spans (sorted) are where this run's may already be reported.
            let i = from_view.partition_point(|f| f.end <= span.start);
            if from_view.get(i).is_some_and(|f| f.start < span.end) {
                continue;
            }
            found.push((span, text[r].to_string()));
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

impl Rule for VagueDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (span, text) in vague_dates(cx) {
            out.push(
                cx.diagnostic(&Self::META, span.clone(), format!("'{text}' is not a date"))
                    .with_help("write the calendar date, e.g. `by June 20, 2024`"),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That numeric dates such as `03/04/2024` can be read only one way. When both the
    /// month-first and the day-first reading are real, different dates and the config does
    /// not set `[dates] order = "mdy"` or `"dmy"`, the date is ambiguous.
    ///
    /// ## Why
    /// `03/04/2024` is March 4 in the United States and 3 April almost everywhere else; a
    /// report read across offices must not depend on the reader's habit.
    ///
    /// ## Example
    /// `- **03/04/2024** — Call — …` is reported; `06/16/2024` is not (there is no month 16).
    ///
    /// ## Fix safety
    /// No fix: which reading is meant is only known to the author.
    pub struct AmbiguousDate {
        code: "CCR311",
        name: "ambiguous-date",
        severity: Warning,
        fix: None,
        summary: "A numeric date can be read as two different dates",
    }
}

impl Rule for AmbiguousDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for d in &cx.report.content.dates {
            if let DateValue::Ambiguous { mdy, dmy } = d.value {
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        d.span.clone(),
                        format!(
                            "'{}' could be {} or {}",
                            d.text,
                            DateFormat::MonthDayYear.render(mdy),
                            DateFormat::MonthDayYear.render(dmy)
                        ),
                    )
                    .with_help("write the month as a word (`June 16, 2024`), or set `[dates] order = \"mdy\"` or `\"dmy\"` in .ccr-lint.toml"),
                );
            }
        }
    }
}
