use std::ops::Range;

use crate::data::Vocabulary;
use crate::diagnostic::Diagnostic;
use crate::vocab::Tokens;
use crate::vocab::check::ProseTokens;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Words written in capitals (`URGENT`, `PLEASE NOTE`) that are not known acronyms.
    /// Words of three letters or fewer, words with digits, the accepted all-caps words in
    /// `vocabulary/acronyms.toml` (`GDPR`, `HTTPS`, `EBITDA`, …) and terms in
    /// `[vocabulary] accept` are never reported. Consecutive capitalised words are one finding.
    ///
    /// ## Why
    /// Capitals read as shouting; emphasis in a report comes from clear wording and structure.
    ///
    /// ## Example
    /// ```markdown
    /// The invoice is OVERDUE and the GDPR review is pending.
    /// ```
    /// reports `OVERDUE`; `GDPR` is a known acronym.
    ///
    /// ## Fix safety
    /// No fix: whether a word is an acronym, a name or emphasis is for the writer to decide.
    pub struct Shouting {
        code: "CCR608",
        name: "shouting",
        severity: Info,
        fix: None,
        summary: "Words in capitals that are not known acronyms",
    }
}

/// Whether a word token is shouting: more than three letters, all capitals, no digits, not an acronym.
fn is_shouted(word: &str, vocab: &Vocabulary) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters > 3
        && !word.chars().any(|c| c.is_numeric())
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && !vocab.acronyms.contains(word)
        && !vocab
            .acronyms
            .contains(word.trim_end_matches(['\'', '\u{2019}', 'S']))
}

/// Whether `text` may hold a shouted word, checked before tokenising: a shouted word starts
/// with a capital followed by another capital or a joiner (`'`, `-`, a curly apostrophe),
/// since it has at least four letters, all capitals, and no digits. ASCII text is checked
/// byte by byte.
fn may_shout(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_uppercase() && matches!(w[1], b'A'..=b'Z' | b'\'' | b'-'));
    }
    let mut prev_upper = false;
    text.chars().any(|c| {
        let hit =
            prev_upper && (c.is_uppercase() || matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '-'));
        prev_upper = c.is_uppercase();
        hit
    })
}

/// Runs of shouted words in `toks` (text ranges), keeping those `keep` allows.
pub fn shouted_runs(
    toks: &Tokens<'_>,
    vocab: &Vocabulary,
    keep: impl Fn(&Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut last_shouted: Option<usize> = None;
    for (i, t) in toks.toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        if is_shouted(toks.str(i), vocab) && keep(&t.range()) {
            match runs.last_mut() {
                // Words separated only by spaces are one finding; punctuation splits them.
                Some(run) if last_shouted.is_some_and(|l| l + 1 == i) => run.end = t.range().end,
                _ => runs.push(t.range()),
            }
            last_shouted = Some(i);
        }
    }
    runs
}

impl Rule for Shouting {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let vocab = &cx.settings.data.vocabulary;
        for prose in &cx.doc.prose {
            if cx.skips_run(prose) || !may_shout(&prose.text) {
                continue;
            }
            let pt = ProseTokens::new(prose, vocab);
            let keep = |r: &Range<usize>| {
                prose.is_plain(r.clone()) && !pt.is_accepted(r) && cx.is_checked(prose, r.clone())
            };
            for run in shouted_runs(&pt.toks, vocab, keep) {
                let Some(span) = pt.source_span(cx.doc.source, run.clone()) else {
                    continue;
                };
                let shown = crate::vocab::check::one_line(&prose.text[run]);
                out.push(
                    cx.diagnostic(&Self::META, span, format!("'{shown}' is written in capitals"))
                        .with_help("write it in normal case; if it is an acronym or a name, add it to `[vocabulary] accept`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Tokens;
    use proptest::prelude::*;

    fn shouts(text: &str) -> bool {
        let vocab = crate::data::vocabulary::Vocabulary::builtin().expect("built-in vocabulary");
        !shouted_runs(&Tokens::new(text), &vocab, |_| true).is_empty()
    }

    #[test]
    fn the_byte_check_lets_every_shouted_word_through() {
        for text in [
            "URGENT: call",
            "we DON'T agree",
            "FOLLOW-UP now",
            "Ana ist ÜBERALL",
        ] {
            assert!(shouts(text), "{text}");
            assert!(may_shout(text), "{text}");
        }
        assert!(!may_shout("Call with Ana on June 3, 2024; a Q3 review."));
        assert!(!may_shout("Call with Zoë and Łukasz Żółć."));
    }

    proptest! {
        #[test]
        fn no_shouted_word_is_skipped(text in "[A-Za-zÄÖÜäöüßŁłÉé'’‘\\- .,!0-9]{0,40}") {
            if shouts(&text) {
                prop_assert!(may_shout(&text));
            }
        }
    }
}
