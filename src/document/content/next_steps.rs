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
        .build(r"(?i-u)\b(?:(?:within|in|by|before|after|during|over|next|this|end of|early|mid|late|the following)\s+(?:the\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|quarters?|years?|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday)|q[1-4](?:\s+\d{4})?|weekly|monthly|quarterly|daily|every\s+\w+)\b")
        .unwrap_or_else(|e| panic!("valid: {e}"))
});

impl Cx<'_, '_> {
    pub(super) fn next_steps(&mut self) {
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
