//! `ccr-lint init` and `ccr-lint new`, end to end.

use std::fs;

use assert_cmd::Command;
use ccr_lint::document::{Document, Report};
use ccr_lint::settings::{Overrides, Settings};
use ccr_lint::{Severity, lint};
use predicates::prelude::*;

fn ccr() -> Command {
    Command::cargo_bin("ccr-lint").expect("the binary is built by cargo test")
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    ccr().current_dir(dir.path()).arg("init").assert().code(0);
    let path = dir.path().join(".ccr-lint.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("# summary-words = 150"), "{text}");
    // The written file is the config every report under it is linted with.
    fs::write(
        dir.path().join("r.md"),
        include_str!("fixtures/clean/list-form.md"),
    )
    .unwrap();
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--today", "2024-07-01"])
        .assert()
        .code(0);

    fs::write(&path, "# mine\n").unwrap();
    ccr()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already exists; use --force to overwrite it",
        ));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\n");
    ccr()
        .current_dir(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

fn skeleton(args: &[&str]) -> String {
    let out = ccr()
        .arg("new")
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn new_with_every_field_has_no_error_but_its_placeholders() {
    let text = skeleton(&[
        "--client",
        "Northwind Logistics",
        "--company",
        "Northwind Logistics S.A.",
        "--contact",
        "Élodie Marchand",
        "--period",
        "June 1–30, 2024",
    ]);
    assert!(text.contains("This report summarizes interactions with Northwind Logistics from June 1, 2024 to June 30, 2024."));
    assert!(text.contains("Action Item: [Task] to be completed by [Owner] by [Date]."));
    assert!(
        text.contains("A follow-up meeting is scheduled for [Date] to further discuss [Topic].")
    );
    assert!(text.contains("- **Primary Contact:** Élodie Marchand"));
    assert!(
        text.contains("| Date | Time | Method | Participants | Summary |"),
        "entries in table form"
    );

    let overrides = Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ..Overrides::default()
    };
    let settings = Settings::without_config(&overrides).unwrap();
    // All eight sections, canonical, at one level.
    let doc = Document::parse(&text);
    let report = Report::build(&doc, &settings.data.sections);
    let mut kinds: Vec<usize> = report.sections.iter().map(|f| f.kind).collect();
    kinds.dedup();
    assert_eq!(
        kinds,
        (0..settings.data.sections.sections.len()).collect::<Vec<_>>()
    );

    let diags = lint(&text, &settings);
    let placeholders: Vec<_> = diags
        .iter()
        .filter(|d| d.rule.name == "unfilled-placeholder")
        .map(|d| d.span.clone())
        .collect();
    assert!(
        !placeholders.is_empty(),
        "the skeleton leaves placeholders to fill in"
    );
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let on_placeholder = placeholders
            .iter()
            .any(|p| p.start < d.span.end.max(d.span.start + 1) && d.span.start < p.end);
        assert!(
            d.rule.name == "unfilled-placeholder" || on_placeholder,
            "an error the skeleton should not have: {} {} at {:?} ({:?})",
            d.rule.code,
            d.message,
            d.span,
            text.get(d.span.clone())
        );
    }
    for d in diags.iter().filter(|d| d.severity == Severity::Warning) {
        assert!(
            d.rule.name != "missing-section" && d.rule.name != "unused-suppression",
            "{d:?}"
        );
    }
}

#[test]
fn new_without_fields_leaves_placeholders_and_writes_files_carefully() {
    let text = skeleton(&[]);
    assert!(text.contains("- **Client:** [Client Name]"));
    assert!(text.contains("[Start Date] – [End Date]"));

    let dir = tempfile::tempdir().unwrap();
    ccr()
        .current_dir(dir.path())
        .args(["new", "--client", "Contoso", "-o", "june.md"])
        .assert()
        .code(0);
    let written = fs::read_to_string(dir.path().join("june.md")).unwrap();
    assert!(written.contains("- **Client:** Contoso"));
    ccr()
        .current_dir(dir.path())
        .args(["new", "-o", "june.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "june.md already exists; use --force to overwrite it",
        ));
    assert_eq!(
        fs::read_to_string(dir.path().join("june.md")).unwrap(),
        written
    );
    ccr()
        .current_dir(dir.path())
        .args(["new", "-o", "june.md", "--force"])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(dir.path().join("june.md"))
            .unwrap()
            .contains("[Client Name]")
    );
}
