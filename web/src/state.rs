//! The page's state and its only way to change: a pure reducer, tested natively.
//!
//! One source of truth per view: the YAML text. The loaded tree and the core's diagnostics are
//! derived from it. A form edit is a text edit of the core's lossless edit layer
//! (`stashform::edit`): only the bytes of the changed value move, comments and layout stay.
//! An edit of the text reloads the tree, so the form follows and fields it does not show
//! survive. Every change of a text is a step of the undo history.

use std::rc::Rc;

use stashform::catalog::Direction;
use stashform::diagnostic::Segment;
use stashform::edit::{self, Edit};
use stashform::source::Span;
use stashform::source::node::{Key, Node, Value};
use stashform::source::yaml::{self, Document, Loaded};
use stashform::{CheckOptions, Encoding, LineIndex, Located, Path, Replacement, Severity};
use yew::Reducible;

use crate::bundle;
use crate::templates::{TEMPLATES, starter};
use crate::tree::{self, Item, Scalar};

/// Undo steps kept (the oldest go first)...
pub const HISTORY_LIMIT: usize = 200;
/// ...and bytes of text they may hold: a pasted 20 MB bundle must not keep 4 GB alive.
pub const HISTORY_BYTES: usize = 64 << 20;

/// The apiVersion of both kinds.
pub const API_VERSION: &str = "core.kubestash.com/v1alpha1";

/// Which document the page builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum View {
    #[default]
    Backup,
    Restore,
    /// The whole bundle of a backup: storage, credentials, retention, encryption Secret and
    /// the BackupConfiguration, several documents in one text.
    Setup,
    Storage,
    Retention,
    Secret,
}

/// Every view, in the order of the page's tabs.
pub const VIEWS: [View; 6] = [
    View::Backup,
    View::Restore,
    View::Setup,
    View::Storage,
    View::Retention,
    View::Secret,
];

impl View {
    /// The kind the view's form edits (the setup view's main document: the
    /// BackupConfiguration).
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            Self::Backup | Self::Setup => "BackupConfiguration",
            Self::Restore => "RestoreSession",
            Self::Storage => "BackupStorage",
            Self::Retention => "RetentionPolicy",
            Self::Secret => "Secret",
        }
    }

    /// The apiVersion of the view's kind.
    #[must_use]
    pub fn api_version(self) -> &'static str {
        match self {
            Self::Backup | Self::Restore | Self::Setup => API_VERSION,
            Self::Storage | Self::Retention => "storage.kubestash.com/v1alpha1",
            Self::Secret => "v1",
        }
    }

    /// The name in the URL fragment (`#/backup`).
    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Self::Backup => "backup",
            Self::Restore => "restore",
            Self::Setup => "setup",
            Self::Storage => "storage",
            Self::Retention => "retention",
            Self::Secret => "secret",
        }
    }

    #[must_use]
    pub fn from_slug(slug: &str) -> Option<Self> {
        VIEWS.into_iter().find(|v| v.slug() == slug)
    }

    /// Views that hold several documents: their paths start with `documents[i].`.
    #[must_use]
    pub fn is_bundle(self) -> bool {
        self == Self::Setup
    }

    /// Which tasks of an Addon this view may use.
    #[must_use]
    pub fn direction(self) -> Direction {
        match self {
            Self::Restore => Direction::Restore,
            _ => Direction::Backup,
        }
    }

    /// The single-document view of a kind.
    #[must_use]
    pub fn of_kind(kind: &str) -> Option<Self> {
        VIEWS
            .into_iter()
            .find(|v| !v.is_bundle() && v.kind() == kind)
    }
}

/// One view's document: its text, what it loads to, and what the core says about it.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Exactly what the YAML pane shows, Copy copies and Download saves.
    pub text: String,
    /// The documents of the last text that loaded without a YAML error.
    pub documents: Vec<Document>,
    /// The text has YAML errors: `documents` are from an earlier text.
    pub stale: bool,
    /// The text loads without a YAML error: `documents` are exactly its own.
    pub loads: bool,
    /// Every diagnostic of `text`, located (UTF-16 columns, as the browser counts).
    pub diagnostics: Vec<Located>,
    /// The byte span and severity of each of `diagnostics` (same order): the pane's squiggles.
    pub marks: Vec<(Span, Severity)>,
    /// The core's verified fix of each of `diagnostics`, if it has one: what "Apply" writes.
    pub fixes: Vec<Option<Replacement>>,
}

impl Doc {
    /// Load and check `text`; keep `previous` documents when it does not load.
    #[must_use]
    pub fn new(text: String, previous: Option<&Doc>) -> Self {
        let loaded = yaml::load(&text);
        Self::from_loaded(text, loaded, previous)
    }

    /// The documents of `text` when it loads without a YAML error.
    #[must_use]
    pub fn own_documents(&self) -> Option<&[Document]> {
        self.loads.then_some(self.documents.as_slice())
    }

    /// [`Doc::new`] for a text already loaded (`loaded` is what `text` loads to).
    #[must_use]
    pub fn from_loaded(text: String, loaded: Loaded, previous: Option<&Doc>) -> Self {
        let fatal = loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        // The core's whole check (suppressions and fixes too) on the documents already loaded.
        let report = stashform::check_loaded(&text, &loaded, &CheckOptions::default());
        let index = LineIndex::new(&text);
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|d| d.locate(&text, &index, Encoding::Utf16))
            .collect();
        let marks = report
            .diagnostics
            .iter()
            .map(|d| (d.span.unwrap_or_default(), d.severity))
            .collect();
        let fixes = report
            .diagnostics
            .iter()
            .map(|d| d.fix.as_ref().and_then(|f| f.replacement.clone()))
            .collect();
        let (documents, stale) = match previous {
            Some(p) if fatal => (p.documents.clone(), true),
            _ => (loaded.documents, false),
        };
        Self {
            text,
            documents,
            stale,
            loads: !fatal,
            diagnostics,
            marks,
            fixes,
        }
    }

    /// Index (in `documents`) of the document the form edits: the first of the view's kind,
    /// else the first without a kind.
    #[must_use]
    pub fn form_index(&self, view: View) -> Option<usize> {
        fn kind(d: &Document) -> Option<Option<&str>> {
            d.root.get("kind").map(Node::as_str)
        }
        self.documents
            .iter()
            .position(|d| kind(d) == Some(Some(view.kind())))
            .or_else(|| self.documents.iter().position(|d| kind(d).is_none()))
    }

    /// The tree the form edits.
    #[must_use]
    pub fn form_root(&self, view: View) -> Option<&Node> {
        self.form_index(view).map(|i| &self.documents[i].root)
    }

    /// Diagnostics at `path` or below it: of the form's document, or of document `i` for a
    /// path `documents[i].…`.
    pub fn diagnostics_at<'a: 'p, 'p>(
        &'a self,
        view: View,
        path: &'p str,
        exact: bool,
    ) -> impl Iterator<Item = &'a Located> + 'p {
        let (document, path) = match bundle::split_document(path) {
            (Some(i), rest) => (Some(i), rest),
            (None, path) => (self.form_index(view).map(|i| self.documents[i].index), path),
        };
        self.diagnostics.iter().filter(move |d| {
            Some(d.document) == document && !self.stale && path_matches(&d.path, path, exact)
        })
    }

    /// [`Doc::diagnostics_at`], collected (for a path that does not outlive the call).
    #[must_use]
    pub fn diagnostics_in(&self, view: View, path: &str, exact: bool) -> Vec<&Located> {
        self.diagnostics_at(view, path, exact).collect()
    }

    /// The metadata.name of the form's document (for file names).
    #[must_use]
    pub fn name(&self, view: View) -> Option<&str> {
        self.form_root(view)
            .and_then(|r| r.get("metadata"))
            .and_then(|m| m.str_at("name"))
            .filter(|n| !n.is_empty())
    }

    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Whether a diagnostic at `diagnostic` belongs to the field at `field`: the same path, or
/// (unless `exact`) a path below it.
#[must_use]
pub fn path_matches(diagnostic: &str, field: &str, exact: bool) -> bool {
    match diagnostic.strip_prefix(field) {
        Some("") => true,
        Some(rest) => !exact && !field.is_empty() && rest.starts_with(['.', '[']),
        None => false,
    }
}

/// One step of the undo history: a view's text before (or after) a change.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    view: View,
    text: String,
    /// What made the change: consecutive steps of one kind of typing merge.
    cause: Cause,
}

/// What a history step came from.
#[derive(Debug, Clone, PartialEq)]
enum Cause {
    /// Typing (a small change) in the YAML pane.
    Typing,
    /// Typing in the form field at this path.
    Field(String),
    /// Anything else: one step each.
    Other,
}

/// The whole page: which view is shown, and each view's document.
#[derive(Debug, Clone)]
pub struct State {
    pub view: View,
    /// Each view's document, in the order of [`VIEWS`].
    docs: Vec<Doc>,
    /// Bumped on every change of a text (drives saving the draft).
    pub revision: u64,
    /// Texts before each change, the latest last.
    undo: Vec<Step>,
    /// Texts undone, the latest undone last.
    redo: Vec<Step>,
    /// Why the last form edit was not made (cleared by the next change).
    pub edit_error: Option<String>,
}

/// States of one editor are told apart by view and revision (every change of a text bumps
/// it): cheap, and what the context needs to notify its consumers.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.view == other.view && self.revision == other.revision
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new(View::Backup, |_| None)
    }
}

/// Everything the page can do to its state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A form control changed: write `value` at the dotted `path` of the form's document.
    SetField {
        path: String,
        value: Scalar,
    },
    /// Append an item to the list at `path`.
    AddItem {
        path: String,
        item: Item,
    },
    /// Remove item `index` of the list at `path`.
    RemoveItem {
        path: String,
        index: usize,
    },
    /// Replace the block at `path`'s parent named by one of `choices` with an empty block
    /// `path` (a local storage's volume source: one of several), in one step.
    Switch {
        path: String,
        choices: Vec<String>,
    },
    /// Give the Secret at `path` (`stringData`, maybe `documents[i].`-prefixed) exactly these
    /// keys, keeping the values of the ones it has.
    SecretKeys {
        path: String,
        keys: Vec<String>,
    },
    /// Open the RestoreSession that restores from repository `repository` of session
    /// `session` of the BackupConfiguration at `document` (`None`: the backup view's).
    RestoreFrom {
        document: Option<usize>,
        session: usize,
        repository: usize,
    },
    /// The YAML pane changed (typed or pasted).
    SetYaml(String),
    /// Start from seed example `i` (switches to its view).
    LoadTemplate(usize),
    /// Back to the starting document of the current view.
    Reset,
    SwitchView(View),
    /// Rewrite the current text canonically (the core's formatter, comments kept).
    Format,
    /// Make the fix of diagnostic `i` of the current document (one undoable step; only the
    /// fixed bytes change).
    ApplyFix(usize),
    /// Back one step of the history (any view).
    Undo,
    /// Forward one step.
    Redo,
}

impl State {
    /// A state with the given texts (`None`: the view's starting document).
    #[must_use]
    pub fn new(view: View, mut text: impl FnMut(View) -> Option<String>) -> Self {
        let docs = VIEWS
            .into_iter()
            .map(|v| Doc::new(text(v).unwrap_or_else(|| starter(v).to_owned()), None))
            .collect();
        Self {
            view,
            docs,
            revision: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            edit_error: None,
        }
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    #[must_use]
    pub fn doc(&self) -> &Doc {
        self.doc_of(self.view)
    }

    #[must_use]
    pub fn doc_of(&self, view: View) -> &Doc {
        &self.docs[view as usize]
    }

    fn put_doc(&mut self, view: View, doc: Doc) {
        self.docs[view as usize] = doc;
        self.revision += 1;
        self.edit_error = None;
    }

    /// Change a view's text as one step of the history (nothing when the text is the same).
    fn set_doc(&mut self, view: View, doc: Doc, cause: Cause) {
        let before = &self.doc_of(view).text;
        if *before == doc.text {
            return;
        }
        let merges = matches!(
            self.undo.last(),
            Some(last) if last.view == view && last.cause == cause && cause != Cause::Other
        ) && self.redo.is_empty();
        if !merges {
            self.undo.push(Step {
                view,
                text: before.clone(),
                cause,
            });
            let mut bytes: usize = self.undo.iter().map(|step| step.text.len()).sum();
            while self.undo.len() > 1 && (self.undo.len() > HISTORY_LIMIT || bytes > HISTORY_BYTES)
            {
                bytes -= self.undo.remove(0).text.len();
            }
        }
        self.redo.clear();
        self.put_doc(view, doc);
    }

    /// Undo (`forward` false) or redo one step.
    fn travel(&mut self, forward: bool) {
        let (from, to) = if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let Some(step) = from.pop() else { return };
        to.push(Step {
            view: step.view,
            text: self.docs[step.view as usize].text.clone(),
            cause: Cause::Other,
        });
        self.view = step.view;
        let doc = Doc::new(step.text, Some(self.doc_of(step.view)));
        self.put_doc(step.view, doc);
    }

    /// The tree the form edits (or a new one of the view's kind).
    #[must_use]
    pub fn form_root(&self) -> Option<&Node> {
        self.doc().form_root(self.view)
    }

    /// The document a form path edits (its position in `documents`) and the path within it:
    /// document `i` for `documents[i].…`, else the form's document.
    #[must_use]
    pub fn locate(&self, path: &str) -> Option<(usize, Path)> {
        let doc = self.doc();
        let (document, rest) = bundle::split_document(path);
        let at = match document {
            Some(i) => doc.documents.iter().position(|d| d.index == i)?,
            None => doc.form_index(self.view)?,
        };
        Some((at, tree::path(rest)))
    }

    /// The node at a form path.
    #[must_use]
    pub fn node(&self, path: &str) -> Option<&Node> {
        let (at, path) = self.locate(path)?;
        tree::get(&self.doc().documents[at].root, &path)
    }

    /// Text of the scalar at a form path.
    #[must_use]
    pub fn value(&self, path: &str) -> String {
        self.node(path).map_or_else(String::new, tree::scalar_text)
    }

    /// Number of items of the list at `path`.
    #[must_use]
    pub fn len(&self, path: &str) -> usize {
        self.node(path).map_or(0, |n| n.items().len())
    }

    /// Apply form edits to a document as text edits: `document` (a file index) or the form's
    /// document, where a new document of the view's kind is started when there is none. The
    /// `extra` edits of other documents (or the same) follow, all in one undoable step.
    /// Nothing happens while the text does not load (the form is read-only then).
    fn edit(
        &mut self,
        document: Option<usize>,
        edits: Vec<Edit>,
        extra: Vec<(usize, Edit)>,
        cause: Cause,
    ) {
        let view = self.view;
        let doc = self.doc();
        if doc.stale || edits.is_empty() {
            return;
        }
        let mut edits = edits;
        let at = match document.or_else(|| doc.form_index(view).map(|i| doc.documents[i].index)) {
            Some(i) if i < doc.documents.len() => i,
            Some(_) => return,
            None => {
                // A new document of the view's kind, then the field.
                edits.insert(
                    0,
                    Edit::Set {
                        path: Path::root(),
                        value: tree::map(vec![
                            ("apiVersion", tree::string(view.api_version())),
                            ("kind", tree::string(view.kind())),
                        ]),
                    },
                );
                doc.documents.len()
            }
        };
        let mut groups = vec![(at, edits)];
        for (i, edit) in extra {
            match groups.iter_mut().find(|(g, _)| *g == i) {
                Some((_, group)) => group.push(edit),
                None => groups.push((i, vec![edit])),
            }
        }
        // The text loads (it is not stale): its documents are the ones to edit.
        let mut current: Option<(String, Loaded)> = None;
        for (i, edits) in &groups {
            let (text, documents) = match &current {
                Some((text, loaded)) => (text.as_str(), loaded.documents.as_slice()),
                None => (doc.text.as_str(), doc.documents.as_slice()),
            };
            match edit::apply_all_loaded(text, documents, *i, edits) {
                Ok(next) => current = Some(next),
                Err(error) => {
                    self.edit_error = Some(format!(
                        "{} (the YAML is unchanged: edit it in the YAML pane)",
                        error.message
                    ));
                    self.revision += 1;
                    return;
                }
            }
        }
        if let Some((text, loaded)) = current {
            let next = Doc::from_loaded(text, loaded, Some(doc));
            self.set_doc(view, next, cause);
        }
    }

    /// The edit that clears the field at `path` of document `at`: its key goes, with the maps
    /// it leaves empty (up to a list item, whose place is kept).
    fn clear(&self, at: usize, path: &Path) -> Option<Edit> {
        let root = &self.doc().documents.get(at)?.root;
        let Some((Segment::Key(_), _)) = path.0.split_last() else {
            // A list item keeps its place: it becomes empty.
            return Some(Edit::Set {
                path: path.clone(),
                value: tree::string(""),
            });
        };
        tree::get(root, path)?;
        let kind = root.str_at("kind").unwrap_or_default();
        let mut target = path.0.as_slice();
        while let Some((_, parent)) = target.split_last() {
            let parent_path = Path(parent.to_vec());
            // A map the CRD requires (a session's `jobTemplate`) stays, empty.
            let only_key = matches!(parent.last(), Some(Segment::Key(_)))
                && !stashform::schema::is_required(kind, &parent_path)
                && tree::get(root, &parent_path).is_some_and(|n| n.entries().len() == 1);
            if !only_key {
                break;
            }
            target = parent;
        }
        Some(Edit::Remove {
            path: Path(target.to_vec()),
        })
    }

    /// A new item of the list at `path` (of document `at`): empty, except that the references
    /// a backend or a repository names start in the document's namespace.
    fn new_item(&self, at: Option<usize>, path: &str) -> Node {
        let namespace = at
            .and_then(|at| self.doc().documents.get(at))
            .and_then(|d| tree::get(&d.root, &tree::path("metadata.namespace")))
            .and_then(Node::as_str)
            .filter(|n| !n.is_empty());
        let references: &[&str] = if path == "spec.backends" {
            &["storageRef", "retentionPolicy"]
        } else if path.starts_with("spec.sessions[") && path.ends_with("].repositories") {
            &["encryptionSecret"]
        } else {
            &[]
        };
        let entries = namespace
            .map(|namespace| {
                references
                    .iter()
                    .map(|reference| {
                        let inner = vec![(key("namespace"), tree::string(namespace))];
                        (
                            key(reference),
                            Node::new(Value::Map(inner), Span::default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Node::new(Value::Map(entries), Span::default())
    }

    /// The YAML pane changed. A single-document view given a text with none of its kind but
    /// another view's kind first moves to that view.
    fn set_yaml(&mut self, text: String) {
        let mut view = self.view;
        let doc = Doc::new(text, Some(self.doc()));
        if !view.is_bundle() && !doc.stale && doc.form_index(view).is_none() {
            let first = doc
                .documents
                .iter()
                .find_map(|d| d.root.str_at("kind"))
                .and_then(View::of_kind);
            if let Some(other) = first {
                view = other;
                self.view = view;
            }
        }
        let cause = if is_typing(&self.doc_of(view).text, &doc.text) {
            Cause::Typing
        } else {
            Cause::Other
        };
        self.set_doc(view, doc, cause);
    }

    /// The reducer, on an owned state.
    ///
    /// ```
    /// use stashform_web::state::{Action, State};
    /// use stashform_web::tree::Scalar;
    /// let mut state = State::default();
    /// state.apply(Action::SetField {
    ///     path: "spec.sessions[0].scheduler.schedule".into(),
    ///     value: Scalar::Str("0 0 * * 7".into()),
    /// });
    /// let doc = state.doc();
    /// assert!(doc.text.contains("schedule: \"0 0 * * 7\""));
    /// let on_field = doc.diagnostics_at(state.view, "spec.sessions[0].scheduler.schedule", true);
    /// assert_eq!(on_field.count(), 1);
    /// ```
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetField { path: text, value } => {
                let (document, rest) = bundle::split_document(&text);
                let path = tree::path(rest);
                let at = self.locate(&text).map(|(at, _)| at);
                let edit = match value {
                    Scalar::Remove => at.and_then(|at| self.clear(at, &path)),
                    Scalar::Str(s) => Some(Edit::Set {
                        path: path.clone(),
                        value: tree::string(&s),
                    }),
                    Scalar::Int(i) => Some(Edit::Set {
                        path: path.clone(),
                        value: Node::new(Value::Int(i), Default::default()),
                    }),
                    Scalar::Bool(b) => Some(Edit::Set {
                        path: path.clone(),
                        value: Node::new(Value::Bool(b), Default::default()),
                    }),
                };
                // What follows the edit: references, namespaces, a provider's block.
                let extra = match (&edit, at) {
                    (Some(Edit::Set { value, .. }), Some(at)) => value
                        .as_str()
                        .map(|new| {
                            let documents = &self.doc().documents;
                            bundle::follow(documents, at, &path, new, self.view.is_bundle())
                        })
                        .unwrap_or_default(),
                    (Some(Edit::Remove { .. }), Some(at)) if rest == "spec.storage.provider" => {
                        bundle::follow(&self.doc().documents, at, &path, "", false)
                    }
                    _ => Vec::new(),
                };
                self.edit(
                    document,
                    edit.into_iter().collect(),
                    extra,
                    Cause::Field(text),
                );
            }
            Action::AddItem { path, item } => {
                let (document, rest) = bundle::split_document(&path);
                let at = self.locate(&path).map(|(at, _)| at);
                let value = match item {
                    Item::Map => self.new_item(at, rest),
                    Item::Str => tree::string(""),
                };
                let edit = Edit::Insert {
                    path: tree::path(rest),
                    index: None,
                    value,
                };
                self.edit(document, vec![edit], Vec::new(), Cause::Other);
            }
            Action::RemoveItem { path, index } => {
                let (document, rest) = bundle::split_document(&path);
                let list = tree::path(rest);
                // The last item goes with its list (and the maps that leaves empty).
                let edit = if self.len(&path) == 1 {
                    self.locate(&path).and_then(|(at, _)| self.clear(at, &list))
                } else {
                    Some(Edit::Remove {
                        path: list.index(index),
                    })
                };
                self.edit(
                    document,
                    edit.into_iter().collect(),
                    Vec::new(),
                    Cause::Other,
                );
            }
            Action::Switch { path, choices } => {
                let (document, rest) = bundle::split_document(&path);
                let new = tree::path(rest);
                let Some((Segment::Key(name), parent)) = new.0.split_last() else {
                    return;
                };
                let parent = Path(parent.to_vec());
                let mut edits: Vec<Edit> = choices
                    .iter()
                    .filter(|c| *c != name)
                    .filter(|c| {
                        self.locate(&path).is_some_and(|(at, _)| {
                            tree::get(&self.doc().documents[at].root, &parent.key(c)).is_some()
                        })
                    })
                    .map(|c| Edit::Remove {
                        path: parent.key(c),
                    })
                    .collect();
                if self.node(&path).is_none() {
                    edits.push(Edit::Set {
                        path: new.clone(),
                        value: tree::map(Vec::new()),
                    });
                }
                self.edit(document, edits, Vec::new(), Cause::Other);
            }
            Action::SecretKeys { path, keys } => {
                let (document, rest) = bundle::split_document(&path);
                let entries = keys
                    .iter()
                    .map(|k| {
                        let value = self.value(&format!("{path}.{k}"));
                        (k.as_str(), tree::string(&value))
                    })
                    .collect();
                let edit = Edit::Set {
                    path: tree::path(rest),
                    value: tree::map(entries),
                };
                self.edit(document, vec![edit], Vec::new(), Cause::Other);
            }
            Action::RestoreFrom {
                document,
                session,
                repository,
            } => {
                let doc = self.doc();
                let root = match document {
                    Some(i) => doc.documents.iter().find(|d| d.index == i),
                    None => doc.form_index(self.view).map(|i| &doc.documents[i]),
                };
                let text = root.and_then(|d| {
                    bundle::render(bundle::restore_from(&d.root, session, repository))
                });
                if let Some(text) = text {
                    self.view = View::Restore;
                    let next = Doc::new(text, None);
                    self.set_doc(View::Restore, next, Cause::Other);
                }
            }
            Action::SetYaml(text) => self.set_yaml(text),
            Action::LoadTemplate(i) => {
                if let Some(template) = TEMPLATES.get(i) {
                    self.view = template.view;
                    let doc = Doc::new(template.text.to_owned(), None);
                    self.set_doc(template.view, doc, Cause::Other);
                }
            }
            Action::Reset => {
                let view = self.view;
                self.set_doc(view, Doc::new(starter(view).to_owned(), None), Cause::Other);
            }
            Action::SwitchView(view) => self.view = view,
            Action::Format => {
                let doc = self.doc();
                if let Ok(text) = stashform::format(&doc.text) {
                    let next = Doc::new(text, Some(doc));
                    self.set_doc(self.view, next, Cause::Other);
                }
            }
            Action::ApplyFix(i) => {
                let doc = self.doc();
                if let Some(Some(fix)) = doc.fixes.get(i)
                    && let Some(before) = doc.text.get(..fix.span.start)
                    && let Some(after) = doc.text.get(fix.span.end..)
                {
                    let text = format!("{before}{}{after}", fix.text);
                    let next = Doc::new(text, Some(doc));
                    self.set_doc(self.view, next, Cause::Other);
                }
            }
            Action::Undo => self.travel(false),
            Action::Redo => self.travel(true),
        }
    }
}

/// A change of at most a few characters in one place that starts no new line: a keystroke,
/// not a paste (Enter ends a step, so each typed line can be undone on its own).
fn is_typing(before: &str, after: &str) -> bool {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before.as_bytes()[prefix..]
        .iter()
        .rev()
        .zip(after.as_bytes()[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = before.len() - prefix - suffix;
    let added = after.len() - prefix - suffix;
    let new_line = after.as_bytes()[prefix..prefix + added].contains(&b'\n');
    removed <= 4 && added <= 4 && !new_line
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

fn key(name: &str) -> Key {
    Key {
        name: name.to_owned(),
        span: Span::default(),
    }
}

/// Whether the node is a mapping (helps components decide what to show).
#[must_use]
pub fn is_map(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Map(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(state: &mut State, path: &str, value: &str) {
        state.apply(Action::SetField {
            path: path.to_owned(),
            value: Scalar::Str(value.to_owned()),
        });
    }

    /// A BackupConfiguration with only the shape the form fills in.
    const SKELETON: &str = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata: {}
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
  backends:
    - {}
  sessions:
    - scheduler: {}
      repositories:
        - {}
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
";

    #[test]
    fn the_form_builds_seed_example_two() {
        let mut s = State::default();
        s.apply(Action::SetYaml(SKELETON.into()));
        for (path, value) in [
            ("metadata.name", "sample-postgres-backup"),
            ("metadata.namespace", "demo"),
            ("spec.target.namespace", "demo"),
            ("spec.target.name", "sample-postgres"),
            ("spec.backends[0].name", "gcs-backend"),
            ("spec.backends[0].storageRef.namespace", "demo"),
            ("spec.backends[0].storageRef.name", "gcs-storage"),
            ("spec.backends[0].retentionPolicy.name", "demo-retention"),
            ("spec.backends[0].retentionPolicy.namespace", "demo"),
            ("spec.sessions[0].name", "frequent-backup"),
            ("spec.sessions[0].scheduler.schedule", "*/5 * * * *"),
            ("spec.sessions[0].repositories[0].name", "gcs-postgres-repo"),
            ("spec.sessions[0].repositories[0].backend", "gcs-backend"),
            ("spec.sessions[0].repositories[0].directory", "/postgres"),
            (
                "spec.sessions[0].repositories[0].encryptionSecret.name",
                "encrypt-secret",
            ),
            (
                "spec.sessions[0].repositories[0].encryptionSecret.namespace",
                "demo",
            ),
            (
                "spec.sessions[0].addon.tasks[0].params.backupCmd",
                "pg_dump",
            ),
            ("spec.sessions[0].addon.tasks[0].params.args", "testdb"),
        ] {
            set(&mut s, path, value);
        }
        s.apply(Action::SetField {
            path: "spec.sessions[0].scheduler.jobTemplate.backoffLimit".into(),
            value: Scalar::Int(1),
        });
        assert_eq!(s.doc().text, TEMPLATES[1].text);
        assert_eq!(s.doc().count(Severity::Error), 0);
        assert_eq!(
            s.value("spec.sessions[0].scheduler.jobTemplate.backoffLimit"),
            "1"
        );
    }

    #[test]
    fn a_bad_schedule_lands_on_its_field_and_clears() {
        let mut s = State::default();
        s.apply(Action::LoadTemplate(1));
        let path = "spec.sessions[0].scheduler.schedule";
        set(&mut s, path, "0 0 * * 7");
        let on_field: Vec<_> = s.doc().diagnostics_at(View::Backup, path, true).collect();
        assert_eq!(on_field.len(), 1, "{on_field:?}");
        assert_eq!(on_field[0].severity, Severity::Error);
        assert!(on_field[0].line > 0);
        set(&mut s, path, "0 0 * * 6");
        assert_eq!(s.doc().diagnostics_at(View::Backup, path, true).count(), 0);
    }

    #[test]
    fn yaml_edits_move_the_form_and_keep_unknown_fields() {
        let mut s = State::default();
        let text = TEMPLATES[0].text.replace(
            "  namespace: demo\nspec:",
            "  namespace: demo\n  labels:\n    team: db\nspec:",
        );
        s.apply(Action::SetYaml(text.clone()));
        assert_eq!(s.doc().text, text, "the pane keeps what was typed");
        assert_eq!(
            s.value("spec.sessions[0].addon.tasks[0].params.args"),
            "--clean"
        );
        set(&mut s, "metadata.name", "other");
        assert!(s.doc().text.contains("team: db"));
        assert!(s.doc().text.contains("name: other"));
    }

    #[test]
    fn broken_yaml_keeps_the_last_tree_and_the_form_waits() {
        let mut s = State::default();
        s.apply(Action::LoadTemplate(0));
        s.apply(Action::SetYaml("metadata: [\n".into()));
        assert!(s.doc().stale);
        assert!(s.doc().count(Severity::Error) > 0);
        assert_eq!(s.value("metadata.name"), "sample-postgres-backup");
        // The form is read-only until the text loads: the typed text is never replaced.
        set(&mut s, "metadata.name", "fixed");
        assert_eq!(s.doc().text, "metadata: [\n");
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, TEMPLATES[0].text);
    }

    const COMMENTED: &str = "# owned by team db\napiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nmetadata:\n  name: nightly # why: runs at night\n  namespace: demo\nspec:\n  sessions:\n    # the only session\n    - name: s1\n      scheduler:\n        schedule: '0 2 * * *' # 2 a.m. UTC\n";

    #[test]
    fn form_edits_change_only_their_values() {
        let mut s = State::default();
        s.apply(Action::SetYaml(COMMENTED.into()));
        set(&mut s, "metadata.name", "daily");
        set(&mut s, "spec.sessions[0].scheduler.schedule", "0 3 * * *");
        assert_eq!(
            s.doc().text,
            COMMENTED
                .replace("name: nightly #", "name: daily #")
                .replace("'0 2 * * *'", "'0 3 * * *'")
        );
        // A cleared field takes its key, and the maps it empties, with it.
        s.apply(Action::SetField {
            path: "metadata.namespace".into(),
            value: Scalar::Remove,
        });
        assert!(!s.doc().text.contains("namespace"), "{}", s.doc().text);
        assert!(s.doc().text.contains("# the only session"));
    }

    /// The references follow the document's namespace, in one undoable step; new backends and
    /// repositories start in it.
    #[test]
    fn references_follow_the_document_namespace() {
        let mut s = State::default();
        let before = s.doc().text.clone();
        let demo = before.matches("namespace: demo").count();
        assert!(demo >= 5, "{before}");
        set(&mut s, "metadata.namespace", "prod");
        let text = s.doc().text.clone();
        assert_eq!(text.matches("namespace: prod").count(), demo, "{text}");
        assert_eq!(text.matches("namespace: demo").count(), 0);
        s.apply(Action::AddItem {
            path: "spec.backends".into(),
            item: Item::Map,
        });
        assert!(
            s.doc().text.contains(
                "    - storageRef:\n        namespace: prod\n      retentionPolicy:\n        namespace: prod\n"
            ),
            "{}",
            s.doc().text
        );
        s.apply(Action::Undo);
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, before);
    }

    /// "Apply" makes the core's fix of one finding: only its bytes change, in one undoable step.
    #[test]
    fn apply_fix_changes_only_the_fixed_bytes() {
        let mut s = State::default();
        set(&mut s, "spec.sessions[0].scheduler.schedule", "0 0 * * 7");
        let broken = s.doc().text.clone();
        let i = s
            .doc()
            .diagnostics
            .iter()
            .position(|d| d.code == "KS401")
            .expect("Sunday as 7");
        assert!(s.doc().fixes[i].is_some());
        s.apply(Action::ApplyFix(i));
        assert_eq!(s.doc().text, broken.replace("0 0 * * 7", "0 0 * * 0"));
        assert_eq!(s.doc().diagnostics, []);
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, broken);
    }

    /// Emptying "Retries" keeps the `jobTemplate` the CRD requires (as `{}`).
    #[test]
    fn clearing_a_field_keeps_a_required_parent() {
        let mut s = State::default();
        assert_eq!(s.doc().diagnostics, []);
        s.apply(Action::SetField {
            path: "spec.sessions[0].scheduler.jobTemplate.backoffLimit".into(),
            value: Scalar::Remove,
        });
        assert!(s.doc().text.contains("jobTemplate: {}"), "{}", s.doc().text);
        assert_eq!(s.doc().count(Severity::Error), 0);
    }

    #[test]
    fn undo_and_redo_walk_every_change_back_and_forth() {
        let mut s = State::default();
        s.apply(Action::SetYaml(COMMENTED.into()));
        let pasted = s.doc().text.clone();
        // Keystrokes in one field are one step; another field is the next.
        for name in ["d", "da", "dai", "dail", "daily"] {
            set(&mut s, "metadata.name", name);
        }
        set(&mut s, "metadata.namespace", "ops");
        s.apply(Action::LoadTemplate(6));
        assert_eq!(s.view, View::Restore);
        let edited = s.doc_of(View::Backup).text.clone();
        s.apply(Action::Undo);
        assert_eq!(s.view, View::Restore, "undoing the template load");
        assert_eq!(s.doc_of(View::Restore).text, starter(View::Restore));
        s.apply(Action::Undo);
        assert_eq!(s.view, View::Backup);
        assert!(s.doc().text.contains("namespace: demo"));
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, pasted);
        s.apply(Action::Redo);
        s.apply(Action::Redo);
        assert_eq!(s.doc_of(View::Backup).text, edited);
        assert!(s.can_redo());
        // A new change forgets what was undone.
        set(&mut s, "metadata.name", "again");
        assert!(!s.can_redo());
        assert!(s.can_undo());
    }

    #[test]
    fn typing_in_the_yaml_pane_is_one_step_a_paste_another() {
        let mut s = State::default();
        let start = s.doc().text.clone();
        s.apply(Action::SetYaml(format!("{start}#")));
        s.apply(Action::SetYaml(format!("{start}# a")));
        s.apply(Action::SetYaml(format!("{start}# ab")));
        s.apply(Action::SetYaml(COMMENTED.into()));
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, format!("{start}# ab"));
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, start);
        assert!(!s.can_undo());
        // Multi-byte text never splits a character; Enter starts a new step.
        assert!(is_typing("é", "ée"));
        assert!(!is_typing("a: 1", "a: 1\n"));
    }

    #[test]
    fn pasting_a_restore_session_switches_view() {
        let mut s = State::default();
        s.apply(Action::SetYaml(TEMPLATES[5].text.to_owned()));
        assert_eq!(s.view, View::Restore);
        assert_eq!(s.doc_of(View::Restore).text, TEMPLATES[5].text);
        assert_eq!(s.doc_of(View::Backup).text, starter(View::Backup));
        assert_eq!(
            s.value("spec.addon.tasks[0].params.args"),
            "--dbname=testdb"
        );
    }

    #[test]
    fn items_templates_reset_and_format() {
        let mut s = State::default();
        s.apply(Action::AddItem {
            path: "spec.backends".into(),
            item: Item::Map,
        });
        assert_eq!(s.len("spec.backends"), 2);
        s.apply(Action::RemoveItem {
            path: "spec.backends".into(),
            index: 0,
        });
        assert_eq!(s.len("spec.backends"), 1);
        s.apply(Action::LoadTemplate(8));
        assert_eq!(s.view, View::Restore);
        assert!(s.doc().text.contains("cpu: \"200m\""));
        s.apply(Action::Format);
        assert!(s.doc().text.contains("cpu: 200m"));
        s.apply(Action::SwitchView(View::Backup));
        s.apply(Action::Reset);
        assert_eq!(s.doc_of(View::Backup).text, starter(View::Backup));
        assert!(s.revision > 0);
    }

    #[test]
    fn empty_text_then_a_field_starts_a_document() {
        let mut s = State::default();
        s.apply(Action::SetYaml(String::new()));
        assert!(s.form_root().is_none());
        set(&mut s, "metadata.name", "x");
        assert!(s.doc().text.starts_with("apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nmetadata:\n  name: x\n"));
    }

    /// In the setup view, paths name their document; a rename and a provider switch are each
    /// one undoable step across documents.
    #[test]
    fn the_setup_bundle_edits_documents_by_index() {
        let mut s = State::new(View::Setup, |_| None);
        let start = s.doc().text.clone();
        assert_eq!(s.value("documents[0].metadata.name"), "gcs-storage");
        assert_eq!(
            s.value("documents[4].metadata.name"),
            "sample-postgres-backup"
        );
        set(&mut s, "documents[0].metadata.name", "store");
        assert_eq!(
            s.value("documents[4].spec.backends[0].storageRef.name"),
            "store"
        );
        set(&mut s, "documents[0].spec.storage.provider", "azure");
        assert_eq!(
            s.value("documents[0].spec.storage.azure.secretName"),
            "gcs-secret"
        );
        assert_eq!(s.value("documents[1].stringData.AZURE_ACCOUNT_KEY"), "");
        assert!(
            s.node("documents[1].stringData.AZURE_ACCOUNT_KEY")
                .is_some()
        );
        assert!(s.node("documents[0].spec.storage.gcs").is_none());
        assert_eq!(s.doc().count(Severity::Error), 0);
        s.apply(Action::Undo);
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, start);
        // A finding lands on its document's field.
        set(&mut s, "documents[2].spec.maxRetentionPeriod", "30 d");
        let found =
            s.doc()
                .diagnostics_in(View::Setup, "documents[2].spec.maxRetentionPeriod", true);
        assert_eq!(found.len(), 1, "{:?}", s.doc().diagnostics);
        assert!(
            s.doc()
                .diagnostics_in(View::Setup, "documents[0].spec.maxRetentionPeriod", true)
                .is_empty()
        );
        // Restore from this backup: the restore view, one step.
        s.apply(Action::RestoreFrom {
            document: Some(4),
            session: 0,
            repository: 0,
        });
        assert_eq!(s.view, View::Restore);
        assert!(s.doc().text.contains("repository: gcs-postgres-repo\n"));
        assert_eq!(s.doc().count(Severity::Error), 0);
        s.apply(Action::Undo);
        assert_eq!(s.doc_of(View::Restore).text, starter(View::Restore));
    }

    #[test]
    fn a_secret_gets_the_keys_asked_for_and_keeps_values() {
        let mut s = State::new(View::Secret, |_| None);
        set(&mut s, "stringData.RESTIC_PASSWORD", "pw");
        s.apply(Action::SecretKeys {
            path: "stringData".into(),
            keys: vec!["RESTIC_PASSWORD".into(), "AWS_ACCESS_KEY_ID".into()],
        });
        assert_eq!(s.value("stringData.RESTIC_PASSWORD"), "pw");
        assert!(
            s.doc()
                .text
                .ends_with("  RESTIC_PASSWORD: pw\n  AWS_ACCESS_KEY_ID: \"\"\n"),
            "{}",
            s.doc().text
        );
    }

    #[test]
    fn a_pasted_storage_moves_to_its_view() {
        let mut s = State::default();
        s.apply(Action::SetYaml(starter(View::Storage).to_owned()));
        assert_eq!(s.view, View::Storage);
        s.apply(Action::Switch {
            path: "spec.storage.local".into(),
            choices: vec!["local".into(), "gcs".into()],
        });
        assert!(s.node("spec.storage.gcs").is_none());
        assert!(s.node("spec.storage.local").is_some());
    }

    #[test]
    fn paths_match_fields_and_below() {
        assert!(path_matches("spec.a", "spec.a", true));
        assert!(path_matches("spec.a.b", "spec.a", false));
        assert!(path_matches("spec.a[0]", "spec.a", false));
        assert!(!path_matches("spec.ab", "spec.a", false));
        assert!(!path_matches("spec.a.b", "spec.a", true));
        assert!(!path_matches("spec", "", false));
    }
}
