//! Load YAML into position-preserving `Node` trees, one per document: the loader of
//! `stashform-yaml`, whose problems become diagnostics of stashform's rules here.

pub use stashform_yaml::load::{
    Document, MAX_ALIAS_NODES, MAX_DEPTH, MAX_DOCUMENTS, MAX_INPUT_BYTES,
};
use stashform_yaml::load::{Problem, ProblemKind};

use super::Span;
use crate::diagnostic::Diagnostic;
use crate::registry;
use crate::source::line_index::{Encoding, LineIndex};

/// What loading a file gives: the documents read, and what went wrong.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode raw bytes as UTF-8, or say where the first invalid byte is.
///
/// # Errors
/// A `invalid-encoding` diagnostic located at the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        let hint = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            " (the file looks like UTF-16: save it as UTF-8)"
        } else {
            ""
        };
        Box::new(Diagnostic::at(
            &registry::INVALID_ENCODING,
            Span::new(at, at + 1),
            format!("the input is not valid UTF-8 at byte {at}{hint}"),
        ))
    })
}

/// Load every document of `text`.
#[must_use]
pub fn load(text: &str) -> Loaded {
    let mut documents = Vec::new();
    let diagnostics = load_each(text, &mut |document| documents.push(document));
    Loaded {
        documents,
        diagnostics,
    }
}

/// Load `text` handing each document to `on_document` as soon as it is complete, so a caller
/// can validate and drop it (a large file never holds all its trees); returns the loader's
/// diagnostics.
pub fn load_each(text: &str, on_document: &mut dyn FnMut(Document)) -> Vec<Diagnostic> {
    let problems = stashform_yaml::load::load_each(text, on_document);
    // Lines are counted once, and only when a message needs one.
    let index = problems
        .iter()
        .any(|p| p.related.is_some())
        .then(|| LineIndex::new(text));
    problems
        .into_iter()
        .map(|problem| diagnostic(problem, text, index.as_ref()))
        .collect()
}

/// The diagnostic of the rule that stands for a loader problem.
fn diagnostic(problem: Problem, text: &str, index: Option<&LineIndex>) -> Diagnostic {
    let rule = match problem.kind {
        ProblemKind::InputTooLarge => &registry::INPUT_TOO_LARGE,
        ProblemKind::InvalidEncoding => &registry::INVALID_ENCODING,
        ProblemKind::Syntax => &registry::YAML_SYNTAX,
        ProblemKind::NestingTooDeep => &registry::NESTING_TOO_DEEP,
        ProblemKind::AliasLimit => &registry::ALIAS_LIMIT,
        ProblemKind::Unsupported => &registry::UNSUPPORTED_YAML,
        ProblemKind::DuplicateKey => &registry::DUPLICATE_KEY,
        ProblemKind::TooManyDocuments => &registry::TOO_MANY_DOCUMENTS,
    };
    let (message, help) = match problem.kind {
        ProblemKind::Syntax => plain_words(problem.message, problem.help),
        _ => (problem.message, problem.help),
    };
    let mut diagnostic = Diagnostic::at(rule, problem.span, message);
    diagnostic.help = help;
    if let (ProblemKind::DuplicateKey, Some(first)) = (problem.kind, problem.related) {
        diagnostic.related.push(crate::diagnostic::Related {
            path: crate::diagnostic::Path::root(),
            span: Some(first),
            message: "first set here".to_owned(),
        });
    }
    if let (ProblemKind::DuplicateKey, Some(first), Some(index)) =
        (problem.kind, problem.related, index)
    {
        let line = index.line_col(text, first.start, Encoding::Utf8).line;
        diagnostic.help = Some(format!(
            "the key is first set on line {line}; remove one of them"
        ));
    }
    diagnostic.document = problem.document;
    diagnostic
}

/// The YAML parser's message in plain words, and what to do; the parser's own text stays at
/// the end of the help (it is saphyr-parser's, not what kubectl prints, so it is no upstream).
fn plain_words(parser: String, help: Option<String>) -> (String, Option<String>) {
    const PLAIN: &[(&str, &str, &str)] = &[
        (
            "simple key expect ':'",
            "a line here is neither `key: value` nor a list item",
            "write `key: value` (a space after the colon), indent a continued value under its key, and remove stray lines such as `...`",
        ),
        (
            "mapping values are not allowed in this context",
            "a `key: value` where a plain value was expected",
            "indent the line under its parent key, or quote a value that contains `: `",
        ),
        (
            "did not find expected key",
            "this line is not indented like the keys around it",
            "align it with the keys of its mapping, or write it as a list item `- ` under a key",
        ),
        (
            "did not find expected '-' indicator",
            "this line is not indented like the items of its list",
            "align it with the `- ` of the other items",
        ),
        (
            "found character that cannot start any token",
            "a value starts with a character YAML reserves (`@`, `` ` ``, `%`, or a tab)",
            "quote the value, and indent with spaces",
        ),
        (
            "unexpected end of stream",
            "the file ends inside a quoted value or a `[ ]` or `{ }` collection",
            "close the quote or bracket",
        ),
        (
            "did not find expected ',' or",
            "a `[ ]` or `{ }` collection is not closed where it should be",
            "separate the items with `, ` and close the bracket",
        ),
        (
            "unknown anchor",
            "an alias `*name` refers to no anchor `&name`",
            "define the anchor first, or quote a value that starts with `*`",
        ),
    ];
    let Some((_, message, what)) = PLAIN.iter().find(|(p, _, _)| parser.contains(p)) else {
        return (parser, help);
    };
    let help = format!(
        "{} (the YAML parser says: {parser})",
        help.as_deref().unwrap_or(what)
    );
    ((*message).to_owned(), Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::line_index::{Encoding, LineIndex};
    use crate::source::node::Value;

    fn position(text: &str, span: Span) -> (u32, u32) {
        let at = LineIndex::new(text).line_col(text, span.start, Encoding::Utf8);
        (at.line, at.column)
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "a:\n  b: [1, two]\n  c: \"x\"\n";
        let loaded = load(text);
        assert!(loaded.diagnostics.is_empty());
        let root = &loaded.documents[0].root;
        let (key, b) = root.get("a").unwrap().entry("b").unwrap();
        assert_eq!(position(text, key.span), (2, 3));
        assert_eq!(&text[b.span.start..b.span.end], "[1, two]");
        assert_eq!(b.items()[1].value, Value::Str("two".into()));
        let c = root.get("a").unwrap().get("c").unwrap();
        assert_eq!(&text[c.span.start..c.span.end], "\"x\"");
    }

    #[test]
    fn several_documents_and_empty_ones() {
        let loaded = load("---\na: 1\n---\n---\nb: 2\n...\n");
        assert_eq!(loaded.documents.len(), 2);
        assert_eq!(loaded.documents[1].index, 1);
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second_key() {
        let text = "a: 1\nb: 2\na: 3\n";
        let loaded = load(text);
        assert_eq!(loaded.diagnostics.len(), 1);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.rule.name, "duplicate-key");
        assert_eq!(position(text, d.span.unwrap()), (3, 1));
        // The help's line counts lines as every position does (a lone CR breaks a line too).
        for text in [
            "x: 0\na: 1\na: 3\n",
            "x: 0\ra: 1\ra: 3\r",
            "x: 0\r\na: 1\r\na: 3\r\n",
        ] {
            let help = load(text).diagnostics[0].help.clone().unwrap();
            assert_eq!(
                help, "the key is first set on line 2; remove one of them",
                "{text:?}"
            );
        }
    }

    #[test]
    fn syntax_errors_have_a_position_and_help_for_unquoted_schedules() {
        let text = "spec:\n  schedule: */5 * * * *\n";
        let loaded = load(text);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.rule.name, "yaml-syntax");
        assert_eq!(position(text, d.span.unwrap()).0, 2);
        assert!(d.help.as_deref().unwrap().contains("quote"));
    }

    #[test]
    fn bom_crlf_and_non_ascii_positions() {
        let text = "\u{feff}a: 1\r\nb: é\r\nc: [x\r\n";
        let loaded = load(text);
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
        let ok = load("\u{feff}a: 1\r\nb: é\r\nc: 3\r\n");
        assert!(ok.diagnostics.is_empty());
        let c = ok.documents[0].root.entry("c").unwrap().0;
        assert_eq!(position("\u{feff}a: 1\r\nb: é\r\nc: 3\r\n", c.span), (3, 1));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(50_000);
        let loaded = load(&text);
        assert_eq!(loaded.diagnostics[0].rule.name, "nesting-too-deep");
        let block: String = (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(load(&block).diagnostics[0].rule.name, "nesting-too-deep");
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let loaded = load(&text);
        assert_eq!(loaded.diagnostics[0].rule.name, "alias-expansion-limit");
    }

    #[test]
    fn merge_keys_and_aliases_expand() {
        let loaded = load("base: &b {p: 1, q: 2}\nthis:\n  <<: *b\n  q: 3\n");
        let this = loaded.documents[0].root.get("this").unwrap();
        assert_eq!(this.get("p").unwrap().value, Value::Int(1));
        assert_eq!(this.get("q").unwrap().value, Value::Int(3));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for text in [
            "",
            "   ",
            "#c",
            "- a\nb: c",
            "? [a]\n: b",
            "a: !!int x",
            "a: !foo b",
            "\0",
            "x",
            "[",
            "'",
            "&a *a",
            "a: *b",
        ] {
            let _ = load(text);
        }
        assert_eq!(load("a\0").diagnostics[0].rule.name, "invalid-encoding");
        assert!(decode(&[0x61, 0xff]).is_err());
    }
}

#[cfg(test)]
mod large_input_tests {
    use super::*;

    #[test]
    fn duplicates_in_large_mappings_are_found_in_linear_time() {
        let mut text: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k49999: again\nk7: again\n");
        let loaded = load(&text);
        let names: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(names, ["duplicate key `k49999`", "duplicate key `k7`"]);
    }
}
