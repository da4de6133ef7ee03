//! The Aho-Corasick matchers this module used before it looked terms up token by token, kept
//! as the oracle the token lookup is held to: on random terms and texts, and on the built-in
//! vocabulary, both find the same hits, in the same order, with the same entries.
//!
//! They ran over a normalised copy of the text, every token between `\x01` and `\x02`, with
//! the terms normalised alike ([`normalise_term`]), ASCII case ignored. `CombinedMatcher` found
//! every overlapping match and kept, per kind, the leftmost-longest ones (ties to the term
//! given first); `Matcher` used the automaton's own leftmost-longest search.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use proptest::prelude::*;

use super::{CLOSE, CombinedMatcher, Hit, Matcher, OPEN, Tokens, normalise_term};
use crate::data::vocabulary::{Kind, Vocabulary};

/// A token as the automata read the text: curly apostrophes and the acute accent as `'`
/// (their search ignored ASCII case).
fn push_normalised(out: &mut String, s: &str) {
    for c in s.chars() {
        out.push(if matches!(c, '\u{2019}' | '\u{2018}' | '\u{b4}') {
            '\''
        } else {
            c
        });
    }
}

/// The normalised copy of a text the automata ran over, and where each token starts in it.
struct Norm {
    text: String,
    starts: Vec<usize>,
}

impl Norm {
    fn new(toks: &Tokens<'_>) -> Self {
        let mut text = String::new();
        let mut starts = Vec::new();
        for t in &toks.toks {
            starts.push(text.len());
            text.push(char::from(OPEN));
            push_normalised(&mut text, &toks.text[t.range()]);
            text.push(char::from(CLOSE));
        }
        Norm { text, starts }
    }

    /// The first and last token of a match, if it starts at a token.
    fn tokens(&self, m: &aho_corasick::Match) -> Option<(usize, usize)> {
        let first = self.starts.binary_search(&m.start()).ok()?;
        let last = self
            .starts
            .partition_point(|&s| s < m.end())
            .checked_sub(1)?;
        Some((first, last))
    }
}

fn automaton(patterns: &[String], kind: MatchKind) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .ascii_case_insensitive(true)
        .prefilter(false)
        .match_kind(kind)
        .build(patterns)
        .expect("the old matcher's automaton builds");
    Some(ac)
}

/// The old `Matcher`.
struct OldMatcher {
    ac: Option<AhoCorasick>,
    entry_of: Vec<usize>,
}

impl OldMatcher {
    fn new<'a>(terms: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let (patterns, entry_of): (Vec<String>, Vec<usize>) = terms
            .into_iter()
            .filter_map(|(t, e)| Some((normalise_term(t)?, e)))
            .unzip();
        OldMatcher {
            ac: automaton(&patterns, MatchKind::LeftmostLongest),
            entry_of,
        }
    }

    fn find(&self, toks: &Tokens<'_>) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let norm = Norm::new(toks);
        ac.find_iter(norm.text.as_str())
            .filter_map(|m| {
                let (first, last) = norm.tokens(&m)?;
                let entry = *self.entry_of.get(m.pattern().as_usize())?;
                Some(Hit { first, last, entry })
            })
            .collect()
    }
}

/// The old `CombinedMatcher`.
struct OldCombined {
    ac: Option<AhoCorasick>,
    of: Vec<(Kind, usize)>,
}

impl OldCombined {
    fn new<'a>(terms: impl IntoIterator<Item = (Kind, &'a str, usize)>) -> Self {
        let (patterns, of): (Vec<String>, Vec<(Kind, usize)>) = terms
            .into_iter()
            .filter_map(|(k, t, e)| Some((normalise_term(t)?, (k, e))))
            .unzip();
        OldCombined {
            ac: automaton(&patterns, MatchKind::Standard),
            of,
        }
    }

    fn find(&self, toks: &Tokens<'_>) -> Vec<(Kind, Hit)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let norm = Norm::new(toks);
        let mut all: Vec<(Kind, usize, std::cmp::Reverse<usize>, usize, usize)> = ac
            .find_overlapping_iter(norm.text.as_str())
            .filter_map(|m| {
                let (first, last) = norm.tokens(&m)?;
                let &(kind, entry) = self.of.get(m.pattern().as_usize())?;
                Some((
                    kind,
                    first,
                    std::cmp::Reverse(last),
                    m.pattern().as_usize(),
                    entry,
                ))
            })
            .collect();
        all.sort_unstable();
        let mut out: Vec<(Kind, Hit)> = Vec::with_capacity(all.len());
        for (kind, first, std::cmp::Reverse(last), _, entry) in all {
            let overlaps = out
                .last()
                .is_some_and(|(k, h)| *k == kind && first <= h.last);
            if !overlaps {
                out.push((kind, Hit { first, last, entry }));
            }
        }
        out
    }
}

/// Both engines on `(kind, term, entry)` triples over `text`: the combined matchers, and each
/// kind's own matcher, find the same hits; and the combined one finds what each kind's does.
fn same_as_the_automata(terms: &[(Kind, &str, usize)], text: &str) -> Result<(), TestCaseError> {
    let toks = Tokens::new(text);
    let combined = CombinedMatcher::from_terms(terms.iter().copied()).find(&toks);
    let old = OldCombined::new(terms.iter().copied()).find(&toks);
    prop_assert_eq!(
        &combined,
        &old,
        "combined, terms {:?}, text {:?}",
        terms,
        text
    );
    for kind in Kind::ALL {
        let own = || terms.iter().filter(|t| t.0 == kind).map(|t| (t.1, t.2));
        let new: Vec<Hit> = Matcher::new(own()).find(&toks).collect();
        let old = OldMatcher::new(own()).find(&toks);
        prop_assert_eq!(&new, &old, "{:?}, terms {:?}, text {:?}", kind, terms, text);
        let shared: Vec<Hit> = combined
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, h)| *h)
            .collect();
        prop_assert_eq!(&new, &shared, "{:?} alone and combined", kind);
    }
    Ok(())
}

/// Words that tokenise, fold and compare in every way the engines might differ on: case,
/// curly and straight apostrophes, hyphens, punctuation, prefixes of each other, letters that
/// only Unicode case folding (which neither engine does) would equate, the marker bytes.
const WORDS: &[&str] = &[
    "follow",
    "Follow",
    "FOLLOW",
    "up",
    "UP",
    "on",
    "On",
    "follow-up",
    "Follow-Up",
    "followup",
    "don't",
    "don’t",
    "DON‘T",
    "don´t",
    "Don’T",
    "dont",
    "it's",
    "It’s",
    "its",
    "e.g.",
    "E.G.",
    "e",
    "g",
    "i.e.",
    ".",
    ",",
    "!",
    "'",
    "’",
    "‘",
    "-",
    "café",
    "Café",
    "CAFÉ",
    "cafe",
    "Zoë",
    "zoë",
    "ZOË",
    "zoe",
    "stuff",
    "Stuff",
    "in",
    "order",
    "to",
    "touch",
    "base",
    "ASAP",
    "asap",
    "a",
    "A",
    "x-ray",
    "X-Ray",
    "\u{1}",
    "\u{2}",
    "٣",
    "ß",
    "SS",
    "ss",
    "İ",
    "i",
    "I",
    "\u{212a}",
    "k",
    "K",
    "ﬁ",
    "fi",
    "a\u{301}",
    "á",
];

/// The words most terms are made of, so that terms are often prefixes of each other
/// (`follow`, `follow up`, `follow up on`) and compete at the same token.
const CORE: &[&str] = &[
    "follow",
    "up",
    "on",
    "follow-up",
    "don't",
    "café",
    "a",
    ".",
    "e.g.",
];

/// A word as an author might write it: in capitals, in lower case, with curly apostrophes.
fn recase(w: &str, how: u8) -> String {
    match how {
        0 => w.to_uppercase(),
        1 => w.to_lowercase(),
        2 => w.replace('\'', "’"),
        5 => w.replace('\'', "\u{b4}"),
        _ => w.to_string(),
    }
}

fn word() -> impl Strategy<Value = String> {
    let w = prop_oneof![3 => prop::sample::select(CORE), 2 => prop::sample::select(WORDS)];
    (w, 0..6u8).prop_map(|(w, how)| recase(w, how))
}

/// What goes between words: sometimes nothing, so that words run together.
fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            " ", " ", " ", "  ", "\t", "\n", "", "-", "'", "’", "´", ", ", ". ",
        ][..],
    )
}

fn joined(parts: impl Strategy<Value = String>, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((parts, separator()), 0..max).prop_map(|v| {
        v.into_iter()
            .flat_map(|(p, s)| [p, s.to_string()])
            .collect()
    })
}

fn term() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec((word(), separator()), 1..4).prop_map(|v| {
            let n = v.len();
            v.into_iter()
                .enumerate()
                .flat_map(|(i, (w, s))| [w, if i + 1 < n { s.to_string() } else { String::new() }])
                .collect()
        }),
        1 => "[a-zA-Z'’‘\\-. éÉ\u{1}]{0,8}",
    ]
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof!["[ \t\n.,;:!?0-9'’‘\u{1}\u{2}éÉ\\-]{0,3}", "\\PC{0,4}",]
}

/// Terms of four kinds, and a text made of them (recased), other words and noise.
fn terms_and_text() -> impl Strategy<Value = (Vec<(Kind, String, usize)>, String)> {
    let terms = prop::collection::vec(
        (prop::sample::select(&Kind::ALL[..4]), term(), 0..6usize),
        0..24,
    );
    terms.prop_flat_map(|terms| {
        let mut forms: Vec<String> = terms.iter().map(|(_, t, _)| t.clone()).collect();
        forms.push("follow up on".to_string());
        let form = (prop::sample::select(forms), 0..6u8).prop_map(|(f, how)| recase(&f, how));
        let piece = prop_oneof![3 => form, 3 => word(), 1 => noise()];
        (Just(terms), joined(piece, 40))
    })
}

fn cases(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        ..ProptestConfig::default()
    }
}

proptest! {
    // PROPTEST_CASES asks for more.
    #![proptest_config(cases(256))]

    #[test]
    fn random_terms_match_as_the_automata_did((terms, text) in terms_and_text()) {
        let terms: Vec<(Kind, &str, usize)> =
            terms.iter().map(|(k, t, e)| (*k, t.as_str(), *e)).collect();
        same_as_the_automata(&terms, &text)?;
    }
}

/// The built-in vocabulary, its forms, and the old engine built from them.
struct Builtin {
    vocab: Vocabulary,
    forms: Vec<String>,
    old: OldCombined,
    old_own: Vec<(Kind, OldMatcher)>,
}

static BUILTIN: LazyLock<Builtin> = LazyLock::new(|| {
    let vocab = Vocabulary::builtin().expect("the built-in vocabulary compiles");
    let terms: Vec<(Kind, String, usize)> = Kind::ALL
        .iter()
        .flat_map(|&k| {
            vocab
                .terms(k)
                .forms()
                .map(move |(f, i)| (k, f.to_string(), i))
        })
        .collect();
    let old = OldCombined::new(terms.iter().map(|(k, f, i)| (*k, f.as_str(), *i)));
    let old_own = Kind::ALL
        .iter()
        .map(|&k| (k, OldMatcher::new(vocab.terms(k).forms())))
        .collect();
    let forms = terms.into_iter().map(|(_, f, _)| f).collect();
    Builtin {
        vocab,
        forms,
        old,
        old_own,
    }
});

/// A built-in form as an author might write it: in capitals, capitalised, with curly
/// apostrophes.
fn builtin_form() -> impl Strategy<Value = String> {
    (any::<prop::sample::Index>(), 0..6u8).prop_map(|(i, how)| {
        let form = i.get(&BUILTIN.forms);
        match how {
            1 => super::check::capitalise(form),
            _ => recase(form, how),
        }
    })
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn the_builtin_vocabulary_matches_as_the_automata_did(
        text in joined(prop_oneof![6 => builtin_form(), 2 => word(), 1 => noise()], 40),
    ) {
        let b = &*BUILTIN;
        let toks = Tokens::new(&text);
        prop_assert_eq!(b.vocab.combined.find(&toks), b.old.find(&toks), "text {:?}", text);
        for (kind, old) in &b.old_own {
            let new: Vec<Hit> = b.vocab.terms(*kind).matcher().find(&toks).collect();
            prop_assert_eq!(new, old.find(&toks), "{:?} in {:?}", kind, text);
        }
    }
}

#[test]
fn the_examples_match_as_the_automata_did() {
    let b = &*BUILTIN;
    for text in [
        include_str!("../../examples/flawed-report.md"),
        include_str!("../../examples/clean-report.md"),
    ] {
        let toks = Tokens::new(text);
        assert_eq!(b.vocab.combined.find(&toks), b.old.find(&toks));
        for (kind, old) in &b.old_own {
            let new: Vec<Hit> = b.vocab.terms(*kind).matcher().find(&toks).collect();
            assert_eq!(new, old.find(&toks), "{kind:?}");
        }
    }
}
