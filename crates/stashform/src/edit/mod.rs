//! Lossless edits: the text stays the source of truth, and an edit changes only the bytes it
//! must. A replaced scalar keeps its line, its trailing comment and (where it can still hold
//! the value) its quote style; an inserted key goes where the KubeStash docs' key order puts it
//! among the keys that exist, at the block's own indentation; a removed key or item takes its
//! own comment lines with it and nothing else. Flow collections, anchors and block scalars
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

use std::fmt;

use crate::diagnostic::Path;
use crate::registry::Severity;
use crate::source::node::Node;
use crate::source::yaml::{self, Document};

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
}

impl Edit {
    /// The path the edit names.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Set { path, .. }
            | Self::Remove { path }
            | Self::Insert { path, .. }
            | Self::Move { path, .. } => path,
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
    let documents = loaded(text)?;
    let expected = expected(&documents, document, edit)?;
    let edited = match documents.iter().find(|d| d.index == document) {
        Some(doc) => text::apply(text, &doc.root, edit)?,
        None if document == documents.len() => text::append_document(text, edit)?,
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
    let values = |docs: &[Document]| docs.iter().map(|d| d.root.to_json()).collect::<Vec<_>>();
    if values(&after) != expected {
        return Err(EditError::new(format!(
            "`{}` cannot be edited in place here (an alias, a merge key or an unusual layout): edit the YAML text instead",
            edit.path()
        )));
    }
    Ok(edited)
}

/// Apply edits in order; all or nothing.
///
/// # Errors
/// The first edit that fails, with its position in `edits`.
pub fn apply_all(text: &str, document: usize, edits: &[Edit]) -> Result<String, EditError> {
    let mut current = text.to_owned();
    for (i, edit) in edits.iter().enumerate() {
        current = apply(&current, document, edit).map_err(|e| {
            if edits.len() > 1 {
                EditError::new(format!("edit {i}: {}", e.message))
            } else {
                e
            }
        })?;
    }
    Ok(current)
}

fn loaded(text: &str) -> Result<Vec<Document>, EditError> {
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
        None => Ok(loaded.documents),
    }
}

/// The values of every document after `edit`.
fn expected(
    documents: &[Document],
    document: usize,
    edit: &Edit,
) -> Result<Vec<serde_json::Value>, EditError> {
    let mut roots: Vec<Node> = documents.iter().map(|d| d.root.clone()).collect();
    if document == roots.len() {
        roots.push(tree::node(crate::source::node::Value::Null));
    }
    if let Some(root) = roots.get_mut(document) {
        tree::apply(root, edit)?;
    }
    Ok(roots.iter().map(Node::to_json).collect())
}
