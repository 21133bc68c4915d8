//! Layer 7: advice. Warnings and notes about configurations the cluster accepts but that will
//! probably not do what their author wants. Never errors.

use crate::catalog::{self, Catalog, Direction};
use crate::diagnostic::{Anchor, Correct, Diagnostic, Path};
use crate::registry;
use crate::secrets::STORAGE_PROVIDERS;
use crate::source::node::{Node, Value};

pub fn check(kind: &str, root: &Node, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    if root
        .get("metadata")
        .and_then(|m| m.str_at("namespace"))
        .is_none()
    {
        out.push(
            Diagnostic::new(
                &registry::MISSING_NAMESPACE,
                Path::root().key("metadata").key("namespace"),
                "no namespace: kubectl uses the current context's namespace",
            )
            .anchor(Anchor::Missing),
        );
    }
    let Some(spec) = root.get("spec") else { return };
    let spec_path = Path::root().key("spec");
    match kind {
        "BackupConfiguration" => {
            if matches!(
                spec.get("paused").map(|p| &p.value),
                Some(Value::Bool(true))
            ) {
                out.push(Diagnostic::new(
                    &registry::PAUSED,
                    spec_path.key("paused"),
                    "the BackupConfiguration is paused: no backup runs",
                ));
            }
            for (s, session) in spec.items_at("sessions").iter().enumerate() {
                // Paths are built only for diagnostics: a clean document allocates none.
                backup_session(
                    session,
                    &|| spec_path.key("sessions").index(s),
                    catalog,
                    out,
                );
            }
        }
        "RestoreSession" => restore_session(spec, &spec_path, catalog, out),
        "BackupStorage" => storage(spec, &spec_path, out),
        "BackupBlueprint" => {
            let template_path = spec_path.key("backupConfigurationTemplate");
            if let Some(template) = spec.get("backupConfigurationTemplate") {
                for (s, session) in template.items_at("sessions").iter().enumerate() {
                    backup_session(
                        session,
                        &|| template_path.key("sessions").index(s),
                        catalog,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

fn backup_session(
    session: &Node,
    path: &dyn Fn() -> Path,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let suspended = session
        .get("scheduler")
        .and_then(|s| s.get("suspend"))
        .is_some_and(|s| s.value == Value::Bool(true));
    if suspended {
        out.push(Diagnostic::new(
            &registry::PAUSED,
            path().key("scheduler").key("suspend"),
            "this session's schedule is suspended: no backup runs",
        ));
    }
    let Some(addon) = session.get("addon") else {
        return;
    };
    tasks_advice(addon, &|| path().key("addon"), out);
    if uses_restic(addon, Direction::Backup, catalog) {
        for (r, repo) in session.items_at("repositories").iter().enumerate() {
            if repo.get("encryptionSecret").is_none_or(Node::is_null) {
                let name = repo.str_at("name").unwrap_or_default();
                out.push(
                    Diagnostic::new(
                        &registry::MISSING_ENCRYPTION_SECRET,
                        path().key("repositories").index(r).key("encryptionSecret"),
                        format!("repository {} has no encryptionSecret; Restic backups fail without RESTIC_PASSWORD", super::admission::shown(name)),
                    )
                    .anchor(Anchor::Missing)
                    .upstream("key RESTIC_PASSWORD is required but storage Secret is not provided")
                    .help("add encryptionSecret: {name: <secret with RESTIC_PASSWORD>, namespace: <ns>}"),
                );
            }
        }
    }
}

fn restore_session(spec: &Node, path: &Path, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let Some(addon) = spec.get("addon") else {
        return;
    };
    tasks_advice(addon, &|| path.key("addon"), out);
    let data_source = spec.get("dataSource");
    if uses_restic(addon, Direction::Restore, catalog)
        && data_source.is_some_and(|d| d.get("encryptionSecret").is_none_or(Node::is_null))
    {
        out.push(
            Diagnostic::new(
                &registry::MISSING_ENCRYPTION_SECRET,
                path.key("dataSource").key("encryptionSecret"),
                "no encryptionSecret: a Restic restore cannot open the repository",
            )
            .anchor(Anchor::Missing)
            .help("add encryptionSecret: {name: <secret with RESTIC_PASSWORD>, namespace: <ns>}"),
        );
    }
}

/// Does any task of this addon run with the Restic driver?
fn uses_restic(addon: &Node, direction: Direction, catalog: &Catalog) -> bool {
    let Some(found) = addon.str_at("name").and_then(|name| catalog.addon(name)) else {
        return false;
    };
    addon
        .items_at("tasks")
        .iter()
        .filter_map(|t| t.str_at("name"))
        .filter_map(|name| found.task(direction, name))
        .any(catalog::Task::uses_restic)
}

fn tasks_advice(addon: &Node, path: &dyn Fn() -> Path, out: &mut Vec<Diagnostic>) {
    for (t, task) in addon.items_at("tasks").iter().enumerate() {
        let Some(params) = task.get("params") else {
            continue;
        };
        if params.str_at("backupCmd") == Some("pg_dump") {
            let args = params.str_at("args").unwrap_or_default();
            if !names_a_database(args) {
                out.push(
                    Diagnostic::new(
                        &registry::PG_DUMP_WITHOUT_DATABASE,
                        path().key("tasks").index(t).key("params").key("backupCmd"),
                        "pg_dump without a database name in `args` dumps only the default database",
                    )
                    .help("name the database in args, e.g. args: testdb, or use pg_dumpall"),
                );
            }
        }
    }
}

/// Options of pg_dump that take a separate value (`-n public`), which is not a database name.
const OPTIONS_WITH_VALUE: &[&str] = &[
    "-f",
    "-F",
    "-j",
    "-n",
    "-N",
    "-t",
    "-T",
    "-U",
    "-h",
    "-p",
    "-E",
    "-Z",
    "-S",
    "--file",
    "--format",
    "--jobs",
    "--schema",
    "--exclude-schema",
    "--table",
    "--exclude-table",
    "--username",
    "--host",
    "--port",
    "--encoding",
    "--compress",
    "--superuser",
    "--role",
    "--section",
    "--lock-wait-timeout",
    "--exclude-table-data",
    "--extra-float-digits",
    "--rows-per-insert",
    "--snapshot",
    "--filter",
];

/// Does a pg_dump argument string name a database (a positional word, `-d`, `--dbname`)?
fn names_a_database(args: &str) -> bool {
    let mut words = args.split_whitespace();
    while let Some(word) = words.next() {
        if word == "-d" || word == "--dbname" {
            return words.next().is_some();
        }
        if word.starts_with("--dbname=") || (word.starts_with("-d") && word.len() > 2) {
            return true;
        }
        if OPTIONS_WITH_VALUE.contains(&word) {
            words.next();
            continue;
        }
        if !word.starts_with('-') {
            return true;
        }
    }
    false
}

/// A BackupStorage whose `spec.storage` cannot reach a storage (`storage-incomplete`): no or
/// an unsupported provider, no block for it, a block without what the provider needs (a
/// bucket, an account and container, a mount path and a volume), and blocks of other providers,
/// which the operator ignores. The webhook checks none of this (KUBESTASH.md §2.3); the
/// BackupStorage then never becomes Ready and no backup runs.
fn storage(spec: &Node, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    let Some(storage) = spec.get("storage") else {
        return;
    };
    let storage_path = || spec_path.key("storage");
    let incomplete =
        |path: Path, message: String| Diagnostic::new(&registry::STORAGE_INCOMPLETE, path, message);
    let provider = storage.str_at("provider").unwrap_or_default();
    let Some(known) = STORAGE_PROVIDERS.iter().find(|p| p.name == provider) else {
        let mut d = if provider.is_empty() {
            incomplete(
                storage_path().key("provider"),
                "no storage provider: KubeStash does not know which block to use".to_owned(),
            )
            .anchor(Anchor::Missing)
        } else {
            incomplete(
                storage_path().key("provider"),
                format!("KubeStash has no storage provider `{provider}`"),
            )
        };
        let names = STORAGE_PROVIDERS.iter().map(|p| p.name);
        // Stash v1's backends that KubeStash's API keeps only as comments: no near name.
        let dropped = ["swift", "b2", "rest"].contains(&provider.to_ascii_lowercase().as_str());
        if dropped {
            d.message = format!(
                "KubeStash does not support the `{provider}` provider (its API keeps swift, b2 and rest only as comments)"
            );
        }
        if provider.is_empty()
            || dropped
            || !d.did_you_mean(provider, names.clone(), Correct::Value)
        {
            let list: Vec<&str> = names.collect();
            d.help = Some(format!("one of {}", list.join(", ")));
        }
        out.push(d);
        return;
    };
    for (key, _) in storage.entries() {
        let name = key.name.as_str();
        if name != provider && STORAGE_PROVIDERS.iter().any(|p| p.name == name) {
            out.push(
                incomplete(
                    storage_path().key(name),
                    format!("the `{name}` block is ignored: the provider is `{provider}`"),
                )
                .anchor(Anchor::Key)
                .help(format!("remove it, or set provider: {name}")),
            );
        }
    }
    let Some(block) = storage.get(provider).filter(|b| !b.is_null()) else {
        out.push(
            incomplete(
                storage_path().key(provider),
                format!("provider `{provider}` without a `{provider}` block"),
            )
            .anchor(Anchor::Missing),
        );
        return;
    };
    let missing: Vec<&str> = known
        .needs
        .iter()
        .copied()
        .filter(|field| block.str_at(field).is_none_or(str::is_empty))
        .collect();
    if !missing.is_empty() {
        let fields: Vec<String> = missing.iter().map(|f| format!("`{f}`")).collect();
        out.push(
            incomplete(
                storage_path().key(provider),
                format!("the `{provider}` storage has no {}", fields.join(" or ")),
            )
            .anchor(Anchor::Key),
        );
    }
    // A local storage mounts a volume: one Kubernetes volume source beside mountPath/subPath.
    let settings = ["mountPath", "subPath", "maxConnections"];
    if provider == "local"
        && block
            .entries()
            .iter()
            .all(|(k, _)| settings.contains(&k.name.as_str()))
    {
        out.push(
            incomplete(
                storage_path().key(provider),
                "the `local` storage names no volume (nfs, persistentVolumeClaim, hostPath, …)"
                    .to_owned(),
            )
            .anchor(Anchor::Key),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::names_a_database;

    #[test]
    fn database_names_in_pg_dump_args() {
        assert!(names_a_database("testdb"));
        assert!(names_a_database("--clean testdb"));
        assert!(names_a_database("--dbname=testdb"));
        assert!(names_a_database("-d testdb"));
        assert!(!names_a_database(""));
        assert!(!names_a_database("--clean"));
        assert!(!names_a_database("-n public --clean"));
    }
}
