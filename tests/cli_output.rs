//! What the default (human) output shows, end to end on the real binary: long lines in a
//! window around the finding, columns in characters as in every other format.

mod common;

use common::{ccr, repo, write};
use predicates::prelude::*;

/// Every line of the output fits the width the tests run at (`COLUMNS=100`).
fn assert_fits(out: &str, width: usize) {
    for line in out.lines() {
        assert!(
            line.chars().count() <= width,
            "a line of {} characters:\n{line}",
            line.chars().count()
        );
    }
}

#[test]
fn a_finding_past_column_65535_is_shown_in_a_window_around_it() {
    let dir = repo();
    write(
        dir.path(),
        "long.md",
        &format!("{} gonna\n", "x".repeat(65_540)),
    );
    let out = ccr()
        .current_dir(dir.path())
        .args(["long.md", "--color", "never", "--select", "CCR601"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("panicked").not())
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("[long.md:1:65542]"), "{out}");
    // The line is cut before the span, the cut marked, and the span underlined in full.
    let line = out
        .lines()
        .find(|l| l.starts_with(" 1 │ "))
        .unwrap_or_else(|| panic!("no source line: {out}"));
    assert!(
        line.starts_with(" 1 │ …x") && line.ends_with("x gonna"),
        "{line}"
    );
    let under = out
        .lines()
        .find(|l| l.contains("─┬─"))
        .unwrap_or_else(|| panic!("no underline: {out}"));
    assert_eq!(
        under.find('─').map(|i| under[..i].chars().count()),
        line.find("gonna").map(|i| line[..i].chars().count()),
        "the underline is under the word:\n{line}\n{under}"
    );
    assert!(out.contains("informal-language"), "{out}");
    assert_fits(&out, 100);
}

#[test]
fn a_long_line_is_cut_on_both_sides_of_a_finding_in_its_middle() {
    let dir = repo();
    let text = format!(
        "# Notes\n\n{} gonna {}\n",
        "left ".repeat(5_000),
        "right ".repeat(5_000)
    );
    write(dir.path(), "wide.md", &text);
    let out = ccr()
        .current_dir(dir.path())
        .args(["wide.md", "--color", "never", "--select", "CCR601"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("[wide.md:3:25002]"), "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with(" 3 │ "))
        .unwrap_or_else(|| panic!("no source line: {out}"));
    assert!(
        line.starts_with(" 3 │ …") && line.ends_with('…') && line.contains(" gonna "),
        "{line}"
    );
    assert_fits(&out, 100);
}

#[test]
fn human_columns_count_characters_like_every_other_format() {
    let dir = repo();
    write(
        dir.path(),
        "em.md",
        "# T\n\nThis is — gonna be fine, Zoë.\n",
    );
    let human = ccr()
        .current_dir(dir.path())
        .args(["em.md", "--color", "never", "--select", "CCR601"])
        .output()
        .expect("runs");
    let human = String::from_utf8_lossy(&human.stdout).into_owned();
    assert!(human.contains("[em.md:3:11]"), "{human}");
    ccr()
        .current_dir(dir.path())
        .args(["em.md", "--format", "concise", "--select", "CCR601"])
        .assert()
        .stdout(predicate::str::contains("em.md:3:11: warning[CCR601"));
}
