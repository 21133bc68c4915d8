//! The `json` output (the contract in DESIGN.md).

use serde_json::{Value, json};
use stashform::Encoding;

use crate::{CheckedFile, Summary};

/// The JSON contract: `{"version": 1, "diagnostics": [...], "summary": {...}}`, columns in
/// UTF-8 bytes.
#[must_use]
pub fn render(checked: &[CheckedFile]) -> String {
    let summary = Summary::of(checked);
    let mut diagnostics = Vec::new();
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let mut value = serde_json::to_value(file.located(diagnostic, Encoding::Utf8))
                .unwrap_or(Value::Null);
            value["file"] = json!(file.name);
            diagnostics.push(value);
        }
    }
    let report = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {"files": summary.files, "documents": summary.documents, "errors": summary.errors, "warnings": summary.warnings, "suppressed": summary.suppressed},
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    )
}
