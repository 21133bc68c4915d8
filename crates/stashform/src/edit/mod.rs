//! Lossless edits: the text stays the source of truth, and an edit changes only the bytes it
//! must. A replaced scalar keeps its line, its trailing comment and (where it can still hold
//! the value) its quote style; a renamed key changes only its own bytes, in its quote style too;
//! an inserted key goes where the KubeStash docs' key order puts it among the keys that exist,
//! at the block's own indentation; a removed key or item takes its own comment lines with it
//! and nothing else. Flow collections, anchors and block scalars
//! that an edit does not touch stay exactly as they were.
//!
//! Every edit is checked: the new text must load, and load to what the edit means on the data
//! (`tree.rs`), every other document unchanged. A layout the text edits cannot handle exactly
//! is an [`EditError`], never a wrong file.
//!
//! ```
//! use stashform::edit::{Edit, apply};
//! use stashform::source::node::{Node, Value};
//! let text = "metadata:\n  name: a # why this name\n  namespace: demo\n";
//! let edit = Edit::Set {
//!     path: stashform::Path::parse("metadata.name").unwrap(),
//!     value: Node::new(Value::Str("b".into()), Default::default()),
//! };
//! assert_eq!(apply(text, 0, &edit).unwrap(), "metadata:\n  name: b # why this name\n  namespace: demo\n");
//! ```

mod text;
mod tree;

pub(crate) use text::Splice;

use std::fmt;

use crate::diagnostic::Path;
use crate::registry::Severity;
use crate::source::node::{Node, Value};
use crate::source::yaml::{self, Document, Loaded};

/// One change to a document, by path.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Write `value` at `path`, creating the maps and lists on the way (a list too short for an
    /// index grows by empty maps; a scalar in the way becomes a map or a list).
    Set { path: Path, value: Node },
    /// Remove the key or list item at `path` (nothing when it does not exist).
    Remove { path: Path },
    /// Insert `value` into the list at `path` before item `index` (at the end when `None` or
    /// past the end), creating the list when missing.
    Insert {
        path: Path,
        index: Option<usize>,
        value: Node,
    },
    /// Move item `from` of the list at `path` so that it ends up at index `to`.
    Move { path: Path, from: usize, to: usize },
    /// Rename the key at `path` to `to`, keeping its place, its value and (where it can hold
    /// the new name) its quote style; refused when the mapping has a key `to` already.
    Rename { path: Path, to: String },
}

impl Edit {
    /// The path the edit names.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Set { path, .. }
            | Self::Remove { path }
            | Self::Insert { path, .. }
            | Self::Move { path, .. }
            | Self::Rename { path, .. } => path,
        }
    }
}

/// Why an edit was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub message: String,
}

impl EditError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EditError {}

/// Apply one edit to document `document` (its index among the file's non-empty documents; one
/// past the last appends a new document).
///
/// # Errors
/// The text does not load, the edit names what is not there (a list to move in), or the text
/// layout at the edit cannot be changed exactly (for example through an alias).
pub fn apply(text: &str, document: usize, edit: &Edit) -> Result<String, EditError> {
    apply_all(text, document, std::slice::from_ref(edit))
}

/// [`apply`] on a text already loaded (`documents` are `text`'s); also gives what the new text
/// loads to, so that a caller that checks it next need not load it again.
///
/// # Errors
/// As [`apply`].
pub fn apply_loaded(
    text: &str,
    documents: &[Document],
    document: usize,
    edit: &Edit,
) -> Result<(String, Loaded), EditError> {
    let mut expected = match documents.get(document) {
        Some(doc) => doc.root.clone(),
        None => tree::node(Value::Null),
    };
    tree::apply(&mut expected, edit)?;
    let edited = match documents.get(document) {
        Some(doc) => text::apply(text, &doc.root, edit)?,
        None if document == documents.len() => text::append_document(text, documents.len(), edit)?,
        None => {
            return Err(EditError::new(format!(
                "there is no document {document}: the text has {}",
                documents.len()
            )));
        }
    };
    let after = loaded(&edited).map_err(|e| {
        EditError::new(format!(
            "editing `{}` would break the YAML ({e})",
            edit.path()
        ))
    })?;
    // The edited document holds what the edit means; every other one is unchanged.
    let count = documents.len().max(document + 1);
    let as_meant = after.documents.len() == count
        && after.documents.iter().enumerate().all(|(i, doc)| {
            let want = if i == document {
                &expected
            } else {
                &documents[i].root
            };
            same_value(&doc.root, want)
        });
    if !as_meant {
        return Err(EditError::new(format!(
            "`{}` cannot be edited in place here (an alias, a merge key or an unusual layout): edit the YAML text instead",
            edit.path()
        )));
    }
    Ok((edited, after))
}

/// Apply edits in order; all or nothing.
///
/// # Errors
/// The first edit that fails, with its position in `edits`.
pub fn apply_all(text: &str, document: usize, edits: &[Edit]) -> Result<String, EditError> {
    let before = loaded(text)?;
    apply_all_loaded(text, &before.documents, document, edits).map(|(edited, _)| edited)
}

/// [`apply_all`] on a text already loaded (`documents` are `text`'s); also gives what the new
/// text loads to.
///
/// # Errors
/// As [`apply_all`].
pub fn apply_all_loaded(
    text: &str,
    documents: &[Document],
    document: usize,
    edits: &[Edit],
) -> Result<(String, Loaded), EditError> {
    let mut current: Option<(String, Loaded)> = None;
    for (i, edit) in edits.iter().enumerate() {
        let (text, documents) = match &current {
            Some((text, loaded)) => (text.as_str(), loaded.documents.as_slice()),
            None => (text, documents),
        };
        let next = apply_loaded(text, documents, document, edit).map_err(|e| {
            if edits.len() > 1 {
                EditError::new(format!("edit {i}: {}", e.message))
            } else {
                e
            }
        })?;
        current = Some(next);
    }
    match current {
        Some(done) => Ok(done),
        None => loaded(text).map(|loaded| (text.to_owned(), loaded)),
    }
}

/// The bytes `edit` would change in the document `root` of `text` (`comments` are `text`'s),
/// not yet verified: several such splices are made at once and then verified together (see
/// `crate::fix`).
pub(crate) fn splice(
    text: &str,
    root: &Node,
    comments: &[stashform_yaml::comments::Comment],
    edit: &Edit,
) -> Result<Splice, EditError> {
    text::splice(text, root, comments, edit)
}

/// What `edit` means on the data of a document: what the edited text must load to.
pub(crate) fn meaning(root: &mut Node, edit: &Edit) -> Result<(), EditError> {
    tree::apply(root, edit)
}

/// What `text` loads to, or why it cannot be edited.
pub(crate) fn loaded(text: &str) -> Result<Loaded, EditError> {
    let loaded = yaml::load(text);
    match loaded
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        Some(problem) => Err(EditError::new(format!(
            "the text does not load: {}",
            problem.message
        ))),
        None => Ok(loaded),
    }
}

/// Whether two trees hold the same data as the API server reads it (spans and key order
/// aside; an integral float equals its integer, as in JSON).
pub(crate) fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(key, value)| {
                    y.iter()
                        .find(|(k, _)| k.name == key.name)
                        .is_some_and(|(_, other)| same_value(value, other))
                })
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Value::Float(f), Value::Float(g)) => f == g || (f.is_nan() && g.is_nan()),
        (Value::Int(i), Value::Float(f)) | (Value::Float(f), Value::Int(i)) => {
            #[expect(clippy::cast_precision_loss, reason = "the comparison JSON makes")]
            let as_float = *i as f64;
            f.fract() == 0.0 && as_float == *f
        }
        (x, y) => x == y,
    }
}
