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
    let mut status = 0;
    let mut outputs = Vec::new();
    for input in inputs.files {
        let name = input.name;
        let checked_text = match yaml::decode(&input.bytes) {
            Ok(text) => text.to_owned(),
            Err(diagnostic) => {
                host.err(&format!("{name}: {}\n", diagnostic.message));
                status = 1;
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
                        status = 1;
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
                status = 1;
            }
        }
    }
    if !outputs.is_empty() {
        host.out(&outputs.join("---\n"));
    }
    if inputs.problems.is_empty() {
        status
    } else {
        2
    }
}
