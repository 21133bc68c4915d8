//! `stashform rules`: every rule, or one explained.

use std::io::Write;

use stashform::registry::RULES;

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
