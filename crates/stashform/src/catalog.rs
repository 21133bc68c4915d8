//! The addon catalog: every Addon manifest of `shared/reference/addons` (KubeStash and KubeDB),
//! vendored by `cargo xtask vendor` into `data/addons.json`, and a user's own catalog
//! ([`Catalog::from_manifests`]: Addon manifests as the installers ship them) that adds to it
//! and replaces its addons by name. Vendoring reads the manifests with the same parser.

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::source::line_index::{Encoding, LineIndex};
use crate::source::node::{Node, Value};
use crate::source::yaml;

/// An Addon: the tasks it offers for backup and for restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Addon {
    pub name: String,
    /// Where the manifest came from.
    pub source: String,
    pub backup_tasks: Vec<Task>,
    pub restore_tasks: Vec<Task>,
}

/// A task of an addon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// An installer whose Addon manifests the vendored catalog copies
/// (`shared/reference/SOURCES.md`; `cargo xtask test` holds the two together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Installer {
    /// `owner/name` on GitHub.
    pub repository: &'static str,
    pub commit: &'static str,
    /// The commit's date (`YYYY-MM-DD`).
    pub date: &'static str,
    /// The folder of the vendored copies, as an [`Addon::source`] of the vendored catalog
    /// starts.
    pub vendored: &'static str,
    /// The folder in the installer's repository that the vendored one copies.
    pub folder: &'static str,
}

/// The installers the vendored catalog was taken from.
pub const INSTALLERS: [Installer; 2] = [
    Installer {
        repository: "kubestash/installer",
        commit: "bc3770b035453a5b3480f9697b5b0ac58df2039f",
        date: "2026-07-21",
        vendored: "shared/reference/addons/kubestash-raw/",
        folder: "catalog/raw/",
    },
    Installer {
        repository: "kubedb/installer",
        commit: "0c6e2459d95d7d79403473e04b0c7469b387cb98",
        date: "2026-08-21",
        vendored: "shared/reference/addons/kubedb-raw/",
        folder: "catalog/kubestash/raw/",
    },
];

impl Installer {
    /// `kubedb/installer@0c6e2459d95d of 2026-08-21`.
    #[must_use]
    pub fn label(&self) -> String {
        format!(
            "{}@{} of {}",
            self.repository,
            &self.commit[..12],
            self.date
        )
    }

    /// The installer of a vendored addon's `source`.
    #[must_use]
    pub fn of(source: &str) -> Option<&'static Self> {
        INSTALLERS.iter().find(|i| source.starts_with(i.vendored))
    }

    /// Where a vendored manifest is published: its GitHub address at the commit.
    #[must_use]
    pub fn upstream(source: &str) -> Option<String> {
        let installer = Self::of(source)?;
        Some(format!(
            "https://github.com/{}/blob/{}/{}{}",
            installer.repository,
            installer.commit,
            installer.folder,
            &source[installer.vendored.len()..]
        ))
    }
}

/// The installers of the vendored catalog, for `--version` and messages:
/// `kubestash/installer@bc3770b03545 of 2026-07-21, kubedb/installer@0c6e2459d95d of 2026-08-21`.
#[must_use]
pub fn vendored_from() -> String {
    INSTALLERS
        .iter()
        .map(Installer::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The catalog a check uses: the vendored one ([`Catalog::vendored`]), or the vendored one with
/// a user's addons added and replacing those of the same name ([`Catalog::from_manifests`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The user's addons, in the order read.
    own: Vec<Addon>,
    /// Manifest files read (none for the vendored catalog).
    files: usize,
}

impl Catalog {
    /// The vendored catalog alone.
    #[must_use]
    pub fn vendored() -> &'static Self {
        static VENDORED: Catalog = Catalog {
            own: Vec::new(),
            files: 0,
        };
        &VENDORED
    }

    /// A catalog of the Addon manifests in `files` (`(name, text)`: multi-document YAML as
    /// the KubeStash and KubeDB installers ship it, raw or rendered by `helm template`, or a
    /// `kind: List` from `kubectl get addons -o yaml`), added to the vendored one: an addon of
    /// the same name replaces the vendored addon, and of two with one name the later wins.
    /// Functions and other kinds are skipped. Each addon's `source` is its file's name.
    ///
    /// ```
    /// use stashform::catalog::Catalog;
    /// let text = "apiVersion: addons.kubestash.com/v1alpha1\nkind: Addon\nmetadata:\n  name: my-addon\nspec:\n  backupTasks:\n  - name: dump\n    function: my-backup\n";
    /// let catalog = Catalog::from_manifests([("my.yaml", text)]).unwrap();
    /// assert_eq!(catalog.addon("my-addon").unwrap().backup_tasks[0].name, "dump");
    /// assert!(catalog.addon("postgres-addon").is_some());
    /// let broken = Catalog::from_manifests([("bad.yaml", "kind: Addon\nmetadata: {name: [\n")]);
    /// assert!(broken.unwrap_err()[0].to_string().starts_with("bad.yaml:"));
    /// ```
    ///
    /// # Errors
    /// Every problem of every file: YAML that does not load (a Helm template that was not
    /// rendered), an Addon without a name, tasks or parameters that are not lists of named
    /// entries.
    pub fn from_manifests<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<CatalogError>> {
        let mut catalog = Self::default();
        let mut errors = Vec::new();
        for (file, text) in files {
            catalog.add(file, text, &mut errors);
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    /// [`Catalog::from_manifests`] one file at a time: add its Addons, and its problems to
    /// `errors` (not generic: one copy in a wasm build).
    pub fn add(&mut self, file: &str, text: &str, errors: &mut Vec<CatalogError>) {
        self.files += 1;
        let mut problems: Vec<(usize, String)> = Vec::new();
        let loaded = yaml::load(text);
        for d in &loaded.diagnostics {
            if d.severity == crate::Severity::Error {
                let helm = if text.as_bytes().windows(2).any(|w| w == b"{{") {
                    " (a Helm template: render it with `helm template` first)"
                } else {
                    ""
                };
                let at = d.span.unwrap_or_default().start;
                problems.push((at, format!("{}{helm}", d.message)));
            }
        }
        for document in &loaded.documents {
            let root = &document.root;
            let items = if root.str_at("kind").is_some_and(|k| k.ends_with("List")) {
                root.items_at("items")
            } else {
                std::slice::from_ref(root)
            };
            for item in items {
                if item.str_at("kind") != Some("Addon") {
                    continue;
                }
                match parse_addon(item, file) {
                    Ok(addon) => match self.own.iter().position(|a| a.name == addon.name) {
                        Some(i) => self.own[i] = addon,
                        None => self.own.push(addon),
                    },
                    Err(problem) => problems.push(problem),
                }
            }
        }
        if problems.is_empty() {
            return;
        }
        let index = LineIndex::new(text);
        for (offset, message) in problems {
            let at = index.line_col(text, offset, Encoding::Utf8);
            errors.push(CatalogError {
                file: file.to_owned(),
                line: at.line,
                column: at.column,
                message,
            });
        }
    }

    /// An addon by name: the user's, else the vendored one.
    #[must_use]
    pub fn addon(&self, name: &str) -> Option<&Addon> {
        self.own
            .iter()
            .find(|a| a.name == name)
            .or_else(|| addon(name))
    }

    /// Every addon: the user's (in the order read), then the vendored ones they do not
    /// replace (sorted by name).
    #[must_use]
    pub fn addons(&self) -> Vec<&Addon> {
        let mut all: Vec<&Addon> = self.own.iter().collect();
        for addon in addons() {
            if !self.own.iter().any(|o| o.name == addon.name) {
                all.push(addon);
            }
        }
        all
    }

    /// The user's addons (none in the vendored catalog), in the order read.
    #[must_use]
    pub fn own(&self) -> &[Addon] {
        &self.own
    }

    /// Which catalog this is, for messages: `the vendored catalog (kubestash/installer@…)`, or
    /// `your catalog (N addons) and the vendored one (…)`.
    #[must_use]
    pub fn describe(&self) -> String {
        if self.files == 0 {
            format!("the vendored catalog ({})", vendored_from())
        } else {
            format!(
                "your catalog ({} {}) and the vendored one ({})",
                self.own.len(),
                if self.own.len() == 1 {
                    "addon"
                } else {
                    "addons"
                },
                vendored_from()
            )
        }
    }

    /// Where an addon of this catalog comes from, for messages: `your catalog (file.yaml)` or
    /// `the vendored catalog (kubedb/installer@…)`.
    #[must_use]
    pub fn origin(&self, addon: &Addon) -> String {
        if self.own.iter().any(|a| std::ptr::eq(a, addon)) {
            format!("your catalog ({})", addon.source)
        } else {
            let from = Installer::of(&addon.source).map_or_else(vendored_from, Installer::label);
            format!("the vendored catalog ({from})")
        }
    }
}

/// A problem in a catalog's manifest, at a place: `file:line:column: message` (1-based; the
/// column counts UTF-8 bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for CatalogError {}

/// An Addon manifest's catalog entry; `Err` with the offset and message of what is missing.
fn parse_addon(root: &Node, source: &str) -> Result<Addon, (usize, String)> {
    let metadata = root.get("metadata");
    let name = metadata
        .and_then(|m| m.str_at("name"))
        .filter(|n| !n.is_empty());
    let Some(name) = name else {
        let at = metadata.unwrap_or(root).span.start;
        return Err((at, "an Addon needs a `metadata.name`".to_owned()));
    };
    let spec = root.get("spec");
    Ok(Addon {
        name: name.to_owned(),
        source: source.to_owned(),
        backup_tasks: parse_tasks(spec, "backupTasks")?,
        restore_tasks: parse_tasks(spec, "restoreTasks")?,
    })
}

/// The entries of a list field that have a `name`, or the offset and message of where it is
/// not such a list.
fn named<'n>(
    node: Option<&'n Node>,
    what: &str,
) -> Result<Vec<(&'n Node, &'n str)>, (usize, String)> {
    let mut out = Vec::new();
    let Some(node) = node else { return Ok(out) };
    match &node.value {
        Value::Null => {}
        Value::Seq(items) => {
            for item in items {
                let Some(name) = item.str_at("name") else {
                    let message = format!("an entry of `{what}` needs a `name`");
                    return Err((item.span.start, message));
                };
                out.push((item, name));
            }
        }
        _ => return Err((node.span.start, format!("`{what}` is a list"))),
    }
    Ok(out)
}

fn parse_tasks(spec: Option<&Node>, key: &str) -> Result<Vec<Task>, (usize, String)> {
    let mut tasks = Vec::new();
    for (task, name) in named(spec.and_then(|s| s.get(key)), key)? {
        let mut parameters = Vec::new();
        for (p, name) in named(task.get("parameters"), "parameters")? {
            let usage = p.str_at("usage").unwrap_or_default();
            parameters.push(Parameter {
                name: name.to_owned(),
                usage: usage.to_owned(),
                required: p
                    .get("required")
                    .is_some_and(|r| r.value == Value::Bool(true)),
                default: p.str_at("default").map(str::to_owned),
                allowed: allowed_values(usage),
            });
        }
        let mut volume_templates = Vec::new();
        for volume in task.items_at("volumeTemplate") {
            if let Some(name) = volume.str_at("name") {
                volume_templates.push(name.to_owned());
            }
        }
        tasks.push(Task {
            name: name.to_owned(),
            function: task.str_at("function").unwrap_or_default().to_owned(),
            driver: task.str_at("driver").map(str::to_owned),
            parameters,
            volume_templates,
        });
    }
    Ok(tasks)
}

/// Values a usage text restricts a parameter to: "(can only be pg_dumpall or pg_dump)".
fn allowed_values(usage: &str) -> Vec<String> {
    const MARK: &str = "can only be ";
    let mut values = Vec::new();
    // A plain scan, not `str::find`: no substring searcher in the wasm build for this.
    let Some(at) = (0..usage.len()).find(|&i| usage.as_bytes()[i..].starts_with(MARK.as_bytes()))
    else {
        return values;
    };
    let rest = usage[at + MARK.len()..].trim_end_matches([')', '.']);
    for word in rest.split([',', ' ']) {
        let word = word.trim();
        if !word.is_empty() && word != "or" {
            values.push(word.to_owned());
        }
    }
    values
}

/// Every vendored addon, sorted by name.
#[must_use]
pub fn addons() -> &'static [Addon] {
    static CELL: OnceLock<Vec<Addon>> = OnceLock::new();
    CELL.get_or_init(|| {
        // Read by `source::json`, as the CRD data is (see `schema`): no serde deserializers in
        // the wasm builds.
        let data = crate::source::json::read(include_str!("../data/addons.json"));
        debug_assert!(data.is_some(), "vendored addon catalog reads");
        data.map_or_else(Vec::new, |root| {
            root.items().iter().map(Addon::from_vendored).collect()
        })
    })
}

/// The shapes of `data/addons.json` (what `Serialize` writes in `xtask vendor`).
impl Addon {
    fn from_vendored(node: &Node) -> Self {
        let tasks = |key| node.items_at(key).iter().map(Task::from_vendored).collect();
        Self {
            name: text_at(node, "name"),
            source: text_at(node, "source"),
            backup_tasks: tasks("backupTasks"),
            restore_tasks: tasks("restoreTasks"),
        }
    }
}

impl Task {
    fn from_vendored(node: &Node) -> Self {
        Self {
            name: text_at(node, "name"),
            function: text_at(node, "function"),
            driver: node.str_at("driver").map(str::to_owned),
            parameters: node
                .items_at("parameters")
                .iter()
                .map(Parameter::from_vendored)
                .collect(),
            volume_templates: texts_at(node, "volumeTemplates"),
        }
    }
}

impl Parameter {
    fn from_vendored(node: &Node) -> Self {
        Self {
            name: text_at(node, "name"),
            usage: text_at(node, "usage"),
            required: node
                .get("required")
                .is_some_and(|r| matches!(r.value, Value::Bool(true))),
            default: node.str_at("default").map(str::to_owned),
            allowed: texts_at(node, "allowed"),
        }
    }
}

fn text_at(node: &Node, key: &str) -> String {
    node.str_at(key).unwrap_or_default().to_owned()
}

fn texts_at(node: &Node, key: &str) -> Vec<String> {
    node.items_at(key)
        .iter()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect()
}

/// A vendored addon by name.
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

    const POSTGRES: &str =
        "# Source: kubedb-kubestash-catalog/templates/postgres/postgres-addon.yaml
apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata:
  name: 'postgres-addon'
spec:
  backupTasks:
  - driver: Restic
    function: postgres-backup
    name: logical-backup
    parameters:
    - name: compression
      usage: Compress the dump (can only be gzip or zstd)
      default: gzip
---
apiVersion: addons.kubestash.com/v1alpha1
kind: Function
metadata:
  name: postgres-backup
spec:
  image: example/postgres-backup
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-an-addon
";

    #[test]
    fn a_users_catalog_adds_and_replaces_addons_by_name() {
        let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: addons.kubestash.com/v1alpha1\n  kind: Addon\n  metadata: {name: new-addon}\n  spec:\n    restoreTasks: [{name: restore, function: f, volumeTemplate: [{name: tmp}]}]\n";
        let catalog =
            Catalog::from_manifests([("rendered.yaml", POSTGRES), ("list.yaml", list)]).unwrap();
        assert_eq!(
            catalog.own().iter().map(|a| &a.name).collect::<Vec<_>>(),
            ["postgres-addon", "new-addon"]
        );
        let postgres = catalog.addon("postgres-addon").unwrap();
        assert_eq!(postgres.source, "rendered.yaml");
        assert!(
            postgres
                .task(Direction::Backup, "physical-backup")
                .is_none()
        );
        let logical = postgres.task(Direction::Backup, "logical-backup").unwrap();
        assert_eq!(
            logical.parameter("compression").unwrap().allowed,
            ["gzip", "zstd"]
        );
        let new = catalog.addon("new-addon").unwrap();
        assert_eq!(new.restore_tasks[0].volume_templates, ["tmp"]);
        // The rest of the vendored catalog stays.
        assert!(catalog.addon("mysql-addon").is_some());
        assert_eq!(catalog.addons().len(), addons().len() + 1);
        assert_eq!(catalog.origin(postgres), "your catalog (rendered.yaml)");
        assert_eq!(
            Catalog::vendored().origin(addon("mysql-addon").unwrap()),
            "the vendored catalog (kubedb/installer@0c6e2459d95d of 2026-08-21)"
        );
        assert!(
            catalog
                .describe()
                .starts_with("your catalog (2 addons) and the vendored one")
        );
    }

    #[test]
    fn checks_use_the_catalog_of_their_options() {
        let backup = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata: {name: b, namespace: demo}
spec:
  target: {apiGroup: kubedb.com, kind: Postgres, name: pg, namespace: demo}
  backends: [{name: s3, storageRef: {name: s3, namespace: demo}, retentionPolicy: {name: r, namespace: demo}}]
  sessions:
  - name: daily
    scheduler: {schedule: '0 0 * * *'}
    repositories: [{name: r, backend: s3, directory: /pg, encryptionSecret: {name: e, namespace: demo}}]
    addon:
      name: postgres-addon
      tasks: [{name: logical-backup, params: {compression: zstd}}]
";
        let codes = |options: &crate::CheckOptions| -> Vec<&str> {
            crate::check_with(backup, options)
                .diagnostics
                .iter()
                .map(|d| d.rule.name)
                .collect()
        };
        let mut options = crate::CheckOptions::default();
        assert!(codes(&options).contains(&"unknown-param"));
        let catalog = Catalog::from_manifests([("pg.yaml", POSTGRES)]).unwrap();
        options.set_catalog(Some(std::sync::Arc::new(catalog)));
        assert!(!codes(&options).contains(&"unknown-param"));
    }

    #[test]
    fn broken_manifests_are_errors_with_their_place() {
        let errors = Catalog::from_manifests([
            ("a.yaml", "kind: Addon\nmetadata:\n  labels: {}\n"),
            (
                "b.yaml",
                "kind: Addon\nmetadata: {name: x}\nspec:\n  backupTasks:\n  - function: f\n",
            ),
            ("c.yaml", "kind: Addon\nmetadata:\n  name: [x\n"),
            (
                "chart.yaml",
                "{{ if .Values.featureGates.Postgres }}\nkind: Addon\n{{ end }}\n",
            ),
        ])
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown[0], "a.yaml:3:3: an Addon needs a `metadata.name`");
        assert_eq!(
            shown[1],
            "b.yaml:5:5: an entry of `backupTasks` needs a `name`"
        );
        assert!(shown[2].starts_with("c.yaml:4:1: "), "{shown:?}");
        assert!(shown[3].starts_with("chart.yaml:"), "{shown:?}");
        assert!(shown[3].ends_with("(a Helm template: render it with `helm template` first)"));
    }

    #[test]
    fn installers_name_the_upstream_manifests() {
        assert_eq!(
            Installer::upstream("shared/reference/addons/kubestash-raw/pvc/pvc-addon.yaml")
                .unwrap(),
            "https://github.com/kubestash/installer/blob/bc3770b035453a5b3480f9697b5b0ac58df2039f/catalog/raw/pvc/pvc-addon.yaml"
        );
        assert!(addons().iter().all(|a| Installer::of(&a.source).is_some()));
        assert_eq!(Installer::upstream("mine.yaml"), None);
    }
}
