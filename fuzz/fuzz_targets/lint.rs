//! Arbitrary bytes through decoding and linting: no panic, and every span (and fix edit)
//! lies inside the input on UTF-8 character boundaries.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static SETTINGS: LazyLock<ccr_lint::Settings> = LazyLock::new(ccr_lint::Settings::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = ccr_lint::document::decode(data.to_vec()) else { return };
    for d in ccr_lint::lint(&text, &SETTINGS) {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
});
