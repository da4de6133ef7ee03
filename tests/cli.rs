//! The binary end to end, as users run it: exit codes, folder walking, stdin, config
//! discovery, output formats, and what bad input gets.

mod common;

use std::fs;

use common::{ccr, repo, write};
use predicates::prelude::*;
use serde_json::Value;

const CLEAN: &str = include_str!("fixtures/clean/list-form.md");

const FLAWED: &str = "# Report\n\n## Summary\n\nThis report covers [Client Name].\n";

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("stdout is JSON")
}

#[test]
fn clean_report_exits_zero() {
    let dir = repo();
    write(dir.path(), "june.md", CLEAN);
    ccr()
        .current_dir(dir.path())
        .args(["june.md", "--today", "2024-07-01"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed"));
}

#[test]
fn errors_exit_one_and_show_the_snippet() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CCR204 unfilled-placeholder"))
        .stdout(predicate::str::contains("[bad.md:5:"))
        .stdout(predicate::str::contains(
            "required section 'Client Details' is missing",
        ));
}

#[test]
fn warnings_alone_exit_zero_unless_denied_or_over_the_maximum() {
    let dir = repo();
    // Only a warning: no Attachments section (a warning-level requirement).
    let text = CLEAN
        .split("## Attachments")
        .next()
        .expect("fixture has attachments")
        .to_string();
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101"])
        .assert()
        .code(0);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101", "--deny-warnings"])
        .assert()
        .code(1);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101", "--max-warnings", "1"])
        .assert()
        .code(0);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101", "--max-warnings", "0"])
        .assert()
        .code(1);
}

#[test]
fn missing_file_is_a_tool_error_and_other_files_are_still_linted() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    ccr()
        .current_dir(dir.path())
        .args(["nope.md", "bad.md", "--format", "concise"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: nope.md: no such file or folder",
        ))
        .stdout(predicate::str::contains("bad.md:5:"));
}

#[test]
fn binary_and_invalid_utf8_files_are_refused_with_the_offset() {
    let dir = repo();
    fs::write(dir.path().join("bin.md"), b"# T\n\x00\x01").expect("write");
    fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n").expect("write");
    write(dir.path(), "ok.md", CLEAN);
    ccr()
        .current_dir(dir.path())
        .args(["bin.md", "latin1.md", "ok.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bin.md looks like a binary file (NUL byte at byte offset 4)",
        ))
        .stderr(predicate::str::contains(
            "latin1.md is not valid UTF-8 (invalid byte at byte offset 5)",
        ))
        .stdout(predicate::str::contains(
            "No problems (1 file checked). 2 inputs could not be linted",
        ));
}

#[test]
fn folders_are_walked_for_markdown_honouring_gitignore() {
    let dir = repo();
    write(dir.path(), "reports/june.md", CLEAN);
    write(dir.path(), "reports/drafts/wip.md", FLAWED);
    write(dir.path(), "reports/notes.txt", FLAWED);
    write(dir.path(), ".gitignore", "drafts/\n");
    ccr()
        .current_dir(dir.path())
        .args(["reports", "--format", "concise"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "All checks passed (1 file checked)",
        ));
}

#[test]
fn a_folder_without_reports_is_a_tool_error() {
    let dir = repo();
    fs::create_dir(dir.path().join("empty")).expect("mkdir");
    ccr()
        .current_dir(dir.path())
        .arg("empty")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty: no reports (*.md) found"));
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    let dir = repo();
    ccr()
        .current_dir(dir.path())
        .args([
            "-",
            "--stdin-filename",
            "team/june.md",
            "--format",
            "concise",
        ])
        .write_stdin(FLAWED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "team/june.md:5:20: error[CCR204 unfilled-placeholder]",
        ));
}

#[test]
fn config_is_discovered_from_a_nested_folder() {
    let dir = repo();
    write(
        dir.path(),
        ".ccr-lint.toml",
        "[rules]\nignore = [\"CCR1\"]\n",
    );
    write(dir.path(), "clients/acme/2024/june.md", FLAWED);
    let out = ccr()
        .current_dir(dir.path())
        .args(["clients", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| !c.starts_with("CCR1")), "{codes:?}");
    // --no-config brings the structure rules back.
    let out = ccr()
        .current_dir(dir.path())
        .args(["clients", "--no-config", "--format", "json"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("CCR101"));
}

#[test]
fn unknown_config_key_is_exit_two_naming_the_key_and_line() {
    let dir = repo();
    write(
        dir.path(),
        "ccr-lint.toml",
        "[limits]\nsummary-words = 100\nsentense-words = 20\n",
    );
    write(dir.path(), "r.md", CLEAN);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--color", "never"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sentense-words"))
        .stderr(predicate::str::contains("ccr-lint.toml:3:1"));
}

#[test]
fn explicit_config_file_is_used_for_every_file() {
    let dir = repo();
    write(
        dir.path(),
        "strict.toml",
        "[rules.severity]\nCCR105 = \"error\"\n",
    );
    write(
        dir.path(),
        "r.md",
        &CLEAN.replace("## Client Details", "## Client Info"),
    );
    ccr()
        .current_dir(dir.path())
        .args([
            "r.md",
            "--config",
            "strict.toml",
            "--format",
            "concise",
            "--select",
            "CCR105",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[CCR105 noncanonical-heading]",
        ));
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = repo();
    write(
        dir.path(),
        "bad.md",
        "# Report\n\n## Client Info\n\nÉlodie: [Client Name]\n",
    );
    let out = ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--format", "json", "--select", "CCR105,CCR204"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["path"], "bad.md");
    let diags = file["diagnostics"].as_array().expect("array");
    assert_eq!(diags.len(), 2);

    let heading = &diags[0];
    assert_eq!(heading["code"], "CCR105");
    assert_eq!(heading["name"], "noncanonical-heading");
    assert_eq!(heading["severity"], "info");
    assert_eq!(heading["span"]["start"], 13);
    assert_eq!(heading["span"]["end"], 24);
    assert_eq!(heading["start"]["line"], 3);
    assert_eq!(heading["start"]["column"], 4);
    assert_eq!(heading["end"]["column"], 15);
    assert_eq!(heading["fix"]["applicability"], "safe");
    assert_eq!(heading["fix"]["edits"][0]["replacement"], "Client Details");
    assert_eq!(heading["fix"]["edits"][0]["start"], 13);

    let ph = &diags[1];
    assert_eq!(ph["code"], "CCR204");
    assert_eq!(ph["severity"], "error");
    assert!(ph["help"].is_string());
    assert!(ph["fix"].is_null());
    // Columns count Unicode scalar values: "Élodie: " is 8 characters but 9 bytes.
    assert_eq!(ph["start"]["line"], 5);
    assert_eq!(ph["start"]["column"], 9);
    assert_eq!(
        ph["span"]["end"].as_u64().expect("n") - ph["span"]["start"].as_u64().expect("n"),
        13
    );

    let summary = &json["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["errors"], 1);
    assert_eq!(summary["warnings"], 0);
    assert_eq!(summary["infos"], 1);
    assert_eq!(summary["fixable"], 1);
}

#[test]
fn select_and_ignore_accept_codes_names_and_prefixes() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    let codes = |args: &[&str]| -> Vec<String> {
        let out = ccr()
            .current_dir(dir.path())
            .arg("bad.md")
            .args(["--format", "json"])
            .args(args)
            .output()
            .expect("runs");
        let json = json_of(&out.stdout);
        let mut v: Vec<String> = json["files"][0]["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d["code"].as_str().expect("code").to_string())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(codes(&["--select", "unfilled-placeholder"]), vec!["CCR204"]);
    assert!(
        codes(&["--select", "CCR1"])
            .iter()
            .all(|c| c.starts_with("CCR1"))
    );
    assert!(!codes(&["--ignore", "CCR204"]).contains(&"CCR204".to_string()));
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--select", "CCR999"])
        .assert()
        .code(2);
}

#[test]
fn concise_and_quiet() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--format", "concise", "--quiet", "--select", "CCR204"])
        .assert()
        .code(1)
        .stdout("bad.md:5:20: error[CCR204 unfilled-placeholder] '[Client Name]' is a template field that was never filled in\n");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = ccr();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .current_dir(dir.path())
            .arg("bad.md")
            .args(args)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).contains('\u{1b}')
    };
    assert!(run(&["--color", "always"], false));
    assert!(!run(&["--color", "never"], false));
    assert!(
        !run(&[], true),
        "auto with NO_COLOR (and no terminal) has no escapes"
    );
}

#[test]
fn statistics_count_per_rule() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--statistics"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CCR101  missing-section"));
}

#[test]
fn rules_lists_every_rule_and_explain_shows_each() {
    let out = ccr()
        .args(["rules", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let list = json_of(&out);
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), ccr_lint::rules::all().count());
    for rule in list {
        let code = rule["code"].as_str().expect("code");
        let name = rule["name"].as_str().expect("name");
        for key in [code, name] {
            ccr()
                .args(["explain", key])
                .assert()
                .code(0)
                .stdout(predicate::str::contains(format!("# {code} {name}")))
                .stdout(predicate::str::contains("## Fix safety"));
        }
    }
    ccr()
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
    ccr()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CCR101   missing-section"));
}

#[test]
fn check_subcommand_is_the_default() {
    let dir = repo();
    write(dir.path(), "bad.md", FLAWED);
    let a = ccr()
        .current_dir(dir.path())
        .args(["check", "bad.md", "--format", "concise"])
        .output()
        .expect("runs");
    let b = ccr()
        .current_dir(dir.path())
        .args(["bad.md", "--format", "concise"])
        .output()
        .expect("runs");
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), Some(1));
}

#[test]
fn bad_arguments_exit_two() {
    ccr().args(["--format", "xml", "x.md"]).assert().code(2);
    ccr().args(["--today", "June 1", "x.md"]).assert().code(2);
}

#[test]
fn broken_pipe_is_not_an_error() {
    let dir = repo();
    let big: String = (0..2000)
        .map(|i| format!("Line {i}: [Client Name]\n\n"))
        .collect();
    write(dir.path(), "big.md", &big);
    let bin = assert_cmd::cargo::cargo_bin("ccr-lint");
    let status = std::process::Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' big.md --color never | head -n 1 >/dev/null",
            bin.display()
        ))
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.is_empty(), "a closed pipe is not an error: {stderr}");
}

#[test]
fn config_can_add_a_section_from_its_own_sections_file() {
    let dir = repo();
    write(
        dir.path(),
        "style/sections.toml",
        "[[section]]\nid = \"budget\"\nname = \"Budget\"\naliases = [\"Costs\"]\nrequired = \"error\"\n\n\
         [[section]]\nid = \"attachments\"\nrequired = \"optional\"\n",
    );
    write(
        dir.path(),
        ".ccr-lint.toml",
        "[sections]\npaths = [\"style/sections.toml\"]\n",
    );
    let text = CLEAN
        .split("## Attachments")
        .next()
        .expect("fixture has attachments")
        .to_string();
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--format", "concise", "--select", "CCR101"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[CCR101 missing-section] required section 'Budget' is missing",
        ))
        .stdout(predicate::str::contains("Attachments").not());
    write(
        dir.path(),
        "r.md",
        &format!("{text}## Costs\n\nWithin the agreed budget.\n"),
    );
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--select", "CCR101"])
        .assert()
        .code(0);
}

#[test]
fn a_bad_sections_file_points_at_its_own_line() {
    let dir = repo();
    write(
        dir.path(),
        "style/sections.toml",
        "[[section]]\nid = \"Budget Section\"\n",
    );
    write(
        dir.path(),
        ".ccr-lint.toml",
        "[sections]\npaths = [\"style/sections.toml\"]\n",
    );
    write(dir.path(), "r.md", CLEAN);
    ccr()
        .current_dir(dir.path())
        .args(["r.md", "--color", "never"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sections.toml:2:6: section id must be kebab-case",
        ));
}
