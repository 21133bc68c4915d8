//! `stashform fmt`: canonical YAML, every value and comment kept (`--check`, `--write`).

use stashform::source::yaml;
use stashform_report::CheckedFile;

use super::paths_or_stdin;
use crate::host::{Host, color};
use crate::inputs::collect;

pub fn fmt(paths: &[String], check: bool, write: bool, host: &dyn Host) -> u8 {
    let Some(paths) = paths_or_stdin(paths, host, "fmt") else {
        return 2;
    };
    let inputs = collect(host, &paths, None);
    for problem in &inputs.problems {
        host.err(&format!("stashform: {problem}\n"));
    }
    let mut status = if inputs.problems.is_empty() { 0 } else { 2 };
    let mut outputs = Vec::new();
    for input in &inputs.files {
        let bytes = match input.read(host) {
            Ok(bytes) => bytes,
            Err(problem) => {
                host.err(&format!("stashform: {problem}\n"));
                status = 2;
                continue;
            }
        };
        let name = input.name.clone();
        let checked_text = match yaml::decode(&bytes) {
            Ok(text) => text.to_owned(),
            Err(diagnostic) => {
                host.err(&format!("{name}: {}\n", diagnostic.message));
                status = status.max(1);
                continue;
            }
        };
        match stashform::format(&checked_text) {
            Ok(formatted) => {
                if check {
                    if formatted != checked_text {
                        host.err(&format!(
                            "{name}: not canonical (run `stashform fmt --write {name}`)\n"
                        ));
                        status = status.max(1);
                    }
                } else if write && name != "-" {
                    if formatted != checked_text
                        && let Err(error) = host.write(&name, formatted.as_bytes())
                    {
                        host.err(&format!("stashform: {name}: {error}\n"));
                        status = 2;
                    }
                } else {
                    outputs.push(formatted);
                }
            }
            Err(report) => {
                let file = CheckedFile::new(name, checked_text, report);
                host.err(&stashform_report::human::render(
                    std::slice::from_ref(&file),
                    color(host),
                ));
                status = status.max(1);
            }
        }
    }
    if !outputs.is_empty() {
        host.out(&outputs.join("---\n"));
    }
    status
}
