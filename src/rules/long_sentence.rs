use crate::diagnostic::Diagnostic;
use std::ops::Range;

use crate::document::{Prose, Seg, SegKind};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Sentences longer than `[limits] sentence-words` words (35 by default). A sentence ends
    /// at `.`, `!` or `?` followed by a capital, a digit or the end of the paragraph, list line
    /// or table cell; abbreviations such as `e.g.`, `Inc.` and `Mr.` do not end one. A `<br>`
    /// (a list in a table cell), a line that opens with a bullet character (`●`, `•`, `-`) or
    /// with a capital after a line without closing punctuation (a list pasted as plain lines)
    /// end one too, and so do a full stop after a link (`[the runbook](…).`) and a full stop
    /// before a hard line break. A label followed by a list of short items (`Participants:
    /// Yo Yehudi (Ethos of Open), Sara El Gebali, …`) is a list, not a sentence. Only the author's words count: code, URLs and
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
    next.and_then(crate::chars::first_alphanumeric)
        .is_none_or(|c| !c.is_lowercase())
}

/// At most how many words [`Prose::word_ranges`] finds in `prose`: a text segment holds at
/// most one more word than it has whitespace characters. Every control byte counts as one in
/// case it is a space (`\t`, `\n`), and so does every byte of a non-ASCII character (U+00A0,
/// U+2003, …): one comparison a byte, which the compiler turns into vector code.
fn max_words(prose: &Prose, limit: usize) -> usize {
    // A word and the space after it take two bytes, so a run this short cannot hold more
    // than `limit` words, whatever its bytes are.
    let bound = (prose.text.len() + prose.segs.len()) / 2 + 1;
    if bound <= limit {
        return bound;
    }
    // `b <= b' ' || b >= 0x80`, as one unsigned comparison, summed in bytes 255 at a time.
    let spaces: usize = prose
        .text
        .as_bytes()
        .chunks(255)
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .map(|b| u8::from(b.wrapping_sub(b'!') >= 0x80 - b'!'))
                .sum();
            usize::from(n)
        })
        .sum();
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

/// Words after which a sentence goes on past a line break.
const LEADS_ON: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "our",
    "the", "their", "this", "to", "with", "which", "who", "that", "is", "are", "was", "were",
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
/// skips, at a line that opens with a bullet character, at a line that opens with a capital
/// after a line that ends without punctuation (lines of a list pasted without markers), and
/// after a full stop that stands apart from the words (`[a link].`, `(#27691).`) before a
/// word that does not open in lower case, and after a full stop before a hard line break.
fn counted_words(
    prose: &Prose,
    source: &str,
    most: usize,
    checked: impl Fn(&Seg) -> bool,
) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::with_capacity(most);
    let mut pending = false;
    let mut after_break = false;
    // A sentence-ending mark seen since the last word: the next word decides.
    let mut stop = false;
    let mut line_open = false;
    // Where the current line's words start in `out`, and whether the line is a title (up to
    // four capitalised words, no punctuation: `Key Achievements`), which ends a sentence.
    let mut line_start = 0;
    let mut title_line = false;
    for seg in &prose.segs {
        let text = &prose.text[seg.text_range()];
        match seg.kind {
            SegKind::Text if checked(seg) => {
                let lead = text.trim_start();
                if after_break && lead.starts_with(LINE_BULLETS) {
                    pending = true;
                }
                if after_break
                    && (title_line || (line_open && lead.starts_with(char::is_uppercase)))
                {
                    pending = true;
                }
                let mut last = "";
                for (at, w) in crate::chars::whitespace_words(text) {
                    last = w;
                    let Some(first) = crate::chars::first_alphanumeric(w) else {
                        let core = w.trim_end_matches([
                            '"', '\'', ')', ']', '\u{201d}', '\u{2019}', '*', '_',
                        ]);
                        stop |= core.ends_with(['.', '!', '?']);
                        continue;
                    };
                    let start = seg.text_start() + at;
                    let ends = std::mem::take(&mut pending)
                        || (std::mem::take(&mut stop) && !first.is_lowercase());
                    out.push((start..start + w.len(), ends));
                }
                // Whether the line so far ends in a word without punctuation after it, and
                // not in a word that leads on (`the`, `of`) or a capitalised one (a name that
                // may go on: `Catalyst` / `Funding rounds`).
                line_open = last
                    .chars()
                    .next_back()
                    .is_some_and(crate::chars::is_alphanumeric)
                    && !last.starts_with(char::is_uppercase)
                    && !LEADS_ON.contains(&last.to_lowercase().as_str());
            }
            SegKind::Text => pending = true,
            SegKind::Html if is_line_break_tag(text) => pending = true,
            SegKind::Break => {
                // A hard line break (two spaces or `\` before it) after a full stop ends the
                // sentence whatever the next line opens with.
                let hard = source
                    .get(seg.src())
                    .is_some_and(|b| !b.starts_with(['\n', '\r']));
                if hard
                    && out[line_start..]
                        .last()
                        .is_some_and(|(r, _)| ends_sentence(&prose.text[r.clone()], None))
                {
                    pending = true;
                }
                let words = &out[line_start..];
                title_line = !words.is_empty()
                    && words.len() <= 4
                    && words.iter().all(|(r, _)| {
                        let w = &prose.text[r.clone()];
                        w.starts_with(char::is_uppercase)
                            && w.chars()
                                .next_back()
                                .is_some_and(crate::chars::is_alphanumeric)
                    });
                line_start = out.len();
            }
            _ => {
                // A link's or code's text ends the line as words do.
                line_open = !text.trim().is_empty();
            }
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
            let most = max_words(prose, limit);
            if most <= limit || cx.skips_run(prose) {
                continue;
            }
            let words = counted_words(prose, cx.doc.source, most, |seg| {
                checks_quotes || !seg.quoted
            });
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
                let range = words[start].0.start..words[i].0.end;
                if count > limit && !is_labelled_list(&prose.text[range.clone()]) {
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

/// A label and a list of short items after it, which reads as a list, not a sentence:
/// `Participants: Yo Yehudi (Ethos of Open), Sara El Gebali (Open Data), James Powell, …`
/// (a label of at most three words; four items or more, none over six words outside its
/// parenthesis).
fn is_labelled_list(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    let label = &text[..colon];
    if label.is_empty() || label.split_whitespace().count() > 3 {
        return false;
    }
    let items: Vec<&str> = text[colon + 1..]
        .split([',', ';'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    // An item's words outside its parenthesis: `Shilaan Alzahawi (Open Science Tools &
    // Resources)` is a name.
    let words = |item: &str| {
        let mut depth = 0usize;
        let plain: String = item
            .chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect();
        plain.split_whitespace().count()
    };
    items.len() >= 4 && items.iter().all(|i| words(i) <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_count_never_undercounts_words(
            text in "[a-zé*_`.!? \t\u{b}\u{a0}\u{2003}\u{85}\n-]{0,60}",
            limit in 0usize..40,
        ) {
            let doc = Document::parse(&text);
            for prose in &doc.prose {
                let words = prose.word_ranges().count();
                let most = max_words(prose, limit);
                // The rule skips a run when `most <= limit`: only a run that has no more
                // words than the limit may be skipped.
                prop_assert!(most > limit || words <= limit, "{:?}", prose.text);
                prop_assert!(most > limit || words <= most, "{:?}", prose.text);
                prop_assert!(words <= max_words(prose, 0), "{:?}", prose.text);
            }
        }
    }
}
