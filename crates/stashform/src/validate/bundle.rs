//! Layer 8: references between the documents of one multi-document file. A missing target is
//! only a note ("not in this bundle"): it may well exist in the cluster.
//!
//! Each document is reduced to a [`Summary`] (what it declares, what it refers to, with the
//! reference's position already resolved) as soon as it is validated, so the trees of a large
//! file need not be kept until the end.

use std::collections::{HashMap, HashSet};

use super::locate;
use crate::diagnostic::{Anchor, Diagnostic, Path, Related};
use crate::registry::{self, Rule};
use crate::secrets;
use crate::source::Span;
use crate::source::node::Node;
use crate::source::yaml::Document;

/// What the bundle check needs of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Objects this document declares, as (kind, name, namespace, where the name is written); a
    /// BackupConfiguration also declares the Repositories it creates.
    declared: Vec<(String, String, Option<String>, Span)>,
    references: Vec<Reference>,
    /// A Secret document: its keys, and where a missing one is reported.
    secret: Option<SecretKeys>,
    /// Keys this document needs of a Secret it names.
    needs: Vec<Need>,
}

/// The keys a Secret of the bundle holds (`data` and `stringData` together).
#[derive(Debug, Clone, PartialEq)]
struct SecretKeys {
    name: String,
    namespace: Option<String>,
    /// Keys with a value: an empty value or the page's placeholder is none (`secrets::is_blank`).
    keys: Vec<String>,
    /// Keys written without a value.
    blank: Vec<String>,
    /// Where a missing key is reported: `stringData`, else `data`, else the name.
    path: Path,
    span: Span,
    document: usize,
}

/// Keys KubeStash reads from a Secret that a document names (an encryption Secret's restic
/// password, a storage provider's credentials).
#[derive(Debug, Clone, PartialEq)]
struct Need {
    name: String,
    namespace: Option<String>,
    keys: &'static [&'static str],
    rule: &'static Rule,
    /// What needs the keys, for the message (`BackupStorage `s3-storage` (s3)`).
    by: String,
    /// The reference, located.
    path: Path,
    span: Option<Span>,
}

/// A reference to another object, and the note to give if the bundle lacks it.
#[derive(Debug, Clone, PartialEq)]
struct Reference {
    kind: &'static str,
    name: String,
    namespace: Option<String>,
    /// Located already; its message and help are written only if it is reported (most
    /// references are satisfied, and this runs for every document of a bundle).
    note: Diagnostic,
}

impl Summary {
    /// Summarise a validated document (`text` is its file, for positions).
    #[must_use]
    pub fn of(document: &Document, text: &str) -> Self {
        let root = &document.root;
        let metadata = root.get("metadata");
        let own_namespace = metadata.and_then(|m| m.str_at("namespace"));
        let mut summary = Summary {
            declared: Vec::new(),
            references: Vec::new(),
            secret: None,
            needs: Vec::new(),
        };
        let kind = root.str_at("kind");
        let name = metadata.and_then(|m| m.get("name"));
        let own_name = name.and_then(Node::as_str).unwrap_or_default();
        if let (Some(kind), Some((name, span))) =
            (kind, name.and_then(|n| Some((n.as_str()?, n.span))))
        {
            summary.declared.push((
                kind.to_owned(),
                name.to_owned(),
                own_namespace.map(str::to_owned),
                span,
            ));
        }
        let mut refer =
            |node: Option<&Node>, path: Path, kind: &'static str, rule: &'static Rule| {
                // A blueprint's `${...}` names are the target's to fill.
                let Some(name) = node
                    .and_then(|n| n.str_at("name"))
                    .filter(|name| !super::variables::has_variable(name))
                else {
                    return;
                };
                let namespace = node.and_then(|n| n.str_at("namespace")).or(own_namespace);
                let mut note = Diagnostic::new(rule, path.key("name"), String::new());
                note.document = document.index;
                locate(&mut note, root, text);
                if kind == "Secret" {
                    summary.needs.push(Need {
                        name: name.to_owned(),
                        namespace: namespace.map(str::to_owned),
                        keys: std::slice::from_ref(&secrets::RESTIC_PASSWORD),
                        rule: &registry::ENCRYPTION_SECRET_KEY_MISSING,
                        by: "as encryption Secret".to_owned(),
                        path: note.path.clone(),
                        span: note.span,
                    });
                }
                summary.references.push(Reference {
                    kind,
                    name: name.to_owned(),
                    namespace: namespace.map(str::to_owned),
                    note,
                });
            };
        let mut spec = Path::root().key("spec");
        let mut spec_node = root.get("spec");
        fn hooks<'n>(
            spec_node: Option<&'n Node>,
            spec: &Path,
            lists: &[&'static str],
        ) -> Vec<(Option<&'n Node>, Path)> {
            let mut found = Vec::new();
            for list in lists {
                let hooks = spec_node.and_then(|s| s.get("hooks"));
                for (h, hook) in hooks
                    .map(|h| h.items_at(list))
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    found.push((
                        hook.get("hookTemplate"),
                        spec.key("hooks").key(list).index(h).key("hookTemplate"),
                    ));
                }
            }
            found
        }
        if kind == Some("BackupBlueprint") {
            spec = spec.key("backupConfigurationTemplate");
            spec_node = spec_node.and_then(|s| s.get("backupConfigurationTemplate"));
        }
        match kind {
            Some("BackupConfiguration" | "BackupBlueprint") => {
                for (b, backend) in spec_node
                    .map(|s| s.items_at("backends"))
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    let path = spec.key("backends").index(b);
                    refer(
                        backend.get("storageRef"),
                        path.key("storageRef"),
                        "BackupStorage",
                        &registry::MISSING_STORAGE_IN_BUNDLE,
                    );
                    refer(
                        backend.get("retentionPolicy"),
                        path.key("retentionPolicy"),
                        "RetentionPolicy",
                        &registry::MISSING_RETENTION_IN_BUNDLE,
                    );
                }
                for (s, session) in spec_node
                    .map(|s| s.items_at("sessions"))
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    if session.get("hooks").is_some() {
                        let session_path = spec.key("sessions").index(s);
                        let lists = ["preBackup", "postBackup"];
                        for (node, path) in hooks(Some(session), &session_path, &lists) {
                            refer(
                                node,
                                path,
                                "HookTemplate",
                                &registry::MISSING_HOOK_TEMPLATE_IN_BUNDLE,
                            );
                        }
                    }
                    for (r, repo) in session.items_at("repositories").iter().enumerate() {
                        let path = spec
                            .key("sessions")
                            .index(s)
                            .key("repositories")
                            .index(r)
                            .key("encryptionSecret");
                        refer(
                            repo.get("encryptionSecret"),
                            path,
                            "Secret",
                            &registry::MISSING_SECRET_IN_BUNDLE,
                        );
                        refer(
                            repo.get("backupVerifier"),
                            spec.key("sessions")
                                .index(s)
                                .key("repositories")
                                .index(r)
                                .key("backupVerifier"),
                            "BackupVerifier",
                            &registry::MISSING_VERIFIER_IN_BUNDLE,
                        );
                        if kind == Some("BackupConfiguration")
                            && let Some(name) = repo.get("name")
                            && let Some(text) = name.as_str()
                        {
                            summary.declared.push((
                                "Repository".to_owned(),
                                text.to_owned(),
                                own_namespace.map(str::to_owned),
                                name.span,
                            ));
                        }
                    }
                }
            }
            Some("RestoreSession") => {
                for (node, path) in hooks(spec_node, &spec, &["preRestore", "postRestore"]) {
                    refer(
                        node,
                        path,
                        "HookTemplate",
                        &registry::MISSING_HOOK_TEMPLATE_IN_BUNDLE,
                    );
                }
                let ds_path = spec.key("dataSource");
                let data_source = root.get("spec").and_then(|s| s.get("dataSource"));
                refer(
                    data_source.and_then(|d| d.get("encryptionSecret")),
                    ds_path.key("encryptionSecret"),
                    "Secret",
                    &registry::MISSING_SECRET_IN_BUNDLE,
                );
                if let Some(repository) = data_source.and_then(|d| d.str_at("repository")) {
                    let namespace = data_source
                        .and_then(|d| d.str_at("namespace"))
                        .or(own_namespace);
                    let mut note = Diagnostic::new(
                        &registry::MISSING_REPOSITORY_IN_BUNDLE,
                        ds_path.key("repository"),
                        String::new(),
                    )
                    .anchor(Anchor::Value);
                    note.document = document.index;
                    locate(&mut note, root, text);
                    summary.references.push(Reference {
                        kind: "Repository",
                        name: repository.to_owned(),
                        namespace: namespace.map(str::to_owned),
                        note,
                    });
                }
            }
            Some("BackupStorage") => {
                let storage = spec_node.and_then(|s| s.get("storage"));
                let provider = storage
                    .and_then(|s| s.str_at("provider"))
                    .unwrap_or_default();
                let keys = secrets::credential_keys(provider);
                if let Some(secret) = storage
                    .and_then(|s| s.get(provider))
                    .and_then(|p| p.str_at("secretName"))
                    .filter(|name| !name.is_empty() && !keys.is_empty())
                {
                    let path = spec.key("storage").key(provider).key("secretName");
                    let mut at =
                        Diagnostic::new(&registry::STORAGE_SECRET_KEY_MISSING, path, String::new())
                            .anchor(Anchor::Value);
                    locate(&mut at, root, text);
                    summary.needs.push(Need {
                        name: secret.to_owned(),
                        namespace: own_namespace.map(str::to_owned),
                        keys,
                        rule: &registry::STORAGE_SECRET_KEY_MISSING,
                        by: format!("BackupStorage `{own_name}` ({provider})"),
                        path: at.path,
                        span: at.span,
                    });
                }
            }
            Some("Secret") if matches!(root.str_at("apiVersion"), Some("v1" | "") | None) => {
                let mut keys = Vec::new();
                let mut blank = Vec::new();
                let mut place = None;
                for field in ["data", "stringData"] {
                    if let Some((key, value)) = root.entry(field) {
                        for (k, v) in value.entries() {
                            // A number or bool is a type error of its own, not a missing value.
                            let given = v.as_str().map_or(!v.is_null(), |s| !secrets::is_blank(s));
                            if given {
                                keys.push(k.name.clone());
                            } else {
                                blank.push(k.name.clone());
                            }
                        }
                        if place.is_none() || field == "stringData" {
                            place = Some((Path::root().key(field), key.span));
                        }
                    }
                }
                let place = place.or_else(|| {
                    let span = name?.span;
                    Some((Path::root().key("metadata").key("name"), span))
                });
                if let Some((path, span)) = place {
                    summary.secret = Some(SecretKeys {
                        name: own_name.to_owned(),
                        namespace: own_namespace.map(str::to_owned),
                        keys,
                        blank,
                        path,
                        span,
                        document: document.index,
                    });
                }
            }
            _ => {}
        }
        summary
    }
}

/// (kind, name) -> each namespace it is declared in (None when the document gives none), and
/// where the name is written.
type Declared<'s> = HashMap<(&'s str, &'s str), Vec<(Option<&'s str>, Span)>>;

/// Notes for every reference the bundle does not satisfy. Only kinds the bundle carries at all
/// are checked: a file without any Secret says nothing about Secrets.
#[must_use]
pub fn check(summaries: &[Summary]) -> Vec<Diagnostic> {
    let mut declared: Declared<'_> = HashMap::new();
    let mut kinds: HashSet<&str> = HashSet::new();
    for (kind, name, namespace, span) in summaries.iter().flat_map(|s| &s.declared) {
        declared
            .entry((kind, name))
            .or_default()
            .push((namespace.as_deref(), *span));
        kinds.insert(kind);
    }
    let mut out = Vec::new();
    for reference in summaries.iter().flat_map(|s| &s.references) {
        if !kinds.contains(reference.kind) {
            continue;
        }
        let (kind, name) = (reference.kind, reference.name.as_str());
        let namespace = reference.namespace.as_deref();
        let found = declared.get(&(kind, name)).is_some_and(|namespaces| {
            namespaces
                .iter()
                .any(|(ns, _)| ns.is_none() || namespace.is_none() || *ns == namespace)
        });
        if found {
            continue;
        }
        let mut note = reference.note.clone();
        note.message = if kind == "Repository" {
            format!(
                "repository `{name}` is not a repository of any BackupConfiguration in this bundle"
            )
        } else {
            format!("{kind} `{name}` is not in this bundle")
        };
        // The object the reference should match, when the bundle has one: the same name in
        // another namespace, or the one name close enough for a "did you mean".
        let elsewhere = declared.get(&(kind, name)).and_then(|namespaces| {
            namespaces
                .iter()
                .find_map(|(ns, span)| Some((name, (*ns)?, *span)))
        });
        let (help, matched) = match elsewhere {
            Some((_, other, span)) => (
                format!(
                    "this bundle has `{name}` in namespace `{other}`, not `{}`",
                    namespace.unwrap_or_default()
                ),
                Some((name, span)),
            ),
            None => {
                let mut same_kind: Vec<&str> = declared
                    .keys()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, n)| *n)
                    .collect();
                stashform_yaml::order::sort(&mut same_kind);
                match crate::schema::closest(name, &mut same_kind.into_iter()) {
                    Some((candidate, _)) => (
                        format!("did you mean `{candidate}`?"),
                        declared
                            .get(&(kind, candidate))
                            .and_then(|found| found.first())
                            .map(|(_, span)| (candidate, *span)),
                    ),
                    None => ("fine if it exists in the cluster".to_owned(), None),
                }
            }
        };
        note.help = Some(help);
        if let Some((matched, span)) = matched {
            note.related.push(Related {
                path: Path::root(),
                span: Some(span),
                message: format!("{kind} `{matched}` is declared here"),
            });
        }
        out.push(note);
    }
    keys(summaries, &mut out);
    out
}

/// The Secrets of the bundle that lack a key a document naming them needs: reported on the
/// Secret, with each place that names it as a related location.
fn keys(summaries: &[Summary], out: &mut Vec<Diagnostic>) {
    let secrets: Vec<&SecretKeys> = summaries.iter().filter_map(|s| s.secret.as_ref()).collect();
    if secrets.is_empty() {
        return;
    }
    let mut found: Vec<Diagnostic> = Vec::new();
    for need in summaries.iter().flat_map(|s| &s.needs) {
        let namespace = need.namespace.as_deref();
        let matching = || {
            secrets.iter().filter(|s| {
                s.name == need.name
                    && (s.namespace.is_none()
                        || namespace.is_none()
                        || s.namespace.as_deref() == namespace)
            })
        };
        let complete = |s: &&&SecretKeys| {
            need.keys
                .iter()
                .all(|k| s.keys.iter().any(|have| have == k))
        };
        if matching().any(|s| complete(&s)) {
            continue;
        }
        let Some(secret) = matching().next() else {
            continue;
        };
        let related = Related {
            path: need.path.clone(),
            span: need.span,
            message: if std::ptr::eq(need.rule, &registry::ENCRYPTION_SECRET_KEY_MISSING) {
                format!("named here {}", need.by)
            } else {
                format!("{} names it here", need.by)
            },
        };
        if let Some(d) = found
            .iter_mut()
            .find(|d| std::ptr::eq(d.rule, need.rule) && d.span == Some(secret.span))
        {
            d.related.push(related);
            continue;
        }
        // "`A` and `B`" of the keys absent, and of those written without a value.
        let (mut absent, mut empty) = (String::new(), String::new());
        for key in need.keys {
            if secret.keys.iter().any(|have| have == key) {
                continue;
            }
            let list = if secret.blank.iter().any(|b| b == key) {
                &mut empty
            } else {
                &mut absent
            };
            if !list.is_empty() {
                list.push_str(" and ");
            }
            list.push('`');
            list.push_str(key);
            list.push('`');
        }
        let (all, listed) = match (absent.is_empty(), empty.is_empty()) {
            (false, true) => (absent.clone(), format!("no {absent}")),
            (true, false) => (empty.clone(), format!("no value for {empty}")),
            _ => (
                format!("{absent} and {empty}"),
                format!("no {absent} and no value for {empty}"),
            ),
        };
        let message = if std::ptr::eq(need.rule, &registry::ENCRYPTION_SECRET_KEY_MISSING) {
            format!(
                "Secret `{}` has {listed}: the Restic backups and restores that encrypt with it fail",
                secret.name
            )
        } else {
            format!(
                "Secret `{}` has {listed}, which {} needs",
                secret.name, need.by
            )
        };
        let help = format!("give {all} under `stringData` (or base64 under `data`)");
        let mut d = Diagnostic::new(need.rule, secret.path.clone(), message).help(help);
        d.document = secret.document;
        d.span = Some(secret.span);
        d.related.push(related);
        found.push(d);
    }
    out.append(&mut found);
}
