//! Dates, times and periods as people write them in reports, with calendar validity from
//! `jiff`. Every value carries its byte range in the text it was found in.
//!
//! Understood: `2024-06-16`; `June 16, 2024`, `Jun 16th 2024`, `June 16`; `16 June 2024`,
//! `16th of June`; numeric `06/16/2024`, `16.06.2024` (day/month order from the config,
//! ambiguous when both readings are valid and no order is set); month names are matched
//! only when capitalised (`May` the month, not `may` the verb). Times `10:00`, `2:30 PM`,
//! `2 pm`, `14:30 CET`. Periods: see [`parse_period`]. All scanning is one pass of
//! linear-time regexes compiled once.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};

use crate::settings::DateOrder;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month a capitalised name or abbreviation names (`Sept`, `Jun.`), 1-based.
pub fn month_number(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == lower || (lower.len() == 3 && m.starts_with(&lower))
        })
        .and_then(|i| i8::try_from(i + 1).ok())
}

pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?";
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

/// How a date is written: the families CCR309 compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `2024-06-16`
    Iso,
    /// `June 16, 2024` (also abbreviated, ordinal)
    MonthDayYear,
    /// `16 June 2024`
    DayMonthYear,
    /// `06/16/2024`
    NumericMdy,
    /// `16/06/2024`
    NumericDmy,
    /// `June 16` (year from the period)
    MonthDay,
    /// `16 June` (year from the period)
    DayMonth,
    /// `June 2024` (a whole month)
    MonthYear,
}

impl DateFormat {
    /// A full date (day, month and year written out): the formats CCR309 compares.
    pub fn is_full(self) -> bool {
        !matches!(
            self,
            DateFormat::MonthDay | DateFormat::DayMonth | DateFormat::MonthYear
        )
    }

    /// Writes `date` in this format (full formats only; others as month-day-year).
    pub fn render(self, date: Date) -> String {
        let (y, m, d) = (date.year(), date.month(), date.day());
        match self {
            DateFormat::Iso => format!("{y:04}-{m:02}-{d:02}"),
            DateFormat::DayMonthYear => format!("{d} {} {y}", month_name(m)),
            DateFormat::NumericMdy => format!("{m:02}/{d:02}/{y:04}"),
            DateFormat::NumericDmy => format!("{d:02}/{m:02}/{y:04}"),
            _ => format!("{} {d}, {y}", month_name(m)),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            DateFormat::Iso => "2024-06-16",
            DateFormat::MonthDayYear => "June 16, 2024",
            DateFormat::DayMonthYear => "16 June 2024",
            DateFormat::NumericMdy => "06/16/2024",
            DateFormat::NumericDmy => "16/06/2024",
            DateFormat::MonthDay => "June 16",
            DateFormat::DayMonth => "16 June",
            DateFormat::MonthYear => "June 2024",
        }
    }
}

/// What a date mention means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateValue {
    /// A calendar date (for `June 2024`, the first of the month).
    Date(Date),
    /// A date written without a year and no period to take one from.
    NoYear { month: i8, day: i8 },
    /// Not a calendar date (`June 31, 2024`, `2023-02-29`): the reason.
    Invalid(String),
    /// `03/04/2024` with no configured order: both readings are real dates.
    Ambiguous { mdy: Date, dmy: Date },
}

/// One date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    pub value: DateValue,
    pub format: DateFormat,
    /// The year came from the period.
    pub inferred_year: bool,
}

impl DateMatch {
    pub fn date(&self) -> Option<Date> {
        match self.value {
            DateValue::Date(d) => Some(d),
            _ => None,
        }
    }
}

/// How to read dates: the configured day/month order and the period that supplies a year.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    pub order: Option<DateOrder>,
    pub period: Option<(Date, Date)>,
}

fn calendar(year: i32, month: i64, day: i64) -> Result<Date, String> {
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        return Err("the numbers are out of range".into());
    };
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {month}"));
    }
    Date::new(y, m, d).map_err(|_| {
        if m == 2 && d == 29 {
            format!("{year} is not a leap year")
        } else {
            format!("{} has no day {day}", month_name(m))
        }
    })
}

/// Picks the year for a month and day written without one: the period's year in which the
/// date falls inside the period, else the period year nearest to it.
fn infer_year(month: i8, day: i8, period: Option<(Date, Date)>) -> Option<Result<Date, String>> {
    let (start, end) = period?;
    let mut valid = None;
    let mut invalid = None;
    for year in start.year()..=end.year().min(start.year().saturating_add(2)) {
        match Date::new(year, month, day) {
            Ok(d) if d >= start && d <= end => return Some(Ok(d)),
            Ok(d) => {
                valid.get_or_insert(d);
            }
            Err(_) => {
                invalid.get_or_insert_with(|| {
                    calendar(i32::from(year), i64::from(month), i64::from(day))
                });
            }
        }
    }
    valid.map(Ok).or(invalid)
}

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

/// A time of day found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    pub range: Range<usize>,
    /// `None` when the hour or minute is out of range (`25:00`, `13 PM`).
    pub time: Option<jiff::civil::Time>,
    pub zone: Option<Range<usize>>,
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

/// A period as written: its range in the text and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodMatch {
    pub range: Range<usize>,
    pub start: Date,
    pub end: Date,
}

/// Why a period statement is not a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub range: Range<usize>,
    pub reason: String,
}

static SAME_MONTH_RE: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"\b(?P<m>{m})\s+(?P<a>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b>\d{{1,2}}){o},?\s+(?P<y>\d{{4}})\b|\b(?P<a2>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b2>\d{{1,2}}){o}\s+(?P<m2>{m}),?\s+(?P<y2>\d{{4}})\b|\b[Qq](?P<q>[1-4])\s+(?P<qy>\d{{4}})\b",
        m = MONTH_RE,
        o = ORD
    );
    Pattern::new(&ascii_boundaries(&pattern), "period")
});

static CONNECTOR_RE: LazyLock<Regex> = LazyLock::new(|| {
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

fn last_of_month(d: Date) -> Date {
    d.last_of_month()
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

/// Formats a date the way the report's prose usually does (`June 16, 2024`).
pub fn long(date: Date) -> String {
    DateFormat::MonthDayYear.render(date)
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, cx: &DateContext) -> Option<DateMatch> {
        find_dates(text, cx).into_iter().next()
    }

    #[derive(Debug)]
    enum Want {
        D(i16, i8, i8),
        Invalid,
        Ambiguous,
        NoYear,
        Nothing,
    }
    use Want::*;

    #[test]
    fn date_table() {
        let june = DateContext {
            order: None,
            period: Some((date(2024, 6, 1), date(2024, 6, 30))),
        };
        let winter = DateContext {
            order: None,
            period: Some((date(2023, 12, 1), date(2024, 1, 31))),
        };
        let none = DateContext::default();
        let mdy = DateContext {
            order: Some(DateOrder::Mdy),
            period: None,
        };
        let dmy = DateContext {
            order: Some(DateOrder::Dmy),
            period: None,
        };
        let cases: Vec<(&str, &DateContext, Want, &str)> = vec![
            ("2024-06-16", &none, D(2024, 6, 16), "2024-06-16"),
            ("on 2024-6-1.", &none, D(2024, 6, 1), "2024-6-1"),
            ("2024-02-29", &none, D(2024, 2, 29), "2024-02-29"),
            ("2023-02-29", &none, Invalid, "2023-02-29"),
            ("2024-13-01", &none, Invalid, "2024-13-01"),
            ("2024-06-31", &none, Invalid, "2024-06-31"),
            ("June 16, 2024", &none, D(2024, 6, 16), "June 16, 2024"),
            ("June 16 2024", &none, D(2024, 6, 16), "June 16 2024"),
            ("Jun 16, 2024", &none, D(2024, 6, 16), "Jun 16, 2024"),
            ("Jun. 16, 2024", &none, D(2024, 6, 16), "Jun. 16, 2024"),
            ("Sept 3, 2024", &none, D(2024, 9, 3), "Sept 3, 2024"),
            ("June 16th, 2024", &none, D(2024, 6, 16), "June 16th, 2024"),
            ("June 1st 2024", &none, D(2024, 6, 1), "June 1st 2024"),
            ("JUNE 16, 2024", &none, D(2024, 6, 16), "JUNE 16, 2024"),
            ("June 31, 2024", &none, Invalid, "June 31, 2024"),
            ("February 30, 2024", &none, Invalid, "February 30, 2024"),
            (
                "February 29, 2024",
                &none,
                D(2024, 2, 29),
                "February 29, 2024",
            ),
            ("February 29, 2023", &none, Invalid, "February 29, 2023"),
            (
                "February 29, 2000",
                &none,
                D(2000, 2, 29),
                "February 29, 2000",
            ),
            ("February 29, 1900", &none, Invalid, "February 29, 1900"),
            ("16 June 2024", &none, D(2024, 6, 16), "16 June 2024"),
            ("16th June 2024", &none, D(2024, 6, 16), "16th June 2024"),
            (
                "the 16th of June, 2024",
                &none,
                D(2024, 6, 16),
                "16th of June, 2024",
            ),
            ("3 Sep 2024", &none, D(2024, 9, 3), "3 Sep 2024"),
            ("31 April 2024", &none, Invalid, "31 April 2024"),
            ("June 16th", &june, D(2024, 6, 16), "June 16th"),
            ("June 16", &none, NoYear, "June 16"),
            ("16 June", &june, D(2024, 6, 16), "16 June"),
            ("December 20", &winter, D(2023, 12, 20), "December 20"),
            ("January 5", &winter, D(2024, 1, 5), "January 5"),
            ("June 31", &june, Invalid, "June 31"),
            ("February 29", &winter, D(2024, 2, 29), "February 29"),
            ("February 29", &june, D(2024, 2, 29), "February 29"),
            ("06/16/2024", &none, D(2024, 6, 16), "06/16/2024"),
            ("16/06/2024", &none, D(2024, 6, 16), "16/06/2024"),
            ("03/04/2024", &none, Ambiguous, "03/04/2024"),
            ("03/03/2024", &none, D(2024, 3, 3), "03/03/2024"),
            ("03/04/2024", &mdy, D(2024, 3, 4), "03/04/2024"),
            ("03/04/2024", &dmy, D(2024, 4, 3), "03/04/2024"),
            ("06/16/2024", &dmy, Invalid, "06/16/2024"),
            ("13/13/2024", &none, Invalid, "13/13/2024"),
            ("6/16/24", &none, D(2024, 6, 16), "6/16/24"),
            ("16.06.2024", &none, D(2024, 6, 16), "16.06.2024"),
            ("version 1.2.24", &none, Nothing, ""),
            ("June 2024", &none, D(2024, 6, 1), "June 2024"),
            ("in May 2024 we", &none, D(2024, 5, 1), "May 2024"),
            ("you may 2 times", &none, Nothing, ""),
            ("3/4/2024/5", &none, Nothing, ""),
            ("the 10th", &none, Nothing, ""),
            ("Q3 2024", &none, Nothing, ""),
            ("12,000 units", &none, Nothing, ""),
            ("Marching 12", &none, Nothing, ""),
            (
                "**June 3, 2024, 10:00**",
                &none,
                D(2024, 6, 3),
                "June 3, 2024",
            ),
            ("Zoë met on 5 März 2024", &none, Nothing, ""),
            ("Jan 31, 2025", &none, D(2025, 1, 31), "Jan 31, 2025"),
            ("Nov. 30th, 2024", &none, D(2024, 11, 30), "Nov. 30th, 2024"),
            ("November 31, 2024", &none, Invalid, "November 31, 2024"),
            ("2024-2-29", &none, D(2024, 2, 29), "2024-2-29"),
            ("29/02/2023", &none, Invalid, "29/02/2023"),
            ("02/29/2024", &none, D(2024, 2, 29), "02/29/2024"),
            ("12/11/2024", &dmy, D(2024, 11, 12), "12/11/2024"),
            ("31 December", &winter, D(2023, 12, 31), "31 December"),
            ("met 1 Jan", &winter, D(2024, 1, 1), "1 Jan"),
            ("10:00 on June 3rd", &june, D(2024, 6, 3), "June 3rd"),
        ];
        assert!(cases.len() >= 60);
        for (text, cx, want, span) in cases {
            let got = one(text, cx);
            let ok = match (&want, &got) {
                (D(y, m, d), Some(g)) => g.date() == Some(date(*y, *m, *d)),
                (Invalid, Some(g)) => matches!(g.value, DateValue::Invalid(_)),
                (Ambiguous, Some(g)) => matches!(g.value, DateValue::Ambiguous { .. }),
                (NoYear, Some(g)) => matches!(g.value, DateValue::NoYear { .. }),
                (Nothing, None) => true,
                _ => false,
            };
            assert!(ok, "{text:?}: wanted {want:?}, got {got:?}");
            if let Some(g) = got {
                assert_eq!(&text[g.range.clone()], span, "{text:?}");
            }
        }
    }

    #[test]
    fn period_table() {
        let ok = |text: &str, a: (i16, i8, i8), b: (i16, i8, i8), span: &str| {
            let got = parse_period(text, None)
                .unwrap_or_else(|| panic!("{text:?}: no period"))
                .unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(
                (got.start, got.end),
                (date(a.0, a.1, a.2), date(b.0, b.1, b.2)),
                "{text:?}"
            );
            assert_eq!(&text[got.range], span, "{text:?}");
        };
        ok(
            "June 1–30, 2024",
            (2024, 6, 1),
            (2024, 6, 30),
            "June 1–30, 2024",
        );
        ok(
            "June 1-30, 2024",
            (2024, 6, 1),
            (2024, 6, 30),
            "June 1-30, 2024",
        );
        ok(
            "June 1 – 30, 2024",
            (2024, 6, 1),
            (2024, 6, 30),
            "June 1 – 30, 2024",
        );
        ok(
            "1–30 June 2024",
            (2024, 6, 1),
            (2024, 6, 30),
            "1–30 June 2024",
        );
        ok(
            "June 1 – July 15, 2024",
            (2024, 6, 1),
            (2024, 7, 15),
            "June 1 – July 15, 2024",
        );
        ok(
            "1 June 2024 – 30 June 2024",
            (2024, 6, 1),
            (2024, 6, 30),
            "1 June 2024 – 30 June 2024",
        );
        ok(
            "2024-06-01 to 2024-06-30",
            (2024, 6, 1),
            (2024, 6, 30),
            "2024-06-01 to 2024-06-30",
        );
        ok(
            "From 2024-06-01 through 2024-06-30.",
            (2024, 6, 1),
            (2024, 6, 30),
            "2024-06-01 through 2024-06-30",
        );
        ok("June 2024", (2024, 6, 1), (2024, 6, 30), "June 2024");
        ok(
            "February 2024",
            (2024, 2, 1),
            (2024, 2, 29),
            "February 2024",
        );
        ok("Q3 2024", (2024, 7, 1), (2024, 9, 30), "Q3 2024");
        ok("Q1 2023", (2023, 1, 1), (2023, 3, 31), "Q1 2023");
        ok(
            "July 1, 2024 to September 30, 2024",
            (2024, 7, 1),
            (2024, 9, 30),
            "July 1, 2024 to September 30, 2024",
        );
        ok(
            "April 1, 2024 – June 30, 2024",
            (2024, 4, 1),
            (2024, 6, 30),
            "April 1, 2024 – June 30, 2024",
        );
        ok(
            "December 1, 2023 - January 31, 2024",
            (2023, 12, 1),
            (2024, 1, 31),
            "December 1, 2023 - January 31, 2024",
        );
        ok(
            "June 2024 – August 2024",
            (2024, 6, 1),
            (2024, 8, 31),
            "June 2024 – August 2024",
        );
        ok(
            "Reporting on June 3 until June 28, 2024",
            (2024, 6, 3),
            (2024, 6, 28),
            "June 3 until June 28, 2024",
        );
        let bad = |text: &str, span: &str| {
            let err = parse_period(text, None)
                .unwrap_or_else(|| panic!("{text:?}: no period"))
                .expect_err(text);
            assert_eq!(&text[err.range], span, "{text:?}");
        };
        bad("February 1–30, 2024", "February 1–30, 2024");
        bad("June 30 – June 1, 2024", "June 30 – June 1, 2024");
        bad("2024-06-30 to 2024-06-01", "2024-06-30 to 2024-06-01");
        bad("June 1, 2024 – June 31, 2024", "June 31, 2024");
        bad("February 30, 2023", "February 30, 2023");
        bad("03/04/2024 – 03/05/2024", "03/05/2024");
        assert_eq!(parse_period("The whole quarter", None), None);
        assert_eq!(parse_period("June 16, 2024", None), None);
    }

    #[test]
    fn times() {
        let t = |text: &str| find_times(text).into_iter().next();
        let hm = |h, m| Some(jiff::civil::time(h, m, 0, 0));
        assert_eq!(t("10:00").map(|m| m.time), Some(hm(10, 0)));
        assert_eq!(t("at 2:30 PM").map(|m| m.time), Some(hm(14, 30)));
        assert_eq!(t("12:15 am").map(|m| m.time), Some(hm(0, 15)));
        assert_eq!(t("2 pm").map(|m| m.time), Some(hm(14, 0)));
        assert_eq!(t("9 a.m.").map(|m| m.time), Some(hm(9, 0)));
        let cet = t("14:30 CET").unwrap_or_else(|| panic!("a time"));
        assert_eq!(cet.time, hm(14, 30));
        assert_eq!(cet.range, 0..9);
        assert_eq!(t("25:00").map(|m| m.time), Some(None));
        assert_eq!(t("13:00 PM").map(|m| m.time), Some(None));
        assert!(t("June 16, 2024").is_none());
        assert!(t("a 2-hour call").is_none());
    }
}
