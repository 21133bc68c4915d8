#![no_main]
//! Anything that loads: fmt keeps every value and is a fixed point.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(formatted) = stashform::format(text) else { return };
    let before = stashform::source::yaml::load(text);
    let after = stashform::source::yaml::load(&formatted);
    assert!(after.diagnostics.is_empty(), "{formatted:?} {:?}", after.diagnostics);
    let values = |l: &stashform::source::yaml::Loaded| {
        l.documents.iter().map(|d| d.root.to_json()).collect::<Vec<_>>()
    };
    // Key order may change (that is the point of fmt); values may not. `to_json` maps NaN to
    // null, so equality is well defined.
    assert_eq!(values(&before), values(&after), "{formatted:?}");
    assert_eq!(stashform::format(&formatted).ok().as_deref(), Some(formatted.as_str()));
});
