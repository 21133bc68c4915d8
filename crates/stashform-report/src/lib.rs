//! The renderers of stashform's findings, one module per output format: `human`
//! (annotate-snippets), `json`, `sarif`, `github` and `junit`. No I/O, no environment: a face reads the
//! files, decides about colour, and writes what these return, so that every face prints the
//! same bytes for the same findings.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use stashform::diagnostic::Diagnostic;
use stashform::registry::Severity;
use stashform::source::yaml;
use stashform::{CheckOptions, Encoding, LineIndex, Located, Report};

/// One checked file: its text (lossy if not UTF-8), its line index and its report.
pub struct CheckedFile {
    /// The name as the user gave it (`-` for stdin).
    pub name: String,
    pub text: String,
    pub index: LineIndex,
    pub report: Report,
}

impl CheckedFile {
    /// Check the bytes of a file, as the CLI reads it: text that is not UTF-8 gets an
    /// `invalid-encoding` diagnostic.
    #[must_use]
    pub fn check(name: String, bytes: Vec<u8>) -> Self {
        Self::check_with(name, bytes, &CheckOptions::default())
    }

    /// [`CheckedFile::check`] with per-rule levels (a config's `rules:`).
    #[must_use]
    pub fn check_with(name: String, bytes: Vec<u8>, options: &CheckOptions) -> Self {
        // One copy of the source: the bytes become the text when they are UTF-8.
        let (text, report) = match yaml::decode(&bytes) {
            Ok(_) => {
                let text = String::from_utf8(bytes).unwrap_or_default();
                let report = stashform::check_with(&text, options);
                (text, report)
            }
            Err(diagnostic) => (
                String::from_utf8_lossy(&bytes).into_owned(),
                Report {
                    diagnostics: vec![*diagnostic],
                    ..Report::default()
                },
            ),
        };
        Self::new(name, text, report)
    }

    /// A file whose report is already made.
    #[must_use]
    pub fn new(name: String, text: String, report: Report) -> Self {
        let index = LineIndex::new(&text);
        Self {
            name,
            text,
            index,
            report,
        }
    }

    /// A diagnostic of this file with its lines and columns.
    #[must_use]
    pub fn located(&self, diagnostic: &Diagnostic, encoding: Encoding) -> Located {
        diagnostic.locate(&self.text, &self.index, encoding)
    }
}

/// A count and its noun: `1 file`, `2 files` (the nouns of these reports all take an `s`).
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What a run found, over all its files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings silenced by a `stashform-ignore` comment or annotation.
    pub suppressed: usize,
}

impl Summary {
    #[must_use]
    pub fn of(files: &[CheckedFile]) -> Self {
        Self {
            files: files.len(),
            documents: files.iter().map(|f| f.report.documents.len()).sum(),
            errors: files.iter().map(|f| f.report.count(Severity::Error)).sum(),
            warnings: files
                .iter()
                .map(|f| f.report.count(Severity::Warning))
                .sum(),
            suppressed: files.iter().map(|f| f.report.suppressed.len()).sum(),
        }
    }
}
