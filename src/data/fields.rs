//! `rules/fields.toml`: what the content of a report's sections is called (client fields,
//! interaction-log and task columns), the interaction methods, and the word lists the content
//! rules use (vague owners, closed statuses, vague time expressions, "no issues" phrases).

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{DataError, parse_toml};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldsFile {
    #[serde(default)]
    pub field: Vec<FieldDef>,
    #[serde(default)]
    pub log_column: Vec<ColumnDef>,
    #[serde(default)]
    pub method: Vec<MethodDef>,
    #[serde(default)]
    pub task_column: Vec<ColumnDef>,
    #[serde(default)]
    pub lists: ListsDef,
    #[serde(default)]
    pub examples: Vec<FieldsExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub id: Spanned<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodDef {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Verbs that name the method in a sentence (`Emailed James about …`).
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ListsDef {
    #[serde(default)]
    pub vague_owners: Vec<String>,
    #[serde(default)]
    pub closed_statuses: Vec<String>,
    #[serde(default)]
    pub vague_time: Vec<String>,
    #[serde(default)]
    pub no_issues: Vec<String>,
    #[serde(default)]
    pub issue_status_words: Vec<String>,
    /// Words after which an entry's participants stand (`with Ana`, `sent to Ana`).
    #[serde(default)]
    pub participant_cues: Vec<String>,
    /// Words after which an entry's topic stands (`regarding the invoice`).
    #[serde(default)]
    pub topic_cues: Vec<String>,
    /// Words after a task's owner (`Ana will send …`, `Ana to send …`).
    #[serde(default)]
    pub owner_cues: Vec<String>,
    /// Words before a task's deadline (`by April 4, 2025`, `due Friday`).
    #[serde(default)]
    pub deadline_cues: Vec<String>,
    /// Words before the event a task waits for, whatever its words (`before releasing
    /// 4.0.0`, `after the audit closes`).
    #[serde(default)]
    pub event_cues: Vec<String>,
    /// Words before a deadline only when a date or a `next …` event follows (`for 03/22`,
    /// `on 10/05`, `for next office hours`).
    #[serde(default)]
    pub dated_cues: Vec<String>,
    /// Words that name a scheduled event (`sync`, `office hours`), which a `next …` after a
    /// dated cue must contain.
    #[serde(default)]
    pub event_words: Vec<String>,
    /// Words that end a role that owns a task (`design lead`, `account manager`).
    #[serde(default)]
    pub role_words: Vec<String>,
    /// Words that name a one-off occasion (`kickoff`, `launch`), a deadline after a cue.
    #[serde(default)]
    pub occasion_words: Vec<String>,
    /// Words before a deadline only when an occasion follows (`as part of the kickoff`).
    #[serde(default)]
    pub occasion_cues: Vec<String>,
    /// Labels that make a line a task wherever it stands (`**Action**: Jenn to update …`).
    #[serde(default)]
    pub action_labels: Vec<String>,
    /// Day names, vague where they stand for a date (`Due: Friday`, `by next Monday`).
    #[serde(default)]
    pub weekdays: Vec<String>,
}

/// `kind` names the lookup; `expect` is the id it must give ("" for none; "yes" for the
/// yes/no lists; the matched text for `vague-time`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldsExample {
    pub kind: String,
    pub text: String,
    pub expect: String,
}

/// Log columns the interaction-log parser knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogColumn {
    Date,
    DateTime,
    Time,
    Method,
    Participants,
    Summary,
}

/// Task columns the action-items parser knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskColumn {
    Task,
    Owner,
    Deadline,
    Status,
}

/// The compiled data.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Client fields in file order: (id, canonical name, required).
    pub fields: Vec<(String, String, bool)>,
    field_lookup: HashMap<String, usize>,
    log_lookup: HashMap<String, LogColumn>,
    task_lookup: HashMap<String, TaskColumn>,
    /// Canonical method names.
    pub methods: Vec<String>,
    method_lookup: HashMap<String, usize>,
    /// The keys of `method_lookup`, longest first: the first a text opens with is its
    /// longest method prefix.
    method_names: Vec<String>,
    vague_owners: Vec<String>,
    closed: Vec<String>,
    no_issues: Vec<String>,
    vague_time: PhraseMatcher,
    status_words: PhraseMatcher,
    /// Every method name, alias and verb, and the method each names.
    method_words: PhraseMatcher,
    method_of: HashMap<String, usize>,
    participant_cues: PhraseMatcher,
    topic_cues: PhraseMatcher,
    owner_cues: PhraseMatcher,
    deadline_cues: PhraseMatcher,
    event_cues: PhraseMatcher,
    dated_cues: PhraseMatcher,
    event_words: PhraseMatcher,
    role_words: Vec<String>,
    occasion_words: PhraseMatcher,
    occasion_cues: PhraseMatcher,
    action_labels: Vec<String>,
    weekdays: PhraseMatcher,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            fields: Vec::new(),
            field_lookup: HashMap::new(),
            log_lookup: HashMap::new(),
            task_lookup: HashMap::new(),
            methods: Vec::new(),
            method_lookup: HashMap::new(),
            method_names: Vec::new(),
            vague_owners: Vec::new(),
            closed: Vec::new(),
            no_issues: Vec::new(),
            vague_time: PhraseMatcher::new(&[]),
            status_words: PhraseMatcher::new(&[]),
            method_words: PhraseMatcher::new(&[]),
            method_of: HashMap::new(),
            participant_cues: PhraseMatcher::new(&[]),
            topic_cues: PhraseMatcher::new(&[]),
            owner_cues: PhraseMatcher::new(&[]),
            deadline_cues: PhraseMatcher::new(&[]),
            event_cues: PhraseMatcher::new(&[]),
            dated_cues: PhraseMatcher::new(&[]),
            event_words: PhraseMatcher::new(&[]),
            role_words: Vec::new(),
            occasion_words: PhraseMatcher::new(&[]),
            occasion_cues: PhraseMatcher::new(&[]),
            action_labels: Vec::new(),
            weekdays: PhraseMatcher::new(&[]),
        }
    }
}

/// Lowercases, drops `*`/`_` emphasis markers and a trailing colon, collapses spaces.
pub fn normalize_key(text: &str) -> String {
    with_key(text, str::to_string)
}

/// Calls `f` with the normalised form of `text` (see [`normalize_key`]), built on the stack
/// for the usual short ASCII key: lookups run on every key, cell and entry part.
fn with_key<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most keys are already plain (`Participants`, `Due Date`): printable ASCII with single
    // spaces between words and nothing to trim at either end. Their key is their lower case.
    let b = text.as_bytes();
    if is_plain_key(b) {
        let mut buf = [0u8; MAX_NAME_LEN];
        for (o, x) in buf.iter_mut().zip(b) {
            *o = x.to_ascii_lowercase();
        }
        // Lower-cased printable ASCII: always UTF-8.
        return f(std::str::from_utf8(buf.get(..b.len()).unwrap_or(&[])).unwrap_or(""));
    }
    with_key_by_definition(text, f)
}

/// [`with_key`] for any text: trimmed of spaces, emphasis marks and a closing colon, words
/// joined by single spaces, lower case.
fn with_key_by_definition<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let t = text.trim().trim_matches(|c| c == '*' || c == '_').trim();
    let t = t
        .strip_suffix(':')
        .unwrap_or(t)
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim();
    let t = t.strip_suffix(':').unwrap_or(t);
    if t.is_ascii() && t.len() <= MAX_NAME_LEN {
        let mut buf = [0u8; MAX_NAME_LEN];
        let mut len = 0;
        for word in t.split_whitespace() {
            if len > 0 {
                buf[len] = b' ';
                len += 1;
            }
            for b in word.bytes() {
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        // Lower-cased ASCII of at most `t.len()` bytes: always UTF-8.
        return f(std::str::from_utf8(&buf[..len]).unwrap_or(""));
    }
    let mut out = String::with_capacity(t.len());
    for word in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    f(&out)
}

/// Longer text cannot be a field, column or method name: lookups skip normalising it.
const MAX_NAME_LEN: usize = 80;

/// Whether normalising `b` only lower-cases it: at most [`MAX_NAME_LEN`] bytes of printable
/// ASCII and single spaces, with no space, `*`, `_` or `:` at either end (what
/// [`with_key`] trims) and no two spaces in a row (which it joins).
fn is_plain_key(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let trimmed = |c: u8| matches!(c, b' ' | b'*' | b'_' | b':');
    b.len() <= MAX_NAME_LEN
        && !trimmed(first)
        && !trimmed(last)
        && b.iter().all(|&c| (b' '..=b'~').contains(&c))
        && memchr::memmem::find(b, b"  ").is_none()
}

impl Fields {
    /// Adds one fields file; later files add names and may extend the lists.
    pub fn extend(&mut self, path: &str, text: &str) -> Result<Vec<FieldsExample>, DataError> {
        let file: FieldsFile = parse_toml(path, text)?;
        for f in &file.field {
            let idx = match self.fields.iter().position(|(id, ..)| id == f.id.get_ref()) {
                Some(i) => i,
                None => {
                    self.fields
                        .push((f.id.get_ref().clone(), f.name.clone(), f.required));
                    self.fields.len() - 1
                }
            };
            for name in std::iter::once(&f.name).chain(&f.aliases) {
                self.field_lookup.insert(normalize_key(name), idx);
            }
        }
        for c in &file.log_column {
            let col = match c.id.get_ref().as_str() {
                "date" => LogColumn::Date,
                "date-time" => LogColumn::DateTime,
                "time" => LogColumn::Time,
                "method" => LogColumn::Method,
                "participants" => LogColumn::Participants,
                "summary" => LogColumn::Summary,
                other => {
                    return Err(unknown_id(
                        path,
                        text,
                        &c.id,
                        other,
                        "date, date-time, time, method, participants, summary",
                    ));
                }
            };
            for a in &c.aliases {
                self.log_lookup.insert(normalize_key(a), col);
            }
        }
        for c in &file.task_column {
            let col = match c.id.get_ref().as_str() {
                "task" => TaskColumn::Task,
                "owner" => TaskColumn::Owner,
                "deadline" => TaskColumn::Deadline,
                "status" => TaskColumn::Status,
                other => {
                    return Err(unknown_id(
                        path,
                        text,
                        &c.id,
                        other,
                        "task, owner, deadline, status",
                    ));
                }
            };
            for a in &c.aliases {
                self.task_lookup.insert(normalize_key(a), col);
            }
        }
        for m in &file.method {
            let idx = match self
                .methods
                .iter()
                .position(|n| *n == m.name.to_lowercase())
            {
                Some(i) => i,
                None => {
                    self.methods.push(m.name.to_lowercase());
                    self.methods.len() - 1
                }
            };
            for name in std::iter::once(&m.name).chain(&m.aliases) {
                self.method_lookup.insert(normalize_key(name), idx);
            }
            for word in std::iter::once(&m.name).chain(&m.aliases).chain(&m.verbs) {
                self.method_of.insert(normalize_key(word), idx);
            }
        }
        self.method_names = self.method_lookup.keys().cloned().collect();
        self.method_names
            .sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let mut words: Vec<String> = self.method_of.keys().cloned().collect();
        words.sort();
        self.method_words = PhraseMatcher::new(&words);
        let lower = |v: &[String]| {
            v.iter()
                .map(|s| s.trim().to_lowercase())
                .collect::<Vec<_>>()
        };
        self.vague_owners.extend(lower(&file.lists.vague_owners));
        self.closed.extend(lower(&file.lists.closed_statuses));
        self.no_issues.extend(lower(&file.lists.no_issues));
        let mut vague: Vec<String> = self.vague_time.phrases.clone();
        vague.extend(lower(&file.lists.vague_time));
        self.vague_time = PhraseMatcher::new(&vague);
        let mut words: Vec<String> = self.status_words.phrases.clone();
        words.extend(lower(&file.lists.issue_status_words));
        self.status_words = PhraseMatcher::new(&words);
        let grow = |m: &PhraseMatcher, more: &[String]| {
            let mut all = m.phrases.clone();
            all.extend(lower(more));
            PhraseMatcher::new(&all)
        };
        self.participant_cues = grow(&self.participant_cues, &file.lists.participant_cues);
        self.topic_cues = grow(&self.topic_cues, &file.lists.topic_cues);
        self.owner_cues = grow(&self.owner_cues, &file.lists.owner_cues);
        self.deadline_cues = grow(&self.deadline_cues, &file.lists.deadline_cues);
        self.event_cues = grow(&self.event_cues, &file.lists.event_cues);
        self.dated_cues = grow(&self.dated_cues, &file.lists.dated_cues);
        self.event_words = grow(&self.event_words, &file.lists.event_words);
        self.role_words.extend(lower(&file.lists.role_words));
        self.occasion_words = grow(&self.occasion_words, &file.lists.occasion_words);
        self.occasion_cues = grow(&self.occasion_cues, &file.lists.occasion_cues);
        self.action_labels.extend(lower(&file.lists.action_labels));
        self.weekdays = grow(&self.weekdays, &file.lists.weekdays);
        Ok(file.examples)
    }

    /// The client field id a key names (`"Client Name"` → `client`).
    pub fn field(&self, key: &str) -> Option<&str> {
        with_key(key, |k| self.field_lookup.get(k).copied()).map(|i| self.fields[i].0.as_str())
    }

    /// The log column a key or header names: an alias, or an alias ending a short header
    /// (`Meeting Date`, `Key Participants`); a parenthesis is left out (`Date (UTC)`).
    pub fn log_column(&self, key: &str) -> Option<LogColumn> {
        if key.len() > MAX_NAME_LEN {
            return None;
        }
        by_head(key, |k| self.log_lookup.get(k).copied())
    }

    /// The task column a key or header names, as [`Fields::log_column`] does
    /// (`Action Item (AI)`, `AI POC`).
    pub fn task_column(&self, key: &str) -> Option<TaskColumn> {
        if key.len() > MAX_NAME_LEN {
            return None;
        }
        by_head(key, |k| self.task_lookup.get(k).copied())
    }

    /// The first method word (a name, an alias or a verb such as `emailed`) in a text,
    /// longest first, and the canonical method it names.
    pub fn find_method(&self, text: &str) -> Option<(Range<usize>, &str)> {
        let r = self.method_words.find(text).into_iter().next()?;
        let idx = self.method_of.get(&normalize_key(&text[r.clone()]))?;
        Some((r, self.methods[*idx].as_str()))
    }

    /// Participant cue words (`with`, `to`) in a text, whole words.
    pub fn participant_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.participant_cues.find(text)
    }

    /// Topic cue words (`regarding`, `about`) in a text, whole words.
    pub fn topic_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.topic_cues.find(text)
    }

    /// Owner cue words (`will`, `to`) in a text, whole words.
    pub fn owner_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.owner_cues.find(text)
    }

    /// Deadline cue words (`by`, `due`) in a text, whole words.
    pub fn deadline_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.deadline_cues.find(text)
    }

    /// Whether a text names a one-off occasion (`kickoff`), whole words.
    pub fn has_occasion_word(&self, text: &str) -> bool {
        self.occasion_words.is_match(text)
    }

    /// Cue words that need an occasion after them (`as part of`), whole words.
    pub fn occasion_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.occasion_cues.find(text)
    }

    /// Whether a word ends a role that owns a task (`lead`, `manager`), any case.
    pub fn is_role_word(&self, word: &str) -> bool {
        self.role_words.iter().any(|r| r.eq_ignore_ascii_case(word))
    }

    /// Event words (`sync`, `parking lot`) in a text, whole words.
    pub fn event_words(&self, text: &str) -> Vec<Range<usize>> {
        self.event_words.find(text)
    }

    /// Whether a text names a scheduled event (`next office hours`), whole words.
    pub fn has_event_word(&self, text: &str) -> bool {
        self.event_words.is_match(text)
    }

    /// Event cue words (`before`, `until`) in a text, whole words.
    pub fn event_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.event_cues.find(text)
    }

    /// Cue words that need a date after them (`for`, `on`), whole words.
    pub fn dated_cues(&self, text: &str) -> Vec<Range<usize>> {
        self.dated_cues.find(text)
    }

    /// Whether a text has a vague time expression (`soon`, `next week`).
    pub fn has_vague_time(&self, text: &str) -> bool {
        self.vague_time.is_match(text)
    }

    /// Day names in a text (`Friday`), whole words.
    pub fn weekdays(&self, text: &str) -> Vec<Range<usize>> {
        self.weekdays.find(text)
    }

    /// Whether a value is a day name standing for a date: `Friday`, `next Monday`, `on
    /// Tuesday` (not `Friday, June 7, 2024`).
    pub fn is_weekday_phrase(&self, text: &str) -> bool {
        // A value that is a day name is a word or two at most, the day name last.
        let last = text
            .trim_end()
            .trim_end_matches(['.', '*', '_'])
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if text.len() > 32
            || !self
                .weekdays
                .phrases
                .iter()
                .any(|d| d.eq_ignore_ascii_case(last))
        {
            return false;
        }
        with_key(text, |t| {
            let t = t.trim_end_matches('.');
            let core = ["next ", "this ", "on ", "by "]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .unwrap_or(t);
            self.weekdays.phrases.iter().any(|d| d == core)
        })
    }

    /// Whether `text` opens with a letter some action label opens with (after spacing and
    /// emphasis marks): the quick test before a line is read as `Label: value` at all, since
    /// most labels start with a letter no action label starts with.
    pub fn may_open_action_label(&self, text: &str) -> bool {
        let first = text
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
            .bytes()
            .next()
            .map(|b| b.to_ascii_lowercase());
        self.action_labels.iter().any(|a| a.bytes().next() == first)
    }

    /// Whether a label makes its line a task wherever it stands (`Action`, `AI`, `TODO`).
    pub fn is_action_label(&self, label: &str) -> bool {
        if label.len() > MAX_NAME_LEN || !self.may_open_action_label(label) {
            return false;
        }
        // `Action from previous meeting:` and `Action for Jenn:` label actions too.
        with_key(label, |k| {
            self.action_labels.iter().any(|a| {
                *a == k
                    || k.strip_prefix(a.as_str())
                        .is_some_and(|rest| rest.starts_with(" from ") || rest.starts_with(" for "))
            })
        })
    }

    /// The canonical method a value names (`"Phone call"` → `call`).
    pub fn method(&self, text: &str) -> Option<&str> {
        if text.len() > MAX_NAME_LEN {
            return None;
        }
        with_key(text, |k| self.method_lookup.get(k).copied()).map(|i| self.methods[i].as_str())
    }

    /// The longest method name or alias that `text` starts with, as a byte length.
    pub fn method_prefix(&self, text: &str) -> Option<usize> {
        // ASCII text compares ignoring case as its lower case would: no copy.
        let lower = if text.is_ascii() {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.to_lowercase())
        };
        if lower.len() != text.len() {
            // Non-ASCII case folding changed lengths: only whole-text matches are safe.
            return self.method(text).map(|_| text.len());
        }
        // Longest first: the first name the text opens with is its longest method prefix.
        self.method_names
            .iter()
            .find(|key| {
                lower
                    .as_bytes()
                    .get(..key.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(key.as_bytes()))
                    && lower
                        .get(key.len()..)
                        .and_then(|rest| rest.chars().next())
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(String::len)
    }

    pub fn is_vague_owner(&self, owner: &str) -> bool {
        with_key(owner, |o| {
            let o = o.trim_end_matches('.');
            self.vague_owners.iter().any(|v| v == o)
        })
    }

    pub fn is_closed_status(&self, status: &str) -> bool {
        with_key(status, |s| {
            self.closed.iter().any(|c| {
                s.strip_prefix(c.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
            })
        })
    }

    /// Whether a text says there is no issue (`No issues were raised.`).
    pub fn says_no_issues(&self, text: &str) -> bool {
        // The normalised text starts with the first character after spaces and emphasis
        // markers, lower-cased: most items start with none of the phrases' first letters.
        let first = text
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
            .chars()
            .next()
            .and_then(|c| c.to_lowercase().next());
        if !self
            .no_issues
            .iter()
            .any(|p| p.chars().next().is_some_and(|c| Some(c) == first))
        {
            return false;
        }
        // Only the opening words can say it: a long paragraph is cut well past the longest
        // phrase before normalising (long enough that the cut never equals a phrase).
        let longest = self.no_issues.iter().map(String::len).max().unwrap_or(0);
        let text = if text.len() > 4 * longest + 256 {
            let mut cut = 2 * longest + 128;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            &text[..cut]
        } else {
            text
        };
        let t = normalize_key(text);
        let t = t.trim_end_matches('.');
        self.no_issues.iter().any(|p| {
            t == p.as_str()
                || (t.starts_with(p.as_str())
                    && !t[p.len()..].starts_with(|c: char| c.is_alphanumeric()))
        })
    }

    /// Whether a whole value is one vague time (`soon`, `TBD`, `next week`). A match of the
    /// whole value is as long as its phrase (ASCII case aside), so a longer value is none:
    /// tested first, since every `Key: value` line of a report asks.
    pub fn is_vague_time(&self, value: &str) -> bool {
        self.may_be_vague_time(value, 0)
            && matches!(self.vague_times(value).as_slice(), [r] if *r == (0..value.len()))
    }

    /// Whether a vague time expression may cover all of `text` but `slack` bytes (its
    /// surrounding whitespace aside): one of them, ignoring ASCII case, stands within the
    /// first `slack` bytes and is long enough. A quick test that never says no where
    /// [`Fields::vague_times`] would find such an expression; most values hold none.
    pub fn may_be_vague_time(&self, text: &str, slack: usize) -> bool {
        let t = text.trim();
        let len = t.len();
        len <= self.vague_time.longest() + slack
            && self.vague_time.phrases.iter().any(|p| {
                let n = p.len();
                n <= len
                    && n + slack >= len
                    && (0..=len - n).any(|at| {
                        t.as_bytes()
                            .get(at..at + n)
                            .is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes()))
                    })
            })
    }

    /// Vague time expressions in `text`, as byte ranges (whole words, case-insensitive).
    pub fn vague_times(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = self.vague_time.find(text);
        // "as soon as the review is done" names an event, not a vague time.
        found.retain(|r| {
            let before = text.get(r.start.saturating_sub(3)..r.start).unwrap_or("");
            let after = text.get(r.end..r.end + 4).unwrap_or("");
            !(text[r.clone()].eq_ignore_ascii_case("soon")
                && before.eq_ignore_ascii_case("as ")
                && after.eq_ignore_ascii_case(" as "))
        });
        found
    }

    /// Whether `text` mentions a resolution or status word.
    pub fn has_status_word(&self, text: &str) -> bool {
        !self.status_words.find(text).is_empty()
    }

    /// Every list, for tests that keep them tidy.
    pub fn lists(&self) -> [(&'static str, &[String]); 17] {
        [
            ("vague-owners", &self.vague_owners),
            ("closed-statuses", &self.closed),
            ("no-issues", &self.no_issues),
            ("vague-time", &self.vague_time.phrases),
            ("issue-status-words", &self.status_words.phrases),
            ("participant-cues", &self.participant_cues.phrases),
            ("topic-cues", &self.topic_cues.phrases),
            ("owner-cues", &self.owner_cues.phrases),
            ("deadline-cues", &self.deadline_cues.phrases),
            ("event-cues", &self.event_cues.phrases),
            ("dated-cues", &self.dated_cues.phrases),
            ("event-words", &self.event_words.phrases),
            ("role-words", &self.role_words),
            ("occasion-words", &self.occasion_words.phrases),
            ("occasion-cues", &self.occasion_cues.phrases),
            ("action-labels", &self.action_labels),
            ("weekdays", &self.weekdays.phrases),
        ]
    }
}

/// A column name by its whole key, or else by its head: the key (a parenthesis left out)
/// ending in a name, after one or two words (`Meeting Date`, `Key Participants`, `Date
/// (UTC)`); a key of more than four words has no head.
fn by_head<T>(key: &str, lookup: impl Fn(&str) -> Option<T>) -> Option<T> {
    // One normalised key serves both readings when there is no parenthesis to leave out:
    // its words joined by single spaces, so a tail is the text after a space.
    let tails = |norm: &str| {
        if norm.split(' ').count() > 4 {
            return None;
        }
        norm.match_indices(' ')
            .take(2)
            .find_map(|(at, _)| lookup(&norm[at + 1..]))
    };
    if !key.contains(['(', ')']) {
        return with_key(key, |norm| lookup(norm).or_else(|| tails(norm)));
    }
    with_key(key, &lookup).or_else(|| {
        // A stray `)` is left out too, but a single word is read whole or not at all.
        if !key.contains('(') && !key.trim().contains(char::is_whitespace) {
            return None;
        }
        with_key(&strip_parens(key), |norm| {
            if norm.is_empty() {
                return None;
            }
            lookup(norm).or_else(|| tails(norm))
        })
    })
}

/// `text` without what stands in parentheses and without any parenthesis (`Date (UTC)` →
/// `Date `).
fn strip_parens(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['(', ')']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(plain)
}

fn unknown_id(path: &str, text: &str, id: &Spanned<String>, other: &str, known: &str) -> DataError {
    DataError::new(
        path,
        text,
        Some(id.span()),
        format!("unknown column id '{other}'"),
    )
    .with_help(format!("known ids: {known}"))
}

/// Many phrases, one automaton: whole-word, ASCII-case-insensitive, leftmost-longest. The
/// automaton is built on first use: a run that never asks (an empty file, a report without
/// tasks) never pays for it.
#[derive(Debug, Clone)]
struct PhraseMatcher {
    phrases: Vec<String>,
    /// The length in bytes of the longest phrase.
    longest: usize,
    ac: std::sync::OnceLock<Option<AhoCorasick>>,
}

impl PhraseMatcher {
    /// The length in bytes of the longest phrase.
    fn longest(&self) -> usize {
        self.longest
    }

    fn new(phrases: &[String]) -> Self {
        PhraseMatcher {
            phrases: phrases.to_vec(),
            longest: phrases.iter().map(String::len).max().unwrap_or(0),
            ac: std::sync::OnceLock::new(),
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    // Run on short texts: a contiguous NFA builds faster than the DFA the
                    // builder would pick for so few phrases.
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&self.phrases)
                    .ok()
            })
            .as_ref()
    }

    fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.whole_words(text).collect()
    }

    /// Whether any phrase is in the text as whole words (no list is built).
    fn is_match(&self, text: &str) -> bool {
        self.whole_words(text).next().is_some()
    }

    fn whole_words<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        self.automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_iter(text))
            .filter(move |m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                before.is_none_or(|c| !word(c)) && after.is_none_or(|c| !word(c) && c != '-')
            })
            .map(|m| m.range())
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_key;

    #[test]
    fn keys_normalise_the_same_on_the_stack_and_on_the_heap() {
        for (key, want) in [
            ("**Date:**", "date"),
            ("  Next   Steps\t: ", "next steps"),
            ("__Owner__:", "owner"),
            ("Fecha Límite:", "fecha límite"),
            ("ÜBER  Uns", "über uns"),
            ("Method\u{b}Used", "method used"),
            ("", ""),
        ] {
            assert_eq!(normalize_key(key), want, "{key:?}");
        }
        let long = "Word ".repeat(30);
        assert_eq!(normalize_key(&long), long.trim().to_lowercase());
    }

    #[test]
    fn a_method_prefix_is_the_longest_name_a_text_opens_with() {
        let data = crate::settings::builtin_data()
            .unwrap_or_else(|e| panic!("the built-in data loads: {e}"));
        let f = &data.fields;
        assert_eq!(f.method_prefix("Phone call with Ana"), Some(10));
        assert_eq!(f.method_prefix("PHONE CALL"), Some(10));
        assert_eq!(f.method_prefix("Phone — Ana"), Some(5));
        assert_eq!(f.method_prefix("Telephone call — Zoë"), Some(14));
        assert_eq!(f.method_prefix("Phoneless day"), None);
        assert_eq!(f.method_prefix("Callé"), None);
        assert_eq!(f.method_prefix("Review"), None);
    }

    proptest::proptest! {
        /// The quick path for plain keys gives what the definition gives.
        #[test]
        fn plain_keys_normalise_by_definition(key in "[ aB:*_\t'/&.()é-]{0,12}") {
            let quick = super::with_key(&key, str::to_string);
            let defined = super::with_key_by_definition(&key, str::to_string);
            proptest::prop_assert_eq!(quick, defined);
        }

        /// The quick test for a vague time never rules out a text where one covers all but
        /// `slack` bytes of it, as the entry and task readers and vague-date ask.
        #[test]
        fn the_vague_time_test_loses_no_expression(
            text in "( |  |\t|\\.|:|,|-|é|X|ASAP|asap|Soon|soon|as soon as|next week|Next Week|EOD|end of day|today|by|on|Friday|2024){0,5}",
            slack in 0usize..5,
        ) {
            let data = crate::settings::builtin_data()
                .unwrap_or_else(|e| panic!("the built-in data loads: {e}"));
            let f = &data.fields;
            let len = text.trim().len();
            let covers = f.vague_times(&text).first().is_some_and(|r| r.len() + slack >= len);
            proptest::prop_assert!(!covers || f.may_be_vague_time(&text, slack));
            let whole = text.len() <= f.vague_time.longest()
                && matches!(f.vague_times(&text).as_slice(), [r] if *r == (0..text.len()));
            proptest::prop_assert_eq!(f.is_vague_time(&text), whole);
        }
    }
}
