//! `rules/placeholders.toml`: template text that must not survive into a sent report.
//! All patterns compile into one regex for finding and one set for naming the pattern.

use regex::{Regex, RegexSet};
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

/// The compiled matcher.
#[derive(Debug, Clone)]
pub struct Placeholders {
    any: Regex,
    set: RegexSet,
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
        for def in &file.placeholder {
            if let Err(e) = Regex::new(def.pattern.get_ref()) {
                return Err(DataError::new(
                    path,
                    text,
                    Some(def.pattern.span()),
                    format!("invalid pattern: {e}"),
                ));
            }
        }
        let alternation = file
            .placeholder
            .iter()
            .map(|d| format!("(?:{})", d.pattern.get_ref()))
            .collect::<Vec<_>>()
            .join("|");
        let any = Regex::new(if alternation.is_empty() {
            "[^\\s\\S]"
        } else {
            &alternation
        })
        .map_err(|e| DataError::new(path, text, None, format!("patterns do not combine: {e}")))?;
        let set = RegexSet::new(
            file.placeholder
                .iter()
                .map(|d| d.pattern.get_ref().as_str()),
        )
        .map_err(|e| DataError::new(path, text, None, format!("patterns do not combine: {e}")))?;
        Ok((
            Placeholders {
                any,
                set,
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
            let which = self.set.matches(m.as_str()).iter().next().unwrap_or(0);
            let template = self
                .defs
                .get(which)
                .map_or("'{matched}' is a placeholder", |d| d.message.as_str());
            PlaceholderMatch {
                range: m.range(),
                matched: m.as_str(),
                message: template.replace("{matched}", m.as_str()),
            }
        })
    }
}
