//! Differential tests: the scanner in `dates.rs` against the regex oracle, on text generated
//! from a grammar of date-like pieces (numbers, month names and near misses in every case,
//! ordinals, separators, connectors, quarters, times and zones, Unicode spaces and letters)
//! glued together with random ASCII. Every result must be identical: ranges, values,
//! formats, errors and error ranges.
//!
//! `PROPTEST_CASES=20000 cargo test --lib dates::differential` for a long run.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::oracle;
use super::{DateContext, find_dates, find_times, parse_period};
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
    "Until", "TILL", "And", "AND", "thro", "unti", "an", "ſ", "K",
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

/// One piece: mostly from the list, else numbers or random ASCII.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        4 => "[0-9]{1,4}",
        1 => "[0-9]{5,6}",
        1 => "[ -~]{1,3}",
    ]
}

/// Text made of pieces, each followed by a space or by nothing.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), prop_oneof![Just(""), Just(" ")]), 0..24).prop_map(
        |parts| {
            parts.into_iter().fold(String::new(), |mut s, (p, sep)| {
                s.push_str(&p);
                s.push_str(sep);
                s
            })
        },
    )
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
