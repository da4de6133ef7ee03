//! What the binary says when a run fails or it refuses something, end to end: every
//! failure names its reason.

mod common;

use std::fs;

use common::{ccr, repo, write};
use predicates::prelude::*;

const CLEAN: &str = include_str!("fixtures/clean/list-form.md");

/// The clean report without its Attachments section: one warning, nothing else.
fn without_attachments() -> String {
    CLEAN
        .split("## Attachments")
        .next()
        .expect("fixture has attachments")
        .to_string()
}

#[test]
fn too_many_warnings_says_why_the_run_failed() {
    let dir = repo();
    write(dir.path(), "r.md", &without_attachments());
    let run = |args: &[&str]| {
        ccr()
            .current_dir(dir.path())
            .args(["r.md", "--select", "CCR101", "--color", "never"])
            .args(args)
            .assert()
            .code(1)
    };
    run(&["--max-warnings", "0"]).stdout(predicate::str::contains(
        "Found 0 errors, 1 warning, 0 infos in 1 file. 1 more with --fix --unsafe-fixes.\n\
         Failed: 1 warning, more than --max-warnings 0 allows.\n",
    ));
    run(&["--deny-warnings"]).stdout(predicate::str::contains(
        "Failed: 1 warning, and --deny-warnings fails on any.\n",
    ));
    // Machine-readable output stays parseable: the reason goes to standard error.
    let out = run(&["--max-warnings", "0", "--format", "json"])
        .stderr(predicate::str::contains(
            "Failed: 1 warning, more than --max-warnings 0 allows.",
        ))
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice::<serde_json::Value>(&out).expect("stdout is JSON");
    // --quiet prints no summary line; the reason still goes to standard error.
    run(&["--max-warnings", "0", "--quiet"]).stderr(predicate::str::contains(
        "Failed: 1 warning, more than --max-warnings 0 allows.",
    ));
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101", "--max-warnings", "1"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Failed").not())
        .stderr("");
}

#[test]
fn a_missing_attachments_section_is_recommended_not_required() {
    let dir = repo();
    write(dir.path(), "r.md", &without_attachments());
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101", "--format", "concise"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[CCR101 missing-section] recommended section 'Attachments' is missing",
        ))
        .stdout(predicate::str::contains("required section 'Attachments'").not());
}

#[test]
fn a_folder_whose_reports_are_all_ignored_says_how_many_were_skipped_and_why() {
    let dir = repo();
    write(dir.path(), "reports/june.md", CLEAN);
    write(dir.path(), "reports/july.md", CLEAN);
    write(dir.path(), "reports/.drafts/august.md", CLEAN);
    write(dir.path(), "reports/notes.txt", "not a report");
    write(dir.path(), ".gitignore", "reports/*.md\n");
    ccr()
        .current_dir(dir.path())
        .arg("reports")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: reports: no reports to lint in this folder: 2 Markdown files are ignored \
             by .gitignore or .ignore rules, 1 is hidden (its name or a folder's starts with '.')",
        ))
        .stderr(predicate::str::contains(
            "name a file on the command line to lint it anyway",
        ));
    // A config's include/exclude is named too.
    fs::remove_file(dir.path().join(".gitignore")).expect("rm");
    write(dir.path(), ".ccr-lint.toml", "exclude = [\"reports/**\"]\n");
    ccr()
        .current_dir(dir.path())
        .arg("reports")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "1 Markdown file is hidden (its name or a folder's starts with '.'), \
             2 are excluded by the config's include/exclude (.ccr-lint.toml)",
        ));
}

#[test]
fn new_refuses_a_period_it_cannot_read() {
    let dir = repo();
    ccr()
        .current_dir(dir.path())
        .args(["new", "--period", "next month"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: --period 'next month' is not a period ccr-lint can read",
        ))
        .stderr(predicate::str::contains("June 1–30, 2024"));
    ccr()
        .current_dir(dir.path())
        .args(["new", "--period", "February 30–31, 2024"])
        .assert()
        .code(2);
    ccr()
        .current_dir(dir.path())
        .args(["new", "--period", "June 1–30, 2024"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "from June 1, 2024 to June 30, 2024",
        ));
}
