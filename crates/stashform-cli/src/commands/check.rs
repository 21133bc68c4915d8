//! `stashform check`: every finding of the given files, in the chosen format.

use std::io::Write;

use stashform_report::{CheckedFile, Summary};

use super::color;
use crate::Format;
use crate::inputs::collect;

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
