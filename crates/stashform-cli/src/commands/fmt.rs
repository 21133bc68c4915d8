//! `stashform fmt`: canonical YAML, every value and comment kept (`--check`, `--write`).

use std::io::Write;

use stashform::source::yaml;
use stashform_report::CheckedFile;

use super::color;
use crate::inputs::collect;

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
