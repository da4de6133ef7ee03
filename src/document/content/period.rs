//! The reporting period: the Time Period section, else the title, the summary or a
//! `Reporting Period:` line anywhere.

use std::ops::Range;

use super::super::Prose;
use super::super::dates::{self, DateContext};
use super::toolkit::{key_value, lines, shift};
use super::{Cx, Period};
use crate::settings::DateOrder;

impl Cx<'_, '_> {
    pub(super) fn period(&mut self, order: Option<DateOrder>) {
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
}

#[cfg(test)]
mod tests {
    use super::super::test_util::content;
    use super::super::*;

    #[test]
    pub(super) fn a_period_line_under_the_title() {
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
}
