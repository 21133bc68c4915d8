//! Text in: YAML loading with positions, and the mapping between byte offsets and
//! lines/columns.

pub mod line_index;
pub mod node;
pub mod resolve;
pub mod yaml;

/// A byte range `[start, end)` in the source text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}
