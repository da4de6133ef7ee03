//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

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
