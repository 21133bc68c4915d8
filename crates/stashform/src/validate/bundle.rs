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
        };
        let kind = root.str_at("kind");
        let name = metadata.and_then(|m| m.get("name"));
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
    out
}
