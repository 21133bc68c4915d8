//! YAML to position-preserving trees, as Kubernetes reads YAML: the loader under stashform.
//!
//! - `events`: the event stream with byte spans. `fast` reads plain block YAML (nearly all
//!   Kubernetes configuration) with scalars as slices of the input and exactly saphyr-parser's
//!   events; anything else goes to saphyr-parser, which owns every syntax error.
//! - [`load`]: events to [`node::Node`] trees, with every limit (depth, aliases, documents,
//!   duplicate keys).
//! - [`resolve`]: plain scalars as go-yaml v2 (YAML 1.1) resolves them.
//! - [`tokens`]: keys, values by type, aliases and comments, for syntax highlighting.
//! - [`order`]: the stable sort every crate of the wasm builds shares (one copy of the code).
//!
//! Why a crate of its own: loading is most of the time of a check, and a crate is the unit of
//! optimisation. The size-optimised wasm builds compile this one for speed (`opt-level = 3` in
//! the workspace profile) and the rest of stashform for size.

pub mod comments;
mod events;
mod fast;
pub mod load;
pub mod node;
pub mod order;
pub mod resolve;
pub mod tokens;

pub use events::{
    Event, ScalarStyle, SyntaxError, Tag, differs_from_saphyr, for_each_event,
    for_each_event_with_saphyr, is_read_fast,
};

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
