//! `rules/placeholders.toml`: template text that must not survive into a sent report.
//! All patterns compile into one regex for finding and one set for naming the pattern.

use std::ops::Range;

use regex::Regex;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::{MatchKind, meta};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use serde::Deserialize;
use toml::Spanned;

use super::{DataError, parse_toml};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderFile {
    #[serde(default)]
    pub placeholder: Vec<PlaceholderDef>,
    #[serde(default)]
    pub examples: Vec<PlaceholderExample>,
    #[serde(default)]
    pub instructions: InstructionsDef,
    #[serde(default, rename = "instruction-examples")]
    pub instruction_examples: Vec<InstructionExample>,
}

/// How a template's instruction to its author reads: a paragraph or list item that is all
/// emphasis or `<mark>` and opens with a label (`Required:`) or an instruction (`Sum up …`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstructionsDef {
    /// Labels that open an instruction, before a colon (`Required: …`, `Optional: …`).
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words an instruction opens with (`Describe …`, `Please provide …`).
    #[serde(default)]
    pub openers: Vec<String>,
}

/// A Markdown text and the instructions found in it (each one's first line, as reported).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstructionExample {
    pub markdown: String,
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderDef {
    pub id: String,
    pub pattern: Spanned<String>,
    pub message: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderExample {
    pub text: String,
    pub flags: Vec<String>,
}

/// The compiled matcher and the file's examples: placeholder and instruction ones.
pub type Loaded = (
    Placeholders,
    Vec<PlaceholderExample>,
    Vec<InstructionExample>,
);

/// The compiled matcher: every pattern in one multi-pattern regex, compiled once (it
/// reports which pattern matched, so no second set of regexes is needed).
#[derive(Debug, Clone)]
pub struct Placeholders {
    any: meta::Regex,
    gate: Option<Gate>,
    defs: Vec<PlaceholderDef>,
    instructions: InstructionsDef,
}

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderMatch<'t> {
    pub range: std::ops::Range<usize>,
    pub matched: &'t str,
    pub message: String,
}

/// The first three bytes a match of any pattern can start with (`[`, `<`, `{{`, `TBD`,
/// `lor`, ...), or none when some pattern can start with anything. The regex engine would
/// extract them itself, but exhaustively (every case variant of every `(?i)` word): that was
/// two thirds of this matcher's compile time, paid by every run of the binary, and three
/// bytes are as selective on report prose.
/// The longest literal [`first_bytes`] keeps.
const LITERAL_LEN: usize = 3;

fn first_bytes(patterns: &[&str]) -> Option<Seq> {
    let mut all = Seq::empty();
    for pattern in patterns {
        let hir = regex_syntax::parse(pattern).ok()?;
        let mut seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_literal_len(LITERAL_LEN)
            .limit_class(4)
            .limit_total(64)
            .extract(&hir);
        seq.keep_first_bytes(LITERAL_LEN);
        all.union(&mut seq);
    }
    all.optimize_for_prefix_by_preference();
    all.is_finite().then_some(all)
}

/// The regex engine's prefilter over [`first_bytes`].
fn prefilter(all: &Seq) -> Option<Prefilter> {
    let literals: Vec<&[u8]> = all.literals()?.iter().map(|l| l.as_bytes()).collect();
    Prefilter::new(MatchKind::LeftmostFirst, &literals)
}

/// A quick test of whether a text holds any match's first bytes, asked before the regex
/// searches it: most prose runs hold none.
///
/// The regex's own prefilter has to search for all first bytes at once, and a set that mixes
/// one-byte literals (`[`, `<`) with many longer ones (every case of `lor`, `DD/`, `mm-`,
/// `X people`) is too large for its vector search, so it reads a byte at a time (about
/// 1,300 instructions for a line of prose). Here the one-byte literals get `memchr` and the
/// longer ones a vector search of their own.
#[derive(Debug, Clone)]
struct Gate {
    /// The one-byte first bytes (at most three).
    bytes: Vec<u8>,
    /// The longer ones, if any.
    longer: Option<aho_corasick::packed::Searcher>,
}

impl Gate {
    fn new(all: &Seq) -> Option<Self> {
        let literals = all.literals()?;
        let (short, long): (Vec<_>, Vec<_>) = literals.iter().partition(|l| l.len() == 1);
        let bytes: Vec<u8> = short.iter().map(|l| l.as_bytes()[0]).collect();
        if bytes.len() > 3 || long.iter().any(|l| l.is_empty()) {
            return None;
        }
        let longer = if long.is_empty() {
            None
        } else {
            Some(
                aho_corasick::packed::Config::new()
                    .builder()
                    .extend(long.iter().map(|l| l.as_bytes()))
                    .build()?,
            )
        };
        Some(Gate { bytes, longer })
    }

    /// Where the literals start in `source`, for [`SourceGate`]: one search for each one-byte
    /// literal and one for the longer ones, over the whole text.
    fn starts_in(&self, source: &str) -> Vec<usize> {
        let b = source.as_bytes();
        let mut starts: Vec<usize> = self
            .bytes
            .iter()
            .flat_map(|&x| memchr::memchr_iter(x, b))
            .collect();
        if let Some(longer) = &self.longer {
            starts.extend(longer.find_iter(b).map(|m| m.start()));
        }
        starts.sort_unstable();
        starts
    }

    fn may_match(&self, text: &str) -> bool {
        let t = text.as_bytes();
        let byte = match self.bytes[..] {
            [] => false,
            [a] => memchr::memchr(a, t).is_some(),
            [a, b] => memchr::memchr2(a, b, t).is_some(),
            [a, b, c] => memchr::memchr3(a, b, c, t).is_some(),
            _ => true,
        };
        byte || self.longer.as_ref().is_some_and(|s| s.find(t).is_some())
    }
}

/// The gate's answer for the runs of one document, from one search of its whole source: a
/// run that is a slice of the source may hold a match only where a literal starts inside it
/// or up to [`SourceGate::REACH`] bytes before it (a literal the search found there may hide
/// one that starts inside: matches do not overlap). Searching each short run instead costs
/// more in set-up than in the search.
pub struct SourceGate<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl SourceGate<'_> {
    /// How far before a run a literal that may overlap it can start.
    const REACH: usize = LITERAL_LEN - 1;

    /// `None` when `text` is not a slice of the source (a rendered copy).
    fn may_match(&self, text: &str) -> Option<bool> {
        let start = (text.as_ptr() as usize).checked_sub(self.source.as_ptr() as usize)?;
        let end = start + text.len();
        if end > self.source.len() {
            return None;
        }
        let first = self.starts.partition_point(|&s| s + Self::REACH < start);
        Some(self.starts.get(first).is_some_and(|&s| s < end))
    }
}

impl Placeholders {
    /// The gate for every run of the document `source`: one search of the whole text.
    pub fn source_gate<'s>(&self, source: &'s str) -> Option<SourceGate<'s>> {
        let gate = self.gate.as_ref()?;
        Some(SourceGate {
            source,
            starts: gate.starts_in(source),
        })
    }

    /// [`Placeholders::find_iter`] of a run of the document `gate` was made for.
    pub fn find_iter_in<'t>(
        &'t self,
        gate: Option<&SourceGate<'_>>,
        text: &'t str,
    ) -> impl Iterator<Item = PlaceholderMatch<'t>> + 't {
        let may = gate
            .and_then(|g| g.may_match(text))
            .unwrap_or_else(|| self.may_match(text));
        self.matches(may, text)
    }

    pub fn load(path: &str, text: &str) -> Result<(Self, Vec<PlaceholderExample>), DataError> {
        Self::load_all(path, text).map(|(p, examples, _)| (p, examples))
    }

    /// [`Placeholders::load`] with the instruction examples too.
    pub fn load_all(path: &str, text: &str) -> Result<Loaded, DataError> {
        let mut file: PlaceholderFile = parse_toml(path, text)?;
        for list in [
            &mut file.instructions.labels,
            &mut file.instructions.openers,
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        let patterns: Vec<&str> = file
            .placeholder
            .iter()
            .map(|d| d.pattern.get_ref().as_str())
            .collect();
        let first = first_bytes(&patterns);
        let config = meta::Config::new()
            .auto_prefilter(false)
            .prefilter(first.as_ref().and_then(prefilter));
        let any = meta::Builder::new()
            .configure(config)
            .build_many(&patterns)
            .map_err(|e| {
                // Name the pattern that does not compile (only on this error path: one compile each).
                let bad = file
                    .placeholder
                    .iter()
                    .find_map(|d| Regex::new(d.pattern.get_ref()).err().map(|err| (d, err)));
                match bad {
                    Some((d, err)) => DataError::new(
                        path,
                        text,
                        Some(d.pattern.span()),
                        format!("invalid pattern: {err}"),
                    ),
                    None => {
                        DataError::new(path, text, None, format!("patterns do not combine: {e}"))
                    }
                }
            })?;
        Ok((
            Placeholders {
                any,
                gate: first.as_ref().and_then(Gate::new),
                defs: file.placeholder,
                instructions: file.instructions,
            },
            file.examples,
            file.instruction_examples,
        ))
    }

    /// Whether a text that is all emphasis reads as a template's instruction: it opens with
    /// a label and a colon (`Required: …`) or with an instruction word (`Describe …`), whole
    /// words, any case.
    pub fn is_instruction(&self, text: &str) -> bool {
        let t = text.trim_start();
        let opens = |w: &str| {
            t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w))
                && t[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        };
        let labelled = self
            .instructions
            .labels
            .iter()
            .any(|l| opens(l) && t[l.len()..].trim_start().starts_with(':'));
        labelled || self.instructions.openers.iter().any(|o| opens(o))
    }

    /// Whether `text` holds template text (no message is built).
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.any.is_match(text)
    }

    /// False only when no pattern can match `text`.
    fn may_match(&self, text: &str) -> bool {
        self.gate.as_ref().is_none_or(|g| g.may_match(text))
    }

    /// The byte ranges of the placeholders in `text`, left to right (no message is built).
    pub fn ranges<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        let text = if self.may_match(text) { text } else { "" };
        self.any.find_iter(text).map(|m| m.range())
    }

    /// Every placeholder in `text`, left to right, without overlaps.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = PlaceholderMatch<'t>> + 't {
        self.matches(self.may_match(text), text)
    }

    /// The matches in `text`, none when the gate ruled it out (`may` false): a text the gate
    /// rules out holds no match, and none matches the empty text, since every match starts
    /// with one of the gate's literals, each at least a byte long.
    fn matches<'t>(
        &'t self,
        may: bool,
        text: &'t str,
    ) -> impl Iterator<Item = PlaceholderMatch<'t>> + 't {
        let text = if may { text } else { "" };
        self.any.find_iter(text).map(move |m| {
            let template = self
                .defs
                .get(m.pattern().as_usize())
                .map_or("'{matched}' is a placeholder", |d| d.message.as_str());
            let matched = &text[m.range()];
            PlaceholderMatch {
                range: m.range(),
                matched,
                message: template.replace("{matched}", matched),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn builtin() -> (Placeholders, Vec<String>) {
        let (p, _) = Placeholders::load(
            super::super::PLACEHOLDERS.path,
            super::super::PLACEHOLDERS.text,
        )
        .unwrap_or_else(|e| panic!("the built-in placeholders load: {e}"));
        let patterns = p.defs.iter().map(|d| d.pattern.get_ref().clone()).collect();
        (p, patterns)
    }

    #[test]
    fn the_built_in_patterns_get_a_prefilter_and_a_pattern_that_starts_anywhere_none() {
        let (_, patterns) = builtin();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let first = first_bytes(&patterns).expect("the built-in patterns have first bytes");
        assert!(prefilter(&first).is_some());
        let gate = Gate::new(&first).expect("the built-in patterns get a gate");
        assert!(gate.longer.is_some() && !gate.bytes.is_empty());
        assert!(gate.may_match("Due: DD/MM/YYYY") && gate.may_match("see [Client]"));
        assert!(!gate.may_match("The client requested a revised quote."));
        // A pattern that can match the empty text, or starts with too many single bytes:
        // every text is searched.
        let gate_of = |p: &[&str]| first_bytes(p).and_then(|f| Gate::new(&f));
        assert!(gate_of(&[r"x*", r"\[x\]"]).is_none());
        assert!(gate_of(&["a", "b", "c", "d"]).is_none());
        let prefilter_of = |p: &[&str]| first_bytes(p).and_then(|f| prefilter(&f));
        assert!(prefilter_of(&[r"\w+ TBD", r"\[x\]"]).is_none());
        assert!(prefilter_of(&[r"(?i)\bTBD\b", r"x*"]).is_none_or(|p| !p.is_fast()));
    }

    proptest! {
        /// The prefilter skips only text where no pattern can start: the matches are the ones
        /// the regex engine finds with its own prefilter.
        #[test]
        fn the_prefilter_loses_no_match(
            text in "([\\[\\]<>{}/.-]|TBD|TODO|XX|Lorem|lorem ipsum|insert|Your|client name|Client|DD|MM|mm|yyyy|YYYY|X people|N days|[a-zA-Z ]|\\n|é){0,40}"
        ) {
            static BOTH: std::sync::LazyLock<(Placeholders, meta::Regex)> =
                std::sync::LazyLock::new(|| {
                    let (p, patterns) = builtin();
                    let plain =
                        meta::Regex::new_many(&patterns).unwrap_or_else(|e| panic!("valid: {e}"));
                    (p, plain)
                });
            let (p, plain) = &*BOTH;
            let ours: Vec<_> = p.find_iter(&text).map(|m| m.range).collect();
            let theirs: Vec<_> = plain.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(ours, theirs);
        }

        /// A slice of a document, gated by one search of the whole document, has the matches
        /// it has searched alone: a literal the document's search found across the slice's
        /// start does not hide one inside it.
        #[test]
        fn the_gate_of_a_whole_source_loses_no_match_in_its_slices(
            source in "([\\[<{]|TBD|TBC|TODO|XX|XXX|YYYY-MM|yyyy|DD/MM/YYYY|lorem ipsum|X people|N days|[a-zA-Z ]){0,30}",
            a in 0usize..120,
            b in 0usize..120,
        ) {
            static BUILTIN: std::sync::LazyLock<Placeholders> =
                std::sync::LazyLock::new(|| builtin().0);
            let p = &*BUILTIN;
            let (lo, hi) = (a.min(b).min(source.len()), a.max(b).min(source.len()));
            let Some(text) = source.get(lo..hi) else {
                return Ok(());
            };
            let gate = p.source_gate(&source);
            prop_assert!(gate.is_some());
            let gated: Vec<_> = p.find_iter_in(gate.as_ref(), text).map(|m| m.range).collect();
            let alone: Vec<_> = p.find_iter(text).map(|m| m.range).collect();
            prop_assert_eq!(gated, alone, "{:?} in {:?}", text, source);
        }
    }

    #[test]
    fn a_copy_is_gated_by_itself() {
        let (p, _) = builtin();
        let source = "Owner: TBD";
        let gate = p.source_gate(source);
        let copy = String::from(source);
        assert!(gate.as_ref().is_some_and(|g| g.may_match(&copy).is_none()));
        assert_eq!(p.find_iter_in(gate.as_ref(), &copy).count(), 1);
        assert!(gate.is_some_and(|g| g.may_match(&source[..5]) == Some(false)));
    }
}
