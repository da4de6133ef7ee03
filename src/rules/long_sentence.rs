use crate::diagnostic::Diagnostic;
use crate::document::{Prose, SegKind};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Sentences longer than `[limits] sentence-words` words (35 by default). A sentence ends
    /// at `.`, `!` or `?` followed by a capital, a digit or the end of the paragraph, list line
    /// or table cell; abbreviations such as `e.g.`, `Inc.` and `Mr.` do not end one. Only the
    /// author's words count: code and URLs do not.
    ///
    /// ## Why
    /// Long sentences hide who did what and when. Clients skim reports; one fact per sentence
    /// survives skimming.
    ///
    /// ## Example
    /// A 40-word sentence reporting a call, its participants, the decision and the next step
    /// is reported at its full extent, with the word count and the limit.
    ///
    /// ## Fix safety
    /// No fix: where to split a sentence is the writer's call.
    pub struct LongSentence {
        code: "CCR701",
        name: "long-sentence",
        severity: Info,
        fix: None,
        summary: "Sentences longer than the configured number of words",
    }
}

const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "etc.", "mr.", "mrs.", "ms.", "dr.", "inc.", "ltd.", "co.", "corp.", "vs.",
    "approx.", "no.", "st.",
];

fn ends_sentence(word: &str, next: Option<&str>) -> bool {
    let core = word.trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}', '*', '_']);
    if !core.ends_with(['.', '!', '?']) {
        return false;
    }
    if ABBREVIATIONS.contains(&core.to_lowercase().as_str()) {
        return false;
    }
    next.and_then(|n| n.chars().find(|c| c.is_alphanumeric()))
        .is_none_or(|c| !c.is_lowercase())
}

/// At most how many words [`Prose::word_ranges`] finds in `prose`: a text segment holds at
/// most one more word than it has whitespace characters, and every byte of a non-ASCII
/// character is counted as one in case it is a space (U+00A0, U+2003, …).
fn max_words(prose: &Prose) -> usize {
    let spaces = prose
        .text
        .bytes()
        .filter(|&b| matches!(b, b'\t'..=b'\r' | b' ') || b >= 0x80)
        .count();
    let segments = prose
        .segs
        .iter()
        .filter(|s| s.kind == SegKind::Text)
        .count();
    spaces + segments
}

impl Rule for LongSentence {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let limit = cx.settings.limits.sentence_words;
        for prose in &cx.doc.prose {
            // Most runs (cells, list items, short paragraphs) cannot hold more than `limit`
            // words, and a byte count says so without splitting them into words.
            if max_words(prose) <= limit {
                continue;
            }
            let words: Vec<_> = prose.word_ranges().collect();
            let mut start = 0;
            for i in 0..words.len() {
                let word = &prose.text[words[i].clone()];
                let next = words.get(i + 1).map(|r| &prose.text[r.clone()]);
                if !ends_sentence(word, next) && next.is_some() {
                    continue;
                }
                let count = i + 1 - start;
                if count > limit {
                    let range = words[start].start..words[i].end;
                    if let Some(span) = prose.to_source(range) {
                        out.push(
                            cx.diagnostic(
                                &Self::META,
                                span,
                                format!("sentence has {count} words (limit {limit})"),
                            )
                            .with_help(
                                "split it: one fact per sentence (who, what, when) reads faster",
                            ),
                        );
                    }
                }
                start = i + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_count_never_undercounts_words(
            text in "[a-zé*_`.!? \t\u{b}\u{a0}\u{2003}\u{85}\n-]{0,60}"
        ) {
            let doc = Document::parse(&text);
            for prose in &doc.prose {
                prop_assert!(prose.word_ranges().count() <= max_words(prose), "{:?}", prose.text);
            }
        }
    }
}
