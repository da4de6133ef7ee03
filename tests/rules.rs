//! Fixture reports per rule, with snapshots of the rendered diagnostics.
//!
//! Layout: `tests/fixtures/<rule-name>/<case>.md` is linted with only that rule enabled
//! (`tests/fixtures/clean/` with every rule). Names carry the expectation:
//! `bad-*` must produce at least one diagnostic of the rule, `ok-*` none at all;
//! every clean report must produce no error or warning. A `<case>.toml` beside a fixture
//! is its config.

mod common;

use std::path::Path;

use ccr_lint::{Severity, fix, rules};
use common::{lint_file, render_human, settings_for};

fn rel(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

#[test]
fn rule_fixtures() {
    insta::glob!("fixtures/*/*.md", |path| {
        let dir = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let case = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let select = (dir != "clean").then_some(dir);
        if let Some(rule) = select {
            assert!(
                rules::find(rule).is_some(),
                "fixture folder {dir} is not a rule name"
            );
        }
        let settings = settings_for(path, select);
        let (source, diags) = lint_file(path, &settings);
        let shown = rel(path);
        if dir == "clean" {
            let serious: Vec<_> = diags
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
                .collect();
            assert!(
                serious.is_empty(),
                "{shown}: clean report has errors or warnings: {serious:#?}"
            );
        } else if case.starts_with("bad") {
            assert!(
                diags.iter().any(|d| d.rule.name == dir),
                "{shown}: expected {dir} to fire"
            );
        } else if case.starts_with("ok") {
            assert!(
                diags.is_empty(),
                "{shown}: expected no diagnostics, got {diags:#?}"
            );
        }
        for d in &diags {
            assert!(
                source.get(d.span.clone()).is_some(),
                "{shown}: span {:?} is not on char boundaries",
                d.span
            );
        }
        insta::assert_snapshot!(render_human(&shown, &source, diags));
    });
}

/// For every fixture whose diagnostics carry fixes that `--fix` (or `--fix --unsafe-fixes`)
/// applies, the fixed text is snapshotted, and fixing it again changes nothing.
#[test]
fn fixture_fixes() {
    insta::glob!("fixtures/*/*.md", |path| {
        let dir = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let select = (dir != "clean").then_some(dir);
        let settings = settings_for(path, select);
        let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let shown = rel(path);
        let mut parts = Vec::new();
        for (label, unsafe_fixes) in [("--fix", false), ("--fix --unsafe-fixes", true)] {
            let once = fix::fix(&source, Some(path), &settings, unsafe_fixes);
            assert!(
                once.unsettled.is_empty(),
                "{shown}: fixes did not settle: {:?}",
                once.unsettled
            );
            let twice = fix::fix(&once.text, Some(path), &settings, unsafe_fixes);
            assert_eq!(twice.text, once.text, "{shown}: {label} is not idempotent");
            assert_eq!(
                twice.fixed_count(),
                0,
                "{shown}: {label} left fixable diagnostics"
            );
            if once.changed(&source) {
                let fixed: Vec<String> =
                    once.fixed.iter().map(|(r, n)| format!("{n} {r}")).collect();
                parts.push(format!(
                    "===== after {label} (fixed: {}) =====\n{}",
                    fixed.join(", "),
                    once.text
                ));
            }
        }
        if !parts.is_empty() {
            insta::assert_snapshot!(parts.join("\n"));
        }
    });
}

#[test]
fn every_fixture_folder_names_a_rule_and_every_rule_has_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    dirs.sort();
    for meta in rules::all() {
        let dir = root.join(meta.name);
        let has_bad = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .any(|e| e.file_name().to_string_lossy().starts_with("bad"))
            })
            .unwrap_or(false);
        assert!(
            has_bad,
            "rule {} {} has no bad-* fixture in tests/fixtures/{}/",
            meta.code, meta.name, meta.name
        );
    }
}

#[test]
fn every_rule_documents_itself() {
    for meta in rules::all() {
        let doc = meta.documentation();
        for heading in ["## What it checks", "## Why", "## Example", "## Fix safety"] {
            assert!(
                doc.contains(heading),
                "{} {} lacks '{heading}' in its doc comment",
                meta.code,
                meta.name
            );
        }
        assert!(
            meta.code.starts_with("CCR") && meta.code.len() == 6,
            "{}: code must be CCRnnn",
            meta.code
        );
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: name must be kebab-case",
            meta.name
        );
    }
}

#[test]
fn codes_and_names_are_unique_and_sorted() {
    let metas: Vec<_> = rules::all().collect();
    for pair in metas.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "registry must be in code order: {} then {}",
            pair[0].code,
            pair[1].code
        );
    }
    let mut names: Vec<_> = metas.iter().map(|m| m.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), metas.len(), "rule names must be unique");
}
