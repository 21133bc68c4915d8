//! Layer 8: references between the documents of one multi-document file. A missing target is
//! only a note ("not in this bundle"): it may well exist in the cluster.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Path};
use crate::registry::{self, Rule};
use crate::source::node::Node;
use crate::source::yaml::Document;

pub fn check(documents: &[Document]) -> Vec<Diagnostic> {
    // (kind, name) -> namespaces declared (None when the document gives none).
    let mut declared: HashMap<(&str, &str), Vec<Option<&str>>> = HashMap::new();
    let mut kinds: HashSet<&str> = HashSet::new();
    // repository name -> namespaces of the BackupConfigurations that declare it.
    let mut repositories: HashMap<&str, Vec<Option<&str>>> = HashMap::new();
    for doc in documents {
        let root = &doc.root;
        let metadata = root.get("metadata");
        let namespace = metadata.and_then(|m| m.str_at("namespace"));
        if let (Some(kind), Some(name)) =
            (root.str_at("kind"), metadata.and_then(|m| m.str_at("name")))
        {
            declared.entry((kind, name)).or_default().push(namespace);
            kinds.insert(kind);
        }
        if root.str_at("kind") == Some("BackupConfiguration") {
            for session in sessions(root) {
                for repo in session
                    .get("repositories")
                    .map(Node::items)
                    .unwrap_or_default()
                {
                    if let Some(name) = repo.str_at("name") {
                        repositories.entry(name).or_default().push(namespace);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for doc in documents {
        let root = &doc.root;
        let own_namespace = root.get("metadata").and_then(|m| m.str_at("namespace"));
        let mut reference = |node: Option<&Node>, path: Path, kind: &str, rule: &'static Rule| {
            let Some(name) = node.and_then(|n| n.str_at("name")) else {
                return;
            };
            // Only where the bundle carries objects of this kind is a missing one worth a note.
            if !kinds.contains(kind) {
                return;
            }
            let namespace = node.and_then(|n| n.str_at("namespace")).or(own_namespace);
            let found = declared.get(&(kind, name)).is_some_and(|namespaces| {
                namespaces
                    .iter()
                    .any(|ns| ns.is_none() || namespace.is_none() || *ns == namespace)
            });
            if !found {
                let mut d = Diagnostic::new(
                    rule,
                    path.key("name"),
                    format!("{kind} `{name}` is not in this bundle"),
                );
                let same_kind = declared.keys().filter(|(k, _)| *k == kind).map(|(_, n)| *n);
                let elsewhere = declared
                    .get(&(kind, name))
                    .and_then(|namespaces| namespaces.iter().flatten().next());
                d.help = match elsewhere {
                    Some(other) => Some(format!(
                        "this bundle has `{name}` in namespace `{other}`, not `{}`",
                        namespace.unwrap_or_default()
                    )),
                    None => crate::schema::suggest(name, same_kind)
                        .or_else(|| Some("fine if it exists in the cluster".to_owned())),
                };
                d.document = doc.index;
                out.push(d);
            }
        };
        match root.str_at("kind") {
            Some("BackupConfiguration") => {
                let spec = Path::root().key("spec");
                for (b, backend) in root
                    .get("spec")
                    .and_then(|s| s.get("backends"))
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    let path = spec.key("backends").index(b);
                    reference(
                        backend.get("storageRef"),
                        path.key("storageRef"),
                        "BackupStorage",
                        &registry::MISSING_STORAGE_IN_BUNDLE,
                    );
                    reference(
                        backend.get("retentionPolicy"),
                        path.key("retentionPolicy"),
                        "RetentionPolicy",
                        &registry::MISSING_RETENTION_IN_BUNDLE,
                    );
                }
                for (s, session) in sessions(root).iter().enumerate() {
                    for (r, repo) in session
                        .get("repositories")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let path = spec
                            .key("sessions")
                            .index(s)
                            .key("repositories")
                            .index(r)
                            .key("encryptionSecret");
                        reference(
                            repo.get("encryptionSecret"),
                            path,
                            "Secret",
                            &registry::MISSING_SECRET_IN_BUNDLE,
                        );
                    }
                }
            }
            Some("RestoreSession") => {
                let ds_path = Path::root().key("spec").key("dataSource");
                let data_source = root.get("spec").and_then(|s| s.get("dataSource"));
                reference(
                    data_source.and_then(|d| d.get("encryptionSecret")),
                    ds_path.key("encryptionSecret"),
                    "Secret",
                    &registry::MISSING_SECRET_IN_BUNDLE,
                );
                if let Some(repository) = data_source.and_then(|d| d.str_at("repository"))
                    && !repositories.is_empty()
                {
                    let namespace = data_source
                        .and_then(|d| d.str_at("namespace"))
                        .or(own_namespace);
                    let found = repositories.get(repository).is_some_and(|namespaces| {
                        namespaces
                            .iter()
                            .any(|ns| ns.is_none() || namespace.is_none() || *ns == namespace)
                    });
                    if !found {
                        let mut d = Diagnostic::new(
                            &registry::MISSING_REPOSITORY_IN_BUNDLE,
                            ds_path.key("repository"),
                            format!(
                                "repository `{repository}` is not a repository of any BackupConfiguration in this bundle"
                            ),
                        );
                        d.help = crate::schema::suggest(repository, repositories.keys().copied())
                            .or_else(|| {
                                Some("fine if the Repository exists in the cluster".to_owned())
                            });
                        d.document = doc.index;
                        out.push(d);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn sessions(root: &Node) -> &[Node] {
    root.get("spec")
        .and_then(|s| s.get("sessions"))
        .map(Node::items)
        .unwrap_or_default()
}
