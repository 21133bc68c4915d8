//! `stashform rules`: every rule, or one explained.

use std::fmt::Write as _;

use stashform::registry::RULES;

use crate::host::Host;

pub fn rules(which: Option<&str>, host: &dyn Host) -> u8 {
    let mut out = String::new();
    match which {
        None => {
            for rule in RULES {
                let _ = writeln!(
                    out,
                    "{}  {:<36} {:<8} {}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.docs().what
                );
            }
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
                    rule.docs().what,
                    rule.docs().why,
                    indent(rule.docs().invalid),
                    indent(rule.docs().valid)
                );
            }
            None => {
                host.err(&format!(
                    "stashform: no rule `{name}` (see `stashform rules`)\n"
                ));
                return 2;
            }
        },
    }
    host.out(&out);
    0
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
