//! Dates, times and periods as people write them in reports, with calendar validity from
//! `jiff`. Every value carries its byte range in the text it was found in.
//!
//! Understood: `2024-06-16`; `June 16, 2024`, `Jun 16th 2024`, `June 16`; `16 June 2024`,
//! `16th of June`; numeric `06/16/2024`, `10-17-2023`, `16.06.2024` (day/month order from
//! the config or the report, ambiguous when both readings are valid and nothing settles
//! it); a month `June 2024`, `2023-09`; month names are matched
//! only when capitalised (`May` the month, not `may` the verb). Times `10:00`, `2:30 PM`,
//! `2 pm`, `14:30 CET`. Periods: see [`parse_period`].
//!
//! Scanning is one left-to-right pass over the bytes, by hand: no allocation, and nothing
//! to compile at start-up (the regexes this replaced took about 5.5 million instructions to
//! build, a sixth of a run on a small report). The scanner keeps their exact meaning: each
//! function ending in `_at` names the pattern it stands for, tries its alternatives in the
//! pattern's order and backs off the way the regex engine's leftmost-first search did, so
//! the first alternative that matches wins, not the longest. The regexes live on in the
//! tests (`dates/oracle.rs`), and generated text must give the same results from both.

use std::iter;
use std::ops::Range;

use jiff::civil::Date;

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

/// Whether a word is a month's name as the scanner reads one (`May`, `Sept`, `JUNE`; not
/// `may`).
pub fn is_month_word(word: &str) -> bool {
    let b = word.trim_end_matches('.').as_bytes();
    b.first()
        .is_some_and(|&c| month_words(c).iter().any(|(w, _)| *w == b))
}

pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// The month names the scanner knows, grouped by first letter, each group in the order of
/// the pattern's alternation (`January|…|December|Jan|…|Sept|Sep|…|JANUARY|…`): an
/// earlier spelling is tried first (`June` before `Jun`, `Sept` before `Sep`). Only these
/// exact spellings count, so `May` and `MAY` are months and `may` is not.
const fn month_words(first: u8) -> &'static [(&'static [u8], i8)] {
    match first {
        b'A' => &[
            (b"April", 4),
            (b"August", 8),
            (b"Apr", 4),
            (b"Aug", 8),
            (b"APRIL", 4),
            (b"AUGUST", 8),
        ],
        b'D' => &[(b"December", 12), (b"Dec", 12), (b"DECEMBER", 12)],
        b'F' => &[(b"February", 2), (b"Feb", 2), (b"FEBRUARY", 2)],
        b'J' => &[
            (b"January", 1),
            (b"June", 6),
            (b"July", 7),
            (b"Jan", 1),
            (b"Jun", 6),
            (b"Jul", 7),
            (b"JANUARY", 1),
            (b"JUNE", 6),
            (b"JULY", 7),
        ],
        b'M' => &[
            (b"March", 3),
            (b"May", 5),
            (b"Mar", 3),
            (b"MARCH", 3),
            (b"MAY", 5),
        ],
        b'N' => &[(b"November", 11), (b"Nov", 11), (b"NOVEMBER", 11)],
        b'O' => &[(b"October", 10), (b"Oct", 10), (b"OCTOBER", 10)],
        b'S' => &[
            (b"September", 9),
            (b"Sept", 9),
            (b"Sep", 9),
            (b"SEPTEMBER", 9),
        ],
        _ => &[],
    }
}

/// The words that join the two days of a same-month range (`June 1–30`), after the dashes,
/// in the pattern's order (`[-–—]|to|through|until|thru`).
const RANGE_JOINERS: [&[u8]; 7] = [
    "-".as_bytes(),
    "–".as_bytes(),
    "—".as_bytes(),
    b"to",
    b"through",
    b"until",
    b"thru",
];

/// Time zone names after a time, in the pattern's order (the `UTC+2` and `GMT-5` forms
/// come first, see [`zones_at`]).
const ZONES: [&[u8]; 22] = [
    b"UTC", b"GMT", b"CET", b"CEST", b"EET", b"EEST", b"WET", b"WEST", b"BST", b"IST", b"EST",
    b"EDT", b"CST", b"CDT", b"MST", b"MDT", b"PST", b"PDT", b"AEST", b"AEDT", b"JST", b"SGT",
];

const ORDINALS: [&[u8]; 4] = [b"st", b"nd", b"rd", b"th"];

/// A byte of a word for the patterns' word boundaries, which were ASCII ones
/// (`(?-u:\b)`): a letter, digit or underscore. Bytes of non-ASCII characters are not, so
/// `é5 June` has a boundary before the `5`.
fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// A word boundary at `i`: a word byte on exactly one side (the ends of the text count as
/// non-word).
fn boundary(b: &[u8], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|j| b.get(j))
        .is_some_and(|&c| is_word(c));
    let after = b.get(i).is_some_and(|&c| is_word(c));
    before != after
}

/// The length of the whitespace character at `i`, or 0. Whitespace is what `\s` was in the
/// patterns, which kept Unicode mode for it: the White_Space property (the same set
/// `char::is_whitespace` uses), so no-break and other Unicode spaces separate words here too.
fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b'\t'..=b'\r' | b' ', ..]) => 1,
        // U+0085, U+00A0
        Some([0xC2, 0x85 | 0xA0, ..]) => 2,
        // U+1680
        Some([0xE1, 0x9A, 0x80, ..]) => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F
        Some([0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]) => 3,
        // U+205F
        Some([0xE2, 0x81, 0x9F, ..]) => 3,
        // U+3000
        Some([0xE3, 0x80, 0x80, ..]) => 3,
        _ => 0,
    }
}

/// `\s*` at `i`: the end of the run of whitespace there. Taking the whole run is what the
/// regex did: in every pattern here the item after `\s*` or `\s+` (a digit, a letter, a
/// dash, `,`) cannot start with whitespace, so giving any of the run back cannot help a
/// match.
fn spaces(b: &[u8], i: usize) -> usize {
    let mut end = i;
    loop {
        match space_len(b, end) {
            0 => return end,
            n => end += n,
        }
    }
}

/// `\s+` at `i`: the end of the run of whitespace there, if there is any.
fn spaces1(b: &[u8], i: usize) -> Option<usize> {
    Some(spaces(b, i)).filter(|&end| end > i)
}

/// The end of the run of ASCII digits at `i` (`\d` was `[0-9]` in the patterns).
fn digits_end(b: &[u8], i: usize) -> usize {
    i + b.get(i..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// `\d{1,2}` at `i`: the end of the run of digits there when it is one or two long. A
/// shorter take never helps: in every pattern here what follows `\d{1,2}` (a separator, an
/// ordinal, whitespace, `:`, a word boundary) cannot start with or sit between digits.
fn one_or_two(b: &[u8], i: usize) -> Option<usize> {
    let end = digits_end(b, i);
    (1..=2).contains(&(end - i)).then_some(end)
}

/// `\d{4}\b` at `i`: exactly four digits, then a boundary.
fn year_at(b: &[u8], i: usize) -> Option<usize> {
    let end = digits_end(b, i);
    (end - i == 4 && boundary(b, end)).then_some(end)
}

/// The value of the digits in `range` (at most four of them, so it cannot overflow).
fn number(b: &[u8], range: Range<usize>) -> i64 {
    b.get(range).unwrap_or_default().iter().fold(0, |n, d| {
        n.saturating_mul(10)
            .saturating_add(i64::from(d.wrapping_sub(b'0')))
    })
}

/// A day of a month written without a year at byte `i`: `10/05`, `03/22` (month and day in
/// either order; a reading that is no day of any month is no date, and `3/4/2024` or
/// `10/05a` are not this form). Its end, if it is one. Only where a cue says a date
/// follows (a task's `on 10/05`): alone, `3/4` may be a fraction.
pub fn day_of_month_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let first_end = one_or_two(b, i)?;
    if b.get(first_end) != Some(&b'/') {
        return None;
    }
    let end = one_or_two(b, first_end + 1)?;
    if b.get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'/')
    {
        return None;
    }
    let (x, y) = (number(b, i..first_end), number(b, first_end + 1..end));
    let valid = |m: i64, d: i64| (1..=12).contains(&m) && (1..=31).contains(&d);
    (valid(x, y) || valid(y, x)).then_some(end)
}

/// One or two digits as an `i8` (they always fit).
fn small(b: &[u8], range: Range<usize>) -> Option<i8> {
    i8::try_from(number(b, range)).ok()
}

/// `x?` for a byte `x` at `i`: the ends in the order the regex tries them, greedy (with the
/// byte when it is there), then without.
fn optional(b: &[u8], i: usize, x: u8) -> impl Iterator<Item = usize> {
    (b.get(i) == Some(&x))
        .then_some(i + 1)
        .into_iter()
        .chain(iter::once(i))
}

/// `(?:st|nd|rd|th)?` at `i`: with the suffix when there is one, then without. Both are
/// tried because the suffix can also be the start of what follows (`4through 6`).
fn ordinal_ends(b: &[u8], i: usize) -> impl Iterator<Item = usize> {
    let rest = b.get(i..).unwrap_or_default();
    ORDINALS
        .iter()
        .any(|o| rest.starts_with(o))
        .then_some(i + 2)
        .into_iter()
        .chain(iter::once(i))
}

/// The month pattern, `(?:January|…|DECEMBER)\.?`, at `i`: every way it matches, in the
/// order the regex tries them (spellings in order, each with its dot, then without), as
/// the end and the month. Several spellings can match (`September` starts with `Sept` and
/// `Sep`); which one wins depends on what the rest of the pattern needs, so callers try
/// them in turn.
fn months_at(b: &[u8], i: usize) -> impl Iterator<Item = (usize, i8)> {
    let rest = b.get(i..).unwrap_or_default();
    let words = rest.first().map_or(&[][..], |&c| month_words(c));
    words
        .iter()
        .filter(move |(word, _)| rest.starts_with(word))
        .flat_map(move |&(word, month)| {
            optional(b, i + word.len(), b'.').map(move |end| (end, month))
        })
}

/// `(?:of\s+)?` at `i`: with `of` and its whitespace when there, then without.
fn of_ends(b: &[u8], i: usize) -> impl Iterator<Item = usize> {
    b.get(i..)
        .is_some_and(|rest| rest.starts_with(b"of"))
        .then(|| spaces1(b, i + 2))
        .flatten()
        .into_iter()
        .chain(iter::once(i))
}

/// `(?:,?\s+(\d{4})\b)?` at `i`: the year after a date, if one follows, as its end and
/// value. The group is optional, so when it fails the date simply ends at `i`.
fn year_after(b: &[u8], i: usize) -> Option<(usize, i64)> {
    optional(b, i, b',').find_map(|at| {
        let start = spaces1(b, at)?;
        let end = year_at(b, start)?;
        Some((end, number(b, start..end)))
    })
}

/// The bytes that can start a match of a pattern, as a table: the scan looks up every byte
/// of the text in it, and skipping the rest quickly is most of the scan's time.
type Starts = [bool; 256];

/// Digits start every pattern; `months` adds the first letters of month names, `quarters`
/// adds `Q` and `q`.
const fn starts(months: bool, quarters: bool) -> Starts {
    let mut table = [false; 256];
    let mut c: u8 = 0;
    loop {
        table[c as usize] = c.is_ascii_digit()
            || (months && !month_words(c).is_empty())
            || (quarters && matches!(c, b'Q' | b'q'));
        if c == u8::MAX {
            return table;
        }
        c += 1;
    }
}

static DATE_STARTS: Starts = starts(true, false);
static PERIOD_STARTS: Starts = starts(true, true);

/// A wider test than [`DATE_STARTS`], cheap to run on many bytes at once (see
/// [`next_start`]): month names start with a capital.
fn digit_or_capital(c: u8) -> bool {
    c.is_ascii_digit() | c.is_ascii_uppercase()
}

/// A wider test than [`PERIOD_STARTS`]: [`digit_or_capital`] and the `q` of `q3`.
fn digit_capital_or_q(c: u8) -> bool {
    digit_or_capital(c) | (c == b'q')
}

/// Every match of one pattern in `b`, left to right and without overlap, as `find_iter`
/// walks a regex: the earliest start wins and the search goes on from the match's end. A
/// rejected match still uses up its text. Every pattern here starts with a word boundary
/// and a word byte, so only positions after a non-word byte are tried, and only where
/// `starts` accepts the byte (`maybe` is a wider test for skipping, see [`next_start`]);
/// `at` tries the pattern there.
fn matches<T>(
    b: &[u8],
    maybe: impl Fn(u8) -> bool + Copy,
    starts: impl Fn(u8) -> bool + Copy,
    at: impl Fn(&[u8], usize) -> Option<(usize, T)>,
) -> impl Iterator<Item = (Range<usize>, T)> {
    let mut i = 0;
    iter::from_fn(move || {
        while let Some(start) = next_start(b, i, maybe, starts) {
            i = start + 1;
            if boundary(b, start) {
                if let Some((end, found)) = at(b, start) {
                    i = i.max(end);
                    return Some((start..end, found));
                }
            }
        }
        None
    })
}

/// The first position from `i` whose byte `starts` accepts. Most bytes start nothing, so
/// the text is first passed over in blocks with `maybe`, a wider test of plain arithmetic
/// (a digit or a capital letter) that the compiler turns into vector instructions; only
/// blocks where it holds for some byte are looked at byte by byte. `maybe` must accept
/// every byte `starts` does.
fn next_start(
    b: &[u8],
    mut i: usize,
    maybe: impl Fn(u8) -> bool,
    starts: impl Fn(u8) -> bool,
) -> Option<usize> {
    const BLOCK: usize = 16;
    while let Some(block) = b.get(i..i + BLOCK) {
        if block.iter().fold(false, |any, &c| any | maybe(c)) {
            if let Some(at) = block.iter().position(|&c| starts(c)) {
                return Some(i + at);
            }
        }
        i += BLOCK;
    }
    let at = b.get(i..)?.iter().position(|&c| starts(c))?;
    Some(i + at)
}

/// What one date match captured, by the form it is written in.
#[derive(Debug, Clone, Copy)]
enum DateShape {
    /// `2024-06-16`
    Iso { year: i64, month: i64, day: i64 },
    /// `06/16/2024`, `16.06.2024`, `6/16/24`: the two numbers in written order.
    Numeric {
        first: i64,
        second: i64,
        dotted: bool,
        year: i64,
        two_digit_year: bool,
    },
    /// `June 16`, `Jun. 16th, 2024`
    MonthDay {
        month: i8,
        day: i64,
        year: Option<i64>,
    },
    /// `16 June`, `16th of June, 2024`
    DayMonth {
        day: i64,
        month: i8,
        year: Option<i64>,
    },
    /// `June 2024`
    MonthYear { month: i8, year: i64 },
    /// `2024-06`: a month written the ISO way (not a date when the month is over 12).
    IsoMonth { year: i64, month: i64 },
}

/// The date pattern at `i` (after a word boundary), its alternatives in order:
/// ```text
///   (\d{4})-(\d{1,2})-(\d{1,3})\b
/// | (\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})\b
/// | (\d{1,2})-(\d{1,2})-(\d{4})\b
/// | (\d{4})-(\d{2})\b
/// | (MONTH)\s+(\d{1,2})ORD\b(?:,?\s+(\d{4})\b)?
/// | (\d{1,2})ORD\s+(?:of\s+)?(MONTH)(?:,?\s+(\d{4})\b)?
/// | (MONTH)\s+(\d{4})\b
/// ```
/// where `MONTH` is the month names with an optional `.` and `ORD` is
/// `(?:st|nd|rd|th)?`. The first alternative that matches wins.
fn date_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    iso_at(b, i)
        .or_else(|| numeric_at(b, i))
        .or_else(|| dashed_at(b, i))
        .or_else(|| iso_month_at(b, i))
        .or_else(|| month_day_at(b, i))
        .or_else(|| day_month_at(b, i))
        .or_else(|| month_year_at(b, i))
}

/// `(\d{4})-(\d{1,2})-(\d{1,3})\b`
fn iso_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    let year_end = digits_end(b, i);
    if year_end - i != 4 || b.get(year_end) != Some(&b'-') {
        return None;
    }
    let month_end = one_or_two(b, year_end + 1)?;
    if b.get(month_end) != Some(&b'-') {
        return None;
    }
    // Up to three day digits: `2019-01-154` is a date written wrong, not a month.
    let day_end = digits_end(b, month_end + 1);
    if !(1..=3).contains(&(day_end - (month_end + 1))) {
        return None;
    }
    boundary(b, day_end).then(|| {
        let shape = DateShape::Iso {
            year: number(b, i..year_end),
            month: number(b, year_end + 1..month_end),
            day: number(b, month_end + 1..day_end),
        };
        (day_end, shape)
    })
}

/// `(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})\b`: the two separators need not be the same.
fn numeric_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    let is_sep = |at: usize| matches!(b.get(at), Some(b'/' | b'.'));
    let first_end = one_or_two(b, i)?;
    if !is_sep(first_end) {
        return None;
    }
    let second_end = one_or_two(b, first_end + 1)?;
    if !is_sep(second_end) {
        return None;
    }
    // `\d{4}|\d{2}` then `\b`: whichever way, the year is a whole run of four or two digits.
    let year_start = second_end + 1;
    let year_end = digits_end(b, year_start);
    if !matches!(year_end - year_start, 2 | 4) || !boundary(b, year_end) {
        return None;
    }
    let shape = DateShape::Numeric {
        first: number(b, i..first_end),
        second: number(b, first_end + 1..second_end),
        dotted: b.get(first_end) == Some(&b'.'),
        year: number(b, year_start..year_end),
        two_digit_year: year_end - year_start == 2,
    };
    Some((year_end, shape))
}

/// `(\d{1,2})-(\d{1,2})-(\d{4})\b`: `10-17-2023`, read like `10/17/2023`.
fn dashed_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    let first_end = one_or_two(b, i)?;
    if b.get(first_end) != Some(&b'-') {
        return None;
    }
    let second_end = one_or_two(b, first_end + 1)?;
    if b.get(second_end) != Some(&b'-') {
        return None;
    }
    let year_start = second_end + 1;
    let year_end = digits_end(b, year_start);
    if year_end - year_start != 4 || !boundary(b, year_end) {
        return None;
    }
    let shape = DateShape::Numeric {
        first: number(b, i..first_end),
        second: number(b, first_end + 1..second_end),
        dotted: false,
        year: number(b, year_start..year_end),
        two_digit_year: false,
    };
    Some((year_end, shape))
}

/// `(\d{4})-(\d{2})\b`: `2023-09`.
fn iso_month_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    let year_end = digits_end(b, i);
    if year_end - i != 4 || b.get(year_end) != Some(&b'-') {
        return None;
    }
    let month_end = digits_end(b, year_end + 1);
    if month_end - (year_end + 1) != 2 || !boundary(b, month_end) {
        return None;
    }
    let shape = DateShape::IsoMonth {
        year: number(b, i..year_end),
        month: number(b, year_end + 1..month_end),
    };
    Some((month_end, shape))
}

/// `(MONTH)\s+(\d{1,2})ORD\b(?:,?\s+(\d{4})\b)?`
fn month_day_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    for (month_end, month) in months_at(b, i) {
        let Some(day_start) = spaces1(b, month_end) else {
            continue;
        };
        let Some(day_end) = one_or_two(b, day_start) else {
            continue;
        };
        // `1st` needs a boundary after the suffix; `1 ` after the digit.
        if let Some(end) = ordinal_ends(b, day_end).find(|&end| boundary(b, end)) {
            let year = year_after(b, end);
            let shape = DateShape::MonthDay {
                month,
                day: number(b, day_start..day_end),
                year: year.map(|(_, y)| y),
            };
            return Some((year.map_or(end, |(e, _)| e), shape));
        }
    }
    None
}

/// `(\d{1,2})ORD\s+(?:of\s+)?(MONTH)(?:,?\s+(\d{4})\b)?`. Nothing after the month is
/// required, not even a word boundary, so the first spelling the text starts with wins
/// with its dot if it has one: `16 Junee` is `16 June`, `5 Marching` is `5 March`.
fn day_month_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    let day_end = one_or_two(b, i)?;
    for suffix_end in ordinal_ends(b, day_end) {
        let Some(after) = spaces1(b, suffix_end) else {
            continue;
        };
        for month_start in of_ends(b, after) {
            if let Some((month_end, month)) = months_at(b, month_start).next() {
                let year = year_after(b, month_end);
                let shape = DateShape::DayMonth {
                    day: number(b, i..day_end),
                    month,
                    year: year.map(|(_, y)| y),
                };
                return Some((year.map_or(month_end, |(e, _)| e), shape));
            }
        }
    }
    None
}

/// `(MONTH)\s+(\d{4})\b`
fn month_year_at(b: &[u8], i: usize) -> Option<(usize, DateShape)> {
    months_at(b, i).find_map(|(month_end, month)| {
        let start = spaces1(b, month_end)?;
        let end = year_at(b, start)?;
        let shape = DateShape::MonthYear {
            month,
            year: number(b, start..end),
        };
        Some((end, shape))
    })
}

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
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        let name = i8::try_from(month).map_or("that month", month_name);
        return Err(format!("{name} has no day {day}"));
    };
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

/// Every date in `text`, left to right.
pub fn find_dates(text: &str, cx: &DateContext) -> Vec<DateMatch> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    if !b.iter().any(u8::is_ascii_digit) {
        return out;
    }
    for (range, shape) in matches(
        b,
        digit_or_capital,
        |c| DATE_STARTS[usize::from(c)],
        date_at,
    ) {
        let Some(m) = read_date(shape, cx) else {
            continue;
        };
        // A date glued to more digits or to a slash-separated number is something else.
        // (The bytes next to a match are whole characters when they are ASCII.)
        let before = range.start.checked_sub(1).and_then(|i| b.get(i));
        let after = b.get(range.end);
        if before.is_some_and(|&c| c == b'/' || c == b'-' && m.format == DateFormat::Iso)
            || after.is_some_and(|&c| c == b'/' || c.is_ascii_digit())
        {
            continue;
        }
        out.push(DateMatch { range, ..m });
    }
    out
}

fn read_date(shape: DateShape, cx: &DateContext) -> Option<DateMatch> {
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
    let (month, day, year, full, short) = match shape {
        DateShape::Iso { year, month, day } => {
            let value = from(calendar(i32::try_from(year).ok()?, month, day));
            return with(DateFormat::Iso, value);
        }
        DateShape::Numeric {
            first,
            second,
            dotted,
            year,
            two_digit_year,
        } => {
            let mut y = i32::try_from(year).ok()?;
            if two_digit_year {
                y += 2000;
            }
            if dotted && two_digit_year {
                return None; // `1.2.24` is a version number more often than a date.
            }
            let mdy = calendar(y, first, second);
            let dmy = calendar(y, second, first);
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
        DateShape::MonthDay { month, day, year } => (
            month,
            day,
            year,
            DateFormat::MonthDayYear,
            DateFormat::MonthDay,
        ),
        DateShape::DayMonth { day, month, year } => (
            month,
            day,
            year,
            DateFormat::DayMonthYear,
            DateFormat::DayMonth,
        ),
        DateShape::IsoMonth { year, month } => {
            let (y, m) = (i16::try_from(year).ok()?, i8::try_from(month).ok()?);
            // `2022-23` is a span of years, not a month.
            let date = Date::new(y, m, 1).ok()?;
            return with(DateFormat::MonthYear, DateValue::Date(date));
        }
        DateShape::MonthYear { month, year } => {
            let y = i16::try_from(year).ok()?;
            return with(
                DateFormat::MonthYear,
                from(Date::new(y, month, 1).map_err(|e| e.to_string())),
            );
        }
    };
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

/// What one time match captured.
#[derive(Debug, Clone)]
struct Clock {
    hour: Option<i8>,
    minute: Option<i8>,
    /// From the AM/PM mark, if there is one: whether it is PM.
    pm: Option<bool>,
    zone: Option<Range<usize>>,
}

/// The time pattern at `i` (after a word boundary), its alternatives in order:
/// ```text
///   (\d{1,2}):(\d{2})(?:\s*([AaPp]\.?[Mm]\.?))?(?:\s+(ZONE))?\b
/// | (\d{1,2})\s*([AaPp]\.?[Mm]\b\.?)
/// ```
fn time_at(b: &[u8], i: usize) -> Option<(usize, Clock)> {
    clock_at(b, i).or_else(|| hour_mark_at(b, i))
}

/// `[AaPp]\.?[Mm]` at `i`: the end after the `m`. The dot inside is taken when it is there
/// (leaving it out would put the `.` where the `m` must be).
fn am_pm_at(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i), Some(b'A' | b'a' | b'P' | b'p')) {
        return None;
    }
    optional(b, i + 1, b'.')
        .find(|&m| matches!(b.get(m), Some(b'M' | b'm')))
        .map(|m| m + 1)
}

fn is_pm(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), Some(b'P' | b'p'))
}

/// `\s+(ZONE)` at `i`, where `ZONE` is
/// `UTC[+-]\d{1,2}|GMT[+-]\d{1,2}|UTC|GMT|CET|…|SGT`: every way it matches, in the order
/// the regex tries them, as the zone's range. An offset is tried with two digits, then one,
/// then the bare name: `UTC+123` leaves `UTC` as the zone, the only way to a boundary.
fn zones_at(b: &[u8], i: usize) -> impl Iterator<Item = Range<usize>> {
    spaces1(b, i).into_iter().flat_map(move |start| {
        let rest = b.get(start..).unwrap_or_default();
        let offsets = [&b"UTC"[..], &b"GMT"[..]]
            .into_iter()
            .filter(move |name| {
                rest.starts_with(name) && matches!(rest.get(name.len()), Some(b'+' | b'-'))
            })
            .flat_map(move |name| {
                let digits = start + name.len() + 1;
                let available = (digits_end(b, digits) - digits).min(2);
                (1..=available).rev().map(move |n| digits + n)
            });
        let names = ZONES
            .iter()
            .filter(move |name| rest.starts_with(name))
            .map(move |name| start + name.len());
        offsets.chain(names).map(move |end| start..end)
    })
}

/// `(\d{1,2}):(\d{2})(?:\s*([AaPp]\.?[Mm]\.?))?(?:\s+(ZONE))?\b`. Both groups are optional
/// and greedy and a boundary must follow them, so the regex backs off: each way of taking
/// the AM/PM mark (with its last dot, then without), then leaving it out; for each, each
/// zone, then none. The first combination with a boundary after it is the match, so
/// `10:00 a.m. x` ends before the last dot (no boundary between `.` and a space), while
/// `10:00 a.m.x` keeps it.
fn clock_at(b: &[u8], i: usize) -> Option<(usize, Clock)> {
    let hour_end = one_or_two(b, i)?;
    if b.get(hour_end) != Some(&b':') {
        return None;
    }
    let minute_end = hour_end + 3;
    if !b
        .get(hour_end + 1..minute_end)
        .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let mark = spaces(b, minute_end);
    let marks = am_pm_at(b, mark)
        .into_iter()
        .flat_map(|m| optional(b, m, b'.'))
        .map(Some)
        .chain(iter::once(None));
    for mark_end in marks {
        let from = mark_end.unwrap_or(minute_end);
        let zones = zones_at(b, from).map(Some).chain(iter::once(None));
        for zone in zones {
            let end = zone.as_ref().map_or(from, |z| z.end);
            if boundary(b, end) {
                let clock = Clock {
                    hour: small(b, i..hour_end),
                    minute: small(b, hour_end + 1..minute_end),
                    pm: mark_end.map(|_| is_pm(b, mark)),
                    zone,
                };
                return Some((end, clock));
            }
        }
    }
    None
}

/// `(\d{1,2})\s*([AaPp]\.?[Mm]\b\.?)`: `2 pm`, `9 a.m.`.
fn hour_mark_at(b: &[u8], i: usize) -> Option<(usize, Clock)> {
    let hour_end = one_or_two(b, i)?;
    let mark = spaces(b, hour_end);
    let m_end = am_pm_at(b, mark).filter(|&end| boundary(b, end))?;
    // Nothing follows, so the greedy last dot is always taken when it is there.
    let end = optional(b, m_end, b'.').next()?;
    let clock = Clock {
        hour: small(b, i..hour_end),
        minute: Some(0),
        pm: Some(is_pm(b, mark)),
        zone: None,
    };
    Some((end, clock))
}

/// Every time of day in `text`.
pub fn find_times(text: &str) -> Vec<TimeMatch> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Every time starts with a digit, which is what the scan looks for first, so text with
    // none costs one pass and no more.
    // `2024` in `June 16, 2024` is no time (no colon, no AM/PM); `10:00:00` is fine.
    for (range, clock) in matches(b, |c| c.is_ascii_digit(), |c| c.is_ascii_digit(), time_at) {
        let hour = match (clock.hour, clock.pm) {
            (Some(h), Some(pm)) if (1..=12).contains(&h) => {
                Some(if pm { h % 12 + 12 } else { h % 12 })
            }
            (_, Some(_)) => None,
            (h, None) => h,
        };
        let time = hour
            .zip(clock.minute)
            .and_then(|(h, m)| jiff::civil::Time::new(h, m, 0, 0).ok());
        out.push(TimeMatch {
            range,
            time,
            zone: clock.zone,
        });
    }
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

/// What a same-month period or quarter match captured.
#[derive(Debug, Clone, Copy)]
enum PeriodShape {
    /// `June 1–30, 2024`, `1–30 June 2024`
    Days {
        month: i8,
        first: i64,
        last: i64,
        year: i64,
    },
    /// `Q3 2024`
    Quarter { quarter: i8, year: i64 },
}

/// The same-month period pattern at `i` (after a word boundary), its alternatives in
/// order:
/// ```text
///   (MONTH)\s+(\d{1,2})ORD\s*JOIN\s*(\d{1,2})ORD,?\s+(\d{4})\b
/// | (\d{1,2})ORD\s*JOIN\s*(\d{1,2})ORD\s+(MONTH),?\s+(\d{4})\b
/// | [Qq]([1-4])\s+(\d{4})\b
/// | (\d{4})\s+[Qq]([1-4])\b
/// ```
/// where `JOIN` is `[-–—]|to|through|until|thru`.
fn period_at(b: &[u8], i: usize) -> Option<(usize, PeriodShape)> {
    month_days_at(b, i)
        .or_else(|| days_month_at(b, i))
        .or_else(|| quarter_at(b, i))
        .or_else(|| year_quarter_at(b, i))
}

/// `ORD\s*JOIN\s*(\d{1,2})ORD` after the first day's digits: every way it matches, in the
/// order the regex tries them, as the second day's digits and the end. The first ordinal
/// is tried with and without its suffix because `th` may also begin `through` or `thru`
/// (`June 4through 6, 2024`).
fn day_span_ends(b: &[u8], i: usize) -> impl Iterator<Item = (Range<usize>, usize)> {
    ordinal_ends(b, i)
        .flat_map(move |suffix_end| {
            let join = spaces(b, suffix_end);
            let rest = b.get(join..).unwrap_or_default();
            RANGE_JOINERS
                .iter()
                .filter(move |word| rest.starts_with(word))
                .map(move |word| join + word.len())
        })
        .filter_map(move |join_end| {
            let start = spaces(b, join_end);
            Some(start..one_or_two(b, start)?)
        })
        .flat_map(move |last| ordinal_ends(b, last.end).map(move |end| (last.clone(), end)))
}

/// `(MONTH)\s+(\d{1,2})ORD\s*JOIN\s*(\d{1,2})ORD,?\s+(\d{4})\b`
fn month_days_at(b: &[u8], i: usize) -> Option<(usize, PeriodShape)> {
    months_at(b, i).find_map(|(month_end, month)| {
        let first_start = spaces1(b, month_end)?;
        let first_end = one_or_two(b, first_start)?;
        day_span_ends(b, first_end).find_map(|(last, end)| {
            let (year_end, year) = year_after(b, end)?;
            let shape = PeriodShape::Days {
                month,
                first: number(b, first_start..first_end),
                last: number(b, last),
                year,
            };
            Some((year_end, shape))
        })
    })
}

/// `(\d{1,2})ORD\s*JOIN\s*(\d{1,2})ORD\s+(MONTH),?\s+(\d{4})\b`
fn days_month_at(b: &[u8], i: usize) -> Option<(usize, PeriodShape)> {
    let first_end = one_or_two(b, i)?;
    day_span_ends(b, first_end).find_map(|(last, end)| {
        let month_start = spaces1(b, end)?;
        months_at(b, month_start).find_map(|(month_end, month)| {
            let (year_end, year) = year_after(b, month_end)?;
            let shape = PeriodShape::Days {
                month,
                first: number(b, i..first_end),
                last: number(b, last.clone()),
                year,
            };
            Some((year_end, shape))
        })
    })
}

/// `[Qq]([1-4])\s+(\d{4})\b`
fn quarter_at(b: &[u8], i: usize) -> Option<(usize, PeriodShape)> {
    if !matches!(b.get(i), Some(b'Q' | b'q')) {
        return None;
    }
    let quarter = match b.get(i + 1) {
        Some(&q @ b'1'..=b'4') => i8::try_from(q - b'0').ok()?,
        _ => return None,
    };
    let start = spaces1(b, i + 2)?;
    let end = year_at(b, start)?;
    let year = number(b, start..end);
    Some((end, PeriodShape::Quarter { quarter, year }))
}

/// `(\d{4})\s+[Qq]([1-4])\b`: `2025 Q2`.
fn year_quarter_at(b: &[u8], i: usize) -> Option<(usize, PeriodShape)> {
    let year_end = digits_end(b, i);
    if year_end - i != 4 {
        return None;
    }
    let q = spaces1(b, year_end)?;
    if !matches!(b.get(q), Some(b'Q' | b'q')) {
        return None;
    }
    let quarter = match b.get(q + 1) {
        Some(&d @ b'1'..=b'4') => i8::try_from(d - b'0').ok()?,
        _ => return None,
    };
    let end = q + 2;
    boundary(b, end).then(|| {
        let year = number(b, i..year_end);
        (end, PeriodShape::Quarter { quarter, year })
    })
}

/// The words that join two dates into a range (`June 1 – July 15`), in any case, with
/// whitespace around; or a run of dashes.
const DATE_JOINERS: [&str; 6] = ["to", "through", "thru", "until", "till", "and"];

/// Whether the text between two dates joins them into a range: the pattern
/// `^(?i)\s*(?:[-–—]+|to|through|thru|until|till|and)\s*$`. Its `\s` was Unicode
/// whitespace, which `str::trim` trims. Its `(?i)` folds only two characters outside ASCII
/// into ASCII letters, the Kelvin sign into `k` and the long `ſ` into `s`, and neither
/// letter is in these words, so ASCII case-insensitive comparison is what it did.
fn joins_dates(between: &str) -> bool {
    let core = between.trim();
    (!core.is_empty() && core.chars().all(|c| matches!(c, '-' | '–' | '—')))
        || DATE_JOINERS.iter().any(|w| core.eq_ignore_ascii_case(w))
}

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
    let special = matches(
        text.as_bytes(),
        digit_capital_or_q,
        |c| PERIOD_STARTS[usize::from(c)],
        period_at,
    )
    .next();
    let dates = find_dates(
        text,
        &DateContext {
            order,
            period: None,
        },
    );
    resolve_period(text, special, &dates, joins_dates)
}

/// The order a numeric date shows by being readable one way only (`10/17/2023`: month
/// first), if any.
pub fn shown_order(m: &DateMatch) -> Option<DateOrder> {
    let DateValue::Date(d) = m.value else {
        return None;
    };
    (d.day() != d.month()).then_some(())?;
    match m.format {
        DateFormat::NumericMdy => Some(DateOrder::Mdy),
        DateFormat::NumericDmy => Some(DateOrder::Dmy),
        _ => None,
    }
}

/// `m` read in the order `other` shows, when `m` is ambiguous.
fn settle_by(m: DateMatch, other: &DateMatch) -> DateMatch {
    match (&m.value, shown_order(other)) {
        (DateValue::Ambiguous { mdy, .. }, Some(DateOrder::Mdy)) => DateMatch {
            value: DateValue::Date(*mdy),
            format: DateFormat::NumericMdy,
            ..m
        },
        (DateValue::Ambiguous { dmy, .. }, Some(DateOrder::Dmy)) => DateMatch {
            value: DateValue::Date(*dmy),
            format: DateFormat::NumericDmy,
            ..m
        },
        _ => m,
    }
}

/// The period `text` states, from the first same-month form or quarter in it (`special`:
/// its range and what it holds) and its dates, two of which make a range when the text
/// between them `joins` them. (The test oracle feeds it what the old regexes found.)
fn resolve_period(
    text: &str,
    special: Option<(Range<usize>, PeriodShape)>,
    dates: &[DateMatch],
    joins: impl Fn(&str) -> bool,
) -> Option<Result<PeriodMatch, PeriodError>> {
    // A range of two dates wins over a same-month form that starts later.
    let pair = dates.windows(2).find_map(|w| {
        let between = text.get(w[0].range.end..w[1].range.start)?;
        joins(between).then(|| (w[0].clone(), w[1].clone()))
    });
    if let Some((whole, shape)) = special {
        if pair
            .as_ref()
            .is_none_or(|(a, _)| a.range.start > whole.start)
        {
            return Some(same_month(shape, whole));
        }
    }
    if let Some((a, b)) = pair {
        // One numeric end that can only be read one way settles the other's order
        // (`10-02-2023 to 10-17-2023`).
        let a2 = settle_by(a.clone(), &b);
        let b = settle_by(b, &a);
        let a = a2;
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

fn same_month(shape: PeriodShape, range: Range<usize>) -> Result<PeriodMatch, PeriodError> {
    let err = |reason: String| PeriodError {
        range: range.clone(),
        reason,
    };
    let (month, first, last, year) = match shape {
        PeriodShape::Quarter { quarter: q, year } => {
            let y = i16::try_from(year).map_err(|_| err("it has no year".into()))?;
            let start = Date::new(y, (q - 1) * 3 + 1, 1).map_err(|e| err(e.to_string()))?;
            let end = Date::new(y, q * 3, 1)
                .map_err(|e| err(e.to_string()))?
                .last_of_month();
            return Ok(PeriodMatch { range, start, end });
        }
        PeriodShape::Days {
            month,
            first,
            last,
            year,
        } => (month, first, last, year),
    };
    let year = i32::try_from(year).map_err(|_| err("it has no year".into()))?;
    let start = calendar(year, i64::from(month), first).map_err(&err)?;
    let end = calendar(year, i64::from(month), last).map_err(&err)?;
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

    #[test]
    fn a_day_of_a_month_without_a_year() {
        assert_eq!(day_of_month_at("on 10/05 at noon", 3), Some(8));
        assert_eq!(day_of_month_at("03/22", 0), Some(5));
        assert_eq!(day_of_month_at("22/03", 0), Some(5));
        assert_eq!(day_of_month_at("14/15", 0), None);
        assert_eq!(day_of_month_at("3/4/2024", 0), None);
        assert_eq!(day_of_month_at("10/05a", 0), None);
        assert_eq!(day_of_month_at("123/4", 0), None);
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
            ("10-17-2023", &none, D(2023, 10, 17), "10-17-2023"),
            ("17-10-2023", &none, D(2023, 10, 17), "17-10-2023"),
            ("03-04-2024", &none, Ambiguous, "03-04-2024"),
            ("12-09-24", &none, Nothing, ""),
            ("Update 2023-09", &none, D(2023, 9, 1), "2023-09"),
            ("the 2022-23 season", &none, Nothing, ""),
            ("2019-01-154", &none, Invalid, "2019-01-154"),
            ("11.3.2024", &none, D(2024, 3, 11), "11.3.2024"),
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
        ok(
            "# 2025 Q2 Supply Chain",
            (2025, 4, 1),
            (2025, 6, 30),
            "2025 Q2",
        );
        ok("Update 2023-09", (2023, 9, 1), (2023, 9, 30), "2023-09");
        ok(
            "10-02-2023 to 10-17-2023",
            (2023, 10, 2),
            (2023, 10, 17),
            "10-02-2023 to 10-17-2023",
        );
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

    #[test]
    fn the_wide_tests_let_every_start_through() {
        for c in 0..=u8::MAX {
            let i = usize::from(c);
            assert!(!DATE_STARTS[i] || digit_or_capital(c), "{c}");
            assert!(!PERIOD_STARTS[i] || digit_capital_or_q(c), "{c}");
        }
        assert!(DATE_STARTS[usize::from(b'J')] && !DATE_STARTS[usize::from(b'j')]);
        assert!(PERIOD_STARTS[usize::from(b'q')] && !DATE_STARTS[usize::from(b'q')]);
    }
}
