//! `rules/sections.toml`: the report's sections, their aliases, whether each is required,
//! and their recommended order (the order of the file).

use foldhash::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::headings::{HeadCues, HeadingWords, heading_words};
use super::{DataError, parse_toml};
use crate::diagnostic::Severity;

pub use super::headings::strip_numbering;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionsFile {
    #[serde(default)]
    pub section: Vec<SectionDef>,
    #[serde(default)]
    pub examples: Vec<SectionExample>,
    /// Cue words of head-word matching (see `data::headings`).
    #[serde(default)]
    pub headings: Option<HeadingCuesDef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingCuesDef {
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub trailing: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Error,
    Warning,
    Optional,
}

impl Requirement {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Requirement::Error => Some(Severity::Error),
            Requirement::Warning => Some(Severity::Warning),
            Requirement::Optional => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Stable kebab-case id, used by config and other data files.
    pub id: Spanned<String>,
    /// The canonical heading.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words that name the section when they are a heading's head (`Up Next`, `Open
    /// Issues`, `Action Items & Owners`), besides the name and aliases.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Title words that make a whole document this section: a record of one meeting
    /// (`TSC Minutes`, `All Hands Call`) is its own interaction log.
    #[serde(default, rename = "record-titles")]
    pub record_titles: Vec<String>,
    /// Labels or headings that mark such a record (`Moderator:`, `Notetaker:`, `Attendance`).
    #[serde(default, rename = "record-markers")]
    pub record_markers: Vec<String>,
    /// Nouns that, ending a label followed by a link on its line, make the line one of this
    /// section's (`**Agenda**: <link>`, `GitHub Issue - <link>` are attachments).
    #[serde(default, rename = "link-labels")]
    pub link_labels: Vec<String>,
    /// Words of two headings that together are the section: one naming the first half
    /// (`The challenge: …`, `Root Cause`), a later one the second (`A solution: …`,
    /// `Action Taken`).
    #[serde(default)]
    pub halves: Option<HalvesDef>,
    #[serde(default)]
    pub required: Option<Requirement>,
    /// The line inserted under the heading when the section is added by a fix.
    #[serde(default)]
    pub placeholder: Option<String>,
}

/// See [`SectionDef::halves`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HalvesDef {
    pub first: Vec<String>,
    pub then: Vec<String>,
}

/// An example heading and the section id it must match (none: it must not match any), or
/// the sections a combined heading names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionExample {
    pub heading: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub sections: Vec<String>,
}

/// One resolved section.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub synonyms: Vec<String>,
    /// As words (see [`SectionDef::record_titles`]).
    pub record_titles: Vec<Vec<String>>,
    /// Normalised keys (see [`SectionDef::record_markers`]).
    pub record_markers: Vec<String>,
    /// Lower-case words (see [`SectionDef::link_labels`]).
    pub link_labels: Vec<String>,
    /// As words: the first half's phrases, then the second's (see [`SectionDef::halves`]).
    pub halves: (Vec<Vec<String>>, Vec<Vec<String>>),
    pub required: Requirement,
    pub placeholder: String,
}

/// How a heading names sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingMatch {
    /// The whole heading is the section's name or an alias.
    Exact(usize),
    /// Parts of the heading have a name or synonym of these sections as their head
    /// (several: a combined heading such as `Issues and Next Steps`).
    Head(Vec<usize>),
}

/// All sections, in recommended order, with a lookup from normalized heading text.
#[derive(Debug, Clone, Default)]
pub struct SectionSet {
    pub sections: Vec<Section>,
    lookup: HashMap<String, usize>,
    /// Every name and synonym as words, with its section.
    phrases: Vec<(Vec<String>, usize)>,
    /// The indices into `phrases` of the phrases each word is part of: a heading none of whose
    /// words is in one (an entry's `June 16, 2024 — Meeting`) is ruled out at once.
    phrase_words: HashMap<String, Vec<usize>>,
    /// The shortest and longest record marker, in bytes: most labels are ruled out by length.
    marker_lengths: (usize, usize),
    /// Each section's name (first), aliases and synonyms as (key, words), for "did you mean"
    /// and the canonical-name test (read once here, not per heading compared).
    forms: Vec<Vec<(String, Vec<String>)>>,
    cues: HeadCues,
    /// Headings already read (see [`SectionSet::read_heading_text`]).
    read: ReadCache,
}

/// A heading text reduced to its words, and what those words name as a heading inside a
/// document ([`SectionSet::read_heading_words`] by head words too).
#[derive(Debug)]
pub struct HeadingRead {
    pub words: HeadingWords,
    pub read: Option<HeadingMatch>,
}

/// Heading texts already read, with what they read as. A folder of reports written from one
/// template repeats the same headings, and reducing a heading to words and reading it is
/// most of the work of finding a report's sections. Reading depends only on the set's data:
/// re-indexing the set (after `extend`, `add_aliases`) empties the cache, a clone starts
/// with an empty one, and it is emptied when it reaches [`ReadCache::LIMIT`] entries
/// (memory stays bounded on a folder of unrelated documents). Shared by the threads linting
/// files in parallel: a lookup holds the lock for one hash-map access.
#[derive(Default)]
struct ReadCache(std::sync::Mutex<HashMap<Box<str>, std::sync::Arc<HeadingRead>>>);

impl ReadCache {
    const LIMIT: usize = 4096;
}

impl Clone for ReadCache {
    fn clone(&self) -> Self {
        ReadCache::default()
    }
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadCache")
    }
}

impl SectionSet {
    /// Adds or extends sections from a sections file. A section whose id is already known
    /// gets the file's aliases appended and its name, requirement and placeholder replaced
    /// when given; a new id is appended at the end of the recommended order.
    pub fn extend(&mut self, path: &str, text: &str) -> Result<Vec<SectionExample>, DataError> {
        let file: SectionsFile = parse_toml(path, text)?;
        if let Some(cues) = &file.headings {
            let words = |v: &Vec<String>| {
                v.iter()
                    .map(|w| w.trim().to_lowercase())
                    .collect::<Vec<_>>()
            };
            self.cues.after.extend(words(&cues.after));
            self.cues.trailing.extend(words(&cues.trailing));
        }
        for def in file.section {
            let id = def.id.get_ref().trim().to_string();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(DataError::new(
                    path,
                    text,
                    Some(def.id.span()),
                    "section id must be kebab-case",
                ));
            }
            match self.sections.iter_mut().find(|s| s.id == id) {
                Some(existing) => {
                    existing.aliases.extend(def.aliases);
                    existing.synonyms.extend(def.synonyms);
                    existing.record_titles.extend(words_of(&def.record_titles));
                    existing.record_markers.extend(keys_of(&def.record_markers));
                    existing.link_labels.extend(last_words(&def.link_labels));
                    if let Some(h) = &def.halves {
                        existing.halves.0.extend(words_of(&h.first));
                        existing.halves.1.extend(words_of(&h.then));
                    }
                    if let Some(name) = def.name {
                        existing.name = name;
                    }
                    if let Some(r) = def.required {
                        existing.required = r;
                    }
                    if let Some(p) = def.placeholder {
                        existing.placeholder = p;
                    }
                }
                None => {
                    let Some(name) = def.name else {
                        return Err(DataError::new(
                            path,
                            text,
                            Some(def.id.span()),
                            format!("new section '{id}' needs a `name`"),
                        ));
                    };
                    let placeholder = def
                        .placeholder
                        .unwrap_or_else(|| format!("TODO: write the {name} section."));
                    self.sections.push(Section {
                        id,
                        name,
                        aliases: def.aliases,
                        synonyms: def.synonyms,
                        record_titles: words_of(&def.record_titles),
                        record_markers: keys_of(&def.record_markers),
                        link_labels: last_words(&def.link_labels),
                        halves: def.halves.as_ref().map_or_else(Default::default, |h| {
                            (words_of(&h.first), words_of(&h.then))
                        }),
                        required: def.required.unwrap_or(Requirement::Error),
                        placeholder,
                    });
                }
            }
        }
        self.reindex();
        Ok(file.examples)
    }

    pub fn add_aliases(&mut self, id: &str, aliases: &[String]) -> bool {
        let Some(s) = self.sections.iter_mut().find(|s| s.id == id) else {
            return false;
        };
        s.aliases.extend(aliases.iter().cloned());
        self.reindex();
        true
    }

    pub fn set_required(&mut self, id: &str, required: Requirement) -> bool {
        let Some(s) = self.sections.iter_mut().find(|s| s.id == id) else {
            return false;
        };
        s.required = required;
        true
    }

    fn reindex(&mut self) {
        self.read = ReadCache::default();
        self.lookup.clear();
        self.phrases.clear();
        self.phrase_words.clear();
        let lengths = self
            .sections
            .iter()
            .flat_map(|s| &s.record_markers)
            .map(String::len);
        self.marker_lengths = (
            lengths.clone().min().unwrap_or(usize::MAX),
            lengths.max().unwrap_or(0),
        );
        self.forms = self
            .sections
            .iter()
            .map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .chain(&s.synonyms)
                    .map(|n| {
                        let w = heading_words(n);
                        (w.key().to_string(), w.into_words())
                    })
                    .collect()
            })
            .collect();
        for (i, s) in self.sections.iter().enumerate() {
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                self.lookup.entry(normalize_heading(name)).or_insert(i);
            }
            for phrase in std::iter::once(&s.name).chain(&s.synonyms) {
                let words = heading_words(phrase).into_words();
                if !words.is_empty() {
                    for w in &words {
                        let at = self.phrases.len();
                        let slot = self.phrase_words.entry(w.clone()).or_default();
                        if !slot.contains(&at) {
                            slot.push(at);
                        }
                    }
                    self.phrases.push((words, i));
                }
            }
        }
    }

    /// The section a heading names as a whole (its name or an alias), if any.
    pub fn match_heading(&self, heading: &str) -> Option<usize> {
        self.lookup.get(&normalize_heading(heading)).copied()
    }

    /// The sections a heading names: as a whole, else by the heads of its parts (with
    /// `by_head` false, only as a whole: a document's title is not read by its words).
    pub fn read_heading(&self, heading: &str, by_head: bool) -> Option<HeadingMatch> {
        self.read_heading_words(&heading_words(heading), by_head)
    }

    /// A heading text's words and [`SectionSet::read_heading`] by head words, from the cache of
    /// texts read before when it holds this one. A poisoned lock (a thread that panicked while
    /// holding it) only means no caching.
    pub fn read_heading_text(&self, text: &str) -> std::sync::Arc<HeadingRead> {
        if let Ok(cache) = self.read.0.lock()
            && let Some(found) = cache.get(text)
        {
            return found.clone();
        }
        let words = heading_words(text);
        let read = self.read_heading_words(&words, true);
        let found = std::sync::Arc::new(HeadingRead { words, read });
        if let Ok(mut cache) = self.read.0.lock() {
            if cache.len() >= ReadCache::LIMIT {
                cache.clear();
            }
            cache.insert(text.into(), found.clone());
        }
        found
    }

    /// [`SectionSet::read_heading`] of a heading already reduced to its words.
    pub fn read_heading_words(&self, words: &HeadingWords, by_head: bool) -> Option<HeadingMatch> {
        if let Some(&kind) = self.lookup.get(words.key()) {
            return Some(HeadingMatch::Exact(kind));
        }
        if !by_head {
            return None;
        }
        // The longest phrase that heads a part decides it (`Follow-up Actions`).
        let kinds = self.read_words_by_head(words);
        (!kinds.is_empty()).then_some(HeadingMatch::Head(kinds))
    }

    /// The sections a line that stands for a heading names by its head words: its names and
    /// synonyms only (an alias such as `Log` names the section only as a real heading; a
    /// `Log:` line over console output is not an interaction log).
    pub fn read_by_head(&self, heading: &str) -> Vec<usize> {
        self.read_words_by_head(&heading_words(heading))
    }

    fn read_words_by_head(&self, words: &super::headings::HeadingWords) -> Vec<usize> {
        if words.words().len() > super::headings::MAX_HEAD_WORDS {
            return Vec::new();
        }
        let mut kinds = Vec::new();
        for part in &words.parts {
            let part = words.part(part);
            // Only phrases that share a word with the part can head it.
            let best = part
                .iter()
                .filter_map(|w| self.phrase_words.get(w))
                .flatten()
                .map(|&i| &self.phrases[i])
                .filter(|(p, _)| self.cues.is_head(part, p))
                .max_by_key(|(p, _)| p.len())
                .map(|(_, k)| *k);
            if let Some(k) = best
                && !kinds.contains(&k)
            {
                kinds.push(k);
            }
        }
        kinds
    }

    /// Whether a heading is another name for section `kind` and nothing more: one of its
    /// synonyms with at most one word before it (`Up Next`, `Current Plans`, `Relevant
    /// Links`), no qualifier after it and no number (`Retro Action Items - 04/04/2023` and
    /// `Questions/Issues for the TAC` say more than the section's name).
    pub fn is_plain_synonym(&self, kind: usize, heading: &str) -> bool {
        let words = heading_words(heading);
        let all = words.words();
        if words.parts.len() != 1 || all.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
            return false;
        }
        self.phrases
            .iter()
            .any(|(p, k)| *k == kind && all.len() <= p.len() + 1 && all.ends_with(p))
    }

    /// The section a whole document is when its title (reduced to its words) has one of that
    /// section's record words (`# TSC Minutes`): a record of one meeting is its own
    /// interaction log.
    pub fn record_by_title(&self, title: &HeadingWords) -> Option<usize> {
        let words = title;
        self.sections
            .iter()
            .position(|s| s.record_titles.iter().any(|t| words.words().holds(t)))
    }

    /// The sections written in two halves among a document's headings: one heading holds a
    /// first-half phrase and a later one a second-half phrase. The headings are given as
    /// their distinct texts (already split into words) and, in document order, which of
    /// those each heading is: a phrase is looked for once in each distinct text. Sections
    /// `found` says the report has are not looked for.
    pub fn halved_by(
        &self,
        distinct: &[&HeadingWords],
        order: &[usize],
        found: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let holds = |i: usize, phrases: &[Vec<String>]| {
            distinct
                .get(i)
                .is_some_and(|h| phrases.iter().any(|p| h.words().holds(p)))
        };
        self.sections
            .iter()
            .enumerate()
            .filter(|(k, s)| {
                if s.halves.0.is_empty() || found(*k) {
                    return false;
                }
                // The first heading that holds a first half (each distinct text asked once),
                // then any heading after it that holds a second half.
                let mut first: Vec<Option<bool>> = vec![None; distinct.len()];
                let mut held = |i: usize| {
                    *first
                        .get_mut(i)
                        .map(|memo| memo.get_or_insert_with(|| holds(i, &s.halves.0)))
                        .unwrap_or(&mut false)
                };
                order
                    .iter()
                    .position(|&i| held(i))
                    .is_some_and(|at| order[at + 1..].iter().any(|&i| holds(i, &s.halves.1)))
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// The section a whole document is when it has one of that section's record markers
    /// as a label or heading (`Moderator:`, `## Attendance`).
    pub fn record_by_marker(&self, label: &str) -> Option<usize> {
        // Markers are a word or two: compare word by word, ignoring case, with no copy.
        let label = label
            .trim()
            .trim_matches(|c: char| matches!(c, '*' | '_' | '#' | ':'));
        let (shortest, longest) = self.marker_lengths;
        if label.len() < shortest || label.len() > longest {
            return None;
        }
        let first = label.as_bytes().first().map(u8::to_ascii_lowercase);
        let same = |m: &str| {
            // Their first letters differ for nearly every label.
            if m.as_bytes().first().map(u8::to_ascii_lowercase) != first {
                return false;
            }
            let mut a = label.split_whitespace();
            let mut b = m.split(' ');
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return true,
                    (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
                    _ => return false,
                }
            }
        };
        self.sections
            .iter()
            .position(|s| s.record_markers.iter().any(|m| same(m)))
    }

    /// Whether an unrecognised heading looks like a try at naming section `kind`: a name,
    /// alias or synonym within two typing slips of it, or a long word in common
    /// (`Action Itmes`, `Action Plan` for Action Items). For "did you mean" in
    /// missing-section's help, which splits each heading into words once.
    pub fn resembles(&self, kind: usize, words: &HeadingWords) -> bool {
        let key = words.key();
        if key.is_empty() {
            return false;
        }
        self.forms.get(kind).into_iter().flatten().any(|(k, name)| {
            let slips = (k.chars().count() / 6).clamp(1, 2);
            k.len().abs_diff(key.len()) <= 2 * slips && within_edits(k, key, slips)
                || name
                    .iter()
                    .any(|w| w.chars().count() >= 5 && words.words().contains(w))
        })
    }

    /// Whether the heading is written as the canonical name (ignoring case, numbering,
    /// a trailing colon and the spelling of "and").
    pub fn is_canonical(&self, idx: usize, heading: &str) -> bool {
        // The name's key is the first of the section's forms, read once at load.
        self.forms
            .get(idx)
            .and_then(|f| f.first())
            .is_some_and(|(name, _)| normalize_heading(heading) == *name)
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// The sections whose link labels end `label` (`Agenda document`, `GitHub Issues`):
    /// its last word, or that word without a plural `s`.
    pub fn read_by_link_label(&self, label: &str) -> impl Iterator<Item = usize> + '_ {
        let last = heading_words(label)
            .words()
            .last()
            .unwrap_or_default()
            .to_string();
        let single = last.strip_suffix('s').unwrap_or(&last).to_string();
        self.sections.iter().enumerate().filter_map(move |(k, s)| {
            (!last.is_empty() && s.link_labels.iter().any(|w| *w == last || *w == single))
                .then_some(k)
        })
    }
}

fn words_of(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|t| heading_words(t).into_words())
        .filter(|w| !w.is_empty())
        .collect()
}

fn last_words(list: &[String]) -> Vec<String> {
    list.iter()
        .filter_map(|t| heading_words(t).words().last().map(str::to_string))
        .collect()
}

fn keys_of(list: &[String]) -> Vec<String> {
    list.iter().map(|k| normalize_heading(k)).collect()
}

/// Whether `a` and `b` are at most `max` edits (insertions, deletions, substitutions of a
/// character) apart. Headings are short and mostly ASCII: their bytes are compared in place,
/// with the two rows of the distance table on the stack when they fit (this runs for every
/// missing section against every heading that is not one).
fn within_edits(a: &str, b: &str, max: usize) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return within_edits_of(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_edits_of(&a, &b, max)
}

fn within_edits_of<T: PartialEq>(a: &[T], b: &[T], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    const ON_STACK: usize = 64;
    let mut stack = [[0usize; ON_STACK + 1]; 2];
    let mut heap: [Vec<usize>; 2];
    let [mut prev, mut cur]: [&mut [usize]; 2] = if b.len() <= ON_STACK {
        let [p, c] = &mut stack;
        [&mut p[..=b.len()], &mut c[..=b.len()]]
    } else {
        heap = [vec![0; b.len() + 1], vec![0; b.len() + 1]];
        let [p, c] = &mut heap;
        [p.as_mut_slice(), c.as_mut_slice()]
    };
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let value = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            cur[j + 1] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// The exact-match key of a heading: lowercase words, numbering, markup, emoji and
/// punctuation removed, `and`, `&`, `/` and `+` left out (see `data::headings`).
pub fn normalize_heading(text: &str) -> String {
    heading_words(text).key().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether `a` becomes `b` in at most `max` single-character edits (Levenshtein), giving
    /// up as soon as a row of the table exceeds `max`.
    fn within_edits_by_chars(a: &str, b: &str, max: usize) -> bool {
        if a == b {
            return true;
        }
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a.len().abs_diff(b.len()) > max {
            return false;
        }
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        let mut cur = vec![0; b.len() + 1];
        for (i, ca) in a.iter().enumerate() {
            cur[0] = i + 1;
            let mut row_min = cur[0];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
                row_min = row_min.min(cur[j + 1]);
            }
            if row_min > max {
                return false;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()] <= max
    }

    #[test]
    fn long_strings_use_rows_off_the_stack() {
        let a = "a".repeat(70);
        let b = format!("{}b", "a".repeat(69));
        assert!(within_edits(&a, &b, 1));
        assert!(!within_edits(&a, &b, 0));
        assert_eq!(within_edits(&a, &b, 1), within_edits_by_chars(&a, &b, 1));
    }

    proptest! {
        #[test]
        fn within_edits_is_the_character_table(
            a in "[abcé ]{0,12}",
            b in "[abcé ]{0,12}",
            max in 0usize..4,
        ) {
            prop_assert_eq!(within_edits(&a, &b, max), within_edits_by_chars(&a, &b, max));
        }
    }

    /// The built-in sections, as a set of their own.
    fn builtin_set() -> SectionSet {
        let mut set = SectionSet::default();
        set.extend(super::super::SECTIONS.path, super::super::SECTIONS.text)
            .unwrap_or_else(|e| panic!("the built-in sections load: {e}"));
        set
    }

    #[test]
    fn a_heading_read_again_comes_from_the_cache_until_the_set_changes() {
        let set = builtin_set();
        let log = set.find("interaction-log");
        let first = set.read_heading_text("## Touchpoints");
        assert_eq!(first.words, heading_words("## Touchpoints"));
        assert_eq!(first.read, set.read_heading_words(&first.words, true));
        assert!(std::sync::Arc::ptr_eq(
            &first,
            &set.read_heading_text("## Touchpoints")
        ));
        // A clone reads for itself: its data may change apart from the original's.
        let mut other = set.clone();
        assert!(!std::sync::Arc::ptr_eq(
            &first,
            &other.read_heading_text("## Touchpoints")
        ));
        // New aliases change what a heading reads as: what was read before is forgotten.
        assert!(other.add_aliases("interaction-log", &["Touchpoints".to_string()]));
        let after = other.read_heading_text("## Touchpoints");
        assert_eq!(after.read, log.map(HeadingMatch::Exact));
        assert_ne!(after.read, first.read);
    }

    #[test]
    fn a_section_in_two_halves_needs_both_in_order() {
        let set = builtin_set();
        let issues = set.find("issues-and-resolutions");
        let halved = |h: &[&str]| {
            let words: Vec<HeadingWords> = h.iter().map(|t| heading_words(t)).collect();
            let words: Vec<&HeadingWords> = words.iter().collect();
            let order: Vec<usize> = (0..words.len()).collect();
            set.halved_by(&words, &order, |_| false).into_iter().next()
        };
        assert_eq!(halved(&["Root Cause", "Timeline", "Action Taken"]), issues);
        assert_eq!(
            halved(&[
                "The challenge: an in-memory state machine",
                "A solution: atomic commits"
            ]),
            issues
        );
        assert_eq!(
            halved(&[
                "What Problem Were We Trying to Solve?",
                "How Did We Solve the Problem?"
            ]),
            issues
        );
        assert_eq!(halved(&["Action Taken", "Root Cause"]), None);
        assert_eq!(halved(&["Root Cause", "Timeline"]), None);
    }

    #[test]
    fn normalization() {
        assert_eq!(
            normalize_heading("2. Issues & Resolutions:"),
            "issues resolutions"
        );
        assert_eq!(
            normalize_heading("Issues/Resolutions"),
            "issues resolutions"
        );
        assert_eq!(normalize_heading("IV. Next Steps"), "next steps");
        assert_eq!(normalize_heading("3.1 Time Period"), "time period");
        assert_eq!(normalize_heading("A) Summary"), "summary");
        assert_eq!(normalize_heading("2024 Summary"), "2024 summary");
    }
}
