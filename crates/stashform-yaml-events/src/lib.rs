//! The YAML event stream, behind one non-generic function.
//!
//! Why a crate of its own: saphyr-parser is generic over its input, so its scanner is compiled
//! inside whichever crate instantiates it. Instantiating it here lets the size-optimised wasm
//! builds compile this hot loop for speed (`opt-level = 3` in the workspace profile) while the
//! rest of the core stays small.

pub use saphyr_parser::{Event, Marker, ScalarStyle, ScanError, Span, Tag};

/// Feed every event of `text` to `on_event` until it returns `false` or the stream ends.
///
/// # Errors
/// The scanner's error (with its position) when the text is not valid YAML.
pub fn for_each_event<'input>(
    text: &'input str,
    on_event: &mut dyn FnMut(Event<'input>, Span) -> bool,
) -> Result<(), ScanError> {
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        let (event, span) = event?;
        if !on_event(event, span) {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_stop_when_asked_and_errors_carry_positions() {
        let mut seen = 0;
        for_each_event("a: [1, 2]\nb: c\n", &mut |_, _| {
            seen += 1;
            seen < 4
        })
        .unwrap();
        assert_eq!(seen, 4);
        let error = for_each_event("x: 1\na: b: c\n", &mut |_, _| true).unwrap_err();
        assert_eq!((error.marker().line(), error.marker().col()), (2, 4));
    }
}
