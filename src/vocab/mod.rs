//! The vocabulary matching engine. A text is split into tokens once, and a term is the
//! sequence of tokens the same tokeniser makes of it: a term matches where the text holds the
//! same tokens, ASCII case aside and with `’`, `‘` and `´` read as `'`. Matching whole tokens is
//! what makes `stuff` miss `stuffed`, so nothing finer than a token is ever compared.
//!
//! Terms are filed by a hash of their first token. A search hashes each token of the text
//! once, reading it in place (no normalised copy), looks up the few terms filed under its
//! hash, and compares their further tokens with the text's, by hash and then by bytes. Where
//! several terms match at a token, the longest wins, then the one given first: the
//! leftmost-longest hits the Aho-Corasick automata this replaced found (`oracle.rs` keeps
//! them, for the tests to prove it). Those automata ran over a copy of the text with every
//! token wrapped in markers: building the one of every built-in term was a third of an empty
//! file's run, and the copy cost time and memory on every prose run, while what an automaton
//! is good at, finding terms anywhere in a text, was what this engine never wanted.

pub mod check;
#[cfg(test)]
mod oracle;

use std::borrow::Cow;
use std::ops::Range;

use crate::data::vocabulary::{Kind, TermSet};
use crate::swar::{HIGH_BITS, lower_ascii8};

/// Mark the start and end of each token in [`normalise_term`]'s key, so that the key tells
/// apart token sequences whose texts run together (`follow-up` is one token, `follow - up`
/// three).
const OPEN: u8 = 0x01;
const CLOSE: u8 = 0x02;

/// A word (letters and digits, joined by inner apostrophes or hyphens: `don't`, `follow-up`)
/// or a single other visible character (punctuation).
/// Offsets are 32-bit, like a prose segment's: texts of 4 GiB or more are refused before
/// they are tokenised ([`crate::document::MAX_SOURCE_LEN`]), and the token lists kept for
/// runs with vocabulary hits are half the size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    pub word: bool,
}

impl Token {
    pub fn new(range: Range<usize>, word: bool) -> Self {
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Token {
            start: offset(range.start),
            end: offset(range.end),
            word,
        }
    }
    /// Its bytes in the text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The tokens of a text. Built for every prose run by the shared vocabulary scan, and kept
/// for the runs with hits.
#[derive(Debug, Clone, Default)]
pub struct TokenIndex {
    pub toks: Vec<Token>,
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

/// Characters that join the parts of a word: apostrophes (straight, curly, and the acute
/// accent `´` that some keyboards give for one: `can´t`) and the hyphen.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{b4}' | '-')
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

    /// The bytes of token `tok` (empty past the last token).
    fn bytes(&self, tok: usize) -> &'t [u8] {
        self.str(tok).as_bytes()
    }

    pub fn str(&self, tok: usize) -> &'t str {
        self.toks
            .get(tok)
            .and_then(|t| self.text.get(t.range()))
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
    } else if crate::chars::is_alphanumeric(c) {
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
        // Room for a token per three bytes: prose averages one per five, but dates, times and
        // punctuation (`15:15` is three tokens) need more, and growing the list reallocates it.
        let mut toks = Vec::with_capacity(text.len() / 3 + 1);
        tokenise(text, &mut toks);
        TokenIndex { toks }
    }
}

/// The class of each ASCII byte, as [`class_at`] reads it: a table, so that the tokeniser's
/// inner loop is one load and one compare per byte of a word.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' => Class::Space,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Class::Alnum,
            b'\'' | b'-' => Class::Joiner,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// Whether byte `i` of `bytes` is an ASCII letter or digit.
#[inline]
fn ascii_alnum_at(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .and_then(|&b| ASCII_CLASS.get(usize::from(b)))
        .is_some_and(|&c| c == Class::Alnum)
}

/// Appends the tokens of `text` to `toks`. ASCII is read through [`ASCII_CLASS`]; any other
/// character is decoded by [`class_at`]. The tests hold it to the tokeniser's definition,
/// character by character.
fn tokenise(text: &str, toks: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (class, len) = match ASCII_CLASS.get(usize::from(b)) {
            Some(&class) => (class, 1),
            None => match class_at(text, i) {
                Some(found) => found,
                None => break,
            },
        };
        match class {
            Class::Space => {
                i += len;
                continue;
            }
            Class::Joiner | Class::Other => {
                toks.push(Token::new(i..i + len, false));
                i += len;
                continue;
            }
            Class::Alnum => {}
        }
        let start = i;
        let mut end = i + len;
        loop {
            while ascii_alnum_at(bytes, end) {
                end += 1;
            }
            let Some((class, len)) = class_at(text, end) else {
                break;
            };
            let continues = match class {
                Class::Alnum => true,
                // A joiner continues the word only when a letter or digit follows it.
                Class::Joiner => class_at(text, end + len).is_some_and(|(c, _)| c == Class::Alnum),
                Class::Space | Class::Other => false,
            };
            if !continues {
                break;
            }
            end += len;
        }
        toks.push(Token::new(start..end, true));
        i = end;
    }
}

/// A key for a term (`None` if it holds no token): its tokens as matching reads them
/// (ASCII lower case, curly apostrophes as `'`), each between `\x01` and `\x02`. Two terms
/// match the same texts exactly when their keys are equal, which is how vocabulary files
/// catch a form listed twice.
pub fn normalise_term(term: &str) -> Option<String> {
    let toks = TokenIndex::build(term).toks;
    if toks.is_empty() {
        return None;
    }
    let mut key = Vec::with_capacity(term.len() + 2 * toks.len());
    for t in &toks {
        key.push(OPEN);
        push_folded(&mut key, term.as_bytes().get(t.range()).unwrap_or(&[]));
        key.push(CLOSE);
    }
    // Folding turns whole characters into ASCII and leaves the other bytes alone, so the
    // key is UTF-8 whenever the term is.
    String::from_utf8(key).ok()
}

/// The byte at `i` of a token as matching reads it, and how many bytes of the token it
/// stands for: `’` and `‘` (`E2 80 99`, `E2 80 98`) and `´` (`C2 B4`) are `'`, ASCII letters
/// are lower case, every other byte is itself. A token is UTF-8, where `E2` and `C2` only ever
/// start a character, so those bytes are always that character: nothing else needs decoding.
#[inline]
fn folded_at(tok: &[u8], i: usize) -> Option<(u8, usize)> {
    let b = *tok.get(i)?;
    if b == 0xE2 && tok.get(i + 1) == Some(&0x80) && matches!(tok.get(i + 2), Some(0x98 | 0x99)) {
        return Some((b'\'', 3));
    }
    if b == 0xC2 && tok.get(i + 1) == Some(&0xB4) {
        return Some((b'\'', 2));
    }
    Some((b.to_ascii_lowercase(), 1))
}

/// Appends a token as matching reads it.
fn push_folded(out: &mut Vec<u8>, tok: &[u8]) {
    let mut i = 0;
    while let Some((b, n)) = folded_at(tok, i) {
        out.push(b);
        i += n;
    }
}

/// FxHash's multiplier: odd and with its bits spread, so each multiplication mixes every byte
/// so far into the high bits, which pick the bucket.
const MIX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// One step of the token hash: a chunk of up to eight folded bytes (little-endian, zero
/// padded) mixed in.
#[inline]
fn mix_chunk(h: u64, chunk: u64) -> u64 {
    (h.rotate_left(5) ^ chunk).wrapping_mul(MIX)
}

/// The hash of a token as matching reads it, folded on the fly (no copy): tokens that match
/// each other hash alike. The folded bytes are mixed in eight at a time; an ASCII token (the
/// usual one) has only its case to fold, done eight bytes at once.
#[inline]
fn token_hash(tok: &[u8]) -> u64 {
    if tok.is_ascii() {
        let mut h = 0u64;
        let mut chunks = tok.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = mix_chunk(h, lower_ascii8(u64::from_le_bytes(w)));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() || tok.is_empty() {
            let mut w = [0u8; 8];
            if let Some(head) = w.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            h = mix_chunk(h, lower_ascii8(u64::from_le_bytes(w)));
        }
        return h;
    }
    folded_hash(tok)
}

/// [`token_hash`] by its definition: folded byte by byte, eight to a chunk.
fn folded_hash(tok: &[u8]) -> u64 {
    let (mut h, mut chunk, mut n, mut i) = (0u64, 0u64, 0usize, 0usize);
    while let Some((b, len)) = folded_at(tok, i) {
        chunk |= u64::from(b) << (8 * (n % 8));
        n += 1;
        i += len;
        if n % 8 == 0 {
            h = mix_chunk(h, chunk);
            chunk = 0;
        }
    }
    if n % 8 != 0 || n == 0 {
        h = mix_chunk(h, chunk);
    }
    h
}

/// The hash of the token at `range` of `text`, as [`token_hash`] gives it: a token of at
/// most eight bytes with eight bytes of text from its start is read as one word and its
/// bytes past the token masked off (no copy).
#[inline]
fn token_hash_in(text: &[u8], range: Range<usize>) -> u64 {
    let len = range.len();
    if len <= 8
        && let Some(window) = text.get(range.start..range.start + 8)
    {
        let mut w = [0u8; 8];
        w.copy_from_slice(window);
        let mask = u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
        let x = u64::from_le_bytes(w) & mask;
        if x & HIGH_BITS == 0 && len > 0 {
            return mix_chunk(0, lower_ascii8(x));
        }
    }
    token_hash(text.get(range).unwrap_or(&[]))
}

/// Whether a text token reads as a pattern token (stored folded).
#[inline]
fn token_eq(tok: &[u8], folded: &[u8]) -> bool {
    // Folding only shortens a token (a curly apostrophe's three bytes, an acute accent's two,
    // become one), so a shorter token never matches, and one as long as the pattern's matches
    // only if it has nothing to fold: comparing ignoring ASCII case decides (an apostrophe's
    // other bytes never equal the pattern's, which holds none). That is nearly every
    // comparison.
    if tok.len() <= folded.len() {
        return tok.len() == folded.len() && tok.eq_ignore_ascii_case(folded);
    }
    let mut i = 0;
    let mut j = 0;
    while let Some((b, n)) = folded_at(tok, i) {
        if folded.get(j) != Some(&b) {
            return false;
        }
        i += n;
        j += 1;
    }
    j == folded.len()
}

/// A term in a [`Table`].
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// The hash of its first token (also in the table's `hashes`, but read for every
    /// candidate, so kept at hand).
    hash: u64,
    /// Its tokens are the table's `first_tok..first_tok + len` (`len` is at least 1).
    first_tok: usize,
    len: usize,
    /// Patterns of different groups never compete with each other (the combined matcher's
    /// kinds).
    group: usize,
    /// What the caller files the term under (its entry).
    value: usize,
}

/// Terms as token sequences, filed by the hash of their first token.
#[derive(Debug, Clone, Default)]
struct Table {
    /// Every pattern token, folded, back to back.
    bytes: Vec<u8>,
    /// Where each pattern token starts in `bytes`, then where the last one ends.
    tok_starts: Vec<usize>,
    /// The hash of each pattern token: compared before its bytes, which then only confirm a
    /// match.
    hashes: Vec<u64>,
    /// By bucket; within a bucket by group, then longest first, then in the order the terms
    /// were given. So the first of a group that matches at a token is the one
    /// leftmost-longest matching picks there: the longest, and the first given among equals.
    pats: Vec<Pattern>,
    /// Bucket `b` is `pats[buckets[b]..buckets[b + 1]]`.
    buckets: Vec<usize>,
    /// A hash's bucket is its top bits: `hash >> shift`.
    shift: u32,
}

impl Table {
    /// The table of `(group, term, value)` triples, in order of preference among terms that
    /// match the same tokens. A term without tokens never matches and is left out.
    fn new<'a>(terms: impl IntoIterator<Item = (usize, &'a str, usize)>) -> Self {
        let mut table = Table::default();
        let mut toks = Vec::new();
        for (group, term, value) in terms {
            toks.clear();
            tokenise(term, &mut toks);
            let Some(first) = toks.first() else {
                continue;
            };
            let bytes = |t: &Token| term.as_bytes().get(t.range()).unwrap_or(&[]);
            table.pats.push(Pattern {
                hash: token_hash(bytes(first)),
                first_tok: table.tok_starts.len(),
                len: toks.len(),
                group,
                value,
            });
            for t in &toks {
                let tok = bytes(t);
                table.tok_starts.push(table.bytes.len());
                table.hashes.push(token_hash(tok));
                push_folded(&mut table.bytes, tok);
            }
        }
        table.tok_starts.push(table.bytes.len());
        // Twice as many buckets as terms (a power of two, at least 2 so that the shift stays
        // below 64): most buckets then hold one first token, or none.
        let buckets = (2 * table.pats.len()).next_power_of_two().max(2);
        table.shift = 64 - buckets.trailing_zeros();
        let shift = table.shift;
        // A stable sort: terms that tie stay in the order they were given.
        table
            .pats
            .sort_by_key(|p| (p.hash >> shift, p.group, std::cmp::Reverse(p.len)));
        table.buckets = Vec::with_capacity(buckets + 1);
        let mut at = 0;
        for b in 0..=buckets as u64 {
            while table.pats.get(at).is_some_and(|p| p.hash >> shift < b) {
                at += 1;
            }
            table.buckets.push(at);
        }
        table
    }

    fn is_empty(&self) -> bool {
        self.pats.is_empty()
    }

    /// The patterns whose first token may hash to `hash`.
    fn candidates(&self, hash: u64) -> &[Pattern] {
        let b = usize::try_from(hash >> self.shift).unwrap_or(usize::MAX);
        match self.buckets.get(b..).and_then(|r| r.get(..2)) {
            Some(&[start, end]) => self.pats.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Pattern token `k`, folded.
    fn token(&self, k: usize) -> &[u8] {
        match self.tok_starts.get(k..).and_then(|r| r.get(..2)) {
            Some(&[start, end]) => self.bytes.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether `p`'s tokens are the text's from token `i` on, given the hashes of the text's
    /// tokens: when their hashes are, then by their bytes.
    #[inline]
    fn matches_at(&self, p: &Pattern, toks: &Tokens<'_>, hashes: &[u64], i: usize) -> bool {
        let text = hashes.get(i..).and_then(|h| h.get(..p.len));
        let pattern = self.hashes.get(p.first_tok..).and_then(|h| h.get(..p.len));
        // Element by element, not as slices: a slice comparison calls `memcmp`, and most
        // candidates (terms that open with `the`, `a`, `to`) differ at their second token.
        let (Some(text), Some(pattern)) = (text, pattern) else {
            return false;
        };
        text.iter().zip(pattern).all(|(t, p)| t == p)
            && (0..p.len).all(|k| token_eq(toks.bytes(i + k), self.token(p.first_tok + k)))
    }

    /// The pattern leftmost-longest matching picks at token `i`, if any: the first that
    /// matches there.
    fn longest_at(&self, toks: &Tokens<'_>, hashes: &[u64], i: usize) -> Option<&Pattern> {
        let hash = *hashes.get(i)?;
        self.candidates(hash)
            .iter()
            .find(|p| p.hash == hash && self.matches_at(p, toks, hashes, i))
    }
}

/// The hash of every token of a text, each computed once: a pattern's next tokens are
/// compared by their hashes first.
fn token_hashes(toks: &Tokens<'_>) -> Vec<u64> {
    let text = toks.text.as_bytes();
    toks.toks
        .iter()
        .map(|t| token_hash_in(text, t.range()))
        .collect()
}

/// Many terms, one table. Each term carries the index of the entry it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    table: Table,
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
        let start = toks.toks.get(self.first).map_or(0, |t| t.range().start);
        let end = toks.toks.get(self.last).map_or(start, |t| t.range().end);
        start..end
    }
}

impl Matcher {
    /// The matcher of `(term, entry index)` pairs. Of terms that match the same words, the
    /// first given wins.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        Matcher {
            table: Table::new(terms.into_iter().map(|(term, entry)| (0, term, entry))),
        }
    }

    /// Every whole-word match, left to right, without overlaps: the longest term that starts
    /// at the first token where any does, then the same after it (leftmost-longest).
    pub fn find<'a>(&'a self, toks: &'a Tokens<'_>) -> impl Iterator<Item = Hit> + 'a {
        // Nothing to look up for an empty set (`[vocabulary] accept`, usually).
        let hashes = if self.table.is_empty() {
            Vec::new()
        } else {
            token_hashes(toks)
        };
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < hashes.len() {
                let first = i;
                i += 1;
                if let Some(p) = self.table.longest_at(toks, &hashes, first) {
                    i = first + p.len;
                    return Some(Hit {
                        first,
                        last: i - 1,
                        entry: p.value,
                    });
                }
            }
            None
        })
    }
}

/// Every built-in kind's terms in one table, so a prose run is scanned once for all seven
/// language rules instead of once per rule. At each token it picks, per kind, what that kind's
/// own [`Matcher`] would (the longest term, the first given among equals), unless the kind's
/// previous hit covers the token: exactly the hits each kind's own matcher finds.
#[derive(Debug, Clone, Default)]
pub struct CombinedMatcher {
    table: Table,
    /// The kinds, sorted: a pattern's group is its kind's index here.
    kinds: Vec<Kind>,
}

impl CombinedMatcher {
    pub fn new<'a>(sets: impl IntoIterator<Item = (Kind, &'a TermSet)>) -> Self {
        Self::from_terms(
            sets.into_iter()
                .flat_map(|(kind, set)| set.forms().map(move |(form, i)| (kind, form, i))),
        )
    }

    /// The matcher of `(kind, term, entry index)` triples. Of terms of a kind that match the
    /// same words, the first given wins.
    pub fn from_terms<'a>(terms: impl IntoIterator<Item = (Kind, &'a str, usize)>) -> Self {
        let terms: Vec<(Kind, &str, usize)> = terms.into_iter().collect();
        let mut kinds: Vec<Kind> = terms.iter().map(|&(kind, _, _)| kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let group = |kind: Kind| kinds.partition_point(|&k| k < kind);
        let table = Table::new(
            terms
                .iter()
                .map(|&(kind, term, entry)| (group(kind), term, entry)),
        );
        CombinedMatcher { table, kinds }
    }

    /// Every kind's hits in `toks`, sorted by kind, then position.
    pub fn find(&self, toks: &Tokens<'_>) -> Vec<(Kind, Hit)> {
        let mut out = Vec::new();
        if self.table.is_empty() || toks.toks.is_empty() {
            return out;
        }
        let hashes = token_hashes(toks);
        // Per kind, the token after its last hit: its next hit starts there or later.
        let mut free = vec![0; self.kinds.len()];
        for (i, &hash) in hashes.iter().enumerate() {
            // The kind whose hit at `i` is found: its other patterns here lose to it.
            let mut done = None;
            for p in self.table.candidates(hash) {
                if p.hash != hash
                    || done == Some(p.group)
                    || free.get(p.group).is_some_and(|&f| i < f)
                    || !self.table.matches_at(p, toks, &hashes, i)
                {
                    continue;
                }
                done = Some(p.group);
                if let (Some(f), Some(&kind)) = (free.get_mut(p.group), self.kinds.get(p.group)) {
                    *f = i + p.len;
                    out.push((
                        kind,
                        Hit {
                            first: i,
                            last: i + p.len - 1,
                            entry: p.value,
                        },
                    ));
                }
            }
        }
        // Found in text order; wanted kind by kind (a kind has one hit per first token).
        out.sort_unstable_by_key(|(kind, h)| (*kind, h.first));
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
        let s = toks.toks.get(first).map_or(0, |t| t.range().start);
        let e = toks.toks.get(last).map_or(s, |t| t.range().end);
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
    let is = |t: Option<&Token>, s: &str| t.is_some_and(|t| &text[t.range()] == s);
    let capital = matched.chars().next().is_some_and(char::is_uppercase);
    // "Basically, we agreed" → "We agreed": remove up to the next word and capitalise it.
    if capital && toks.starts_sentence(first) {
        let mut n = last + 1;
        if is(toks.toks.get(n), ",") {
            n += 1;
        }
        if let Some(t) = toks.toks.get(n).filter(|t| t.word) {
            let word = &text[t.range()];
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                let cap: String = c.to_uppercase().collect();
                return TextEdit {
                    range: range.start..t.range().start + c.len_utf8(),
                    replacement: cap,
                };
            }
        }
    }
    // "was, basically, fine" → "was fine"; "fine, really." → "fine."; but "the data, as
    // usual, which" → "the data, which": a comma before a clause stays.
    if is(prev, ",") && (is(next, ",") || next.is_some_and(|t| !t.word)) {
        let start = prev.map_or(range.start, |t| t.range().start);
        let clause_follows = toks.toks.get(last + 2).is_some_and(|t| {
            let w = text[t.range()].to_ascii_lowercase();
            CLAUSE_WORDS.contains(&w.as_str())
        });
        let end = if is(next, ",") && !clause_follows {
            next.map_or(range.end, |t| t.range().end)
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
                toks.push(Token::new(i..i + c.len_utf8(), false));
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
            toks.push(Token::new(i..end, true));
        }
        toks
    }

    proptest! {
        /// The hash eight bytes at a time, and read from the text, is the folded bytes'.
        #[test]
        fn token_hashes_are_the_folded_bytes_hash(
            text in "[aZ'\u{2019}\u{b4}é -]{0,24}",
        ) {
            let mut toks = Vec::new();
            tokenise(&text, &mut toks);
            for t in &toks {
                let tok = &text.as_bytes()[t.range()];
                let mut folded = Vec::new();
                push_folded(&mut folded, tok);
                let defined = folded_hash(tok);
                prop_assert_eq!(token_hash(tok), defined);
                prop_assert_eq!(token_hash(&folded), defined);
                prop_assert_eq!(token_hash_in(text.as_bytes(), t.range()), defined);
            }
        }
    }

    proptest! {
        #[test]
        fn the_byte_tokeniser_matches_its_definition(
            text in r"[a-zA-Z0-9 \t\n\x0b\x0c\r\x1c'’‘´\-.,!?éÄß٣\u{a0}\u{2003}]{0,60}"
        ) {
            prop_assert_eq!(TokenIndex::build(&text).toks, reference_tokens(&text));
        }
    }

    fn matcher(terms: &[&str]) -> Matcher {
        Matcher::new(terms.iter().enumerate().map(|(i, t)| (*t, i)))
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
            .position(|t| &text[t.range()] == word)
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
