//! Layer 2, structure: the real CRD schema of each kind (`crate::schema`) applied as the API
//! server applies it with strict field validation. Also the Go-decoding checks that follow
//! from the schema itself: integer ranges of `format: int32/int64`, `date-time`, and resource
//! quantities.

use std::collections::HashSet;

use crate::diagnostic::{Anchor, Correct, Diagnostic, Fix, Path, Segment};
use crate::registry::{self, Rule};
use crate::schema::{Crd, Schema};
use crate::source::node::{Node, Value};
use crate::values::{quantity, time};

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

    /// The key the walker stands at (the resource of a quantity: `cpu`, `memory`).
    fn last_key(&self) -> Option<String> {
        match self.path.last()? {
            Step::Key(key) => Some((*key).to_owned()),
            Step::Owned(key) => Some(key.clone()),
            Step::Index(_) => None,
        }
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
                let message = format!("unknown field `{}`", key.name);
                self.report(&registry::UNKNOWN_FIELD, Anchor::Key, message)
                    .did_you_mean(&key.name, OBJECT_META_FIELDS.iter().copied(), Correct::Key);
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
                quote(
                    value,
                    self.report(&registry::WRONG_TYPE, Anchor::Value, message),
                );
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
        if !schema.allowed.is_empty()
            && !node
                .as_str()
                .is_some_and(|s| schema.allowed.iter().any(|a| a == s))
        {
            // Quoted as JSON, the way the API server prints values.
            let supported: Vec<String> = schema
                .allowed
                .iter()
                .map(|a| stashform_yaml::node::json_string(a))
                .collect();
            let message = format!(
                "unsupported value {}: supported values: {}",
                node.json_text(),
                supported.join(", ")
            );
            let d = self.report(&registry::NOT_IN_ENUM, Anchor::Value, message);
            if let Some(text) = node.as_str() {
                let strings = schema.allowed.iter().map(String::as_str);
                d.did_you_mean(text, strings, Correct::Value);
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
            let message = format!("must be of type integer or string (found {found})");
            let d = self.report(&registry::WRONG_TYPE, Anchor::Value, message);
            if found == "number" {
                d.help = Some(format!("quote it: \"{}\"", node.scalar_text()));
                d.quote_as_written();
            }
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
            let d = self.report(&registry::WRONG_TYPE, Anchor::Value, message);
            if expected == "string" {
                quote(node, d);
            }
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
                let d = self.report(&registry::UNKNOWN_FIELD, Anchor::Key, message);
                unknown_field(&key.name, schema, d);
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
                        .map(|k| item.get(k).map(Node::json_text).unwrap_or_default())
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
                    let key = item.json_text();
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
        // `None`: an integral number beyond any 64-bit integer (`1e30`, `99999999999999999999999`).
        let value = match node.value {
            Value::Int(i) => Some(i),
            #[expect(
                clippy::cast_possible_truncation,
                reason = "an integral float under 1e30"
            )]
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                (f.abs() < 1e30).then_some(f as i128)
            }
            _ => return,
        };
        let int32 = schema.format.as_deref() == Some("int32");
        let (min, max) = if int32 {
            (i128::from(i32::MIN), i128::from(i32::MAX))
        } else {
            (i128::from(i64::MIN), i128::from(i64::MAX))
        };
        if schema.kind.as_deref() == Some("integer") || schema.int_or_string {
            let bits = if int32 { 32 } else { 64 };
            if value.is_none_or(|v| v < min || v > max) {
                let written = value.map_or_else(|| node.scalar_text(), |v| v.to_string());
                let message = format!("{written} does not fit in a {bits}-bit integer");
                let d = self.report(&registry::INTEGER_OUT_OF_RANGE, Anchor::Value, message);
                d.help = Some(format!("the field holds {min} to {max}"));
                return;
            }
        }
        let Some(value) = value else { return };
        if let Some(minimum) = schema.minimum {
            #[expect(
                clippy::cast_precision_loss,
                reason = "compared as the API server does, in float64"
            )]
            if (value as f64) < minimum {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "CRD minimums are small integers"
                )]
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
                let resource = self.last_key();
                let d = self.report(&registry::PATTERN_MISMATCH, Anchor::Value, message);
                quantity_help(text, resource.as_deref(), d);
            } else if let Err(error) = quantity::parse_quantity(text) {
                let message = format!("`{text}` is not a resource quantity");
                let resource = self.last_key();
                let d = self.report(&registry::INVALID_QUANTITY, Anchor::Value, message);
                d.upstream = Some(error.message().to_owned());
                quantity_help(text, resource.as_deref(), d);
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

fn unknown_field(name: &str, schema: &Schema, d: &mut Diagnostic) {
    // A field written one level too high (`schedule` directly under a session) beats a
    // spelling guess, which would suggest the parent key itself.
    let misplaced = schema.properties.iter().find(|(_, child)| {
        child.properties.contains_key(name)
            || child
                .items
                .as_ref()
                .is_some_and(|i| i.properties.contains_key(name))
    });
    match misplaced {
        Some((parent, _)) => {
            d.help = Some(format!(
                "`{name}` belongs under `{parent}`: `{parent}.{name}`"
            ));
        }
        None => {
            d.did_you_mean(
                name,
                schema.properties.keys().map(String::as_str),
                Correct::Key,
            );
        }
    }
}

/// A number or boolean where a string is wanted: quoting it as written keeps what it says.
fn quote(node: &Node, d: &mut Diagnostic) {
    d.help = match node.value {
        Value::Int(_) | Value::Float(_) => Some(format!(
            "quote it to make it a string: \"{}\"",
            node.scalar_text()
        )),
        // `yes`, `on`, `y` are booleans to Kubernetes' YAML reader; echo nothing converted.
        Value::Bool(_) => Some("quote the value to keep it a string (yes, no, on, off, y and n are booleans in Kubernetes YAML)".to_owned()),
        _ => return,
    };
    d.quote_as_written();
}

/// How to write a quantity; the fix when the one mistake is a lowercase binary suffix (`gi`),
/// or, for `cpu`, a millicore written `mi` (`500mi` is `500m`: no one means 500 Mi cores).
fn quantity_help(text: &str, resource: Option<&str>, d: &mut Diagnostic) {
    let trimmed = text.trim();
    if resource == Some("cpu")
        && let Some(number) = trimmed
            .strip_suffix("mi")
            .or_else(|| trimmed.strip_suffix("MI"))
            .or_else(|| trimmed.strip_suffix("mI"))
    {
        let candidate = format!("{}m", number.trim());
        if quantity::parse_quantity(&candidate).is_ok() {
            d.fix = Some(Fix::replace(d.path.clone(), text, &candidate));
            d.help = Some(format!("did you mean `{candidate}` (millicores)?"));
            return;
        }
    }
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
                d.help = Some(match binary {
                    Some(binary) => {
                        format!("did you mean `{binary}` (binary) or `{candidate}` (decimal)?")
                    }
                    None => {
                        if quantity::parse_quantity(&candidate).is_ok() {
                            d.fix = Some(Fix::replace(d.path.clone(), text, &candidate));
                        }
                        format!("did you mean `{candidate}`?")
                    }
                });
                return;
            }
        }
    }
    d.help = Some("use a number with an optional suffix: 500m, 1, 256Mi, 1Gi".to_owned());
}
