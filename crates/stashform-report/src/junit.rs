//! The `junit` output: JUnit XML as CI systems read it (GitLab, Jenkins, Azure): one
//! `testsuite` per file, one `testcase` per document, one `failure` per error. Warnings and
//! notes go to the test case's `system-out`, so they are visible without failing it.

use std::fmt::Write as _;

use stashform::Encoding;
use stashform::diagnostic::Diagnostic;
use stashform::registry::Severity;

use crate::{CheckedFile, Summary};

/// A JUnit XML report of every file checked.
#[must_use]
pub fn render(checked: &[CheckedFile]) -> String {
    let summary = Summary::of(checked);
    let tests: usize = checked.iter().map(|file| cases(file).len()).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"stashform\" tests=\"{tests}\" failures=\"{}\" errors=\"0\">",
        summary.errors
    );
    for file in checked {
        let cases = cases(file);
        let failures = file.report.count(Severity::Error);
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
            escape(&file.name),
            cases.len()
        );
        for (name, diagnostics) in cases {
            let _ = write!(
                xml,
                "    <testcase name=\"{}\" classname=\"{}\"",
                escape(&name),
                escape(&file.name)
            );
            if diagnostics.is_empty() {
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(">\n");
            let mut notes = String::new();
            for diagnostic in diagnostics {
                let at = file.located(diagnostic, Encoding::Utf8);
                let mut body = format!(
                    "{}:{}:{}: {} {} [{}]",
                    file.name, at.line, at.column, at.code, at.message, at.rule
                );
                if let Some(help) = &at.help {
                    let _ = write!(body, "\nhelp: {help}");
                }
                if at.severity == Severity::Error {
                    let _ = writeln!(
                        xml,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        at.code,
                        escape(&at.message),
                        escape(&body)
                    );
                } else {
                    let _ = writeln!(notes, "{}: {body}", at.severity.as_str());
                }
            }
            if !notes.is_empty() {
                let _ = writeln!(xml, "      <system-out>{}</system-out>", escape(&notes));
            }
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// The test cases of a file: one per document, named by kind and name; a file whose text does
/// not load (no documents) is one case holding its findings.
fn cases(file: &CheckedFile) -> Vec<(String, Vec<&Diagnostic>)> {
    let documents = &file.report.documents;
    if documents.is_empty() {
        return vec![(
            format!("{} (does not load)", file.name),
            file.report.diagnostics.iter().collect(),
        )];
    }
    // By position, so that a syntax error lands in the document it is in.
    let mut by_document: Vec<Vec<&Diagnostic>> = vec![Vec::new(); documents.len()];
    for diagnostic in &file.report.diagnostics {
        let start = diagnostic.span.map_or(0, |span| span.start);
        let i = documents
            .partition_point(|info| info.offset <= start)
            .saturating_sub(1);
        by_document[i].push(diagnostic);
    }
    documents
        .iter()
        .zip(by_document)
        .enumerate()
        .map(|(i, (info, diagnostics))| {
            let what = match (&info.kind, &info.name) {
                (Some(kind), Some(name)) => match &info.namespace {
                    Some(namespace) => format!("{kind} {namespace}/{name}"),
                    None => format!("{kind} {name}"),
                },
                (Some(kind), None) => kind.clone(),
                _ => "document".to_owned(),
            };
            (format!("{what} (document {})", i + 1), diagnostics)
        })
        .collect()
}

/// Text for XML attributes and elements; characters XML 1.0 cannot hold become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c if u32::from(c) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
