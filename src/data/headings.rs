//! Reading a heading by meaning. A heading is reduced to words (markup, emoji, a
//! parenthesis, numbering such as `4.`, `IV.`, `Section 4:` or `Appendix A –`, and
//! punctuation removed; `and`, `&`, `/`, `+`, `,` and spaced dashes split it into parts).
//! It then names a section when all its words are the section's name or an alias, or when
//! a part has one of the section's synonyms as its head: a few words may come before the
//! synonym, and after it only nothing, a word that opens a qualifier (`for the TAC`,
//! `raised`), or trailing nouns (`Review`, `Log`). The cue words are data (`[headings]` in
//! `rules/sections.toml`).

use std::ops::Range;

/// A heading as words, and its parts: one buffer, the words joined by single spaces (the
/// exact-match key), with each word's place in it. A report has a heading per entry, so a
/// heading costs three allocations, not one per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadingWords {
    key: String,
    spans: Vec<Range<usize>>,
    /// The parts, as ranges of word indices.
    pub parts: Vec<Range<usize>>,
}

impl HeadingWords {
    /// The exact-match key: the words joined by single spaces.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// All the words.
    pub fn words(&self) -> Words<'_> {
        Words {
            key: &self.key,
            spans: &self.spans,
        }
    }

    /// The words of a part (a range of `parts`).
    pub fn part(&self, r: &Range<usize>) -> Words<'_> {
        Words {
            key: &self.key,
            spans: self.spans.get(r.clone()).unwrap_or_default(),
        }
    }

    /// The words as owned strings (for data read once, such as a section's phrases).
    pub fn into_words(self) -> Vec<String> {
        self.words().iter().map(str::to_string).collect()
    }
}

/// A run of a heading's words.
#[derive(Debug, Clone, Copy)]
pub struct Words<'h> {
    key: &'h str,
    spans: &'h [Range<usize>],
}

impl<'h> Words<'h> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&'h str> {
        self.spans.get(i).and_then(|r| self.key.get(r.clone()))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'h str> + 'h {
        let key = self.key;
        self.spans
            .iter()
            .map(move |r| key.get(r.clone()).unwrap_or(""))
    }

    /// The last word.
    pub fn last(&self) -> Option<&'h str> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The words after the first `n`.
    pub fn skip(&self, n: usize) -> Words<'h> {
        Words {
            key: self.key,
            spans: self.spans.get(n..).unwrap_or_default(),
        }
    }

    /// Whether the words at `at` are `phrase`.
    pub fn phrase_at(&self, at: usize, phrase: &[String]) -> bool {
        let key = self.key.as_bytes();
        self.spans.get(at..at + phrase.len()).is_some_and(|spans| {
            spans
                .iter()
                .zip(phrase)
                .all(|(r, p)| r.len() == p.len() && key.get(r.clone()) == Some(p.as_bytes()))
        })
    }

    /// Whether `word` is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        let key = self.key.as_bytes();
        self.spans
            .iter()
            .any(|r| r.len() == word.len() && key.get(r.clone()) == Some(word.as_bytes()))
    }

    /// Whether `phrase` (not empty) stands anywhere among the words.
    pub fn holds(&self, phrase: &[String]) -> bool {
        !phrase.is_empty()
            && phrase.len() <= self.len()
            && (0..=self.len() - phrase.len()).any(|at| self.phrase_at(at, phrase))
    }

    /// Whether the words end with `phrase`.
    pub fn ends_with(&self, phrase: &[String]) -> bool {
        phrase.len() <= self.len() && self.phrase_at(self.len() - phrase.len(), phrase)
    }
}

/// How many words may stand before a synonym in its part (`Proposed Next Steps`,
/// `Updates on Open Issues`).
const MAX_BEFORE: usize = 3;

/// A heading of more words than this is a sentence (a form's question, an instruction),
/// not a section's name: only a whole-heading name counts for it.
pub const MAX_HEAD_WORDS: usize = 8;

/// The cue words of head-word matching.
#[derive(Debug, Clone, Default)]
pub struct HeadCues {
    /// A word right after a synonym that opens a qualifier: `Issues for the TAC`.
    pub after: Vec<String>,
    /// Words that may follow a synonym and end the heading: `Action Item Review`.
    pub trailing: Vec<String>,
}

impl HeadCues {
    /// Whether `phrase` is the head of `part`: it stands within the first few words, and
    /// what follows it is nothing, a qualifier, or trailing nouns.
    pub fn is_head(&self, part: Words<'_>, phrase: &[String]) -> bool {
        if phrase.is_empty() || phrase.len() > part.len() {
            return false;
        }
        (0..=part.len() - phrase.len())
            .take(MAX_BEFORE + 1)
            .any(|i| {
                // `5 minutes` is a duration, not the minutes of a meeting.
                let counted = i > 0
                    && part
                        .get(i - 1)
                        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
                part.phrase_at(i, phrase) && !counted && {
                    let after = part.skip(i + phrase.len());
                    after.get(0).is_none_or(|first| {
                        self.after.iter().any(|a| a == first)
                            || after.iter().all(|w| self.trailing.iter().any(|t| t == w))
                    })
                }
            })
    }
}

/// Removes `<…>` tags and `(…)` parentheses.
fn strip_tags_and_parens(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['<', '(']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(strip_owned(text))
}

fn strip_owned(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth_tag = false;
    let mut depth_paren = 0usize;
    for c in text.chars() {
        match c {
            '<' if !depth_tag => depth_tag = true,
            '>' if depth_tag => depth_tag = false,
            '(' if !depth_tag => depth_paren += 1,
            ')' if !depth_tag && depth_paren > 0 => depth_paren -= 1,
            _ if depth_tag || depth_paren > 0 => {}
            _ => out.push(c),
        }
    }
    // An unclosed `<` was not a tag: keep the text.
    if depth_tag { text.to_string() } else { out }
}

/// Words that introduce numbering: `Section 4:`, `Part II –`, `Appendix A.`
const NUMBERING_WORDS: [&str; 5] = ["section", "part", "appendix", "chapter", "step"];

/// Strips leading numbering, repeatedly: `4.`, `2)`, `3.1`, `IV.`, `A)`, `Section 4:`,
/// `Appendix A –`, `#3`.
pub fn strip_numbering(text: &str) -> &str {
    let mut t = text.trim_start();
    loop {
        let before = t;
        t = strip_one_number(t).trim_start();
        let opens = |w: &str| {
            t.as_bytes()
                .get(..w.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
        };
        if let Some(word) = NUMBERING_WORDS.iter().find(|w| opens(w)) {
            let rest = &t[word.len()..];
            let label_len = rest
                .trim_start()
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '.')
                .unwrap_or(rest.trim_start().len());
            let label = &rest.trim_start()[..label_len];
            let is_label = !label.is_empty()
                && label.len() <= 5
                && (label.chars().all(|c| c.is_ascii_digit() || c == '.')
                    || label.chars().all(|c| "IVXLC".contains(c))
                    || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase())));
            if rest.starts_with(char::is_whitespace) && is_label {
                let after = rest.trim_start()[label_len..].trim_start();
                t = after
                    .trim_start_matches([':', '.', '-', '–', '—', ')'])
                    .trim_start();
            }
        }
        if let Some(rest) = t.strip_prefix('#')
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            t = rest;
            continue;
        }
        if t == before {
            return t;
        }
    }
}

fn strip_one_number(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Arabic numbering: 2. / 2) / 2.1 / 2.1.
    while i < bytes.len() && (bytes[i].is_ascii_digit() || (bytes[i] == b'.' && i > 0)) {
        i += 1;
    }
    if i > 0 {
        let rest = &text[i..];
        let (rest, paren) = match rest.strip_prefix(')') {
            Some(r) => (r, true),
            None => (rest, false),
        };
        // "2024 Summary" is a title and "5 minutes" a duration, not numbering: bare numbers
        // need a dot, a parenthesis, or at most two digits and a capital after them.
        let capital_next = rest.trim_start().starts_with(|c: char| c.is_uppercase());
        let numbered = paren || text[..i].contains('.') || (i <= 2 && capital_next);
        if numbered && (rest.starts_with(char::is_whitespace) || rest.is_empty()) {
            return rest;
        }
        return text;
    }
    // Roman numerals or a single letter followed by "." or ")": "IV. Next Steps", "A) Summary".
    // Either is at most five bytes: only the first six are searched.
    if let Some(pos) = text.bytes().take(6).position(|b| matches!(b, b'.' | b')')) {
        let head = &text[..pos];
        let is_roman =
            !head.is_empty() && head.len() <= 5 && head.chars().all(|c| "IVXLC".contains(c));
        let is_letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase());
        let rest = &text[pos + 1..];
        if (is_roman || is_letter) && rest.starts_with(char::is_whitespace) {
            return rest;
        }
    }
    text
}

/// A heading's words and parts, as they are read: a word's characters go straight into the
/// key, and a word that trims to nothing or is a conjunction is taken back out.
struct WordsBuilder {
    out: HeadingWords,
    /// The word being read: where the key is cut back to if it is dropped (before its
    /// separating space), and where its first character is.
    word: Option<(usize, usize)>,
    part_start: usize,
}

impl WordsBuilder {
    fn push(&mut self, c: char) {
        if self.word.is_none() {
            let cut = self.out.key.len();
            if cut > 0 {
                self.out.key.push(' ');
            }
            self.word = Some((cut, self.out.key.len()));
        }
        self.out.key.push(c);
    }

    fn in_word(&self) -> bool {
        self.word.is_some()
    }

    /// Ends the word being read: trimmed of `-`, `'`, `;` and `.`, a word; `and`/`or`, a split
    /// between parts; nothing left, dropped.
    #[inline]
    fn flush(&mut self) {
        let Some((cut, start)) = self.word.take() else {
            return;
        };
        let raw = &self.out.key[start..];
        let trim = |c: char| matches!(c, '-' | '\'' | ';' | '.');
        let w = raw.trim_matches(trim);
        if w.is_empty() || w == "and" || w == "or" {
            let conjunction = !w.is_empty();
            self.out.key.truncate(cut);
            if conjunction {
                self.split();
            }
            return;
        }
        let lead = raw.len() - raw.trim_start_matches(trim).len();
        let len = w.len();
        if lead > 0 {
            self.out.key.replace_range(start..start + lead, "");
        }
        self.out.key.truncate(start + len);
        self.out.spans.push(start..start + len);
    }

    /// Ends the part being read (if it has words).
    fn split(&mut self) {
        if self.out.spans.len() > self.part_start {
            self.out.parts.push(self.part_start..self.out.spans.len());
        }
        self.part_start = self.out.spans.len();
    }
}

/// A heading's words and parts.
pub fn heading_words(text: &str) -> HeadingWords {
    let cleaned = strip_tags_and_parens(text);
    let t = strip_numbering(cleaned.trim());
    // Room up front for the words and parts of most headings (`April 1, 2024 — Call` has three
    // parts): growing a vector reallocates it.
    let mut b = WordsBuilder {
        out: HeadingWords {
            key: String::with_capacity(t.len()),
            spans: Vec::with_capacity(8),
            parts: Vec::with_capacity(4),
        },
        word: None,
        part_start: 0,
    };
    let mut prev: Option<char> = None;
    let mut iter = t.chars().peekable();
    while let Some(c) = iter.next() {
        // Whether a dash stands apart (spaces on both sides): asked of dashes only.
        let mut spaced = || {
            prev.is_none_or(char::is_whitespace) && iter.peek().is_none_or(|c| c.is_whitespace())
        };
        match c {
            c if c.is_ascii_alphanumeric() => b.push(c.to_ascii_lowercase()),
            c if crate::chars::is_alphanumeric(c) => c.to_lowercase().for_each(|l| b.push(l)),
            '\'' | '’' => b.push('\''),
            ';' | '.' if b.in_word() => b.push(c),
            '-' | '–' | '—' if !spaced() => {
                if c == '-' {
                    b.push('-');
                } else {
                    b.flush();
                    b.split();
                }
            }
            '-' | '–' | '—' | '&' | '/' | '+' | ',' | '|' => {
                b.flush();
                b.split();
            }
            _ => b.flush(),
        }
        prev = Some(c);
    }
    b.flush();
    b.split();
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(t: &str) -> String {
        heading_words(t).key().to_string()
    }

    fn parts(t: &str) -> Vec<String> {
        let h = heading_words(t);
        h.parts
            .iter()
            .map(|r| h.part(r).iter().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn markup_numbering_emoji_and_punctuation_are_not_words() {
        assert_eq!(key("2. Issues & Resolutions:"), "issues resolutions");
        assert_eq!(key("Issues/Resolutions"), "issues resolutions");
        assert_eq!(key("IV. Next Steps"), "next steps");
        assert_eq!(key("3.1 Time Period"), "time period");
        assert_eq!(key("A) Summary"), "summary");
        assert_eq!(key("2024 Summary"), "2024 summary");
        assert_eq!(
            key("<a id=\"risks\"></a>4. Risks and Issues"),
            "risks issues"
        );
        assert_eq!(key("📋 Action Items"), "action items");
        assert_eq!(key("Section 4: Next Steps"), "next steps");
        assert_eq!(
            key("Appendix A – Supporting Documents"),
            "supporting documents"
        );
        assert_eq!(key("Action Item (AI) Review"), "action item review");
        assert_eq!(key("Follow-up"), "follow-up");
        assert_eq!(key("What’s next?"), "what's next");
        assert_eq!(key("tl;dr"), "tl;dr");
        assert_eq!(
            key("Questions/Issues for the TAC"),
            "questions issues for the tac"
        );
    }

    #[test]
    fn words_are_ranges_of_the_key() {
        let h = heading_words("Über-Protokoll: Nächste Schritte & Offene Punkte");
        assert_eq!(h.key(), "über-protokoll nächste schritte offene punkte");
        let words = h.words();
        assert_eq!(words.len(), 5);
        assert!(!words.is_empty() && heading_words("—").words().is_empty());
        assert_eq!(words.get(1), Some("nächste"));
        assert_eq!(words.last(), Some("punkte"));
        let phrase = |p: &str| -> Vec<String> { p.split(' ').map(str::to_string).collect() };
        assert!(words.holds(&phrase("nächste schritte")));
        assert!(!words.holds(&phrase("schritte nächste")));
        assert!(!words.holds(&[]));
        assert!(words.ends_with(&phrase("offene punkte")));
        assert!(words.contains("über-protokoll") && !words.contains("über"));
        assert!(words.phrase_at(3, &phrase("offene punkte")));
        assert!(!words.phrase_at(4, &phrase("punkte mehr")));
        assert_eq!(words.skip(3).get(0), Some("offene"));
        assert_eq!(h.parts.len(), 2);
        assert_eq!(
            h.part(&h.parts[1]).iter().collect::<Vec<_>>(),
            ["offene", "punkte"]
        );
        assert_eq!(h.into_words().len(), 5);
    }

    #[test]
    fn parts_split_at_conjunctions_and_spaced_dashes() {
        assert_eq!(parts("Issues and Next Steps"), ["issues", "next steps"]);
        assert_eq!(parts("Action Items & Owners"), ["action items", "owners"]);
        assert_eq!(
            parts("Risks, Issues / Blockers"),
            ["risks", "issues", "blockers"]
        );
        assert_eq!(parts("Next Steps — Q3"), ["next steps", "q3"]);
        assert_eq!(parts("Follow-up"), ["follow-up"]);
    }

    #[test]
    fn a_synonym_counts_where_it_is_the_head() {
        let cues = HeadCues {
            after: vec!["for".into(), "raised".into()],
            trailing: vec!["review".into(), "log".into()],
        };
        let head = |t: &str, p: &str| {
            cues.is_head(heading_words(t).words(), &heading_words(p).into_words())
        };
        assert!(head("Proposed Next Steps", "next steps"));
        assert!(head("Issues for the TAC", "issues"));
        assert!(head("Issues raised", "issues"));
        assert!(head("Action Item Review", "action item"));
        assert!(head("Updates on open issues", "issues"));
        assert!(!head("GitHub issues triage", "issues"));
        assert!(!head("Summary of Changes", "summary"));
        assert!(!head("A very long heading about issues triage", "issues"));
        assert!(!head("5 minutes", "minutes"));
    }
}
