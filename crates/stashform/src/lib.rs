//! stashform core: load, validate, format and describe KubeStash backup and restore
//! configuration exactly as the cluster would judge it.
//!
//! No I/O, no clock, no printing: every face (CLI, npm, web) calls these functions: [`check`]
//! (or [`check_with`] and a configuration's [`CheckOptions`]), [`fix()`], [`format()`], and the
//! [`edit`] layer. Suppressions in the file (`# stashform-ignore KS401 -- reason`) are applied
//! inside `check`.
//!
//! ```
//! let text = "apiVersion: core.kubestash.com/v1alpha1\nkind: RestoreSession\nmetadata:\n  name: r\n  namespace: demo\nspec:\n  dataSource:\n    snapshot: latest\n";
//! let report = stashform::check(text);
//! let first = &report.diagnostics[0];
//! assert_eq!(first.rule.name, "latest-snapshot-without-repository");
//! assert_eq!(first.path.to_string(), "spec.dataSource.repository");
//! ```

pub mod catalog;
pub mod complete;
pub mod diagnostic;
pub mod edit;
pub mod fix;
pub mod model;
pub mod registry;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod secrets;
pub mod source;
pub mod validate;
pub mod values;

pub use diagnostic::{
    Diagnostic, Fix, Located, LocatedFix, LocatedRelated, LocatedReplacement, Path, Related,
    Replacement,
};
pub use fix::{Applied, Fixed, fix, fix_with};
pub use registry::{Rule, Severity};
pub use source::line_index::{Encoding, LineIndex};
pub use validate::{
    CheckOptions, DocumentInfo, Level, Report, Suppressed, UnknownRule, check, check_loaded,
    check_with,
};

/// Canonical YAML for a file, every comment kept next to its node (see [`render`]); `Err`
/// with the report when it does not load.
///
/// # Errors
/// The loader's diagnostics when the text is not YAML that can be formatted without loss.
pub fn format(text: &str) -> Result<String, Report> {
    let loaded = source::yaml::load(text);
    let fatal = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if fatal {
        return Err(Report {
            diagnostics: loaded.diagnostics,
            ..Report::default()
        });
    }
    Ok(render::render_text(text, &loaded.documents))
}
