//! Quoted material is never edited by a fix (DESIGN §9): over generated reports that mix the
//! author's prose with blockquotes, quoted speech, speaker lines and transcript turns, all
//! holding words the language rules fix (`don't`, `gonna`, `in order to`, `!!`, …), fixing with
//! every fix, under either `[language] quotes` setting, leaves every byte of every quotation.

use ccr_lint::fix;
use ccr_lint::settings::{Overrides, QuotePolicy, Settings};
use proptest::prelude::*;

fn settings(check: bool) -> Settings {
    let overrides = Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ..Overrides::default()
    };
    let mut s = Settings::without_config(&overrides).expect("default settings");
    s.quotes = if check {
        QuotePolicy::Check
    } else {
        QuotePolicy::Skip
    };
    s
}

/// Words the language rules report and fix, and plain ones.
const WORDS: &[&str] = &[
    "don't",
    "we're",
    "I’m",
    "gonna",
    "in order to",
    "basically",
    "really",
    "followup",
    "follow-up",
    "ASAP",
    "very",
    "just",
    "kick off",
    "as usual",
    "the client failed to",
    "!!",
    "URGENT",
    "plain",
    "words",
    "the",
    "client",
    "agreed",
    "June 3, 2024",
    "Zoë",
];

fn words(min: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..min + 8).prop_map(|w| w.join(" "))
}

/// A quotation in one of the forms the document pass reads, and the text it quotes.
fn quotation() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        words(1).prop_map(|w| (format!("> {w}\n> and {w}.\n\n"), format!("{w}\n> and {w}."))),
        words(3).prop_map(|w| (
            format!("The client said: \"{w}\" today.\n\n"),
            format!("\"{w}\"")
        )),
        words(3).prop_map(|w| (format!("Ana wrote “{w}” on Monday.\n\n"), format!("“{w}”"))),
        words(3).prop_map(|w| (
            format!("- Brian: we all agreed {w}\n- Mara: we all agreed {w} too\n- Brian: we all agreed {w} again\n\n"),
            format!("Brian: we all agreed {w}\n- Mara: we all agreed {w} too\n- Brian: we all agreed {w} again"),
        )),
        words(1).prop_map(|w| (
            format!("- Q: {w}?\n- A: {w}\n\n"),
            format!("Q: {w}?\n- A: {w}")
        )),
        words(1).prop_map(|w| (format!("[01:45] - **Dodger**\n\n{w}.\n\n"), format!("{w}."))),
        words(1).prop_map(|w| (
            format!("**Phil  3:54** {w}.\n\n"),
            format!("Phil  3:54** {w}.")
        )),
    ]
}

/// The author's own prose, with the same words.
fn prose() -> impl Strategy<Value = String> {
    prop_oneof![
        words(1).prop_map(|w| format!("{w}.\n\n")),
        words(1).prop_map(|w| format!("- {w}\n\n")),
        Just("## Next Steps\n\n".to_string()),
        Just("## Interaction Log\n\n".to_string()),
    ]
}

/// A report of prose and quotations; returns the quoted texts too.
fn report() -> impl Strategy<Value = (String, Vec<String>)> {
    prop::collection::vec(
        prop_oneof![2 => prose().prop_map(|p| (p, None)), 1 => quotation().prop_map(|(s, q)| (s, Some(q)))],
        1..10,
    )
    .prop_map(|parts| {
        let mut text = "# Client Communication Report\n\n".to_string();
        let mut quotes = Vec::new();
        for (src, quote) in parts {
            text.push_str(&src);
            quotes.extend(quote);
        }
        (text, quotes)
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_never_changes_a_byte_of_a_quotation(
        (src, quotes) in report(),
        check in any::<bool>(),
        unsafe_fixes in any::<bool>(),
    ) {
        let out = fix::fix(&src, None, &settings(check), unsafe_fixes);
        for q in &quotes {
            prop_assert!(
                out.text.contains(q.as_str()),
                "the quotation {:?} was changed:\n{}", q, out.text
            );
        }
    }
}

/// The examples, end to end: `--fix --unsafe-fixes` keeps both quotations.
#[test]
fn the_client_s_words_are_kept() {
    let src =
        "# Report\n\n> I'm confident\n\nThe client said: \"We're not happy…\"\n\nWe don't agree.\n";
    for check in [false, true] {
        let out = fix::fix(src, None, &settings(check), true);
        assert!(out.text.contains("> I'm confident"), "{}", out.text);
        assert!(out.text.contains("\"We're not happy…\""), "{}", out.text);
        assert!(out.text.contains("We do not agree."), "{}", out.text);
    }
}
