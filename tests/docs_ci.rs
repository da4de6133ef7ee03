//! The pre-commit snippet in docs/ci.md works as written: nothing to fill in, every
//! revision it names exists, and each hook's command, run the way pre-commit runs it (the
//! entry, then the names of the matching staged files), fails a flawed report and passes a
//! clean one. `.ci/pre-commit-check.sh` runs the same block with pre-commit itself.

mod common;

use std::path::Path;
use std::process::Command;

use common::{repo, write};

const CLEAN: &str = include_str!("fixtures/clean/list-form.md");
const FLAWED: &str =
    "# Client Communication Report\n\n## Summary\n\nThis report covers [Client Name].\n";

/// The first yaml block of the `## pre-commit` section: what `.ci/pre-commit-check.sh`
/// takes out of the page too.
fn snippet() -> String {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md"))
        .expect("docs/ci.md exists");
    let section = docs
        .split("\n## pre-commit\n")
        .nth(1)
        .expect("docs/ci.md has a '## pre-commit' section");
    let block = section
        .split("```yaml\n")
        .nth(1)
        .expect("the section has a yaml block");
    block
        .split("\n```")
        .next()
        .expect("the block is closed")
        .to_string()
}

/// One hook of the snippet: the values of its keys, as written.
#[derive(Debug, Default)]
struct Hook {
    repo: String,
    rev: Option<String>,
    keys: Vec<(String, String)>,
}

impl Hook {
    fn get(&self, key: &str) -> Option<&str> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The hooks that are not commented out, with their repository and revision. A small
/// reader for the plain block style the page uses (no YAML library in the tests).
fn hooks(yaml: &str) -> Vec<Hook> {
    let value = |v: &str| {
        let v = v.split(" #").next().unwrap_or(v).trim();
        v.trim_matches('"').trim_matches('\'').to_string()
    };
    let (mut repo, mut rev) = (String::new(), None);
    let mut out: Vec<Hook> = Vec::new();
    for line in yaml.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if let Some(r) = t.strip_prefix("- repo:") {
            (repo, rev) = (value(r), None);
        } else if let Some(r) = t.strip_prefix("rev:") {
            rev = Some(value(r));
        } else if let Some(id) = t.strip_prefix("- id:") {
            out.push(Hook {
                repo: repo.clone(),
                rev: rev.clone(),
                keys: vec![("id".into(), value(id))],
            });
        } else if let (Some(hook), Some((k, v))) = (out.last_mut(), t.split_once(':')) {
            hook.keys.push((k.trim().to_string(), value(v)));
        }
    }
    out
}

#[test]
fn the_pre_commit_snippet_has_nothing_to_fill_in() {
    let yaml = snippet();
    for placeholder in ["<", "TODO", "your-", "REPLACE"] {
        assert!(
            !yaml
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .any(|l| l.split(" #").next().unwrap_or(l).contains(placeholder)),
            "the snippet has a placeholder ({placeholder}):\n{yaml}"
        );
    }
    let hooks = hooks(&yaml);
    assert!(
        hooks.iter().any(|h| h.get("id") == Some("ccr-lint")),
        "{hooks:?}"
    );
    for hook in &hooks {
        if matches!(hook.repo.as_str(), "local" | "meta") {
            continue;
        }
        // A remote hook's revision must exist in this repository, as cloned.
        let rev = hook.rev.as_deref().unwrap_or_default();
        let found = Command::new("git")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(found, "rev '{rev}' of {} does not exist here", hook.repo);
    }
}

/// Runs a local hook as pre-commit does: its entry split on spaces, with the `ccr-lint` on
/// the PATH being the binary under test, then the file names that match `files`.
fn run_hook(hook: &Hook, dir: &Path, files: &[&str]) -> std::process::Output {
    assert_eq!(hook.get("language"), Some("system"), "{hook:?}");
    let entry = hook.get("entry").expect("the hook has an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("ccr-lint"), "{entry}");
    let pattern = hook.get("files").unwrap_or("");
    let matching: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| match pattern.strip_prefix('^') {
            Some(prefix) => f.starts_with(prefix),
            None => f.contains(pattern),
        })
        .collect();
    assert!(!matching.is_empty(), "no file matches '{pattern}'");
    Command::new(assert_cmd::cargo::cargo_bin("ccr-lint"))
        .current_dir(dir)
        .args(words)
        .args(&matching)
        .output()
        .expect("the hook runs")
}

#[test]
fn the_pre_commit_hook_fails_a_flawed_report_and_passes_a_clean_one() {
    let hooks = hooks(&snippet());
    let hook = hooks
        .iter()
        .find(|h| h.get("id") == Some("ccr-lint"))
        .expect("the snippet has the ccr-lint hook");
    assert_eq!(
        hook.repo, "local",
        "the snippet that works as written is a local hook"
    );
    let dir = repo();
    write(dir.path(), "reports/flawed.md", FLAWED);
    write(dir.path(), "reports/clean.md", CLEAN);
    let out = run_hook(hook, dir.path(), &["reports/flawed.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("reports/flawed.md:5:20: error[CCR204 unfilled-placeholder]"),
        "{stdout}"
    );
    let out = run_hook(hook, dir.path(), &["reports/clean.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
