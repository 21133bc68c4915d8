//! The `github` output: workflow commands that GitHub Actions shows as annotations. GitHub
//! shows at most 10 annotations of each severity per step, so the first 10 of each are
//! annotations and the rest plain log lines; [`step_summary`] is the full list as Markdown for
//! `$GITHUB_STEP_SUMMARY`.

use std::fmt::Write as _;

use stashform::Encoding;
use stashform::registry::Severity;

use crate::{CheckedFile, Summary, count};

/// GitHub's limit of annotations per severity per step.
pub const ANNOTATIONS_PER_SEVERITY: usize = 10;

/// GitHub workflow commands (`::error file=…,line=…::message`), at most
/// [`ANNOTATIONS_PER_SEVERITY`] of each severity; the others as `file:line:col: …` lines.
#[must_use]
pub fn render(checked: &[CheckedFile]) -> String {
    let mut text = String::new();
    let mut annotated = [0_usize; 3];
    let mut unannotated = 0;
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let at = file.located(diagnostic, Encoding::Utf8);
            let (command, slot) = match at.severity {
                Severity::Error => ("error", 0),
                Severity::Warning => ("warning", 1),
                Severity::Info => ("notice", 2),
            };
            let mut message = at.message.clone();
            if let Some(help) = &at.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            if annotated[slot] < ANNOTATIONS_PER_SEVERITY {
                annotated[slot] += 1;
                let _ = writeln!(
                    text,
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    escape_property(&file.name),
                    at.line,
                    at.column,
                    at.end_line,
                    at.end_column,
                    escape_property(&format!("{} {}", at.code, at.rule)),
                    escape_data(&message),
                );
            } else {
                unannotated += 1;
                let _ = writeln!(
                    text,
                    "{}:{}:{}: {}[{}] {} [{}]",
                    file.name,
                    at.line,
                    at.column,
                    at.severity.as_str(),
                    at.code,
                    message.replace('\n', " "),
                    at.rule
                );
            }
        }
    }
    if unannotated > 0 {
        let _ = writeln!(
            text,
            "stashform: {} more above {} not annotated (GitHub shows {ANNOTATIONS_PER_SEVERITY} per severity); the step summary lists all",
            count(unannotated, "finding"),
            if unannotated == 1 { "is" } else { "are" },
        );
    }
    text
}

/// Every finding as a Markdown table, for `$GITHUB_STEP_SUMMARY`.
#[must_use]
pub fn step_summary(checked: &[CheckedFile]) -> String {
    let summary = Summary::of(checked);
    let mut text = format!(
        "## stashform\n\nChecked {}, {}: {}, {}.\n\n",
        count(summary.files, "file"),
        count(summary.documents, "document"),
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
    );
    if checked
        .iter()
        .all(|file| file.report.diagnostics.is_empty())
    {
        return text;
    }
    text.push_str("| | Where | Rule | Finding |\n|---|---|---|---|\n");
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let at = file.located(diagnostic, Encoding::Utf8);
            let mark = match at.severity {
                Severity::Error => "❌ error",
                Severity::Warning => "⚠️ warning",
                Severity::Info => "ℹ️ info",
            };
            let mut finding = cell(&at.message);
            if let Some(help) = &at.help {
                let _ = write!(finding, "<br>help: {}", cell(help));
            }
            let _ = writeln!(
                text,
                "| {mark} | `{}:{}:{}` | {} `{}` | {finding} |",
                cell(&file.name).replace('`', "'"),
                at.line,
                at.column,
                at.code,
                at.rule
            );
        }
    }
    text.push('\n');
    text
}

/// Text inside a Markdown table cell: no line breaks, no column separators, no HTML.
fn cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
