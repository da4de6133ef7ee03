//! `vocabulary/*.toml`: language guidance as data. Each file feeds one rule kind
//! (`kind = "informal"`, …) or declares its own rule (`[rule] code = "ACME001"`). Every term
//! of a kind is indexed into one matcher (see `crate::vocab`), built-ins once per process,
//! user files once per config.

use std::collections::{BTreeMap, HashMap};

use foldhash::HashSet;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use toml::Spanned;

use super::{DataError, Embedded, parse_toml};
use crate::diagnostic::{Applicability, RuleId, Severity};
use crate::vocab::{CombinedMatcher, Matcher, normalise_term};

/// Which rule a vocabulary file feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// CCR601 informal-language.
    Informal,
    /// CCR602 contraction.
    Contraction,
    /// CCR603 preferred-term.
    PreferredTerm,
    /// CCR605 wordy-phrase.
    Wordy,
    /// CCR606 filler-word.
    Filler,
    /// CCR609 emotional-language.
    Emotional,
    /// CCR610 phrase-guidance.
    Phrase,
    /// Accepted all-caps words for CCR608 shouting (the file holds `acronyms = [...]`).
    Acronyms,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 8] = [
        Kind::Informal,
        Kind::Contraction,
        Kind::PreferredTerm,
        Kind::Wordy,
        Kind::Filler,
        Kind::Emotional,
        Kind::Phrase,
        Kind::Acronyms,
    ];
}

/// How safe an entry's replacement is (`Applicability` as written in data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixSafety {
    Safe,
    Unsafe,
    DisplayOnly,
}

impl From<FixSafety> for Applicability {
    fn from(f: FixSafety) -> Self {
        match f {
            FixSafety::Safe => Applicability::Safe,
            FixSafety::Unsafe => Applicability::Unsafe,
            FixSafety::DisplayOnly => Applicability::DisplayOnly,
        }
    }
}

/// A vocabulary file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyFile {
    /// The built-in rule this file feeds. Required unless `[rule]` declares the file's own rule.
    #[serde(default)]
    pub kind: Option<Spanned<Kind>>,
    /// A rule of the user's own (`code = "ACME001"`, `name = "acme-terms"`).
    #[serde(default)]
    pub rule: Option<UserRuleDef>,
    /// Defaults for entries that leave them out.
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub applicability: Option<FixSafety>,
    #[serde(default)]
    pub key_term: Vec<KeyTerm>,
    #[serde(default)]
    pub purpose: Vec<Purpose>,
    /// Named word classes (`number`, `quantity`) that entries' `unless-before` and
    /// `unless-after` name as `@class`; shared by every file.
    #[serde(default)]
    pub word_class: Vec<WordClassDef>,
    #[serde(default)]
    pub term: Vec<TermDef>,
    #[serde(default)]
    pub acronyms: Vec<Spanned<String>>,
    /// Ordinary words: written in capitals, they are shouting (CCR608; acronyms files).
    #[serde(default)]
    pub ordinary_words: Vec<Spanned<String>>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRuleDef {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default = "default_user_severity")]
    pub severity: Severity,
}

fn default_user_severity() -> Severity {
    Severity::Warning
}

/// A key term of the report's vocabulary: shown by `ccr-lint vocabulary` and in CCR603's help.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeyTerm {
    pub name: String,
    pub definition: String,
    pub example: String,
}

/// A purpose of the report's standard phrasing: shown by `ccr-lint phrases` and in CCR610's help.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Purpose {
    pub id: String,
    pub title: String,
    pub phrases: Vec<String>,
    /// The sections (ids from `rules/sections.toml`) the phrases belong in: where the editor
    /// server offers them as completions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

/// A named class of words, for the conditions of an entry's sense.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordClassDef {
    pub name: Spanned<String>,
    /// Words or phrases, matched as whole tokens whatever their case.
    #[serde(default)]
    pub words: Vec<Spanned<String>>,
    /// Any token that starts with a digit belongs too (`3`, `1G`, `10,000`).
    #[serde(default)]
    pub digits: bool,
}

/// One entry: the forms it matches and what to say about them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermDef {
    /// Whole words or phrases, matched case-insensitively; `'` also matches `’`.
    #[serde(rename = "match")]
    pub forms: Vec<Spanned<String>>,
    /// The replacement (`""` removes the words). Keeps the original's capitalisation.
    #[serde(default)]
    pub replace: Option<String>,
    /// Default: the file's, else `unsafe`.
    #[serde(default)]
    pub applicability: Option<FixSafety>,
    /// `{matched}` is replaced by the text found. Default: the file's.
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// The key term this wording should become (its definition and example go into the help).
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    /// The standard-phrasing purpose to suggest (phrase files).
    #[serde(default)]
    pub purpose: Option<Spanned<String>>,
    /// Only match at the start of a sentence (casual openers).
    #[serde(default)]
    pub sentence_start: bool,
    /// The entry does not apply when the words right after the match are one of these
    /// (words or phrases, or `@class` for a word class): `just` is not filler in `just 3 days`.
    #[serde(default)]
    pub unless_before: Vec<Spanned<String>>,
    /// The entry does not apply when the words right before the match are one of these: `just`
    /// is not filler in `not just`.
    #[serde(default)]
    pub unless_after: Vec<Spanned<String>>,
}

/// `text` with `flags` (the exact texts found, in order) and/or `fixed` (the text with every
/// replacement applied). Good text carries `flags = []`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub flags: Option<Vec<String>>,
    #[serde(default)]
    pub fixed: Option<String>,
}

/// A compiled entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub forms: Vec<String>,
    pub replace: Option<String>,
    pub applicability: FixSafety,
    pub message: String,
    pub help: Option<String>,
    pub key: Option<String>,
    pub purpose: Option<String>,
    pub sentence_start: bool,
    /// Every form is written in capitals (`ASAP`): capitals in the text are its normal spelling.
    pub acronym: bool,
    /// Where the entry does not apply: the words after the match, and before it.
    pub unless_before: Sense,
    pub unless_after: Sense,
}

/// Words next to a match that mean an entry's sense does not apply: phrases as folded tokens
/// (ASCII lower case, `'` for a curly apostrophe), and whether any token starting with a digit
/// counts too. Classes are resolved into these when the entry is compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sense {
    pub phrases: Vec<Vec<String>>,
    pub digits: bool,
}

impl Sense {
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && !self.digits
    }
}

/// A compiled word class.
#[derive(Debug, Clone, Default)]
struct WordClass {
    name: String,
    sense: Sense,
    /// A quick test for its phrases: built on first use, for rules that look for a class in
    /// every prose run (`past-day`).
    finder: OnceLock<Option<PhraseFinder>>,
}

/// Whether a text holds any of a word class's phrases (words joined by one space, ASCII case
/// ignored, anywhere): the quick test of a text before it is tokenised.
#[derive(Debug, Clone)]
pub enum PhraseFinder {
    /// A few phrases (up to [`PhraseFinder::FEW`]), each anchored at its rarest byte, and
    /// grouped by that byte (ASCII lower case): one vectorised search for each group's byte
    /// is several times faster than an automaton over prose that rarely holds them.
    Few(Vec<(u8, Vec<(String, usize)>)>),
    /// More phrases in one automaton (or an empty one, which every text holds).
    Many(aho_corasick::AhoCorasick),
}

impl PhraseFinder {
    const FEW: usize = 4;

    pub fn new(phrases: Vec<String>) -> Option<Self> {
        if phrases.len() <= Self::FEW && !phrases.iter().any(String::is_empty) {
            let mut groups: Vec<(u8, Vec<(String, usize)>)> = Vec::new();
            for p in phrases {
                let anchor = crate::document::rarest_byte(&p);
                let byte = p
                    .as_bytes()
                    .get(anchor)
                    .expect("a phrase's rarest byte is within it: it is not empty")
                    .to_ascii_lowercase();
                match groups.iter_mut().find(|(b, _)| *b == byte) {
                    Some((_, group)) => group.push((p, anchor)),
                    None => groups.push((byte, vec![(p, anchor)])),
                }
            }
            return Some(PhraseFinder::Few(groups));
        }
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&phrases)
            .ok()
            .map(PhraseFinder::Many)
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            PhraseFinder::Few(groups) => groups.iter().any(|(byte, group)| {
                crate::document::contains_any_ignore_ascii_case_at(text, *byte, group)
            }),
            PhraseFinder::Many(automaton) => automaton.is_match(text),
        }
    }
}

/// A word or phrase as folded tokens.
pub fn folded_tokens(text: &str) -> Vec<String> {
    let index = crate::vocab::TokenIndex::build(text);
    index
        .toks
        .iter()
        .map(|t| {
            text.get(t.range())
                .unwrap_or("")
                .replace(['\u{2019}', '\u{2018}'], "'")
                .to_ascii_lowercase()
        })
        .collect()
}

/// All entries of one rule, and their matcher.
///
/// The matcher is built on first use: the seven built-in kinds are searched through the
/// vocabulary's [`CombinedMatcher`], so a lint run never needs their own matchers, and
/// start-up does not pay for them.
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    pub entries: Vec<Entry>,
    matcher: OnceLock<Matcher>,
}

impl TermSet {
    /// The entries, with their matcher built now (`eager`: the sets every lint run searches
    /// on their own, user rules and accepted terms) or on first use.
    fn build(entries: Vec<Entry>, eager: bool) -> Self {
        let set = TermSet {
            entries,
            matcher: OnceLock::new(),
        };
        if eager {
            set.matcher();
        }
        set
    }

    /// `(form, entry index)` for every form of every entry, in order.
    pub fn forms(&self) -> impl Iterator<Item = (&str, usize)> {
        self.entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.forms.iter().map(move |f| (f.as_str(), i)))
    }

    /// The matcher of this set's terms (leftmost-longest, whole tokens).
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::new(self.forms()))
    }
}

/// A rule declared by a user vocabulary file.
#[derive(Debug, Clone)]
pub struct UserRule {
    pub id: RuleId,
    pub severity: Severity,
    pub terms: Arc<TermSet>,
}

/// Everything the vocabulary rules need, compiled.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    entries: BTreeMap<Kind, Vec<Entry>>,
    sets: BTreeMap<Kind, Arc<TermSet>>,
    /// All of `sets` in one matcher (see [`CombinedMatcher`]).
    pub combined: Arc<CombinedMatcher>,
    pub key_terms: Vec<KeyTerm>,
    pub purposes: Vec<Purpose>,
    /// Upper-case acronyms that are not shouting.
    pub acronyms: HashSet<String>,
    /// Ordinary words (lower case, `'` for any apostrophe): in capitals, they are shouting.
    pub ordinary: HashSet<String>,
    pub user_rules: Vec<UserRule>,
    /// `[vocabulary] accept`: text covered by one of these is never flagged.
    pub accept: Arc<TermSet>,
    /// Word classes for the entries' senses, by name.
    classes: Vec<WordClass>,
}

/// The built-in vocabulary files.
pub const BUILTIN: [Embedded; 9] = [
    Embedded {
        path: "vocabulary/acronyms.toml",
        text: include_str!("../../vocabulary/acronyms.toml"),
    },
    Embedded {
        path: "vocabulary/contractions.toml",
        text: include_str!("../../vocabulary/contractions.toml"),
    },
    Embedded {
        path: "vocabulary/emotional.toml",
        text: include_str!("../../vocabulary/emotional.toml"),
    },
    Embedded {
        path: "vocabulary/filler.toml",
        text: include_str!("../../vocabulary/filler.toml"),
    },
    Embedded {
        path: "vocabulary/informal.toml",
        text: include_str!("../../vocabulary/informal.toml"),
    },
    Embedded {
        path: "vocabulary/phrases.toml",
        text: include_str!("../../vocabulary/phrases.toml"),
    },
    Embedded {
        path: "vocabulary/terms.toml",
        text: include_str!("../../vocabulary/terms.toml"),
    },
    Embedded {
        path: "vocabulary/word-classes.toml",
        text: include_str!("../../vocabulary/word-classes.toml"),
    },
    Embedded {
        path: "vocabulary/wordy.toml",
        text: include_str!("../../vocabulary/wordy.toml"),
    },
];

/// Parses a vocabulary file strictly (no validation against other files).
pub fn parse_file(path: &str, text: &str) -> Result<VocabularyFile, DataError> {
    parse_toml(path, text)
}

fn is_user_code(code: &str) -> bool {
    let letters = code.bytes().take_while(u8::is_ascii_uppercase).count();
    (1..=8).contains(&letters)
        && code.len() > letters
        && code.len() <= letters + 6
        && code.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

impl Vocabulary {
    /// The built-in vocabulary.
    pub fn builtin() -> Result<Vocabulary, DataError> {
        let mut v = Vocabulary::default();
        v.add_files(BUILTIN.iter().map(|f| (f.path, f.text)))?;
        v.compile(None, &[]);
        Ok(v)
    }

    /// This vocabulary plus user files (`(shown path, text)`) and accepted terms; only the
    /// kinds the user files touch are recompiled.
    pub fn extended(
        &self,
        files: &[(String, String)],
        accept: &[String],
    ) -> Result<Vocabulary, DataError> {
        let mut v = self.clone();
        let before: HashMap<Kind, usize> = v.entries.iter().map(|(k, e)| (*k, e.len())).collect();
        v.add_files(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))?;
        let changed: Vec<Kind> = v
            .entries
            .iter()
            .filter(|(k, e)| before.get(*k) != Some(&e.len()))
            .map(|(k, _)| *k)
            .collect();
        v.compile(Some(&changed), accept);
        Ok(v)
    }

    /// The compiled entries of a kind.
    pub fn terms(&self, kind: Kind) -> &TermSet {
        static EMPTY: std::sync::LazyLock<TermSet> = std::sync::LazyLock::new(TermSet::default);
        self.sets.get(&kind).map_or(&EMPTY, |s| s)
    }

    /// A word class by name (`past-day`).
    pub fn class(&self, name: &str) -> Option<&Sense> {
        self.classes
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.sense)
    }

    /// The quick test for a word class's phrases (see [`PhraseFinder`]).
    pub fn class_finder(&self, name: &str) -> Option<&PhraseFinder> {
        let class = self.classes.iter().find(|c| c.name == name)?;
        class
            .finder
            .get_or_init(|| {
                PhraseFinder::new(class.sense.phrases.iter().map(|p| p.join(" ")).collect())
            })
            .as_ref()
    }

    pub fn key_term(&self, name: &str) -> Option<&KeyTerm> {
        self.key_terms
            .iter()
            .find(|k| k.name.eq_ignore_ascii_case(name))
    }

    pub fn purpose(&self, id: &str) -> Option<&Purpose> {
        self.purposes
            .iter()
            .find(|p| p.id.eq_ignore_ascii_case(id) || p.title.eq_ignore_ascii_case(id))
    }

    /// Codes of the rules user files declare.
    pub fn user_codes(&self) -> Vec<String> {
        self.user_rules
            .iter()
            .flat_map(|r| [r.id.code.to_string(), r.id.name.to_string()])
            .collect()
    }

    fn compile(&mut self, only: Option<&[Kind]>, accept: &[String]) {
        for (kind, entries) in &self.entries {
            if only.is_none_or(|o| o.contains(kind)) {
                self.sets
                    .insert(*kind, Arc::new(TermSet::build(entries.clone(), false)));
            }
        }
        self.combined = Arc::new(CombinedMatcher::new(
            self.sets.iter().map(|(k, s)| (*k, s.as_ref())),
        ));
        if !accept.is_empty() {
            let entries = accept
                .iter()
                .map(|a| Entry {
                    forms: vec![a.clone()],
                    replace: None,
                    applicability: FixSafety::DisplayOnly,
                    message: String::new(),
                    help: None,
                    key: None,
                    purpose: None,
                    sentence_start: false,
                    acronym: false,
                    unless_before: Sense::default(),
                    unless_after: Sense::default(),
                })
                .collect();
            self.accept = Arc::new(TermSet::build(entries, true));
        }
    }

    /// Parses files, takes the key terms and purposes of all of them (so an entry may point
    /// at those of any file), then validates and adds each file's entries.
    fn add_files<'f>(
        &mut self,
        files: impl Iterator<Item = (&'f str, &'f str)>,
    ) -> Result<(), DataError> {
        let parsed = files
            .map(|(path, text)| parse_file(path, text).map(|f| (path, text, f)))
            .collect::<Result<Vec<_>, _>>()?;
        for (_, _, file) in &parsed {
            for k in &file.key_term {
                if self.key_term(&k.name).is_none() {
                    self.key_terms.push(k.clone());
                }
            }
            for p in &file.purpose {
                if self.purpose(&p.id).is_none() {
                    self.purposes.push(p.clone());
                }
            }
        }
        for (path, text, file) in &parsed {
            for c in &file.word_class {
                self.add_class(path, text, c)?;
            }
        }
        for (path, text, file) in parsed {
            self.add_file(path, text, file)?;
        }
        Ok(())
    }

    /// Adds a word class (a later file may extend one by its name).
    fn add_class(&mut self, path: &str, text: &str, c: &WordClassDef) -> Result<(), DataError> {
        let name = c.name.get_ref();
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
        {
            return Err(DataError::new(
                path,
                text,
                Some(c.name.span()),
                format!("invalid word class name '{name}'"),
            )
            .with_help("use kebab-case, e.g. quantity"));
        }
        let idx = match self.classes.iter().position(|k| k.name == *name) {
            Some(i) => i,
            None => {
                self.classes.push(WordClass {
                    name: name.clone(),
                    sense: Sense::default(),
                    finder: OnceLock::new(),
                });
                self.classes.len() - 1
            }
        };
        for w in &c.words {
            let toks = folded_tokens(w.get_ref());
            if toks.is_empty() {
                return Err(DataError::new(
                    path,
                    text,
                    Some(w.span()),
                    "a word class entry must contain a word",
                ));
            }
            self.classes[idx].sense.phrases.push(toks);
        }
        self.classes[idx].sense.digits |= c.digits;
        Ok(())
    }

    /// The sense condition of an entry's `unless-before`/`unless-after` list: its words, and
    /// the classes it names (`@quantity`) resolved.
    fn sense(&self, path: &str, text: &str, items: &[Spanned<String>]) -> Result<Sense, DataError> {
        let mut sense = Sense::default();
        for item in items {
            let s = item.get_ref();
            if let Some(name) = s.strip_prefix('@') {
                let Some(class) = self.classes.iter().find(|c| c.name == name) else {
                    let known: Vec<&str> = self.classes.iter().map(|c| c.name.as_str()).collect();
                    return Err(DataError::new(
                        path,
                        text,
                        Some(item.span()),
                        format!("unknown word class '@{name}'"),
                    )
                    .with_help(format!("known classes: {}", known.join(", "))));
                };
                sense.phrases.extend(class.sense.phrases.iter().cloned());
                sense.digits |= class.sense.digits;
            } else {
                let toks = folded_tokens(s);
                if toks.is_empty() {
                    return Err(DataError::new(
                        path,
                        text,
                        Some(item.span()),
                        "a condition must be a word, a phrase or an @class",
                    ));
                }
                sense.phrases.push(toks);
            }
        }
        Ok(sense)
    }

    /// Validates one parsed file and adds its entries.
    fn add_file(&mut self, path: &str, text: &str, file: VocabularyFile) -> Result<(), DataError> {
        let err =
            |span: std::ops::Range<usize>, msg: String| DataError::new(path, text, Some(span), msg);
        let (kind, user) = match (&file.kind, &file.rule) {
            (Some(k), None) => (Some(*k.get_ref()), None),
            (None, Some(r)) => {
                if !is_user_code(r.code.get_ref()) || r.code.get_ref().starts_with("CCR") {
                    return Err(err(r.code.span(), format!("invalid rule code '{}'", r.code.get_ref()))
                        .with_help("a code of your own: capital letters then digits, not starting with CCR (e.g. ACME001)"));
                }
                let name = r.name.get_ref();
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    return Err(err(r.name.span(), format!("invalid rule name '{name}'"))
                        .with_help("use kebab-case, e.g. acme-terms"));
                }
                let taken = crate::rules::find(r.code.get_ref()).is_some()
                    || crate::rules::find(name).is_some()
                    || self
                        .user_rules
                        .iter()
                        .any(|u| u.id.code == *r.code.get_ref() || u.id.name == *name);
                if taken {
                    return Err(err(
                        r.code.span(),
                        format!("rule '{}' is already defined", r.code.get_ref()),
                    ));
                }
                (None, Some(r))
            }
            (Some(k), Some(_)) => {
                return Err(err(
                    k.span(),
                    "a file has either `kind` or `[rule]`, not both".into(),
                ));
            }
            (None, None)
                if !file.word_class.is_empty()
                    && file.term.is_empty()
                    && file.acronyms.is_empty()
                    && file.ordinary_words.is_empty() =>
            {
                // A file of word classes only (taken with the other files' key terms above).
                return Ok(());
            }
            (None, None) => {
                return Err(DataError::new(path, text, Some(0..0), "missing `kind` (or a `[rule]` table)")
                    .with_help("kind = \"informal\" | \"contraction\" | \"preferred-term\" | \"wordy\" | \"filler\" | \"emotional\" | \"phrase\" | \"acronyms\""));
            }
        };

        let is_acronyms = kind == Some(Kind::Acronyms);
        if let (Some(a), false) = (file.acronyms.first(), is_acronyms) {
            return Err(err(
                a.span(),
                "`acronyms` belong in a file with kind = \"acronyms\"".into(),
            ));
        }
        if let (Some(t), true) = (file.term.first(), is_acronyms) {
            let at = t.forms.first().map_or(0..0, |f| f.span());
            return Err(err(
                at,
                "an acronyms file lists `acronyms = [...]`, not [[term]] entries".into(),
            ));
        }
        if let (Some(w), false) = (file.ordinary_words.first(), is_acronyms) {
            return Err(err(
                w.span(),
                "`ordinary-words` belong in a file with kind = \"acronyms\"".into(),
            ));
        }
        for w in &file.ordinary_words {
            let word = w.get_ref();
            if word.is_empty() || word.chars().any(char::is_uppercase) {
                return Err(err(
                    w.span(),
                    format!("ordinary word '{word}' must be written in lower case"),
                ));
            }
            self.ordinary.insert(word.replace('\u{2019}', "'"));
        }
        for a in &file.acronyms {
            let word = a.get_ref();
            if word.is_empty() || word.chars().any(char::is_lowercase) {
                return Err(err(
                    a.span(),
                    format!("acronym '{word}' must be written in capitals"),
                ));
            }
            self.acronyms.insert(word.clone());
        }

        let mut entries = Vec::with_capacity(file.term.len());
        let mut seen: HashMap<String, ()> = HashMap::new();
        for t in &file.term {
            let Some(first) = t.forms.first() else {
                return Err(DataError::new(
                    path,
                    text,
                    None,
                    "an entry has an empty `match` list",
                ));
            };
            for f in &t.forms {
                let Some(norm) = normalise_term(f.get_ref()) else {
                    return Err(err(f.span(), "a match form must contain a word".into()));
                };
                if seen.insert(norm.to_ascii_lowercase(), ()).is_some() {
                    return Err(err(
                        f.span(),
                        format!("'{}' is matched by two entries", f.get_ref()),
                    ));
                }
            }
            if let Some(key) = &t.key
                && self.key_term(key.get_ref()).is_none()
            {
                return Err(err(
                    key.span(),
                    format!("unknown key term '{}'", key.get_ref()),
                ));
            }
            if let Some(p) = &t.purpose
                && self.purpose(p.get_ref()).is_none()
            {
                return Err(err(p.span(), format!("unknown purpose '{}'", p.get_ref())));
            }
            let Some(message) = t.message.clone().or_else(|| file.message.clone()) else {
                return Err(err(
                    first.span(),
                    "entry has no `message` (and the file sets no default)".into(),
                ));
            };
            entries.push(Entry {
                forms: t.forms.iter().map(|f| f.get_ref().clone()).collect(),
                replace: t.replace.clone(),
                applicability: t
                    .applicability
                    .or(file.applicability)
                    .unwrap_or(FixSafety::Unsafe),
                message,
                help: t.help.clone(),
                key: t.key.as_ref().map(|k| k.get_ref().clone()),
                purpose: t.purpose.as_ref().map(|p| p.get_ref().clone()),
                sentence_start: t.sentence_start,
                unless_before: self.sense(path, text, &t.unless_before)?,
                unless_after: self.sense(path, text, &t.unless_after)?,
                acronym: t.forms.iter().all(|f| {
                    let f = f.get_ref();
                    f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase)
                }),
            });
        }
        match (kind, user) {
            (Some(k), _) => self.entries.entry(k).or_default().extend(entries),
            (None, Some(r)) => {
                let terms = TermSet::build(entries, true);
                self.user_rules.push(UserRule {
                    id: RuleId {
                        code: r.code.get_ref().clone().into(),
                        name: r.name.get_ref().clone().into(),
                    },
                    severity: r.severity,
                    terms: Arc::new(terms),
                });
            }
            (None, None) => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_letters_then_digits() {
        assert!(is_user_code("ACME001"));
        assert!(is_user_code("X1"));
        assert!(!is_user_code("acme001"));
        assert!(!is_user_code("ACME"));
        assert!(!is_user_code("001"));
    }
}
