//! The config file as written (`.ccr-lint.toml`): serde types, strict (an unknown key is
//! an error naming the file, line and key). `mod.rs` resolves them into settings.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;

/// The config file as written. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub sections: SectionsConfig,
    #[serde(default)]
    pub vocabulary: VocabularyConfig,
    #[serde(default)]
    pub fields: FieldsConfig,
    #[serde(default)]
    pub dates: DatesConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub language: LanguageConfig,
    /// Per-file rules: `[[overrides]]`, applied in order to the files their globs match.
    #[serde(default)]
    pub overrides: Vec<OverrideConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    #[serde(default)]
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
}

/// One `[[overrides]]` table: rules for the files its globs match (relative to the
/// config's folder), on top of `[rules]` and the overrides before it. Its rule keys repeat
/// [`RulesConfig`]'s rather than flatten it: serde's `flatten` cannot be combined with
/// `deny_unknown_fields`, and a misspelt key must stay an error.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideConfig {
    /// Spanned as a whole so that an empty list can be pointed at.
    pub files: Spanned<Vec<Spanned<String>>>,
    /// Replaces the rules selected so far for these files.
    #[serde(default)]
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    /// More sections files, in the format of `rules/sections.toml`.
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    /// Section ids that need not be present.
    #[serde(default)]
    pub optional: Vec<Spanned<String>>,
    /// Extra accepted headings per section id.
    #[serde(default)]
    pub aliases: BTreeMap<Spanned<String>, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldsConfig {
    /// More fields files, in the format of `rules/fields.toml` (extra field names, column
    /// aliases, methods and list entries).
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyConfig {
    /// More vocabulary files, in the format of `vocabulary/*.toml`.
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    /// Words and phrases never to flag (team acronyms, product names).
    #[serde(default)]
    pub accept: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/04/2024 is March 4.
    Mdy,
    /// 03/04/2024 is 3 April.
    Dmy,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesConfig {
    #[serde(default)]
    pub order: Option<DateOrder>,
    /// Preferred output format for date rewrites, e.g. "%B %-d, %Y".
    #[serde(default)]
    pub format: Option<String>,
}

/// Whether the language rules check quoted material (blockquotes, quoted speech, transcripts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotePolicy {
    /// Quoted material is someone else's words: the language rules skip it (the default).
    #[default]
    Skip,
    /// The language rules check it too (fixes still never edit inside it).
    Check,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageConfig {
    #[serde(default)]
    pub quotes: QuotePolicy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    #[serde(default = "default_summary_words")]
    pub summary_words: usize,
    #[serde(default = "default_sentence_words")]
    pub sentence_words: usize,
}

fn default_summary_words() -> usize {
    150
}
fn default_sentence_words() -> usize {
    35
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            summary_words: default_summary_words(),
            sentence_words: default_sentence_words(),
        }
    }
}
