//! The one diagnostic type every face renders. Rules speak paths; spans are resolved from the
//! path afterwards (`validate::locate`); line and column are computed only at the edges.

use std::fmt;

use serde::Serialize;

use crate::registry::{Rule, Severity};
use crate::source::Span;
use crate::source::line_index::{Encoding, LineIndex};

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from the document root, displayed as `spec.sessions[0].scheduler.schedule`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Segment>);

impl Path {
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path extended by an index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// Parse a display path (`spec.sessions[0].addon["a.b"]`) back into segments.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut segments = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'.' if !segments.is_empty() => i += 1,
                b'[' => {
                    let close = text[i..].find(']')? + i;
                    let inner = &text[i + 1..close];
                    if inner.starts_with('"') {
                        let end = text[i + 1..].find("\"]")? + i + 1;
                        segments.push(Segment::Key(serde_json::from_str(&text[i + 1..=end]).ok()?));
                        i = end + 2;
                    } else {
                        segments.push(Segment::Index(inner.parse().ok()?));
                        i = close + 1;
                    }
                }
                _ => {
                    let end = text[i..]
                        .find(['.', '['])
                        .map_or(text.len(), |offset| offset + i);
                    segments.push(Segment::Key(text[i..end].to_owned()));
                    i = end;
                }
            }
        }
        Some(Self(segments))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => {
                    write!(f, "[{}]", serde_json::Value::String(key.clone()))?;
                }
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$')
}

/// Which node of the path the diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The value at the path (a bad value); when the path does not exist, the place where it
    /// is missing, as for `Missing` (`validate::locate` decides, so rules need not look).
    Value,
    /// The key of the last segment (an unknown or duplicated key).
    Key,
    /// The path does not exist: point at the key of the deepest existing parent.
    Missing,
}

/// A finding of a rule, before positions are turned into lines and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub path: Path,
    pub anchor: Anchor,
    pub span: Option<Span>,
    pub help: Option<String>,
    /// The text the upstream component (webhook, Kubernetes) would print, when it differs.
    pub upstream: Option<String>,
    /// Index of the document within its file (0-based, counting non-empty documents).
    pub document: usize,
}

impl Diagnostic {
    #[must_use]
    pub fn new(rule: &'static Rule, path: Path, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            message: message.into(),
            path,
            anchor: Anchor::Value,
            span: None,
            help: None,
            upstream: None,
            document: 0,
        }
    }

    /// A diagnostic whose span is already known (YAML-level findings).
    #[must_use]
    pub fn at(rule: &'static Rule, span: Span, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::new(rule, Path::root(), message);
        diagnostic.span = Some(span);
        diagnostic
    }

    #[must_use]
    pub fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn upstream(mut self, upstream: impl Into<String>) -> Self {
        self.upstream = Some(upstream.into());
        self
    }

    /// Turn the span into the serialisable form the contract describes.
    #[must_use]
    pub fn locate(&self, text: &str, index: &LineIndex, encoding: Encoding) -> Located {
        let span = self.span.unwrap_or_default();
        let start = index.line_col(text, span.start, encoding);
        let end = index.line_col(text, span.end, encoding);
        Located {
            code: self.rule.code,
            rule: self.rule.name,
            severity: self.severity,
            message: self.message.clone(),
            path: self.path.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            help: self.help.clone(),
            upstream: self.upstream.clone(),
            document: self.document,
        }
    }
}

/// The diagnostic contract of DESIGN.md (JSON field names in camelCase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream: Option<String>,
    pub document: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_and_parse_back() {
        let path = Path::root()
            .key("spec")
            .key("sessions")
            .index(0)
            .key("scheduler")
            .key("schedule");
        assert_eq!(path.to_string(), "spec.sessions[0].scheduler.schedule");
        assert_eq!(Path::parse(&path.to_string()), Some(path));
        let odd = Path::root().key("metadata").key("annotations").key("a.b/c");
        assert_eq!(odd.to_string(), r#"metadata.annotations["a.b/c"]"#);
        assert_eq!(Path::parse(&odd.to_string()), Some(odd));
    }
}
