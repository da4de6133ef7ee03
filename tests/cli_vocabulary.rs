//! The vocabulary commands and user vocabulary rules through the binary.

mod common;

use std::fs;

use common::{ccr, repo};
use predicates::prelude::*;

#[test]
fn vocabulary_lists_key_terms_and_one_term() {
    let dir = repo();
    ccr()
        .current_dir(dir.path())
        .arg("vocabulary")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "stakeholder\n  a person or group with an interest in or involvement with something\n",
        ))
        .stdout(predicate::str::contains("documentation"));
    ccr()
        .current_dir(dir.path())
        .args(["vocabulary", "Escalation"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "escalation\n  raising an issue to a higher level, often to senior management\n  Example: This issue required urgent escalation to senior management.\n",
        ));
    ccr()
        .current_dir(dir.path())
        .args(["vocabulary", "synergy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'synergy' is not a key term"));
}

#[test]
fn phrases_lists_the_standard_phrasing_by_purpose() {
    let dir = repo();
    ccr()
        .current_dir(dir.path())
        .args(["phrases", "closing"])
        .assert()
        .success()
        .stdout("Closing (closing)\n  All outstanding issues have been addressed.\n  A follow-up meeting is scheduled for [Date] to further discuss [Topic].\n");
    let out = ccr()
        .current_dir(dir.path())
        .args(["phrases", "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(8));
}

#[test]
fn user_rule_codes_work_with_select_and_the_config() {
    let dir = repo();
    fs::write(
        dir.path().join(".ccr-lint.toml"),
        "[vocabulary]\npaths = [\"style/acme.toml\"]\naccept = [\"Stuff Inc.\"]\n",
    )
    .expect("write");
    fs::create_dir(dir.path().join("style")).expect("mkdir");
    fs::write(
        dir.path().join("style/acme.toml"),
        "[rule]\ncode = \"ACME001\"\nname = \"acme-terms\"\n\n[[term]]\nmatch = [\"synergy\"]\nmessage = \"'{matched}' is a buzzword\"\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("report.md"),
        "# Report\n\nStuff Inc. saw real synergy and other stuff.\n",
    )
    .expect("write");
    ccr()
        .current_dir(dir.path())
        .args([
            "--select",
            "ACME001,informal-language",
            "--format",
            "concise",
            "report.md",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "report.md:3:21: warning[ACME001 acme-terms] 'synergy' is a buzzword",
        ))
        .stdout(predicate::str::contains(
            "report.md:3:39: warning[CCR601 informal-language] 'stuff' is informal",
        ))
        .stdout(predicate::str::contains("'Stuff'").not());
    ccr()
        .current_dir(dir.path())
        .args(["--select", "ACME002", "report.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule or prefix 'ACME002'"));
    ccr()
        .current_dir(dir.path())
        .args(["--select", "CCR999", "report.md"])
        .assert()
        .code(2);
}

#[test]
fn user_rules_can_be_suppressed_in_the_report() {
    let dir = repo();
    fs::write(
        dir.path().join(".ccr-lint.toml"),
        "[vocabulary]\npaths = [\"acme.toml\"]\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("acme.toml"),
        "[rule]\ncode = \"ACME001\"\nname = \"acme-terms\"\n\n[[term]]\nmatch = [\"synergy\"]\nmessage = \"'{matched}' is a buzzword\"\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("report.md"),
        "# Report\n\n<!-- ccr-lint-disable-next-line ACME001 -->\nThe synergy was real.\n\n<!-- ccr-lint-disable acme-terms -->\nNo buzzwords here.\n<!-- ccr-lint-enable -->\n",
    )
    .expect("write");
    ccr()
        .current_dir(dir.path())
        .args([
            "--select",
            "ACME001,unused-suppression",
            "--format",
            "concise",
            "report.md",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("synergy").not())
        .stdout(predicate::str::contains("names no rule").not())
        .stdout(predicate::str::contains(
            "report.md:6:1: warning[CCR901 unused-suppression]",
        ));
    // A user rule that fires nowhere in the file is still a rule ccr-lint knows.
    fs::write(
        dir.path().join("quiet.md"),
        "# Report

<!-- ccr-lint-disable acme-terms -->
No buzzwords here.
<!-- ccr-lint-enable -->
",
    )
    .expect("write");
    ccr()
        .current_dir(dir.path())
        .args([
            "--select",
            "ACME001,unused-suppression",
            "--format",
            "concise",
            "quiet.md",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("names no rule").not())
        .stdout(predicate::str::contains(
            "quiet.md:3:1: warning[CCR901 unused-suppression]",
        ));
}
