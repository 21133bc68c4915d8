//! The `sarif` output: SARIF 2.1.0 for code-scanning tools.

use std::fmt::Write as _;

use serde_json::{Value, json};
use stashform::Encoding;
use stashform::diagnostic::Diagnostic;
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
                "shortDescription": {"text": rule.docs().what},
                "fullDescription": {"text": format!("{} {}", rule.docs().what, rule.docs().why)},
                "help": {"text": format!("Invalid:\n{}\nValid:\n{}", rule.docs().invalid, rule.docs().valid)},
                "defaultConfiguration": {"level": sarif_level(rule.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in checked {
        let uri = sarif_uri(&file.name);
        for diagnostic in &file.report.diagnostics {
            results.push(result(file, diagnostic, &uri));
        }
        // Suppressed findings stay in the log, marked, as code-scanning tools expect.
        for suppressed in &file.report.suppressed {
            let mut value = result(file, &suppressed.diagnostic, &uri);
            let mut suppression = json!({"kind": "inSource", "status": "accepted"});
            if let Some(reason) = &suppressed.reason {
                suppression["justification"] = json!(reason);
            }
            value["suppressions"] = json!([suppression]);
            results.push(value);
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
/// One result: the finding, its region, and its fix as SARIF `fixes`.
fn result(file: &CheckedFile, diagnostic: &Diagnostic, uri: &str) -> Value {
    let at = file.located(diagnostic, Encoding::Utf16);
    let index = RULES.iter().position(|r| r.code == at.code).unwrap_or(0);
    let mut message = at.message.clone();
    if let Some(help) = &at.help {
        let _ = write!(message, " ({help})");
    }
    let mut value = json!({
        "ruleId": at.code,
        "ruleIndex": index,
        "level": sarif_level(at.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(at.line, at.column, at.end_line, at.end_column),
            },
            "logicalLocations": [{"fullyQualifiedName": at.path, "kind": "member"}],
        }],
        "properties": {"document": at.document, "rule": at.rule},
    });
    if !at.related.is_empty() {
        let related: Vec<Value> = at
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "message": {"text": r.message},
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region(r.line, r.column, r.end_line, r.end_column),
                    },
                })
            })
            .collect();
        value["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &at.fix {
        let replacements: Vec<Value> = fix
            .replacements
            .iter()
            .map(|r| {
                json!({
                    "deletedRegion": {
                        "startLine": r.line,
                        "startColumn": r.column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                    },
                    "insertedContent": {"text": r.text},
                })
            })
            .collect();
        value["fixes"] = json!([{
            "description": {"text": fix.title},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        }]);
    }
    value
}

/// A region; an empty span (a missing key) still covers its first column.
fn region(line: u32, column: u32, end_line: u32, end_column: u32) -> Value {
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column.max(if end_line == line { column } else { 1 }),
    })
}

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
