//! The commands: `check` (rendered by `stashform-report`, the renderers every face shares),
//! `fmt`, `schedule` and `rules`. The I/O lives here: reading inputs, the terminal, writing.

use std::io::{IsTerminal, Write};

use stashform::registry::RULES;
use stashform::source::yaml;
use stashform_report::{CheckedFile, Summary};

use crate::Format;
use crate::inputs::collect;

/// Colour for human output: on a terminal, unless `NO_COLOR` is set.
fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn check(paths: &[String], format: Format, out: &mut dyn Write) -> u8 {
    let (inputs, problems) = collect(paths);
    let checked: Vec<CheckedFile> = inputs
        .into_iter()
        .map(|input| CheckedFile::check(input.name, input.bytes))
        .collect();
    for problem in &problems {
        eprintln!("stashform: {problem}");
    }
    let errors = Summary::of(&checked).errors;
    let text = match format {
        Format::Human => stashform_report::human::render(&checked, color()),
        Format::Json => stashform_report::json::render(&checked),
        Format::Sarif => stashform_report::sarif::render(&checked),
        Format::Github => stashform_report::github::render(&checked),
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
                let file = CheckedFile::new(name, checked_text, report);
                let text = stashform_report::human::render(std::slice::from_ref(&file), color());
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
