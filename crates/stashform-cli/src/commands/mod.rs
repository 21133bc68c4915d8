//! The commands, one file each. All I/O goes through the [`Host`]; findings are rendered by
//! `stashform-report`, the renderers every face shares.

mod check;
mod fmt;
mod rules;
mod schedule;

pub use check::check;
pub use fmt::fmt;
pub use rules::rules;
pub use schedule::schedule;

use crate::host::Host;

/// The PATH arguments, or stdin (`-`) when none is given and something is piped in; `None`
/// (a usage error, already reported) when there is nothing to read.
fn paths_or_stdin(paths: &[String], host: &dyn Host, command: &str) -> Option<Vec<String>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    if host.stdin_is_terminal() {
        no_input(host, command);
        return None;
    }
    Some(vec!["-".to_owned()])
}

/// No PATH and nothing on stdin: an empty file list in CI must not pass unnoticed.
fn no_input(host: &dyn Host, command: &str) {
    host.err(&format!(
        "stashform: nothing to {command}: give files, folders or globs, or `-` to read stdin\n\nUsage: stashform {command} [OPTIONS] [PATHS]...\n"
    ));
}
