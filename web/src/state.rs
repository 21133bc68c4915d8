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
}

impl View {
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            Self::Backup => "BackupConfiguration",
            Self::Restore => "RestoreSession",
        }
    }

    /// The name in the URL fragment (`#/backup`).
    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Self::Backup => "backup",
            Self::Restore => "restore",
        }
    }

    #[must_use]
    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "backup" => Some(Self::Backup),
            "restore" => Some(Self::Restore),
            _ => None,
        }
    }

    /// Which tasks of an Addon this view may use.
    #[must_use]
    pub fn direction(self) -> Direction {
        match self {
            Self::Backup => Direction::Backup,
            Self::Restore => Direction::Restore,
        }
    }

    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::Backup => Self::Restore,
            Self::Restore => Self::Backup,
        }
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

    /// Diagnostics of the form's document at `path` or below it.
    pub fn diagnostics_at<'a>(
        &'a self,
        view: View,
        path: &'a str,
        exact: bool,
    ) -> impl Iterator<Item = &'a Located> + 'a {
        let document = self.form_index(view).map(|i| self.documents[i].index);
        self.diagnostics.iter().filter(move |d| {
            Some(d.document) == document && !self.stale && path_matches(&d.path, path, exact)
        })
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
    pub backup: Doc,
    pub restore: Doc,
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
        Self::new(View::Backup, None, None)
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
    pub fn new(view: View, backup: Option<String>, restore: Option<String>) -> Self {
        let doc = |text: Option<String>, v: View| {
            Doc::new(text.unwrap_or_else(|| starter(v).to_owned()), None)
        };
        Self {
            view,
            backup: doc(backup, View::Backup),
            restore: doc(restore, View::Restore),
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
        match view {
            View::Backup => &self.backup,
            View::Restore => &self.restore,
        }
    }

    fn put_doc(&mut self, view: View, doc: Doc) {
        match view {
            View::Backup => self.backup = doc,
            View::Restore => self.restore = doc,
        }
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
        let current = match step.view {
            View::Backup => &self.backup.text,
            View::Restore => &self.restore.text,
        };
        to.push(Step {
            view: step.view,
            text: current.clone(),
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

    /// Text of the scalar at `path` of the form's document.
    #[must_use]
    pub fn value(&self, path: &str) -> String {
        self.form_root()
            .map_or_else(String::new, |root| tree::text_at(root, path))
    }

    /// Number of items of the list at `path`.
    #[must_use]
    pub fn len(&self, path: &str) -> usize {
        self.form_root().map_or(0, |root| tree::len_at(root, path))
    }

    /// Apply form edits to the form's document as text edits; a new document of the view's
    /// kind is started when there is none. Nothing happens while the text does not load (the
    /// form is read-only then).
    fn edit(&mut self, edits: Vec<Edit>, cause: Cause) {
        let view = self.view;
        let doc = self.doc();
        if doc.stale || edits.is_empty() {
            return;
        }
        let mut edits = edits;
        let at = match doc.form_index(view) {
            Some(i) => doc.documents[i].index,
            None => {
                // A new document of the view's kind, then the field.
                edits.insert(
                    0,
                    Edit::Set {
                        path: Path::root(),
                        value: tree::map(vec![
                            ("apiVersion", tree::string(API_VERSION)),
                            ("kind", tree::string(view.kind())),
                        ]),
                    },
                );
                doc.documents.len()
            }
        };
        // The text loads (it is not stale): its documents are the ones to edit.
        match edit::apply_all_loaded(&doc.text, &doc.documents, at, &edits) {
            Ok((text, loaded)) => {
                let next = Doc::from_loaded(text, loaded, Some(doc));
                self.set_doc(view, next, cause);
            }
            Err(error) => {
                self.edit_error = Some(format!(
                    "{} (the YAML is unchanged: edit it in the YAML pane)",
                    error.message
                ));
                self.revision += 1;
            }
        }
    }

    /// The edit that clears the field at `path`: its key goes, with the maps it leaves empty
    /// (up to a list item, whose place is kept).
    fn clear(&self, path: &Path) -> Option<Edit> {
        let root = self.form_root()?;
        let Some((Segment::Key(_), _)) = path.0.split_last() else {
            // A list item keeps its place: it becomes empty.
            return Some(Edit::Set {
                path: path.clone(),
                value: tree::string(""),
            });
        };
        tree::get(root, path)?;
        let kind = self.view.kind();
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

    /// When the document's namespace changes, the references that were in it (target,
    /// storage, retention policy, secrets: every `namespace` under `spec` equal to the old one)
    /// follow, in the same undoable step.
    fn follow_namespace(&self, new: &str) -> Vec<Edit> {
        let Some(root) = self.form_root() else {
            return Vec::new();
        };
        let old = tree::get(root, &tree::path("metadata.namespace")).and_then(Node::as_str);
        let (Some(old), Some(spec)) = (old.filter(|o| !o.is_empty()), root.get("spec")) else {
            return Vec::new();
        };
        let mut edits = Vec::new();
        let mut stack = vec![(Path::root().key("spec"), spec)];
        while let Some((path, node)) = stack.pop() {
            match &node.value {
                Value::Map(entries) => {
                    for (key, value) in entries {
                        let at = path.key(&key.name);
                        if key.name == "namespace" && value.as_str() == Some(old) {
                            edits.push(Edit::Set {
                                path: at,
                                value: tree::string(new),
                            });
                        } else {
                            stack.push((at, value));
                        }
                    }
                }
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((path.index(i), item));
                    }
                }
                _ => {}
            }
        }
        edits
    }

    /// A new item of the list at `path`: empty, except that the references a backend or a
    /// repository names start in the document's namespace.
    fn new_item(&self, path: &str) -> Node {
        let namespace = self
            .form_root()
            .and_then(|root| tree::get(root, &tree::path("metadata.namespace")))
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

    /// The YAML pane changed. When the text is of the other view's kind only, it moves there.
    fn set_yaml(&mut self, text: String) {
        let mut view = self.view;
        let doc = Doc::new(text, Some(self.doc()));
        if !doc.stale && doc.form_index(view).is_none() && doc.form_index(view.other()).is_some() {
            view = view.other();
            self.view = view;
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
                let path = tree::path(&text);
                let edit = match value {
                    Scalar::Remove => self.clear(&path),
                    Scalar::Str(s) => Some(Edit::Set {
                        path,
                        value: tree::string(&s),
                    }),
                    Scalar::Int(i) => Some(Edit::Set {
                        path,
                        value: Node::new(Value::Int(i), Default::default()),
                    }),
                    Scalar::Bool(b) => Some(Edit::Set {
                        path,
                        value: Node::new(Value::Bool(b), Default::default()),
                    }),
                };
                let mut edits: Vec<Edit> = edit.into_iter().collect();
                if text == "metadata.namespace"
                    && let Some(Edit::Set { value, .. }) = edits.first()
                    && let Some(new) = value.as_str()
                {
                    let new = new.to_owned();
                    edits.extend(self.follow_namespace(&new));
                }
                self.edit(edits, Cause::Field(text));
            }
            Action::AddItem { path, item } => {
                let value = match item {
                    Item::Map => self.new_item(&path),
                    Item::Str => tree::string(""),
                };
                let path = tree::path(&path);
                self.edit(
                    vec![Edit::Insert {
                        path,
                        index: None,
                        value,
                    }],
                    Cause::Other,
                );
            }
            Action::RemoveItem { path, index } => {
                let list = tree::path(&path);
                // The last item goes with its list (and the maps that leaves empty).
                let edit = if self.len(&path) == 1 {
                    self.clear(&list)
                } else {
                    Some(Edit::Remove {
                        path: list.index(index),
                    })
                };
                self.edit(edit.into_iter().collect(), Cause::Other);
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
        let edited = s.backup.text.clone();
        s.apply(Action::Undo);
        assert_eq!(s.view, View::Restore, "undoing the template load");
        assert_eq!(s.restore.text, starter(View::Restore));
        s.apply(Action::Undo);
        assert_eq!(s.view, View::Backup);
        assert!(s.doc().text.contains("namespace: demo"));
        s.apply(Action::Undo);
        assert_eq!(s.doc().text, pasted);
        s.apply(Action::Redo);
        s.apply(Action::Redo);
        assert_eq!(s.backup.text, edited);
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
        assert_eq!(s.restore.text, TEMPLATES[5].text);
        assert_eq!(s.backup.text, starter(View::Backup));
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
        assert_eq!(s.backup.text, starter(View::Backup));
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
