//! The `sarif` output: SARIF 2.1.0 for code-scanning tools.

use std::fmt::Write as _;

use serde_json::{Value, json};
use stashform::Encoding;
use stashform::registry::{RULES, Severity};

use crate::CheckedFile;

/// A SARIF 2.1.0 log with every rule and a region for every result (UTF-16 columns).
#[must_use]
pub fn render(checked: &[CheckedFile]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.what},
                "fullDescription": {"text": format!("{} {}", rule.what, rule.why)},
                "help": {"text": format!("Invalid:\n{}\nValid:\n{}", rule.invalid, rule.valid)},
                "defaultConfiguration": {"level": sarif_level(rule.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in checked {
        for diagnostic in &file.report.diagnostics {
            let at = file.located(diagnostic, Encoding::Utf16);
            let index = RULES.iter().position(|r| r.code == at.code).unwrap_or(0);
            let mut message = at.message.clone();
            if let Some(help) = &at.help {
                let _ = write!(message, " ({help})");
            }
            results.push(json!({
                "ruleId": at.code,
                "ruleIndex": index,
                "level": sarif_level(at.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(&file.name)},
                        "region": {
                            "startLine": at.line,
                            "startColumn": at.column,
                            "endLine": at.end_line,
                            "endColumn": at.end_column.max(if at.end_line == at.line { at.column } else { 1 }),
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": at.path, "kind": "member"}],
                }],
                "properties": {"document": at.document, "rule": at.rule},
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "stashform",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/stashform/stashform",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    )
}

/// A file name as a relative URI reference (RFC 3986): `/` kept, every byte outside the
/// unreserved set percent-encoded, so that spaces, `%`, `#` and non-ASCII names stay valid.
fn sarif_uri(name: &str) -> String {
    if name == "-" {
        return "stdin".to_owned();
    }
    let name = name.trim_start_matches("./");
    let mut uri = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
