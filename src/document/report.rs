//! The typed report view over a [`Document`]: which headings are the report's sections.
//! Built from the one pass; never parses Markdown again.
//!
//! A heading names a section as a whole (its name or an alias), by the head words of its
//! parts (`Proposed Next Steps`; `Issues and Next Steps` names two), or, when its words name
//! nothing, by its content (a table with Date and Method columns is an interaction log).

use std::sync::Arc;

use crate::data::headings::HeadingWords;
use crate::data::sections::{HeadingMatch, HeadingRead};
use crate::data::{Fields, SectionSet};

use super::Document;

/// How a heading was recognised as a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    /// The whole heading is the section's name or an alias.
    Exact,
    /// One part of the heading has the section's name or a synonym as its head.
    Head,
    /// One of several sections a combined heading names.
    Combined,
    /// The heading's words name nothing; its content is unmistakably this section's.
    Content,
}

/// A heading recognised as one of the report's sections.
#[derive(Debug, Clone)]
pub struct FoundSection {
    /// Index into [`SectionSet::sections`].
    pub kind: usize,
    /// Index into [`Document::sections`] (and [`Document::headings`]).
    pub section: usize,
    /// A second occurrence of a kind already found.
    pub duplicate: bool,
    /// One of several sub-sections of the same kind under different parents that are not
    /// sections themselves (`### Up Next` under each project): read together, never a
    /// duplicate, and not held to the level of the report's sections.
    pub grouped: bool,
    pub by: Recognised,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Recognised sections in document order.
    pub sections: Vec<FoundSection>,
    /// The level most sections are written at (ties: the higher level).
    pub section_level: Option<u8>,
    /// Sections the whole document is: a record of one meeting (`# TSC Minutes`, a
    /// `Moderator:` line) is its own interaction log, the meeting its one entry.
    pub whole: Vec<usize>,
    /// Sections written in two halves under headings of their own (`The challenge: …`
    /// then `A solution: …`): present, though no heading names them and nothing is read
    /// from them as records.
    pub halved: Vec<usize>,
    /// Sections named by a line that stands for a heading (`**Actions**`, `Tasks for the
    /// week:`, a bare `Next Steps` line in a document with no headings): present, though
    /// not read as sections.
    pub pseudo: Vec<(usize, std::ops::Range<usize>)>,
    /// What the sections say (client, period, dates, entries, tasks, …).
    pub content: super::content::Content,
    /// Each distinct heading text reduced to its words (see [`Report::heading_words`]).
    words: Vec<Arc<HeadingRead>>,
    /// For each heading, in document order, which of `words` its text is.
    words_of: Vec<usize>,
}

impl Report {
    pub fn build(doc: &Document<'_>, set: &SectionSet) -> Self {
        Self::build_reading(doc, set, None)
    }

    fn build_reading(doc: &Document<'_>, set: &SectionSet, fields: Option<&Fields>) -> Self {
        let title = title(doc);
        let mut candidates: Vec<(usize, usize, Recognised)> = Vec::new();
        // A report repeats its sub-headings (`#### Attendees`, `#### Notes` under each
        // meeting): each distinct heading text is reduced to words, and read, once. The words
        // are kept: read here, again for sections written in two halves and for the title,
        // and by missing-section's "did you mean".
        let mut words: Vec<Arc<HeadingRead>> = Vec::new();
        let mut seen: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        let mut order: Vec<usize> = Vec::with_capacity(doc.headings.len());
        for h in &doc.headings {
            let k = *seen.entry(h.text.as_str()).or_insert_with(|| {
                words.push(set.read_heading_text(&h.text));
                words.len() - 1
            });
            order.push(k);
        }
        for (i, &k) in order.iter().enumerate() {
            let Some(heading) = words.get(k) else {
                continue;
            };
            // The title is read as a whole only.
            let read = if Some(i) == title {
                set.read_heading_words(&heading.words, false)
            } else {
                heading.read.clone()
            };
            match read {
                Some(HeadingMatch::Exact(kind)) => candidates.push((kind, i, Recognised::Exact)),
                Some(HeadingMatch::Head(kinds)) => {
                    let by = if kinds.len() > 1 {
                        Recognised::Combined
                    } else {
                        Recognised::Head
                    };
                    candidates.extend(kinds.into_iter().map(|k| (k, i, by)));
                }
                None => {}
            }
        }
        if let Some(fields) = fields {
            by_content(doc, set, fields, title, &mut candidates);
        }
        let is_candidate = |i: usize| candidates.iter().any(|&(_, c, _)| c == i);
        let nested = |i: usize| ancestors(doc, i).any(is_candidate);
        let top_kinds: Vec<usize> = candidates
            .iter()
            .filter(|(_, i, _)| !nested(*i))
            .map(|(k, _, _)| *k)
            .collect();
        let mut sections: Vec<FoundSection> = Vec::new();
        for &(kind, i, by) in &candidates {
            // A heading inside another section that names a kind the report has at the top
            // (e.g. "#### Summary" inside an interaction entry) is a sub-heading, not a section.
            if nested(i) && top_kinds.contains(&kind) {
                continue;
            }
            let duplicate = sections.iter().any(|f| f.kind == kind);
            sections.push(FoundSection {
                kind,
                section: i,
                duplicate,
                grouped: false,
                by,
            });
        }
        mark_groups(doc, &mut sections);
        let mut counts = [0usize; 7];
        for f in sections.iter().filter(|f| !f.duplicate && !f.grouped) {
            counts[usize::from(doc.headings[f.section].level.min(6))] += 1;
        }
        let section_level = (1..=6u8)
            .filter(|&l| counts[usize::from(l)] > 0)
            .max_by_key(|&l| (counts[usize::from(l)], std::cmp::Reverse(l)));
        // Lines that stand for headings matter only for sections no heading names.
        let pseudo = if (0..set.sections.len()).all(|k| sections.iter().any(|f| f.kind == k)) {
            Vec::new()
        } else {
            pseudo_headings(doc, set)
        };
        let distinct: Vec<&HeadingWords> = words.iter().map(|h| &h.words).collect();
        let halved = set.halved_by(&distinct, &order, |k| sections.iter().any(|f| f.kind == k));
        let first_heading = order.first().and_then(|&k| words.get(k)).map(|h| &h.words);
        Report {
            sections,
            section_level,
            whole: whole_document(doc, set, first_heading),
            halved,
            pseudo,
            content: Default::default(),
            words,
            words_of: order,
        }
    }

    /// Heading `heading` reduced to its words (as section matching read it).
    pub fn heading_words(&self, heading: usize) -> Option<&HeadingWords> {
        self.words_of
            .get(heading)
            .and_then(|&k| self.words.get(k))
            .map(|h| &h.words)
    }

    /// Whether the report has section `kind`: a heading names it, the whole document is it,
    /// or two headings are its halves.
    pub fn has(&self, kind: usize) -> bool {
        self.first(kind).is_some()
            || self.whole.contains(&kind)
            || self.halved.contains(&kind)
            || self.pseudo.iter().any(|(k, _)| *k == kind)
    }

    /// The sections and their content, as the rules see them.
    pub fn build_with(doc: &Document<'_>, settings: &crate::settings::Settings) -> Self {
        let mut report =
            Report::build_reading(doc, &settings.data.sections, Some(&settings.data.fields));
        let sections = super::content::Sections {
            set: &settings.data.sections,
            found: &report.sections,
            whole: &report.whole,
        };
        report.content = super::content::Content::build(
            doc,
            &sections,
            &settings.data.fields,
            &settings.data.placeholders,
            settings.date_order,
        );
        report
    }

    /// The first occurrence of a section kind.
    pub fn first(&self, kind: usize) -> Option<&FoundSection> {
        self.sections.iter().find(|f| f.kind == kind)
    }

    /// The first occurrence of the section with this id (e.g. `"executive-summary"`).
    pub fn section<'d>(
        &self,
        doc: &'d Document<'_>,
        set: &SectionSet,
        id: &str,
    ) -> Option<&'d super::Section> {
        let kind = set.find(id)?;
        self.first(kind).map(|f| &doc.sections[f.section])
    }
}

/// The document's title: its first heading, when that is a level-1 heading. Its words are
/// the document's subject (`# Meeting Minutes`), so only a whole-heading name counts.
fn title(doc: &Document<'_>) -> Option<usize> {
    doc.headings.first().filter(|h| h.level == 1).map(|_| 0)
}

/// Lines that stand for headings: a paragraph that is one bold line (`**Actions**`,
/// `**Links:**`, `**Next Meeting Scheduled: July 6th**` by its label), a short line ending
/// in a colon (`Tasks for the upcoming week:`), a `Label: value` or `Label - value` whose
/// label names a section (`Next Meeting: 7th April 2022`; on a line of a longer paragraph
/// only when the label is bold, `**Next Meeting:** …`), or, in a document with no headings
/// (text pasted from a PDF), a short line with no closing punctuation. A label ending in one
/// of a section's link labels, with a link on its line (`**Agenda**: <link>`), stands for
/// that section (the attachments).
fn pseudo_headings(doc: &Document<'_>, set: &SectionSet) -> Vec<(usize, std::ops::Range<usize>)> {
    use super::{ProseContext, SegKind};
    let mut out = Vec::new();
    let no_headings = doc.headings.is_empty();
    for p in doc.prose.iter() {
        let ProseContext::Paragraph = p.context else {
            continue;
        };
        // A paragraph of its own at the top, not one inside a quote or a list.
        let top = doc
            .blocks_in(p.span.start..p.span.start + 1)
            .next()
            .is_none_or(|b| b.depth == 0);
        if !top {
            continue;
        }
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        // The run's span is its text; the emphasis markers stand just outside it.
        let before = doc.source.get(..p.span.start).unwrap_or("");
        let after = doc.source.get(p.span.end..).unwrap_or("");
        let bold = (before.ends_with("**") || before.ends_with("__"))
            && (after.starts_with("**") || after.starts_with("__"))
            && p.segs
                .iter()
                .all(|s| matches!(s.kind, SegKind::Text | SegKind::Break));
        let one_line = !text.contains('\n') && text.chars().count() <= 80;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            // A line of a longer paragraph, in a document with headings, stands for one only
            // as a label in bold (everything below asks that of it): most lines are not.
            if !one_line && !no_headings && !bold_in_source(doc, p, line) {
                continue;
            }
            // `Next Meeting: 1600 UTC, 7th April 2022`, `GitHub Issue - <link>`: a label of
            // a few words, then its value (on a line of its own when the paragraph has more:
            // then the label is bold, `**Next Meeting :** …`). `https:` is no label.
            let label = line
                .split_once(':')
                .filter(|(_, value)| !value.starts_with("//"))
                .or_else(|| line.split_once(" - "))
                .map(|(k, _)| k.trim())
                .filter(|k| {
                    !k.is_empty()
                        && k.split_whitespace().count() <= 4
                        && k.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '&' | '/' | '-'))
                        && (one_line || bold_in_source(doc, p, line))
                });
            // `**Agenda**: <link>`, `GitHub Issue - <link>`: a link labelled as a document,
            // however long the link.
            if let Some(label) = label
                && has_link(doc, p, line)
            {
                for k in set.read_by_link_label(label) {
                    out.push((k, p.span.clone()));
                }
            }
            if line.chars().count() > 80 {
                continue;
            }
            let words = line.split_whitespace().count();
            let whole_bold = one_line && bold;
            let label_line = line.ends_with(':') && words <= 6 && one_line;
            // Text pasted from a PDF: bare short title lines, paragraph or not.
            let bare = no_headings && words <= 5 && !line.ends_with(['.', '!', '?', ',', ';']);
            if !(whole_bold || label_line || bare || label.is_some()) {
                continue;
            }
            // `**Next Meeting Scheduled: 15:00 UTC July 6th 2023**` is read by its label.
            let name = label.unwrap_or(line.split(':').next().unwrap_or(line));
            for k in set.read_by_head(name) {
                out.push((k, p.span.clone()));
            }
        }
    }
    out
}

/// Whether a line of a paragraph holds a link or a bare URL.
fn has_link(doc: &Document<'_>, p: &super::Prose<'_>, line: &str) -> bool {
    let at = line.as_ptr() as usize - p.text.as_ptr() as usize;
    let text = at..at + line.len();
    let url = p.segs.iter().any(|s| {
        s.kind == super::SegKind::Url && text.start <= s.text_start() && s.text_end() <= text.end
    });
    url || p.to_source(text).is_some_and(|src| {
        let first = doc.links.partition_point(|l| l.span.start < src.start);
        doc.links.get(first).is_some_and(|l| l.span.start < src.end)
    })
}

/// Whether a line of a paragraph opens in bold in the source (`**Next Meeting :** …`).
fn bold_in_source(doc: &Document<'_>, p: &super::Prose<'_>, line: &str) -> bool {
    let at = line.as_ptr() as usize - p.text.as_ptr() as usize;
    // An empty range at a line's start would close the line break before it.
    let first = line.chars().next().map_or(0, char::len_utf8);
    p.to_source(at..at + first)
        .and_then(|r| doc.source.get(..r.start))
        .is_some_and(|before| before.ends_with("**") || before.ends_with("__"))
}

/// How many prose runs and headings at the start are searched for a record marker
/// (`Moderator:`, `## Attendees`).
const MARKER_RUNS: usize = 60;

/// The sections the whole document is, by its title's words or a record marker among its
/// labels and headings.
fn whole_document(
    doc: &Document<'_>,
    set: &SectionSet,
    first_heading: Option<&HeadingWords>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let front_title = doc.front_matter.as_ref().and_then(|fm| {
        doc.source[fm.clone()].lines().find_map(|l| {
            let l = l.trim_start();
            let rest = l.strip_prefix("title")?.trim_start();
            let v = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
            Some(v.trim().trim_matches(['"', '\'']))
        })
    });
    let front_title = front_title.map(crate::data::headings::heading_words);
    for t in front_title.iter().chain(first_heading) {
        if let Some(k) = set.record_by_title(t)
            && !out.contains(&k)
        {
            out.push(k);
        }
    }
    // Markers stand at the top, with the meeting's details. A label is a word or two
    // (`Moderator:`, `Note taker:`), so its colon is in its line's first 41 bytes, and a run
    // without a colon holds none; its words are counted only once it names a marker (most
    // labels are ruled out by their length first).
    let labels = doc
        .prose
        .iter()
        .take(MARKER_RUNS)
        .filter(|p| p.bytes.any(super::bytes::ByteSet::COLON))
        .flat_map(|p| {
            p.text.lines().filter_map(|l| {
                let l = l.trim_start_matches(['*', '_', ' ', '#']);
                let colon = l.bytes().take(41).position(|b| b == b':')?;
                Some((&l[..colon], true))
            })
        });
    let headings = doc
        .headings
        .iter()
        .take(MARKER_RUNS)
        .map(|h| (h.text.as_str(), false));
    for (label, counted) in headings.chain(labels) {
        if let Some(k) = set.record_by_marker(label)
            && (!counted || label.split_whitespace().count() <= 2)
            && !out.contains(&k)
        {
            out.push(k);
            break;
        }
    }
    out
}

fn ancestors<'d>(doc: &'d Document<'_>, heading: usize) -> impl Iterator<Item = usize> + 'd {
    std::iter::successors(doc.sections[heading].parent, move |&p| {
        doc.sections[p].parent
    })
}

/// Sections of one kind, each under a different parent heading that is not itself a
/// section (per project), or each with its own date or number in the heading (per
/// meeting, per sprint), are a group: read together, not duplicates.
fn mark_groups(doc: &Document<'_>, sections: &mut [FoundSection]) {
    let recognised: Vec<usize> = sections.iter().map(|f| f.section).collect();
    let kinds: Vec<usize> = sections.iter().map(|f| f.kind).collect();
    for kind in kinds {
        let members: Vec<usize> = (0..sections.len())
            .filter(|&i| sections[i].kind == kind)
            .collect();
        if members.len() < 2 {
            continue;
        }
        let parents: Vec<Option<usize>> = members
            .iter()
            .map(|&i| doc.sections[sections[i].section].parent)
            .collect();
        let all_under_plain_parents = parents
            .iter()
            .all(|p| p.is_some_and(|p| !recognised.contains(&p)));
        let distinct = parents
            .iter()
            .enumerate()
            .all(|(n, p)| !parents[..n].contains(p));
        // `## Retro Action Items - 04/04/2023`, `## Sprint 14 Goals`: one per date or number.
        let texts: Vec<&str> = members
            .iter()
            .map(|&i| doc.headings[sections[i].section].text.as_str())
            .collect();
        let dated = texts.iter().all(|t| t.bytes().any(|b| b.is_ascii_digit()))
            && texts
                .iter()
                .enumerate()
                .all(|(n, t)| !texts[..n].contains(t));
        if (all_under_plain_parents && distinct) || dated {
            for &i in &members {
                sections[i].grouped = true;
                sections[i].duplicate = false;
            }
        }
    }
}

/// Headings whose words name no section but whose first table is unmistakably a log or a
/// task list: Date and Method (or Participants) columns, or Task and Owner (or Deadline).
fn by_content(
    doc: &Document<'_>,
    set: &SectionSet,
    fields: &Fields,
    title: Option<usize>,
    candidates: &mut Vec<(usize, usize, Recognised)>,
) {
    use crate::data::fields::{LogColumn, TaskColumn};
    let (Some(log), Some(tasks)) = (set.find("interaction-log"), set.find("action-items")) else {
        return;
    };
    for (i, s) in doc.sections.iter().enumerate() {
        if Some(i) == title || candidates.iter().any(|&(_, c, _)| c == i) {
            continue;
        }
        // The section's own first table, not one in a sub-section (its first sub-section, if
        // any, is the next section).
        let own_end = doc
            .sections
            .get(i + 1)
            .filter(|c| c.parent == Some(i))
            .map_or(s.body.end, |c| c.span.start);
        let Some(table) = doc
            .tables
            .iter()
            .find(|t| t.span.start >= s.body.start && t.span.start < own_end)
        else {
            continue;
        };
        let log_cols: Vec<LogColumn> = table
            .header
            .iter()
            .filter_map(|h| fields.log_column(&h.text))
            .collect();
        let task_cols: Vec<TaskColumn> = table
            .header
            .iter()
            .filter_map(|h| fields.task_column(&h.text))
            .collect();
        let has_date = log_cols
            .iter()
            .any(|c| matches!(c, LogColumn::Date | LogColumn::DateTime));
        let has_how = log_cols
            .iter()
            .any(|c| matches!(c, LogColumn::Method | LogColumn::Participants));
        let has_task = task_cols.contains(&TaskColumn::Task);
        let has_who_when = task_cols
            .iter()
            .any(|c| matches!(c, TaskColumn::Owner | TaskColumn::Deadline));
        let kind = if has_date && has_how {
            log
        } else if has_task && has_who_when {
            tasks
        } else {
            continue;
        };
        if !candidates.iter().any(|&(k, _, _)| k == kind) {
            candidates.push((kind, i, Recognised::Content));
        }
    }
    candidates.sort_by_key(|&(_, i, _)| i);
}
