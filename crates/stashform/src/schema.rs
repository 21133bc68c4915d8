//! Layer 2, structure: the real CRD `openAPIV3Schema` of each kind (vendored by
//! `cargo xtask vendor`, descriptions stripped) applied as the API server applies it with
//! strict field validation. Also the Go-decoding checks that follow from the schema itself:
//! integer ranges of `format: int32/int64`, `date-time`, and resource quantities.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Anchor, Diagnostic, Path, Segment};
use crate::registry::{self, Rule};
use crate::source::node::{Node, Value};
use crate::values::{quantity, time};

/// One node of a structural schema (only the keywords the KubeStash CRDs use).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Schema {
    /// In the vendored data: this node is shared subschema number `n` (see `xtask vendor`).
    #[serde(rename = "$ref")]
    reference: Option<usize>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, Schema>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(rename = "additionalProperties")]
    pub additional: Option<Box<Schema>>,
    pub items: Option<Box<Schema>>,
    #[serde(rename = "enum", default)]
    pub allowed: Vec<serde_json::Value>,
    pub minimum: Option<f64>,
    pub format: Option<String>,
    pub pattern: Option<String>,
    #[serde(rename = "x-kubernetes-int-or-string", default)]
    pub int_or_string: bool,
    #[serde(rename = "x-kubernetes-preserve-unknown-fields", default)]
    pub preserve_unknown: bool,
    #[serde(rename = "x-kubernetes-list-type")]
    pub list_type: Option<String>,
    #[serde(rename = "x-kubernetes-list-map-keys", default)]
    pub list_map_keys: Vec<String>,
    #[serde(default)]
    pub nullable: bool,
    /// Set once after loading: container resource requirements (`limits`, `requests`, `claims`).
    #[serde(skip)]
    resource_requirements: bool,
}

impl Schema {
    /// A property of an object schema.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&Schema> {
        self.properties.get(name)
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
        self.properties.values_mut().for_each(Schema::prepare);
        for child in [&mut self.additional, &mut self.items]
            .into_iter()
            .flatten()
        {
            child.prepare();
        }
    }
}

/// The vendored CRD of one kind.
#[derive(Debug, Deserialize)]
pub struct Crd {
    pub kind: String,
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    pub source: String,
    pub schema: Schema,
}

/// `data/crds.json`: the CRDs of every kind, repeated subschemas stored once.
#[derive(Deserialize)]
struct Bundle {
    defs: Vec<Schema>,
    kinds: Vec<Crd>,
}

const CRDS_JSON: &str = include_str!("../data/crds.json");

impl Schema {
    /// Replace `$ref` nodes by the (already resolved) shared subschemas.
    fn resolve(&mut self, defs: &[Schema]) {
        if let Some(index) = self.reference {
            if let Some(def) = defs.get(index) {
                *self = def.clone();
            }
            return;
        }
        self.properties.values_mut().for_each(|p| p.resolve(defs));
        for child in [&mut self.additional, &mut self.items]
            .into_iter()
            .flatten()
        {
            child.resolve(defs);
        }
    }
}

fn crds() -> &'static [Crd] {
    static CELL: OnceLock<Vec<Crd>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut bundle: Bundle =
            serde_json::from_str(CRDS_JSON).expect("vendored CRD data is valid (checked by tests)");
        // A def refers only to earlier defs: resolve them in order.
        for i in 0..bundle.defs.len() {
            let (done, rest) = bundle.defs.split_at_mut(i);
            rest[0].resolve(done);
        }
        for crd in &mut bundle.kinds {
            crd.schema.resolve(&bundle.defs);
            crd.schema.prepare();
        }
        bundle.kinds
    })
}

/// The kinds stashform validates.
pub const KINDS: &[&str] = &[
    "BackupConfiguration",
    "RestoreSession",
    "BackupStorage",
    "RetentionPolicy",
];

/// The CRD of a kind, if stashform knows it.
#[must_use]
pub fn crd(kind: &str) -> Option<&'static Crd> {
    crds().iter().find(|crd| crd.kind == kind)
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
        .map(|schema| {
            schema
                .allowed
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The fields of `metadata` (ObjectMeta) the API server accepts.
const OBJECT_META_FIELDS: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

/// Walks a document against its CRD schema, collecting diagnostics.
/// A step of the walker's current path; borrowed from the document so walking allocates nothing.
enum Step<'n> {
    Key(&'n str),
    Index(usize),
    Owned(String),
}

pub struct Walker<'a, 'n> {
    path: Vec<Step<'n>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Called for every object whose schema is container resource requirements.
    pub on_resources: &'a mut dyn FnMut(&Node, &Path, &mut Vec<Diagnostic>),
}

impl<'a, 'n> Walker<'a, 'n> {
    pub fn new(on_resources: &'a mut dyn FnMut(&Node, &Path, &mut Vec<Diagnostic>)) -> Self {
        Self {
            path: Vec::new(),
            diagnostics: Vec::new(),
            on_resources,
        }
    }

    fn path(&self) -> Path {
        Path(
            self.path
                .iter()
                .map(|step| match step {
                    Step::Key(key) => Segment::Key((*key).to_owned()),
                    Step::Index(index) => Segment::Index(*index),
                    Step::Owned(key) => Segment::Key(key.clone()),
                })
                .collect(),
        )
    }

    fn report(&mut self, rule: &'static Rule, anchor: Anchor, message: String) -> &mut Diagnostic {
        let diagnostic = Diagnostic::new(rule, self.path(), message).anchor(anchor);
        self.diagnostics.push(diagnostic);
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Validate a whole document (`apiVersion`, `kind`, `metadata`, `spec`, ...).
    pub fn document(&mut self, root: &'n Node, crd: &Crd) {
        for (key, value) in root.entries() {
            if key.name == "metadata" {
                self.path.push(Step::Key(&key.name));
                self.metadata(value);
                self.path.pop();
            }
        }
        self.node(root, &crd.schema);
    }

    fn metadata(&mut self, node: &'n Node) {
        if !matches!(node.value, Value::Map(_) | Value::Null) {
            self.report(
                &registry::WRONG_TYPE,
                Anchor::Value,
                format!("must be of type object (found {})", node.type_name()),
            );
            return;
        }
        for (key, value) in node.entries() {
            self.path.push(Step::Key(&key.name));
            if !OBJECT_META_FIELDS.contains(&key.name.as_str()) {
                let help = suggest(&key.name, OBJECT_META_FIELDS.iter().copied());
                let message = format!("unknown field `{}`", key.name);
                let d = self.report(&registry::UNKNOWN_FIELD, Anchor::Key, message);
                d.help = help;
            } else if matches!(key.name.as_str(), "labels" | "annotations") {
                self.string_map(value);
            } else if matches!(key.name.as_str(), "name" | "namespace" | "generateName")
                && !matches!(value.value, Value::Str(_) | Value::Null)
            {
                let message = format!("must be of type string (found {})", value.type_name());
                self.report(&registry::WRONG_TYPE, Anchor::Value, message);
            }
            self.path.pop();
        }
    }

    fn string_map(&mut self, node: &'n Node) {
        if !matches!(node.value, Value::Map(_) | Value::Null) {
            let message = format!("must be of type object (found {})", node.type_name());
            self.report(&registry::WRONG_TYPE, Anchor::Value, message);
            return;
        }
        for (key, value) in node.entries() {
            if !matches!(value.value, Value::Str(_)) {
                self.path.push(Step::Key(&key.name));
                let message = format!("must be of type string (found {})", value.type_name());
                let help = quote_help(value);
                let d = self.report(&registry::WRONG_TYPE, Anchor::Value, message);
                d.help = help;
                self.path.pop();
            }
        }
    }

    /// Validate one node against its schema.
    pub fn node(&mut self, node: &'n Node, schema: &Schema) {
        if node.is_null() {
            if !schema.nullable {
                self.report(
                    &registry::NULL_VALUE,
                    Anchor::Value,
                    "null value is dropped by the API server".to_owned(),
                )
                .help = Some("give the field a value or remove it".to_owned());
            }
            return;
        }
        if !self.type_matches(node, schema) {
            return;
        }
        if !schema.allowed.is_empty() {
            let json = node.to_json();
            if !schema.allowed.contains(&json) {
                let supported: Vec<String> =
                    schema.allowed.iter().map(ToString::to_string).collect();
                let message = format!(
                    "unsupported value {json}: supported values: {}",
                    supported.join(", ")
                );
                let strings: Vec<&str> = schema.allowed.iter().filter_map(|v| v.as_str()).collect();
                let help = node
                    .as_str()
                    .and_then(|s| suggest(s, strings.iter().copied()));
                self.report(&registry::NOT_IN_ENUM, Anchor::Value, message)
                    .help = help;
            }
        }
        match &node.value {
            Value::Map(entries) => self.object(node, entries, schema),
            Value::Seq(items) => self.array(items, schema),
            Value::Int(_) | Value::Float(_) => self.number(node, schema),
            Value::Str(text) => self.string(text, schema),
            Value::Null | Value::Bool(_) => {}
        }
    }

    fn type_matches(&mut self, node: &Node, schema: &Schema) -> bool {
        let found = node.type_name();
        if schema.int_or_string {
            if matches!(found, "integer" | "string") {
                return true;
            }
            let help = if found == "number" {
                Some(format!("quote it: \"{}\"", node.scalar_text()))
            } else {
                None
            };
            let message = format!("must be of type integer or string (found {found})");
            self.report(&registry::WRONG_TYPE, Anchor::Value, message)
                .help = help;
            return false;
        }
        let Some(expected) = schema.kind.as_deref() else {
            return true;
        };
        let ok = match expected {
            "number" => matches!(found, "integer" | "number"),
            other => other == found,
        };
        if !ok {
            let message = format!("must be of type {expected} (found {found})");
            let help = if expected == "string" {
                quote_help(node)
            } else {
                None
            };
            self.report(&registry::WRONG_TYPE, Anchor::Value, message)
                .help = help;
        }
        ok
    }

    fn object(
        &mut self,
        node: &'n Node,
        entries: &'n [(crate::source::node::Key, Node)],
        schema: &Schema,
    ) {
        for (key, value) in entries {
            if self.path.is_empty() && key.name == "metadata" {
                // ObjectMeta: checked by `metadata`, the CRD only says `type: object`.
                continue;
            }
            self.path.push(Step::Key(&key.name));
            if let Some(property) = schema.properties.get(&key.name) {
                self.node(value, property);
            } else if let Some(additional) = &schema.additional {
                self.node(value, additional);
            } else if !schema.preserve_unknown {
                let message = format!("unknown field `{}`", key.name);
                let help = unknown_field_help(&key.name, schema);
                self.report(&registry::UNKNOWN_FIELD, Anchor::Key, message)
                    .help = help;
            }
            self.path.pop();
        }
        for required in &schema.required {
            let present = entries
                .iter()
                .any(|(k, v)| &k.name == required && !v.is_null());
            if !present {
                self.path.push(Step::Owned(required.clone()));
                let message = format!("`{required}` is required");
                self.report(&registry::MISSING_REQUIRED, Anchor::Missing, message)
                    .upstream = Some("Required value".to_owned());
                self.path.pop();
            }
        }
        if schema.is_resource_requirements() {
            let path = self.path();
            (self.on_resources)(node, &path, &mut self.diagnostics);
        }
    }

    fn array(&mut self, items: &'n [Node], schema: &Schema) {
        if let Some(item_schema) = &schema.items {
            for (index, item) in items.iter().enumerate() {
                self.path.push(Step::Index(index));
                self.node(item, item_schema);
                self.path.pop();
            }
        }
        match schema.list_type.as_deref() {
            Some("map") if !schema.list_map_keys.is_empty() => {
                let mut seen = HashSet::new();
                for (index, item) in items.iter().enumerate() {
                    let key: Vec<String> = schema
                        .list_map_keys
                        .iter()
                        .map(|k| {
                            item.get(k)
                                .map(|v| v.to_json().to_string())
                                .unwrap_or_default()
                        })
                        .collect();
                    if !seen.insert(key.clone()) {
                        self.path.push(Step::Index(index));
                        let message = format!(
                            "duplicate entry with {}",
                            schema
                                .list_map_keys
                                .iter()
                                .zip(&key)
                                .map(|(k, v)| format!("{k}={v}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                        self.report(&registry::DUPLICATE_ITEM, Anchor::Value, message);
                        self.path.pop();
                    }
                }
            }
            Some("set") => {
                let mut seen = HashSet::new();
                for (index, item) in items.iter().enumerate() {
                    let key = item.to_json().to_string();
                    if !seen.insert(key.clone()) {
                        self.path.push(Step::Index(index));
                        let message = format!("duplicate value {key}");
                        self.report(&registry::DUPLICATE_ITEM, Anchor::Value, message);
                        self.path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    fn number(&mut self, node: &Node, schema: &Schema) {
        let value = match node.value {
            Value::Int(i) => i,
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e30 => f as i128,
            _ => return,
        };
        let (min, max) = match schema.format.as_deref() {
            Some("int32") => (i128::from(i32::MIN), i128::from(i32::MAX)),
            _ => (i128::from(i64::MIN), i128::from(i64::MAX)),
        };
        if schema.kind.as_deref() == Some("integer") || schema.int_or_string {
            let bits = if schema.format.as_deref() == Some("int32") {
                32
            } else {
                64
            };
            if value < min || value > max {
                let message = format!("{value} does not fit in a {bits}-bit integer");
                self.report(&registry::INTEGER_OUT_OF_RANGE, Anchor::Value, message);
                return;
            }
        }
        if let Some(minimum) = schema.minimum {
            #[allow(clippy::cast_precision_loss)]
            if (value as f64) < minimum {
                #[allow(clippy::cast_possible_truncation)]
                let message = format!("must be greater than or equal to {}", minimum as i64);
                self.report(&registry::BELOW_MINIMUM, Anchor::Value, message);
            }
        }
    }

    fn string(&mut self, text: &str, schema: &Schema) {
        if let Some(pattern) = &schema.pattern
            && pattern == quantity::CRD_QUANTITY_PATTERN
        {
            if !quantity::matches_crd_pattern(text) {
                let message = format!("`{text}` is not a resource quantity");
                let help = quantity_help(text);
                self.report(&registry::PATTERN_MISMATCH, Anchor::Value, message)
                    .help = help;
            } else if let Err(error) = quantity::parse_quantity(text) {
                let message = format!("`{text}` is not a resource quantity");
                let d = self.report(&registry::INVALID_QUANTITY, Anchor::Value, message);
                d.upstream = Some(error.message().to_owned());
                d.help = quantity_help(text);
            }
        }
        if schema.format.as_deref() == Some("date-time")
            && let Err(error) = time::parse_rfc3339(text)
        {
            let message = format!("`{text}` is not an RFC 3339 time");
            let d = self.report(&registry::INVALID_DATE_TIME, Anchor::Value, message);
            d.upstream = Some(error);
            d.help = Some("use RFC 3339, e.g. \"2026-01-02T03:04:05Z\"".to_owned());
        }
    }
}

/// "did you mean …?" for a misspelled key or value.
#[must_use]
pub fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(1) + 1)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

fn unknown_field_help(name: &str, schema: &Schema) -> Option<String> {
    // A field written one level too high (`schedule` directly under a session) beats a
    // spelling guess, which would suggest the parent key itself.
    let misplaced = schema
        .properties
        .iter()
        .find(|(_, child)| {
            child.properties.contains_key(name)
                || child
                    .items
                    .as_ref()
                    .is_some_and(|i| i.properties.contains_key(name))
        })
        .map(|(parent, _)| format!("`{name}` belongs under `{parent}`: `{parent}.{name}`"));
    misplaced.or_else(|| suggest(name, schema.properties.keys().map(String::as_str)))
}

fn quote_help(node: &Node) -> Option<String> {
    match node.value {
        Value::Int(_) | Value::Float(_) => Some(format!(
            "quote it to make it a string: \"{}\"",
            node.scalar_text()
        )),
        // `yes`, `on`, `y` are booleans to Kubernetes' YAML reader; echo nothing converted.
        Value::Bool(_) => Some("quote the value to keep it a string (yes, no, on, off, y and n are booleans in Kubernetes YAML)".to_owned()),
        _ => None,
    }
}

fn quantity_help(text: &str) -> Option<String> {
    let fixes = [
        ("GB", "G"),
        ("MB", "M"),
        ("KB", "k"),
        ("Gb", "G"),
        ("Mb", "M"),
        ("gi", "Gi"),
        ("mi", "Mi"),
        ("ki", "Ki"),
        ("K", "k"),
        ("g", "G"),
    ];
    let trimmed = text.trim();
    for (wrong, right) in fixes {
        if let Some(number) = trimmed.strip_suffix(wrong) {
            let number = number.trim();
            let candidate = format!("{number}{right}");
            if quantity::matches_crd_pattern(&candidate) {
                // `1GB` may mean 10^9 (`1G`) or 2^30 (`1Gi`, what people usually want).
                let binary = match right {
                    "G" | "M" => Some(format!("{number}{right}i")),
                    "k" => Some(format!("{number}Ki")),
                    _ => None,
                };
                return Some(match binary {
                    Some(binary) => {
                        format!("did you mean `{binary}` (binary) or `{candidate}` (decimal)?")
                    }
                    None => format!("did you mean `{candidate}`?"),
                });
            }
        }
    }
    Some("use a number with an optional suffix: 500m, 1, 256Mi, 1Gi".to_owned())
}

/// ObjectMeta for editors: the API server checks it itself, the CRD only says `type: object`.
const OBJECT_META_SCHEMA: &str = r#"{"type":"object","properties":{
  "name":{"type":"string","maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},
  "namespace":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
  "labels":{"type":"object","additionalProperties":{"type":"string"}},
  "annotations":{"type":"object","additionalProperties":{"type":"string"}}}}"#;

/// The kind a user means: `BackupConfiguration`, `backupconfiguration`, `backup`, `bc`, ...
#[must_use]
pub fn resolve_kind(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let kind = match lower.as_str() {
        "backupconfiguration" | "backup" | "bc" => "BackupConfiguration",
        "restoresession" | "restore" => "RestoreSession",
        "backupstorage" | "storage" => "BackupStorage",
        "retentionpolicy" | "retention" => "RetentionPolicy",
        _ => return None,
    };
    Some(kind)
}

/// A JSON Schema (draft-07) of a kind for editors (yaml-language-server): the CRD schema with
/// `additionalProperties: false` wherever the API server would reject unknown fields, and
/// `apiVersion`/`kind` pinned.
#[must_use]
pub fn json_schema(kind: &str) -> Option<serde_json::Value> {
    use serde_json::{Value as J, json};
    let kind = resolve_kind(kind).or_else(|| KINDS.iter().copied().find(|k| *k == kind))?;
    let bundle: J = serde_json::from_str(CRDS_JSON).ok()?;
    let crd = bundle["kinds"]
        .as_array()?
        .iter()
        .find(|c| c["kind"] == kind)?
        .clone();
    fn expand(node: &mut J, defs: &[J]) {
        match node {
            J::Object(map) => {
                if let Some(index) = map.get("$ref").and_then(J::as_u64) {
                    let mut def = usize::try_from(index)
                        .ok()
                        .and_then(|i| defs.get(i))
                        .cloned()
                        .unwrap_or(J::Null);
                    expand(&mut def, defs);
                    *node = def;
                } else {
                    map.values_mut().for_each(|v| expand(v, defs));
                }
            }
            J::Array(items) => items.iter_mut().for_each(|v| expand(v, defs)),
            _ => {}
        }
    }
    let defs = bundle["defs"].as_array()?.clone();
    let mut schema = crd["schema"].clone();
    expand(&mut schema, &defs);
    fn strict(node: &mut J) {
        let J::Object(map) = node else { return };
        let has_properties = map
            .get("properties")
            .is_some_and(|p| p.as_object().is_some_and(|p| !p.is_empty()));
        let open = map.contains_key("additionalProperties")
            || map.get("x-kubernetes-preserve-unknown-fields") == Some(&J::Bool(true));
        if has_properties && !open {
            map.insert("additionalProperties".to_owned(), J::Bool(false));
        }
        for (key, child) in map.iter_mut() {
            match key.as_str() {
                "properties" => {
                    if let J::Object(props) = child {
                        props.values_mut().for_each(strict);
                    }
                }
                "items" | "additionalProperties" => strict(child),
                "anyOf" | "allOf" => {
                    if let J::Array(list) = child {
                        list.iter_mut().for_each(strict);
                    }
                }
                _ => {}
            }
        }
    }
    strict(&mut schema);
    let api_version = crd["apiVersion"].clone();
    schema["properties"]["apiVersion"] = json!({"const": api_version});
    schema["properties"]["kind"] = json!({"const": kind});
    schema["properties"]["metadata"] = serde_json::from_str(OBJECT_META_SCHEMA).unwrap_or_default();
    schema["required"] = json!(["apiVersion", "kind", "metadata", "spec"]);
    if let J::Object(map) = &mut schema {
        map.remove("additionalProperties");
        map.insert(
            "$schema".to_owned(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        map.insert(
            "title".to_owned(),
            json!(format!("KubeStash {kind} ({api_version})")),
        );
        map.insert(
            "description".to_owned(),
            json!(format!(
                "Generated by stashform from {}",
                crd["source"].as_str().unwrap_or_default()
            )),
        );
    }
    Some(schema)
}
