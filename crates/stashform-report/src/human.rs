//! Human output: each finding as an annotated snippet of its source (annotate-snippets), with
//! its help and what the cluster says, then a summary line.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use stashform::diagnostic::Diagnostic;
use stashform::registry::Severity;
use stashform::{Encoding, Located};

use crate::{CheckedFile, Summary, count};

/// The findings as annotated source snippets, then one summary line. `color`: ANSI styles (the
/// face decides, e.g. from the terminal and `NO_COLOR`).
#[must_use]
pub fn render(checked: &[CheckedFile], color: bool) -> String {
    let summary = Summary::of(checked);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut text = String::new();
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let at = file.located(diagnostic, Encoding::Utf8);
            let _ = writeln!(
                text,
                "{}\n",
                render_snippet(&renderer, file, diagnostic, &at)
            );
        }
    }
    let _ = write!(
        text,
        "checked {}, {}: {}, {}",
        count(summary.files, "file"),
        count(summary.documents, "document"),
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
    );
    if summary.suppressed > 0 {
        let _ = write!(text, " ({} suppressed)", summary.suppressed);
    }
    text.push('\n');
    text
}

fn render_snippet(
    renderer: &Renderer,
    file: &CheckedFile,
    diagnostic: &Diagnostic,
    at: &Located,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Show only the lines of the span: cheap for huge files.
    let span = diagnostic.span.unwrap_or_default();
    let first = file.index.line_text(&file.text, at.line);
    let start_offset = span.start.min(file.text.len()) - (at.column as usize - 1).min(span.start);
    let last_line_end = {
        let last = file.index.line_text(&file.text, at.end_line);
        let last_start = span.end.min(file.text.len()) - (at.end_column as usize - 1).min(span.end);
        last_start + last.len()
    };
    let source = file
        .text
        .get(start_offset..last_line_end.max(start_offset + first.len()))
        .unwrap_or(first);
    let local =
        (span.start - start_offset)..(span.end.max(span.start) - start_offset).min(source.len());
    let label = if at.path.is_empty() {
        at.rule.to_owned()
    } else {
        at.path.clone()
    };
    let title = format!("{} [{}]", diagnostic.message, at.rule);
    let mut group = level.primary_title(title).id(at.code).element(
        Snippet::source(source)
            .line_start(at.line as usize)
            .path(file.name.as_str())
            .annotation(AnnotationKind::Primary.span(local).label(label)),
    );
    // Related places (the first of two duplicates): a second snippet, its line only.
    for related in &at.related {
        let line = file.index.line_text(&file.text, related.line);
        let start = (related.column as usize - 1).min(line.len());
        let end = if related.end_line == related.line {
            (related.end_column as usize - 1).clamp(start, line.len())
        } else {
            line.len()
        };
        group = group.element(
            Snippet::source(line)
                .line_start(related.line as usize)
                .path(file.name.as_str())
                .annotation(
                    AnnotationKind::Context
                        .span(start..end.max(start))
                        .label(related.message.clone()),
                ),
        );
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.clone()));
    }
    if let Some(upstream) = &diagnostic.upstream {
        group = group.element(Level::NOTE.message(format!("the cluster says: {upstream}")));
    }
    let report: &[Group<'_>] = &[group];
    renderer.render(report).to_string()
}
