//! Every output format over generated documents, very long lines and non-ASCII text
//! included: no renderer panics, human, concise, JSON, SARIF and GitHub give every
//! diagnostic the same line and column, and the human output's source lines fit the
//! terminal however long the line in the file.

mod common;

use ccr_lint::render::FileReport;
use ccr_lint::{Settings, lint};
use common::agree::check_every_format;
use proptest::prelude::*;

/// Pieces of reports, with lines far longer than a terminal (past miette's 65,535-column
/// limit too) and text whose characters are more than one byte.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Client Communication Report\n".to_string()),
        Just("## Executive Summary\n".to_string()),
        Just("## Interaction Log\n".to_string()),
        Just("- [ ] Send it — Owner: Zoë — Due: June 20, 2024\n".to_string()),
        Just("| Date | Method |\n| --- | --- |\n| June 3 | Call |\n".to_string()),
        Just("This is — gonna be fine, Zoë. We don't know ASAP!!\n".to_string()),
        Just("Due to the\nfact that [Client Name] is TBD,\r\n".to_string()),
        Just("\n\n".to_string()),
        (1usize..80).prop_map(|n| "Jürgen Weiß — 東京 😀 gonna ".repeat(n)),
        (1usize..40).prop_map(|n| format!(
            "{} gonna {}\n",
            "x".repeat(n * 1_000),
            "y".repeat(n * 10)
        )),
        (65_530usize..65_560).prop_map(|n| format!("{}gonna [Client Name]\n", "é".repeat(n / 2))),
        (60_000usize..70_000).prop_map(|n| format!("{} gonna\n", "x".repeat(n))),
        "[ -~]{0,60}\n?",
        "\\PC{0,30}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

fn check(source: String, width: usize) {
    let settings = Settings::default();
    let diagnostics = lint(&source, &settings);
    let file = FileReport {
        path: "reports/Zoë, June.md".to_string(),
        source,
        diagnostics,
    };
    let rendered = check_every_format(&file, width).unwrap_or_else(|e| panic!("{e}"));
    // Source lines (` 12 │ …`) fit the terminal; miette expands tabs, so lines with
    // them may not.
    for line in rendered.human.lines() {
        let is_source = line.split_once(" │ ").is_some_and(|(n, _)| {
            !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit())
        });
        if is_source && !line.contains('\t') {
            assert!(
                line.chars().count() <= width,
                "a source line of {} characters at width {width}:\n{line}",
                line.chars().count()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_format_agrees_on_every_line_and_column(src in document(), width in 40usize..160) {
        check(src, width);
    }
}

#[test]
fn a_finding_past_column_65535_in_every_format() {
    check(format!("{} gonna\n", "x".repeat(65_540)), 100);
    check(
        format!("# T\n\n{}— gonna {}\n", "é".repeat(70_000), "x".repeat(10)),
        80,
    );
}
