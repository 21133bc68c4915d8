//! The one diagnostic type every face renders. Rules speak paths; spans are resolved from the
//! path afterwards (`validate::locate`); line and column are computed only at the edges.

use std::fmt;

use serde::Serialize;

use crate::edit::{self, Edit};
use crate::registry::{Rule, Severity};
use crate::schema;
use crate::source::Span;
use crate::source::line_index::{Encoding, LineIndex};
use crate::source::node::{Node, Value};
use crate::source::yaml::Document;

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
                        let (key, rest) = crate::source::json::string(&text[i + 1..])?;
                        segments.push(Segment::Key(key));
                        i = text.len() - rest.strip_prefix(']')?.len();
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
                    write!(f, "[{}]", stashform_yaml::node::json_string(key))?;
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

/// A correction of a finding that a tool may make on its own: edits of the diagnostic's
/// document through the lossless edit layer. Rules give one only when exactly one correction
/// exists (a misspelling with one close candidate, Sunday written as 7, a value that only
/// needs quotes to stay the string it reads as).
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What it does, e.g. "rename `memroy` to `memory`".
    pub title: String,
    /// Applied in order to the diagnostic's document (`edit::apply_all`).
    pub edits: Vec<Edit>,
    /// The bytes the fix changes in the text it was found in. `check` sets it once it has made
    /// the edits there and verified them, and drops every fix it cannot make exactly: each fix
    /// of a [`crate::Report`] has one.
    pub replacement: Option<Replacement>,
}

impl Fix {
    #[must_use]
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            edits,
            replacement: None,
        }
    }

    /// Write the string `new` in place of `old` at `path`.
    pub(crate) fn replace(path: Path, old: &str, new: &str) -> Self {
        let value = Node::new(Value::Str(new.to_owned()), Span::default());
        Self::new(
            format!("replace `{old}` with `{new}`"),
            vec![Edit::Set { path, value }],
        )
    }

    /// Rename the key at `path` to `new`.
    pub(crate) fn rename(path: Path, new: &str) -> Self {
        let old = match path.0.last() {
            Some(Segment::Key(key)) => key.as_str(),
            _ => "",
        };
        let title = format!("rename `{old}` to `{new}`");
        let to = new.to_owned();
        Self::new(title, vec![Edit::Rename { path, to }])
    }
}

/// Replace `span` of a text with `text`: the smallest change that makes a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub span: Span,
    pub text: String,
}

impl Replacement {
    /// The one byte range that differs between `old` and `new`, and what `new` has there.
    #[must_use]
    pub fn between(old: &str, new: &str) -> Self {
        let mut prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let most = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(most)
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(old.len() - suffix) {
            suffix -= 1;
        }
        Self {
            span: Span::new(prefix, old.len() - suffix),
            text: new[prefix..new.len() - suffix].to_owned(),
        }
    }
}

/// What a "did you mean" corrects when its guess is unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Correct {
    /// The value at the diagnostic's path.
    Value,
    /// The key at the diagnostic's path.
    Key,
}

/// Another place a finding involves: the first of two duplicate keys or names, the object a
/// reference should match. Rules give a path (resolved by `validate::locate`, as the
/// diagnostic's own) or, at the loader, a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub path: Path,
    pub span: Option<Span>,
    pub message: String,
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
    /// The correction, when exactly one exists.
    pub fix: Option<Fix>,
    /// Other places the finding involves (in the same document).
    pub related: Vec<Related>,
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
            fix: None,
            related: Vec::new(),
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

    /// Add another place the finding involves, at `path` of the same document.
    #[must_use]
    pub fn related(mut self, path: Path, message: impl Into<String>) -> Self {
        self.related.push(Related {
            path,
            span: None,
            message: message.into(),
        });
        self
    }

    #[must_use]
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// "did you mean `x`?" for the candidate closest to `word` and, when it is certain (see
    /// `schema::closest`), the fix that writes it at this diagnostic's path (as the value, or as
    /// the key's new name). Whether there was a candidate.
    pub(crate) fn did_you_mean<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
        correct: Correct,
    ) -> bool {
        let found = schema::closest(word, &mut candidates.into_iter());
        self.guess(word, found, correct)
    }

    fn guess(&mut self, word: &str, found: Option<(&str, bool)>, correct: Correct) -> bool {
        let Some((candidate, certain)) = found else {
            return false;
        };
        self.help = Some(format!("did you mean `{candidate}`?"));
        if certain {
            self.fix = Some(match correct {
                Correct::Value => Fix::replace(self.path.clone(), word, candidate),
                Correct::Key => Fix::rename(self.path.clone(), candidate),
            });
        }
        true
    }

    /// The fix that quotes the value (a number or boolean where a string is wanted) as it is
    /// written: `validate::locate` reads the text and makes the edit.
    pub(crate) fn quote_as_written(&mut self) {
        self.fix = Some(Fix::new(String::new(), Vec::new()));
    }

    /// The smallest change the fix makes to `text` (whose documents are `documents`): its
    /// edits made and verified by the edit layer, then the one byte range that differs. `None`
    /// without a fix, or when the edit layer refuses it.
    #[must_use]
    pub fn fix_replacement(&self, text: &str, documents: &[Document]) -> Option<Replacement> {
        let fix = self.fix.as_ref()?;
        documents.get(self.document)?;
        let (new, _) = edit::apply_all_loaded(text, documents, self.document, &fix.edits).ok()?;
        Some(Replacement::between(text, &new))
    }

    /// Turn the span into the serialisable form the contract describes.
    #[must_use]
    pub fn locate(&self, text: &str, index: &LineIndex, encoding: Encoding) -> Located {
        let span = self.span.unwrap_or_default();
        let start = index.line_col(text, span.start, encoding);
        let end = index.line_col(text, span.end, encoding);
        let fix = self.fix.as_ref().and_then(|fix| {
            let replacement = fix.replacement.as_ref()?;
            let start = index.line_col(text, replacement.span.start, encoding);
            let end = index.line_col(text, replacement.span.end, encoding);
            Some(LocatedFix {
                title: fix.title.clone(),
                replacements: vec![LocatedReplacement {
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    text: replacement.text.clone(),
                }],
            })
        });
        let related = self
            .related
            .iter()
            .filter_map(|related| {
                let span = related.span?;
                let start = index.line_col(text, span.start, encoding);
                let end = index.line_col(text, span.end, encoding);
                Some(LocatedRelated {
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    message: related.message.clone(),
                })
            })
            .collect();
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
            fix,
            related,
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
    /// The fix, when the finding has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<LocatedFix>,
    /// Other places the finding involves; serialised only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<LocatedRelated>,
}

/// Another place a finding involves, positioned as the diagnostic is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedRelated {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
}

/// A fix as faces show and apply it: what it does, and the text to write in place of each
/// range (positions counted as the diagnostic's; an insertion has an empty range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedFix {
    pub title: String,
    pub replacements: Vec<LocatedReplacement>,
}

/// Replace `line:column` up to `endLine:endColumn` with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedReplacement {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub text: String,
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

    #[test]
    fn keys_with_quotes_escapes_and_brackets_parse_back() {
        for key in [
            "a\"]b",
            "back\\slash",
            "tab\tnew\nline\u{1}",
            "é😀",
            "",
            "x]",
            "\"]",
        ] {
            let path = Path::root().key("labels").key(key).index(2);
            assert_eq!(Path::parse(&path.to_string()), Some(path), "{key:?}");
        }
        // What a JSON writer other than serde_json may give.
        let parsed = Path::parse(r#"a["\ud83d\ude00\/"]"#);
        assert_eq!(parsed, Some(Path::root().key("a").key("😀/")));
        for broken in [
            r#"a["x"#,
            r#"a["x"y]"#,
            r#"a["\q"]"#,
            r#"a["\ud83d"]"#,
            r#"a["\u12"]"#,
        ] {
            assert_eq!(Path::parse(broken), None, "{broken}");
        }
    }
}
