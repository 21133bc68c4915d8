//! Load YAML into position-preserving [`Node`] trees, one per document.
//!
//! Built on the event stream (not a DOM) so that this module owns every limit: nesting depth,
//! alias expansion, number of documents, duplicate keys. The builder is iterative: no input can
//! exhaust the stack. Problems are reported as [`Problem`]s, which stashform turns into
//! diagnostics of its rules.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::node::{Key, Node, Value};
use crate::{Event, ScalarStyle, Span, SyntaxError, Tag, for_each_event, resolve};

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Deepest nesting of collections accepted.
pub const MAX_DEPTH: usize = 128;
/// Most nodes that aliases may add by expansion, per file.
pub const MAX_ALIAS_NODES: usize = 100_000;
/// Most documents per file.
pub const MAX_DOCUMENTS: usize = 100_000;

/// One non-empty YAML document of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
    /// Index among the non-empty documents of the file.
    pub index: usize,
}

/// Something the loader could not accept.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// Another place the problem involves: for a duplicate key, where the key is first set.
    pub related: Option<Span>,
    /// The document being read, for syntax errors and duplicate keys (else 0).
    pub document: usize,
}

/// The kinds of [`Problem`], one per stashform rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    InputTooLarge,
    InvalidEncoding,
    Syntax,
    NestingTooDeep,
    AliasLimit,
    Unsupported,
    DuplicateKey,
    TooManyDocuments,
}

impl Problem {
    fn new(kind: ProblemKind, span: Span, message: impl Into<String>) -> Self {
        Self {
            kind,
            span,
            message: message.into(),
            help: None,
            related: None,
            document: 0,
        }
    }
}

/// A quoted scalar's event span runs on to the next token, over blanks and any comment: end
/// it at the closing quote, so that spans are exact for diagnostics and edits.
pub(crate) fn quoted_span(text: &str, style: ScalarStyle, span: Span) -> Span {
    let quote = match style {
        ScalarStyle::SingleQuoted => b'\'',
        ScalarStyle::DoubleQuoted => b'"',
        _ => return span,
    };
    let bytes = &text.as_bytes()[span.start..span.end.min(text.len())];
    // Tags and anchors (which may hold quote characters) come before the opening quote,
    // separated from it by blanks.
    let Some(open) = (0..bytes.len())
        .find(|&i| bytes[i] == quote && (i == 0 || bytes[i - 1].is_ascii_whitespace()))
    else {
        return span;
    };
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Span::new(span.start, span.start + i + 1),
            _ => i += 1,
        }
    }
    span
}

/// Load `text` handing each document to `on_document` as soon as it is complete, so a caller
/// can validate and drop it (a large file never holds all its trees); returns the loader's
/// diagnostics.
pub fn load_each(text: &str, on_document: &mut dyn FnMut(Document)) -> Vec<Problem> {
    if text.len() > MAX_INPUT_BYTES {
        return vec![Problem::new(
            ProblemKind::InputTooLarge,
            Span::new(0, 0),
            format!(
                "the input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes (32 MiB)",
                text.len()
            ),
        )];
    }
    if let Some(at) = text.find('\0') {
        return vec![Problem::new(
            ProblemKind::InvalidEncoding,
            Span::new(at, at + 1),
            "the input contains a NUL character, which YAML does not allow",
        )];
    }
    let mut builder = Builder::new(text, on_document);
    builder.run();
    builder.problems
}

/// An open collection. Its items live on the builder's shared stacks (`items`, `entries`)
/// from `first` on, so that a finished collection is one allocation of the right size.
enum Frame {
    Seq {
        first: usize,
        start: usize,
        anchor: usize,
    },
    Map {
        first: usize,
        pending: Option<Key>,
        /// Keys seen, kept only for large mappings (small ones are scanned).
        seen: Option<HashSet<String>>,
        merged: Vec<(Key, Node)>,
        start: usize,
        anchor: usize,
    },
}

struct Builder<'a, 's> {
    text: &'a str,
    on_document: &'s mut dyn FnMut(Document),
    problems: Vec<Problem>,
    stack: Vec<Frame>,
    items: Vec<Node>,
    entries: Vec<(Key, Node)>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_budget: usize,
    document_count: usize,
}

impl<'a, 's> Builder<'a, 's> {
    fn new(text: &'a str, on_document: &'s mut dyn FnMut(Document)) -> Self {
        Self {
            text,
            on_document,
            problems: Vec::new(),
            // Enough for a typical document, so that they rarely grow.
            stack: Vec::with_capacity(16),
            items: Vec::with_capacity(16),
            entries: Vec::with_capacity(64),
            anchors: HashMap::new(),
            alias_budget: MAX_ALIAS_NODES,
            document_count: 0,
        }
    }

    fn error(&mut self, kind: ProblemKind, span: Span, message: impl Into<String>) {
        self.problems.push(Problem::new(kind, span, message));
    }

    fn run(&mut self) {
        let text = self.text;
        if let Err(error) = for_each_event(text, &mut |event, span| self.on_event(event, span)) {
            self.syntax_error(&error);
        }
    }

    fn syntax_error(&mut self, error: &SyntaxError) {
        let at = error.at.min(self.text.len());
        let end = self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        let message = error.message.clone();
        let help = syntax_help(self.text, at, &message);
        // The scanner bounds flow nesting itself; report it under the same rule as ours.
        let (kind, message) = if message.contains("recursion limit") {
            (
                ProblemKind::NestingTooDeep,
                format!("collections are nested deeper than {MAX_DEPTH} levels"),
            )
        } else {
            (ProblemKind::Syntax, message)
        };
        let mut problem = Problem::new(kind, Span::new(at, end), message);
        problem.document = self.document_count;
        problem.help = help;
        self.problems.push(problem);
    }

    /// Handle one event; `false` stops loading.
    fn on_event(&mut self, event: Event<'_>, span: std::ops::Range<usize>) -> bool {
        let span = Span::new(span.start, span.end);
        let is_seq = matches!(event, Event::SequenceStart(..));
        match event {
            Event::DocumentStart(_) => self.anchors.clear(),
            Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            Event::Scalar(text, style, anchor, tag) => {
                let span = quoted_span(self.text, style, span);
                let Some(value) = self.scalar(text, style, tag.as_deref(), span) else {
                    return false;
                };
                let node = Node::new(value, span);
                return self.finish_node(node, anchor, true);
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id).cloned() else {
                    self.error(ProblemKind::Syntax, span, "unknown anchor");
                    return false;
                };
                if size > self.alias_budget {
                    self.error(
                        ProblemKind::AliasLimit,
                        span,
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                    );
                    return false;
                }
                self.alias_budget -= size;
                // Keep the alias's own position so diagnostics point where it is used.
                let mut node = node;
                node.span = span;
                return self.finish_node(node, 0, false);
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if let Some(tag) = tag.as_deref()
                    && !matches!(tag.suffix.as_str(), "seq" | "map" | "omap")
                {
                    self.error(
                        ProblemKind::Unsupported,
                        span,
                        format!(
                            "unsupported tag {}{} on a collection",
                            tag.handle, tag.suffix
                        ),
                    );
                }
                if self.stack.len() >= MAX_DEPTH {
                    self.error(
                        ProblemKind::NestingTooDeep,
                        span,
                        format!("collections are nested deeper than {MAX_DEPTH} levels"),
                    );
                    return false;
                }
                self.stack.push(if is_seq {
                    Frame::Seq {
                        first: self.items.len(),
                        start: span.start,
                        anchor,
                    }
                } else {
                    Frame::Map {
                        first: self.entries.len(),
                        pending: None,
                        seen: None,
                        merged: Vec::new(),
                        start: span.start,
                        anchor,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return true;
                };
                // A flow collection ends at its bracket; the event's span runs on to the next
                // token, over any comment.
                let end = if matches!(self.text.as_bytes().get(span.start), Some(b']' | b'}')) {
                    span.start + 1
                } else {
                    span.end.max(span.start)
                };
                let (value, start, anchor) = match frame {
                    Frame::Seq {
                        first,
                        start,
                        anchor,
                    } => (
                        Value::Seq(self.items.drain(first..).collect()),
                        start,
                        anchor,
                    ),
                    Frame::Map {
                        first,
                        merged,
                        start,
                        anchor,
                        ..
                    } => {
                        // `<<` merge keys: explicit keys win over merged ones.
                        for (key, value) in merged {
                            if !self.entries[first..]
                                .iter()
                                .any(|(k, _)| k.name == key.name)
                            {
                                self.entries.push((key, value));
                            }
                        }
                        (
                            Value::Map(self.entries.drain(first..).collect()),
                            start,
                            anchor,
                        )
                    }
                };
                let end = if end < start { start } else { end };
                let node = Node::new(value, Span::new(start, self.trim_end(start, end)));
                return self.finish_node(node, anchor, false);
            }
        }
        true
    }

    /// Block collections end where the next token starts; trim trailing blanks and comments
    /// back to the last content byte so that spans stay tight.
    fn trim_end(&self, start: usize, end: usize) -> usize {
        let slice = &self.text[start..end.min(self.text.len())];
        start + slice.trim_end().len()
    }

    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Option<Value> {
        let plain = matches!(style, ScalarStyle::Plain);
        let Some(tag) = tag else {
            return Some(if plain {
                resolve::plain_owned(text)
            } else {
                Value::Str(resolve::compact(text.into_owned()))
            });
        };
        let text = text.as_ref();
        let suffix = if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" {
            tag.suffix.as_str()
        } else if tag.handle == "!" && tag.suffix.is_empty() {
            // The non-specific tag `!` forces a string.
            "str"
        } else {
            ""
        };
        let value = match suffix {
            "str" | "binary" | "timestamp" => Value::Str(text.to_owned()),
            "null" | "bool" | "int" | "float" => {
                let resolved = resolve::plain(text);
                let fits = matches!(
                    (suffix, &resolved),
                    ("null", Value::Null)
                        | ("bool", Value::Bool(_))
                        | ("int", Value::Int(_))
                        | ("float", Value::Float(_) | Value::Int(_))
                );
                if !fits {
                    self.error(
                        ProblemKind::Unsupported,
                        span,
                        format!("cannot decode !!{suffix} `{text}`"),
                    );
                }
                match (suffix, resolved) {
                    #[expect(
                        clippy::cast_precision_loss,
                        reason = "`!!float 1` is the float nearest to 1, as in Go"
                    )]
                    ("float", Value::Int(i)) => Value::Float(i as f64),
                    (_, value) => value,
                }
            }
            _ => {
                self.error(
                    ProblemKind::Unsupported,
                    span,
                    format!("unsupported tag {}{}", tag.handle, tag.suffix),
                );
                Value::Str(text.to_owned())
            }
        };
        Some(value)
    }

    /// Attach a finished node to its parent (or close the document); `false` stops loading.
    fn finish_node(&mut self, node: Node, anchor: usize, is_scalar: bool) -> bool {
        if anchor != 0 {
            let size = count_nodes(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let text = self.text;
        match self.stack.last_mut() {
            None => {
                if node.is_null() {
                    return true;
                }
                if self.document_count >= MAX_DOCUMENTS {
                    self.error(
                        ProblemKind::TooManyDocuments,
                        node.span,
                        format!("the file has more than {MAX_DOCUMENTS} documents"),
                    );
                    return false;
                }
                let index = self.document_count;
                self.document_count += 1;
                (self.on_document)(Document { root: node, index });
            }
            Some(Frame::Seq { .. }) => self.items.push(node),
            Some(Frame::Map {
                first,
                pending,
                seen,
                merged,
                ..
            }) => match pending.take() {
                None => {
                    let key_span = node.span;
                    let name = match (node.value, is_scalar) {
                        (Value::Str(s), _) => s,
                        (Value::Null, true) => "null".to_owned(),
                        (Value::Bool(b), true) => b.to_string(),
                        (Value::Int(i), true) => i.to_string(),
                        (Value::Float(_), true) => text[key_span.start..key_span.end].to_owned(),
                        _ => {
                            let span = key_span;
                            self.error(
                                ProblemKind::Unsupported,
                                span,
                                "a mapping key must be a scalar",
                            );
                            return false;
                        }
                    };
                    *pending = Some(Key {
                        name,
                        span: key_span,
                    });
                }
                Some(key) => {
                    if key.name == "<<" && text[key.span.start..key.span.end].trim() == "<<" {
                        match node.value {
                            Value::Map(more) => merged.extend(more),
                            Value::Seq(maps) => {
                                for map in maps {
                                    if let Value::Map(more) = map.value {
                                        merged.extend(more);
                                    }
                                }
                            }
                            _ => {}
                        }
                        return true;
                    }
                    let entries = &mut self.entries;
                    let first = *first;
                    if is_duplicate(&entries[first..], seen, &key.name) {
                        let first = entries[first..]
                            .iter()
                            .find(|(k, _)| k.name == key.name)
                            .map(|(k, _)| k.span);
                        let message = format!("duplicate key `{}`", key.name);
                        let mut problem =
                            Problem::new(ProblemKind::DuplicateKey, key.span, message);
                        problem.related = first;
                        problem.document = self.document_count;
                        self.problems.push(problem);
                    }
                    entries.push((key, node));
                }
            },
        }
        true
    }
}

/// Whether `name` is already a key of the mapping; builds a set once the mapping grows large,
/// so a mapping with many keys stays linear.
fn is_duplicate(entries: &[(Key, Node)], seen: &mut Option<HashSet<String>>, name: &str) -> bool {
    const SCAN_LIMIT: usize = 32;
    if seen.is_none() && entries.len() < SCAN_LIMIT {
        return entries.iter().any(|(k, _)| k.name == name);
    }
    let set = seen.get_or_insert_with(|| entries.iter().map(|(k, _)| k.name.clone()).collect());
    !set.insert(name.to_owned())
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        count += 1;
        match &node.value {
            Value::Seq(items) => pending.extend(items),
            Value::Map(entries) => pending.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

/// A hint for the syntax errors people make most with KubeStash files.
fn syntax_help(text: &str, at: usize, message: &str) -> Option<String> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    if line.contains(": *") || line.trim_start().starts_with("- *") || message.contains("anchor") {
        return Some(
            "a value starting with `*` is read as an alias: quote it, e.g. schedule: \"*/5 * * * *\""
                .to_owned(),
        );
    }
    if line.contains('\t') && line.trim_start().len() != line.len() {
        return Some("YAML indentation must use spaces, not tabs".to_owned());
    }
    None
}
