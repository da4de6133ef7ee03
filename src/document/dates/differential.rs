//! Differential tests: the scanner in `dates.rs` against the regex oracle, on text generated
//! from a grammar of date-like material: times, dates, same-month ranges, quarters and
//! joined dates whose every part varies (numbers of any length, month names in every case
//! and near misses, ordinals, separators, joining words, AM/PM marks, zones, Unicode spaces,
//! what follows), mixed with loose pieces and random ASCII. Every result must be identical: ranges, values,
//! formats, errors and error ranges.
//!
//! `PROPTEST_CASES=20000 cargo test --lib dates::differential` for a long run.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::oracle;
use super::{
    DateContext, find_dates, find_times, joins_dates, month_words, parse_period, space_len,
};
use crate::settings::DateOrder;

/// Pieces that make or nearly make dates, times and periods, and what sits around them.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    // Month names in every spelling the pattern knows, and in some it does not.
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
    "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "Sept.", "Jun.", "Dec.", "may",
    "june", "jun", "sept", "JUN", "SEPT", "SEP", "Junee", "Marching", "Mayday", "Augusta",
    "Janu", "Septe", "Septembe", "Octob", "Ma", "Ju", "Mars", "Decembers", "JUNe", "MAy",
    // Ordinals, `of`, separators.
    "st", "nd", "rd", "th", "ST", "Th", "of", "Of", "of ", ",", ", ", "/", ".", "-", "--", "–",
    "—", ":", "+", "_", "'", "(", ")", "*", "**",
    // Connectors, in varied case, and near misses.
    "to", "through", "thru", "until", "till", "and", "TO", "To", "Through", "THRU", "tHRU",
    "Until", "TILL", "And", "AND", "thro", "unti", "an", "ſ", "\u{212a}",
    // Quarters.
    "Q1", "Q2", "Q3", "Q4", "Q5", "Q0", "q3", "Q", "q",
    // Times and zones.
    "10:00", "2:30", "14:30", "25:00", "9:5", "10:000", "12:15", "2 pm", "9 a.m.", "a.m.",
    "a.m", "p.m.", "P.M", "am", "AM", "pm", "PM", "Pm", "p", "m", "M", "amx", "14:30 CET",
    "UTC+2", "UTC-11", "UTC+123", "GMT+1", "GMT-", "UTC", "GMT", "CET", "CEST", "EET", "EEST",
    "WET", "WEST", "BST", "IST", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AEST",
    "AEDT", "JST", "SGT", "CETX", "ES",
    // Whole dates, to make longer structures likely.
    "2024-06-16", "2024-6-1", "2023-02-29", "06/16/2024", "03/04/2024", "16.06.2024",
    "6/16/24", "1.2.24", "June 16, 2024", "16 June 2024", "16th of June", "June 2024",
    "June 1–30, 2024", "1–30 June 2024", "Q3 2024", "February 29", "June 31",
    // Whitespace: ASCII, Unicode and near misses (U+180E, U+200B and U+FEFF are not `\s`).
    " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}",
    "\u{2000}", "\u{2003}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}",
    "\u{3000}", "\u{180e}", "\u{200b}", "\u{feff}",
    // Letters outside ASCII.
    "é", "ß", "März", "Zoë", "ı", "İ", "日本", "٣",
];

/// One loose piece: mostly from the list, else numbers or random ASCII.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        4 => "[0-9]{1,4}",
        1 => "[0-9]{5,6}",
        1 => "[ -~]{1,3}",
    ]
}

/// One of `options`, as an owned string.
fn one_of(options: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    proptest::sample::select(options).prop_map(str::to_owned)
}

/// Whitespace between the parts of a structure: mostly a space, sometimes other Unicode
/// whitespace, sometimes nothing or something that is not whitespace.
#[rustfmt::skip]
fn gap() -> impl Strategy<Value = String> + Clone {
    one_of(&[
        "", "", " ", " ", " ", " ", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{3000}",
        "\u{85}", "\u{180e}", "\u{200b}", "x",
    ])
}

/// A number, mostly one or two digits long.
fn num() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        6 => "[0-9]{1,2}",
        3 => "[0-9]{4}",
        1 => "[0-9]{3,5}",
        1 => Just(String::new())
    ]
}

#[rustfmt::skip]
fn month() -> impl Strategy<Value = String> + Clone {
    one_of(&[
        "January", "June", "Jun", "July", "Jan", "JUNE", "JANUARY", "Sept", "Sep", "September",
        "SEPTEMBER", "SEPT", "May", "MAY", "may", "March", "Mar", "Marching", "Junee", "Jun.",
        "June.", "Sept.", "Dec.", "December", "DECEMBER", "Feb", "February", "Aug", "August",
        "AUGUST", "Augusta", "Oct", "Nov", "Apr", "APRIL", "Septe", "Ju", "june", "März",
    ])
}

#[rustfmt::skip]
fn ordinal() -> impl Strategy<Value = String> + Clone {
    one_of(&["", "", "", "st", "nd", "rd", "th", "th", "ST", "Th", "thr", "t", "s"])
}

#[rustfmt::skip]
fn joiner() -> impl Strategy<Value = String> + Clone {
    one_of(&[
        "-", "–", "—", "--", "to", "through", "until", "thru", "till", "and", "TO", "Thru",
        "thro", "rough", "rough", "ru", "ough", "hrough", "/", ",",
    ])
}

#[rustfmt::skip]
fn am_pm() -> impl Strategy<Value = String> + Clone {
    one_of(&[
        "", "am", "AM", "a.m.", "a.m", "am.", "p.m.", "P.M", "pm", "Pm", "p.M.", "a", "m",
        "amx", "a.m.x", "pmt", "a.m._", "p.m.5",
    ])
}

#[rustfmt::skip]
fn zone() -> impl Strategy<Value = String> + Clone {
    one_of(&[
        "", "UTC", "GMT", "CET", "CEST", "EEST", "WEST", "AEDT", "SGT", "UTC+2", "UTC-11",
        "UTC+123", "UTC+1x", "GMT+1", "GMT-", "GMT+05", "CETX", "ES", "utc", "UTC+", "GMT-9_",
    ])
}

/// What follows a structure: nothing, punctuation, a letter or digit that spoils a boundary.
#[rustfmt::skip]
fn tail() -> impl Strategy<Value = String> + Clone {
    one_of(&["", "", " ", ".", ",", "x", "/", "-", "0", "_", "é", ")", ":", ". ", "\n"])
}

/// A time: `h:mm` with optional mark and zone, or `h mark`, every part varied.
fn time() -> BoxedStrategy<String> {
    let clock = (
        num(),
        one_of(&[":", ":", "."]),
        prop_oneof![4 => "[0-9]{2}", 1 => "[0-9]{1,3}"],
        gap(),
        am_pm(),
        gap(),
        zone(),
    )
        .prop_map(|(h, c, m, g1, ap, g2, z)| format!("{h}{c}{m}{g1}{ap}{g2}{z}"));
    let mark = (num(), gap(), am_pm()).prop_map(|(h, g, ap)| format!("{h}{g}{ap}"));
    (prop_oneof![clock, mark], tail())
        .prop_map(|(t, end)| t + &end)
        .boxed()
}

/// A date in one of the written forms, every part varied.
fn date_like() -> BoxedStrategy<String> {
    let year = (one_of(&["", "", ",", ",,"]), gap(), num())
        .prop_map(|(comma, g, y)| format!("{comma}{g}{y}"));
    let month_day = (month(), gap(), num(), ordinal(), year.clone())
        .prop_map(|(m, g, d, o, y)| format!("{m}{g}{d}{o}{y}"));
    let day_month = (
        num(),
        ordinal(),
        gap(),
        one_of(&["", "", "of ", "of", "Of "]),
        month(),
        year,
    )
        .prop_map(|(d, o, g, of, m, y)| format!("{d}{o}{g}{of}{m}{y}"));
    let sep = || one_of(&["/", ".", "-", "/", "."]);
    let numeric = (num(), sep(), num(), sep(), num())
        .prop_map(|(a, s1, b, s2, c)| format!("{a}{s1}{b}{s2}{c}"));
    (
        prop_oneof![month_day.boxed(), day_month.boxed(), numeric.boxed()],
        tail(),
    )
        .prop_map(|(d, end)| d + &end)
        .boxed()
}

/// A same-month range, a quarter, or two dates joined.
fn period_like() -> BoxedStrategy<String> {
    let tight = || one_of(&["", "", " "]);
    let days = || {
        (
            num(),
            ordinal(),
            tight(),
            joiner(),
            tight(),
            num(),
            ordinal(),
        )
    };
    let year =
        (one_of(&["", ",", ","]), gap(), num()).prop_map(|(comma, g, y)| format!("{comma}{g}{y}"));
    let month_days =
        (month(), gap(), days(), year.clone()).prop_map(|(m, g, (a, o1, g1, j, g2, b, o2), y)| {
            format!("{m}{g}{a}{o1}{g1}{j}{g2}{b}{o2}{y}")
        });
    let days_month =
        (days(), gap(), month(), year).prop_map(|((a, o1, g1, j, g2, b, o2), g, m, y)| {
            format!("{a}{o1}{g1}{j}{g2}{b}{o2}{g}{m}{y}")
        });
    let quarter = (one_of(&["Q", "q", "Q", "QQ"]), "[0-6]{1,2}", gap(), num())
        .prop_map(|(q, n, g, y)| format!("{q}{n}{g}{y}"));
    let year_quarter = (num(), gap(), one_of(&["Q", "q", "Q", "QQ"]), "[0-6]{1,2}")
        .prop_map(|(y, g, q, n)| format!("{y}{g}{q}{n}"));
    let pair = (date_like(), gap(), joiner(), gap(), date_like())
        .prop_map(|(a, g1, j, g2, b)| format!("{a}{g1}{j}{g2}{b}"));
    (
        prop_oneof![
            month_days.boxed(),
            days_month.boxed(),
            quarter.boxed(),
            year_quarter.boxed(),
            pair.boxed()
        ],
        tail(),
    )
        .prop_map(|(p, end)| p + &end)
        .boxed()
}

/// Text made of structures and loose pieces, each followed by a space or by nothing.
fn text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => piece().boxed(),
        2 => time(),
        2 => date_like(),
        2 => period_like(),
    ];
    proptest::collection::vec((part, prop_oneof![Just(""), Just(" ")]), 0..8).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (p, sep)| {
            s.push_str(&p);
            s.push_str(sep);
            s
        })
    })
}

fn order() -> impl Strategy<Value = Option<DateOrder>> {
    prop_oneof![
        Just(None),
        Just(Some(DateOrder::Mdy)),
        Just(Some(DateOrder::Dmy))
    ]
}

/// No period, a month, a period across a new year, or any span of up to three years.
fn period() -> impl Strategy<Value = Option<(Date, Date)>> {
    prop_oneof![
        Just(None),
        Just(Some((date(2024, 6, 1), date(2024, 6, 30)))),
        Just(Some((date(2023, 12, 1), date(2024, 1, 31)))),
        (
            1990i16..2040,
            1i8..=12,
            1i8..=28,
            0i16..3,
            1i8..=12,
            1i8..=28
        )
            .prop_map(|(y, m, d, dy, m2, d2)| {
                let a = date(y, m, d);
                let b = date(y + dy, m2, d2);
                Some(if a <= b { (a, b) } else { (b, a) })
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn dates_match_the_oracle(text in text(), order in order(), period in period()) {
        let cx = DateContext { order, period };
        prop_assert_eq!(find_dates(&text, &cx), oracle::find_dates(&text, &cx));
    }

    #[test]
    fn times_match_the_oracle(text in text()) {
        prop_assert_eq!(find_times(&text), oracle::find_times(&text));
    }

    #[test]
    fn periods_match_the_oracle(text in text(), order in order()) {
        prop_assert_eq!(parse_period(&text, order), oracle::parse_period(&text, order));
    }

    #[test]
    fn any_text_matches_the_oracle(text in "\\PC{0,40}", order in order()) {
        let cx = DateContext { order, period: None };
        prop_assert_eq!(find_dates(&text, &cx), oracle::find_dates(&text, &cx));
        prop_assert_eq!(find_times(&text), oracle::find_times(&text));
        prop_assert_eq!(parse_period(&text, order), oracle::parse_period(&text, order));
    }
}

/// Connector-like text: dashes, joining words in any case, their near misses, whitespace.
#[rustfmt::skip]
const JOINER_PIECES: &[&str] = &[
    "-", "–", "—", "‒", "to", "TO", "tO", "through", "THROUGH", "thru", "Thru", "until",
    "UNTIL", "till", "Till", "and", "AND", "anD", "an", "til", "thro", "tı", "ſ", "\u{212a}", "x",
    " ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{180e}", "\u{200b}",
];

proptest! {
    #[test]
    fn joiners_match_the_oracle(
        parts in proptest::collection::vec(proptest::sample::select(JOINER_PIECES), 0..6)
    ) {
        let between = parts.concat();
        prop_assert_eq!(joins_dates(&between), oracle::CONNECTOR_RE.is_match(&between));
    }
}

/// The scanner's whitespace is exactly what `\s` matched, over every character.
#[test]
fn spaces_are_the_patterns_spaces() {
    let all: String = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .collect();
    let pattern = regex::Regex::new(r"\s").unwrap_or_else(|e| panic!("valid: {e}"));
    let mut spaces = pattern.find_iter(&all).map(|m| m.start()).peekable();
    for (i, c) in all.char_indices() {
        let is_space = spaces.next_if_eq(&i).is_some();
        let want = if is_space { c.len_utf8() } else { 0 };
        assert_eq!(space_len(all.as_bytes(), i), want, "U+{:04X}", u32::from(c));
    }
}

/// The month spellings, grouped by first letter, are the pattern's alternation in order,
/// and each names the month `oracle::month_number` reads from it.
#[test]
fn month_words_are_the_patterns_months() {
    let spellings: Vec<&str> = oracle::MONTH_RE
        .trim_start_matches("(?:")
        .trim_end_matches(")\\.?")
        .split('|')
        .collect();
    assert_eq!(spellings.len(), 36);
    for first in 0..=u8::MAX {
        let want: Vec<&str> = spellings
            .iter()
            .copied()
            .filter(|s| s.as_bytes()[0] == first)
            .collect();
        let got: Vec<&str> = month_words(first)
            .iter()
            .map(|(w, _)| std::str::from_utf8(w).unwrap_or("?"))
            .collect();
        assert_eq!(got, want, "{:?}", char::from(first));
        for (word, month) in month_words(first) {
            let word = std::str::from_utf8(word).unwrap_or("?");
            assert_eq!(oracle::month_number(word), Some(*month), "{word}");
            assert_eq!(
                oracle::month_number(&format!("{word}.")),
                Some(*month),
                "{word}."
            );
        }
    }
}

/// Cases where the old patterns back off in ways that are easy to get wrong, each checked
/// against the oracle (the generated tests reach them too, but rarely).
#[test]
fn subtle_cases_match_the_oracle() {
    let cases = [
        // A boundary must follow the time: the AM/PM mark gives back its last dot.
        "10:00 a.m. next",
        "10:00 a.m.",
        "10:00 a.m.x",
        "10:00 a.mx",
        "10:00 amx",
        "9 a.m.",
        "9 a.m",
        "9 amx",
        // Zone offsets back off to fewer digits, then to the bare name.
        "14:30 UTC+123",
        "14:30 UTC+12",
        "14:30 UTC+1x",
        "14:30 GMT-5_",
        "14:30 CETX",
        "14:30 pm CEST.",
        // `th` is an ordinal or the start of the joining word.
        "June 4through 6, 2024",
        "June 4thru 6, 2024",
        "June 4th through 6th, 2024",
        "4through 6 June 2024",
        // Month spellings in order; nothing need follow a day-month's month.
        "16 Junee",
        "5 Marching",
        "5 Septe 2024",
        "Sept. 3, 2024",
        "Sep. 3, 2024",
        "Septe 3, 2024",
        "16 June.",
        "16 Jun., 2024",
        "16 June2024",
        "1 Jan 2024/5",
        "June 16st, 2024",
        "June 1ST 2024",
        // Years of two or four digits only; glued slashes and digits.
        "1/2/345",
        "1/2/2024x",
        "3/4/2024/5",
        "/3/4/2024",
        "x-2024-06-01",
        "2024-06-011",
        // Unicode whitespace and letters around.
        "June\u{a0}16,\u{2003}2024",
        "June\u{180e}16, 2024",
        "é5 June",
        "Zoë met on 5 März 2024",
        // Periods against pairs of dates.
        "June 1 – July 15, 2024 and Q3 2024",
        "Q3 2024 then June 1 to June 5, 2024",
        "June 1 \u{a0}TO\u{a0} June 5, 2024",
        "June 1 and June 5, 2024",
        "June 1 ſ June 5, 2024",
    ];
    for text in cases {
        for order in [None, Some(DateOrder::Mdy), Some(DateOrder::Dmy)] {
            let cx = DateContext {
                order,
                period: Some((date(2024, 6, 1), date(2024, 6, 30))),
            };
            assert_eq!(
                find_dates(text, &cx),
                oracle::find_dates(text, &cx),
                "{text:?}"
            );
            assert_eq!(
                parse_period(text, order),
                oracle::parse_period(text, order),
                "{text:?}"
            );
        }
        assert_eq!(find_times(text), oracle::find_times(text), "{text:?}");
    }
}
