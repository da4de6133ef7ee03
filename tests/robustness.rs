//! Pathological input, end to end through the binary: no panic, no stack overflow, clear
//! errors for what cannot be linted. The largest inputs are `#[ignore]`d here and run in
//! release mode by `.ci/run` (`cargo test --release --test robustness -- --include-ignored`).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn ccr() -> Command {
    let mut cmd = Command::cargo_bin("ccr-lint").expect("the binary is built by cargo test");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn lint_file(dir: &Path, name: &str, text: &[u8]) -> assert_cmd::assert::Assert {
    fs::write(dir.join(name), text).expect("write");
    ccr()
        .current_dir(dir)
        .args([name, "--format", "json", "--no-config"])
        .assert()
}

fn no_panic(a: assert_cmd::assert::Assert) -> assert_cmd::assert::Assert {
    a.stderr(predicate::str::contains("panicked").not())
}

/// Every output format on one file: each exits with `code`, without a panic.
fn every_format(dir: &Path, name: &str, text: &[u8], code: i32) {
    fs::write(dir.join(name), text).expect("write");
    for format in ["human", "concise", "json", "sarif", "github"] {
        no_panic(
            ccr()
                .current_dir(dir)
                .args([name, "--no-config", "--format", format])
                .assert(),
        )
        .code(code);
    }
}

fn report_with_entries(entries: usize) -> String {
    let mut s = String::from(
        "# Report\n\n## Executive Summary\n\nThis report summarizes interactions with Acme from June 1, 2024 to June 30, 2024.\n\n\
         ## Client Details\n\nClient: Acme\nCompany: Acme Ltd\nPrimary Contact: Zoë Brandt\n\n## Time Period\n\nJune 2024\n\n\
         ## Interaction Log\n\n| Date | Time | Method | Participants | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    for i in 0..entries {
        s.push_str(&format!(
            "| June {}, 2024 | 10:{:02} | Call | Zoë Brandt, Sam Lee | Reviewed item {i} of the rollout plan. |\n",
            1 + i % 30,
            i % 60
        ));
    }
    s.push_str("\n## Action Items\n\n- [ ] Send it — Owner: Sam Lee — Due: June 20, 2024\n");
    s
}

#[test]
fn ten_thousand_nested_lists_and_quotes() {
    let dir = tempfile::tempdir().expect("tmp");
    // Ten thousand list levels on one line ("- - - … item"), and as indented lines up to the
    // depth indentation allows before it turns into code.
    let lists = format!("{}item\n", "- ".repeat(10_000));
    no_panic(lint_file(dir.path(), "inline-lists.md", lists.as_bytes()))
        .code(predicate::in_iter([0, 1]));
    let lists: String = (0..10_000)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i % 500)))
        .collect();
    no_panic(lint_file(dir.path(), "lists.md", lists.as_bytes())).code(predicate::in_iter([0, 1]));
    let quotes = format!("{} deep\n", "> ".repeat(10_000));
    no_panic(lint_file(dir.path(), "quotes.md", quotes.as_bytes()))
        .code(predicate::in_iter([0, 1]));
    let emphasis = format!("{}x{}\n", "*_".repeat(20_000), "_*".repeat(20_000));
    no_panic(lint_file(dir.path(), "emph.md", emphasis.as_bytes()))
        .code(predicate::in_iter([0, 1]));
}

#[test]
fn one_megabyte_single_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let line: String = "The client requested [Client Name] ASAP — ".repeat(25_000);
    every_format(dir.path(), "line.md", line.as_bytes(), 1);
}

/// A report that is one 3 MB paragraph: one line, and the same words wrapped at 80 columns
/// (a sentence that never ends spans thousands of lines).
#[test]
#[ignore = "large: run in release by .ci/run"]
fn three_megabyte_paragraph_in_every_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let words = "the team is gonna review the rollout plan with Zoë and the client — ";
    let line = words.repeat(3_000_000 / words.len());
    every_format(dir.path(), "line.md", line.as_bytes(), 1);
    let mut wrapped = String::with_capacity(line.len() + line.len() / 80);
    for (i, word) in line.split(' ').enumerate() {
        wrapped.push_str(word);
        wrapped.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    every_format(dir.path(), "wrapped.md", wrapped.as_bytes(), 1);
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    let dir = tempfile::tempdir().expect("tmp");
    lint_file(dir.path(), "zeros.md", &[0u8; 4096])
        .code(2)
        .stderr(predicate::str::contains(
            "zeros.md looks like a binary file (NUL byte at byte offset 0)",
        ));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().expect("tmp");
    lint_file(dir.path(), "bad.md", b"# Report\n\nCaf\xc3 au lait\n")
        .code(2)
        .stderr(predicate::str::contains(
            "bad.md is not valid UTF-8 (invalid byte at byte offset 13)",
        ));
}

#[test]
fn empty_file_and_front_matter_only_are_linted() {
    let dir = tempfile::tempdir().expect("tmp");
    no_panic(lint_file(dir.path(), "empty.md", b""))
        .code(1)
        .stdout(predicate::str::contains("\"code\": \"CCR101\""));
    no_panic(lint_file(
        dir.path(),
        "fm.md",
        b"---\ntitle: June report\nclient: Acme\n---\n",
    ))
    .code(1)
    // The front matter's title is the title; the sections are still missing.
    .stdout(predicate::str::contains("\"code\": \"CCR101\""))
    .stdout(predicate::str::contains("\"code\": \"CCR106\"").not());
    no_panic(lint_file(dir.path(), "bom.md", b"\xef\xbb\xbf")).code(1);
    no_panic(lint_file(dir.path(), "nonl.md", b"# Report")).code(1);
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_reported_and_the_walk_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let reports = dir.path().join("reports");
    fs::create_dir_all(reports.join("team")).expect("mkdir");
    fs::write(reports.join("team/june.md"), "# Report\n\n[Client Name]\n").expect("write");
    std::os::unix::fs::symlink("..", reports.join("team/loop")).expect("symlink");
    no_panic(
        ccr()
            .current_dir(dir.path())
            .args(["reports", "--format", "concise", "--no-config"])
            .assert(),
    )
    .code(2)
    .stderr(predicate::str::contains("symbolic link loop"))
    .stdout(predicate::str::contains("team/june.md"));
}

#[test]
#[ignore = "large: run in release by .ci/run"]
fn table_with_100_000_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    no_panic(lint_file(
        dir.path(),
        "table.md",
        report_with_entries(100_000).as_bytes(),
    ))
    .code(predicate::in_iter([0, 1]));
}

#[test]
#[ignore = "large: run in release by .ci/run"]
fn fifty_megabyte_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = report_with_entries(400_000);
    while text.len() < 50_000_000 {
        text.push_str("\nThe client requested a revised proposal; it was agreed that the pilot starts in July.\n");
    }
    no_panic(lint_file(dir.path(), "huge.md", text.as_bytes())).code(predicate::in_iter([0, 1]));
}
