//! The addon catalog: every Addon manifest of `shared/reference/addons` (KubeStash and KubeDB),
//! vendored by `cargo xtask vendor` into `data/addons.json`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// An Addon: the tasks it offers for backup and for restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Addon {
    pub name: String,
    /// Where the manifest came from.
    pub source: String,
    pub backup_tasks: Vec<Task>,
    pub restore_tasks: Vec<Task>,
}

/// A task of an addon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub name: String,
    pub function: String,
    /// Restic, WalG, VolumeSnapshotter, ...; absent in a few manifests.
    pub driver: Option<String>,
    pub parameters: Vec<Parameter>,
    /// Names of the task's volume templates (what `addonVolumes[].name` may override).
    pub volume_templates: Vec<String>,
}

/// A task parameter as the Addon declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    pub usage: String,
    pub required: bool,
    pub default: Option<String>,
    /// Values the usage text restricts the parameter to ("can only be pg_dumpall or pg_dump").
    pub allowed: Vec<String>,
}

/// Which list of tasks a document draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Backup,
    Restore,
}

impl Addon {
    /// The tasks for a direction.
    #[must_use]
    pub fn tasks(&self, direction: Direction) -> &[Task] {
        match direction {
            Direction::Backup => &self.backup_tasks,
            Direction::Restore => &self.restore_tasks,
        }
    }

    /// A task by name in a direction.
    #[must_use]
    pub fn task(&self, direction: Direction, name: &str) -> Option<&Task> {
        self.tasks(direction).iter().find(|t| t.name == name)
    }
}

impl Task {
    /// A parameter by name.
    #[must_use]
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// Restic tasks need an encryption secret (`RESTIC_PASSWORD`) at run time.
    #[must_use]
    pub fn uses_restic(&self) -> bool {
        self.driver.as_deref() == Some("Restic")
    }
}

/// The `${NAME}` variables the operator fills in at run time (kubestash/apimachinery
/// `apis/constant.go`: `KeyResticCacheVolume`, `KeyPVCName`, ...), with their value where a
/// constant gives it (`ResticCacheVolumeName = TempDirVolumeName`).
pub const RUNTIME_VARIABLES: &[(&str, Option<&str>)] = &[
    ("COMPONENT_NAME", None),
    ("POD_ORDINAL", None),
    ("PVC_NAME", None),
    ("DB_VERSION", None),
    ("INTERIM_VOLUME", None),
    ("RESTIC_CACHE_VOLUME", Some("kubestash-tmp-volume")),
];

/// `Some(value)` for a text that is one run-time variable (`${RESTIC_CACHE_VOLUME}`): the
/// value it resolves to, or `None` inside when only the operator knows it.
#[must_use]
pub fn runtime_variable(text: &str) -> Option<Option<&'static str>> {
    let name = text.strip_prefix("${")?.strip_suffix('}')?;
    RUNTIME_VARIABLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| *value)
}

/// Every addon, sorted by name.
#[must_use]
pub fn addons() -> &'static [Addon] {
    static CELL: OnceLock<Vec<Addon>> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(include_str!("../data/addons.json"))
            .expect("vendored addon catalog is valid (checked by tests)")
    })
}

/// An addon by name.
#[must_use]
pub fn addon(name: &str) -> Option<&'static Addon> {
    addons().iter().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_reference_addon() {
        assert_eq!(addons().len(), 20);
        let postgres = addon("postgres-addon").unwrap();
        let logical = postgres.task(Direction::Backup, "logical-backup").unwrap();
        assert_eq!(
            logical.parameter("backupCmd").unwrap().allowed,
            ["pg_dumpall", "pg_dump"]
        );
        assert!(logical.uses_restic());
        assert!(
            postgres
                .task(Direction::Restore, "logical-backup-restore")
                .is_some()
        );
        let workload = addon("workload-addon").unwrap();
        let paths = workload.task(Direction::Backup, "logical-backup").unwrap();
        assert!(paths.parameter("paths").unwrap().required);
    }
}
