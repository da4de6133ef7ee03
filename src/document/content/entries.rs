//! Interaction-log entries: table rows, list items (with nested `Key: value` items),
//! sub-headings, paragraphs that open with a date, and sentences with a date and a method
//! or participants. Each part is found where it stands (`cues`), so that wordings nobody
//! wrote down work too.

use super::super::dates::{self, DateFormat};
use super::super::{Prose, ProseContext};
use super::toolkit::{in_any, key_value, labelled, lines, parts, shift, val};
use super::{Cx, Entry, EntryForm, Val};
use crate::data::fields::LogColumn;
use std::ops::Range;

impl Cx<'_, '_> {
    /// Applies one part of an entry line (`June 16, 2024, 10:00`, `Call`, `Participants: …`).
    pub(super) fn entry_part(&self, e: &mut Entry, p: &Prose, r: Range<usize>, unlabeled: bool) {
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
    pub(super) fn entry_field(
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
    pub(super) fn entry_unlabeled(
        &self,
        e: &mut Entry,
        p: &Prose,
        r: Range<usize>,
        unlabeled: bool,
    ) {
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
            let Some((date, _)) = self.dates_in(p, r.clone()).into_iter().next() else {
                return self.set_log(e, LogColumn::DateTime, v);
            };
            // `On March 25, 2025 at 10:00, a meeting was held with …`: words before the
            // date other than `On` make the part a sentence, read where its parts stand.
            let lead = text[..date.start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ','));
            if !(lead.is_empty() || lead.eq_ignore_ascii_case("on")) {
                return self.entry_sentence(e, p, r, Some(date));
            }
            // `**June 3, 2024, 10:00** Call with Ana: …` — the date (and a time right after
            // it) is the date part; what follows is read as the next part.
            let end = time_after(text, date.end).map_or(date.end, |t| t.end);
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
                self.set_log(
                    e,
                    LogColumn::DateTime,
                    val(p, r.start + date.start..r.start + end),
                );
                return self.entry_part(e, p, r.start + end + skip..r.end, true);
            }
            return self.set_log(e, LogColumn::DateTime, v);
        }
        // `3/4 — Call …`: a date that cannot be read (no year) stands where the date goes.
        if e.date_text.is_none()
            && e.method.is_none()
            && let Some(d) = unreadable_date(text)
        {
            let v = val(p, shift(d.clone(), r.start));
            e.date_text = Some(v);
            let rest = r.start + d.end..r.end;
            return self.entry_part(e, p, rest, true);
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
        // `a meeting was held with Jane Doe regarding the renewal`: a sentence of parts.
        if e.method.is_none() || e.participants.is_none() {
            let sentence = self.sentence_parts(text);
            if sentence.method.is_some() || sentence.participants.is_some() {
                return self.entry_sentence(e, p, r, None);
            }
        }
        if e.summary.is_none() {
            e.summary = Some(v);
        }
    }

    /// An entry part written as a sentence: the date (and a time right after it) where it
    /// stands, then the method, participants and topic found by their cue words.
    fn entry_sentence(
        &self,
        e: &mut Entry,
        p: &Prose,
        r: Range<usize>,
        date: Option<Range<usize>>,
    ) {
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if let Some(d) = date
            && e.date_text.is_none()
        {
            let end = time_after(text, d.end).map_or(d.end, |t| t.end);
            self.set_log(
                e,
                LogColumn::DateTime,
                val(p, r.start + d.start..r.start + end),
            );
        }
        self.fill_from_sentence(e, p, r.clone());
        if e.summary.is_none() {
            e.summary = Some(val(p, r));
        }
    }

    /// Fills what an entry still lacks from the sentence in `r`: a time anywhere, the
    /// method word, the participants after their cue, the topic after its cue.
    fn fill_from_sentence(&self, e: &mut Entry, p: &Prose, r: Range<usize>) {
        let Some(text) = p.text.get(r.clone()) else {
            return;
        };
        if e.method.is_some() && e.participants.is_some() && e.time.is_some() && e.summary.is_some()
        {
            return;
        }
        if e.time.is_none()
            && let Some(t) = dates::find_times(text).into_iter().next()
        {
            e.time = Some(val(p, shift(t.range, r.start)));
        }
        if e.method.is_some() && e.participants.is_some() && e.summary.is_some() {
            return;
        }
        let parts = self.sentence_parts(text);
        if e.method.is_none()
            && let Some(m) = parts.method
        {
            e.method = Some(val(p, shift(m, r.start)));
        }
        if e.participants.is_none()
            && let Some(w) = parts.participants
        {
            e.participants = Some(val(p, shift(w, r.start)));
        }
        if e.summary.is_none()
            && let Some(t) = parts.topic
        {
            e.summary = Some(val(p, shift(t, r.start)));
        }
    }

    pub(super) fn is_vague(&self, text: &str) -> bool {
        // The expression is all but three bytes of the text: only a text that may hold one
        // so is searched.
        let len = text.trim().len();
        (self.fields.may_be_vague_time(text, 3)
            && self
                .fields
                .vague_times(text)
                .first()
                .is_some_and(|r| r.len() + 3 >= len))
            || self.fields.is_weekday_phrase(text)
    }

    pub(super) fn set_log(&self, e: &mut Entry, col: LogColumn, v: Val) {
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
    pub(super) fn entry_lines(&self, e: &mut Entry, p: &Prose, unlabeled: bool) {
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
            // `quarterly review. Method: Meeting. Participants: … Summary: …`
            if let Some((lead, fields)) = labelled(l, |k| self.fields.log_column(k).is_some()) {
                if !l[lead.clone()].trim().is_empty() {
                    self.entry_part(e, p, shift(lead, line.start), unlabeled);
                }
                for (k, v) in fields {
                    if let Some(col) = self.fields.log_column(&l[k.clone()]) {
                        self.entry_field(e, p, shift(k, line.start), shift(v, line.start), col);
                    }
                }
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

    pub(super) fn entries(&mut self) {
        let Some(section) = self.content.log_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let doc = self.doc;
        let mut entries: Vec<Entry> = Vec::new();
        // Tables.
        for (ti, t) in doc
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| body.contains(&t.span.start))
        {
            let cols: Vec<Option<LogColumn>> = t
                .header
                .iter()
                .map(|h| self.fields.log_column(&h.text))
                .collect();
            let dated = cols
                .iter()
                .flatten()
                .any(|c| matches!(c, LogColumn::Date | LogColumn::DateTime));
            if cols.iter().flatten().count() < 2 || !dated {
                if !t.rows.is_empty() {
                    self.content.unreadable_tables.push(super::UnreadableTable {
                        table: ti,
                        header: header_span(t),
                        section: "Interaction Log",
                        needs: "a Date column and a Time, Method, Participants or Summary column",
                    });
                }
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
        // The notes of one meeting are its discussion, not a list of contacts: only a table
        // of entries is read there.
        if self.one_contact {
            entries.sort_by_key(|e| e.anchor.start);
            self.content.entries = entries;
            return;
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
            let mut e = Entry::new(EntryForm::ListItem, first_line);
            for &p in &item.prose {
                if let Some(p) = doc.prose.get(p) {
                    self.entry_lines(&mut e, p, true);
                }
            }
            self.children_fields(i, &mut e);
            if let Some(p) = first_prose {
                self.fill_from_sentence(&mut e, p, lines(&p.text).next().unwrap_or(0..0));
            }
            // A bullet with no date, time, method or participants is a note, not a contact.
            if e.date_text.is_some()
                || e.time.is_some()
                || e.method.is_some()
                || e.participants.is_some()
            {
                entries.push(e);
            }
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
                let mut e = Entry::new(EntryForm::Paragraph, val(p, first_line.clone()).span);
                self.entry_lines(&mut e, p, true);
                self.fill_from_sentence(&mut e, p, first_line);
                entries.push(e);
                continue;
            }
            // A sentence with a date and a method or participants is an entry, wherever its
            // parts stand: `On June 16, 2024, a meeting was held with Jane Doe regarding …`.
            for line in lines(&p.text) {
                if let Some(e) = self.sentence_entry(p, line) {
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

    /// A line of a paragraph that records an interaction as a sentence: it has a date and
    /// a method word or participants (`On June 16, 2024, a meeting was held with …`).
    fn sentence_entry(&self, p: &Prose, line: Range<usize>) -> Option<Entry> {
        let l = p.text.get(line.clone())?;
        let (date, format) = self.dates_in(p, line.clone()).into_iter().next()?;
        if format == DateFormat::MonthYear {
            return None;
        }
        let parts = self.sentence_parts(l);
        if parts.method.is_none() && parts.participants.is_none() {
            return None;
        }
        let mut e = Entry::new(EntryForm::Sentence, val(p, line.clone()).span);
        self.entry_sentence(&mut e, p, line, Some(date));
        Some(e)
    }

    /// `Key: value` lines in an item's nested items.
    pub(super) fn children_fields(&self, item: usize, e: &mut Entry) {
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

    /// Whether a sub-section of the Interaction Log only groups entries: its heading holds
    /// no date, and its body is a table or a list whose first item is not a `Key: value` field.
    pub(super) fn is_group(&self, sub: &super::super::Section) -> bool {
        let doc = self.doc;
        let Some(h) = doc.headings.get(sub.heading) else {
            return false;
        };
        if self.content.date_in(&h.span).is_some() {
            return false;
        }
        let mut blocks = doc.blocks_in(sub.body.clone()).filter(|b| b.depth == 0);
        blocks.any(|b| match b.kind {
            super::super::BlockKind::Table => true,
            super::super::BlockKind::List => {
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
}

/// The span of a table's header row.
pub(super) fn header_span(t: &super::super::Table) -> Range<usize> {
    match (t.header.first(), t.header.last()) {
        (Some(a), Some(b)) => a.span.start..b.span.end.max(a.span.start),
        _ => t.span.start..t.span.start,
    }
}

/// A time right after a date: `June 3, 2024, 10:00`, `March 25, 2025 at 10:00`.
fn time_after(text: &str, date_end: usize) -> Option<Range<usize>> {
    dates::find_times(text)
        .into_iter()
        .map(|t| t.range)
        .find(|t| {
            t.start >= date_end && {
                let gap = text[date_end..t.start].trim_matches([',', ' ', '*']);
                gap.is_empty() || gap.eq_ignore_ascii_case("at")
            }
        })
}

/// A date that cannot be read at the start of a part: `3/4`, `12.05` (no year).
fn unreadable_date(text: &str) -> Option<Range<usize>> {
    let lead = text.len() - text.trim_start_matches([' ', '*', '_']).len();
    let b = text.as_bytes();
    let mut i = lead;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let a = digits(&mut i);
    if !(1..=2).contains(&a) || !matches!(b.get(i), Some(b'/' | b'.')) {
        return None;
    }
    i += 1;
    let c = digits(&mut i);
    let ends = b
        .get(i)
        .is_none_or(|x| !x.is_ascii_alphanumeric() && *x != b'/' && *x != b'.');
    ((1..=2).contains(&c) && ends).then_some(lead..i)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{content, s};
    use super::super::*;

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
        assert_eq!(e.form, EntryForm::ListItem);
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
    fn interactions_in_the_words_people_use() {
        let cases = [
            (
                "- On March 25, 2025 at 10:00, a meeting was held with James O'Connor regarding the invoice.",
                (
                    "March 25, 2025 at 10:00",
                    "10:00",
                    "meeting",
                    "James O'Connor",
                    "the invoice",
                ),
            ),
            (
                "- An email was sent to James O'Connor on March 5, 2025 concerning the invoice.",
                (
                    "March 5, 2025",
                    "<none>",
                    "email",
                    "James O'Connor",
                    "the invoice",
                ),
            ),
            (
                "- March 3, 2025 — Emailed James about the renewal terms",
                (
                    "March 3, 2025",
                    "<none>",
                    "Emailed",
                    "James",
                    "the renewal terms",
                ),
            ),
            (
                "- March 4, 2025 — Zoom with Priya Nair",
                ("March 4, 2025", "<none>", "Zoom", "Priya Nair", "<none>"),
            ),
            (
                "- March 5, 2025 — Teams meeting with Sarah Kim about the rollout",
                (
                    "March 5, 2025",
                    "<none>",
                    "Teams meeting",
                    "Sarah Kim",
                    "the rollout",
                ),
            ),
            (
                "- On March 6, 2025, a site visit was conducted at the Leeds store with Sarah Kim.",
                (
                    "March 6, 2025",
                    "<none>",
                    "site visit",
                    "Sarah Kim",
                    "a site visit was conducted at the Leeds store with Sarah Kim.",
                ),
            ),
            (
                "- March 7, 2025: quarterly review. Method: Meeting. Participants: Ana Sousa, Ben Okafor. Summary: Reviewed Q1.",
                (
                    "March 7, 2025",
                    "<none>",
                    "Meeting",
                    "Ana Sousa, Ben Okafor",
                    "Reviewed Q1.",
                ),
            ),
        ];
        for (item, want) in cases {
            let src = format!("## Time Period\n\nMarch 2025\n\n## Interaction Log\n\n{item}\n");
            let c = content(&src);
            let e = c
                .entries
                .first()
                .unwrap_or_else(|| panic!("no entry in {item}"));
            let got = (
                s(&src, &e.date_text),
                s(&src, &e.time),
                s(&src, &e.method),
                s(&src, &e.participants),
                s(&src, &e.summary),
            );
            assert_eq!(got, want, "{item}");
        }
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
    fn none_is_not_an_item() {
        let src = "## Interaction Log\n\n- No interactions this period.\n\n## Action Items\n\n- None at this time.\n\n## Next Steps\n\n- None.\n";
        let c = content(src);
        assert!(
            c.entries.is_empty() && c.tasks.is_empty() && c.next_steps.is_empty(),
            "{c:#?}"
        );
    }
}
