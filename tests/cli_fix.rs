//! `--fix`, `--diff` and suppression comments, end to end on the real binary.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{repo, write};
use predicates::prelude::*;

const CLEAN: &str = include_str!("fixtures/clean/list-form.md");
const CRLF_BOM: &str = include_str!("fixtures/clean/crlf-bom.md");

fn ccr() -> Command {
    let mut cmd = common::ccr();
    cmd.args(["--today", "2024-07-01", "--color", "never"]);
    cmd
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).expect("read")
}

/// The clean report with two headings written as aliases (safe fixes) and no Attachments
/// section (an unsafe fix).
fn aliased(clean: &str) -> String {
    clean
        .replacen("## Client Details", "## Client Info", 1)
        .replacen("## Next Steps", "## Follow-up", 1)
}

#[test]
fn fix_on_a_crlf_file_with_a_bom_keeps_both() {
    assert!(
        CRLF_BOM.starts_with('\u{feff}') && CRLF_BOM.contains("\r\n"),
        "the fixture is CRLF with a BOM"
    );
    let dir = repo();
    write(dir.path(), "r.md", &aliased(CRLF_BOM));
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "r.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 2 issues in 1 file:"))
        .stdout(predicate::str::contains("2  CCR105  noncanonical-heading"));
    let fixed = fs::read(dir.path().join("r.md")).unwrap();
    assert_eq!(
        fixed,
        CRLF_BOM.as_bytes(),
        "the fix restores the clean file byte for byte"
    );
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let dir = repo();
    let text = aliased(CLEAN);
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["--diff", "r.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/r.md\n+++ b/r.md\n"))
        .stdout(predicate::str::contains(
            "\n-## Client Info\n+## Client Details\n",
        ))
        .stdout(predicate::str::contains(
            "\n-## Follow-up\n+## Next Steps\n",
        ))
        .stderr(predicate::str::contains("Would fix 2 issues in 1 file:"));
    assert_eq!(read(dir.path(), "r.md"), text, "--diff never writes");

    write(dir.path(), "clean.md", CLEAN);
    ccr()
        .current_dir(dir.path())
        .args(["--diff", "clean.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_with_unsafe_fixes_shows_the_inserted_section() {
    let dir = repo();
    let text = CLEAN.replacen("## Attachments", "## Notes", 1);
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["--diff", "r.md"])
        .assert()
        .code(0)
        .stdout("");
    ccr()
        .current_dir(dir.path())
        .args(["--diff", "--unsafe-fixes", "r.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+## Attachments\n"));
    assert_eq!(read(dir.path(), "r.md"), text);
}

#[test]
fn fix_applies_only_safe_fixes_unless_asked_and_exits_on_what_remains() {
    let dir = repo();
    // An alias heading (safe fix), a missing section (unsafe fix) and a placeholder (no fix).
    let text = aliased(CLEAN)
        .replacen(
            "## Issues and Resolutions\n\n- The issue of late delivery notes was raised on June 12, 2024. Resolution: the notes are now sent with each shipment.\n\n",
            "",
            1,
        )
        .replacen("Sent the pricing proposal", "Sent the TBD proposal", 1);
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "--format", "concise", "r.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Fixed 2 issues in 1 file:"))
        .stdout(predicate::str::contains("CCR204 unfilled-placeholder"))
        .stdout(predicate::str::contains("CCR101 missing-section"));
    let after_safe = read(dir.path(), "r.md");
    assert!(
        after_safe.contains("## Client Details")
            && !after_safe.contains("## Issues and Resolutions")
    );
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "r.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1  CCR101  missing-section"))
        .stdout(predicate::str::contains("CCR204 unfilled-placeholder"));
    let after_unsafe = read(dir.path(), "r.md");
    assert!(after_unsafe.contains("## Client Details\n\n- **Client:** Fabrikam Retail"));
    let issues = after_unsafe
        .find("## Issues and Resolutions")
        .expect("the section was inserted");
    let tasks = after_unsafe.find("## Action Items").unwrap();
    let next = after_unsafe.find("## Next Steps").unwrap();
    assert!(
        tasks < issues && issues < next,
        "inserted at its place in the recommended order"
    );
}

#[test]
fn fix_leaves_an_unchanged_file_alone() {
    let dir = repo();
    write(dir.path(), "r.md", CLEAN);
    let before = fs::metadata(dir.path().join("r.md"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "r.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed"));
    let after = fs::metadata(dir.path().join("r.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "a file with nothing to fix is not rewritten");
}

#[test]
fn a_read_only_file_is_a_clear_error_and_exit_two() {
    let dir = repo();
    let text = aliased(CLEAN);
    write(dir.path(), "r.md", &text);
    write(dir.path(), "other.md", &aliased(CLEAN));
    let path = dir.path().join("r.md");
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "r.md", "other.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: r.md: cannot write fixes: the file is read-only",
        ));
    assert_eq!(
        read(dir.path(), "r.md"),
        text,
        "the read-only file is untouched"
    );
    assert!(
        read(dir.path(), "other.md").contains("## Client Details"),
        "other files are still fixed"
    );
}

#[test]
fn stdin_with_fix_prints_the_fixed_text() {
    let fixed = ccr()
        .args(["--fix", "-", "--stdin-filename", "june.md"])
        .write_stdin(aliased(CLEAN))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Fixed 2 issues in 1 file:"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(fixed).unwrap(), CLEAN);
}

#[test]
fn statistics_count_what_the_run_could_fix() {
    let dir = repo();
    write(
        dir.path(),
        "r.md",
        &aliased(CLEAN).replacen("## Attachments", "## Notes", 1),
    );
    ccr()
        .current_dir(dir.path())
        .args(["--statistics", "r.md"])
        .assert()
        .stdout(predicate::str::contains(
            "CCR105  noncanonical-heading  (2 fixable)",
        ))
        .stdout(
            predicate::str::contains("CCR101  missing-section")
                .and(predicate::str::contains("missing-section  (").not()),
        );
    ccr()
        .current_dir(dir.path())
        .args(["--statistics", "--unsafe-fixes", "r.md"])
        .assert()
        .stdout(predicate::str::contains(
            "CCR101  missing-section  (1 fixable)",
        ));
}

/// The clean report with a placeholder (CCR204, an error) on the Participants line of the
/// first interaction, and `comment` written where `at` says.
fn with_placeholder(comment: &str) -> String {
    let text = CLEAN.replacen(
        "Jürgen Weiß, Sam Lee — Summary: The client",
        "Jürgen Weiß, TBD — Summary: The client",
        1,
    );
    text.replacen(
        "- **June 3, 2024, 10:00**",
        &format!("{comment}- **June 3, 2024, 10:00**"),
        1,
    )
}

#[test]
fn each_suppression_kind_hides_the_diagnostic() {
    let dir = repo();
    write(dir.path(), "plain.md", &with_placeholder(""));
    ccr()
        .current_dir(dir.path())
        .arg("plain.md")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("'TBD'"));
    let cases = [
        (
            "next-line.md",
            "<!-- ccr-lint-disable-next-line unfilled-placeholder -->\n",
        ),
        ("range.md", "<!-- ccr-lint-disable CCR204 -->\n"),
        ("file.md", "<!-- ccr-lint-disable-file CCR2 -->\n"),
        ("all.md", "<!-- ccr-lint-disable-next-line -->\n"),
    ];
    for (name, comment) in cases {
        write(dir.path(), name, &with_placeholder(comment));
        ccr()
            .current_dir(dir.path())
            .args(["--format", "concise", name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("TBD").not())
            .stdout(predicate::str::contains("CCR901").not());
    }
    // A range ends at its enable comment.
    let text = format!(
        "{}\n<!-- ccr-lint-enable CCR204 -->\n\nTODO\n",
        with_placeholder("<!-- ccr-lint-disable CCR204 -->\n").trim_end()
    );
    write(dir.path(), "ended.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["--format", "concise", "ended.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("'TODO'"))
        .stdout(predicate::str::contains("'TBD'").not());
}

#[test]
fn unused_suppressions_are_reported_and_removed_by_fix() {
    let dir = repo();
    // Suppresses the placeholder, and names a rule that had nothing to suppress.
    let partly =
        with_placeholder("<!-- ccr-lint-disable-next-line CCR204, noncanonical-heading -->\n");
    // Suppresses nothing at all: the line below it is clean.
    let stale = CLEAN.replacen(
        "## Time Period\n",
        "<!-- ccr-lint-disable-next-line summary-too-long -->\n## Time Period\n",
        1,
    );
    // Names no rule at all: reported, but not removed (more likely a typo than stale).
    let typo = CLEAN.replacen(
        "## Time Period\n",
        "<!-- ccr-lint-disable-next-line CCR999 -->\n## Time Period\n",
        1,
    );
    write(dir.path(), "typo.md", &typo);
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "--format", "concise", "typo.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[CCR901 unused-suppression] 'CCR999' names no rule ccr-lint knows\n",
        ));
    assert_eq!(read(dir.path(), "typo.md"), typo);
    write(dir.path(), "partly.md", &partly);
    write(dir.path(), "stale.md", &stale);
    ccr()
        .current_dir(dir.path())
        .args(["--format", "concise", "partly.md", "stale.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[CCR901 unused-suppression] 'noncanonical-heading' in this suppression suppressed nothing [*]",
        ))
        .stdout(predicate::str::contains(
            "warning[CCR901 unused-suppression] 'ccr-lint-disable-next-line summary-too-long' suppressed nothing [*]",
        ));
    ccr()
        .current_dir(dir.path())
        .args(["--fix", "partly.md", "stale.md"])
        .assert()
        .code(0);
    assert_eq!(
        read(dir.path(), "stale.md"),
        CLEAN,
        "the comment and its line are gone"
    );
    assert_eq!(
        read(dir.path(), "partly.md"),
        with_placeholder("<!-- ccr-lint-disable-next-line CCR204 -->\n")
    );
}

#[test]
fn unused_suppression_can_itself_be_disabled() {
    let dir = repo();
    let text = CLEAN.replacen(
        "## Time Period\n",
        "<!-- ccr-lint-disable-file unused-suppression -->\n<!-- ccr-lint-disable-next-line summary-too-long -->\n## Time Period\n",
        1,
    );
    write(dir.path(), "r.md", &text);
    ccr()
        .current_dir(dir.path())
        .args(["--format", "concise", "r.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CCR901").not());
    ccr()
        .current_dir(dir.path())
        .args(["--format", "concise", "--ignore", "CCR901", "r.md"])
        .assert()
        .stdout(predicate::str::contains("CCR901").not());
}

#[test]
fn diff_shows_exactly_what_fix_writes() {
    let dir = repo();
    let text = aliased(CRLF_BOM).replacen("## Attachments", "## Notes", 1);
    write(dir.path(), "r.md", &text);
    for unsafe_fixes in [false, true] {
        let extra: &[&str] = if unsafe_fixes {
            &["--unsafe-fixes"]
        } else {
            &[]
        };
        write(dir.path(), "r.md", &text);
        let diff = ccr()
            .current_dir(dir.path())
            .arg("--diff")
            .args(extra)
            .arg("r.md")
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        ccr()
            .current_dir(dir.path())
            .arg("--fix")
            .args(extra)
            .arg("r.md")
            .output()
            .expect("runs");
        let fixed = read(dir.path(), "r.md");
        assert_ne!(fixed, text);
        let expected = similar::TextDiff::from_lines(&text, &fixed)
            .unified_diff()
            .context_radius(3)
            .missing_newline_hint(true)
            .header("a/r.md", "b/r.md")
            .to_string();
        assert_eq!(
            String::from_utf8(diff).unwrap(),
            expected,
            "unsafe fixes: {unsafe_fixes}"
        );
        assert_eq!(fixed.contains("## Attachments"), unsafe_fixes);
    }
}
