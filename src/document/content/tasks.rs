//! Tasks in Action Items: table rows, list items (task lists, parts after dashes, a
//! parenthesis of parts, `(@owner)`), and the template sentence `… to be completed by …`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::{Prose, ProseContext};
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
    pub(super) fn task_part(&self, t: &mut Task, p: &Prose, r: Range<usize>, first: bool) {
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
        if (super::super::contains_ignore_ascii_case(text, "due")
            || super::super::contains_ignore_ascii_case(text, "by"))
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

    pub(super) fn task_lines(&self, t: &mut Task, p: &Prose, first_line_is_task: bool) {
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

    pub(super) fn tasks(&mut self) {
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
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{content, s};
    use super::super::*;

    #[test]
    pub(super) fn tasks_in_every_form() {
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
    pub(super) fn an_empty_field_points_at_its_key() {
        let src = "## Action Items\n\n- [ ] Send it — Owner: — Due: July 1, 2024\n";
        let c = content(src);
        let owner = c.tasks[0].owner.as_ref().expect("an owner key");
        assert!(owner.is_empty());
        assert_eq!(&src[owner.span.clone()], "Owner");
    }

    #[test]
    pub(super) fn task_parts_in_a_parenthesis() {
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
