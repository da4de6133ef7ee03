//! Rule selection from the command line and the config, end to end: unknown rules get one
//! clear error with a suggestion, and `[[overrides]]` give files their own rules.

mod common;

use common::{ccr, repo, write};
use predicates::prelude::*;
use serde_json::Value;

const FLAWED: &str =
    "# Report\n\n## Summary\n\nThis report covers [Client Name]. We're gonna call.\n";

#[test]
fn an_unknown_rule_on_the_command_line_is_one_error_with_a_suggestion() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    for (flag, value, suggestion) in [
        ("--select", "informal", "informal-language"),
        ("--ignore", "informal-langauge", "informal-language"),
        (
            "--select",
            "CCR2,unfiled-placeholder",
            "unfilled-placeholder",
        ),
    ] {
        ccr()
            .current_dir(dir.path())
            .args(["bad.md", flag, value])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(format!(
                "error: unknown rule or prefix '{}' in {flag}: did you mean `{suggestion}`?",
                value.rsplit(',').next().unwrap_or(value)
            )))
            .stderr(predicate::str::contains("<defaults>").not())
            .stderr(predicate::str::contains("╭").not())
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--select", "CCR999"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: unknown rule or prefix 'CCR999' in --select (`ccr-lint rules` lists the rules)\n",
        );
}

#[test]
fn an_unknown_rule_in_the_config_gets_the_same_suggestion() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    write(
        dir.path(),
        ".ccr-lint.toml",
        "[rules]\nignore = [\"CCR103\", \"informal\"]\n",
    );
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--color", "never"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".ccr-lint.toml:2:21: unknown rule or prefix 'informal'",
        ))
        .stderr(predicate::str::contains(
            "did you mean `informal-language`?",
        ));
}

fn diagnostics(out: &[u8]) -> Vec<(String, String, String)> {
    let json: Value = serde_json::from_slice(out).expect("stdout is JSON");
    let mut found = Vec::new();
    for file in json["files"].as_array().expect("files") {
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            found.push((
                file["path"].as_str().expect("path").to_string(),
                d["code"].as_str().expect("code").to_string(),
                d["severity"].as_str().expect("severity").to_string(),
            ));
        }
    }
    found
}

const OVERRIDES: &str = r#"
[rules]
ignore = ["CCR103"]

[[overrides]]
files = ["minutes/**"]
ignore = ["CCR1", "missing-time-period"]
[overrides.severity]
informal-language = "error"

[[overrides]]
files = ["minutes/board-*.md"]
select = ["CCR204"]
"#;

#[test]
fn overrides_give_matching_files_their_own_rules() {
    let dir = repo();
    write(dir.path(), ".ccr-lint.toml", OVERRIDES);
    write(dir.path(), "reports/june.md", FLAWED);
    write(dir.path(), "minutes/weekly.md", FLAWED);
    write(dir.path(), "minutes/board-june.md", FLAWED);
    let out = ccr()
        .current_dir(dir.path())
        .args(["reports", "minutes", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found = diagnostics(&out);
    let of = |path: &str| -> Vec<(String, String)> {
        found
            .iter()
            .filter(|d| d.0 == path)
            .map(|d| (d.1.clone(), d.2.clone()))
            .collect()
    };
    let june = of("reports/june.md");
    assert!(june.iter().any(|d| d.0 == "CCR101"), "{june:?}");
    assert!(
        june.contains(&("CCR601".into(), "warning".into())),
        "{june:?}"
    );
    let weekly = of("minutes/weekly.md");
    assert!(!weekly.is_empty());
    assert!(
        weekly
            .iter()
            .all(|d| !d.0.starts_with("CCR1") && d.0 != "CCR202"),
        "{weekly:?}"
    );
    assert!(
        weekly.contains(&("CCR601".into(), "error".into())),
        "{weekly:?}"
    );
    // The later override's select replaces the rules for its files.
    let board = of("minutes/board-june.md");
    assert_eq!(board, vec![("CCR204".to_string(), "error".to_string())]);
}

#[test]
fn override_globs_are_relative_to_the_config_not_the_working_folder() {
    let dir = repo();
    write(dir.path(), ".ccr-lint.toml", OVERRIDES);
    write(dir.path(), "minutes/weekly.md", FLAWED);
    ccr()
        .current_dir(dir.path().join("minutes"))
        .args(["weekly.md", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[CCR601 informal-language]"))
        .stdout(predicate::str::contains("CCR101").not());
    // Standard input is matched by the name given to it.
    ccr()
        .current_dir(dir.path())
        .args([
            "-",
            "--stdin-filename",
            "minutes/board-july.md",
            "--format",
            "concise",
        ])
        .write_stdin(FLAWED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CCR204"))
        .stdout(predicate::str::contains("CCR601").not());
    // The command line has the last word: --ignore turns a rule off in overrides too.
    ccr()
        .current_dir(dir.path())
        .args([
            "-",
            "--stdin-filename",
            "minutes/board-july.md",
            "--format",
            "concise",
            "--ignore",
            "CCR204",
        ])
        .write_stdin(FLAWED)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CCR204").not());
}

#[test]
fn overrides_are_validated_like_the_rest_of_the_config() {
    let dir = repo();
    write(dir.path(), "r.md", FLAWED);
    let check = |config: &str, expected: &[&str]| {
        write(dir.path(), ".ccr-lint.toml", config);
        let mut a = ccr()
            .current_dir(dir.path())
            .args(["r.md", "--color", "never"])
            .assert()
            .code(2);
        for e in expected {
            a = a.stderr(predicate::str::contains(*e));
        }
    };
    check(
        "[[overrides]]\nfiles = [\"minutes/**\"]\nignroe = [\"CCR1\"]\n",
        &[".ccr-lint.toml:3:1", "unknown field `ignroe`"],
    );
    check(
        "[[overrides]]\nignore = [\"CCR1\"]\n",
        &[".ccr-lint.toml", "missing field `files`"],
    );
    check(
        "[[overrides]]\nfiles = []\nignore = [\"CCR1\"]\n",
        &[
            ".ccr-lint.toml:2:9",
            "an override needs at least one glob in `files`",
        ],
    );
    check(
        "[[overrides]]\nfiles = [\"minutes/[\"]\n",
        &[".ccr-lint.toml:2:10", "invalid glob"],
    );
    check(
        "[[overrides]]\nfiles = [\"m/**\"]\n[overrides.severity]\nshoutng = \"error\"\n",
        &[
            ".ccr-lint.toml:4:1",
            "unknown rule or prefix 'shoutng'",
            "did you mean `shouting`?",
        ],
    );
}
