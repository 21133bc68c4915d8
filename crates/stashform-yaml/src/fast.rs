//! The fast path: the YAML that Kubernetes configuration is nearly always written in, read
//! directly. Block mappings and sequences of one-line plain or simply quoted scalars, with
//! comments and `---` between documents. It emits exactly the events, with the same spans, that
//! saphyr-parser emits for such text (the differential tests hold it to that), and gives up on
//! anything else: flow collections, anchors and aliases, tags, block scalars, scalars over
//! several lines, escapes, tabs, CR, a byte order mark, directives, `...`, empty documents and
//! invalid structure. The caller then reads that document and the rest with saphyr-parser, which
//! also owns every syntax error.
//!
//! Why: saphyr-parser reads a character at a time through a ring buffer and builds every scalar
//! in a fresh `String`; most of the time of a check went there. Here a scalar is a slice of the
//! input.

use std::borrow::Cow;

use stashform_yaml_saphyr::{Event, ScalarStyle};

/// Deepest nesting read here; deeper documents go to saphyr-parser (and to the loader's limit).
const MAX_DEPTH: usize = 64;
/// saphyr-parser drops a simple key that runs past 1024 characters; stay well clear of it.
const MAX_KEY_BYTES: usize = 1000;

/// The fast path cannot read this document as saphyr-parser would.
struct GiveUp;

type Read<T> = Result<T, GiveUp>;

/// The next line that holds a token, as the block structure sees it.
#[derive(Clone, Copy)]
enum Line {
    /// Content indented by `indent` spaces, starting at byte `at`.
    Content { indent: usize, at: usize },
    /// `---` at the start of a line.
    DocumentStart(usize),
    /// The end of the text.
    End(usize),
}

impl Line {
    /// Where the next token starts: saphyr-parser ends block collections there.
    fn token(self) -> usize {
        match self {
            Line::Content { at, .. } | Line::DocumentStart(at) | Line::End(at) => at,
        }
    }
}

/// What ends a scalar on its line.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// The line's end or a comment.
    LineEnd,
    /// `: ` (or `:` at the line's end) at this byte: the scalar is a mapping key.
    Colon(usize),
}

/// A one-line scalar: its span, where its value is and what follows it.
#[derive(Clone, Copy)]
struct Scalar {
    start: usize,
    end: usize,
    value: (usize, usize),
    style: ScalarStyle,
    stop: Stop,
}

/// An event of the document being read, kept small until it is handed over.
#[derive(Clone, Copy)]
enum Token {
    DocumentStart(bool),
    DocumentEnd,
    MappingStart,
    MappingEnd,
    SequenceStart,
    SequenceEnd,
    /// A scalar whose value is `text[value.0..value.1]`.
    Scalar(ScalarStyle, (usize, usize)),
}

impl Token {
    fn event(self, text: &str) -> Event<'_> {
        match self {
            Token::DocumentStart(explicit) => Event::DocumentStart(explicit),
            Token::DocumentEnd => Event::DocumentEnd,
            Token::MappingStart => Event::MappingStart(0, None),
            Token::MappingEnd => Event::MappingEnd,
            Token::SequenceStart => Event::SequenceStart(0, None),
            Token::SequenceEnd => Event::SequenceEnd,
            Token::Scalar(style, (start, end)) => {
                Event::Scalar(Cow::Borrowed(&text[start..end]), style, 0, None)
            }
        }
    }
}

/// How a run of the fast path ended.
pub(crate) enum Outcome {
    /// Every document was read, or `on_event` asked to stop.
    Done,
    /// The document starting at this byte (and everything after it) needs saphyr-parser.
    Resume(usize),
}

/// Read `text` (after the stream's start), handing each event with its byte span to `on_event`
/// one whole document at a time (a document's events are handed over once all of it is read).
pub(crate) fn run<'a>(
    text: &'a str,
    on_event: &mut dyn FnMut(Event<'a>, std::ops::Range<usize>) -> bool,
) -> Outcome {
    // Tabs and CR change how blanks and line breaks are read; 0xEF leads a byte order mark
    // (and a few rare characters). One pass over the bytes keeps such text out of the fast path.
    // (Whole chunks without early exit, so that the loop is vectorised.)
    if text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &byte| {
            found | matches!(byte, b'\t' | b'\r' | 0xEF)
        })
    }) {
        return Outcome::Resume(0);
    }
    let mut reader = Reader {
        bytes: text.as_bytes(),
        // About one token per 8 bytes of configuration; one document's worth is kept at most.
        tokens: Vec::with_capacity((text.len() / 8).min(1 << 14)),
        depth: 0,
    };
    let mut line = reader.line_at(0);
    // The first document starts at the text's start (comments before it belong to it).
    let mut start = 0;
    loop {
        let Ok(current) = line else {
            return Outcome::Resume(start);
        };
        if let Line::End(end) = current {
            on_event(Event::StreamEnd, end..end);
            return Outcome::Done;
        }
        let Ok(next) = reader.document(current) else {
            return Outcome::Resume(start);
        };
        for (token, start, end) in reader.tokens.drain(..) {
            if !on_event(token.event(text), start..end) {
                return Outcome::Done;
            }
        }
        start = next.token();
        line = Ok(next);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    /// The tokens of the document being read, with their spans.
    tokens: Vec<(Token, usize, usize)>,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// One document starting at `line` (content, or `---`); gives the line after it.
    fn document(&mut self, line: Line) -> Read<Line> {
        self.tokens.clear();
        let (explicit, first) = match line {
            Line::DocumentStart(at) => {
                // Only a comment may follow `---` on its line here.
                let after = self.skip_spaces(at + 3);
                if !self.is_line_end(after) {
                    return Err(GiveUp);
                }
                self.push(Token::DocumentStart(true), at, at + 3);
                (true, self.next_line(after)?)
            }
            line => (false, line),
        };
        if !explicit {
            let at = line.token();
            self.push(Token::DocumentStart(false), at, at);
        }
        let Line::Content { indent, at } = first else {
            return Err(GiveUp);
        };
        let next = self.collection(indent, at)?;
        if let Line::Content { .. } = next {
            return Err(GiveUp);
        }
        self.push(Token::DocumentEnd, next.token(), next.token());
        Ok(next)
    }

    /// A block sequence or mapping whose first token is at `at`, in column `indent`.
    fn collection(&mut self, indent: usize, at: usize) -> Read<Line> {
        if self.is_entry(at) {
            return self.sequence(indent, at, false);
        }
        let key = self.scalar(at)?;
        if !self.is_key(&key) {
            return Err(GiveUp);
        }
        self.mapping(indent, key)
    }

    /// A block mapping whose keys are in column `indent`, starting with `key`.
    fn mapping(&mut self, indent: usize, mut key: Scalar) -> Read<Line> {
        self.enter()?;
        self.push(Token::MappingStart, key.start, key.start);
        let next = loop {
            let Stop::Colon(colon) = key.stop else {
                return Err(GiveUp);
            };
            self.push_scalar(key);
            let value = self.skip_spaces(colon + 1);
            let line = if self.is_line_end(value) {
                let line = self.next_line(value)?;
                match line {
                    Line::Content { indent: deeper, at } if deeper > indent => {
                        self.collection(deeper, at)?
                    }
                    Line::Content { indent: same, at } if same == indent && self.is_entry(at) => {
                        self.sequence(indent, at, true)?
                    }
                    _ => {
                        self.push_empty(colon);
                        line
                    }
                }
            } else {
                self.inline_value(value, indent)?
            };
            match line {
                Line::Content { indent: same, at } if same == indent => {
                    key = self.scalar(at)?;
                    if !self.is_key(&key) {
                        return Err(GiveUp);
                    }
                }
                Line::Content { indent: deeper, .. } if deeper > indent => return Err(GiveUp),
                line => break line,
            }
        };
        self.push(Token::MappingEnd, next.token(), next.token());
        self.depth -= 1;
        Ok(next)
    }

    /// A block sequence whose `-` are in column `indent`, the first at `at`. An indentless one
    /// (`key:` then `- item` in the key's column) starts where its first entry's content does.
    fn sequence(&mut self, indent: usize, mut at: usize, indentless: bool) -> Read<Line> {
        self.enter()?;
        let start = if indentless { self.entry_end(at) } else { at };
        self.push(Token::SequenceStart, start, start);
        let next = loop {
            let content = self.skip_spaces(at + 1);
            let line = if self.is_line_end(content) {
                let line = self.next_line(content)?;
                match line {
                    Line::Content { indent: deeper, at } if deeper > indent => {
                        self.collection(deeper, at)?
                    }
                    _ => {
                        self.push_empty(self.entry_end(at));
                        line
                    }
                }
            } else {
                // Only `-` and spaces come before `content` on its line.
                let column = indent + (content - at);
                if self.is_entry(content) {
                    self.sequence(column, content, false)?
                } else {
                    let scalar = self.scalar(content)?;
                    if self.is_key(&scalar) {
                        self.mapping(column, scalar)?
                    } else {
                        self.value_line(scalar, indent)?
                    }
                }
            };
            match line {
                Line::Content {
                    indent: same,
                    at: entry,
                } if same == indent && self.is_entry(entry) => {
                    at = entry;
                }
                Line::Content { indent: other, .. }
                    if other > indent || (other == indent && !indentless) =>
                {
                    return Err(GiveUp);
                }
                line => break line,
            }
        };
        self.push(Token::SequenceEnd, next.token(), next.token());
        self.depth -= 1;
        Ok(next)
    }

    /// A scalar value that starts on a line after other tokens (`key: value`).
    fn inline_value(&mut self, at: usize, indent: usize) -> Read<Line> {
        let scalar = self.scalar(at)?;
        self.value_line(scalar, indent)
    }

    /// Emit a scalar value and find the next line; one more indented than the collection
    /// (`indent`) would continue the scalar or be an error, so saphyr-parser decides that.
    fn value_line(&mut self, scalar: Scalar, indent: usize) -> Read<Line> {
        if scalar.stop != Stop::LineEnd {
            return Err(GiveUp);
        }
        self.push_scalar(scalar);
        let line = self.next_line(scalar.end)?;
        match line {
            Line::Content { indent: deeper, .. } if deeper > indent => Err(GiveUp),
            line => Ok(line),
        }
    }

    /// The one-line scalar starting at `at`.
    fn scalar(&self, at: usize) -> Read<Scalar> {
        match self.bytes[at] {
            b'"' | b'\'' => self.quoted(at),
            b'-' | b'?' | b':' if !self.is_blank(at + 1) => Ok(self.plain(at)),
            b'-' | b'?' | b':' | b'[' | b']' | b'{' | b'}' | b',' | b'*' | b'&' | b'!' | b'|'
            | b'>' | b'%' | b'@' | b'`' | b'#' => Err(GiveUp),
            _ => Ok(self.plain(at)),
        }
    }

    /// A plain scalar: up to the line's end, a comment (` #`) or `: `.
    fn plain(&self, at: usize) -> Scalar {
        let bytes = self.bytes;
        let mut i = at;
        // The end of the last content byte: trailing spaces are not part of the value.
        let mut end = at;
        let stop = loop {
            // A run of content (`#` right after content is content too).
            let run = i;
            while i < bytes.len() && !matches!(bytes[i], b' ' | b'\n' | b':') {
                i += 1;
            }
            if i > run {
                end = i;
            }
            match bytes.get(i) {
                Some(b':') if self.is_blank(i + 1) => break Stop::Colon(i),
                Some(b':') => {
                    i += 1;
                    end = i;
                }
                Some(b' ') => {
                    i = self.skip_spaces(i);
                    if self.is_line_end(i) {
                        break Stop::LineEnd;
                    }
                }
                _ => break Stop::LineEnd,
            }
        };
        Scalar {
            start: at,
            end,
            value: (at, end),
            style: ScalarStyle::Plain,
            stop,
        }
    }

    /// A quoted scalar on one line with no escapes (`\` in double quotes, `''` in single).
    fn quoted(&self, at: usize) -> Read<Scalar> {
        let bytes = self.bytes;
        let quote = bytes[at];
        let mut i = at + 1;
        let close = loop {
            match bytes.get(i) {
                None | Some(b'\n') => return Err(GiveUp),
                Some(b'\\') if quote == b'"' => return Err(GiveUp),
                Some(&byte) if byte == quote => break i,
                Some(_) => i += 1,
            }
        };
        let end = close + 1;
        if quote == b'\'' && bytes.get(end) == Some(&b'\'') {
            return Err(GiveUp);
        }
        // saphyr-parser ends a quoted value (not a key) past the blanks and comment after it.
        let after = self.skip_spaces(end);
        let (stop, end) = match bytes.get(after) {
            None | Some(b'\n') => (Stop::LineEnd, after),
            Some(b'#') if after > end => (Stop::LineEnd, self.line_end(after)),
            Some(b':') if after == end && self.is_blank(after + 1) => (Stop::Colon(after), end),
            Some(_) => return Err(GiveUp),
        };
        Ok(Scalar {
            start: at,
            end,
            value: (at + 1, close),
            style: if quote == b'"' {
                ScalarStyle::DoubleQuoted
            } else {
                ScalarStyle::SingleQuoted
            },
            stop,
        })
    }

    /// A mapping key: a scalar directly followed by `: ` and short enough to be a simple key.
    fn is_key(&self, scalar: &Scalar) -> bool {
        match scalar.stop {
            Stop::Colon(colon) => colon == scalar.end && colon - scalar.start <= MAX_KEY_BYTES,
            Stop::LineEnd => false,
        }
    }

    /// A block sequence entry: `-` then a blank or the line's end.
    fn is_entry(&self, at: usize) -> bool {
        self.bytes[at] == b'-' && self.is_blank(at + 1)
    }

    /// A space, a line break or the end of the text.
    fn is_blank(&self, at: usize) -> bool {
        matches!(self.bytes.get(at), None | Some(b' ' | b'\n'))
    }

    /// The line's end or a comment (callers are past a blank, so `#` starts a comment).
    fn is_line_end(&self, at: usize) -> bool {
        matches!(self.bytes.get(at), None | Some(b'\n' | b'#'))
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while self.bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        at
    }

    /// Where saphyr-parser puts the token of the `-` at `at`: past the spaces after it, or,
    /// when a comment follows, at the end of the line.
    fn entry_end(&self, at: usize) -> usize {
        let after = self.skip_spaces(at + 1);
        if self.bytes.get(after) == Some(&b'#') {
            self.line_end(after)
        } else {
            after
        }
    }

    /// The byte of the `\n` that ends the line holding `at`, or the text's end.
    fn line_end(&self, at: usize) -> usize {
        self.bytes[at..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(self.bytes.len(), |offset| at + offset)
    }

    /// The next line with a token after the line holding `at`.
    fn next_line(&self, at: usize) -> Read<Line> {
        let end = self.line_end(at);
        if end == self.bytes.len() {
            return Ok(Line::End(end));
        }
        self.line_at(end + 1)
    }

    /// The first line with a token from the line starting at `start`, skipping blank lines and
    /// comments.
    fn line_at(&self, mut start: usize) -> Read<Line> {
        let bytes = self.bytes;
        loop {
            let at = self.skip_spaces(start);
            match bytes.get(at) {
                None => return Ok(Line::End(bytes.len())),
                Some(b'\n') => start = at + 1,
                Some(b'#') => {
                    let end = self.line_end(at);
                    if end == bytes.len() {
                        return Ok(Line::End(end));
                    }
                    start = end + 1;
                }
                Some(_) if at == start => {
                    return if self.is_marker(at, b'-') {
                        Ok(Line::DocumentStart(at))
                    } else if self.is_marker(at, b'.') || bytes[at] == b'%' {
                        Err(GiveUp)
                    } else {
                        Ok(Line::Content { indent: 0, at })
                    };
                }
                Some(_) => {
                    return Ok(Line::Content {
                        indent: at - start,
                        at,
                    });
                }
            }
        }
    }

    /// `---` or `...` (three of `byte`) followed by a blank: a document marker.
    fn is_marker(&self, at: usize, byte: u8) -> bool {
        self.bytes[at..].starts_with(&[byte; 3]) && self.is_blank(at + 3)
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        Ok(())
    }

    fn push(&mut self, token: Token, start: usize, end: usize) {
        self.tokens.push((token, start, end));
    }

    fn push_scalar(&mut self, scalar: Scalar) {
        self.push(
            Token::Scalar(scalar.style, scalar.value),
            scalar.start,
            scalar.end,
        );
    }

    /// The empty scalar of a key or entry with no value.
    fn push_empty(&mut self, at: usize) {
        self.push(Token::Scalar(ScalarStyle::Plain, (at, at)), at, at);
    }
}
