//! The `github` output: workflow commands that GitHub Actions shows as annotations.

use std::fmt::Write as _;

use stashform::Encoding;
use stashform::registry::Severity;

use crate::CheckedFile;

/// GitHub workflow commands: `::error file=…,line=…::message`.
#[must_use]
pub fn render(checked: &[CheckedFile]) -> String {
    let mut text = String::new();
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let at = file.located(diagnostic, Encoding::Utf8);
            let command = match at.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = at.message.clone();
            if let Some(help) = &at.help {
                let _ = write!(message, "\nhelp: {help}");
            }
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
        }
    }
    text
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
