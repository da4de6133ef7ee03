//! Properties over generated input: linting never panics, and every span lies inside the
//! input on UTF-8 boundaries with line/column consistent with it.

use ccr_lint::document::LineIndex;
use ccr_lint::{Settings, lint};
use proptest::prelude::*;

/// Pieces real reports (and broken ones) are made of, stitched at random.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Client Communication Report\n".to_string()),
        Just("## Executive Summary\n".to_string()),
        Just("## 2. Client Info:\n".to_string()),
        Just("### June 16, 2024 — Meeting\n".to_string()),
        Just("Setext\n------\n".to_string()),
        Just("- [ ] Send it — Owner: Zoë — Due: June 20, 2024\n".to_string()),
        Just("  - nested: [Client Name]\n".to_string()),
        Just("| Date | Method |\n| --- | --- |\n| June 3 | Call |\n".to_string()),
        Just("| a | b\n".to_string()),
        Just("```\nTODO\n".to_string()),
        Just("> quote **bold _it".to_string()),
        Just("<!-- ccr-lint-disable CCR1 -->\n".to_string()),
        Just("<div>\n".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("[link](attachments/a.pdf) [ref][1] [^1]\n\n[1]: http://x\n[^1]: note\n".to_string()),
        Just("Text &amp; \\* `code` https://example.com/TBD\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\n\n".to_string()),
        "[ -~]{0,40}\n?",
        "\\PC{0,20}",
    ]
}

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_piece(), 0..30).prop_map(|v| v.concat())
}

fn check_spans(src: &str) {
    let settings = Settings::default();
    let index = LineIndex::new(src);
    for d in lint(src, &settings) {
        assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{:?} outside {}",
            d.span,
            src.len()
        );
        assert!(
            src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{:?} splits a char",
            d.span
        );
        let start = index.line_col(src, d.span.start);
        let end = index.line_col(src, d.span.end);
        assert!((start.line, start.column) <= (end.line, end.column));
        let line_start = index.line_start(start.line - 1);
        assert_eq!(
            src[line_start..d.span.start].chars().count() + 1,
            start.column
        );
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    e.span.end <= src.len()
                        && src.is_char_boundary(e.span.start)
                        && src.is_char_boundary(e.span.end)
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_reports_never_panic_and_spans_are_exact(src in report()) {
        check_spans(&src);
    }

    #[test]
    fn arbitrary_text_never_panics(src in "\\PC{0,300}") {
        check_spans(&src);
    }

    #[test]
    fn arbitrary_bytes_are_decoded_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = ccr_lint::document::decode(bytes) {
            check_spans(&text);
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let lists: String = (0..10_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i % 200)))
        .collect();
    check_spans(&lists);
    let quotes = format!("{} deep\n", ">".repeat(10_000));
    check_spans(&quotes);
    let brackets = "[".repeat(50_000);
    check_spans(&brackets);
}
