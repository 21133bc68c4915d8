//! saphyr-parser's event stream behind one non-generic function.
//!
//! Why a crate of its own: saphyr-parser is generic over its input, so its parser is compiled
//! inside whichever crate instantiates it. Instantiating it here keeps it out of
//! `stashform-yaml`, which the size-optimised wasm builds compile for speed: saphyr-parser only
//! reads what the fast path gives up on, so it is compiled for size like the rest.

pub use saphyr_parser::{Event, ScalarStyle, ScanError, Span, Tag};

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
