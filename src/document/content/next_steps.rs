//! Next Steps: records with a date or a timeframe.

use std::sync::LazyLock;

use super::{Cx, NextStep, Val};

static TIMEFRAME_RE: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    // ASCII classes (`-u`): the words are English, and it compiles in a third of the time.
    // No literal prefilter: the words it would look for (`in`, `by`, `this`, …) are in most
    // sentences, and extracting them was half the compile time, paid on any report with a
    // next step without a date.
    regex_automata::meta::Builder::new()
        .configure(regex_automata::meta::Config::new().auto_prefilter(false))
        .build(r"(?i-u)\b(?:(?:within|in|by|before|after|during|over|for|next|this|end of|early|mid|late|the following|the upcoming|the coming)\s+(?:the\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|quarters?|years?|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday)|q[1-4](?:\s+\d{4})?|weekly|monthly|quarterly|daily|every\s+\w+|(?:prior to|ahead of|in time for|before|after)\s+\w+)\b")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});

impl Cx<'_, '_> {
    pub(super) fn next_steps(&mut self) {
        let sections: Vec<usize> = self
            .kinds
            .iter()
            .find(|(k, _)| k == "next-steps")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let mut steps = Vec::new();
        for section in sections {
            // `Tasks for the upcoming week were assigned as follows:` gives every step below
            // it its timeframe (and a vague one is reported once, there).
            let lead = self.own_prose(section).into_iter().find_map(|i| {
                let p = self.doc.prose.get(i)?;
                (p.context == super::super::ProseContext::Paragraph
                    && p.text.trim_end().ends_with(':'))
                .then(|| (p.span.clone(), p.text.to_string()))
            });
            let lead_timeframe = lead.as_ref().is_some_and(|(span, text)| {
                let vague = !self.fields.vague_times(text).is_empty();
                if vague {
                    self.collect_vague(&Val {
                        text: text.clone(),
                        span: span.clone(),
                    });
                }
                vague || TIMEFRAME_RE.is_match(text)
            });
            for (span, text) in self.records(section) {
                // `**Dependencies** Track` with `No updates` under it: a group with nothing
                // planned, not a step.
                let mut under = text.lines().skip(1).filter(|l| !l.trim().is_empty());
                let nothing_under =
                    under.clone().next().is_some() && under.all(|l| self.fields.says_no_issues(l));
                if self.fields.says_no_issues(&text) || nothing_under {
                    continue;
                }
                let date = self
                    .content
                    .date_in(&span)
                    .filter(|d| d.date().is_some())
                    .cloned();
                let vague = !self.fields.vague_times(&text).is_empty();
                let timeframe = lead_timeframe || vague || TIMEFRAME_RE.is_match(&text);
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
        }
        steps.sort_by_key(|s| s.span.start);
        self.content.next_steps = steps;
    }
}
