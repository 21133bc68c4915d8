#![no_main]
//! Any text: the fast path gives exactly saphyr-parser's events, spans and syntax error.

use libfuzzer_sys::fuzz_target;
use stashform_yaml::{Event, for_each_event, for_each_event_with_saphyr};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.contains('\0') {
        return; // the loader refuses NUL before any parsing
    }
    let events = |fast: bool| {
        let mut seen = Vec::new();
        let mut record = |event: Event<'_>, span: std::ops::Range<usize>| {
            let node = !matches!(
                event,
                Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd
            );
            seen.push(format!("{event:?} {:?}", node.then_some(span)));
            true
        };
        let result = if fast {
            for_each_event(text, &mut record)
        } else {
            for_each_event_with_saphyr(text, &mut record)
        };
        (seen, result)
    };
    assert_eq!(events(true), events(false), "{text:?}");
});
