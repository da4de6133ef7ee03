//! The content rules end to end: behaviour that fixtures alone do not show.

mod common;

use std::path::Path;

use assert_cmd::Command;
use ccr_lint::settings::{Overrides, Settings};
use ccr_lint::{Applicability, lint, lint_path};

fn settings(select: &str) -> Settings {
    let overrides = Overrides {
        select: Some(vec![select.to_string()]),
        ignore: Vec::new(),
        today: Some(common::fixture_today()),
    };
    Settings::without_config(&overrides).expect("default settings")
}

const LINKED: &str =
    "# R\n\n## Attachments\n\n- [Missing](attachments/nope.pdf)\n- [Site](https://example.com)\n";

#[test]
fn links_are_not_checked_without_a_path() {
    let s = settings("broken-attachment-link");
    assert!(
        lint(LINKED, &s).is_empty(),
        "stdin without --stdin-filename has no folder to resolve against"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let diags = lint_path(LINKED, Some(&dir.path().join("report.md")), &s);
    assert_eq!(diags.len(), 1);
    assert_eq!(&LINKED[diags[0].span.clone()], "attachments/nope.pdf");
    std::fs::create_dir(dir.path().join("attachments")).expect("mkdir");
    std::fs::write(dir.path().join("attachments/nope.pdf"), b"%PDF").expect("write");
    assert!(lint_path(LINKED, Some(&dir.path().join("report.md")), &s).is_empty());
}

#[test]
fn date_rewrites_keep_the_date_and_settle_in_one_round() {
    let s = settings("inconsistent-date-format");
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/inconsistent-date-format/bad-mixed.md"),
    )
    .expect("fixture");
    let diags = lint(&src, &s);
    assert_eq!(diags.len(), 2);
    let mut edits: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .inspect(|f| assert_eq!(f.applicability, Applicability::Unsafe))
        .flat_map(|f| f.edits.clone())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut fixed = src.clone();
    for e in edits {
        fixed.replace_range(e.span.clone(), &e.replacement);
    }
    assert!(fixed.contains("sent on June 20, 2024.") && fixed.contains("Due: July 8, 2024"));
    assert!(
        lint(&fixed, &s).is_empty(),
        "a second round finds nothing to rewrite"
    );
}

#[test]
fn json_output_carries_content_diagnostics() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/task-missing-owner/bad-table-empty.md");
    let out = Command::cargo_bin("ccr-lint")
        .expect("binary")
        .args([
            "--no-config",
            "--today",
            "2024-07-01",
            "--select",
            "CCR4",
            "--format",
            "json",
        ])
        .arg(&fixture)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diags = &json["files"][0]["diagnostics"];
    assert_eq!(diags[0]["code"], "CCR401");
    assert_eq!(
        diags[0]["message"],
        "task 'Send the two-year renewal option' has no owner"
    );
    assert_eq!(diags[0]["start"]["line"], 33);
}

/// One problem, one finding: an entry dated `yesterday` is reported once (vague-date, not
/// also entry-missing-date and entry-missing-time), and `Owner: TBD` once (a placeholder,
/// not also a vague owner).
#[test]
fn one_problem_gets_one_finding() {
    let all = Settings::without_config(&Overrides {
        select: None,
        ignore: Vec::new(),
        today: Some(common::fixture_today()),
    })
    .expect("default settings");
    for (src, needle, code) in [
        (
            "# R\n\n## Time Period\n\nJune 2024\n\n## Interaction Log\n\n- **yesterday** — Meeting — Participants: Ana Sousa — Summary: Pricing.\n",
            "**yesterday**",
            "CCR310",
        ),
        (
            "# R\n\n## Time Period\n\nJune 2024\n\n## Action Items\n\n- [ ] Send the plan — Owner: TBD — Due: July 5, 2024\n",
            "Owner: TBD",
            "CCR204",
        ),
    ] {
        let line_start = src.find(needle).expect("the needle is in the source");
        let line = line_start
            ..src[line_start..]
                .find('\n')
                .map_or(src.len(), |i| line_start + i);
        let on_line: Vec<String> = lint(src, &all)
            .into_iter()
            .filter(|d| d.span.start >= line.start && d.span.end <= line.end)
            .map(|d| d.rule.code.to_string())
            .collect();
        assert_eq!(on_line, [code], "{src}");
    }
}
