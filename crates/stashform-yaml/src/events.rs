//! The YAML event stream with byte spans. Two readers give the same events: a fast path for
//! plain block YAML (`fast`), and saphyr-parser for everything else. The fast path reads whole
//! documents and hands a document it cannot read exactly as saphyr-parser would (and every
//! document after it) to saphyr-parser; [`differs_from_saphyr`] is the invariant that holds the
//! two to the same events and spans.

use std::ops::Range;

pub use stashform_yaml_saphyr::{Event, ScalarStyle, Tag};

/// The text is not valid YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the problem.
    pub at: usize,
    /// saphyr-parser's description of it.
    pub message: String,
}

/// Feed every event of `text` with its byte span to `on_event` until it returns `false` or the
/// stream ends. The spans of node events are saphyr-parser's (a block collection ends where the
/// next token starts); the spans of stream and document events carry no meaning.
///
/// # Errors
/// The first syntax error, after the events before it.
pub fn for_each_event<'input>(
    text: &'input str,
    on_event: &mut dyn FnMut(Event<'input>, Range<usize>) -> bool,
) -> Result<(), SyntaxError> {
    if !on_event(Event::StreamStart, 0..0) {
        return Ok(());
    }
    match crate::fast::run(text, on_event) {
        crate::fast::Outcome::Done => Ok(()),
        crate::fast::Outcome::Resume(from) => read_with_saphyr(text, from, on_event),
    }
}

/// The same events as [`for_each_event`], read by saphyr-parser alone: the reference the fast
/// path is tested against.
///
/// # Errors
/// The first syntax error, after the events before it.
pub fn for_each_event_with_saphyr<'input>(
    text: &'input str,
    on_event: &mut dyn FnMut(Event<'input>, Range<usize>) -> bool,
) -> Result<(), SyntaxError> {
    if !on_event(Event::StreamStart, 0..0) {
        return Ok(());
    }
    read_with_saphyr(text, 0, on_event)
}

/// Whether the fast path reads all of `text` (such text never reaches saphyr-parser).
#[must_use]
pub fn is_read_fast(text: &str) -> bool {
    matches!(
        crate::fast::run(text, &mut |_, _| true),
        crate::fast::Outcome::Done
    )
}

/// Where the fast path and saphyr-parser disagree on `text` (events, node spans or syntax
/// error), if anywhere. The invariant that the differential tests, the fuzz corpus replay and
/// the `events` fuzz target hold. Text with a NUL is not compared: the loader refuses it before
/// any parsing (saphyr-parser reads NUL as the end of the text).
#[must_use]
pub fn differs_from_saphyr(text: &str) -> Option<String> {
    if text.contains('\0') {
        return None;
    }
    let fast = recorded(text, true);
    let saphyr = recorded(text, false);
    (fast != saphyr).then(|| {
        format!("different events for {text:?}\n  fast path: {fast:?}\n  saphyr-parser: {saphyr:?}")
    })
}

/// Every event (with its span, for node events) of one reader, and how the stream ended.
fn recorded(text: &str, fast: bool) -> (Vec<String>, Result<(), SyntaxError>) {
    let mut seen = Vec::new();
    let mut record = |event: Event<'_>, span: Range<usize>| {
        // Stream and document events carry no meaningful span.
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
}

/// saphyr-parser's events of `text[from..]` after the stream's start. `from` is 0 or the start
/// of a `---` line, where the parser's state is the same as at the start of a stream.
fn read_with_saphyr<'input>(
    text: &'input str,
    from: usize,
    on_event: &mut dyn FnMut(Event<'input>, Range<usize>) -> bool,
) -> Result<(), SyntaxError> {
    let rest = &text[from..];
    let offsets = CharOffsets::new(rest);
    let byte = |char_index: usize| from + offsets.byte(char_index);
    stashform_yaml_saphyr::for_each_event(rest, &mut |event, span| {
        // The callers give the stream's start.
        matches!(event, Event::StreamStart)
            || on_event(event, byte(span.start.index())..byte(span.end.index()))
    })
    .map_err(|error| SyntaxError {
        at: byte(error.marker().index()),
        message: error.info().to_owned(),
    })?;
    Ok(())
}

/// saphyr-parser reports positions in characters; spans are byte offsets.
struct CharOffsets {
    /// `(char index, byte start, byte end)` of every non-ASCII character; empty for ASCII text.
    marks: Vec<(usize, usize, usize)>,
    len_bytes: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let marks = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .enumerate()
                .filter(|(_, (_, c))| !c.is_ascii())
                .map(|(char_index, (byte, c))| (char_index, byte, byte + c.len_utf8()))
                .collect()
        };
        Self {
            marks,
            len_bytes: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let before = self.marks.partition_point(|&(c, _, _)| c < char_index);
        let byte = match self.marks.get(before) {
            Some(&(c, start, _)) if c == char_index => start,
            _ if before == 0 => char_index,
            // Everything between the previous non-ASCII char and this one is ASCII.
            _ => {
                let (c, _, end) = self.marks[before - 1];
                end + (char_index - c - 1)
            }
        };
        byte.min(self.len_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_stop_when_asked_and_errors_carry_byte_positions() {
        for read in [for_each_event, for_each_event_with_saphyr] {
            let mut seen = 0;
            read("a: [1, 2]\nb: c\n", &mut |_, _| {
                seen += 1;
                seen < 4
            })
            .unwrap();
            assert_eq!(seen, 4);
            let error = read("x: ü\na: b: c\n", &mut |_, _| true).unwrap_err();
            assert_eq!(&"x: ü\na: b: c\n"[error.at..], ": c\n");
        }
    }

    #[test]
    fn spans_are_bytes_after_non_ascii_text() {
        let text = "a: ü\nb: [é]\n";
        let mut spans = Vec::new();
        for_each_event(text, &mut |event, span| {
            if let Event::Scalar(value, ..) = event {
                spans.push((value.into_owned(), &text[span]));
            }
            true
        })
        .unwrap();
        let values: Vec<_> = spans.iter().map(|(v, s)| (v.as_str(), *s)).collect();
        assert_eq!(values, [("a", "a"), ("ü", "ü"), ("b", "b"), ("é", "é")]);
    }
}
