//! What the binary says when a run fails or it refuses something, end to end: every
//! failure names its reason.

mod common;

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
