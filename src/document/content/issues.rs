//! Issues and Resolutions: table rows with a resolution or status column, and records
//! (items, sub-sections, paragraphs) with a status word.

use super::{Cx, Issue};

impl Cx<'_, '_> {
    pub(super) fn issues(&mut self) {
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
}
