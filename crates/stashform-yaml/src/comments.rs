//! The comments of a YAML text, with their spans. YAML parsers drop comments; the lossless edit
//! layer and the comment-keeping formatter need them back. A `#` starts a comment when it is
//! at the start of a line or after a space or tab, and is not inside a scalar (quoted,
//! multi-line plain or block scalars may hold text that looks like a comment): the scalars'
//! spans come from the same event stream the loader reads.

use crate::load::quoted_span;
use crate::{Event, Span, for_each_event};

/// One comment: `#` to the end of its line (without the line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// Nothing but blanks before it on its line.
    pub own_line: bool,
}

/// Every comment of `text`, in order. On a syntax error, the comments of the text the event
/// stream read before it (callers that edit or format refuse such text anyway).
#[must_use]
pub fn comments(text: &str) -> Vec<Comment> {
    if !text.contains('#') {
        return Vec::new();
    }
    let mut scalars: Vec<Span> = Vec::new();
    let mut read_to = text.len();
    let result = for_each_event(text, &mut |event, span| {
        if let Event::Scalar(_, style, ..) = event {
            let span = quoted_span(text, style, Span::new(span.start, span.end));
            if span.end > span.start {
                scalars.push(span);
            }
        }
        true
    });
    if let Err(error) = result {
        read_to = error.at.min(text.len());
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut next_scalar = 0;
    let mut at = 0;
    // A comment may run past where a syntax error stopped the reading: stop there too.
    while let Some(offset) = bytes
        .get(at..read_to)
        .and_then(|unread| unread.iter().position(|&b| b == b'#'))
    {
        let hash = at + offset;
        at = hash + 1;
        while next_scalar < scalars.len() && scalars[next_scalar].end <= hash {
            next_scalar += 1;
        }
        if scalars
            .get(next_scalar)
            .is_some_and(|s| s.start <= hash && hash < s.end)
        {
            continue;
        }
        // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
        let line_start = text[..hash].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let before = &bytes[line_start..hash];
        if !before.is_empty() && !matches!(before[before.len() - 1], b' ' | b'\t') {
            continue;
        }
        let end = text[hash..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| hash + i);
        found.push(Comment {
            span: Span::new(hash, end),
            own_line: before.iter().all(|b| matches!(b, b' ' | b'\t')),
        });
        at = end.max(at);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        comments(text)
            .into_iter()
            .map(|c| (&text[c.span.start..c.span.end], c.own_line))
            .collect()
    }

    #[test]
    fn comments_in_every_position() {
        let text = "# top\na: 1 # after a\nb: # opens b\n  # inside b\n  - x # item\n  - 'q # not' # real\n---  # marker\nc: |  # header\n  # not a comment\n  text\n# after block\nd: \"multi\n  # not either\"\ne: x#y\n# end\n";
        assert_eq!(
            texts(text),
            [
                ("# top", true),
                ("# after a", false),
                ("# opens b", false),
                ("# inside b", true),
                ("# item", false),
                ("# real", false),
                ("# marker", false),
                ("# header", false),
                ("# after block", true),
                ("# end", true),
            ]
        );
    }

    #[test]
    fn a_comment_past_a_syntax_error_ends_the_scan() {
        // The error is found inside what looks like a comment after the bad quote.
        let text = "args: \"--dbname=testdb #note: \"x\"\n# after\n";
        assert!(texts(text).len() <= 1);
    }

    #[test]
    fn crlf_and_flow() {
        assert_eq!(
            texts("a: [1, # one\r\n  2] # two\r\n"),
            [("# one", false), ("# two", false)]
        );
        assert_eq!(texts("# a\r# b\rc: 1\r"), [("# a", true), ("# b", true)]);
    }
}
