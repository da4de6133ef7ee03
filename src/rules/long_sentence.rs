use crate::diagnostic::Diagnostic;
use std::ops::Range;

use crate::document::{Prose, Seg, SegKind};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Sentences longer than `[limits] sentence-words` words (35 by default). A sentence ends
    /// at `.`, `!` or `?` followed by a capital, a digit or the end of the paragraph, list line
    /// or table cell; abbreviations such as `e.g.`, `Inc.` and `Mr.` do not end one. A `<br>`
    /// (a list in a table cell) and a line that opens with a bullet character (`●`, `•`, `-`:
    /// a list pasted as plain lines) end one too. Only the author's words count: code, URLs and
    /// quoted material (blockquotes, quoted speech, transcripts; see `[language] quotes`) do
    /// not.
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

/// Characters that open a line as a list item would (`●`, `•`, `-`, …): text pasted from a
/// document as plain lines, where each line is an item, not part of one sentence.
const LINE_BULLETS: &[char] = &[
    '\u{25cf}', '\u{2022}', '\u{25aa}', '\u{25e6}', '\u{00b7}', '-', '*', '\u{2013}', '\u{2014}',
    '\u{2192}', '\u{2713}', '\u{2714}', '\u{27a2}', '\u{25ba}', '\u{25cb}', '\u{25a0}', '\u{25a1}',
];

/// Whether an inline HTML tag is a line break (`<br>`, `<br/>`, `</br>`).
fn is_line_break_tag(tag: &str) -> bool {
    let t = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .trim_start();
    t.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("br"))
        && t[2..].trim_start().starts_with(['>', '/'])
}

/// The words of a run the rule counts (in text segments it checks), each with whether a
/// sentence ends before it whatever the punctuation: at a `<br>`, at quoted material the rule
/// skips, and at a line that opens with a bullet character.
fn counted_words(prose: &Prose, checked: impl Fn(&Seg) -> bool) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut pending = false;
    let mut after_break = false;
    for seg in &prose.segs {
        let text = &prose.text[seg.text_range()];
        match seg.kind {
            SegKind::Text if checked(seg) => {
                if after_break && text.trim_start().starts_with(LINE_BULLETS) {
                    pending = true;
                }
                for w in text.split(char::is_whitespace) {
                    if !w.chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    let start = seg.text_start() + (w.as_ptr() as usize - text.as_ptr() as usize);
                    out.push((start..start + w.len(), std::mem::take(&mut pending)));
                }
            }
            SegKind::Text => pending = true,
            SegKind::Html if is_line_break_tag(text) => pending = true,
            _ => {}
        }
        after_break = seg.kind == SegKind::Break;
    }
    out
}

impl Rule for LongSentence {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let limit = cx.settings.limits.sentence_words;
        let checks_quotes = cx.checks_quotes();
        for prose in &cx.doc.prose {
            // Most runs (cells, list items, short paragraphs) cannot hold more than `limit`
            // words, and a byte count says so without splitting them into words.
            if max_words(prose) <= limit || cx.skips_run(prose) {
                continue;
            }
            let words = counted_words(prose, |seg| checks_quotes || !seg.quoted);
            let mut start = 0;
            for i in 0..words.len() {
                let next = words.get(i + 1);
                let ends = match next {
                    None => true,
                    Some((_, true)) => true,
                    Some((r, false)) => ends_sentence(
                        &prose.text[words[i].0.clone()],
                        Some(&prose.text[r.clone()]),
                    ),
                };
                if !ends {
                    continue;
                }
                let count = i + 1 - start;
                if count > limit {
                    let range = words[start].0.start..words[i].0.end;
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
