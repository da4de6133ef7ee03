//! Property tests for the typed report view: it never panics on Markdown-like input, and
//! every span it extracts lies inside the source on character boundaries.

use std::ops::Range;

use ccr_lint::document::content::{Content, Period, Val};
use ccr_lint::{Document, Report, Settings};
use proptest::prelude::*;

/// Pieces of real reports, mixed with noise, so the parser's paths are all exercised.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Client Details\n".to_string()),
        Just("## Time Period\n".to_string()),
        Just("## Interaction Log\n".to_string()),
        Just("## Action Items\n".to_string()),
        Just("## Issues and Resolutions\n".to_string()),
        Just("## Next Steps\n".to_string()),
        Just("## Executive Summary\n".to_string()),
        Just("### June 16, 2024 — Meeting\n".to_string()),
        Just("- **Client:** Zoë Ünal\n".to_string()),
        Just("Primary Contact:\n".to_string()),
        Just("| Date | Time | Method | Participants | Summary |\n| --- | --- | --- | --- | --- |\n".to_string()),
        Just("| June 3, 2024 | 10:00 | Call | Jürgen | ok |\n".to_string()),
        Just("| | | | |\n".to_string()),
        Just("| Task | Owner | Deadline | Status |\n|---|---|---|---|\n| Send | We | 02/30/2024 | Done |\n".to_string()),
        Just("- **June 3, 2024, 10:00** — Phone call — Participants: Ana — Summary: x\n".to_string()),
        Just("  - Participants: Łukasz\n".to_string()),
        Just("- [ ] Send it — Owner: TBD — Due: next week\n".to_string()),
        Just("- [x] Ship (@Jane) — due June 20\n".to_string()),
        Just("Action Item: Confirm to be completed by Ana by July 5, 2024.\n".to_string()),
        Just("On June 2, 2024, a meeting was held with Jane regarding the plan.\n".to_string()),
        Just("June 1–30, 2024\n".to_string()),
        Just("June 30 – June 1, 2024 to Q3 2024\n".to_string()),
        Just("2024-06-01 to 2024-13-45\n".to_string()),
        Just("03/04/2024 and 16.06.2024 and 2:30 PM CET\n".to_string()),
        Just("[file](attachments/a%ZZ.pdf) <https://x.y>\n".to_string()),
        Just("**bold *nested `code` &amp; \\* —**\n".to_string()),
        Just("1. Share the runbook (Owner: Zoë, due July 5, 2024)\n".to_string()),
        Just("- Book it (Ana; due é2024, 20)\n".to_string()),
        Just("- **June 3, 2024, 10:00** Call with Ana Sousa: pricing\n".to_string()),
        Just("### Week 1\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("> - quoted item: June 5\n".to_string()),
        "[ -~]{0,30}\n",
        "[\\PC]{0,12}",
        "[—–|:*#\\-\\[\\]()@0-9 ]{0,20}",
    ]
}

fn report_source() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(fragment(), 0..40)).prop_map(|(bom, parts)| {
        let body = parts.concat();
        if bom { format!("\u{feff}{body}") } else { body }
    })
}

fn spans(c: &Content) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut val = |v: &Option<Val>| {
        if let Some(v) = v {
            out.push(v.span.clone());
        }
    };
    for e in &c.entries {
        for v in [
            &e.date_text,
            &e.time,
            &e.method,
            &e.participants,
            &e.summary,
        ] {
            val(v);
        }
    }
    for t in &c.tasks {
        for v in [&t.text, &t.owner, &t.deadline, &t.status] {
            val(v);
        }
    }
    for f in &c.client {
        out.push(f.key.span.clone());
        out.push(f.value.span.clone());
    }
    out.extend(c.entries.iter().map(|e| e.anchor.clone()));
    out.extend(c.tasks.iter().map(|t| t.anchor.clone()));
    out.extend(c.dates.iter().map(|d| d.span.clone()));
    out.extend(c.issues.iter().map(|i| i.span.clone()));
    out.extend(c.next_steps.iter().map(|n| n.span.clone()));
    out.extend(c.vague.iter().map(|v| v.span.clone()));
    match &c.period {
        Period::Valid { span, .. } | Period::Invalid { span, .. } => out.push(span.clone()),
        Period::Missing => {}
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn report_view_spans_lie_inside_the_source(src in report_source()) {
        let settings = Settings::default();
        let doc = Document::parse(&src);
        let report = Report::build_with(&doc, &settings);
        for span in spans(&report.content) {
            prop_assert!(span.start <= span.end && span.end <= src.len(), "span {span:?} outside a source of {} bytes", src.len());
            prop_assert!(src.get(span.clone()).is_some(), "span {span:?} is not on char boundaries");
        }
        // The rules over the view never panic either.
        let diags = ccr_lint::lint(&src, &settings);
        for d in diags {
            prop_assert!(src.get(d.span.clone()).is_some(), "{}: span {:?}", d.rule, d.span);
        }
    }
}
