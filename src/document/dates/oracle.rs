//! The regex implementation the byte scanner in `dates.rs` replaced, kept as a test oracle
//! for the scanning: the regexes find the matches and their groups, which become the
//! scanner's shapes, and the reading of a shape into a date or a period is the one in
//! `dates.rs`. The differential tests run both on generated date-like text and require the
//! same matches, ranges, values, formats and errors.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};

use super::{
    DateContext, DateFormat, DateMatch, DateShape, MONTHS, PeriodError, PeriodMatch, PeriodShape,
    TimeMatch, resolve_period,
};
use crate::settings::DateOrder;

/// The month a capitalised name or abbreviation names (`Sept`, `Jun.`), 1-based: how the
/// old code read the month the regexes matched (the scanner's table carries the number).
pub(super) fn month_number(name: &str) -> Option<i8> {
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

pub(super) const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?";
const ORD: &str = r"(?:st|nd|rd|th)?";

static DATE_RE: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        \b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,3}})\b
      | \b(?P<n1>\d{{1,2}})(?P<nsep>[/.])(?P<n2>\d{{1,2}})[/.](?P<ny>\d{{4}}|\d{{2}})\b
      | \b(?P<h1>\d{{1,2}})-(?P<h2>\d{{1,2}})-(?P<hy>\d{{4}})\b
      | \b(?P<ey>\d{{4}})-(?P<em>\d{{2}})\b
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

/// What the date pattern captured, as the scanner's shape: the reading of a shape into a
/// date is shared, so the oracle holds the scanner to the regexes' matches and groups.
fn read_date(caps: &Caps<'_, '_>, cx: &DateContext) -> Option<DateMatch> {
    super::read_date(date_shape(caps)?, cx)
}

fn date_shape(caps: &Caps<'_, '_>) -> Option<DateShape> {
    if let Some(year) = num(caps, "iy") {
        return Some(DateShape::Iso {
            year,
            month: num(caps, "im")?,
            day: num(caps, "id")?,
        });
    }
    if let Some(first) = num(caps, "n1") {
        return Some(DateShape::Numeric {
            first,
            second: num(caps, "n2")?,
            dotted: caps.name("nsep").is_some_and(|s| s.as_str() == "."),
            year: num(caps, "ny")?,
            two_digit_year: caps.name("ny")?.as_str().len() == 2,
        });
    }
    if let Some(first) = num(caps, "h1") {
        return Some(DateShape::Numeric {
            first,
            second: num(caps, "h2")?,
            dotted: false,
            year: num(caps, "hy")?,
            two_digit_year: false,
        });
    }
    if let Some(year) = num(caps, "ey") {
        return Some(DateShape::IsoMonth {
            year,
            month: num(caps, "em")?,
        });
    }
    if let Some(m) = caps.name("mm") {
        return Some(DateShape::MonthDay {
            month: month_number(m.as_str())?,
            day: num(caps, "md")?,
            year: num(caps, "my"),
        });
    }
    if let Some(m) = caps.name("dm") {
        return Some(DateShape::DayMonth {
            day: num(caps, "dd")?,
            month: month_number(m.as_str())?,
            year: num(caps, "dy"),
        });
    }
    Some(DateShape::MonthYear {
        month: month_number(caps.name("ym")?.as_str())?,
        year: num(caps, "yy")?,
    })
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
        r"\b(?P<m>{m})\s+(?P<a>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b>\d{{1,2}}){o},?\s+(?P<y>\d{{4}})\b|\b(?P<a2>\d{{1,2}}){o}\s*(?:[-–—]|to|through|until|thru)\s*(?P<b2>\d{{1,2}}){o}\s+(?P<m2>{m}),?\s+(?P<y2>\d{{4}})\b|\b[Qq](?P<q>[1-4])\s+(?P<qy>\d{{4}})\b|\b(?P<yq>\d{{4}})\s+[Qq](?P<q2>[1-4])\b",
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
    let special = special.as_ref().and_then(|caps| {
        let caps = Caps { text, caps };
        Some((caps.get(0)?.range(), period_shape(&caps)?))
    });
    let dates = find_dates(
        text,
        &DateContext {
            order,
            period: None,
        },
    );
    resolve_period(text, special, &dates, |between| {
        CONNECTOR_RE.is_match(between)
    })
}

fn period_shape(caps: &Caps<'_, '_>) -> Option<PeriodShape> {
    if let Some(q) = num(caps, "q") {
        return Some(PeriodShape::Quarter {
            quarter: i8::try_from(q).ok()?,
            year: num(caps, "qy")?,
        });
    }
    if let Some(q) = num(caps, "q2") {
        return Some(PeriodShape::Quarter {
            quarter: i8::try_from(q).ok()?,
            year: num(caps, "yq")?,
        });
    }
    let (m, a, b, y) = if caps.name("m").is_some() {
        ("m", "a", "b", "y")
    } else {
        ("m2", "a2", "b2", "y2")
    };
    Some(PeriodShape::Days {
        month: month_number(caps.name(m)?.as_str())?,
        first: num(caps, a)?,
        last: num(caps, b)?,
        year: num(caps, y)?,
    })
}
