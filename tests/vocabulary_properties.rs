//! Properties of the vocabulary rules over generated prose: every diagnostic's span, sliced
//! from the source, is the text it names (case-insensitively), and fixes never overlap their
//! own span's neighbours.

use ccr_lint::{Settings, lint};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("gonna ".to_string()),
        Just("GONNA ".to_string()),
        Just("Don’t ".to_string()),
        Just("don't ".to_string()),
        Just("it's ".to_string()),
        Just("touch  base ".to_string()),
        Just("due to the\r\n  fact that ".to_string()),
        Just("PLEASE\nNOTE ".to_string()),
        Just("in order to ".to_string()),
        Just("Basically, ".to_string()),
        Just("really ".to_string()),
        Just("a follow up meeting ".to_string()),
        Just("we will follow-up ".to_string()),
        Just("followup ".to_string()),
        Just("URGENT ".to_string()),
        Just("GDPR ".to_string()),
        Just("ridiculous ".to_string()),
        Just("They want ".to_string()),
        Just("Stuff Inc. ".to_string()),
        Just("stuff ".to_string()),
        Just("Great! ".to_string()),
        Just("`gonna` ".to_string()),
        Just("[stuff](https://x.com/stuff) ".to_string()),
        Just("**gon**na ".to_string()),
        Just("&amp; ".to_string()),
        Just("\\*stuff\\* ".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just("\n".to_string()),
        Just("\n\n- ".to_string()),
        Just("\n\n# ".to_string()),
        Just("| a | b |\n| --- | --- |\n| gonna | ASAP |\n".to_string()),
        "[a-zA-Z ]{0,12}",
        "\\PC{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// The quoted text in a message (`'gonna' is informal` → `gonna`).
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('\'')? + 1;
    let end = start + message[start..].find("' ")?;
    Some(&message[start..end])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn vocabulary_spans_are_the_matched_text(src in text()) {
        let settings = Settings::default();
        for d in lint(&src, &settings) {
            let code = d.rule.code.as_ref();
            if !(code.starts_with("CCR6") || code.starts_with("CCR7")) {
                continue;
            }
            let slice = src.get(d.span.clone());
            prop_assert!(slice.is_some(), "span {:?} off char boundaries", d.span);
            let slice = slice.unwrap_or_default();
            prop_assert!(!slice.is_empty(), "{} has an empty span", code);
            if let Some(q) = quoted(&d.message) {
                // Line breaks inside a phrase are shown as one space in the message.
                let slice = slice.split_whitespace().collect::<Vec<_>>().join(" ");
                prop_assert!(slice.eq_ignore_ascii_case(q), "{}: span {:?} is {:?}, message names {:?}", code, d.span, slice, q);
            }
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    prop_assert!(src.get(e.span.clone()).is_some(), "edit off char boundaries");
                    prop_assert!(e.span.start < d.span.end && d.span.start <= e.span.end, "an edit away from its diagnostic");
                }
            }
        }
    }
}

/// The one-scan matcher the language rules share finds, for each kind, exactly what that
/// kind's own automaton finds.
fn same_hits_as_each_kind(text: &str) {
    use ccr_lint::data::vocabulary::{Kind, Vocabulary};
    use ccr_lint::vocab::Tokens;
    static VOCAB: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
        Vocabulary::builtin().expect("the built-in vocabulary compiles")
    });
    let toks = Tokens::new(text);
    let combined = VOCAB.combined.find(&toks);
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Acronyms) {
        let own: Vec<_> = VOCAB.terms(kind).matcher().find(&toks).collect();
        let shared: Vec<_> = combined
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, h)| *h)
            .collect();
        assert_eq!(own, shared, "{kind:?} in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn one_scan_finds_what_each_kind_finds(parts in prop::collection::vec(piece(), 0..40)) {
        same_hits_as_each_kind(&parts.concat());
    }
}

#[test]
fn one_scan_finds_what_each_kind_finds_on_the_examples() {
    for example in [
        include_str!("../examples/flawed-report.md"),
        include_str!("../examples/clean-report.md"),
        "We're gonna touch base ASAP in order to basically follow up on the ridiculous delay!",
        "Due to the fact that they want a follow up, we will reach out at this point in time.",
    ] {
        same_hits_as_each_kind(example);
    }
}
