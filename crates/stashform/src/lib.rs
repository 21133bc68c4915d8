//! stashform core: load, validate, format and describe KubeStash configuration.
//!
//! No I/O, no clock, no printing: every face (CLI, npm, web) calls these functions.

pub mod diagnostic;
pub mod registry;
pub mod source;
