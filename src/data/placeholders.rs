//! `rules/placeholders.toml`: template text that must not survive into a sent report.
//! All patterns compile into one regex for finding and one set for naming the pattern.

use regex::Regex;
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

/// The compiled matcher: every pattern in one multi-pattern regex, compiled once (it
/// reports which pattern matched, so no second set of regexes is needed).
#[derive(Debug, Clone)]
pub struct Placeholders {
    any: regex_automata::meta::Regex,
    defs: Vec<PlaceholderDef>,
}

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderMatch<'t> {
    pub range: std::ops::Range<usize>,
    pub matched: &'t str,
    pub message: String,
}

impl Placeholders {
    pub fn load(path: &str, text: &str) -> Result<(Self, Vec<PlaceholderExample>), DataError> {
        let file: PlaceholderFile = parse_toml(path, text)?;
        let patterns: Vec<&str> = file
            .placeholder
            .iter()
            .map(|d| d.pattern.get_ref().as_str())
            .collect();
        let any = regex_automata::meta::Regex::new_many(&patterns).map_err(|e| {
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
                None => DataError::new(path, text, None, format!("patterns do not combine: {e}")),
            }
        })?;
        Ok((
            Placeholders {
                any,
                defs: file.placeholder,
            },
            file.examples,
        ))
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
