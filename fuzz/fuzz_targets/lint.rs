//! Arbitrary bytes through decoding, linting and every output format: no panic, every span
//! (and fix edit) lies inside the input on UTF-8 character boundaries, and human, concise,
//! JSON, SARIF and GitHub output give each diagnostic the same line and column.
#![no_main]

use std::sync::LazyLock;

use ccr_lint::render::FileReport;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/agree.rs"]
mod agree;

static SETTINGS: LazyLock<ccr_lint::Settings> = LazyLock::new(ccr_lint::Settings::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = ccr_lint::document::decode(data.to_vec()) else { return };
    let diagnostics = ccr_lint::lint(&text, &SETTINGS);
    for d in &diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    // The terminal width varies with the input: 40 to 159 columns.
    let width = 40 + data.len() % 120;
    let file = FileReport {
        path: "reports/fuzz, Zoë.md".to_string(),
        source: text,
        diagnostics,
    };
    if let Err(e) = agree::check_every_format(&file, width) {
        panic!("{e}");
    }
});
