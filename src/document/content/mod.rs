//! What the report's sections say: client fields, the period, every date, interaction-log
//! entries, tasks, issues and next steps — each value with its byte span in the source.
//! Read from the one-pass [`Document`]; never parses Markdown again.
//!
//! A reader per section (`period`, `client`, `entries`, `tasks`, `issues`, `next_steps`)
//! over a small toolkit of values, lines, `Key: value` fields and parts (`toolkit`), cue
//! words (`cues`), and what a task takes from around it (`task_context`).
//! The forms understood are described in `docs/report-format.md`.

mod client;
mod cues;
mod date_order;
mod entries;
mod issues;
mod next_steps;
mod period;
mod task_context;
mod tasks;
mod toolkit;

use std::ops::Range;

use jiff::civil::Date;

use super::bytes::ByteSet;
use super::dates::{self, DateContext, DateFormat, DateValue};
use super::{Document, Prose, ProseContext};
use crate::data::{Fields, Placeholders, SectionSet};
use crate::settings::DateOrder;
use toolkit::{in_any, shift};

/// A value and where it is in the source. An empty `text` is a field that is present but
/// empty (a blank table cell, `Owner:` with nothing after it); its span is where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Val {
    pub text: String,
    pub span: Range<usize>,
}

impl Val {
    /// Nothing written, or only punctuation standing in for nothing (`Due: -`, `—`, `?`).
    pub fn is_empty(&self) -> bool {
        !self.text.chars().any(crate::chars::is_alphanumeric)
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
        source: PeriodSource,
    },
}

/// Where a valid period comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodSource {
    /// Stated as a period: a range, a month, a quarter.
    Stated,
    /// The single date of a record of one day (minutes, an incident report).
    RecordDate,
    /// The span of a log whose sections each state a range (`## Sprint 1/9 - 1/20/2022`).
    Sections,
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
    pub(super) fn new(form: EntryForm, anchor: Range<usize>) -> Self {
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
    /// Whether the task is done (`[x]`, `Status: Done`, a `— Completed` part): a done task
    /// is not asked for an owner or a deadline.
    pub fn is_closed(&self, fields: &crate::data::Fields) -> bool {
        self.checked == Some(true)
            || filled(&self.status).is_some_and(|s| fields.is_closed_status(&s.text))
    }

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
    /// Tables in the Interaction Log or Action Items whose columns could not be read.
    pub unreadable_tables: Vec<UnreadableTable>,
}

/// A table whose columns name too little of what its section needs.
#[derive(Debug, Clone)]
pub struct UnreadableTable {
    /// Index into `Document::tables`.
    pub table: usize,
    /// The header row's span.
    pub header: Range<usize>,
    /// The section it is in, by name.
    pub section: &'static str,
    /// What columns it needs, in words.
    pub needs: &'static str,
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

struct Cx<'d, 'a> {
    doc: &'d Document<'a>,
    fields: &'d Fields,
    placeholders: &'d Placeholders,
    content: Content,
    /// Nested items of each list item (built once: keeps every lookup linear).
    children: Vec<Vec<usize>>,
    /// Every date in each prose run (text ranges and formats), found once by `all_dates`:
    /// entry parts and paragraph openings look here instead of searching their text again.
    run_dates: Vec<Vec<(Range<usize>, DateFormat)>>,
    /// The document sections of each recognised section id, in order (every occurrence:
    /// a group of per-project sub-sections, a duplicate).
    kinds: Vec<(String, Vec<usize>)>,
    /// The document is the record of one contact (minutes, call notes): its discussion is
    /// not a list of entries.
    one_contact: bool,
}

/// What the report view knows of its sections before reading them.
pub struct Sections<'f> {
    pub set: &'f SectionSet,
    /// Recognised sections (see [`super::report::Report::sections`]).
    pub found: &'f [super::report::FoundSection],
    /// Sections the whole document is (see [`super::report::Report::whole`]).
    pub whole: &'f [usize],
}

impl Content {
    pub fn build(
        doc: &Document<'_>,
        sections: &Sections<'_>,
        fields: &Fields,
        placeholders: &Placeholders,
        order: Option<DateOrder>,
    ) -> Self {
        let order = order.or_else(|| date_order::settled(doc));
        let mut cx = Cx::new(doc, sections, fields, placeholders);
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

/// More words than this make a paragraph narrative rather than one record.
const NARRATIVE_WORDS: usize = 25;

/// `Calendar: https://calendar.example.org`: a label and a link, no record.
fn is_labelled_link(text: &str) -> bool {
    let t = text.trim();
    let rest = t.split_once(':').map_or(t, |(k, v)| {
        if k.split_whitespace().count() <= 3 {
            v
        } else {
            t
        }
    });
    let rest = rest.trim();
    rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")
}

impl<'d, 'a> Cx<'d, 'a> {
    fn new(
        doc: &'d Document<'a>,
        sections: &Sections<'_>,
        fields: &'d Fields,
        placeholders: &'d Placeholders,
    ) -> Self {
        let (set, found) = (sections.set, sections.found);
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
        let mut kinds: Vec<(String, Vec<usize>)> = Vec::new();
        for f in found {
            let id = &set.sections[f.kind].id;
            match kinds.iter_mut().find(|(k, _)| k == id) {
                Some((_, v)) => v.push(f.section),
                None => kinds.push((id.clone(), vec![f.section])),
            }
        }
        let one_contact = set
            .find("interaction-log")
            .is_some_and(|k| sections.whole.contains(&k));
        Cx {
            doc,
            fields,
            placeholders,
            content,
            children,
            run_dates: Vec::new(),
            kinds,
            one_contact,
        }
    }
}

impl Cx<'_, '_> {
    /// The bodies of every section recognised as `id`, in document order.
    pub(super) fn bodies(&self, id: &str) -> Vec<Range<usize>> {
        self.kinds
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| {
                v.iter()
                    .filter_map(|&s| self.doc.sections.get(s))
                    .map(|s| s.body.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn body(&self, section: Option<usize>) -> Option<Range<usize>> {
        section
            .and_then(|s| self.doc.sections.get(s))
            .map(|s| s.body.clone())
    }

    /// Prose runs in a section's body that are not inside one of its sub-sections.
    pub(super) fn own_prose(&self, section: usize) -> Vec<usize> {
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

    pub(super) fn all_dates(&mut self, order: Option<DateOrder>) {
        let dcx = DateContext {
            order,
            period: self.content.period.range(),
        };
        let mut run_dates = Vec::with_capacity(self.doc.prose.len());
        for p in &self.doc.prose {
            // Every date holds a digit.
            let found = if p.bytes.any(ByteSet::DIGIT) {
                dates::find_dates(&p.text, &dcx)
            } else {
                Vec::new()
            };
            run_dates.push(
                found
                    .iter()
                    .map(|m| (m.range.clone(), m.format))
                    .collect::<Vec<_>>(),
            );
            for mut m in found {
                if !p.is_plain(m.range.clone()) {
                    continue;
                }
                if let Some((date, order)) = date_order::settle_in_period(&m.value, dcx.period) {
                    m.value = dates::DateValue::Date(date);
                    m.format = match order {
                        DateOrder::Mdy => DateFormat::NumericMdy,
                        DateOrder::Dmy => DateFormat::NumericDmy,
                    };
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
    pub(super) fn dates_in(
        &self,
        p: &Prose,
        range: Range<usize>,
    ) -> Vec<(Range<usize>, DateFormat)> {
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

    pub(super) fn collect_vague(&mut self, v: &Val) {
        let src = self.doc.source.get(v.span.clone()).unwrap_or("");
        let weekday = self.fields.is_weekday_phrase(src);
        if !weekday && !self.fields.has_vague_time(src) {
            return;
        }
        let mut found = self.fields.vague_times(src);
        // A day name is vague where it is the whole value (`Due: Friday`).
        if weekday {
            found.extend(self.fields.weekdays(src));
        }
        for r in found {
            self.content.vague.push(Val {
                text: src.get(r.clone()).unwrap_or("").to_string(),
                span: shift(r, v.span.start),
            });
        }
    }

    /// Top-level items (with their nested items' text) and, when there are none, paragraphs.
    /// A sub-heading over a list (`### Rylan` and that person's steps) or an item that only
    /// labels its nested items (`**Dependencies** Track`) groups records: its items are the
    /// records. A link under a label (`Calendar: https://…`) is not a record.
    pub(super) fn records(&self, section: usize) -> Vec<(Range<usize>, String)> {
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
        let mut group_subs = Vec::new();
        for sub in &subs {
            let Some(h) = doc.headings.get(sub.heading) else {
                continue;
            };
            let has_list = doc
                .blocks_in(sub.body.clone())
                .any(|b| b.kind == super::BlockKind::List);
            if has_list {
                group_subs.push(sub.span.clone());
                continue;
            }
            let mut text = h.text.clone();
            for (_, p) in doc.prose_in(sub.body.clone()) {
                text.push('\n');
                text.push_str(&p.text);
            }
            out.push((h.span.clone(), text));
        }
        let sub_spans: Vec<Range<usize>> = subs
            .iter()
            .map(|s| s.span.clone())
            .filter(|s| !group_subs.contains(s))
            .collect();
        let mut items = 0;
        let push_item = |i: usize, out: &mut Vec<(Range<usize>, String)>| {
            let item = &doc.items[i];
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
            if !is_labelled_link(&text) {
                out.push((span, text));
            }
        };
        for (i, item) in doc.items.iter().enumerate() {
            if item.parent.is_some()
                || !body.contains(&item.span.start)
                || in_any(&sub_spans, item.span.start)
            {
                continue;
            }
            items += 1;
            let own = doc.item_text(i);
            let children = self.children.get(i).map_or(&[][..], Vec::as_slice);
            // A label over steps: it ends in a colon, opens in bold (`**Dependencies**
            // Track`), or is a few words over items that are steps themselves (`Finish the
            // sample data` over `users`, `colloquia` is one step with its parts).
            let bold = doc.source.get(item.span.clone()).is_some_and(|src| {
                src.trim_start_matches(|c: char| c.is_whitespace() || "-*+0123456789.)".contains(c))
                    .starts_with("**")
            });
            let steps_below = !children.is_empty()
                && children
                    .iter()
                    .map(|&c| doc.item_text(c).split_whitespace().count())
                    .sum::<usize>()
                    >= 3 * children.len();
            let label = own.trim_end().ends_with(':')
                || bold
                || (own.split_whitespace().count() <= 4
                    && !own.trim_end().ends_with('.')
                    && steps_below);
            if !children.is_empty() && label {
                for &c in children {
                    push_item(c, &mut out);
                }
                continue;
            }
            push_item(i, &mut out);
        }
        if items == 0 {
            for i in self.own_prose(section) {
                let Some(p) = doc.prose.get(i) else { continue };
                // A lead-in (`… as follows:`) or a paragraph of narrative is not a record.
                let narrative = p.text.split_whitespace().count() > NARRATIVE_WORDS;
                if p.context != ProseContext::Paragraph
                    || p.text.trim_end().ends_with(':')
                    || narrative
                    || is_labelled_link(&p.text)
                {
                    continue;
                }
                out.push((p.span.clone(), p.text.to_string()));
            }
        }
        out.sort_by_key(|r| r.0.start);
        out
    }
}

#[cfg(test)]
mod test_util {
    use super::*;
    use crate::settings::Settings;

    pub fn content(src: &str) -> Content {
        let settings = Settings::default();
        let doc = Document::parse(src);
        let report = super::super::Report::build_with(&doc, &settings);
        report.content
    }

    pub fn s<'a>(src: &'a str, v: &Option<Val>) -> &'a str {
        v.as_ref().map_or("<none>", |v| &src[v.span.clone()])
    }

    /// Runs `f` with a reader over `src` (nothing read yet).
    pub fn cx_with<R>(src: &str, f: impl FnOnce(&Cx<'_, '_>) -> R) -> R {
        let settings = Settings::default();
        let doc = Document::parse(src);
        let data = &settings.data;
        let sections = Sections {
            set: &data.sections,
            found: &[],
            whole: &[],
        };
        let cx = Cx::new(&doc, &sections, &data.fields, &data.placeholders);
        f(&cx)
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::content;

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
}
