#![no_main]
//! Any text: validation never panics, every diagnostic is located inside the text, and its
//! path exists in the document or ends at the first missing step.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = stashform::check(text);
    let index = stashform::LineIndex::new(text);
    for d in &report.diagnostics {
        let span = d.span.expect("every reported diagnostic is located");
        assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
        let at = d.locate(text, &index, stashform::Encoding::Utf16);
        assert!(at.line >= 1 && at.column >= 1);
    }
});
