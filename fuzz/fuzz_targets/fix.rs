//! Arbitrary bytes through `--fix --unsafe-fixes`: no panic, and fixing the fixed text again
//! changes nothing (when the first run settled).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static SETTINGS: LazyLock<ccr_lint::Settings> = LazyLock::new(ccr_lint::Settings::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = ccr_lint::document::decode(data.to_vec()) else { return };
    let once = ccr_lint::fix::fix(&text, None, &SETTINGS, true);
    if !once.unsettled.is_empty() {
        return;
    }
    let twice = ccr_lint::fix::fix(&once.text, None, &SETTINGS, true);
    assert_eq!(once.text, twice.text, "fixing twice must equal fixing once");
});
