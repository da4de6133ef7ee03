//! What the report's sections say: client fields, the period, every date, interaction-log
//! entries, tasks, issues and next steps — each value with its byte span in the source.
//! Read from the one-pass [`Document`]; never parses Markdown again.
//!
//! The forms understood are described in `docs/report-format.md`.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::dates::{self, DateContext, DateFormat, DateValue};
use super::{Document, Prose, ProseContext};
use crate::data::fields::{LogColumn, TaskColumn};
use crate::data::{Fields, SectionSet};
use crate::settings::DateOrder;

/// A value and where it is in the source. An empty `text` is a field that is present but
/// empty (a blank table cell, `Owner:` with nothing after it); its span is where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Val {
    pub text: String,
    pub span: Range<usize>,
}

impl Val {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A non-empty value, if any.
pub fn filled(v: &Option<Val>) -> Option<&Val> {
    v.as_ref().filter(|v| !v.is_empty())
}

/// A date mentioned in the report's prose.
#[derive(Debug, Clone)]
pub struct DateRef {
    pub span: Range<usize>,
    pub text: String,
    pub value: DateValue,
    pub format: DateFormat,
    pub inferred_year: bool,
}

impl DateRef {
    pub fn date(&self) -> Option<Date> {
        match self.value {
            DateValue::Date(d) => Some(d),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientField {
    /// The field id from `rules/fields.toml` (`client`, `company`, `primary-contact`).
    pub id: String,
    pub key: Val,
    pub value: Val,
}

/// The reporting period.
#[derive(Debug, Clone, Default)]
pub enum Period {
    /// Stated nowhere.
    #[default]
    Missing,
    /// Stated, but not a real range: what is wrong with it.
    Invalid {
        span: Range<usize>,
        text: String,
        reason: String,
    },
    Valid {
        span: Range<usize>,
        start: Date,
        end: Date,
    },
}

impl Period {
    pub fn range(&self) -> Option<(Date, Date)> {
        match self {
            Period::Valid { start, end, .. } => Some((*start, *end)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryForm {
    Table,
    ListItem,
    SubHeading,
    /// A paragraph that opens with the date.
    Paragraph,
    Sentence,
}

/// One interaction-log entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub form: EntryForm,
    /// The row, the item's first line, the sub-heading or the sentence.
    pub anchor: Range<usize>,
    /// The text given as the date (may be unparseable or vague).
    pub date_text: Option<Val>,
    pub date: Option<DateRef>,
    pub time: Option<Val>,
    pub method: Option<Val>,
    pub participants: Option<Val>,
    pub summary: Option<Val>,
}

impl Entry {
    fn new(form: EntryForm, anchor: Range<usize>) -> Self {
        Entry {
            form,
            anchor,
            date_text: None,
            date: None,
            time: None,
            method: None,
            participants: None,
            summary: None,
        }
    }

    /// How messages name the entry: "interaction on June 12, 2024" or "interaction 'Call'".
    pub fn label(&self) -> String {
        if let Some(d) = &self.date {
            return format!("interaction on {}", d.text.trim());
        }
        match filled(&self.date_text)
            .or(filled(&self.method))
            .or(filled(&self.summary))
        {
            Some(v) => format!("interaction '{}'", excerpt(&v.text)),
            None => "interaction".to_string(),
        }
    }

    /// Where to point when a field is missing: its empty cell or key, else the anchor.
    pub fn missing_span(&self, field: &Option<Val>) -> Range<usize> {
        field
            .as_ref()
            .map_or(self.anchor.clone(), |v| v.span.clone())
    }
}

/// One task in Action Items.
#[derive(Debug, Clone)]
pub struct Task {
    pub anchor: Range<usize>,
    pub text: Option<Val>,
    pub owner: Option<Val>,
    pub deadline: Option<Val>,
    pub deadline_date: Option<DateRef>,
    pub status: Option<Val>,
    /// Checkbox state for task-list items.
    pub checked: Option<bool>,
}

impl Task {
    pub fn label(&self) -> String {
        match filled(&self.text) {
            Some(t) => format!("task '{}'", excerpt(&t.text)),
            None => "task".to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub span: Range<usize>,
    pub text: String,
    /// A resolution, a resolved date or a status is given.
    pub has_resolution: bool,
}

#[derive(Debug, Clone)]
pub struct NextStep {
    pub span: Range<usize>,
    pub text: String,
    /// A date written in the step (with a year, or one the period supplies).
    pub date: Option<DateRef>,
    /// A timeframe such as `within two weeks`, `in Q3`, `next month`.
    pub timeframe: bool,
}

/// Everything the content rules read.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Index into `Document::sections` of each recognised section id, if present.
    pub client_section: Option<usize>,
    pub period_section: Option<usize>,
    pub log_section: Option<usize>,
    pub tasks_section: Option<usize>,
    pub issues_section: Option<usize>,
    pub next_section: Option<usize>,
    pub summary_section: Option<usize>,
    pub client: Vec<ClientField>,
    pub period: Period,
    /// Every date in the report's prose, in order.
    pub dates: Vec<DateRef>,
    pub entries: Vec<Entry>,
    pub tasks: Vec<Task>,
    pub issues: Vec<Issue>,
    pub next_steps: Vec<NextStep>,
    /// Vague time expressions where a record needs a date (entry dates and times, task
    /// deadlines, next steps).
    pub vague: Vec<Val>,
}

impl Content {
    pub fn client_field(&self, id: &str) -> Option<&ClientField> {
        self.client.iter().find(|f| f.id == id)
    }

    /// The first date inside `span`.
    pub fn date_in(&self, span: &Range<usize>) -> Option<&DateRef> {
        let first = self.dates.partition_point(|d| d.span.start < span.start);
        self.dates.get(first).filter(|d| d.span.end <= span.end)
    }
}

/// The first words of a text, for naming it in a message.
pub fn excerpt(text: &str) -> String {
    let t = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('*')
        .trim();
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

static PARTS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[—–|-]\s+|\s*—\s*|\s+\|\s*").unwrap_or_else(|e| panic!("valid: {e}"))
});
static TEMPLATE_ENTRY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*on\s+(?P<date>[^,]+?(?:,\s*\d{4})?)\s*,\s+(?:a|an)\s+(?P<method>.+?)\s+(?:was held|was made|took place|was sent|was conducted|was received|occurred)(?:\s+(?:with|to)\s+(?P<who>.+?))?(?:\s+(?:regarding|about|to discuss|concerning)\s+(?P<what>.+?))?\s*\.?\s*$")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});
static TEMPLATE_TASK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:action item\s*:\s*)?(?P<task>.+?)\s+to be completed by\s+(?P<rest>.+?)\s*\.?\s*$")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});
static DUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<who>.+?),?\s+)?(?:due|by)\s*:?\s+(?P<when>.+)$")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});
static TASK_PAREN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*\(([^()]*\b(?:owner|due|deadline|assignee|responsible|by)\b[^()]*)\)\s*\.?\s*$",
    )
    .unwrap_or_else(|e| panic!("valid: {e}"))
});
static AT_OWNER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(@(?P<who>[^)\n]+)\)").unwrap_or_else(|e| panic!("valid: {e}")));
static TIMEFRAME_RE: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    // ASCII classes (`-u`): the words are English, and it compiles in a third of the time.
    // No literal prefilter: the words it would look for (`in`, `by`, `this`, …) are in most
    // sentences, and extracting them was half the compile time, paid on any report with a
    // next step without a date.
    regex_automata::meta::Builder::new()
        .configure(regex_automata::meta::Config::new().auto_prefilter(false))
        .build(r"(?i-u)\b(?:(?:within|in|by|before|after|during|over|next|this|end of|early|mid|late|the following)\s+(?:the\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|quarters?|years?|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday)|q[1-4](?:\s+\d{4})?|weekly|monthly|quarterly|daily|every\s+\w+)\b")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});
/// A text range of a prose run, trimmed of spaces and emphasis markers, as a source value.
fn val(prose: &Prose, range: Range<usize>) -> Val {
    let raw = prose.text.get(range.clone()).unwrap_or("");
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*')
            .len();
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '*');
    let start = range.start + lead;
    let r = start..start + t.len();
    let span = prose.to_source(r.clone()).unwrap_or_else(|| {
        // Inside markup that is not a verbatim copy: point at the whole run.
        if t.is_empty() {
            prose.span.end..prose.span.end
        } else {
            prose.span.clone()
        }
    });
    Val {
        text: t.to_string(),
        span,
    }
}

/// Lines of a prose run (split at soft and hard breaks), as text ranges.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |l| {
        let r = start..start + l.len();
        start += l.len() + 1;
        r
    })
}

/// `Key: value` in a line: (key range, value range), in the line's coordinates.
fn key_value(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    // `Key: value` where the key is a letter then up to 30 letters, spaces, `'`, `/` or `&`
    // (hand-written: this runs on every line of every list item and paragraph).
    let start = line.len() - line.trim_start().len();
    let colon = start + line[start..].find(':')?;
    let key_end = start + line[start..colon].trim_end().len();
    let key = &line[start..key_end];
    let mut chars = key.chars();
    if !chars.next().is_some_and(char::is_alphabetic) || key.chars().count() > 31 {
        return None;
    }
    if !chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '/' | '&' | ' ')) {
        return None;
    }
    let after = &line[colon + 1..];
    let value_start = colon + 1 + (after.len() - after.trim_start().len());
    if line[value_start..].contains('\n') {
        return None;
    }
    Some((start..key_end, value_start..line.len()))
}

/// Parts of a line separated by `—`, ` – `, ` - ` or `|`.
fn parts(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for m in PARTS_RE.find_iter(line) {
        if m.start() > last {
            out.push(last..m.start());
        }
        last = m.end();
    }
    if last < line.len() {
        out.push(last..line.len());
    }
    out
}

/// The template task sentence `… to be completed by …`, its phrase found by bytes first (most
/// lines do not hold it, and then the pattern is neither searched nor compiled).
fn template_task(text: &str) -> Option<regex::Captures<'_>> {
    if !super::contains_ignore_ascii_case(text, "to be completed by") {
        return None;
    }
    TEMPLATE_TASK_RE.captures(text)
}

fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

struct Cx<'d, 'a> {
    doc: &'d Document<'a>,
    fields: &'d Fields,
    content: Content,
    /// Nested items of each list item (built once: keeps every lookup linear).
    children: Vec<Vec<usize>>,
    /// Every date in each prose run (text ranges and formats), found once by `all_dates`:
    /// entry parts and paragraph openings look here instead of searching their text again.
    run_dates: Vec<Vec<(Range<usize>, DateFormat)>>,
}

/// Whether `at` lies in one of `ranges` (sorted, not overlapping).
fn in_any(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.contains(&at))
}

impl Content {
    pub fn build(
        doc: &Document<'_>,
        set: &SectionSet,
        found: &[super::report::FoundSection],
        fields: &Fields,
        order: Option<DateOrder>,
    ) -> Self {
        let sec = |id: &str| {
            set.find(id)
                .and_then(|k| found.iter().find(|f| f.kind == k))
                .map(|f| f.section)
        };
        let content = Content {
            client_section: sec("client-details"),
            period_section: sec("time-period"),
            log_section: sec("interaction-log"),
            tasks_section: sec("action-items"),
            issues_section: sec("issues-and-resolutions"),
            next_section: sec("next-steps"),
            summary_section: sec("executive-summary"),
            ..Content::default()
        };
        let mut children = vec![Vec::new(); doc.items.len()];
        for (i, item) in doc.items.iter().enumerate() {
            if let Some(slot) = item.parent.and_then(|p| children.get_mut(p)) {
                slot.push(i);
            }
        }
        let mut cx = Cx {
            doc,
            fields,
            content,
            children,
            run_dates: Vec::new(),
        };
        cx.period(order);
        cx.all_dates(order);
        cx.client();
        cx.entries();
        cx.tasks();
        cx.issues();
        cx.next_steps();
        cx.content
    }
}

impl Cx<'_, '_> {
    fn body(&self, section: Option<usize>) -> Option<Range<usize>> {
        section
            .and_then(|s| self.doc.sections.get(s))
            .map(|s| s.body.clone())
    }

    /// Prose runs in a section's body that are not inside one of its sub-sections.
    fn own_prose(&self, section: usize) -> Vec<usize> {
        let Some(s) = self.doc.sections.get(section) else {
            return Vec::new();
        };
        let subs: Vec<Range<usize>> = self
            .doc
            .sections
            .iter()
            .filter(|c| c.parent == Some(section))
            .map(|c| c.span.clone())
            .collect();
        self.doc
            .prose_in(s.body.clone())
            .filter(|(_, p)| !in_any(&subs, p.span.start))
            .map(|(i, _)| i)
            .collect()
    }

    fn period(&mut self, order: Option<DateOrder>) {
        let found = |p: &Prose| {
            dates::parse_period(&p.text, order).map(|r| match r {
                Ok(m) => match p.to_source(m.range.clone()) {
                    Some(span) => Period::Valid {
                        span,
                        start: m.start,
                        end: m.end,
                    },
                    None => Period::Valid {
                        span: p.span.clone(),
                        start: m.start,
                        end: m.end,
                    },
                },
                Err(e) => {
                    let span = p
                        .to_source(e.range.clone())
                        .unwrap_or_else(|| p.span.clone());
                    Period::Invalid {
                        span,
                        text: p.text.get(e.range).unwrap_or("").to_string(),
                        reason: e.reason,
                    }
                }
            })
        };
        if let Some(body) = self.body(self.content.period_section) {
            let runs: Vec<&Prose> = self.doc.prose_in(body).map(|(_, p)| p).collect();
            if let Some(p) = runs.iter().find_map(|p| found(p)) {
                self.content.period = p;
                return;
            }
            // `Start: June 1, 2024` and `End: June 30, 2024` on separate lines.
            let all: Vec<(Range<usize>, dates::DateMatch)> = runs
                .iter()
                .flat_map(|p| {
                    dates::find_dates(
                        &p.text,
                        &DateContext {
                            order,
                            period: None,
                        },
                    )
                    .into_iter()
                    .filter_map(|m| p.to_source(m.range.clone()).map(|s| (s, m)))
                })
                .collect();
            if let [(sa, a), (sb, b)] = all.as_slice()
                && let (Some(start), Some(end)) = (a.date(), b.date())
                && a.format.is_full()
                && b.format.is_full()
            {
                self.content.period = if end < start {
                    Period::Invalid {
                        span: sa.start..sb.end,
                        text: String::new(),
                        reason: "it ends before it starts".into(),
                    }
                } else {
                    Period::Valid {
                        span: sa.start..sb.end,
                        start,
                        end,
                    }
                };
                return;
            }
            if let Some(p) = runs.first() {
                self.content.period = Period::Invalid {
                    span: p.span.clone(),
                    text: p.text.to_string(),
                    reason: "no date range could be read from it".into(),
                };
                return;
            }
        }
        // No Time Period section (or an empty one): the title or the summary may state it.
        let title = self
            .doc
            .headings
            .iter()
            .find(|h| h.level == 1)
            .and_then(|h| h.prose);
        let mut candidates: Vec<usize> = title.into_iter().collect();
        if let Some(body) = self.body(self.content.summary_section) {
            candidates.extend(self.doc.prose_in(body).map(|(i, _)| i));
        }
        for i in candidates {
            if let Some(Period::Valid { span, start, end }) = self.doc.prose.get(i).and_then(found)
            {
                self.content.period = Period::Valid { span, start, end };
                return;
            }
        }
        // A `Reporting Period: June 1–30, 2024` line anywhere (e.g. under the title).
        const KEYS: [&str; 5] = [
            "period",
            "time period",
            "reporting period",
            "period covered",
            "report period",
        ];
        for p in &self.doc.prose {
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                let Some((k, v)) = key_value(l) else { continue };
                if !KEYS.contains(&crate::data::fields::normalize_key(&l[k]).as_str()) {
                    continue;
                }
                let Some(Ok(m)) = dates::parse_period(&l[v.clone()], order) else {
                    continue;
                };
                let at = line.start + v.start;
                if let Some(span) = p.to_source(shift(m.range, at)) {
                    self.content.period = Period::Valid {
                        span,
                        start: m.start,
                        end: m.end,
                    };
                    return;
                }
            }
        }
    }

    fn all_dates(&mut self, order: Option<DateOrder>) {
        let dcx = DateContext {
            order,
            period: self.content.period.range(),
        };
        let mut run_dates = Vec::with_capacity(self.doc.prose.len());
        for p in &self.doc.prose {
            let found = dates::find_dates(&p.text, &dcx);
            run_dates.push(
                found
                    .iter()
                    .map(|m| (m.range.clone(), m.format))
                    .collect::<Vec<_>>(),
            );
            for m in found {
                if !p.is_plain(m.range.clone()) {
                    continue;
                }
                let Some(span) = p.to_source(m.range.clone()) else {
                    continue;
                };
                let text = p.text.get(m.range.clone()).unwrap_or("").to_string();
                self.content.dates.push(DateRef {
                    span,
                    text,
                    value: m.value,
                    format: m.format,
                    inferred_year: m.inferred_year,
                });
            }
        }
        self.content.dates.sort_by_key(|d| d.span.start);
        self.run_dates = run_dates;
    }

    /// The dates lying wholly in `range` of prose run `p`, from the one search per run
    /// (`range`-relative); a search of that text if the run is not the document's.
    fn dates_in(&self, p: &Prose, range: Range<usize>) -> Vec<(Range<usize>, DateFormat)> {
        let first = self
            .doc
            .prose
            .partition_point(|q| q.span.start < p.span.start);
        let cached = self.doc.prose[first..]
            .iter()
            .take_while(|q| q.span.start == p.span.start)
            .position(|q| std::ptr::eq(q, p))
            .and_then(|i| self.run_dates.get(first + i));
        match cached {
            Some(all) => all
                .iter()
                .filter(|(r, _)| r.start >= range.start && r.end <= range.end)
                .map(|(r, f)| (r.start - range.start..r.end - range.start, *f))
                .collect(),
            None => dates::find_dates(p.text.get(range).unwrap_or(""), &DateContext::default())
                .into_iter()
                .map(|m| (m.range, m.format))
                .collect(),
        }
    }

    fn client(&mut self) {
        let Some(section) = self.content.client_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let mut out = Vec::new();
        for (_, p) in self.doc.prose_in(body.clone()) {
            if matches!(
                p.context,
                ProseContext::TableCell { .. } | ProseContext::Heading(_)
            ) {
                continue;
            }
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                let Some((k, v)) = key_value(l) else { continue };
                let Some(id) = self.fields.field(&l[k.clone()]) else {
                    continue;
                };
                let key = val(p, shift(k, line.start));
                let mut value = val(p, shift(v, line.start));
                if value.is_empty() {
                    value.span = key.span.clone();
                }
                out.push(ClientField {
                    id: id.to_string(),
                    key,
                    value,
                });
            }
        }
        for t in self
            .doc
            .tables
            .iter()
            .filter(|t| body.contains(&t.span.start))
        {
            let cell_val = |c: &super::Cell| Val {
                text: c.text.clone(),
                span: c.span.clone(),
            };
            // Header names the fields, first row holds the values.
            if t.header
                .iter()
                .filter(|c| self.fields.field(&c.text).is_some())
                .count()
                >= 2
            {
                for (col, h) in t.header.iter().enumerate() {
                    let (Some(id), Some(row)) = (self.fields.field(&h.text), t.rows.first()) else {
                        continue;
                    };
                    let value = row.get(col).map_or(
                        Val {
                            text: String::new(),
                            span: h.span.clone(),
                        },
                        cell_val,
                    );
                    out.push(ClientField {
                        id: id.to_string(),
                        key: cell_val(h),
                        value,
                    });
                }
                continue;
            }
            // Two columns: field name, value (the header row may itself be a field).
            for row in std::iter::once(&t.header).chain(&t.rows) {
                let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
                    continue;
                };
                if let Some(id) = self.fields.field(&k.text) {
                    out.push(ClientField {
                        id: id.to_string(),
                        key: cell_val(k),
                        value: cell_val(v),
                    });
                }
            }
        }
        self.content.client = out;
    }

    /// Applies one part of an entry line (`June 16, 2024, 10:00`, `Call`, `Participants: …`).
    fn entry_part(&self, e: &mut Entry, p: &Prose, r: Range<usize>, unlabeled: bool) {
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if let Some((k, v)) = key_value(text)
            && let Some(col) = self.fields.log_column(&text[k.clone()])
        {
            return self.entry_field(e, p, shift(k, r.start), shift(v, r.start), col);
        }
        self.entry_unlabeled(e, p, r, unlabeled);
    }

    /// A `Key: value` entry part (ranges in the prose text); an empty value points at its key.
    fn entry_field(
        &self,
        e: &mut Entry,
        p: &Prose,
        k: Range<usize>,
        v: Range<usize>,
        col: LogColumn,
    ) {
        let value = val(p, v);
        let value = if value.is_empty() {
            Val {
                text: String::new(),
                span: val(p, k).span,
            }
        } else {
            value
        };
        self.set_log(e, col, value);
    }

    /// An entry part that is not a `Key: value` field: read by its position and shape.
    fn entry_unlabeled(&self, e: &mut Entry, p: &Prose, r: Range<usize>, unlabeled: bool) {
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if !unlabeled {
            return;
        }
        let v = val(p, r.clone());
        if v.is_empty() {
            return;
        }
        if e.date_text.is_none() && self.is_vague(&v.text) {
            return self.set_log(e, LogColumn::DateTime, v);
        }
        if e.date_text.is_none() && self.content.date_in(&v.span).is_some() {
            // `**June 3, 2024, 10:00** Call with Ana: …` — the date (and a time right after
            // it) is the date part; what follows is read as the next part.
            let date_end = self
                .dates_in(p, r.clone())
                .first()
                .map_or(text.len(), |(d, _)| d.end);
            let end = dates::find_times(text)
                .into_iter()
                .map(|t| t.range)
                .find(|t| {
                    t.start >= date_end
                        && text[date_end..t.start]
                            .trim_matches([',', ' ', '*'])
                            .is_empty()
                })
                .map_or(date_end, |t| t.end);
            let rest = &text[end..];
            let skip = rest.len()
                - rest
                    .trim_start_matches([',', ':', ';', '.', ' ', '*'])
                    .len();
            if end + skip < text.len()
                && rest
                    .trim_start_matches([',', ':', ';', '.', ' ', '*'])
                    .chars()
                    .any(char::is_alphanumeric)
            {
                self.set_log(e, LogColumn::DateTime, val(p, r.start..r.start + end));
                return self.entry_part(e, p, r.start + end + skip..r.end, true);
            }
            return self.set_log(e, LogColumn::DateTime, v);
        }
        if e.time.is_none()
            && dates::find_times(&v.text)
                .first()
                .is_some_and(|t| t.range.len() + 2 >= v.text.len())
        {
            return self.set_log(e, LogColumn::Time, v);
        }
        if e.method.is_none()
            && let Some(len) = self.fields.method_prefix(&v.text)
        {
            let lead = text.len()
                - text
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '*')
                    .len();
            let m = r.start + lead..r.start + lead + len;
            e.method = Some(val(p, m.clone()));
            let rest = p.text.get(m.end..r.end).unwrap_or("");
            if let Some(after) = rest.trim_start().strip_prefix("with ") {
                let at = r.end - after.len();
                let cut = ["regarding ", "about ", "to discuss ", "concerning "]
                    .iter()
                    .filter_map(|w| after.find(&format!(" {w}")).map(|i| (i, w.len() + 1)))
                    .chain(after.find(": ").map(|i| (i, 2)))
                    .min();
                match cut {
                    Some((i, w)) => {
                        e.participants = Some(val(p, at..at + i));
                        if e.summary.is_none() {
                            e.summary = Some(val(p, at + i + w..r.end));
                        }
                    }
                    None => e.participants = Some(val(p, at..r.end)),
                }
            }
            return;
        }
        // A short word or two right after the date, where the method goes, is the method
        // even when it is not a known one (`— Sync —`): `unknown-method` reports it.
        let short = v.text.split_whitespace().count() <= 2
            && !v.text.chars().any(|c| c.is_ascii_digit() || c == '.');
        if e.method.is_none() && e.date_text.is_some() && e.summary.is_none() && short {
            e.method = Some(v);
            return;
        }
        if e.summary.is_none() {
            e.summary = Some(v);
        }
    }

    fn is_vague(&self, text: &str) -> bool {
        self.fields
            .vague_times(text)
            .first()
            .is_some_and(|r| r.len() + 3 >= text.trim().len())
    }

    fn set_log(&self, e: &mut Entry, col: LogColumn, v: Val) {
        match col {
            LogColumn::Date | LogColumn::DateTime => {
                e.date = self.content.date_in(&v.span).cloned();
                if col == LogColumn::DateTime && e.time.is_none() {
                    let src = self.doc.source.get(v.span.clone()).unwrap_or("");
                    if let Some(t) = dates::find_times(src).into_iter().next() {
                        e.time = Some(Val {
                            text: src.get(t.range.clone()).unwrap_or("").to_string(),
                            span: shift(t.range, v.span.start),
                        });
                    }
                }
                e.date_text = Some(v);
            }
            LogColumn::Time => e.time = Some(v),
            LogColumn::Method => e.method = Some(v),
            LogColumn::Participants => e.participants = Some(v),
            LogColumn::Summary => e.summary = Some(v),
        }
    }

    /// Every line of a prose run as entry parts.
    fn entry_lines(&self, e: &mut Entry, p: &Prose, unlabeled: bool) {
        for line in lines(&p.text) {
            let Some(l) = p.text.get(line.clone()) else {
                continue;
            };
            // A whole line `Key: value` is one field even if the value has dashes in it.
            if let Some((k, v)) = key_value(l)
                && let Some(col) = self.fields.log_column(&l[k.clone()])
            {
                self.entry_field(e, p, shift(k, line.start), shift(v, line.start), col);
                continue;
            }
            for part in parts(l) {
                let at = line.start + part.start;
                let keyed = l.get(part.clone()).and_then(|t| {
                    let (k, v) = key_value(t)?;
                    let col = self.fields.log_column(t.get(k.clone())?)?;
                    Some((k, v, col))
                });
                match keyed {
                    // `Summary:` runs to the end of the line, dashes and all.
                    Some((_, _, LogColumn::Summary)) => {
                        self.entry_part(e, p, at..line.end, unlabeled);
                        break;
                    }
                    Some((k, v, col)) => self.entry_field(e, p, shift(k, at), shift(v, at), col),
                    None => self.entry_unlabeled(e, p, shift(part, line.start), unlabeled),
                }
            }
        }
    }

    fn entries(&mut self) {
        let Some(section) = self.content.log_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let doc = self.doc;
        let mut entries: Vec<Entry> = Vec::new();
        // Tables.
        for t in doc.tables.iter().filter(|t| body.contains(&t.span.start)) {
            let cols: Vec<Option<LogColumn>> = t
                .header
                .iter()
                .map(|h| self.fields.log_column(&h.text))
                .collect();
            if cols.iter().flatten().count() < 2 {
                continue;
            }
            for row in &t.rows {
                let (Some(first), Some(last)) = (row.first(), row.last()) else {
                    continue;
                };
                let mut e = Entry::new(
                    EntryForm::Table,
                    first.span.start..last.span.end.max(first.span.start),
                );
                for (cell, col) in row.iter().zip(&cols) {
                    if let Some(col) = col {
                        self.set_log(
                            &mut e,
                            *col,
                            Val {
                                text: cell.text.clone(),
                                span: cell.span.clone(),
                            },
                        );
                    }
                }
                entries.push(e);
            }
        }
        // Sub-headings are entries, except those that only group entries (`### June`
        // over a table or a list of dated items): their items are entries themselves.
        let subs: Vec<usize> = doc
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent == Some(section))
            .filter(|(_, s)| !self.is_group(s))
            .map(|(i, _)| i)
            .collect();
        let sub_spans: Vec<Range<usize>> =
            subs.iter().map(|&s| doc.sections[s].span.clone()).collect();
        let in_sub = |at: usize| in_any(&sub_spans, at);
        // List items: one top-level item per entry; nested items hold `Key: value` fields.
        for (i, item) in doc.items.iter().enumerate() {
            if item.parent.is_some() || !body.contains(&item.span.start) || in_sub(item.span.start)
            {
                continue;
            }
            let first_line = item
                .prose
                .first()
                .and_then(|&p| doc.prose.get(p))
                .map_or(item.span.clone(), |p| p.span.clone());
            let first_prose = item.prose.first().and_then(|&p| doc.prose.get(p));
            if first_prose.is_some_and(|p| self.fields.says_no_issues(&p.text)) {
                continue;
            }
            if let Some(p) = first_prose
                && let Some(e) = self.template_entry(p, lines(&p.text).next().unwrap_or(0..0))
            {
                entries.push(e);
                continue;
            }
            let mut e = Entry::new(EntryForm::ListItem, first_line);
            for &p in &item.prose {
                if let Some(p) = doc.prose.get(p) {
                    self.entry_lines(&mut e, p, true);
                }
            }
            self.children_fields(i, &mut e);
            entries.push(e);
        }
        // Sub-headings: the heading names date and method; the body holds `Key: value` lines.
        for &s in &subs {
            let sec = &doc.sections[s];
            let Some(h) = doc.headings.get(sec.heading) else {
                continue;
            };
            let mut e = Entry::new(EntryForm::SubHeading, h.span.clone());
            if let Some(p) = h.prose.and_then(|p| doc.prose.get(p)) {
                self.entry_lines(&mut e, p, true);
            }
            let mut summary_lines = Vec::new();
            for (_, p) in doc.prose_in(sec.body.clone()) {
                if matches!(p.context, ProseContext::Heading(_)) {
                    continue;
                }
                let before = e.summary.clone();
                self.entry_lines(&mut e, p, false);
                if before == e.summary
                    && p.text.lines().all(|l| {
                        key_value(l).is_none_or(|(k, _)| self.fields.log_column(&l[k]).is_none())
                    })
                {
                    summary_lines.push(p);
                }
            }
            if e.summary.is_none()
                && let Some(p) = summary_lines.first()
            {
                e.summary = Some(val(p, 0..p.text.len()));
            }
            entries.push(e);
        }
        // The template sentence: "On June 16, 2024, a meeting was held with … regarding …".
        for i in self.own_prose(section) {
            let Some(p) = doc.prose.get(i) else { continue };
            if p.context != ProseContext::Paragraph {
                continue;
            }
            // A paragraph per entry: `**June 16, 2024** — Call — Participants: …`, possibly
            // with `Key: value` lines below the first.
            let first_line = lines(&p.text).next().unwrap_or(0..0);
            let opens_with_date = p.text.get(first_line.clone()).is_some_and(|l| {
                let lead = l.len()
                    - l.trim_start_matches(|c: char| c.is_whitespace() || c == '*')
                        .len();
                self.dates_in(p, first_line.clone())
                    .first()
                    .is_some_and(|(d, f)| d.start == lead && *f != DateFormat::MonthYear)
            });
            if opens_with_date {
                let mut e = Entry::new(EntryForm::Paragraph, val(p, first_line).span);
                self.entry_lines(&mut e, p, true);
                entries.push(e);
                continue;
            }
            for line in lines(&p.text) {
                if let Some(e) = self.template_entry(p, line) {
                    entries.push(e);
                }
            }
        }
        entries.sort_by_key(|e| e.anchor.start);
        for e in &entries {
            for v in [&e.date_text, &e.time].into_iter().flatten() {
                self.collect_vague(v);
            }
        }
        self.content.entries = entries;
    }

    /// The template sentence "On June 16, 2024, a meeting was held with … regarding …".
    fn template_entry(&self, p: &Prose, line: Range<usize>) -> Option<Entry> {
        // The sentence starts with "On" and a space: most lines are ruled out by that.
        let l = p.text.get(line.clone())?;
        let opening = l.trim_start().as_bytes();
        if !(opening.len() > 2
            && opening[..2].eq_ignore_ascii_case(b"on")
            && l.trim_start()[2..].starts_with(char::is_whitespace))
        {
            return None;
        }
        let caps = TEMPLATE_ENTRY_RE.captures(l)?;
        let mut e = Entry::new(EntryForm::Sentence, val(p, line.clone()).span);
        let g = |n: &str| caps.name(n).map(|m| shift(m.range(), line.start));
        if let Some(r) = g("date") {
            self.set_log(&mut e, LogColumn::DateTime, val(p, r));
        }
        if let Some(r) = g("method") {
            e.method = Some(val(p, r));
        }
        e.participants = g("who").map(|r| val(p, r));
        e.summary = g("what").map(|r| val(p, r));
        Some(e)
    }

    /// `Key: value` lines in an item's nested items.
    fn children_fields(&self, item: usize, e: &mut Entry) {
        for child in self
            .children
            .get(item)
            .into_iter()
            .flatten()
            .filter_map(|&c| self.doc.items.get(c))
        {
            for &p in &child.prose {
                if let Some(p) = self.doc.prose.get(p) {
                    let before = e.summary.is_some();
                    self.entry_lines(e, p, false);
                    if !before && e.summary.is_none() && key_value(&p.text).is_none() {
                        e.summary = Some(val(p, 0..p.text.len()));
                    }
                }
            }
        }
    }

    fn collect_vague(&mut self, v: &Val) {
        let src = self.doc.source.get(v.span.clone()).unwrap_or("");
        for r in self.fields.vague_times(src) {
            self.content.vague.push(Val {
                text: src.get(r.clone()).unwrap_or("").to_string(),
                span: shift(r, v.span.start),
            });
        }
    }

    fn set_task(&self, t: &mut Task, col: TaskColumn, v: Val) {
        match col {
            TaskColumn::Task => t.text = Some(v),
            TaskColumn::Owner => t.owner = Some(v),
            TaskColumn::Deadline => {
                t.deadline_date = self.content.date_in(&v.span).cloned();
                t.deadline = Some(v);
            }
            TaskColumn::Status => t.status = Some(v),
        }
    }

    /// One part of a task line.
    fn task_part(&self, t: &mut Task, p: &Prose, r: Range<usize>, first: bool) {
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if let Some(caps) = template_task(text) {
            return self.task_template(t, p, &caps, r.start);
        }
        if let Some((k, v)) = key_value(text) {
            let key = &text[k.clone()];
            let col = self.fields.task_column(key).or_else(|| {
                key.trim()
                    .eq_ignore_ascii_case("by")
                    .then_some(TaskColumn::Deadline)
            });
            if let Some(col) = col.filter(|c| !first || *c != TaskColumn::Task) {
                let key = val(p, shift(k, r.start));
                let value = val(p, shift(v, r.start));
                let value = if value.is_empty() {
                    Val {
                        text: String::new(),
                        span: key.span.clone(),
                    }
                } else {
                    value
                };
                return self.set_task(t, col, value);
            }
        }
        let mut r = r;
        if text.contains("(@")
            && let Some(caps) = AT_OWNER_RE.captures(text)
        {
            if let Some(m) = caps.name("who") {
                t.owner = Some(val(p, shift(m.range(), r.start)));
            }
            if let Some(whole) = caps.get(0) {
                r = r.start..r.start + whole.start();
            }
        }
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if first || t.text.is_none() {
            if !text.trim().is_empty() {
                t.text = Some(val(p, r));
            }
            return;
        }
        if (super::contains_ignore_ascii_case(text, "due")
            || super::contains_ignore_ascii_case(text, "by"))
            && let Some(caps) = DUE_RE.captures(text.trim())
        {
            let lead = text.len() - text.trim_start().len();
            if let Some(who) = caps.name("who") {
                t.owner
                    .get_or_insert_with(|| val(p, shift(who.range(), r.start + lead)));
            }
            if let Some(when) = caps.name("when") {
                let v = val(p, shift(when.range(), r.start + lead));
                self.set_task(t, TaskColumn::Deadline, v);
            }
            return;
        }
        let v = val(p, r);
        if v.is_empty() {
            return;
        }
        if t.deadline.is_none()
            && (self.content.date_in(&v.span).is_some() || self.is_vague(&v.text))
        {
            self.set_task(t, TaskColumn::Deadline, v);
        } else if t.owner.is_none() {
            t.owner = Some(v);
        }
    }

    fn task_template(&self, t: &mut Task, p: &Prose, caps: &regex::Captures<'_>, base: usize) {
        if let Some(m) = caps.name("task") {
            t.text = Some(val(p, shift(m.range(), base)));
        }
        let Some(rest) = caps.name("rest") else {
            return;
        };
        let rest_text = rest.as_str();
        let rest_at = base + rest.start();
        match rest_text.rfind(" by ") {
            Some(i) => {
                t.owner = Some(val(p, rest_at..rest_at + i));
                let v = val(p, rest_at + i + 4..rest_at + rest_text.len());
                self.set_task(t, TaskColumn::Deadline, v);
            }
            None => {
                let v = val(p, rest_at..rest_at + rest_text.len());
                if self.content.date_in(&v.span).is_some() || self.is_vague(&v.text) {
                    self.set_task(t, TaskColumn::Deadline, v);
                } else {
                    t.owner = Some(v);
                }
            }
        }
    }

    fn task_lines(&self, t: &mut Task, p: &Prose, first_line_is_task: bool) {
        for (n, line) in lines(&p.text).enumerate() {
            let Some(l) = p.text.get(line.clone()) else {
                continue;
            };
            if template_task(l).is_some() {
                self.task_part(t, p, line, true);
                continue;
            }
            // `Share the runbook (Owner: Raj Patel, due July 5, 2024)`: the parenthesis
            // holds the task's parts, separated by commas or semicolons.
            let paren = l.contains(')').then(|| TASK_PAREN_RE.captures(l)).flatten();
            let (main, extra) = match paren.and_then(|c| c.get(1).zip(c.get(0))) {
                Some((inner, whole)) => (0..whole.start(), Some(inner.range())),
                None => (0..l.len(), None),
            };
            let main_text = l.get(main.clone()).unwrap_or("");
            for (i, part) in parts(main_text).into_iter().enumerate() {
                self.task_part(
                    t,
                    p,
                    shift(part, line.start),
                    first_line_is_task && n == 0 && i == 0,
                );
            }
            if let Some(inner) = extra {
                let inner_text = l.get(inner.clone()).unwrap_or("");
                let mut start = 0;
                for piece in inner_text.split([',', ';']) {
                    let r = line.start + inner.start + start
                        ..line.start + inner.start + start + piece.len();
                    start += piece.len() + 1;
                    // `due July 5, 2024` was split at its comma: keep the year with the date.
                    if piece.trim().chars().all(|c| c.is_ascii_digit()) && !piece.trim().is_empty()
                    {
                        continue;
                    }
                    let r = match inner_text.get(start..).and_then(|rest| {
                        let digits = rest.trim_start();
                        digits
                            .get(..4)
                            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
                            .then(|| rest.len() - digits.len() + 4)
                    }) {
                        Some(year_len) => r.start..r.end + 1 + year_len,
                        None => r,
                    };
                    self.task_part(t, p, r, false);
                }
            }
        }
    }

    fn tasks(&mut self) {
        let Some(section) = self.content.tasks_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let doc = self.doc;
        let mut tasks = Vec::new();
        for t in doc.tables.iter().filter(|t| body.contains(&t.span.start)) {
            let cols: Vec<Option<TaskColumn>> = t
                .header
                .iter()
                .map(|h| self.fields.task_column(&h.text))
                .collect();
            if cols.iter().flatten().count() < 2 {
                continue;
            }
            for row in &t.rows {
                let (Some(first), Some(last)) = (row.first(), row.last()) else {
                    continue;
                };
                let mut task = Task {
                    anchor: first.span.start..last.span.end.max(first.span.start),
                    text: None,
                    owner: None,
                    deadline: None,
                    deadline_date: None,
                    status: None,
                    checked: None,
                };
                for (cell, col) in row.iter().zip(&cols) {
                    if let Some(col) = col {
                        self.set_task(
                            &mut task,
                            *col,
                            Val {
                                text: cell.text.clone(),
                                span: cell.span.clone(),
                            },
                        );
                    }
                }
                tasks.push(task);
            }
        }
        for (i, item) in doc.items.iter().enumerate() {
            if item.parent.is_some() || !body.contains(&item.span.start) {
                continue;
            }
            let first_line = item
                .prose
                .first()
                .and_then(|&p| doc.prose.get(p))
                .map_or(item.span.clone(), |p| p.span.clone());
            let mut task = Task {
                anchor: first_line,
                text: None,
                owner: None,
                deadline: None,
                deadline_date: None,
                status: None,
                checked: item.task,
            };
            for &p in &item.prose {
                if let Some(p) = doc.prose.get(p) {
                    self.task_lines(&mut task, p, true);
                }
            }
            for child in self
                .children
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&c| doc.items.get(c))
            {
                for &p in &child.prose {
                    if let Some(p) = doc.prose.get(p) {
                        self.task_lines(&mut task, p, false);
                    }
                }
            }
            if !filled(&task.text).is_some_and(|t| self.fields.says_no_issues(&t.text)) {
                tasks.push(task);
            }
        }
        for (_, p) in doc.prose_in(body) {
            if p.context != ProseContext::Paragraph {
                continue;
            }
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                if template_task(l).is_none()
                    && !l.trim_start().to_lowercase().starts_with("action item:")
                {
                    continue;
                }
                let mut task = Task {
                    anchor: val(p, line.clone()).span,
                    text: None,
                    owner: None,
                    deadline: None,
                    deadline_date: None,
                    status: None,
                    checked: None,
                };
                self.task_part(&mut task, p, line, true);
                tasks.push(task);
            }
        }
        tasks.sort_by_key(|t| t.anchor.start);
        for t in &tasks {
            if let Some(d) = &t.deadline {
                self.collect_vague(d);
            }
        }
        self.content.tasks = tasks;
    }

    /// Top-level items (with their nested items' text) and, when there are none, paragraphs.
    fn records(&self, section: usize) -> Vec<(Range<usize>, String)> {
        let Some(body) = self.body(Some(section)) else {
            return Vec::new();
        };
        let doc = self.doc;
        let mut out = Vec::new();
        // A sub-heading per record: the heading and everything under it are one record.
        let subs: Vec<&super::Section> = doc
            .sections
            .iter()
            .filter(|s| s.parent == Some(section))
            .collect();
        for sub in &subs {
            let Some(h) = doc.headings.get(sub.heading) else {
                continue;
            };
            let mut text = h.text.clone();
            for (_, p) in doc.prose_in(sub.body.clone()) {
                text.push('\n');
                text.push_str(&p.text);
            }
            out.push((h.span.clone(), text));
        }
        let sub_spans: Vec<Range<usize>> = subs.iter().map(|s| s.span.clone()).collect();
        let mut items = 0;
        for (i, item) in doc.items.iter().enumerate() {
            if item.parent.is_some()
                || !body.contains(&item.span.start)
                || in_any(&sub_spans, item.span.start)
            {
                continue;
            }
            items += 1;
            let mut text = doc.item_text(i);
            let mut span = item
                .prose
                .first()
                .and_then(|&p| doc.prose.get(p))
                .map_or(item.span.clone(), |p| p.span.clone());
            for &c in self.children.get(i).into_iter().flatten() {
                text.push('\n');
                text.push_str(&doc.item_text(c));
            }
            if let Some(&last) = item.prose.last()
                && let Some(p) = doc.prose.get(last)
            {
                span.end = span.end.max(p.span.end);
            }
            out.push((span, text));
        }
        if items == 0 {
            for i in self.own_prose(section) {
                let Some(p) = doc.prose.get(i) else { continue };
                if p.context != ProseContext::Paragraph || p.text.trim_end().ends_with(':') {
                    continue;
                }
                out.push((p.span.clone(), p.text.to_string()));
            }
        }
        out.sort_by_key(|r| r.0.start);
        out
    }

    /// Whether a sub-section of the Interaction Log only groups entries: its heading holds
    /// no date, and its body is a table or a list whose first item is not a `Key: value` field.
    fn is_group(&self, sub: &super::Section) -> bool {
        let doc = self.doc;
        let Some(h) = doc.headings.get(sub.heading) else {
            return false;
        };
        if self.content.date_in(&h.span).is_some() {
            return false;
        }
        let mut blocks = doc.blocks_in(sub.body.clone()).filter(|b| b.depth == 0);
        blocks.any(|b| match b.kind {
            super::BlockKind::Table => true,
            super::BlockKind::List => {
                let first = doc.items.partition_point(|i| i.span.start < b.span.start);
                let text = doc
                    .items
                    .get(first)
                    .map(|_| doc.item_text(first))
                    .unwrap_or_default();
                key_value(&text).is_none_or(|(k, _)| self.fields.log_column(&text[k]).is_none())
            }
            _ => false,
        })
    }

    fn issues(&mut self) {
        let Some(section) = self.content.issues_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let mut issues = Vec::new();
        for t in self
            .doc
            .tables
            .iter()
            .filter(|t| body.contains(&t.span.start))
        {
            let res_cols: Vec<usize> = t
                .header
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    self.fields.has_status_word(&h.text)
                        || h.text.to_lowercase().contains("outcome")
                })
                .map(|(i, _)| i)
                .collect();
            for row in &t.rows {
                let Some(first) = row.first() else { continue };
                if self.fields.says_no_issues(&first.text) {
                    continue;
                }
                let has = res_cols
                    .iter()
                    .any(|&c| row.get(c).is_some_and(|c| !c.text.trim().is_empty()))
                    || row
                        .iter()
                        .skip(1)
                        .any(|c| self.fields.has_status_word(&c.text));
                issues.push(Issue {
                    span: first.span.clone(),
                    text: first.text.clone(),
                    has_resolution: has,
                });
            }
        }
        for (span, text) in self.records(section) {
            if self.fields.says_no_issues(&text) {
                continue;
            }
            let has = self.fields.has_status_word(&text);
            issues.push(Issue {
                span,
                text,
                has_resolution: has,
            });
        }
        issues.sort_by_key(|i| i.span.start);
        self.content.issues = issues;
    }

    fn next_steps(&mut self) {
        let Some(section) = self.content.next_section else {
            return;
        };
        let mut steps = Vec::new();
        for (span, text) in self.records(section) {
            if self.fields.says_no_issues(&text) {
                continue;
            }
            let date = self
                .content
                .date_in(&span)
                .filter(|d| d.date().is_some())
                .cloned();
            let vague = !self.fields.vague_times(&text).is_empty();
            let timeframe = vague || TIMEFRAME_RE.is_match(&text);
            if vague {
                self.collect_vague(&Val {
                    text: text.clone(),
                    span: span.clone(),
                });
            }
            steps.push(NextStep {
                span,
                text,
                date,
                timeframe,
            });
        }
        self.content.next_steps = steps;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn content(src: &str) -> Content {
        let settings = Settings::default();
        let doc = Document::parse(src);
        let report = super::super::Report::build_with(&doc, &settings);
        report.content
    }

    fn s<'a>(src: &'a str, v: &Option<Val>) -> &'a str {
        v.as_ref().map_or("<none>", |v| &src[v.span.clone()])
    }

    #[test]
    fn list_entries_with_inline_parts_and_sub_items() {
        let src = "## Time Period\n\nJune 2024\n\n## Interaction Log\n\n- **June 3, 2024, 10:00** — Phone call — Participants: Zoë, Sam — Summary: Pricing.\n- **June 12** — Meeting\n  - Participants: Ana\n  - Summary: Tiers.\n- June 14, 2024 — Call with Jürgen Weiß regarding the renewal\n";
        let c = content(src);
        assert_eq!(c.entries.len(), 3);
        let e = &c.entries[0];
        assert_eq!(
            e.date.as_ref().and_then(DateRef::date),
            Some(jiff::civil::date(2024, 6, 3))
        );
        assert_eq!(s(src, &e.time), "10:00");
        assert_eq!(s(src, &e.method), "Phone call");
        assert_eq!(s(src, &e.participants), "Zoë, Sam");
        assert_eq!(s(src, &e.summary), "Pricing.");
        let e = &c.entries[1];
        assert_eq!(
            e.date.as_ref().and_then(DateRef::date),
            Some(jiff::civil::date(2024, 6, 12))
        );
        assert!(e.time.is_none());
        assert_eq!(s(src, &e.participants), "Ana");
        let e = &c.entries[2];
        assert_eq!(s(src, &e.method), "Call");
        assert_eq!(s(src, &e.participants), "Jürgen Weiß");
        assert_eq!(s(src, &e.summary), "the renewal");
    }

    #[test]
    fn table_subheading_and_sentence_entries() {
        let src = "## Period\n\n2024-06-01 to 2024-06-30\n\n## Interaction Log\n\nOn June 2, 2024, a meeting was held with Jane Doe regarding the plan.\n\n| Date | Attendees | Notes |\n| --- | --- | --- |\n| June 4, 2024 |  | Kickoff |\n\n### June 16, 2024 — Video call\n\nTime: 16:00 CET\nParticipants: Zoë\n\nWe agreed the plan.\n";
        let c = content(src);
        assert!(matches!(c.period, Period::Valid { .. }));
        assert_eq!(c.entries.len(), 3);
        let e = &c.entries[0];
        assert_eq!(e.form, EntryForm::Sentence);
        assert_eq!(s(src, &e.method), "meeting");
        assert_eq!(s(src, &e.participants), "Jane Doe");
        assert_eq!(s(src, &e.summary), "the plan");
        let e = &c.entries[1];
        assert_eq!(e.form, EntryForm::Table);
        assert!(e.participants.as_ref().is_some_and(Val::is_empty));
        assert!(e.method.is_none());
        let e = &c.entries[2];
        assert_eq!(e.form, EntryForm::SubHeading);
        assert_eq!(s(src, &e.method), "Video call");
        assert_eq!(s(src, &e.time), "16:00 CET");
        assert_eq!(s(src, &e.summary), "We agreed the plan.");
    }

    #[test]
    fn tasks_in_every_form() {
        let src = "## Time Period\n\nJune 2024\n\n## Action Items\n\nAction Item: Confirm the tiers to be completed by Ana Sousa by July 5, 2024.\n\n- [ ] Prepare the amendment — Owner: Sam Lee — Due: July 8, 2024\n- [x] Send the proposal (@Jane Doe) — due June 20\n- [ ] Book the room — Jane Doe, due June 21\n- [ ] Call back\n\n| Task | Assignee | Due date | Status |\n| --- | --- | --- | --- |\n| Ship it | We | June 28, 2024 | Done |\n";
        let c = content(src);
        assert_eq!(c.tasks.len(), 6);
        let t = &c.tasks[0];
        assert_eq!(s(src, &t.text), "Confirm the tiers");
        assert_eq!(s(src, &t.owner), "Ana Sousa");
        assert_eq!(s(src, &t.deadline), "July 5, 2024");
        let t = &c.tasks[1];
        assert_eq!(
            (s(src, &t.owner), s(src, &t.deadline)),
            ("Sam Lee", "July 8, 2024")
        );
        let t = &c.tasks[2];
        assert_eq!(
            (s(src, &t.owner), s(src, &t.deadline)),
            ("Jane Doe", "June 20")
        );
        assert_eq!(t.checked, Some(true));
        assert_eq!(
            t.deadline_date.as_ref().and_then(DateRef::date),
            Some(jiff::civil::date(2024, 6, 20))
        );
        let t = &c.tasks[3];
        assert_eq!(
            (s(src, &t.owner), s(src, &t.deadline)),
            ("Jane Doe", "June 21")
        );
        let t = &c.tasks[4];
        assert!(t.owner.is_none() && t.deadline.is_none());
        let t = &c.tasks[5];
        assert_eq!((s(src, &t.owner), s(src, &t.status)), ("We", "Done"));
    }

    #[test]
    fn client_issues_and_next_steps() {
        let src = "## Client Details\n\n- **Client:** Fabrikam\n- **Organisation:** Fabrikam GmbH\n\nMain Contact:\n\n## Issues\n\n- Late delivery notes. Resolution: sent with each shipment.\n- Broken portal login.\n\n## Next Steps\n\n- Meet on July 9, 2024.\n- Review the pricing within two weeks.\n- Ask about the budget.\n";
        let c = content(src);
        let f = |id: &str| c.client_field(id).map(|f| f.value.text.clone());
        assert_eq!(f("client").as_deref(), Some("Fabrikam"));
        assert_eq!(f("company").as_deref(), Some("Fabrikam GmbH"));
        assert_eq!(f("primary-contact").as_deref(), Some(""));
        assert_eq!(
            c.issues
                .iter()
                .map(|i| i.has_resolution)
                .collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(
            c.next_steps
                .iter()
                .map(|n| (n.date.is_some(), n.timeframe))
                .collect::<Vec<_>>(),
            [(true, false), (false, true), (false, false)]
        );
    }

    #[test]
    fn grouping_sub_headings_and_issue_sub_sections() {
        let src = "## Time Period\n\nJune 2024\n\n## Interaction Log\n\n### Week 1\n\n- June 3, 2024 — Call — Participants: Ana — Summary: Kickoff.\n- June 4, 2024 — Email — Participants: Ana — Summary: Notes.\n\n### Kickoff meeting\n\n- Date: June 5, 2024\n- Participants: Ana\n\n## Issues and Resolutions\n\n### Late invoices\n\nThe May invoice arrived late.\n\nResolution: sent again on June 4, 2024.\n\n### Portal login\n\nThe client cannot log in.\n";
        let c = content(src);
        assert_eq!(c.entries.len(), 3, "{:#?}", c.entries);
        assert_eq!(
            c.entries.iter().map(|e| e.form).collect::<Vec<_>>(),
            [
                EntryForm::ListItem,
                EntryForm::ListItem,
                EntryForm::SubHeading
            ]
        );
        assert_eq!(s(src, &c.entries[2].date_text), "June 5, 2024");
        assert_eq!(c.issues.len(), 2);
        assert_eq!(
            c.issues
                .iter()
                .map(|i| i.has_resolution)
                .collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(&src[c.issues[1].span.clone()], "### Portal login");
    }

    #[test]
    fn an_empty_field_points_at_its_key() {
        let src = "## Action Items\n\n- [ ] Send it — Owner: — Due: July 1, 2024\n";
        let c = content(src);
        let owner = c.tasks[0].owner.as_ref().expect("an owner key");
        assert!(owner.is_empty());
        assert_eq!(&src[owner.span.clone()], "Owner");
    }

    #[test]
    fn a_date_part_followed_by_text_and_a_summary_with_dashes() {
        let src = "## Time Period\n\nJune 2024\n\n## Interaction Log\n\n- **June 3, 2024, 10:00** Call with Ana Sousa: pricing review.\n- June 4, 2024 — Email — Participants: Ana — Summary: The client - after review - agreed.\n";
        let c = content(src);
        let e = &c.entries[0];
        assert_eq!(s(src, &e.date_text), "June 3, 2024, 10:00");
        assert_eq!(s(src, &e.time), "10:00");
        assert_eq!(s(src, &e.method), "Call");
        assert_eq!(s(src, &e.participants), "Ana Sousa");
        assert_eq!(s(src, &e.summary), "pricing review.");
        assert_eq!(
            s(src, &c.entries[1].summary),
            "The client - after review - agreed."
        );
    }

    #[test]
    fn task_parts_in_a_parenthesis() {
        let src = "## Action Items\n\n1. Share the runbook (Owner: Raj Patel, due July 5, 2024)\n2. Book the room (Ana Sousa; due 8 July 2024).\n";
        let c = content(src);
        let t = &c.tasks[0];
        assert_eq!(
            (s(src, &t.text), s(src, &t.owner), s(src, &t.deadline)),
            ("Share the runbook", "Raj Patel", "July 5, 2024")
        );
        let t = &c.tasks[1];
        assert_eq!(
            (s(src, &t.text), s(src, &t.owner), s(src, &t.deadline)),
            ("Book the room", "Ana Sousa", "8 July 2024")
        );
    }

    #[test]
    fn a_paragraph_per_entry() {
        let src = "## Interaction Log\n\nJune 2024 saw two contacts.\n\n**June 3, 2024, 10:00** — Call — Participants: Ana — Summary: Kickoff.\n\nJune 5, 2024 — Email\nParticipants: Ana\nSummary: Notes.\n";
        let c = content(src);
        assert_eq!(c.entries.len(), 2);
        assert!(c.entries.iter().all(|e| e.form == EntryForm::Paragraph));
        assert_eq!(s(src, &c.entries[0].summary), "Kickoff.");
        assert_eq!(s(src, &c.entries[1].participants), "Ana");
        assert_eq!(s(src, &c.entries[1].method), "Email");
    }

    #[test]
    fn template_sentences_as_list_items() {
        let src = "## Interaction Log\n\n- On June 16, 2024, a meeting was held with Jane Doe regarding the renewal.\n";
        let c = content(src);
        let e = &c.entries[0];
        assert_eq!(e.form, EntryForm::Sentence);
        assert_eq!(
            (
                s(src, &e.method),
                s(src, &e.participants),
                s(src, &e.summary)
            ),
            ("meeting", "Jane Doe", "the renewal")
        );
    }

    #[test]
    fn template_sentence_sent_to() {
        let src = "## Interaction Log\n\nOn June 18, 2024, an email was sent to Jane Doe about the invoice.\n";
        let e = &content(src).entries[0];
        assert_eq!(
            (
                s(src, &e.method),
                s(src, &e.participants),
                s(src, &e.summary)
            ),
            ("email", "Jane Doe", "the invoice")
        );
    }

    #[test]
    fn a_period_line_under_the_title() {
        let src = "# Report\n\n**Reporting Period:** 1–30 June 2024\n\n## Interaction Log\n\n- June 3 — Call — Participants: Ana — Summary: x\n";
        let c = content(src);
        let Period::Valid { span, start, .. } = &c.period else {
            panic!("{:?}", c.period)
        };
        assert_eq!(&src[span.clone()], "1–30 June 2024");
        assert_eq!(*start, jiff::civil::date(2024, 6, 1));
        assert_eq!(
            c.entries[0].date.as_ref().and_then(DateRef::date),
            Some(jiff::civil::date(2024, 6, 3))
        );
    }

    #[test]
    fn none_is_not_an_item() {
        let src = "## Interaction Log\n\n- No interactions this period.\n\n## Action Items\n\n- None at this time.\n\n## Next Steps\n\n- None.\n";
        let c = content(src);
        assert!(
            c.entries.is_empty() && c.tasks.is_empty() && c.next_steps.is_empty(),
            "{c:#?}"
        );
    }
}
