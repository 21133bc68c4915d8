//! The YAML pane's colours and squiggles: the text as HTML for the `<pre>` behind the textarea,
//! from the loader's tokens (`stashform_yaml::tokens`) and the diagnostics' byte spans. The
//! `<pre>` holds exactly the textarea's text, so the two stay aligned character for character.

use std::fmt::Write as _;

use stashform::Severity;
use stashform::source::Span;
use stashform_yaml::tokens::{TokenKind, tokens};

/// Above this size the pane shows the text without colours (squiggles stay): tokens cost a load.
pub const MAX_HIGHLIGHTED_BYTES: usize = 256 * 1024;

/// The HTML of the highlighted text: `<span class="t-k">` for a key (`t-s` string, `t-n`
/// number, `t-b` boolean, `t-z` null, `t-a` alias, `t-c` comment) and `<span class="sq
/// error">` under a diagnostic's span (the worst severity where several overlap).
#[must_use]
pub fn html(text: &str, marks: &[(Span, Severity)]) -> String {
    let tokens = if text.len() <= MAX_HIGHLIGHTED_BYTES {
        tokens(text)
    } else {
        Vec::new()
    };
    // An empty span (a missing key) squiggles one character, or none at the very end.
    let marks: Vec<(usize, usize, Severity)> = marks
        .iter()
        .map(|(span, severity)| {
            let end = if span.end > span.start {
                span.end
            } else {
                next_char(text, span.start)
            };
            (span.start, end, *severity)
        })
        .collect();
    // Every place where a colour or a squiggle starts or ends.
    let mut cuts: Vec<usize> = Vec::with_capacity(2 * (tokens.len() + marks.len()) + 2);
    cuts.push(0);
    cuts.push(text.len());
    for token in &tokens {
        cuts.extend([token.span.start, token.span.end]);
    }
    for &(start, end, _) in &marks {
        cuts.extend([start, end]);
    }
    cuts.retain(|&cut| cut <= text.len() && text.is_char_boundary(cut));
    stashform_yaml::order::sort(&mut cuts);
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut token = tokens.iter().peekable();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        while token.peek().is_some_and(|t| t.span.end <= start) {
            token.next();
        }
        let kind = token
            .peek()
            .filter(|t| t.span.start <= start && end <= t.span.end)
            .map(|t| class(t.kind));
        let severity = marks
            .iter()
            .filter(|&&(from, to, _)| from <= start && end <= to)
            .map(|&(_, _, severity)| severity)
            .min();
        let piece = &text[start..end];
        match (kind, severity) {
            (None, None) => escape_into(&mut out, piece),
            (kind, severity) => {
                out.push_str("<span class=\"");
                if let Some(kind) = kind {
                    out.push_str(kind);
                }
                if let Some(severity) = severity {
                    if kind.is_some() {
                        out.push(' ');
                    }
                    let _ = write!(out, "sq {}", severity.as_str());
                }
                out.push_str("\">");
                escape_into(&mut out, piece);
                out.push_str("</span>");
            }
        }
    }
    // A final newline needs a line after it, or the `<pre>` is one line shorter than the text.
    out.push('\n');
    out
}

fn class(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Key => "t-k",
        TokenKind::String => "t-s",
        TokenKind::Number => "t-n",
        TokenKind::Bool => "t-b",
        TokenKind::Null => "t-z",
        TokenKind::Alias => "t-a",
        TokenKind::Comment => "t-c",
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| if c == '\n' { at } else { at + c.len_utf8() })
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML without its tags is the text: the `<pre>` and the textarea stay aligned.
    fn strip(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn colours_and_a_squiggle() {
        let text = "a: 1 # n\nb: \"x<y\"\n";
        let html = html(text, &[(Span::new(12, 17), Severity::Error)]);
        assert_eq!(
            html,
            "<span class=\"t-k\">a</span>: <span class=\"t-n\">1</span> <span class=\"t-c\"># n</span>\n<span class=\"t-k\">b</span>: <span class=\"t-s sq error\">\"x&lt;y\"</span>\n\n"
        );
        assert_eq!(strip(&html), format!("{text}\n"));
    }

    #[test]
    fn any_text_comes_back_whole() {
        for text in [
            "",
            "a: [\n",
            "é: ü # ß\n- x\n",
            "k: |\n  <b>\n",
            "a: &x {b: *x}\n",
            "\t: ]\n",
        ] {
            let marks = [
                (Span::new(0, 0), Severity::Warning),
                (Span::new(1, 3), Severity::Info),
            ];
            assert_eq!(strip(&html(text, &marks)), format!("{text}\n"), "{text:?}");
        }
    }
}
