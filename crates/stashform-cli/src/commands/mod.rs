//! The commands, one file each. The I/O lives here (reading inputs, the terminal, writing);
//! findings are rendered by `stashform-report`, the renderers every face shares.

mod check;
mod fmt;
mod rules;
mod schedule;

pub use check::check;
pub use fmt::fmt;
pub use rules::rules;
pub use schedule::schedule;

use std::io::IsTerminal;

/// Colour for human output: on a terminal, unless `NO_COLOR` is set.
fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
