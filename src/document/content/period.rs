//! The reporting period, from wherever the report states it (DESIGN §9), in this order:
//!
//! 1. the Time Period section (a range, `Start:`/`End:` lines, or what is wrong with it);
//! 2. front matter: `period`, `start`/`end`, or a range in `description`, `title`, `summary`;
//! 3. the title (the first heading): a range, a month (`Update 2023-09`, `September 2024
//!    Report`) or a quarter (`Q3 2025`, `2025 Q2`); or a level-1 heading that is a period
//!    (`# 2016 Q4`);
//! 4. the lines under the title: `**12/09/2020 - 12/22/2020**`, `Period: June 2024`;
//! 5. a `Reporting Period: …` line anywhere;
//! 6. a range in the Executive Summary;
//! 7. a log whose sections each state a range (`## Sprint Goals 1/9/2022 - 1/20/2022`): from
//!    the first start to the last end;
//! 8. for a record of one day (minutes, an incident report), its single date: in the title,
//!    front matter's `date`, or a `Date:` line (or a line that is a date) under the title;
//! 9. a year alone in the title (`2021 Annual Report`): the whole year.
//!
//! Only the Time Period section can make the period invalid: a broken date elsewhere is
//! `invalid-date`'s. Lines holding template text (`TODO: state the reporting period, e.g.
//! June 1–30, 2024.`) are never read as data.

use std::ops::Range;

use jiff::civil::Date;

use super::super::dates::{self, DateContext};
use super::super::{Prose, ProseContext};
use super::toolkit::{key_value, lines, shift};
use super::{Cx, Period, PeriodSource};
use crate::data::fields::normalize_key;
use crate::settings::DateOrder;

/// Keys of a line that states the period (`Reporting Period: June 2024`).
const PERIOD_KEYS: [&str; 7] = [
    "period",
    "time period",
    "reporting period",
    "period covered",
    "report period",
    "date range",
    "dates",
];

/// Keys of a line that gives a record's date (`**Date:** September 8, 2022`).
const DATE_KEYS: [&str; 7] = [
    "date",
    "meeting date",
    "date/time",
    "meeting date/time",
    "date and time",
    "when",
    "held on",
];

/// Front-matter keys that may hold the period or the record's date.
const FRONT_MATTER_TEXT_KEYS: [&str; 4] = ["description", "title", "summary", "subtitle"];

/// How many prose runs under the title are read as the report's header lines.
const HEADER_RUNS: usize = 4;

/// One place the period may be stated.
type Source<'c> = dyn Fn(&Cx<'_, '_>) -> Option<Period> + 'c;

impl Cx<'_, '_> {
    pub(super) fn period(&mut self, order: Option<DateOrder>) {
        if let Some(p) = self.period_in_sections(order) {
            self.content.period = p;
            return;
        }
        let sources: [&Source<'_>; 9] = [
            &|cx| cx.front_matter_period(order, false),
            &|cx| cx.title_run().and_then(|p| cx.range_in(p, order)),
            &|cx| cx.period_heading(order),
            &|cx| cx.header_lines(order, false),
            &|cx| cx.reporting_period_line(order),
            &|cx| cx.summary_range(order),
            &|cx| cx.heading_ranges(order),
            &|cx| cx.record_date(order),
            &|cx| cx.title_year(),
        ];
        for source in sources {
            if let Some(p) = source(self) {
                self.content.period = p;
                return;
            }
        }
    }

    /// Whether a text holds template text, which is never data.
    fn is_template(&self, text: &str) -> bool {
        self.placeholders.is_match(text)
    }

    /// The period a prose run states as a range, a month or a quarter (invalid ones are
    /// left out: only the Time Period section is held to its period).
    fn range_in(&self, p: &Prose, order: Option<DateOrder>) -> Option<Period> {
        lines(&p.text).find_map(|line| {
            let text = p.text.get(line.clone())?;
            if self.is_template(text) {
                return None;
            }
            let m = dates::parse_period(text, order)?.ok()?;
            let span = p.to_source(shift(m.range, line.start))?;
            Some(Period::Valid {
                span,
                start: m.start,
                end: m.end,
                source: PeriodSource::Stated,
            })
        })
    }

    fn period_in_sections(&self, order: Option<DateOrder>) -> Option<Period> {
        let found = |p: &Prose| {
            dates::parse_period(&p.text, order).map(|r| match r {
                Ok(m) => Period::Valid {
                    span: source_of(p, m.range.clone()),
                    start: m.start,
                    end: m.end,
                    source: PeriodSource::Stated,
                },
                Err(e) => Period::Invalid {
                    span: source_of(p, e.range.clone()),
                    text: p.text.get(e.range).unwrap_or("").to_string(),
                    reason: e.reason,
                },
            })
        };
        let mut first_run = None;
        for body in self.bodies("time-period") {
            let runs: Vec<&Prose> = self
                .doc
                .prose_in(body)
                .map(|(_, p)| p)
                .filter(|p| !self.is_template(&p.text))
                .collect();
            if let Some(p) = runs.iter().find_map(|p| found(p)) {
                return Some(p);
            }
            // `Start: June 1, 2024` and `End: June 30, 2024` on separate lines.
            let all: Vec<(Range<usize>, dates::DateMatch)> = runs
                .iter()
                .flat_map(|p| {
                    dates::find_dates(
                        &p.text,
                        &DateContext {
                            order,
                            period: None,
                        },
                    )
                    .into_iter()
                    .filter_map(|m| p.to_source(m.range.clone()).map(|s| (s, m)))
                })
                .collect();
            if let [(sa, a), (sb, b)] = all.as_slice()
                && let (Some(start), Some(end)) = (a.date(), b.date())
                && a.format.is_full()
                && b.format.is_full()
            {
                return Some(if end < start {
                    Period::Invalid {
                        span: sa.start..sb.end,
                        text: String::new(),
                        reason: "it ends before it starts".into(),
                    }
                } else {
                    Period::Valid {
                        span: sa.start..sb.end,
                        start,
                        end,
                        source: PeriodSource::Stated,
                    }
                });
            }
            if first_run.is_none() {
                first_run = runs.first().map(|p| Period::Invalid {
                    span: p.span.clone(),
                    text: p.text.to_string(),
                    reason: "no date range could be read from it".into(),
                });
            }
        }
        first_run
    }

    /// Front matter's `key: value` lines (YAML, or TOML's `key = "value"`), as the key
    /// (normalised) and the value's range in the source.
    fn front_matter_fields(&self) -> Vec<(String, Range<usize>)> {
        let Some(fm) = &self.doc.front_matter else {
            return Vec::new();
        };
        let text = &self.doc.source[fm.clone()];
        let mut out = Vec::new();
        let mut at = fm.start;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let body = line.trim_end();
            let Some(sep) = body.find([':', '=']) else {
                continue;
            };
            let key = body[..sep].trim();
            if key.is_empty() || key.starts_with(['-', '#', ' ']) || key.contains(' ') {
                continue;
            }
            let raw = &body[sep + 1..];
            let value = raw.trim().trim_matches(['"', '\'']);
            if value.is_empty() {
                continue;
            }
            let offset = raw.find(value).map_or(0, |i| i + sep + 1);
            let vstart = start + offset;
            out.push((
                normalize_key(key).replace('_', " "),
                vstart..vstart + value.len(),
            ));
        }
        out
    }

    fn front_matter_period(&self, order: Option<DateOrder>, single: bool) -> Option<Period> {
        let fields = self.front_matter_fields();
        let value = |r: &Range<usize>| self.doc.source.get(r.clone()).unwrap_or("");
        let date_of = |r: &Range<usize>| {
            let text = value(r);
            dates::find_dates(
                text,
                &DateContext {
                    order,
                    period: None,
                },
            )
            .into_iter()
            .find(|m| m.format.is_full())
            .and_then(|m| Some((m.date()?, shift(m.range, r.start))))
        };
        if single {
            return fields
                .iter()
                .filter(|(k, _)| k == "date" || FRONT_MATTER_TEXT_KEYS.contains(&k.as_str()))
                .find_map(|(_, r)| date_of(r))
                .map(|(d, span)| Period::Valid {
                    span,
                    start: d,
                    end: d,
                    source: PeriodSource::RecordDate,
                });
        }
        let stated = |keys: &[&str]| {
            fields
                .iter()
                .filter(|(k, _)| keys.contains(&k.as_str()))
                .find_map(|(_, r)| {
                    let m = dates::parse_period(value(r), order)?.ok()?;
                    Some(Period::Valid {
                        span: shift(m.range, r.start),
                        start: m.start,
                        end: m.end,
                        source: PeriodSource::Stated,
                    })
                })
        };
        if let Some(p) = stated(&PERIOD_KEYS) {
            return Some(p);
        }
        let get = |keys: &[&str]| {
            fields
                .iter()
                .find(|(k, _)| keys.contains(&k.as_str()))
                .and_then(|(_, r)| date_of(r))
        };
        if let (Some((start, a)), Some((end, b))) = (
            get(&["start", "start date", "from", "period start"]),
            get(&["end", "end date", "to", "until", "period end"]),
        ) && start <= end
        {
            return Some(Period::Valid {
                span: a.start.min(b.start)..a.end.max(b.end),
                start,
                end,
                source: PeriodSource::Stated,
            });
        }
        // A range (not a lone month) in a description or title.
        fields
            .iter()
            .filter(|(k, _)| FRONT_MATTER_TEXT_KEYS.contains(&k.as_str()))
            .find_map(|(_, r)| {
                let m = dates::parse_period(value(r), order)?.ok()?;
                (m.start != m.end).then(|| Period::Valid {
                    span: shift(m.range, r.start),
                    start: m.start,
                    end: m.end,
                    source: PeriodSource::Stated,
                })
            })
    }

    /// A level-1 heading that is a period and little else (`# 2016 Q4`, `# June 2024`).
    fn period_heading(&self, order: Option<DateOrder>) -> Option<Period> {
        self.doc
            .headings
            .iter()
            .filter(|h| h.level == 1)
            .find_map(|h| {
                let p = self.doc.prose.get(h.prose?)?;
                let m = dates::parse_period(&p.text, order)?.ok()?;
                is_mostly(&p.text, &m.range).then(|| Period::Valid {
                    span: source_of(p, m.range.clone()),
                    start: m.start,
                    end: m.end,
                    source: PeriodSource::Stated,
                })
            })
    }

    /// The first heading's prose: the document's title.
    fn title_run(&self) -> Option<&Prose<'_>> {
        self.doc
            .headings
            .first()
            .and_then(|h| h.prose)
            .and_then(|p| self.doc.prose.get(p))
    }

    /// The prose runs that open the document: those of the title's own section before its
    /// first sub-heading (or, with no heading first, before the first heading). A heading
    /// that is a label and its value with nothing under it (`### Meeting Date/Time: Jan 30,
    /// 2025` then `### Moderator: Tim`) is one of those lines written as a heading: it is
    /// read, and reading goes on.
    fn header_runs(&self) -> Vec<&Prose<'_>> {
        let doc = self.doc;
        // A label heading with nothing under it: `## Sprint: B (1/18/24)` over a table is a
        // section of its own, not a line of the header.
        let label_heading = |hi: usize| {
            let bare = doc
                .sections
                .iter()
                .find(|s| s.heading == hi)
                .is_some_and(|s| doc.source[s.body.clone()].trim().is_empty());
            bare && doc
                .headings
                .get(hi)
                .and_then(|h| h.prose)
                .and_then(|p| doc.prose.get(p))
                .is_some_and(|p| key_value(&p.text).is_some_and(|(_, v)| !v.is_empty()))
        };
        // Up to the first heading below the title (a key/value table may come before the
        // title: it is read too, but its cells do not count towards the few runs taken).
        let end = doc
            .headings
            .iter()
            .enumerate()
            .find(|(i, h)| !(label_heading(*i) || *i == 0 && h.level == 1))
            .map_or(doc.source.len(), |(_, h)| h.span.start);
        let mut paragraphs = 0;
        doc.prose_in(doc.content_start()..end)
            .map(|(_, p)| p)
            .filter(|p| match p.context {
                ProseContext::Heading(h) => label_heading(h),
                _ => true,
            })
            .take_while(|p| {
                if !matches!(p.context, ProseContext::TableCell { .. }) {
                    paragraphs += 1;
                }
                paragraphs <= HEADER_RUNS
            })
            .collect()
    }

    /// A range under the title, or (`single`) a line under it that gives one date.
    fn header_lines(&self, order: Option<DateOrder>, single: bool) -> Option<Period> {
        let runs = self.header_runs();
        if !single {
            return runs.iter().find_map(|p| {
                lines(&p.text).find_map(|line| {
                    let text = p.text.get(line.clone())?;
                    if self.is_template(text) {
                        return None;
                    }
                    let m = dates::parse_period(text, order)?.ok()?;
                    // A range under the title is the period; a lone month or date is only
                    // when it is the whole line (not one mentioned in a sentence).
                    let range = m.start != m.end;
                    let whole_line = is_mostly(text, &m.range);
                    (range || whole_line).then(|| Period::Valid {
                        span: source_of(p, shift(m.range.clone(), line.start)),
                        start: m.start,
                        end: m.end,
                        source: PeriodSource::Stated,
                    })
                })
            });
        }
        runs.iter().find_map(|p| {
            lines(&p.text).find_map(|line| {
                let text = p.text.get(line.clone())?;
                if self.is_template(text) {
                    return None;
                }
                let m = dates::find_dates(
                    text,
                    &DateContext {
                        order,
                        period: None,
                    },
                )
                .into_iter()
                .find(|m| m.format.is_full())?;
                let date = m.date()?;
                (keyed(text, &DATE_KEYS) || is_mostly(text, &m.range)).then(|| Period::Valid {
                    span: source_of(p, shift(m.range.clone(), line.start)),
                    start: date,
                    end: date,
                    source: PeriodSource::RecordDate,
                })
            })
        })
    }

    /// A `Reporting Period: June 1–30, 2024` line anywhere.
    fn reporting_period_line(&self, order: Option<DateOrder>) -> Option<Period> {
        for p in &self.doc.prose {
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                let Some((k, v)) = key_value(l) else { continue };
                if !PERIOD_KEYS.contains(&normalize_key(&l[k]).as_str()) || self.is_template(l) {
                    continue;
                }
                let Some(Ok(m)) = dates::parse_period(&l[v.clone()], order) else {
                    continue;
                };
                if let Some(span) = p.to_source(shift(m.range, line.start + v.start)) {
                    return Some(Period::Valid {
                        span,
                        start: m.start,
                        end: m.end,
                        source: PeriodSource::Stated,
                    });
                }
            }
        }
        None
    }

    fn summary_range(&self, order: Option<DateOrder>) -> Option<Period> {
        let body = self.body(self.content.summary_section)?;
        self.doc.prose_in(body).find_map(|(_, p)| {
            self.range_in(p, order)
                .filter(|period| period.range().is_some_and(|(s, e)| s != e))
        })
    }

    /// Several headings that each state a range: the log spans them all.
    fn heading_ranges(&self, order: Option<DateOrder>) -> Option<Period> {
        let mut found: Vec<(Date, Date, Range<usize>)> = Vec::new();
        for h in self.doc.headings.iter().skip(1) {
            let Some(p) = h.prose.and_then(|p| self.doc.prose.get(p)) else {
                continue;
            };
            if let Some(Period::Valid {
                start, end, span, ..
            }) = self.range_in(p, order)
                && start != end
            {
                found.push((start, end, span));
            }
        }
        if found.len() < 2 {
            return None;
        }
        let start = found.iter().map(|f| f.0).min()?;
        let end = found.iter().map(|f| f.1).max()?;
        let first = found.first()?.2.clone();
        Some(Period::Valid {
            span: first,
            start,
            end,
            source: PeriodSource::Sections,
        })
    }

    /// A year alone in the title, `2021 Annual Report`: the whole year.
    fn title_year(&self) -> Option<Period> {
        let p = self.title_run()?;
        let text = &p.text;
        let mut years = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| {
                w.len() == 4
                    && w.bytes().all(|c| c.is_ascii_digit())
                    && (w.starts_with("19") || w.starts_with("20"))
            });
        let w = years.next()?;
        if years.next().is_some() {
            return None; // two years: a span this reader does not guess
        }
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        let year = w.parse::<i16>().ok()?;
        Some(Period::Valid {
            span: source_of(p, at..at + 4),
            start: Date::new(year, 1, 1).ok()?,
            end: Date::new(year, 12, 31).ok()?,
            source: PeriodSource::Stated,
        })
    }

    /// The single date of a record of one day: in the title, front matter's `date`, or a
    /// date line under the title.
    fn record_date(&self, order: Option<DateOrder>) -> Option<Period> {
        let in_title = self.title_run().and_then(|p| {
            let m = dates::find_dates(
                &p.text,
                &DateContext {
                    order,
                    period: None,
                },
            )
            .into_iter()
            .find(|m| m.format.is_full())?;
            let date: Date = m.date()?;
            Some(Period::Valid {
                span: source_of(p, m.range),
                start: date,
                end: date,
                source: PeriodSource::RecordDate,
            })
        });
        in_title
            .or_else(|| self.front_matter_period(order, true))
            .or_else(|| self.header_lines(order, true))
    }
}

/// Whether the line is `Key: …` with one of `keys`.
fn keyed(text: &str, keys: &[&str]) -> bool {
    key_value(text).is_some_and(|(k, _)| keys.contains(&normalize_key(&text[k]).as_str()))
}

/// Whether `range` is most of the line: what is left is at most a few words (a weekday,
/// a time, a zone: `Thursday, August 4, 2016 (7:00am - 8:30am PT)`).
fn is_mostly(text: &str, range: &Range<usize>) -> bool {
    let rest = format!(
        "{} {}",
        text.get(..range.start).unwrap_or(""),
        text.get(range.end..).unwrap_or("")
    );
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !is_time_word(w))
        .count();
    words <= 2
}

fn is_time_word(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "am" | "pm" | "utc" | "gmt" | "pt" | "et" | "ct" | "mt"
    ) || !dates::find_times(w).is_empty()
        || l.ends_with("day")
        || (l.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
}

impl Period {
    /// Whether this is a period stated as one (not a one-day record's date).
    pub fn is_stated(&self) -> bool {
        matches!(
            self,
            Period::Valid {
                source: PeriodSource::Stated,
                ..
            }
        )
    }
}

/// The source bytes of `range` of a run's text, or the whole run's when the range does not
/// map to the source (it ends inside an entity or an escape).
fn source_of(p: &Prose, range: Range<usize>) -> Range<usize> {
    p.to_source(range).unwrap_or_else(|| p.span.clone())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::content;
    use super::super::*;

    fn period(src: &str) -> Option<(Date, Date, &str)> {
        match content(src).period {
            Period::Valid {
                span, start, end, ..
            } => Some((start, end, &src[span])),
            _ => None,
        }
    }

    fn d(y: i16, m: i8, day: i8) -> Date {
        jiff::civil::date(y, m, day)
    }

    #[test]
    fn a_period_line_under_the_title() {
        let src = "# Report\n\n**Reporting Period:** 1–30 June 2024\n\n## Interaction Log\n\n- June 3 — Call — Participants: Ana — Summary: x\n";
        let c = content(src);
        let Period::Valid { span, start, .. } = &c.period else {
            panic!("{:?}", c.period)
        };
        assert_eq!(&src[span.clone()], "1–30 June 2024");
        assert_eq!(*start, d(2024, 6, 1));
        assert_eq!(
            c.entries[0].date.as_ref().and_then(DateRef::date),
            Some(d(2024, 6, 3))
        );
    }

    #[test]
    fn the_period_as_people_state_it() {
        assert_eq!(
            period("# Status\n\n**12/09/2020 - 12/22/2020**\n\n## Summary\n\nx\n"),
            Some((d(2020, 12, 9), d(2020, 12, 22), "12/09/2020 - 12/22/2020"))
        );
        assert_eq!(
            period("# Update 2023-09\n\nThings happened.\n"),
            Some((d(2023, 9, 1), d(2023, 9, 30), "2023-09"))
        );
        assert_eq!(
            period("# September 2024 Report\n"),
            Some((d(2024, 9, 1), d(2024, 9, 30), "September 2024"))
        );
        assert_eq!(
            period("# 2021 Annual Report\n"),
            Some((d(2021, 1, 1), d(2021, 12, 31), "2021"))
        );
        assert_eq!(
            period(
                "# Goals\n\n## Sprint 1/9/2022 - 1/20/2022\n\n- a\n\n## Sprint 1/23/2022 - 2/3/2022\n\n- b\n"
            ),
            Some((d(2022, 1, 9), d(2022, 2, 3), "1/9/2022 - 1/20/2022"))
        );
        assert_eq!(
            period("# 2025 Q2 Working Group Report\n"),
            Some((d(2025, 4, 1), d(2025, 6, 30), "2025 Q2"))
        );
        assert_eq!(
            period("---\ndescription: September 10, 2025 - September 23, 2025\n---\n\n# Sprint\n"),
            Some((
                d(2025, 9, 10),
                d(2025, 9, 23),
                "September 10, 2025 - September 23, 2025"
            ))
        );
        assert_eq!(
            period("---\nperiod_start: 2024-06-01\nperiod_end: 2024-06-30\n---\n# R\n"),
            Some((
                d(2024, 6, 1),
                d(2024, 6, 30),
                "2024-06-01\nperiod_end: 2024-06-30"
            ))
        );
    }

    #[test]
    fn a_one_day_record_has_its_date_as_the_period() {
        assert_eq!(
            period("# 2018-01-18, reddit hugs mybinder\n\n## Summary\n\nA repo is posted.\n"),
            Some((d(2018, 1, 18), d(2018, 1, 18), "2018-01-18"))
        );
        assert_eq!(
            period("# Forum\n\n**Date:** September 08, 2022, 1PM EDT (UTC -4)\n\n## Agenda\n"),
            Some((d(2022, 9, 8), d(2022, 9, 8), "September 08, 2022"))
        );
        assert_eq!(
            period(
                "# TSC Minutes\n\nThursday, August 4, 2016 (7:00am - 8:30am PT)\n\n## Attendees\n"
            ),
            Some((d(2016, 8, 4), d(2016, 8, 4), "August 4, 2016"))
        );
        let c =
            content("# Minutes\n\nWe met on 2024-06-03 and talked about the plan for the year.\n");
        assert!(matches!(c.period, Period::Missing), "{:?}", c.period);
    }

    #[test]
    fn template_text_is_never_the_period() {
        let src = "# Report\n\n## Time Period\n\nTODO: state the reporting period, e.g. June 1–30, 2024.\n";
        assert!(matches!(
            content(src).period,
            Period::Missing | Period::Invalid { .. }
        ));
        assert_eq!(period(src), None);
    }
}
