#![no_main]
//! Any bytes: decoding and loading never panic; every span lies inside the text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = stashform::source::yaml::decode(data) else { return };
    let loaded = stashform::source::yaml::load(text);
    for d in &loaded.diagnostics {
        let span = d.span.expect("loader diagnostics have spans");
        assert!(span.start <= span.end && span.end <= text.len());
    }
});
