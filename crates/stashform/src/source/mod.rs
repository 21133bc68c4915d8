//! Text in: YAML loading with positions, and the mapping between byte offsets and
//! lines/columns.

pub mod json;
pub mod line_index;
pub mod yaml;

pub use stashform_yaml::Span;
pub use stashform_yaml::{node, resolve};
