//! What the setup view knows about a bundle of documents, as pure functions over the loaded
//! trees (tested natively): how a form path names its document (`documents[i].…`), which
//! other values follow an edit (namespaces, renamed objects, a switched storage provider),
//! the RestoreSession that restores a BackupConfiguration's backups, and how secret values
//! are kept out of everything that leaves the page.

use stashform::catalog::{self, Direction};
use stashform::edit::{self, Edit};
use stashform::source::node::{Node, Value};
use stashform::source::yaml::{self, Document};
use stashform::{Path, Severity};

use crate::tree;

/// What share links and drafts carry instead of a secret value.
pub const SECRET_PLACEHOLDER: &str = stashform::secrets::PLACEHOLDER;

/// The keys of the encryption and credentials Secrets: the core's, which its bundle rules
/// check.
pub use stashform::secrets::{RESTIC_PASSWORD, credential_keys};

/// The storage providers of the BackupStorage CRD: the object properties of `spec.storage`.
#[must_use]
pub fn providers() -> Vec<&'static str> {
    object_properties("BackupStorage", "spec.storage")
}

/// The object properties of the CRD schema of `kind` at `path` (the choices of a block that
/// holds one of several: providers, volume sources).
#[must_use]
pub fn object_properties(kind: &str, path: &str) -> Vec<&'static str> {
    stashform::schema::crd(kind)
        .and_then(|crd| crd.schema.at(&tree::path(path).0))
        .map(|schema| {
            schema
                .properties
                .iter()
                .filter(|(_, s)| s.kind.as_deref() == Some("object"))
                .map(|(name, _)| name.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Split `documents[3].spec.x` into `(Some(3), "spec.x")`; any other path is the view's own
/// document's: `(None, path)`.
#[must_use]
pub fn split_document(path: &str) -> (Option<usize>, &str) {
    if let Some(rest) = path.strip_prefix("documents[")
        && let Some((number, rest)) = rest.split_once(']')
        && let Ok(index) = number.parse()
    {
        return (Some(index), rest.strip_prefix('.').unwrap_or(rest));
    }
    (None, path)
}

/// The prefix of the paths of document `index` in a multi-document view.
#[must_use]
pub fn prefix(index: usize) -> String {
    format!("documents[{index}].")
}

fn kind(root: &Node) -> &str {
    root.str_at("kind").unwrap_or_default()
}

fn namespace(root: &Node) -> Option<&str> {
    root.get("metadata").and_then(|m| m.str_at("namespace"))
}

fn set(path: Path, value: &str) -> Edit {
    Edit::Set {
        path,
        value: tree::string(value),
    }
}

/// The edits that go with setting `path` of document `at` from `old` to `new`, as
/// (document index, edit) pairs, made in the same undoable step:
/// - the document's namespace: every `namespace` under its `spec` that was the old one follows;
///   in a bundle (`bundle`), a BackupConfiguration's namespace also moves the other documents
///   that were in it;
/// - a name in a bundle: every reference to the renamed object follows (storage and retention
///   references, encryption Secrets, a storage's credentials Secret); a backend's name moves
///   the repositories that use it;
/// - a storage provider: the old provider's block goes and the new one's starts (keeping the
///   credentials Secret's name); in a bundle that Secret's keys become the new provider's.
#[must_use]
pub fn follow(
    documents: &[Document],
    at: usize,
    path: &Path,
    new: &str,
    bundle: bool,
) -> Vec<(usize, Edit)> {
    let Some(root) = documents.get(at).map(|d| &d.root) else {
        return Vec::new();
    };
    let old = tree::get(root, path)
        .and_then(Node::as_str)
        .unwrap_or_default();
    if old == new {
        return Vec::new();
    }
    let text = path.to_string();
    let mut out = Vec::new();
    // An empty old value follows too: a name cleared with Backspace and then typed anew first
    // empties its references, then fills them with the new name.
    if text == "metadata.namespace" {
        follow_namespace(root, old, new, |edit| out.push((at, edit)));
        if bundle && kind(root) == "BackupConfiguration" {
            for (i, other) in documents.iter().enumerate() {
                if i != at && namespace(&other.root) == Some(old) {
                    out.push((i, set(tree::path("metadata.namespace"), new)));
                    follow_namespace(&other.root, old, new, |edit| out.push((i, edit)));
                }
            }
        }
    } else if text == "metadata.name" && bundle {
        rename(documents, at, old, new, &mut out);
    } else if backend_rename(&text).is_some() && kind(root) == "BackupConfiguration" {
        for (s, session) in items(root, "spec.sessions").iter().enumerate() {
            for (r, repo) in session.items_at("repositories").iter().enumerate() {
                if repo.str_at("backend") == Some(old) {
                    let at_path =
                        tree::path(&format!("spec.sessions[{s}].repositories[{r}].backend"));
                    out.push((at, set(at_path, new)));
                }
            }
        }
    } else if text == "spec.storage.provider" && kind(root) == "BackupStorage" {
        switch_provider(documents, at, old, new, bundle, &mut out);
    }
    out
}

fn items<'a>(root: &'a Node, path: &str) -> &'a [Node] {
    tree::get(root, &tree::path(path)).map_or(&[], Node::items)
}

/// `spec.backends[i].name` → `Some(i)`.
fn backend_rename(path: &str) -> Option<usize> {
    path.strip_prefix("spec.backends[")?
        .strip_suffix("].name")?
        .parse()
        .ok()
}

/// Every `namespace` under `spec` equal to `old`.
fn follow_namespace(root: &Node, old: &str, new: &str, mut push: impl FnMut(Edit)) {
    let Some(spec) = root.get("spec") else { return };
    let mut stack = vec![(Path::root().key("spec"), spec)];
    while let Some((path, node)) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    let at = path.key(&key.name);
                    if key.name == "namespace" && value.as_str() == Some(old) {
                        push(set(at, new));
                    } else {
                        stack.push((at, value));
                    }
                }
            }
            Value::Seq(list) => {
                for (i, item) in list.iter().enumerate() {
                    stack.push((path.index(i), item));
                }
            }
            _ => {}
        }
    }
}

/// The references to the object of document `at` (its kind, `old` name, namespace).
fn rename(documents: &[Document], at: usize, old: &str, new: &str, out: &mut Vec<(usize, Edit)>) {
    let root = &documents[at].root;
    let own = namespace(root);
    let renamed = kind(root);
    // A reference names the object when its name is the old one and its namespace (or, when
    // it has none, the referring document's) is the object's.
    let names = |node: Option<&Node>, referrer: &Node| {
        node.is_some_and(|n| {
            n.str_at("name") == Some(old) && n.str_at("namespace").or(namespace(referrer)) == own
        })
    };
    for (i, document) in documents.iter().enumerate() {
        let other = &document.root;
        match (renamed, kind(other)) {
            ("BackupStorage" | "RetentionPolicy", "BackupConfiguration") => {
                let field = if renamed == "BackupStorage" {
                    "storageRef"
                } else {
                    "retentionPolicy"
                };
                for (b, backend) in items(other, "spec.backends").iter().enumerate() {
                    if names(backend.get(field), other) {
                        let path = format!("spec.backends[{b}].{field}.name");
                        out.push((i, set(tree::path(&path), new)));
                    }
                }
            }
            ("Secret", "BackupConfiguration") => {
                for (s, session) in items(other, "spec.sessions").iter().enumerate() {
                    for (r, repo) in session.items_at("repositories").iter().enumerate() {
                        if names(repo.get("encryptionSecret"), other) {
                            let path = format!(
                                "spec.sessions[{s}].repositories[{r}].encryptionSecret.name"
                            );
                            out.push((i, set(tree::path(&path), new)));
                        }
                    }
                }
            }
            ("Secret", "RestoreSession") => {
                let source = tree::get(other, &tree::path("spec.dataSource"));
                if names(source.and_then(|d| d.get("encryptionSecret")), other) {
                    let path = "spec.dataSource.encryptionSecret.name";
                    out.push((i, set(tree::path(path), new)));
                }
            }
            ("Secret", "BackupStorage") if namespace(other) == own => {
                let provider = tree::text_at(other, "spec.storage.provider");
                let path = format!("spec.storage.{provider}.secretName");
                if !provider.is_empty() && tree::text_at(other, &path) == old {
                    out.push((i, set(tree::path(&path), new)));
                }
            }
            _ => {}
        }
    }
}

/// The old provider's block goes, the new one's starts with the credentials Secret's name
/// (when both providers have one); in a bundle, that Secret's keys become the new provider's.
fn switch_provider(
    documents: &[Document],
    at: usize,
    old: &str,
    new: &str,
    bundle: bool,
    out: &mut Vec<(usize, Edit)>,
) {
    let root = &documents[at].root;
    let storage = tree::path("spec.storage");
    let secret = if old.is_empty() {
        String::new()
    } else {
        tree::text_at(root, &format!("spec.storage.{old}.secretName"))
    };
    if !old.is_empty() && tree::get(root, &storage.key(old)).is_some() {
        out.push((
            at,
            Edit::Remove {
                path: storage.key(old),
            },
        ));
    }
    if new.is_empty() || !providers().contains(&new) {
        return;
    }
    let keeps_secret = !secret.is_empty() && !credential_keys(new).is_empty();
    let block = if keeps_secret {
        tree::map(vec![("secretName", tree::string(&secret))])
    } else {
        tree::map(Vec::new())
    };
    out.push((
        at,
        Edit::Set {
            path: storage.key(new),
            value: block,
        },
    ));
    if !bundle || !keeps_secret {
        return;
    }
    let own = namespace(root);
    if let Some(i) = documents.iter().position(|d| {
        kind(&d.root) == "Secret"
            && d.root.get("metadata").and_then(|m| m.str_at("name")) == Some(secret.as_str())
            && namespace(&d.root) == own
    }) {
        out.push((i, secret_keys(credential_keys(new))));
    }
}

/// The edit that gives a Secret exactly `keys` (empty values) under `stringData`.
#[must_use]
pub fn secret_keys(keys: &[&str]) -> Edit {
    Edit::Set {
        path: Path::root().key("stringData"),
        value: tree::map(keys.iter().map(|k| (*k, tree::string(""))).collect()),
    }
}

/// The keys a Secret of the bundle should hold, from what refers to it: the restic password
/// when a repository or a restore names it as encryption Secret, a provider's credentials
/// when a BackupStorage names it.
#[must_use]
pub fn expected_keys(documents: &[Document], secret: usize) -> Vec<&'static str> {
    let Some(root) = documents.get(secret).map(|d| &d.root) else {
        return Vec::new();
    };
    let name = root.get("metadata").and_then(|m| m.str_at("name"));
    let mut keys = Vec::new();
    for document in documents {
        let other = &document.root;
        match kind(other) {
            "BackupConfiguration" => {
                let encrypts = items(other, "spec.sessions").iter().any(|s| {
                    s.items_at("repositories")
                        .iter()
                        .any(|r| r.get("encryptionSecret").and_then(|e| e.str_at("name")) == name)
                });
                if encrypts && !keys.contains(&RESTIC_PASSWORD) {
                    keys.push(RESTIC_PASSWORD);
                }
            }
            "RestoreSession" => {
                let path = "spec.dataSource.encryptionSecret.name";
                if name.is_some_and(|n| tree::text_at(other, path) == n)
                    && !keys.contains(&RESTIC_PASSWORD)
                {
                    keys.push(RESTIC_PASSWORD);
                }
            }
            "BackupStorage" => {
                let provider = tree::text_at(other, "spec.storage.provider");
                let path = format!("spec.storage.{provider}.secretName");
                if name.is_some_and(|n| tree::text_at(other, &path) == n) {
                    keys.extend(credential_keys(&provider));
                }
            }
            _ => {}
        }
    }
    keys
}

/// The restore task of `addon` that restores what backup task `task` made: `<task>-restore`,
/// else the task with `-backup` turned into `-restore` (`manifest-backup` → `manifest-restore`).
#[must_use]
pub fn restore_task(addon: &str, task: &str) -> Option<&'static str> {
    let addon = catalog::addon(addon)?;
    let mut candidates = vec![format!("{task}-restore")];
    if let Some(stem) = task.strip_suffix("-backup") {
        candidates.push(format!("{stem}-restore"));
    }
    candidates.iter().find_map(|name| {
        addon
            .task(Direction::Restore, name)
            .map(|t| t.name.as_str())
    })
}

/// The RestoreSession that restores the backups of a BackupConfiguration from repository
/// `repository` of session `session`: the same target, that repository, snapshot `latest`,
/// its encryption Secret, and the addon's restore tasks for the session's backup tasks.
#[must_use]
pub fn restore_from(backup: &Node, session: usize, repository: usize) -> Node {
    let text = |path: &str| tree::text_at(backup, path);
    let name = text("metadata.name");
    let name = match name.strip_suffix("-backup") {
        Some(stem) => format!("{stem}-restore"),
        None if name.is_empty() => "restore".to_owned(),
        None => format!("{name}-restore"),
    };
    let mut metadata = vec![("name", tree::string(&name))];
    let ns = text("metadata.namespace");
    if !ns.is_empty() {
        metadata.push(("namespace", tree::string(&ns)));
    }
    let mut spec = Vec::new();
    let target: Vec<_> = ["apiGroup", "kind", "namespace", "name"]
        .into_iter()
        .filter_map(|key| {
            let value = text(&format!("spec.target.{key}"));
            (!value.is_empty()).then(|| (key, tree::string(&value)))
        })
        .collect();
    if !target.is_empty() {
        spec.push(("target", tree::map(target)));
    }
    let session_path = format!("spec.sessions[{session}]");
    let repo = format!("{session_path}.repositories[{repository}]");
    let mut source = Vec::new();
    let repo_name = text(&format!("{repo}.name"));
    if !repo_name.is_empty() {
        source.push(("repository", tree::string(&repo_name)));
    }
    source.push(("snapshot", tree::string("latest")));
    let secret: Vec<_> = ["name", "namespace"]
        .into_iter()
        .filter_map(|key| {
            let value = text(&format!("{repo}.encryptionSecret.{key}"));
            (!value.is_empty()).then(|| (key, tree::string(&value)))
        })
        .collect();
    if !secret.is_empty() {
        source.push(("encryptionSecret", tree::map(secret)));
    }
    spec.push(("dataSource", tree::map(source)));
    let addon = text(&format!("{session_path}.addon.name"));
    if !addon.is_empty() {
        let tasks: Vec<Node> = items(backup, &format!("{session_path}.addon.tasks"))
            .iter()
            .filter_map(|task| restore_task(&addon, task.str_at("name")?))
            .map(|task| tree::map(vec![("name", tree::string(task))]))
            .collect();
        let mut entries = vec![("name", tree::string(&addon))];
        if !tasks.is_empty() {
            entries.push(("tasks", seq(tasks)));
        }
        spec.push(("addon", tree::map(entries)));
    }
    tree::map(vec![
        ("apiVersion", tree::string(crate::state::API_VERSION)),
        ("kind", tree::string("RestoreSession")),
        ("metadata", tree::map(metadata)),
        ("spec", tree::map(spec)),
    ])
}

fn seq(items: Vec<Node>) -> Node {
    Node::new(Value::Seq(items), stashform::source::Span::default())
}

/// The text of a new document holding `root`, as the core's edit layer writes it.
#[must_use]
pub fn render(root: Node) -> Option<String> {
    edit::apply(
        "",
        0,
        &Edit::Set {
            path: Path::root(),
            value: root,
        },
    )
    .ok()
}

/// `text` with every value of a Secret's `stringData` and `data` replaced by
/// [`SECRET_PLACEHOLDER`] (only those bytes change): what share links and drafts carry.
/// `None` when a secret value might be there but cannot be found (a text that does not load
/// and mentions a Secret): then nothing may leave.
#[must_use]
pub fn redact(text: &str) -> Option<String> {
    if !may_hold_secret(text) {
        return Some(text.to_owned());
    }
    let loaded = yaml::load(text);
    let loads = !loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    redact_loaded(text, loads.then_some(loaded.documents.as_slice()))
}

/// [`redact`] for a text already loaded (the page's current document, on every keystroke):
/// `documents` are what it loads to, `None` when it has YAML errors.
#[must_use]
pub fn redact_loaded(text: &str, documents: Option<&[Document]>) -> Option<String> {
    if !may_hold_secret(text) {
        return Some(text.to_owned());
    }
    let Some(documents) = documents else {
        return (!text.contains("Secret")).then(|| text.to_owned());
    };
    let mut current: Option<(String, Vec<Document>)> = None;
    for i in 0..documents.len() {
        let (now_text, now_documents) = match &current {
            Some((t, d)) => (t.as_str(), d.as_slice()),
            None => (text, documents),
        };
        let root = &now_documents[i].root;
        if kind(root) != "Secret" {
            continue;
        }
        let mut edits = Vec::new();
        for field in ["stringData", "data"] {
            for (key, value) in root.get(field).map(Node::entries).unwrap_or_default() {
                let hidden = match &value.value {
                    Value::Null => true,
                    Value::Str(s) => stashform::secrets::is_blank(s),
                    _ => false,
                };
                if !hidden {
                    edits.push(set(
                        Path::root().key(field).key(&key.name),
                        SECRET_PLACEHOLDER,
                    ));
                }
            }
        }
        if edits.is_empty() {
            continue;
        }
        let (t, l) = edit::apply_all_loaded(now_text, now_documents, i, &edits).ok()?;
        current = Some((t, l.documents));
    }
    Some(current.map_or_else(|| text.to_owned(), |(t, _)| t))
}

/// No Secret without the word (a backslash could spell it in a double-quoted escape): the
/// common case costs a substring search, not a load.
fn may_hold_secret(text: &str) -> bool {
    text.contains("Secret") || text.contains('\\')
}

/// The `kubectl create secret generic` command that makes the Secret `root` describes (its
/// `stringData`), values quoted for a POSIX shell.
#[must_use]
pub fn kubectl_create_secret(root: &Node) -> String {
    let mut command = format!(
        "kubectl create secret generic {}",
        quote(&tree::text_at(root, "metadata.name"))
    );
    let ns = tree::text_at(root, "metadata.namespace");
    if !ns.is_empty() {
        command.push_str(" --namespace ");
        command.push_str(&quote(&ns));
    }
    for (key, value) in root
        .get("stringData")
        .map(Node::entries)
        .unwrap_or_default()
    {
        command.push_str(" \\\n  --from-literal=");
        command.push_str(&quote(&format!(
            "{}={}",
            key.name,
            tree::scalar_text(value)
        )));
    }
    command
}

/// Single-quote for a POSIX shell unless the word needs none.
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:@,".contains(&b));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::View;
    use crate::templates::{TEMPLATES, starter};

    fn docs(text: &str) -> Vec<Document> {
        yaml::load(text).documents
    }

    fn apply(text: &str, edits: &[(usize, Edit)]) -> String {
        let mut text = text.to_owned();
        for (i, e) in edits {
            text = edit::apply(&text, *i, e).unwrap();
        }
        text
    }

    #[test]
    fn document_paths_split() {
        assert_eq!(split_document("documents[3].spec.x"), (Some(3), "spec.x"));
        assert_eq!(split_document("documents[12]"), (Some(12), ""));
        assert_eq!(split_document("spec.x"), (None, "spec.x"));
        assert_eq!(split_document("documents[x].a"), (None, "documents[x].a"));
        assert_eq!(prefix(2), "documents[2].");
    }

    #[test]
    fn the_crd_has_these_providers() {
        assert_eq!(providers(), ["azure", "gcs", "local", "s3"]);
        let volumes = object_properties("BackupStorage", "spec.storage.local");
        assert!(volumes.contains(&"nfs") && volumes.contains(&"persistentVolumeClaim"));
    }

    #[test]
    fn renaming_a_storage_renames_its_references() {
        let text = starter(View::Setup);
        let documents = docs(text);
        let edits = follow(
            &documents,
            0,
            &tree::path("metadata.name"),
            "my-storage",
            true,
        );
        assert_eq!(edits.len(), 1, "{edits:?}");
        assert_eq!(edits[0].0, 4);
        let edited = apply(text, &edits);
        assert!(edited.contains("        name: my-storage\n"), "{edited}");
        // A Secret: its encryption references and a storage's secretName.
        let edits = follow(&documents, 3, &tree::path("metadata.name"), "restic", true);
        assert_eq!(edits.len(), 1, "{edits:?}");
        let edits = follow(&documents, 1, &tree::path("metadata.name"), "creds", true);
        assert_eq!(edits.len(), 1);
        assert!(apply(text, &edits).contains("secretName: creds"));
        // Cleared first, then typed: the references go empty, then take the new name.
        let mut text = text.to_owned();
        for name in ["", "s", "s2"] {
            let documents = docs(&text);
            let mut edits = follow(&documents, 0, &tree::path("metadata.name"), name, true);
            edits.push((0, set(tree::path("metadata.name"), name)));
            text = apply(&text, &edits);
        }
        // (Emptied, the names were written `""`; the edit layer keeps that quote style.)
        assert!(
            text.contains("storageRef:\n        namespace: demo\n        name: \"s2\"\n"),
            "{text}"
        );
        assert!(!text.contains("gcs-storage"), "{text}");
        // Not outside a bundle.
        assert_eq!(
            follow(&documents, 0, &tree::path("metadata.name"), "x", false),
            []
        );
    }

    #[test]
    fn switching_provider_replaces_its_block_and_the_secret_keys() {
        let text = starter(View::Setup);
        let documents = docs(text);
        let path = tree::path("spec.storage.provider");
        let mut edits = vec![(0, set(path.clone(), "s3"))];
        edits.extend(follow(&documents, 0, &path, "s3", true));
        let edited = apply(text, &edits);
        assert!(!edited.contains("gcs:"), "{edited}");
        assert!(!edited.contains("bucket: kubestash-qa"), "{edited}");
        assert!(
            edited.contains("    s3:\n      secretName: gcs-secret\n"),
            "{edited}"
        );
        assert!(edited.contains("AWS_ACCESS_KEY_ID: \"\""), "{edited}");
        assert!(!edited.contains("GOOGLE_PROJECT_ID"), "{edited}");
        assert_eq!(
            stashform::check(&edited)
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            0
        );
    }

    #[test]
    fn a_bundle_namespace_follows_the_backup_configuration() {
        let text = starter(View::Setup);
        let documents = docs(text);
        let path = tree::path("metadata.namespace");
        let mut edits = vec![(4, set(path.clone(), "prod"))];
        edits.extend(follow(&documents, 4, &path, "prod", true));
        let edited = apply(text, &edits);
        assert!(!edited.contains("namespace: demo"), "{edited}");
        let report = stashform::check(&edited);
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
    }

    #[test]
    fn restore_from_the_first_seed_example_is_the_seed_restore() {
        let backup = &docs(TEMPLATES[0].text)[0].root;
        let text = render(restore_from(backup, 0, 0)).unwrap();
        let expected = TEMPLATES[6]
            .text
            .replace(
                "gcs-postgres-repo-sample-postgres-backup-frequent-backup-1725258000",
                "latest",
            )
            .replace("restored-postgres", "sample-postgres");
        assert_eq!(text, expected);
        assert_eq!(
            restore_task("postgres-addon", "manifest-backup"),
            Some("manifest-restore")
        );
        assert_eq!(
            restore_task("etcd-addon", "etcd-backup"),
            Some("etcd-backup-restore")
        );
        assert_eq!(restore_task("postgres-addon", "nope"), None);
    }

    #[test]
    fn secrets_are_redacted_and_nothing_else_changes() {
        let text = starter(View::Setup).replace(
            "RESTIC_PASSWORD: \"\"",
            "RESTIC_PASSWORD: \"s3cr3t-value\" # typed",
        );
        let redacted = redact(&text).unwrap();
        assert!(!redacted.contains("s3cr3t-value"), "{redacted}");
        assert_eq!(
            redacted,
            text.replace("\"s3cr3t-value\"", &format!("\"{SECRET_PLACEHOLDER}\""))
        );
        assert_eq!(
            redact(starter(View::Backup)).as_deref(),
            Some(starter(View::Backup))
        );
        // A broken text that mentions a Secret cannot be redacted: nothing leaves.
        assert_eq!(redact("kind: Secret\nstringData: [\n"), None);
        assert_eq!(redact("a: [\n").as_deref(), Some("a: [\n"));
        // A kind spelled with an escape is still a Secret.
        let escaped = "kind: \"\\x53ecret\"\nstringData:\n  A: b\n";
        let redacted = redact(escaped).unwrap();
        assert!(!redacted.contains("A: b"), "{redacted}");
    }

    #[test]
    fn kubectl_command_quotes_values() {
        let root = &docs("kind: Secret\nmetadata:\n  name: s\n  namespace: demo\nstringData:\n  RESTIC_PASSWORD: it's $x\n")[0].root;
        assert_eq!(
            kubectl_create_secret(root),
            "kubectl create secret generic s --namespace demo \\\n  --from-literal='RESTIC_PASSWORD=it'\\''s $x'"
        );
    }

    #[test]
    fn expected_keys_come_from_the_references() {
        let documents = docs(starter(View::Setup));
        assert_eq!(
            expected_keys(&documents, 1),
            ["GOOGLE_PROJECT_ID", "GOOGLE_SERVICE_ACCOUNT_JSON_KEY"]
        );
        assert_eq!(expected_keys(&documents, 3), [RESTIC_PASSWORD]);
    }
}
