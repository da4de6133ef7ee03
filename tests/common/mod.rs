//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod agree;

use std::fs;
use std::path::Path;

use assert_cmd::Command;

use ccr_lint::render::{self, FileReport, HumanOptions};
use ccr_lint::settings::{Overrides, Settings};
use ccr_lint::{Diagnostic, lint_path};

/// The reference date fixtures are linted against (overdue and future-date checks).
pub fn fixture_today() -> jiff::civil::Date {
    jiff::civil::date(2024, 7, 1)
}

/// Settings for a fixture: `<case>.toml` beside it is used as its config when present;
/// `select` limits the run to one rule (None: every rule).
pub fn settings_for(path: &Path, select: Option<&str>) -> Settings {
    let overrides = Overrides {
        select: select.map(|s| vec![s.to_string()]),
        ignore: Vec::new(),
        today: Some(fixture_today()),
    };
    let config = path.with_extension("toml");
    if config.exists() {
        let text = std::fs::read_to_string(&config).expect("fixture config is readable");
        Settings::from_config_text(&config, &text, &overrides).unwrap_or_else(|e| panic!("{e}"))
    } else {
        Settings::without_config(&overrides).unwrap_or_else(|e| panic!("{e}"))
    }
}

pub fn lint_file(path: &Path, settings: &Settings) -> (String, Vec<Diagnostic>) {
    let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let diags = lint_path(&source, Some(path), settings);
    (source, diags)
}

/// The human rendering (no colour, fixed width) used in snapshots.
pub fn render_human(shown_path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> String {
    let files = vec![FileReport {
        path: shown_path.to_string(),
        source: source.to_string(),
        diagnostics,
    }];
    let mut out = Vec::new();
    render::human(
        &mut out,
        &files,
        &HumanOptions {
            color: false,
            width: 100,
        },
    )
    .expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the renderer writes UTF-8")
}

/// The binary as the tests run it: no colour from the environment, a fixed width.
pub fn ccr() -> Command {
    let mut cmd = Command::cargo_bin("ccr-lint").expect("the binary is built by cargo test");
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

/// A temporary folder that is its own repository root, so config discovery stops there.
pub fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    dir
}

/// Writes `text` to `rel` under `dir`, creating folders on the way.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, text).expect("write");
}
