//! The real CRD `openAPIV3Schema` of each kind (vendored by `cargo xtask vendor` into
//! `data/crds.json`, descriptions stripped, repeated subschemas stored once), parsed once and
//! lazily: the data layer 2 (`validate::structure`) walks and the editor JSON Schema
//! (`json_schema.rs`) is made from.

mod json_schema;

pub use json_schema::json_schema;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::diagnostic::{Path, Segment};
use crate::source::node::Node;

/// One node of a structural schema (only the keywords the KubeStash CRDs use).
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// In the vendored data: this node is shared subschema number `n` (see `xtask vendor`).
    reference: Option<usize>,
    pub kind: Option<String>,
    /// Shared, not copied: a subschema that several places use (ObjectMeta, a container) is
    /// one allocation, so resolving `$ref`s costs the size of the data, not of the tree.
    pub properties: BTreeMap<String, Arc<Schema>>,
    pub required: Vec<String>,
    pub additional: Option<Arc<Schema>>,
    pub items: Option<Arc<Schema>>,
    /// `enum`: the KubeStash CRDs list strings only (`xtask vendor` keeps it so).
    pub allowed: Vec<String>,
    pub minimum: Option<f64>,
    pub format: Option<String>,
    pub pattern: Option<String>,
    pub int_or_string: bool,
    pub preserve_unknown: bool,
    pub list_type: Option<String>,
    pub list_map_keys: Vec<String>,
    pub nullable: bool,
    /// Set once after loading: container resource requirements (`limits`, `requests`, `claims`).
    resource_requirements: bool,
}

impl Schema {
    /// A property of an object schema.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&Schema> {
        self.properties.get(name).map(|s| &**s)
    }

    /// The schema at a path below this one (through properties, map values and items).
    #[must_use]
    pub fn at(&self, path: &[Segment]) -> Option<&Schema> {
        let mut schema = self;
        for segment in path {
            schema = match segment {
                Segment::Key(key) => schema
                    .properties
                    .get(key)
                    .map(|s| &**s)
                    .or(schema.additional.as_deref())?,
                Segment::Index(_) => schema.items.as_deref()?,
            };
        }
        Some(schema)
    }

    /// Container resource requirements (`limits`, `requests`, `claims`).
    #[must_use]
    pub fn is_resource_requirements(&self) -> bool {
        self.resource_requirements
    }

    /// Precompute what the walker asks of every node.
    fn prepare(&mut self) {
        self.resource_requirements = ["limits", "requests", "claims"]
            .iter()
            .all(|k| self.properties.contains_key(*k));
        // A shared subschema was prepared before it was shared.
        let children = self.properties.values_mut().chain(
            [&mut self.additional, &mut self.items]
                .into_iter()
                .flatten(),
        );
        for child in children {
            if let Some(child) = Arc::get_mut(child) {
                child.prepare();
            }
        }
    }
}

/// The vendored CRD of one kind.
#[derive(Debug)]
pub struct Crd {
    pub kind: String,
    pub api_version: String,
    pub source: String,
    pub schema: Schema,
}

/// `data/crds.json`: the CRDs of every kind, repeated subschemas stored once.
struct Bundle {
    defs: Vec<Schema>,
    kinds: Vec<Crd>,
}

const CRDS_JSON: &str = include_str!("../../data/crds.json");

// The vendored JSON is read by `source::json`, not serde_json's derived deserializers: those
// cost the page about 70 KB of code.
// Keys the walker does not use (`readOnly`, `anyOf`, ...) are skipped, as serde would.
impl Bundle {
    fn from_node(node: &Node) -> Self {
        Self {
            defs: node
                .items_at("defs")
                .iter()
                .map(Schema::from_node)
                .collect(),
            kinds: node.items_at("kinds").iter().map(Crd::from_node).collect(),
        }
    }
}

impl Crd {
    fn from_node(node: &Node) -> Self {
        let text = |key| node.str_at(key).unwrap_or_default().to_owned();
        Self {
            kind: text("kind"),
            api_version: text("apiVersion"),
            source: text("source"),
            schema: node
                .get("schema")
                .map(Schema::from_node)
                .unwrap_or_default(),
        }
    }
}

impl Schema {
    fn from_node(node: &Node) -> Self {
        use crate::source::node::Value;
        let text = |value: &Node| value.as_str().map(str::to_owned);
        let texts = |value: &Node| value.items().iter().filter_map(text).collect();
        let flag = |value: &Node| matches!(value.value, Value::Bool(true));
        let shared = |value: &Node| Some(Arc::new(Schema::from_node(value)));
        let mut schema = Schema::default();
        for (key, value) in node.entries() {
            match key.name.as_str() {
                "$ref" => {
                    schema.reference = match value.value {
                        Value::Int(i) => usize::try_from(i).ok(),
                        _ => None,
                    };
                }
                "type" => schema.kind = text(value),
                "properties" => {
                    // Inserted one by one: `collect` would sort first, another copy of the sort.
                    for (name, property) in value.entries() {
                        let property = Arc::new(Schema::from_node(property));
                        schema.properties.insert(name.name.clone(), property);
                    }
                }
                "required" => schema.required = texts(value),
                "additionalProperties" => schema.additional = shared(value),
                "items" => schema.items = shared(value),
                "enum" => schema.allowed = texts(value),
                "minimum" => {
                    schema.minimum = match value.value {
                        #[expect(
                            clippy::cast_precision_loss,
                            reason = "a CRD minimum is a small integer"
                        )]
                        Value::Int(i) => Some(i as f64),
                        Value::Float(f) => Some(f),
                        _ => None,
                    };
                }
                "format" => schema.format = text(value),
                "pattern" => schema.pattern = text(value),
                "x-kubernetes-int-or-string" => schema.int_or_string = flag(value),
                "x-kubernetes-preserve-unknown-fields" => schema.preserve_unknown = flag(value),
                "x-kubernetes-list-type" => schema.list_type = text(value),
                "x-kubernetes-list-map-keys" => schema.list_map_keys = texts(value),
                "nullable" => schema.nullable = flag(value),
                _ => {}
            }
        }
        schema
    }
}

impl Schema {
    /// Replace `$ref` nodes by the (already resolved) shared subschemas.
    fn resolve(&mut self, defs: &[Arc<Schema>]) {
        let children = self.properties.values_mut().chain(
            [&mut self.additional, &mut self.items]
                .into_iter()
                .flatten(),
        );
        for child in children {
            match child.reference.and_then(|i| defs.get(i)) {
                Some(def) => *child = Arc::clone(def),
                None => {
                    if let Some(child) = Arc::get_mut(child) {
                        child.resolve(defs);
                    }
                }
            }
        }
    }
}

fn crds() -> &'static [Crd] {
    static CELL: OnceLock<Vec<Crd>> = OnceLock::new();
    CELL.get_or_init(|| {
        let data = crate::source::json::read(CRDS_JSON);
        debug_assert!(data.is_some(), "vendored CRD data reads");
        let mut bundle = data.as_ref().map_or(
            Bundle {
                defs: Vec::new(),
                kinds: Vec::new(),
            },
            Bundle::from_node,
        );
        // A def refers only to earlier defs: resolve them in order, each then shared.
        let mut defs: Vec<Arc<Schema>> = Vec::with_capacity(bundle.defs.len());
        for mut def in std::mem::take(&mut bundle.defs) {
            if let Some(same) = def.reference.and_then(|i| defs.get(i)) {
                let same = Arc::clone(same);
                defs.push(same);
                continue;
            }
            def.resolve(&defs);
            def.prepare();
            defs.push(Arc::new(def));
        }
        for crd in &mut bundle.kinds {
            if let Some(def) = crd.schema.reference.and_then(|i| defs.get(i)) {
                crd.schema = Schema::clone(def);
                continue;
            }
            crd.schema.resolve(&defs);
            crd.schema.prepare();
        }
        bundle.kinds
    })
}

/// The kinds users write that stashform validates (and makes editor schemas of).
pub const KINDS: &[&str] = &[
    "BackupConfiguration",
    "RestoreSession",
    "BackupStorage",
    "RetentionPolicy",
    "BackupBlueprint",
    "HookTemplate",
];

/// The kinds the operator creates (`kubectl get -o yaml` output pasted into a file): checked
/// against their CRDs like every other kind, status and server-set metadata included.
pub const OPERATOR_KINDS: &[&str] = &["BackupSession", "Repository", "Snapshot"];

/// Kinds a KubeStash group serves whose CRD is not in the reference data (so not vendored):
/// recognised, and judged only by what is certain without a schema (the apiVersion, the
/// object's name and namespace). BackupVerifier's webhook is not registered upstream either.
pub const SCHEMALESS_KINDS: &[(&str, &[&str])] = &[(
    "core.kubestash.com",
    &["BackupVerifier", "BackupVerificationSession"],
)];

/// Whether `kind` is served in `group` without a vendored CRD (see [`SCHEMALESS_KINDS`]).
#[must_use]
pub fn is_schemaless(group: &str, kind: &str) -> bool {
    SCHEMALESS_KINDS
        .iter()
        .any(|(g, kinds)| *g == group && kinds.contains(&kind))
}

/// Every kind the KubeStash API groups serve, by group: the CRDs of kubestash/apimachinery
/// `crds/` (BackupVerifier and BackupVerificationSession are served too, though their CRDs
/// are not in the reference data). A kind not listed for its group does not exist there.
pub const KUBESTASH_KINDS: &[(&str, &[&str])] = &[
    (
        "core.kubestash.com",
        &[
            "BackupBlueprint",
            "BackupConfiguration",
            "BackupSession",
            "BackupVerificationSession",
            "BackupVerifier",
            "HookTemplate",
            "RestoreSession",
        ],
    ),
    (
        "storage.kubestash.com",
        &["BackupStorage", "Repository", "RetentionPolicy", "Snapshot"],
    ),
    ("addons.kubestash.com", &["Addon", "Function"]),
];

/// The kinds of a KubeStash API group (`core.kubestash.com`), or `None` for any other group.
#[must_use]
pub fn kubestash_group_kinds(group: &str) -> Option<&'static [&'static str]> {
    KUBESTASH_KINDS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, kinds)| *kinds)
}

/// The CRD of a kind, if stashform knows it.
#[must_use]
pub fn crd(kind: &str) -> Option<&'static Crd> {
    crds().iter().find(|crd| crd.kind == kind)
}

/// The core `v1 Secret` (k8s.io/api `core/v1/types.go`), as a schema of the fields a user
/// writes: `data` (base64 strings) and `stringData` (strings) by key, `immutable`, `type`.
/// Not a CRD: the API server decodes it into its Go type with strict field validation, so
/// the structure walker judges it like a CRD kind; `validate::secret` adds what
/// `ValidateSecret` checks. A value of a key may be null (Go decodes it to an empty value,
/// the key stays). Built on each call: a dozen small allocations per Secret, where a
/// `OnceLock` of its own would cost the page about 1 KB of code.
#[must_use]
pub fn secret() -> Crd {
    let of = |kind: &str| Schema {
        kind: Some(kind.to_owned()),
        ..Schema::default()
    };
    let by_key = || {
        let mut value = of("string");
        value.nullable = true;
        let mut map = of("object");
        map.additional = Some(Arc::new(value));
        Arc::new(map)
    };
    let mut schema = of("object");
    for (name, property) in [
        ("apiVersion", Arc::new(of("string"))),
        ("kind", Arc::new(of("string"))),
        ("metadata", Arc::new(of("object"))),
        ("data", by_key()),
        ("stringData", by_key()),
        ("immutable", Arc::new(of("boolean"))),
        ("type", Arc::new(of("string"))),
    ] {
        schema.properties.insert(name.to_owned(), property);
    }
    Crd {
        kind: "Secret".to_owned(),
        api_version: "v1".to_owned(),
        source: "k8s.io/api core/v1 Secret".to_owned(),
        schema,
    }
}

/// The values the CRD of `kind` allows at `path` (its `enum`), in the CRD's order; empty when
/// the field is free or unknown. Forms offer these, so that no face repeats the CRD.
///
/// ```
/// let path = stashform::Path::parse("spec.sessions[0].repositories[0].deletionPolicy").unwrap();
/// assert_eq!(stashform::schema::allowed_values("BackupConfiguration", &path), ["Delete", "WipeOut", "Retain"]);
/// ```
#[must_use]
pub fn allowed_values(kind: &str, path: &Path) -> Vec<String> {
    crd(kind)
        .and_then(|crd| crd.schema.at(&path.0))
        .map(|schema| schema.allowed.clone())
        .unwrap_or_default()
}

/// Whether the CRD of `kind` requires the key at `path` in its parent object (`jobTemplate` in
/// a session's `scheduler`): a form that clears a field must not remove such a parent with it.
///
/// ```
/// let path = stashform::Path::parse("spec.sessions[0].scheduler.jobTemplate").unwrap();
/// assert!(stashform::schema::is_required("BackupConfiguration", &path));
/// ```
#[must_use]
pub fn is_required(kind: &str, path: &Path) -> bool {
    let Some((Segment::Key(key), parent)) = path.0.split_last() else {
        return false;
    };
    crd(kind)
        .and_then(|crd| crd.schema.at(parent))
        .is_some_and(|schema| schema.required.iter().any(|r| r == key))
}

/// "did you mean …?" for a misspelled key or value.
#[must_use]
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, &mut candidates.into_iter()).map(|(c, _)| format!("did you mean `{c}`?"))
}

/// The candidate closest to a misspelled `word` (case aside) when one is close enough for a
/// "did you mean", and whether it is certain enough to be written by a fix: no other candidate
/// as close, and at most one edit per five characters away (`memroy` is `memory`, but
/// `s3-backend` is not `gcs-backend`). Of equally close ones, the first alphabetically.
#[must_use]
pub fn closest<'a>(
    word: &str,
    candidates: &mut dyn Iterator<Item = &'a str>,
) -> Option<(&'a str, bool)> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str, bool)> = None;
    for candidate in candidates {
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_ascii_lowercase());
        if distance > (candidate.len() / 3).max(1) + 1 {
            continue;
        }
        best = match best {
            Some((d, c, unique)) if d < distance || c == candidate => Some((d, c, unique)),
            Some((d, c, _)) if d == distance => Some((d, c.min(candidate), false)),
            _ => Some((distance, candidate, true)),
        };
    }
    best.map(|(distance, candidate, unique)| {
        (
            candidate,
            unique && distance <= (candidate.len() / 5).max(1),
        )
    })
}

/// The kind a user means: `BackupConfiguration`, `backupconfiguration`, `backup`, `bc`, ...
/// (the kinds users write: [`KINDS`]).
#[must_use]
pub fn resolve_kind(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let kind = match lower.as_str() {
        "backupconfiguration" | "backup" | "bc" => "BackupConfiguration",
        "restoresession" | "restore" => "RestoreSession",
        "backupstorage" | "storage" => "BackupStorage",
        "retentionpolicy" | "retention" => "RetentionPolicy",
        "backupblueprint" | "blueprint" => "BackupBlueprint",
        "hooktemplate" | "hook" => "HookTemplate",
        _ => return None,
    };
    Some(kind)
}
