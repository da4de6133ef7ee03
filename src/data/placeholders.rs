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

/// A prefilter from the first three bytes a match of any pattern can start with (`[`, `<`,
/// `{{`, `TBD`, `lor`, ...), or none when some pattern can start with anything. The regex
/// engine would extract one itself, but exhaustively (every case variant of every `(?i)`
/// word): that was two thirds of this matcher's compile time, paid by every run of the
/// binary, and three bytes are as selective on report prose.
fn prefilter(patterns: &[&str]) -> Option<Prefilter> {
    let mut all = Seq::empty();
    for pattern in patterns {
        let hir = regex_syntax::parse(pattern).ok()?;
        let mut seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_literal_len(3)
            .limit_class(4)
            .limit_total(64)
            .extract(&hir);
        seq.keep_first_bytes(3);
        all.union(&mut seq);
    }
    all.optimize_for_prefix_by_preference();
    let literals: Vec<&[u8]> = all.literals()?.iter().map(|l| l.as_bytes()).collect();
    Prefilter::new(MatchKind::LeftmostFirst, &literals)
}

impl Placeholders {
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
        let config = meta::Config::new()
            .auto_prefilter(false)
            .prefilter(prefilter(&patterns));
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
        self.any.is_match(text)
    }

    /// The byte ranges of the placeholders in `text`, left to right (no message is built).
    pub fn ranges<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.any.find_iter(text).map(|m| m.range())
    }

    /// Every placeholder in `text`, left to right, without overlaps.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = PlaceholderMatch<'t>> + 't {
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
        assert!(prefilter(&patterns).is_some());
        assert!(prefilter(&[r"\w+ TBD", r"\[x\]"]).is_none());
        assert!(prefilter(&[r"(?i)\bTBD\b", r"x*"]).is_none_or(|p| !p.is_fast()));
    }

    proptest! {
        /// The prefilter skips only text where no pattern can start: the matches are the ones
        /// the regex engine finds with its own prefilter.
        #[test]
        fn the_prefilter_loses_no_match(
            text in "([\\[\\]<>{}]|TBD|TODO|XX|Lorem|lorem ipsum|insert|Your|client name|Client|[a-zA-Z ]|\\n|é){0,40}"
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
    }
}
