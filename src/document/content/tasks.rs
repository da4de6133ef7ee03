//! Tasks in Action Items: table rows, list items (task lists, parts after dashes, a
//! parenthesis of parts, `(@owner)`), and the template sentence `… to be completed by …`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::{Prose, ProseContext};
use super::cues::{is_name_like, is_name_word, words};
use super::toolkit::{key_value, lines, parts, shift, val};
use super::{Cx, Task, Val, filled};
use crate::data::fields::TaskColumn;

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

/// The template task sentence `… to be completed by …`, its phrase found by bytes first (most
/// lines do not hold it, and then the pattern is neither searched nor compiled).
fn template_task(text: &str) -> Option<regex::Captures<'_>> {
    if !super::super::contains_ignore_ascii_case(text, "to be completed by") {
        return None;
    }
    TEMPLATE_TASK_RE.captures(text)
}

/// Where a part of a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The task's own words (the first part of its first line).
    Text,
    /// A later part of the task's line (`— Owner: …`, `— Jane Doe`, `— due June 21`).
    Part,
    /// A line of a nested item: only labelled fields, dates and statuses, never an owner
    /// by its shape (`- see https://…` is no one).
    Nested,
}

impl Cx<'_, '_> {
    pub(super) fn set_task(&self, t: &mut Task, col: TaskColumn, v: Val) {
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
    pub(super) fn task_part(&self, t: &mut Task, p: &Prose, r: Range<usize>, role: Role) {
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
            if let Some(col) = col.filter(|c| role != Role::Text || *c != TaskColumn::Task) {
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
        if role == Role::Text || (role == Role::Part && t.text.is_none()) {
            if !text.trim().is_empty() {
                t.text = Some(val(p, r));
            }
            return;
        }
        if (super::super::contains_ignore_ascii_case(text, "due")
            || super::super::contains_ignore_ascii_case(text, "by"))
            && let Some(caps) = DUE_RE.captures(text.trim())
        {
            let lead = text.len() - text.trim_start().len();
            if let Some(who) = caps.name("who")
                && role == Role::Part
                && is_name_like(who.as_str())
            {
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
        // `**completed** on 12/15/2020`: a part that opens with a closing status is the
        // status (its date is when it closed, not a deadline).
        if let Some(w) = words(&v.text).first()
            && self.fields.is_closed_status(&v.text[w.clone()])
        {
            t.status.get_or_insert(v);
            return;
        }
        if t.deadline.is_none()
            && (self.content.date_in(&v.span).is_some() || self.is_vague(&v.text))
        {
            self.set_task(t, TaskColumn::Deadline, v);
        } else if self.fields.is_closed_status(&v.text) {
            t.status.get_or_insert(v);
        } else if role == Role::Part && t.owner.is_none() && is_name_like(&v.text) {
            t.owner = Some(v);
        }
    }

    pub(super) fn task_template(
        &self,
        t: &mut Task,
        p: &Prose,
        caps: &regex::Captures<'_>,
        base: usize,
    ) {
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

    pub(super) fn task_lines(&self, t: &mut Task, p: &Prose, role: Role) {
        for (n, line) in lines(&p.text).enumerate() {
            let Some(l) = p.text.get(line.clone()) else {
                continue;
            };
            if template_task(l).is_some() {
                self.task_part(t, p, line, Role::Text);
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
                let part_role = match role {
                    Role::Text if n == 0 && i == 0 => Role::Text,
                    Role::Nested => Role::Nested,
                    _ => Role::Part,
                };
                self.task_part(t, p, shift(part, line.start), part_role);
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
                    self.task_part(t, p, r, Role::Part);
                }
            }
        }
    }

    /// What a task's sentence says besides its parts: an action label before it
    /// (`Action Item: …`), an owner before `will`/`to` (`Anna Schmidt to send …`), a
    /// deadline after `by`/`due`, a date anywhere, an owner in a closing parenthesis
    /// (`(Tif + Dev Team)`).
    fn task_sentence(&self, t: &mut Task, p: &Prose) {
        let Some(text_val) = t.text.clone() else {
            return;
        };
        let Some(r) = p.to_text(text_val.span.clone()) else {
            return;
        };
        let mut r = r;
        let whole = p.text.get(r.clone()).unwrap_or("");
        if let Some((k, v)) = key_value(whole)
            && self.fields.is_action_label(&whole[k])
        {
            r = r.start + v.start..r.end;
            t.text = Some(val(p, r.clone()));
        }
        let text = p.text.get(r.clone()).unwrap_or("");
        // `Anna will send …`, or in a later sentence: `Keep the tickets groomed. Leads will
        // meet with Jerome.`
        if t.owner.is_none() {
            let starts = std::iter::once(0).chain(text.match_indices(". ").map(|(i, _)| i + 2));
            for at in starts {
                if let Some(o) = self.owner_before_cue(&text[at..]) {
                    t.owner = Some(val(p, shift(shift(o, at), r.start)));
                    break;
                }
            }
        }
        if t.deadline.is_none() {
            let found = self.deadline_after_cue(text).or_else(|| {
                self.dates_in(p, r.clone())
                    .into_iter()
                    .map(|(d, _)| d)
                    .find(|d| {
                        // Not a date inside a parenthesis that names something else.
                        !text[..d.start].ends_with('(')
                    })
            });
            // `bring back to the TSC next week`: a vague expression anywhere in a task,
            // including the lines that continue it, stands for its deadline (CCR310's to
            // report, not a missing deadline).
            let whole_task = p
                .text
                .get(r.start..continued_end(&p.text, r.end))
                .unwrap_or(text);
            let found = found.or_else(|| self.fields.vague_times(whole_task).into_iter().next());
            if let Some(d) = found {
                self.set_task(t, TaskColumn::Deadline, val(p, shift(d, r.start)));
            }
        }
        // The closing parenthesis of the whole item, which may end a later line.
        let item = p.text.get(r.start..).unwrap_or("");
        if t.owner.is_none()
            && let Some(o) = closing_paren_owner(item, |g| {
                self.fields.is_vague_owner(g)
                    || (g.contains(['/', '+']) && g.split_whitespace().count() <= 3)
            })
        {
            t.owner = Some(val(p, shift(o, r.start)));
        }
        // `Team: Reflect on …`, `Design: Document the examples …`: a group named before the
        // task is its owner.
        if t.owner.is_none()
            && let Some((k, v)) = key_value(text)
            && self.fields.task_column(&text[k.clone()]).is_none()
            && !self.fields.is_action_label(&text[k.clone()])
            && (is_name_like(&text[k.clone()]) || self.fields.is_vague_owner(&text[k.clone()]))
            && text[k.clone()].split_whitespace().count() <= 3
        {
            t.owner = Some(val(p, shift(k, r.start)));
            t.text = Some(val(p, shift(v, r.start)));
        }
        // `… **completed**`, `… — Done`: a closing status word ends the task, or stands in
        // bold anywhere in it (`-**completed** Team opted not to`).
        let emphasised = |w: &Range<usize>| {
            p.to_source(shift(w.clone(), r.start)).is_some_and(|s| {
                let src = self.doc.source.as_bytes();
                s.start > 0 && matches!(src[s.start - 1], b'*' | b'_')
            })
        };
        let in_text = words(text).len();
        if t.status.is_none()
            && let Some(w) = words(item)
                .into_iter()
                .enumerate()
                .find(|(n, w)| {
                    (*n + 1 == in_text || emphasised(w))
                        && self.fields.is_closed_status(&item[w.clone()])
                })
                .map(|(_, w)| w)
        {
            t.status = Some(val(p, shift(w.clone(), r.start)));
        }
    }

    fn new_task(anchor: Range<usize>, checked: Option<bool>) -> Task {
        Task {
            anchor,
            text: None,
            owner: None,
            deadline: None,
            deadline_date: None,
            status: None,
            checked,
        }
    }

    pub(super) fn tasks(&mut self) {
        let doc = self.doc;
        let bodies = self.bodies("action-items");
        let in_tasks = |at: usize| bodies.iter().any(|b| b.contains(&at));
        let mut tasks = Vec::new();
        for body in &bodies {
            for (ti, t) in doc
                .tables
                .iter()
                .enumerate()
                .filter(|(_, t)| body.contains(&t.span.start))
            {
                if !self.table_tasks(t, &mut tasks) && !t.rows.is_empty() {
                    self.content.unreadable_tables.push(super::UnreadableTable {
                        table: ti,
                        header: super::entries::header_span(t),
                        section: "Action Items",
                        needs: "two of Task, Owner, Deadline and Status",
                    });
                }
            }
            // The task the previous top-level item made, which an item holding only its
            // fields continues (`1. Develop deeper testing …` then `  * Status: Planned`,
            // indented too little to nest).
            let mut last_item_task: Option<usize> = None;
            for (i, item) in doc.items.iter().enumerate() {
                if item.parent.is_some() || !body.contains(&item.span.start) {
                    continue;
                }
                if let Some(prev) = last_item_task.and_then(|ix| tasks.get_mut(ix))
                    && self.holds_only_task_fields(item)
                {
                    let runs = std::iter::once(i)
                        .chain(self.children.get(i).into_iter().flatten().copied())
                        .filter_map(|c| doc.items.get(c))
                        .flat_map(|c| c.prose.iter().filter_map(|&p| doc.prose.get(p)));
                    for p in runs {
                        self.task_lines(prev, p, Role::Nested);
                    }
                    continue;
                }
                last_item_task = None;
                let first_line = item
                    .prose
                    .first()
                    .and_then(|&p| doc.prose.get(p))
                    .map_or(item.span.clone(), |p| p.span.clone());
                let mut task = Self::new_task(first_line, item.task);
                for &p in &item.prose {
                    if let Some(p) = doc.prose.get(p) {
                        self.task_lines(&mut task, p, Role::Text);
                    }
                }
                if let Some(p) = item.prose.first().and_then(|&p| doc.prose.get(p)) {
                    self.task_sentence(&mut task, p);
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
                            self.task_lines(&mut task, p, Role::Nested);
                        }
                    }
                }
                if self.is_a_task(&task) {
                    tasks.push(task);
                    last_item_task = Some(tasks.len() - 1);
                }
            }
        }
        // Paragraphs in Action Items that are tasks, and lines labelled as actions anywhere:
        // `Action Item: …`, `**Action**: Jenn to update the poll …`.
        for (pi, p) in doc.prose.iter().enumerate() {
            let labelled_only = !in_tasks(p.span.start);
            match p.context {
                ProseContext::Paragraph => {}
                ProseContext::ListItem(_) if labelled_only => {}
                _ => continue,
            }
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                let labelled = self.fields.may_open_action_label(l)
                    && key_value(l).is_some_and(|(k, _)| self.fields.is_action_label(&l[k]));
                if !labelled && (labelled_only || template_task(l).is_none()) {
                    continue;
                }
                let mut task = Self::new_task(val(p, line.clone()).span, None);
                if template_task(l).is_some() {
                    self.task_part(&mut task, p, line.clone(), Role::Text);
                } else {
                    // `**Action :** Recruit a secretary - Allison`: the task after its label,
                    // then its parts.
                    let from = key_value(l)
                        .filter(|(k, _)| self.fields.is_action_label(&l[k.clone()]))
                        .map_or(0, |(_, v)| v.start);
                    let body = &l[from..];
                    for (i, part) in parts(body).into_iter().enumerate() {
                        let role = if i == 0 { Role::Text } else { Role::Part };
                        self.task_part(&mut task, p, shift(part, line.start + from), role);
                    }
                }
                self.task_sentence(&mut task, p);
                if task.status.is_none() {
                    task.status = self.status_line_after(pi, line.end);
                }
                if self.is_a_task(&task) {
                    tasks.push(task);
                }
            }
        }
        tasks.sort_by_key(|t| t.anchor.start);
        tasks.dedup_by(|a, b| a.anchor == b.anchor);
        let mut groups = std::collections::HashMap::new();
        for t in &mut tasks {
            if t.deadline.is_none() {
                self.deadline_from_heading(t);
            }
            if t.owner.is_none() || t.deadline.is_none() {
                self.fields_from_group(t, &mut groups);
            }
        }
        for t in &tasks {
            if let Some(d) = &t.deadline {
                self.collect_vague(d);
            }
        }
        self.content.tasks = tasks;
    }

    /// Whether what was read is a task: not "None", not wholly template text (that is
    /// `unfilled-placeholder`'s to report).
    fn is_a_task(&self, t: &Task) -> bool {
        let Some(text) = filled(&t.text) else {
            return t.owner.is_some() || t.deadline.is_some();
        };
        if self.fields.says_no_issues(&text.text) {
            return false;
        }
        let template: usize = self.placeholders.ranges(&text.text).map(|r| r.len()).sum();
        template * 2 < text.text.trim().len()
    }

    /// The tasks of a table whose header names at least two task columns (false: it names
    /// fewer, and nothing is read).
    fn table_tasks(&self, t: &super::super::Table, tasks: &mut Vec<Task>) -> bool {
        let cols: Vec<Option<TaskColumn>> = t
            .header
            .iter()
            .map(|h| self.fields.task_column(&h.text))
            .collect();
        if cols.iter().flatten().count() < 2 {
            return false;
        }
        for row in &t.rows {
            let (Some(first), Some(last)) = (row.first(), row.last()) else {
                continue;
            };
            let mut task =
                Self::new_task(first.span.start..last.span.end.max(first.span.start), None);
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
            if self.is_a_task(&task) {
                tasks.push(task);
            }
        }
        true
    }
}

/// An owner in a closing parenthesis (at the end, or before the deadline): `(Tif + Dev Team)`, `(Jerome, maybe use Quality sync)`,
/// `(Jenn to write issue)`, `(team)`, `(design/dev)` — the name words that open its first
/// comma piece, or a short lowercase piece that names a group.
/// Where a task that ends its line at `end` ends with the lines that continue it: up to
/// the next line that opens with a label (`ACTION: …`, `Owner: …`) or the run's end.
fn continued_end(text: &str, end: usize) -> usize {
    let Some(rest) = text.get(end..) else {
        return end;
    };
    let mut at = end;
    for (i, line) in rest.split('\n').enumerate() {
        if i > 0 && key_value(line.trim_start()).is_some() {
            return at.saturating_sub(1).max(end);
        }
        at += line.len() + 1;
    }
    text.len()
}

fn closing_paren_owner(text: &str, is_group: impl Fn(&str) -> bool) -> Option<Range<usize>> {
    let t = text.trim_end().trim_end_matches('.');
    // The last parenthesis, at the end or before the deadline (`(Tif) by April 12`).
    let close = t.rfind(')')?;
    let after = t[close + 1..].trim_start().to_ascii_lowercase();
    if !(after.is_empty()
        || ["by ", "due ", "before "]
            .iter()
            .any(|c| after.starts_with(c)))
    {
        return None;
    }
    let inner_end = close;
    let open = t[..inner_end].rfind('(')?;
    let inner = &t[open + 1..inner_end];
    let piece = inner.split([',', ';']).next()?;
    let lead = piece.len() - piece.trim_start().len();
    let piece = piece.trim();
    let start = open + 1 + lead;
    if is_name_like(piece) || is_group(piece) {
        return Some(start..start + piece.len());
    }
    // `Jerome spin up issue`, `Dev + Product to sync on …`: the name words before the verb.
    let ws = words(piece);
    let names = ws
        .iter()
        .take_while(|w| {
            let word = &piece[(*w).clone()];
            is_name_word(word)
        })
        .count();
    let gap_ok = |a: &Range<usize>, b: &Range<usize>| {
        piece[a.end..b.start]
            .chars()
            .all(|c| matches!(c, ' ' | '+' | '&' | '/'))
    };
    if names == 0
        || names == ws.len()
        || !ws
            .windows(2)
            .take(names.saturating_sub(1))
            .all(|w| gap_ok(&w[0], &w[1]))
    {
        return None;
    }
    let end = ws[names - 1].end;
    Some(start..start + end)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{content, s};
    use super::super::*;

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
    fn tasks_in_the_words_people_use() {
        let src = "# Report\n\n## Time Period\n\nApril 2025\n\n## Action Items\n\nAction Item: Anna Schmidt to send the plan by April 4, 2025.\n\n- Anna Schmidt will send the budget by April 4, 2025.\n- Dave to ping Bob — due: soon\n- [ ] Book the venue — Owner: Sam Lee — Due: -\n- [ ] Print the badges — Owner: me — Due: Friday\n- [ ] Update the docs — https://example.com/docs\n- [ ] Fix the login\n  - see the ticket for details\n- Review Dev template (Tif + Dev Team)\n- [x] Send the invoice\n\n| Action Item (AI) | AI POC | AI Date | Due Date |\n| --- | --- | --- | --- |\n| Renew the certificate | Priya Nair | 4/1/2025 | 4/30/2025 |\n\n## Notes\n\n**Action**: Jenn to update the Doodle poll.\n";
        let c = content(src);
        let got: Vec<(&str, &str, &str)> = c
            .tasks
            .iter()
            .map(|t| (s(src, &t.text), s(src, &t.owner), s(src, &t.deadline)))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Anna Schmidt to send the plan by April 4, 2025.",
                    "Anna Schmidt",
                    "April 4, 2025"
                ),
                (
                    "Anna Schmidt will send the budget by April 4, 2025.",
                    "Anna Schmidt",
                    "April 4, 2025"
                ),
                ("Dave to ping Bob", "Dave", "soon"),
                ("Book the venue", "Sam Lee", "Due"),
                ("Print the badges", "me", "Friday"),
                ("Update the docs", "<none>", "<none>"),
                ("Fix the login", "<none>", "<none>"),
                (
                    "Review Dev template (Tif + Dev Team)",
                    "Tif + Dev Team",
                    "<none>"
                ),
                ("Send the invoice", "<none>", "<none>"),
                ("Renew the certificate", "Priya Nair", "4/30/2025"),
                ("Jenn to update the Doodle poll.", "Jenn", "<none>"),
            ]
        );
        assert!(c.tasks[3].deadline.as_ref().is_some_and(Val::is_empty));
        assert_eq!(c.tasks[8].checked, Some(true));
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
}
