//! Arbitrary bytes through `--fix --unsafe-fixes`: no panic, fixing the fixed text again
//! changes nothing (when the first run settled), and what remains renders in every output
//! format with the same line and column in each.
#![no_main]

use std::sync::LazyLock;

use ccr_lint::render::FileReport;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/agree.rs"]
mod agree;

static SETTINGS: LazyLock<ccr_lint::Settings> = LazyLock::new(ccr_lint::Settings::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = ccr_lint::document::decode(data.to_vec()) else { return };
    let once = ccr_lint::fix::fix(&text, None, &SETTINGS, true);
    let file = FileReport {
        path: "fixed.md".to_string(),
        source: once.text.clone(),
        diagnostics: once.remaining,
    };
    if let Err(e) = agree::check_every_format(&file, 40 + data.len() % 120) {
        panic!("{e}");
    }
    if !once.unsettled.is_empty() {
        return;
    }
    let twice = ccr_lint::fix::fix(&once.text, None, &SETTINGS, true);
    assert_eq!(once.text, twice.text, "fixing twice must equal fixing once");
});
