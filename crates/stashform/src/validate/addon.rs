//! Layer 6: the addon catalog. Tasks must exist in the named addon and run in this document's
//! direction; parameters must be known, allowed, and present when required.

use crate::catalog::{self, Addon, Catalog, Direction};
use crate::diagnostic::{Anchor, Correct, Diagnostic, Fix, Path};
use crate::registry;
use crate::schema;
use crate::source::node::{Node, Value};

pub fn check(kind: &str, root: &Node, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let spec_path = Path::root().key("spec");
    let Some(spec) = root.get("spec") else { return };
    match kind {
        "BackupConfiguration" => backup_sessions(spec, &spec_path, catalog, out),
        "BackupBlueprint" => {
            // The target is the annotated object's, unknown here.
            if let Some(template) = spec.get("backupConfigurationTemplate") {
                backup_sessions(
                    template,
                    &spec_path.key("backupConfigurationTemplate"),
                    catalog,
                    out,
                );
            }
        }
        "RestoreSession" => {
            if let Some(addon) = spec.get("addon") {
                let addon_path = || spec_path.key("addon");
                let names = addon_info(addon, &addon_path, Direction::Restore, catalog, out);
                if let Some((name, found)) = names {
                    pairing(spec, name, found, &addon_path, catalog, out);
                }
            }
        }
        _ => {}
    }
}

/// The addon of each session of a BackupConfiguration's spec (or a blueprint's template).
fn backup_sessions(spec: &Node, spec_path: &Path, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for (s, session) in spec.items_at("sessions").iter().enumerate() {
        if let Some(addon) = session.get("addon") {
            let addon_path = || spec_path.key("sessions").index(s).key("addon");
            let names = addon_info(addon, &addon_path, Direction::Backup, catalog, out);
            if let Some((name, found)) = names {
                pairing(spec, name, found, &addon_path, catalog, out);
            }
        }
    }
}

/// The tasks and parameters of the addon `node` names; the name and the catalog's addon when
/// it has one.
fn addon_info<'n, 'c>(
    node: &'n Node,
    path: &dyn Fn() -> Path,
    direction: Direction,
    catalog: &'c Catalog,
    out: &mut Vec<Diagnostic>,
) -> Option<(&'n str, &'c Addon)> {
    let name = node.str_at("name").filter(|n| !n.is_empty())?;
    let Some(addon) = catalog.addon(name) else {
        let mut d = Diagnostic::new(
            &registry::UNKNOWN_ADDON,
            path().key("name"),
            format!("addon `{name}` is not in {}", catalog.describe()),
        );
        // Help only: the name may be a custom Addon's (which is why this is a warning).
        let addons = catalog.addons();
        d.help = Some(
            schema::suggest(name, addons.iter().map(|a| a.name.as_str()))
                .unwrap_or_else(|| NEWER.to_owned()),
        );
        out.push(d);
        return None;
    };
    let opposite = match direction {
        Direction::Backup => Direction::Restore,
        Direction::Restore => Direction::Backup,
    };
    for (t, task_node) in node.items_at("tasks").iter().enumerate() {
        // Paths are built only for diagnostics: a clean document allocates none.
        let task_path = || path().key("tasks").index(t);
        let Some(task_name) = task_node.str_at("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        let Some(task) = addon.task(direction, task_name) else {
            if let Some(new) = kebab_case(task_name)
                && addon.task(direction, &new).is_some()
            {
                let mut d = Diagnostic::new(
                    &registry::OLD_TASK_NAME,
                    task_path().key("name"),
                    format!("`{task_name}` is the Stash name of the task `{new}` of {name}"),
                )
                .help(format!("KubeStash names it `{new}`"));
                d.fix = Some(Fix::replace(d.path.clone(), task_name, &new));
                out.push(d);
                continue;
            }
            let names: Vec<&str> = addon
                .tasks(direction)
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            let (rule, message) = if addon.task(opposite, task_name).is_some() {
                (
                    &registry::TASK_WRONG_DIRECTION,
                    format!(
                        "`{task_name}` is a {} task of {name}; this is a {}",
                        direction_word(opposite),
                        document_word(direction)
                    ),
                )
            } else {
                (
                    &registry::UNKNOWN_TASK,
                    format!(
                        "addon `{name}` has no {} task `{task_name}` in {}",
                        direction_word(direction),
                        catalog.origin(addon)
                    ),
                )
            };
            let mut d = Diagnostic::new(rule, task_path().key("name"), message);
            if let Some(pair) = counterpart(task_name, direction, &names) {
                d.help = Some(format!("did you mean `{pair}`?"));
                d.fix = Some(Fix::replace(d.path.clone(), task_name, pair));
            } else if !d.did_you_mean(task_name, names.iter().copied(), Correct::Value) {
                d.help = Some(format!(
                    "{} tasks of {name}: {}; {NEWER}",
                    direction_word(direction),
                    names.join(", ")
                ));
            }
            out.push(d);
            continue;
        };
        let params = task_node.get("params");
        for (key, value) in params.map(Node::entries).unwrap_or_default() {
            let param_path = || task_path().key("params").key(&key.name);
            let Some(parameter) = task.parameter(&key.name) else {
                let known: Vec<&str> = task.parameters.iter().map(|p| p.name.as_str()).collect();
                let mut d = Diagnostic::new(
                    &registry::UNKNOWN_PARAM,
                    param_path(),
                    format!(
                        "`{}` is not a parameter of {name}/{task_name}; it is ignored",
                        key.name
                    ),
                )
                .anchor(Anchor::Key);
                if !d.did_you_mean(&key.name, known.iter().copied(), Correct::Key) {
                    d.help = Some(if known.is_empty() {
                        format!("{task_name} takes no parameters")
                    } else {
                        format!("parameters of {task_name}: {}", known.join(", "))
                    });
                }
                out.push(d);
                continue;
            };
            let text = match &value.value {
                Value::Str(s) => Some(s.as_str()),
                Value::Null => None,
                _ => {
                    let mut d = Diagnostic::new(
                        &registry::PARAM_NOT_STRING,
                        param_path(),
                        format!(
                            "parameter `{}` should be a string (found {})",
                            key.name,
                            value.type_name()
                        ),
                    )
                    .help("quote the value");
                    d.quote_as_written();
                    out.push(d);
                    None
                }
            };
            if let Some(text) = text
                && !parameter.allowed.is_empty()
                && !parameter.allowed.iter().any(|a| a == text)
            {
                let mut d = Diagnostic::new(
                    &registry::INVALID_PARAM_VALUE,
                    param_path(),
                    format!(
                        "`{}` must be one of {}",
                        key.name,
                        parameter.allowed.join(", ")
                    ),
                );
                d.did_you_mean(
                    text,
                    parameter.allowed.iter().map(String::as_str),
                    Correct::Value,
                );
                // The allowed values come from the Addon's usage text, not from a message
                // the cluster prints: say so.
                let usage = format!("{name} describes `{}` as: {}", key.name, parameter.usage);
                d.help = Some(match d.help.take() {
                    Some(guess) => format!("{guess} ({usage})"),
                    None => usage,
                });
                out.push(d);
            }
        }
        for parameter in task.parameters.iter().filter(|p| p.required) {
            if params
                .and_then(|p| p.get(&parameter.name))
                .is_none_or(Node::is_null)
            {
                out.push(
                    Diagnostic::new(
                        &registry::MISSING_REQUIRED_PARAM,
                        task_path().key("params").key(&parameter.name),
                        format!("{name}/{task_name} needs parameter `{}`", parameter.name),
                    )
                    .anchor(Anchor::Missing)
                    .help(parameter.usage.clone()),
                );
            }
        }
        for (v, volume) in task_node.items_at("addonVolumes").iter().enumerate() {
            let Some(volume_name) = volume.str_at("name") else {
                continue;
            };
            // `${RESTIC_CACHE_VOLUME}`: the operator's name for a template, or one it alone knows.
            let resolved = match catalog::runtime_variable(volume_name) {
                Some(Some(value)) => value,
                Some(None) => continue,
                None => volume_name,
            };
            if !task.volume_templates.iter().any(|t| t == resolved) {
                let mut d = Diagnostic::new(
                    &registry::UNKNOWN_ADDON_VOLUME,
                    task_path().key("addonVolumes").index(v).key("name"),
                    format!("{task_name} has no volume template `{volume_name}`"),
                );
                let templates = task.volume_templates.iter().map(String::as_str);
                if !d.did_you_mean(volume_name, templates, Correct::Value) {
                    d.help = Some(if task.volume_templates.is_empty() {
                        format!("{task_name} has no volume templates")
                    } else {
                        format!("volume templates: {}", task.volume_templates.join(", "))
                    });
                }
                out.push(d);
            }
        }
    }
    Some((name, addon))
}

/// The addon a target is backed up and restored with by convention: `<kind>-addon` for a
/// KubeDB database (kubestash/cli `pkg/convert/resources.go`, `resolveAddonName`, where the
/// `<Kind>Version`'s `spec.archiver.addon.name` may name another), workload-addon for a
/// Deployment, StatefulSet or DaemonSet, pvc-addon for a PersistentVolumeClaim. `None` for
/// any other target (an AppBinding names its database only in the cluster).
fn conventional_addon(target: &Node) -> Option<String> {
    let kind = target.str_at("kind")?;
    match (target.str_at("apiGroup").unwrap_or_default(), kind) {
        ("kubedb.com", _) => Some(format!("{}-addon", kind.to_ascii_lowercase())),
        // The docs write workloads' group `apps` and, now and then, "".
        ("apps" | "", "Deployment" | "StatefulSet" | "DaemonSet") => Some(WORKLOAD.to_owned()),
        ("", "PersistentVolumeClaim") => Some(PVC.to_owned()),
        _ => None,
    }
}

const WORKLOAD: &str = "workload-addon";
const PVC: &str = "pvc-addon";

/// A target and an addon that do not belong together (`addon-target-mismatch`), reported only
/// when both sides are evident: the target's own addon (by convention) is in the catalog, and
/// the addon is evidently another target's, one of the vendored catalog (a KubeDB database's,
/// workload-addon or pvc-addon) that backs up more than manifests (kubedump-addon's
/// manifest-backup fits any target) and is no distribution of the target's own (the same
/// tasks and parameters: opensearch-addon for an Elasticsearch of the OpenSearch
/// distribution). A workload or PVC target is only held to the other of the two: a KubeDB
/// database's addon on its StatefulSet may still find the database.
fn pairing(
    spec: &Node,
    name: &str,
    addon: &Addon,
    path: &dyn Fn() -> Path,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let Some(target) = spec.get("target") else {
        return;
    };
    let Some(expected) = conventional_addon(target).filter(|e| e != name) else {
        return;
    };
    let Some(own) = catalog.addon(&expected) else {
        return;
    };
    let database = target.str_at("apiGroup") == Some("kubedb.com");
    let evident = Catalog::vendored().addon(name).is_some()
        && (database || name == WORKLOAD || name == PVC)
        && !addon
            .backup_tasks
            .iter()
            .all(|t| t.name == "manifest-backup")
        && !same_tasks(addon, own);
    if !evident {
        return;
    }
    let kind = target.str_at("kind").unwrap_or_default();
    let group = target.str_at("apiGroup").unwrap_or_default();
    let group = if group.is_empty() { "core" } else { group };
    let d = Diagnostic::new(
        &registry::ADDON_TARGET_MISMATCH,
        path().key("name"),
        format!("`{name}` is not an addon for a `{kind}` target ({group}); a `{kind}` takes `{expected}`"),
    )
    .help(format!("did you mean `{expected}`?"))
    .related(
        Path::root().key("spec").key("target").key("kind"),
        format!("the target is a `{kind}`"),
    );
    out.push(d);
}

/// Two addons with the same tasks, each with the same parameters: one database's two
/// distributions.
fn same_tasks(a: &Addon, b: &Addon) -> bool {
    let same = |x: &[catalog::Task], y: &[catalog::Task]| {
        x.len() == y.len()
            && x.iter().all(|t| {
                y.iter().any(|u| {
                    u.name == t.name
                        && u.parameters.len() == t.parameters.len()
                        && t.parameters.iter().all(|p| u.parameter(&p.name).is_some())
                })
            })
    };
    same(&a.backup_tasks, &b.backup_tasks) && same(&a.restore_tasks, &b.restore_tasks)
}

/// How to check against a newer catalog than the one used.
const NEWER: &str = "newer than this catalog? pass your installer's Addon manifests with \
                     `--catalog PATH` (npm: the `catalog` option)";

/// The task of `direction` that pairs with `task`, one of the other direction, in the
/// catalog's naming (`logical-backup` and `logical-backup-restore`, `manifest-backup` and
/// `manifest-restore`), when exactly one of `names` does.
fn counterpart<'n>(task: &str, direction: Direction, names: &[&'n str]) -> Option<&'n str> {
    let pairs = match direction {
        Direction::Restore => [
            Some(format!("{task}-restore")),
            task.strip_suffix("-backup").map(|t| format!("{t}-restore")),
        ],
        Direction::Backup => [
            task.strip_suffix("-restore").map(str::to_owned),
            task.strip_suffix("-restore").map(|t| format!("{t}-backup")),
        ],
    };
    let mut found = names
        .iter()
        .filter(|n| pairs.iter().flatten().any(|p| p == **n));
    match (found.next(), found.next()) {
        (Some(pair), None) => Some(pair),
        _ => None,
    }
}

/// `logical-backup` for the Stash name `LogicalBackup`; `None` for a name without capitals
/// or one that already has hyphens.
fn kebab_case(name: &str) -> Option<String> {
    if name.contains('-') || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    Some(out)
}

fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Backup => "backup",
        Direction::Restore => "restore",
    }
}

fn document_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Backup => "BackupConfiguration",
        Direction::Restore => "RestoreSession",
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::catalog::Catalog;

    /// A user's catalog: the addon of a KubeDB kind newer than the vendored catalog, and an
    /// own copy of the Postgres addon under another name.
    const MINE: &str = "apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata: {name: hazelcast-addon}
spec:
  backupTasks: [{name: logical-backup, function: hazelcast-backup, parameters: []}]
  restoreTasks: [{name: logical-backup-restore, function: hazelcast-restore, parameters: []}]
---
apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata: {name: my-pg-addon}
spec:
  backupTasks: [{name: logical-backup, function: postgres-backup, parameters: []}]
  restoreTasks: [{name: logical-backup-restore, function: postgres-restore, parameters: []}]
";

    fn mismatches(kind: &str, addon: &str, catalog: Option<&Catalog>) -> usize {
        let text = format!(
            "apiVersion: core.kubestash.com/v1alpha1
kind: RestoreSession
metadata: {{name: r, namespace: demo}}
spec:
  target: {{apiGroup: kubedb.com, kind: {kind}, name: db, namespace: demo}}
  dataSource: {{repository: repo, snapshot: latest, encryptionSecret: {{name: e, namespace: demo}}}}
  addon: {{name: {addon}, tasks: [{{name: logical-backup-restore}}]}}
"
        );
        let mut options = crate::CheckOptions::default();
        options.set_catalog(catalog.map(|c| Arc::new(c.clone())));
        crate::check_with(&text, &options)
            .diagnostics
            .iter()
            .filter(|d| d.rule.name == "addon-target-mismatch")
            .count()
    }

    #[test]
    fn pairs_come_from_the_catalog_in_use_and_only_evident_ones_are_judged() {
        let mine = Catalog::from_manifests([("mine.yaml", MINE)]).unwrap();
        // The user's catalog says what a Hazelcast's addon is; the vendored one does not.
        assert_eq!(mismatches("Hazelcast", "postgres-addon", Some(&mine)), 1);
        assert_eq!(mismatches("Hazelcast", "postgres-addon", None), 0);
        assert_eq!(mismatches("Hazelcast", "hazelcast-addon", Some(&mine)), 0);
        // A user's own addon may back up anything.
        assert_eq!(mismatches("Postgres", "my-pg-addon", Some(&mine)), 0);
        assert_eq!(mismatches("Postgres", "postgres-addon", Some(&mine)), 0);
        assert_eq!(mismatches("MySQL", "postgres-addon", Some(&mine)), 1);
        // One database's two distributions; manifests of anything.
        assert_eq!(mismatches("Elasticsearch", "opensearch-addon", None), 0);
        assert_eq!(mismatches("MySQL", "kubedump-addon", None), 0);
    }
}
