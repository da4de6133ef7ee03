//! What a task takes from around it: a deadline from its section's heading (`## Sprint Goals
//! 1/9/2022 - 1/20/2022`), a group's owner and deadline stated once as headings beside it
//! (`### Leads:`, `##### Expected date of completion: …`), a status on the line after a
//! labelled action (`Completed : …`), and the list item that holds only its fields.

use std::collections::HashMap;
use std::ops::Range;

use super::super::ProseContext;
use super::toolkit::{key_value, shift, val};
use super::{Cx, Task, Val};
use crate::data::fields::TaskColumn;

impl Cx<'_, '_> {
    /// Whether a list item's text opens with an owner, deadline or status field (`Status:
    /// Planned for 1.5`): a task's details, not a task.
    pub(super) fn holds_only_task_fields(&self, item: &super::super::ListItem) -> bool {
        let Some(p) = item.prose.first().and_then(|&p| self.doc.prose.get(p)) else {
            return false;
        };
        let line = p.text.split('\n').next().unwrap_or("");
        key_value(line).is_some_and(|(k, _)| {
            matches!(
                self.fields.task_column(&line[k]),
                Some(TaskColumn::Owner | TaskColumn::Deadline | TaskColumn::Status)
            )
        })
    }

    /// A status stated on the line after a labelled action, its own paragraph or the next
    /// line of the action's: `Completed : Added this budget line`.
    pub(super) fn status_line_after(&self, prose: usize, line_end: usize) -> Option<Val> {
        let doc = self.doc;
        let p = doc.prose.get(prose)?;
        let (q, from) = match p.text.get(line_end + 1..) {
            Some(rest) if !rest.trim().is_empty() => (p, line_end + 1),
            _ => {
                let q = doc.prose.get(prose + 1)?;
                (q.context == ProseContext::Paragraph).then_some((q, 0))?
            }
        };
        let rest = q.text.get(from..)?;
        let line = rest.split('\n').next()?;
        let (k, _) = key_value(line)?;
        self.fields
            .is_closed_status(&line[k.clone()])
            .then(|| val(q, shift(k, from)))
    }

    /// The prose run of a section's heading.
    fn heading_prose(&self, section: &super::super::Section) -> Option<&super::super::Prose<'_>> {
        let doc = self.doc;
        doc.headings
            .get(section.heading)?
            .prose
            .and_then(|p| doc.prose.get(p))
    }

    /// The innermost section holding a byte: the last to start before it, or the nearest
    /// of its parents that still holds it.
    fn innermost_section(&self, at: usize) -> Option<usize> {
        let doc = self.doc;
        let last = doc.sections.partition_point(|s| s.span.start <= at);
        let mut candidate = last.checked_sub(1);
        while let Some(i) = candidate {
            if doc.sections[i].body.contains(&at) {
                break;
            }
            candidate = doc.sections[i].parent;
        }
        candidate
    }

    /// A group's owner and deadline stated once for all its tasks, as headings beside the
    /// tasks' own (`# Milestone` → `### Leads:` with a list of names, `### Tasks:`, `#####
    /// Expected date of completion: Week 1 - October 17`): another heading in the group that
    /// names a task column gives its value (after a colon, or its section's text) to each
    /// task of the group that lacks it. A group is read once, whatever its number of tasks.
    pub(super) fn fields_from_group(&self, t: &mut Task, groups: &mut HashMap<usize, GroupFields>) {
        let Some(own) = self.innermost_section(t.anchor.start) else {
            return;
        };
        let fields = groups.entry(own).or_insert_with(|| self.group_fields(own));
        if t.owner.is_none()
            && let Some(v) = &fields.owner
        {
            self.set_task(t, TaskColumn::Owner, v.clone());
        }
        if t.deadline.is_none()
            && let Some(v) = &fields.deadline
        {
            self.set_task(t, TaskColumn::Deadline, v.clone());
        }
    }

    /// The owner and deadline the other headings of section `own`'s group state (the first
    /// of each).
    fn group_fields(&self, own: usize) -> GroupFields {
        let doc = self.doc;
        let mut out = GroupFields::default();
        let Some(parent) = doc.sections.get(own).and_then(|s| s.parent) else {
            return out;
        };
        let group = doc.sections[parent].body.clone();
        // Sections are in source order: the group's are a run of them. Any heading in the
        // group but the tasks' own counts (`##### Expected date` may sit under a `### Notes`
        // beside `### Tasks`).
        let first = doc.sections.partition_point(|s| s.span.start < group.start);
        let members = doc.sections[first..]
            .iter()
            .enumerate()
            .take_while(|(_, s)| s.span.start < group.end)
            .filter(|&(i, _)| first + i != own);
        for (_, sib) in members {
            let Some(p) = self.heading_prose(sib) else {
                continue;
            };
            let text = p.text.as_ref();
            let (key, value) = match text.find(':') {
                Some(c) => (&text[..c], c + 1..text.len()),
                None => (text, text.len()..text.len()),
            };
            let slot = match self.fields.task_column(key.trim()) {
                Some(TaskColumn::Owner) => &mut out.owner,
                Some(TaskColumn::Deadline) => &mut out.deadline,
                _ => continue,
            };
            if slot.is_some() {
                continue;
            }
            let value = trim_range(text, value);
            let v = if !value.is_empty() {
                Some(val(p, value))
            } else {
                // The section's text: its first list item or paragraph.
                doc.prose_in(sib.body.clone())
                    .map(|(_, q)| q)
                    .find(|q| !q.text.trim().is_empty())
                    .map(|q| val(q, 0..q.text.trim_end().len()))
            };
            *slot = v.filter(|v| !v.is_empty());
        }
        out
    }

    /// A task in a section whose heading states a range (`## Sprint Goals 1/9/2022 -
    /// 1/20/2022`) is due at the range's end.
    pub(super) fn deadline_from_heading(&self, t: &mut Task) {
        let doc = self.doc;
        let Some(section) = self
            .innermost_section(t.anchor.start)
            .and_then(|i| doc.sections.get(i))
        else {
            return;
        };
        let Some(p) = self.heading_prose(section) else {
            return;
        };
        let Some(Ok(m)) = super::super::dates::parse_period(&p.text, None) else {
            return;
        };
        if m.start == m.end {
            return;
        }
        let Some(span) = p.to_source(m.range.clone()) else {
            return;
        };
        let end = self
            .content
            .dates
            .iter()
            .rfind(|d| d.span.start >= span.start && d.span.end <= span.end)
            .cloned();
        t.deadline = Some(Val {
            text: p.text.get(m.range).unwrap_or("").to_string(),
            span,
        });
        t.deadline_date = end;
    }
}

/// A range of `text` without the whitespace at its ends.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let part = &text[r.clone()];
    let start = r.start + (part.len() - part.trim_start().len());
    start..start + part.trim().len()
}

/// What a group's headings state for all its tasks (see [`Cx::fields_from_group`]).
#[derive(Default)]
pub(super) struct GroupFields {
    owner: Option<Val>,
    deadline: Option<Val>,
}
