//! Parsers for the string-typed values that Go decoding (and Kubernetes) check although the
//! CRD schema only says `type: string`. Each mirrors the upstream Go function exactly,
//! including its error text, so that our diagnostics quote what the cluster would say.

pub mod base64;
pub mod duration;
pub mod names;
pub mod quantity;
pub mod retention;
pub mod time;
