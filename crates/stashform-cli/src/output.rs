//! The commands' output: human (rustc-like snippets), json, sarif and github for `check`;
//! canonical YAML for `fmt`; schedule explanations; rule docs.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::{Value, json};
use stashform::diagnostic::Diagnostic;
use stashform::registry::{RULES, Severity};
use stashform::source::yaml;
use stashform::{Encoding, LineIndex, Located, Report};

use crate::Format;
use crate::inputs::{Input, collect};

/// One checked file: its text (lossy if not UTF-8) and report.
struct Checked {
    name: String,
    text: String,
    index: LineIndex,
    report: Report,
}

fn check_input(input: Input) -> Checked {
    // One copy of the source: the bytes become the text when they are UTF-8.
    let (text, report) = match yaml::decode(&input.bytes) {
        Ok(_) => {
            let text = String::from_utf8(input.bytes).unwrap_or_default();
            let report = stashform::check(&text);
            (text, report)
        }
        Err(diagnostic) => (
            String::from_utf8_lossy(&input.bytes).into_owned(),
            Report {
                documents: Vec::new(),
                diagnostics: vec![*diagnostic],
            },
        ),
    };
    let index = LineIndex::new(&text);
    Checked {
        name: input.name,
        text,
        index,
        report,
    }
}

impl Checked {
    fn located(&self, diagnostic: &Diagnostic, encoding: Encoding) -> Located {
        diagnostic.locate(&self.text, &self.index, encoding)
    }
}

pub fn check(paths: &[String], format: Format, out: &mut dyn Write) -> u8 {
    let (inputs, problems) = collect(paths);
    let checked: Vec<Checked> = inputs.into_iter().map(check_input).collect();
    for problem in &problems {
        eprintln!("stashform: {problem}");
    }
    let errors: usize = checked
        .iter()
        .map(|c| c.report.count(Severity::Error))
        .sum();
    let warnings: usize = checked
        .iter()
        .map(|c| c.report.count(Severity::Warning))
        .sum();
    let documents: usize = checked.iter().map(|c| c.report.documents.len()).sum();
    let text = match format {
        Format::Human => human(&checked, errors, warnings, documents),
        Format::Json => json_report(&checked, errors, warnings, documents),
        Format::Sarif => sarif(&checked),
        Format::Github => github(&checked),
    };
    let _ = out.write_all(text.as_bytes());
    if !problems.is_empty() {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}

fn human(checked: &[Checked], errors: usize, warnings: usize, documents: usize) -> String {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
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
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        text,
        "checked {}, {}: {}, {}",
        plural(checked.len(), "file"),
        plural(documents, "document"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    text
}

fn render_snippet(
    renderer: &Renderer,
    file: &Checked,
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
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.clone()));
    }
    if let Some(upstream) = &diagnostic.upstream {
        group = group.element(Level::NOTE.message(format!("the cluster says: {upstream}")));
    }
    let report: &[Group<'_>] = &[group];
    renderer.render(report).to_string()
}

fn json_report(checked: &[Checked], errors: usize, warnings: usize, documents: usize) -> String {
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
        "summary": {"files": checked.len(), "documents": documents, "errors": errors, "warnings": warnings},
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    )
}

fn sarif(checked: &[Checked]) -> String {
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

fn sarif_uri(name: &str) -> String {
    if name == "-" {
        "stdin".to_owned()
    } else {
        name.trim_start_matches("./").to_owned()
    }
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub workflow commands: `::error file=…,line=…::message`.
fn github(checked: &[Checked]) -> String {
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

pub fn fmt(paths: &[String], check: bool, write: bool, out: &mut dyn Write) -> u8 {
    let (inputs, problems) = collect(paths);
    for problem in &problems {
        eprintln!("stashform: {problem}");
    }
    let mut status = 0;
    let mut outputs = Vec::new();
    for input in inputs {
        let name = input.name.clone();
        let checked_text = match yaml::decode(&input.bytes) {
            Ok(text) => text.to_owned(),
            Err(diagnostic) => {
                eprintln!("{name}: {}", diagnostic.message);
                status = 1;
                continue;
            }
        };
        match stashform::format(&checked_text) {
            Ok(formatted) => {
                if check {
                    if formatted != checked_text {
                        eprintln!("{name}: not canonical (run `stashform fmt --write {name}`)");
                        status = 1;
                    }
                } else if write && name != "-" {
                    if formatted != checked_text
                        && let Err(error) = std::fs::write(&name, &formatted)
                    {
                        eprintln!("stashform: {name}: {error}");
                        status = 2;
                    }
                } else {
                    outputs.push(formatted);
                }
            }
            Err(report) => {
                let file = Checked {
                    index: LineIndex::new(&checked_text),
                    name,
                    text: checked_text,
                    report,
                };
                let text = human(
                    std::slice::from_ref(&file),
                    file.report.count(Severity::Error),
                    0,
                    0,
                );
                eprint!("{text}");
                status = 1;
            }
        }
    }
    let _ = out.write_all(outputs.join("---\n").as_bytes());
    if problems.is_empty() { status } else { 2 }
}

pub fn schedule(
    expr: &str,
    count: usize,
    from: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> u8 {
    let from_seconds = match from {
        Some(text) => match stashform::schedule::parse_utc(text) {
            Some(seconds) => seconds,
            None => {
                eprintln!(
                    "stashform: --from must be an RFC 3339 time such as 2026-01-02T03:04:05Z"
                );
                return 2;
            }
        },
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    };
    let explained = stashform::schedule::explain(expr, from_seconds, count.min(1000));
    if as_json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&explained).unwrap_or_default()
        );
    } else if explained.valid {
        let _ = writeln!(out, "valid: {}", explained.description);
        for run in &explained.next_runs {
            let _ = writeln!(out, "  {run}");
        }
        if explained.next_runs.is_empty() {
            let _ = writeln!(out, "  (never runs)");
        }
    } else {
        let _ = writeln!(
            out,
            "invalid: {}",
            explained.error.as_deref().unwrap_or_default()
        );
    }
    u8::from(!explained.valid)
}

pub fn rules(which: Option<&str>, out: &mut dyn Write) -> u8 {
    match which {
        None => {
            for rule in RULES {
                let _ = writeln!(
                    out,
                    "{}  {:<36} {:<8} {}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.what
                );
            }
            0
        }
        Some(name) => match stashform::registry::find(name) {
            Some(rule) => {
                let _ = writeln!(
                    out,
                    "{} {} ({}, {:?} layer)\n\nWhat it does: {}\nWhy it matters: {}\n\nInvalid:\n{}\nValid:\n{}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.layer,
                    rule.what,
                    rule.why,
                    indent(rule.invalid),
                    indent(rule.valid)
                );
                0
            }
            None => {
                eprintln!("stashform: no rule `{name}` (see `stashform rules`)");
                2
            }
        },
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
