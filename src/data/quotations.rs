//! `rules/quotations.toml`: the words that tell quoted material (someone else's words) from the
//! author's prose: transcript headings, speech verbs, speaker labels and the labels that are not
//! speakers. The document pass (`document/quoted.rs`) reads them.

use foldhash::HashSet;

use serde::Deserialize;

use super::vocabulary::PhraseFinder;
use super::{DataError, Embedded, parse_toml};

pub const QUOTATIONS: Embedded = Embedded {
    path: "rules/quotations.toml",
    text: include_str!("../../rules/quotations.toml"),
};

/// The file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuotationsFile {
    pub min_quote_words: usize,
    pub transcript_headings: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub question_answer: Vec<String>,
    pub not_speakers: Vec<String>,
    #[serde(default)]
    pub examples: Vec<QuotationExample>,
}

/// Markdown `text` and the stretches of its rendered text read as quoted, in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotationExample {
    pub text: String,
    pub quoted: Vec<String>,
}

/// The compiled cue words (all lower case).
#[derive(Debug, Clone, Default)]
pub struct Quotations {
    pub min_quote_words: usize,
    transcript_headings: HashSet<String>,
    /// The quick test for them (see [`PhraseFinder`]); none when it cannot be built.
    transcript_finder: Option<PhraseFinder>,
    speech_verbs: HashSet<String>,
    question_answer: HashSet<String>,
    not_speakers: HashSet<String>,
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

impl Quotations {
    /// Parses a quotations file; returns its examples too.
    pub fn load(path: &str, text: &str) -> Result<(Quotations, Vec<QuotationExample>), DataError> {
        let file: QuotationsFile = parse_toml(path, text)?;
        if file.min_quote_words == 0 {
            return Err(DataError::new(
                path,
                text,
                None,
                "`min-quote-words` must be at least 1",
            ));
        }
        let transcript_headings = set(&file.transcript_headings);
        let q = Quotations {
            min_quote_words: file.min_quote_words,
            transcript_finder: PhraseFinder::new({
                let mut words: Vec<String> = transcript_headings.iter().cloned().collect();
                words.sort();
                words
            }),
            transcript_headings,
            speech_verbs: set(&file.speech_verbs),
            question_answer: set(&file.question_answer),
            not_speakers: set(&file.not_speakers),
        };
        Ok((q, file.examples))
    }

    /// The built-in cues.
    pub fn builtin() -> Result<Quotations, DataError> {
        Self::load(QUOTATIONS.path, QUOTATIONS.text).map(|(q, _)| q)
    }

    /// Whether a heading's word (lower case) marks a transcript.
    pub fn is_transcript_word(&self, word: &str) -> bool {
        self.transcript_headings.contains(word)
    }

    /// Whether a text may hold a transcript cue word (a quick test, ASCII case ignored).
    pub fn may_name_transcript(&self, text: &str) -> bool {
        match &self.transcript_finder {
            Some(finder) => finder.is_match(text),
            None => self
                .transcript_headings
                .iter()
                .any(|w| crate::document::contains_ignore_ascii_case(text, w)),
        }
    }

    /// Whether a word (lower case) introduces speech (`said`, `asked`, …).
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }

    /// Whether a label (lower case, without its colon) is a question or answer label.
    pub fn is_question_answer(&self, label: &str) -> bool {
        self.question_answer.contains(label)
    }

    /// Whether a label (lower case, without its colon) is known not to name a speaker.
    pub fn is_not_speaker(&self, label: &str) -> bool {
        self.not_speakers.contains(label)
    }

    /// The lists, by their key, for the tidiness test.
    pub fn lists(text: &str) -> Result<Vec<(&'static str, Vec<String>)>, DataError> {
        let file: QuotationsFile = parse_toml(QUOTATIONS.path, text)?;
        Ok(vec![
            ("transcript-headings", file.transcript_headings),
            ("speech-verbs", file.speech_verbs),
            ("question-answer", file.question_answer),
            ("not-speakers", file.not_speakers),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::Quotations;

    proptest::proptest! {
        /// The quick test for transcript cue words says what searching for each one says.
        #[test]
        fn the_transcript_test_is_a_search_for_each_word(
            text in "(Transcript|TRANSCRIPTS|transcription|Verbatim|verb|script|trans|[ a-zé#:-]){0,12}"
        ) {
            let q = Quotations::builtin()
                .unwrap_or_else(|e| panic!("the built-in quotations load: {e}"));
            let each = q
                .transcript_headings
                .iter()
                .any(|w| crate::document::contains_ignore_ascii_case(&text, w));
            proptest::prop_assert!(q.transcript_finder.is_some());
            proptest::prop_assert_eq!(q.may_name_transcript(&text), each);
        }
    }
}
