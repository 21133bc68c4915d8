#![no_main]
//! Any text: the fast path gives exactly saphyr-parser's events, spans and syntax error.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(difference) = stashform_yaml::differs_from_saphyr(text) {
        panic!("{difference}");
    }
});
