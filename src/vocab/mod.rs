//! The vocabulary matching engine. A text is split into tokens once; every term of a rule
//! kind is compiled into one Aho-Corasick automaton over a normalised token stream, so a
//! search is one pass over the text whatever the number of terms, and only whole words match.

pub mod check;

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::data::vocabulary::{Kind, TermSet};

/// Marks the start and end of each token in the normalised stream. A pattern always starts
/// with `OPEN` followed by a token character and ends with a token character followed by
/// `CLOSE`, so it can only match at token boundaries (a literal `\x01` in the text becomes
/// its own token, `\x01\x01\x02`, which no pattern can start inside).
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// A word (letters and digits, joined by inner apostrophes or hyphens: `don't`, `follow-up`)
/// or a single other visible character (punctuation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub word: bool,
}

/// The tokens of a text and the normalised stream the automata run over. Built for every
/// prose run by the shared vocabulary scan, and kept for the runs with hits.
#[derive(Debug, Clone, Default)]
pub struct TokenIndex {
    pub toks: Vec<Token>,
    norm: String,
    norm_starts: Vec<usize>,
}

/// A text with its token index.
#[derive(Debug)]
pub struct Tokens<'t> {
    pub text: &'t str,
    index: Cow<'t, TokenIndex>,
}

impl std::ops::Deref for Tokens<'_> {
    type Target = TokenIndex;
    fn deref(&self) -> &TokenIndex {
        &self.index
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '-')
}

impl<'t> Tokens<'t> {
    /// Tokenises `text`.
    pub fn new(text: &'t str) -> Self {
        Tokens {
            text,
            index: Cow::Owned(TokenIndex::build(text)),
        }
    }

    /// `text` with an index built earlier by [`TokenIndex::build`] on the same text.
    pub fn with_index(text: &'t str, index: &'t TokenIndex) -> Self {
        Tokens {
            text,
            index: Cow::Borrowed(index),
        }
    }

    pub fn str(&self, tok: usize) -> &'t str {
        self.toks
            .get(tok)
            .and_then(|t| self.text.get(t.range.clone()))
            .unwrap_or("")
    }

    /// Whether token `tok` starts a sentence: first in the text, or after `.`, `!`, `?` or `:`.
    pub fn starts_sentence(&self, tok: usize) -> bool {
        tok == 0 || matches!(self.str(tok - 1), "." | "!" | "?" | ":" | ";" | "\u{2014}")
    }
}

/// What a character is to the tokeniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Alnum,
    Joiner,
    Other,
}

/// The class and length of the character at byte `i` of `text`: ASCII by a byte match
/// (the same answers as `char::is_whitespace` / `is_alphanumeric` give there), the rest
/// decoded.
#[inline]
fn class_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        let class = match b {
            b' ' | b'\t'..=b'\r' => Class::Space,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Class::Alnum,
            b'\'' | b'-' => Class::Joiner,
            _ => Class::Other,
        };
        return Some((class, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    let class = if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        Class::Alnum
    } else if is_joiner(c) {
        Class::Joiner
    } else {
        Class::Other
    };
    Some((class, c.len_utf8()))
}

impl TokenIndex {
    pub fn build(text: &str) -> Self {
        // About one token per five bytes of English prose: one allocation, usually.
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        let mut i = 0;
        while let Some((class, len)) = class_at(text, i) {
            match class {
                Class::Space => {
                    i += len;
                    continue;
                }
                Class::Joiner | Class::Other => {
                    toks.push(Token {
                        range: i..i + len,
                        word: false,
                    });
                    i += len;
                    continue;
                }
                Class::Alnum => {}
            }
            let start = i;
            let mut end = i + len;
            while let Some((class, len)) = class_at(text, end) {
                let continues = match class {
                    Class::Alnum => true,
                    // A joiner continues the word only when a letter or digit follows it.
                    Class::Joiner => {
                        class_at(text, end + len).is_some_and(|(c, _)| c == Class::Alnum)
                    }
                    Class::Space | Class::Other => false,
                };
                if !continues {
                    break;
                }
                end += len;
            }
            toks.push(Token {
                range: start..end,
                word: true,
            });
            i = end;
        }
        let mut norm = String::with_capacity(text.len() + 2 * toks.len());
        let mut norm_starts = Vec::with_capacity(toks.len());
        for t in &toks {
            norm_starts.push(norm.len());
            norm.push(OPEN);
            push_normalised(&mut norm, &text[t.range.clone()]);
            norm.push(CLOSE);
        }
        TokenIndex {
            toks,
            norm,
            norm_starts,
        }
    }
}

fn push_normalised(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        out.push(if matches!(c, '\u{2019}' | '\u{2018}') {
            '\''
        } else {
            c
        });
    }
}

/// The normalised pattern for a term (`None` if it holds no token).
pub fn normalise_term(term: &str) -> Option<String> {
    let t = TokenIndex::build(term);
    (!t.toks.is_empty()).then_some(t.norm)
}

/// Many terms, one automaton. Each pattern carries the index of the entry it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    entry_of: Vec<usize>,
}

/// One whole-word match: tokens `first..=last`, and which entry matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub first: usize,
    pub last: usize,
    pub entry: usize,
}

impl Hit {
    pub fn range(&self, toks: &Tokens<'_>) -> Range<usize> {
        let start = toks.toks.get(self.first).map_or(0, |t| t.range.start);
        let end = toks.toks.get(self.last).map_or(start, |t| t.range.end);
        start..end
    }
}

impl Matcher {
    /// Builds the automaton from `(normalised pattern, entry index)` pairs.
    pub fn new(patterns: Vec<(String, usize)>) -> Result<Self, String> {
        if patterns.is_empty() {
            return Ok(Matcher::default());
        }
        // A contiguous NFA builds in a fraction of a DFA's time and memory and still
        // searches in one linear pass; start-up matters for a pre-commit hook.
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            // Every token starts with the same marker byte, so a prefilter only adds work.
            .prefilter(false)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| e.to_string())?;
        Ok(Matcher {
            ac: Some(ac),
            entry_of: patterns.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// Every whole-word match, left to right, without overlaps (the longest term wins).
    pub fn find<'a>(&'a self, toks: &'a Tokens<'_>) -> impl Iterator<Item = Hit> + 'a {
        self.ac.iter().flat_map(move |ac| {
            ac.find_iter(toks.norm.as_str()).filter_map(move |m| {
                let first = toks.norm_starts.binary_search(&m.start()).ok()?;
                let last = toks
                    .norm_starts
                    .partition_point(|&s| s < m.end())
                    .checked_sub(1)?;
                let entry = *self.entry_of.get(m.pattern().as_usize())?;
                Some(Hit { first, last, entry })
            })
        })
    }
}

/// Every built-in kind's terms in one automaton, so a prose run is scanned once for all
/// seven language rules instead of once per rule. It finds overlapping matches and keeps, per
/// kind, the leftmost-longest non-overlapping ones: exactly the hits each kind's own
/// [`Matcher`] finds.
#[derive(Debug, Clone, Default)]
pub struct CombinedMatcher {
    ac: Option<AhoCorasick>,
    /// Pattern id → (kind, entry index in that kind's term set).
    of: Vec<(Kind, usize)>,
}

impl CombinedMatcher {
    pub fn new<'a>(sets: impl Iterator<Item = (Kind, &'a TermSet)>) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut of = Vec::new();
        for (kind, set) in sets {
            for (i, e) in set.entries.iter().enumerate() {
                for f in &e.forms {
                    if let Some(p) = normalise_term(f) {
                        patterns.push(p);
                        of.push((kind, i));
                    }
                }
            }
        }
        if patterns.is_empty() {
            return Ok(CombinedMatcher::default());
        }
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .prefilter(false)
            // Overlapping search needs standard semantics; leftmost-longest is applied per kind below.
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(CombinedMatcher { ac: Some(ac), of })
    }

    /// Every kind's hits in `toks`, sorted by kind, then position.
    pub fn find(&self, toks: &Tokens<'_>) -> Vec<(Kind, Hit)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut all: Vec<(Kind, usize, std::cmp::Reverse<usize>, usize, usize)> = ac
            .find_overlapping_iter(toks.norm.as_str())
            .filter_map(|m| {
                let first = toks.norm_starts.binary_search(&m.start()).ok()?;
                let last = toks
                    .norm_starts
                    .partition_point(|&s| s < m.end())
                    .checked_sub(1)?;
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

/// `replacement` in the capitalisation of `matched`: all capitals stay all capitals
/// (`DON'T` → `DO NOT`), a capital first letter stays one (`Gonna` → `Going to`); a curly
/// apostrophe in the original makes the replacement's apostrophes curly.
pub fn match_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    let mut out = if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        replacement.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    };
    if matched.contains('\u{2019}') {
        out = out.replace('\'', "\u{2019}");
    }
    out
}

/// An edit in the coordinates of the matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// The edit that replaces tokens `first..=last` in `toks` by `replacement`. `acronym` says
/// the term is normally written in capitals (`ASAP`), so its capitals say nothing about the
/// replacement's: it is capitalised only at a sentence start. An empty replacement
/// removes the words together with one side's spacing and punctuation so that no double
/// space, stray comma or lower-case sentence start is left behind.
pub fn replacement_edit(
    toks: &Tokens<'_>,
    first: usize,
    last: usize,
    replacement: &str,
    acronym: bool,
) -> TextEdit {
    let text = toks.text;
    let range = {
        let s = toks.toks.get(first).map_or(0, |t| t.range.start);
        let e = toks.toks.get(last).map_or(s, |t| t.range.end);
        s..e
    };
    let matched = &text[range.clone()];
    if !replacement.is_empty() {
        let replacement = if !acronym {
            match_case(matched, replacement)
        } else if toks.starts_sentence(first) {
            match_case("A", replacement)
        } else {
            replacement.to_string()
        };
        return TextEdit { range, replacement };
    }
    let next = toks.toks.get(last + 1);
    let prev = first.checked_sub(1).and_then(|p| toks.toks.get(p));
    let is = |t: Option<&Token>, s: &str| t.is_some_and(|t| &text[t.range.clone()] == s);
    let capital = matched.chars().next().is_some_and(char::is_uppercase);
    // "Basically, we agreed" → "We agreed": remove up to the next word and capitalise it.
    if capital && toks.starts_sentence(first) {
        let mut n = last + 1;
        if is(toks.toks.get(n), ",") {
            n += 1;
        }
        if let Some(t) = toks.toks.get(n).filter(|t| t.word) {
            let word = &text[t.range.clone()];
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                let cap: String = c.to_uppercase().collect();
                return TextEdit {
                    range: range.start..t.range.start + c.len_utf8(),
                    replacement: cap,
                };
            }
        }
    }
    // "was, basically, fine" → "was fine"; "fine, really." → "fine."; but "the data, as
    // usual, which" → "the data, which": a comma before a clause stays.
    if is(prev, ",") && (is(next, ",") || next.is_some_and(|t| !t.word)) {
        let start = prev.map_or(range.start, |t| t.range.start);
        let clause_follows = toks.toks.get(last + 2).is_some_and(|t| {
            let w = text[t.range.clone()].to_ascii_lowercase();
            CLAUSE_WORDS.contains(&w.as_str())
        });
        let end = if is(next, ",") && !clause_follows {
            next.map_or(range.end, |t| t.range.end)
        } else {
            range.end
        };
        return TextEdit {
            range: start..end,
            replacement: String::new(),
        };
    }
    // "We basically agreed" → "We agreed": take the spaces after the words, or before them.
    let after = text[range.end..].len() - text[range.end..].trim_start_matches([' ', '\t']).len();
    if after > 0 && next.is_some_and(|t| t.word) {
        return TextEdit {
            range: range.start..range.end + after,
            replacement: String::new(),
        };
    }
    let before =
        text[..range.start].len() - text[..range.start].trim_end_matches([' ', '\t']).len();
    TextEdit {
        range: range.start - before..range.end,
        replacement: String::new(),
    }
}

/// Words that open a clause after a comma (the comma stays when words before it are removed).
const CLAUSE_WORDS: &[&str] = &[
    "which", "who", "and", "but", "so", "because", "although", "while", "or", "where", "when",
];

/// Applies non-overlapping edits (sorted or not) to a text; overlapping ones are skipped.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue;
        }
        out.push_str(text.get(at..e.range.start).unwrap_or(""));
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokeniser's definition, character by character.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let mut toks = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                toks.push(Token {
                    range: i..i + c.len_utf8(),
                    word: false,
                });
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let after = text[j + d.len_utf8()..].chars().next();
                if d.is_alphanumeric() || (is_joiner(d) && after.is_some_and(char::is_alphanumeric))
                {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            toks.push(Token {
                range: i..end,
                word: true,
            });
        }
        toks
    }

    proptest! {
        #[test]
        fn the_byte_tokeniser_matches_its_definition(
            text in r"[a-zA-Z0-9 \t\n\x0b\x0c\r\x1c'’‘\-.,!?éÄß٣\u{a0}\u{2003}]{0,60}"
        ) {
            prop_assert_eq!(TokenIndex::build(&text).toks, reference_tokens(&text));
        }
    }

    fn matcher(terms: &[&str]) -> Matcher {
        Matcher::new(
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (normalise_term(t).unwrap(), i))
                .collect(),
        )
        .unwrap()
    }

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<&'a str> {
        let toks = Tokens::new(text);
        m.find(&toks).map(|h| &text[h.range(&toks)]).collect()
    }

    #[test]
    fn whole_words_only_case_insensitive_any_apostrophe() {
        let m = matcher(&["stuff", "don't", "touch base", "in order to"]);
        assert_eq!(found(&m, "Stuffed STUFF, stuff."), vec!["STUFF", "stuff"]);
        assert_eq!(
            found(&m, "We DON’T touch  base; in order, to"),
            vec!["DON’T", "touch  base"]
        );
        assert_eq!(found(&m, "within order to"), Vec::<&str>::new());
        assert_eq!(found(&m, "x in order to"), vec!["in order to"]);
        assert_eq!(found(&m, "\u{1}stuff\u{2}"), vec!["stuff"]);
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Gonna", "going to"), "Going to");
        assert_eq!(match_case("DON'T", "do not"), "DO NOT");
        assert_eq!(match_case("don’t", "do not"), "do not");
        assert_eq!(match_case("I'm", "I am"), "I am");
        assert_eq!(match_case("we’ve", "we've"), "we’ve");
    }

    fn remove(text: &str, word: &str) -> String {
        let toks = Tokens::new(text);
        let i = toks
            .toks
            .iter()
            .position(|t| &text[t.range.clone()] == word)
            .unwrap();
        apply_edits(text, &[replacement_edit(&toks, i, i, "", false)])
    }

    #[test]
    fn removing_a_word_leaves_clean_text() {
        assert_eq!(remove("We basically agreed.", "basically"), "We agreed.");
        assert_eq!(remove("Basically, we agreed.", "Basically"), "We agreed.");
        assert_eq!(
            remove("It was, basically, fine.", "basically"),
            "It was fine."
        );
        assert_eq!(remove("It was fine, really.", "really"), "It was fine.");
        assert_eq!(remove("It is really.", "really"), "It is.");
        assert_eq!(
            remove("The data, basically, which", "basically"),
            "The data, which"
        );
        assert_eq!(remove("really", "really"), "");
        let toks = Tokens::new("Send it ASAP. FYI, done.");
        assert_eq!(
            replacement_edit(&toks, 2, 2, "as soon as possible", true).replacement,
            "as soon as possible"
        );
        assert_eq!(
            replacement_edit(&toks, 4, 4, "for your information", true).replacement,
            "For your information"
        );
    }
}
