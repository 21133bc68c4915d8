//! The text's tokens for syntax highlighting, from the loader's own event stream (so a key is a
//! key exactly when the loader reads it as one, and a plain `yes` is a boolean as Kubernetes
//! reads it) and the comment scan. On a syntax error, the tokens before it: the rest of the text
//! is plain.

use crate::comments::comments;
use crate::events::{Event, ScalarStyle, for_each_event};
use crate::load::quoted_span;
use crate::node::Value;
use crate::{Span, resolve};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A mapping key.
    Key,
    /// A string value (quoted, block or plain).
    String,
    /// An integer or a float.
    Number,
    /// `true`, `false`, `yes`, `on`, … (as go-yaml v2 reads plain scalars).
    Bool,
    /// `null`, `~` or nothing.
    Null,
    /// An alias (`*name`).
    Alias,
    /// A comment.
    Comment,
}

/// A token and the bytes it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Where the parser is inside a collection.
enum Open {
    /// A mapping; `true` when the next node is a key.
    Mapping(bool),
    Sequence,
}

/// Every token of `text`, sorted by position and not overlapping.
#[must_use]
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // A node in a mapping's value position flips it back to expecting a key; returns whether
    // this node is a key.
    let next_is_key = |open: &mut Vec<Open>| match open.last_mut() {
        Some(Open::Mapping(expect_key)) => {
            let key = *expect_key;
            *expect_key = !key;
            key
        }
        _ => false,
    };
    let _ = for_each_event(text, &mut |event, range| {
        let span = Span::new(range.start, range.end.min(text.len()));
        match event {
            Event::Scalar(value, style, _, _) => {
                let is_key = next_is_key(&mut open);
                let span = quoted_span(text, style, span);
                let kind = if is_key {
                    TokenKind::Key
                } else if style == ScalarStyle::Plain {
                    match resolve::plain(&value) {
                        Value::Bool(_) => TokenKind::Bool,
                        Value::Int(_) | Value::Float(_) => TokenKind::Number,
                        Value::Null => TokenKind::Null,
                        _ => TokenKind::String,
                    }
                } else {
                    TokenKind::String
                };
                // An empty plain scalar (`key:` with nothing after it) has no text to colour.
                if span.end > span.start {
                    out.push(Token { kind, span });
                }
            }
            Event::Alias(_) => {
                next_is_key(&mut open);
                out.push(Token {
                    kind: TokenKind::Alias,
                    span,
                });
            }
            Event::MappingStart(..) => {
                next_is_key(&mut open);
                open.push(Open::Mapping(true));
            }
            Event::SequenceStart(..) => {
                next_is_key(&mut open);
                open.push(Open::Sequence);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
            }
            _ => {}
        }
        true
    });
    let comments: Vec<Token> = comments(text)
        .into_iter()
        .map(|comment| Token {
            kind: TokenKind::Comment,
            span: comment.span,
        })
        .collect();
    if !comments.is_empty() {
        out.extend(comments);
        crate::order::sort_by_key(&mut out, |token| token.span.start);
    }
    // Spans end at the next token for some events: keep the tokens apart.
    for i in 1..out.len() {
        let next = out[i].span.start;
        let previous = &mut out[i - 1].span;
        previous.end = previous.end.min(next).max(previous.start);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn keys_values_and_comments() {
        use TokenKind::*;
        assert_eq!(
            kinds("a: 1 # one\nb: \"x\"\nc: [yes, ~]\nd:\n  - e: f\n"),
            [
                (Key, "a"),
                (Number, "1"),
                (Comment, "# one"),
                (Key, "b"),
                (String, "\"x\""),
                (Key, "c"),
                (Bool, "yes"),
                (Null, "~"),
                (Key, "d"),
                (Key, "e"),
                (String, "f"),
            ]
        );
    }

    #[test]
    fn a_syntax_error_keeps_the_tokens_before_it() {
        let text = "a: 1\nb: [\n";
        let found = kinds(text);
        assert_eq!(found[0], (TokenKind::Key, "a"));
        assert!(found.len() < 5);
    }

    #[test]
    fn tokens_never_overlap_and_stay_in_the_text() {
        for text in [
            "a: &x 1\nb: *x\n",
            "k: |\n  text\n  more\n# end\n",
            "- - a\n  - b\n",
            "{a: b, c: [d]}\n",
            "",
        ] {
            let found = tokens(text);
            for pair in found.windows(2) {
                assert!(
                    pair[0].span.end <= pair[1].span.start,
                    "{text:?}: {found:?}"
                );
            }
            assert!(found.iter().all(|t| t.span.end <= text.len()));
        }
    }
}
