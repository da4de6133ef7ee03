//! The regex implementation the byte scanner in `dates.rs` replaced, kept verbatim as a test
//! oracle: the differential tests below run both on generated date-like text and require the
//! same matches, ranges, values, formats and errors.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};

use super::{
    DateContext, DateFormat, DateMatch, DateValue, PeriodError, PeriodMatch, TimeMatch, calendar,
    infer_year, last_of_month, month_number,
};
use crate::settings::DateOrder;

pub(super) const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?";
const ORD: &str = r"(?:st|nd|rd|th)?";

static DATE_RE: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        \b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b
      | \b(?P<n1>\d{{1,2}})(?P<nsep>[/.])(?P<n2>\d{{1,2}})[/.](?P<ny>\d{{4}}|\d{{2}})\b
      | \b(?P<mm>{m})\s+(?P<md>\d{{1,2}}){o}\b(?:,?\s+(?P<my>\d{{4}})\b)?
      | \b(?P<dd>\d{{1,2}}){o}\s+(?:of\s+)?(?P<dm>{m})(?:,?\s+(?P<dy>\d{{4}})\b)?
      | \b(?P<ym>{m})\s+(?P<yy>\d{{4}})\b
    ",
        m = MONTH_RE,
        o = ORD
    );
    Pattern::new(&ascii_boundaries(&pattern), "date")
});

/// Word boundaries in the date and time patterns are ASCII ones: dates are digits and
/// English month names, and Unicode `\b` keeps the regex engine off its fast path on any
/// text with a non-ASCII letter (most client names).
/// Digits are ASCII ones too (`\d` would match other scripts' digits, which dates here never
/// use, and its Unicode class makes the pattern slower to compile).
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")
}

/// A pattern searched with the fast engines first and captured only inside each match, with
/// an anchored search (so the one-pass engine can run) into one reused set of slots.
struct Pattern(meta::Regex);

impl Pattern {
    fn new(pattern: &str, what: &str) -> Self {
        // No literal prefilter: digits and month names start almost every candidate, so it
        // would not skip text, and extracting it was half of these patterns' compile time.
        let config = meta::Config::new().auto_prefilter(false);
        Pattern(
            meta::Builder::new()
                .configure(config)
                .build(pattern)
                .unwrap_or_else(|e| panic!("the {what} pattern is valid: {e}")),
        )
    }
    /// Calls `f` with the groups of every match in `text`, left to right.
    fn for_each(&self, text: &str, mut f: impl FnMut(&Caps<'_, '_>)) {
        let mut caps = self.0.create_captures();
        for m in self.0.find_iter(text) {
            let input = Input::new(text).span(m.range()).anchored(Anchored::Yes);
            self.0.search_captures(&input, &mut caps);
            if caps.is_match() {
                f(&Caps { text, caps: &caps });
            }
        }
    }

    /// The groups of the first match in `text`.
    fn first(&self, text: &str) -> Option<Captures> {
        let mut caps = self.0.create_captures();
        self.0.captures(text, &mut caps);
        caps.is_match().then_some(caps)
    }
}

/// The groups of one match.
struct Caps<'c, 't> {
    text: &'t str,
    caps: &'c Captures,
}

/// One matched group.
#[derive(Debug, Clone, Copy)]
struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'t> Caps<'_, 't> {
    fn group(&self, span: Option<regex_automata::Span>) -> Option<Group<'t>> {
        span.map(|s| Group {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }
    fn get(&self, index: usize) -> Option<Group<'t>> {
        self.group(self.caps.get_group(index))
    }
    fn name(&self, name: &str) -> Option<Group<'t>> {
        self.group(self.caps.get_group_by_name(name))
    }
}

static TIME_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        &ascii_boundaries(
            r"(?x)
        \b(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?))?(?:\s+(?P<tz>UTC[+-]\d{1,2}|GMT[+-]\d{1,2}|UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|JST|SGT))?\b
      | \b(?P<h2>\d{1,2})\s*(?P<ap2>[AaPp]\.?[Mm]\b\.?)
    ",
        ),
        "time",
    )
});

fn num(caps: &Caps<'_, '_>, name: &str) -> Option<i64> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Every date in `text`, left to right.
pub fn find_dates(text: &str, cx: &DateContext) -> Vec<DateMatch> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    DATE_RE.for_each(text, |caps| {
        let Some(whole) = caps.get(0) else { return };
        if let Some(m) = read_date(caps, cx) {
            // A date glued to more digits or to a slash-separated number is something else.
            let before = text[..whole.start()].chars().next_back();
            let after = text[whole.end()..].chars().next();
            if before.is_some_and(|c| c == '/' || c == '-' && m.format == DateFormat::Iso)
                || after.is_some_and(|c| c == '/' || c.is_ascii_digit())
            {
                return;
            }
            out.push(DateMatch {
                range: whole.range(),
                ..m
            });
        }
    });
    out
}

fn read_date(caps: &Caps<'_, '_>, cx: &DateContext) -> Option<DateMatch> {
    let with = |format, value| {
        Some(DateMatch {
            range: 0..0,
            value,
            format,
            inferred_year: false,
        })
    };
    let from = |r: Result<Date, String>| match r {
        Ok(d) => DateValue::Date(d),
        Err(e) => DateValue::Invalid(e),
    };
    if let Some(y) = num(caps, "iy") {
        let value = from(calendar(
            i32::try_from(y).ok()?,
            num(caps, "im")?,
            num(caps, "id")?,
        ));
        return with(DateFormat::Iso, value);
    }
    if let Some(n1) = num(caps, "n1") {
        let n2 = num(caps, "n2")?;
        let ytext = caps.name("ny")?.as_str();
        let mut y = i32::try_from(num(caps, "ny")?).ok()?;
        if ytext.len() == 2 {
            y += 2000;
        }
        let dotted = caps.name("nsep").is_some_and(|s| s.as_str() == ".");
        if dotted && ytext.len() == 2 {
            return None; // `1.2.24` is a version number more often than a date.
        }
        let mdy = calendar(y, n1, n2);
        let dmy = calendar(y, n2, n1);
        // Dotted dates are day-first by convention.
        let order = if dotted {
            Some(DateOrder::Dmy)
        } else {
            cx.order
        };
        return match order {
            Some(DateOrder::Mdy) => with(DateFormat::NumericMdy, from(mdy)),
            Some(DateOrder::Dmy) => with(DateFormat::NumericDmy, from(dmy)),
            None => match (mdy, dmy) {
                (Ok(a), Ok(b)) if a != b => with(
                    DateFormat::NumericMdy,
                    DateValue::Ambiguous { mdy: a, dmy: b },
                ),
                (Ok(a), _) => with(DateFormat::NumericMdy, DateValue::Date(a)),
                (_, Ok(b)) => with(DateFormat::NumericDmy, DateValue::Date(b)),
                (Err(e), Err(_)) => with(DateFormat::NumericMdy, DateValue::Invalid(e)),
            },
        };
    }
    let (month, day, year, full, short) = if let Some(m) = caps.name("mm") {
        (
            m.as_str(),
            num(caps, "md")?,
            num(caps, "my"),
            DateFormat::MonthDayYear,
            DateFormat::MonthDay,
        )
    } else if let Some(m) = caps.name("dm") {
        (
            m.as_str(),
            num(caps, "dd")?,
            num(caps, "dy"),
            DateFormat::DayMonthYear,
            DateFormat::DayMonth,
        )
    } else {
        let m = month_number(caps.name("ym")?.as_str())?;
        let y = i16::try_from(num(caps, "yy")?).ok()?;
        return with(
            DateFormat::MonthYear,
            from(Date::new(y, m, 1).map_err(|e| e.to_string())),
        );
    };
    let month = month_number(month)?;
    match year {
        Some(y) => with(
            full,
            from(calendar(i32::try_from(y).ok()?, i64::from(month), day)),
        ),
        None => {
            let day8 = i8::try_from(day).unwrap_or(99);
            // Checked against a leap year so that `February 29` waits for a year to judge it.
            if let Err(e) = calendar(2024, i64::from(month), day) {
                return with(short, DateValue::Invalid(e));
            }
            match infer_year(month, day8, cx.period) {
                Some(r) => Some(DateMatch {
                    range: 0..0,
                    value: from(r),
                    format: short,
                    inferred_year: true,
                }),
                None => with(short, DateValue::NoYear { month, day: day8 }),
            }
        }
    }
}

/// Every time of day in `text`.
pub fn find_times(text: &str) -> Vec<TimeMatch> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    TIME_RE.for_each(text, |caps| {
        let Some(whole) = caps.get(0) else { return };
        // `2024` in `June 16, 2024` never reaches here (no colon, no AM/PM); `10:00:00` is fine.
        let (h, m, ap) = if let Some(h) = caps.name("h") {
            (
                h.as_str().parse::<i8>().ok(),
                caps.name("m").and_then(|m| m.as_str().parse::<i8>().ok()),
                caps.name("ap"),
            )
        } else {
            (
                caps.name("h2").and_then(|h| h.as_str().parse::<i8>().ok()),
                Some(0),
                caps.name("ap2"),
            )
        };
        let pm = ap.map(|a| a.as_str().starts_with(['p', 'P']));
        let hour = match (h, pm) {
            (Some(h), Some(pm)) if (1..=12).contains(&h) => {
                Some(if pm { h % 12 + 12 } else { h % 12 })
            }
            (_, Some(_)) => None,
            (h, None) => h,
        };
        let time = hour
            .zip(m)
            .and_then(|(h, m)| jiff::civil::Time::new(h, m, 0, 0).ok());
        out.push(TimeMatch {
            range: whole.range(),
            time,
            zone: caps.name("tz").map(|z| z.range()),
        });
    });
    out
}

static SAME_MONTH_RE: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"\b(?P<m>{m})\s+(?P<a>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b>\d{{1,2}}){o},?\s+(?P<y>\d{{4}})\b|\b(?P<a2>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b2>\d{{1,2}}){o}\s+(?P<m2>{m}),?\s+(?P<y2>\d{{4}})\b|\b[Qq](?P<q>[1-4])\s+(?P<qy>\d{{4}})\b",
        m = MONTH_RE,
        o = ORD
    );
    Pattern::new(&ascii_boundaries(&pattern), "period")
});

pub(super) static CONNECTOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:[-–—]+|to|through|thru|until|till|and)\s*$")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});

/// The first period stated in `text`: `June 1–30, 2024`, `1–30 June 2024`,
/// `June 1 – July 15, 2024`, `1 June 2024 – 30 June 2024`, `2024-06-01 to 2024-06-30`,
/// `July 1, 2024 through September 30, 2024`, `June 2024` (the whole month), `Q3 2024`.
/// The connector may be a hyphen, en or em dash, `to`, `through`, `until`; a start without
/// a year takes the end's. `None` when the text states no period; `Some(Err)` when it
/// states one that is not real (`February 30`, an end before the start).
pub fn parse_period(
    text: &str,
    order: Option<DateOrder>,
) -> Option<Result<PeriodMatch, PeriodError>> {
    let special = SAME_MONTH_RE.first(text);
    let special = special.as_ref().map(|caps| Caps { text, caps });
    let dates = find_dates(
        text,
        &DateContext {
            order,
            period: None,
        },
    );
    // A range of two dates wins over a same-month form that starts later.
    let pair = dates.windows(2).find_map(|w| {
        let between = text.get(w[0].range.end..w[1].range.start)?;
        CONNECTOR_RE
            .is_match(between)
            .then(|| (w[0].clone(), w[1].clone()))
    });
    if let Some(caps) = special {
        let whole = caps.get(0)?;
        if pair
            .as_ref()
            .is_none_or(|(a, _)| a.range.start > whole.start())
        {
            return Some(same_month(&caps, whole.range()));
        }
    }
    if let Some((a, b)) = pair {
        let range = a.range.start..b.range.end;
        let end = match b.value {
            DateValue::Date(d) => match b.format {
                DateFormat::MonthYear => last_of_month(d),
                _ => d,
            },
            DateValue::Invalid(ref reason) => {
                return Some(Err(PeriodError {
                    range: b.range,
                    reason: reason.clone(),
                }));
            }
            DateValue::Ambiguous { .. } => {
                return Some(Err(PeriodError {
                    range: b.range,
                    reason: "a numeric date in it is ambiguous (set `[dates] order`)".into(),
                }));
            }
            DateValue::NoYear { .. } => {
                return Some(Err(PeriodError {
                    range,
                    reason: "it has no year".into(),
                }));
            }
        };
        let start = match a.value {
            DateValue::Date(d) => d,
            DateValue::NoYear { month, day } => {
                match calendar(i32::from(end.year()), i64::from(month), i64::from(day)) {
                    Ok(d) => d,
                    Err(reason) => {
                        return Some(Err(PeriodError {
                            range: a.range,
                            reason,
                        }));
                    }
                }
            }
            DateValue::Invalid(ref reason) => {
                return Some(Err(PeriodError {
                    range: a.range,
                    reason: reason.clone(),
                }));
            }
            DateValue::Ambiguous { .. } => {
                return Some(Err(PeriodError {
                    range: a.range,
                    reason: "a numeric date in it is ambiguous (set `[dates] order`)".into(),
                }));
            }
        };
        if end < start {
            return Some(Err(PeriodError {
                range,
                reason: "it ends before it starts".into(),
            }));
        }
        return Some(Ok(PeriodMatch { range, start, end }));
    }
    let first = dates.first()?;
    match (&first.value, first.format) {
        (DateValue::Date(d), DateFormat::MonthYear) => Some(Ok(PeriodMatch {
            range: first.range.clone(),
            start: *d,
            end: last_of_month(*d),
        })),
        (DateValue::Invalid(reason), _) => Some(Err(PeriodError {
            range: first.range.clone(),
            reason: reason.clone(),
        })),
        _ => None,
    }
}

fn same_month(caps: &Caps<'_, '_>, range: Range<usize>) -> Result<PeriodMatch, PeriodError> {
    let err = |reason: String| PeriodError {
        range: range.clone(),
        reason,
    };
    if let Some(q) = num(caps, "q") {
        let y = num(caps, "qy")
            .and_then(|y| i16::try_from(y).ok())
            .ok_or_else(|| err("it has no year".into()))?;
        let q = i8::try_from(q).unwrap_or(1);
        let start = Date::new(y, (q - 1) * 3 + 1, 1).map_err(|e| err(e.to_string()))?;
        let end = Date::new(y, q * 3, 1)
            .map_err(|e| err(e.to_string()))?
            .last_of_month();
        return Ok(PeriodMatch { range, start, end });
    }
    let (m, a, b, y) = if caps.name("m").is_some() {
        ("m", "a", "b", "y")
    } else {
        ("m2", "a2", "b2", "y2")
    };
    let month = caps
        .name(m)
        .and_then(|m| month_number(m.as_str()))
        .ok_or_else(|| err("it has no month".into()))?;
    let year = num(caps, y)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(|| err("it has no year".into()))?;
    let start = calendar(year, i64::from(month), num(caps, a).unwrap_or(0)).map_err(&err)?;
    let end = calendar(year, i64::from(month), num(caps, b).unwrap_or(0)).map_err(&err)?;
    if end < start {
        return Err(err("it ends before it starts".into()));
    }
    Ok(PeriodMatch { range, start, end })
}
