//! The shapes JavaScript sees: mirrors of the core types with `tsify` derives, so the package's
//! TypeScript declarations are generated from Rust. Conversions only: every value comes from
//! the core; the one change is that positions count UTF-16 code units (JavaScript string
//! indices) instead of UTF-8 bytes.

use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use stashform::source::node::{Node, Value};
use stashform::source::yaml;
use stashform::{Encoding, LineIndex, Located, Report};

// JSON values (what `parse` returns and `jsonSchema` gives): not a mirror of a Rust type, so
// declared once here.
#[wasm_bindgen(typescript_custom_section)]
const JSON_TYPES: &str = r#"
/** Any value JSON can hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
"#;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl From<stashform::Severity> for Severity {
    fn from(severity: stashform::Severity) -> Self {
        match severity {
            stashform::Severity::Error => Self::Error,
            stashform::Severity::Warning => Self::Warning,
            stashform::Severity::Info => Self::Info,
        }
    }
}

/// One finding (the diagnostic contract). Lines and columns are 1-based; columns count UTF-16
/// code units, so `line.slice(column - 1, endColumn - 1)` is the node pointed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable code, e.g. `KS401`.
    pub code: String,
    /// Kebab-case rule name, e.g. `invalid-schedule`.
    pub rule: String,
    pub severity: Severity,
    /// One terse sentence.
    pub message: String,
    /// Dotted display path, e.g. `spec.sessions[0].scheduler.schedule`; `""` for the whole
    /// document or a YAML syntax error.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// How to fix it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub help: Option<String>,
    /// What the cluster (webhook, Kubernetes) itself would print, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub upstream: Option<String>,
    /// Index of the document within the source (0-based, counting non-empty documents).
    pub document: usize,
    /// The one certain correction, when there is one: `fix(source)` makes it, and an editor
    /// can apply `replacements` itself (positions as the diagnostic's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub fix: Option<Fix>,
    /// Other places the finding concerns (the first of two duplicates), positions as the
    /// diagnostic's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(optional)]
    pub related: Vec<RelatedPlace>,
}

/// A place a diagnostic relates to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RelatedPlace {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
}

/// A machine-applicable correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// What it does, e.g. "write Sunday as 0: `0 0 * * 0`".
    pub title: String,
    /// Replace `line:column` up to `endLine:endColumn` (UTF-16) with `text`.
    pub replacements: Vec<FixReplacement>,
}

/// One range of a fix and its new text (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FixReplacement {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub text: String,
}

impl From<Located> for Diagnostic {
    fn from(located: Located) -> Self {
        Self {
            code: located.code.to_owned(),
            rule: located.rule.to_owned(),
            severity: located.severity.into(),
            message: located.message,
            path: located.path,
            line: located.line,
            column: located.column,
            end_line: located.end_line,
            end_column: located.end_column,
            help: located.help,
            upstream: located.upstream,
            document: located.document,
            fix: located.fix.map(|fix| Fix {
                title: fix.title,
                replacements: fix
                    .replacements
                    .into_iter()
                    .map(|r| FixReplacement {
                        line: r.line,
                        column: r.column,
                        end_line: r.end_line,
                        end_column: r.end_column,
                        text: r.text,
                    })
                    .collect(),
            }),
            related: located
                .related
                .into_iter()
                .map(|r| RelatedPlace {
                    line: r.line,
                    column: r.column,
                    end_line: r.end_line,
                    end_column: r.end_column,
                    message: r.message,
                })
                .collect(),
        }
    }
}

/// Locate core diagnostics in `text` with UTF-16 columns.
#[must_use]
pub fn diagnostics(text: &str, found: &[stashform::Diagnostic]) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    found
        .iter()
        .map(|d| d.locate(text, &index, Encoding::Utf16).into())
        .collect()
}

/// What a document is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    /// Index among the non-empty documents of the source.
    pub index: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub namespace: Option<String>,
    /// Whether stashform validates this kind.
    pub checked: bool,
    /// Where the document starts, in UTF-16 code units (`source.slice(offset)`).
    pub offset: usize,
}

/// Byte offsets to UTF-16 offsets, counting on from the previous one: the documents of a text
/// come in order, so converting all of them reads the text once (counting from the start for
/// each was quadratic in the number of documents).
#[derive(Default)]
pub struct Utf16Offsets {
    bytes: usize,
    units: usize,
}

impl Utf16Offsets {
    /// `offset` as a UTF-16 offset (clamped to the text, and down to a char boundary).
    pub fn get(&mut self, text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.bytes {
            *self = Self::default();
        }
        self.units += text[self.bytes..offset].encode_utf16().count();
        self.bytes = offset;
        self.units
    }
}

/// What `validate` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidateResult {
    pub documents: Vec<DocumentInfo>,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl ValidateResult {
    #[must_use]
    pub fn new(text: &str, report: Report) -> Self {
        Self {
            diagnostics: diagnostics(text, &report.diagnostics),
            documents: {
                let mut offsets = Utf16Offsets::default();
                report
                    .documents
                    .into_iter()
                    .map(|info| DocumentInfo {
                        index: info.index,
                        api_version: info.api_version,
                        kind: info.kind,
                        name: info.name,
                        namespace: info.namespace,
                        checked: info.checked,
                        offset: offsets.get(text, info.offset),
                    })
                    .collect()
            },
        }
    }
}

/// What `parse` returns: each document as the API server would read it (JSON), and what the
/// YAML loader reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParseResult {
    #[tsify(type = "JsonValue[]")]
    pub documents: Vec<serde_json::Value>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseResult {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let loaded = yaml::load(text);
        let mut found = Vec::new();
        for document in &loaded.documents {
            let from = found.len();
            non_finite(&document.root, &mut found);
            for d in &mut found[from..] {
                d.document = document.index;
            }
        }
        // Both lists are in text order: merge them.
        for d in loaded.diagnostics {
            let start = |x: &stashform::Diagnostic| x.span.map_or(0, |s| s.start);
            let at = found.partition_point(|x| start(x) <= start(&d));
            found.insert(at, d);
        }
        Self {
            documents: loaded
                .documents
                .iter()
                .map(|d| js_number_safe(d.root.to_json()))
                .collect(),
            diagnostics: diagnostics(text, &found),
        }
    }
}

/// `.inf`, `-.inf` and `.nan` have no JSON form (`parse` gives `null` for them): each is
/// reported as `unsupported-yaml`, as Kubernetes cannot convert the document (`json:
/// unsupported value: +Inf`). An alias repeats no report: nodes it copies keep their anchor's
/// earlier span. The loader bounds nesting, so this recursion is bounded too.
fn non_finite(node: &Node, out: &mut Vec<stashform::Diagnostic>) {
    match &node.value {
        Value::Float(f)
            if !f.is_finite()
                && out
                    .last()
                    .is_none_or(|d| d.span.is_none_or(|s| s.end <= node.span.start)) =>
        {
            out.push(stashform::Diagnostic::at(
                &stashform::registry::UNSUPPORTED_YAML,
                node.span,
                "infinity and NaN have no JSON form (kubectl: json: unsupported value); parse gives null",
            ));
        }
        Value::Seq(items) => items.iter().for_each(|n| non_finite(n, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, n)| non_finite(n, out)),
        _ => {}
    }
}

/// Integers beyond 2^53 become the nearest double, as `JSON.parse` would read them (a
/// JavaScript number cannot hold them exactly; serde-wasm-bindgen would refuse them).
#[must_use]
pub fn js_number_safe(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    const MAX_SAFE: u64 = (1 << 53) - 1;
    match value {
        J::Number(n) => {
            let safe = n.as_i64().map_or_else(
                || n.as_u64().is_some_and(|u| u <= MAX_SAFE),
                |i| i.unsigned_abs() <= MAX_SAFE,
            );
            if safe || n.is_f64() {
                J::Number(n)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(J::Null, J::Number)
            }
        }
        J::Array(items) => J::Array(items.into_iter().map(js_number_safe).collect()),
        J::Object(map) => J::Object(
            map.into_iter()
                .map(|(k, v)| (k, js_number_safe(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Options of `describeSchedule`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleOptions {
    /// How many next runs to list (default 5, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub count: Option<u32>,
    /// Start after this RFC 3339 time (default: now), e.g. `2026-01-02T03:04:05Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub from: Option<String>,
}

/// A schedule explained: valid or not (with the reason Kubernetes gives), a plain-English
/// description, and the next runs in UTC (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleInfo {
    pub valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<String>,
    pub description: String,
    pub next_runs: Vec<String>,
}

impl From<stashform::schedule::Explained> for ScheduleInfo {
    fn from(explained: stashform::schedule::Explained) -> Self {
        Self {
            valid: explained.valid,
            error: explained.error,
            description: explained.description,
            next_runs: explained.next_runs,
        }
    }
}

/// An Addon of the catalog: the tasks it offers for backup and for restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Addon {
    pub name: String,
    /// The upstream manifest: a GitHub URL at the commit the catalog was taken from.
    pub source: String,
    pub backup_tasks: Vec<Task>,
    pub restore_tasks: Vec<Task>,
}

/// A task of an addon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub name: String,
    pub function: String,
    /// Restic, WalG, VolumeSnapshotter, ...; absent in a few manifests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub driver: Option<String>,
    pub parameters: Vec<Parameter>,
    /// Names of the task's volume templates.
    pub volume_templates: Vec<String>,
}

/// A task parameter as the Addon declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    pub usage: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub default: Option<String>,
    /// Values the usage text restricts the parameter to.
    pub allowed: Vec<String>,
}

impl From<&stashform::catalog::Addon> for Addon {
    fn from(addon: &stashform::catalog::Addon) -> Self {
        Self {
            name: addon.name.clone(),
            source: public_source(&addon.source),
            backup_tasks: addon.backup_tasks.iter().map(Task::from).collect(),
            restore_tasks: addon.restore_tasks.iter().map(Task::from).collect(),
        }
    }
}

/// Where an addon's manifest is published, instead of the path of its vendored copy.
fn public_source(source: &str) -> String {
    stashform::catalog::Installer::upstream(source).unwrap_or_else(|| source.to_owned())
}

impl From<&stashform::catalog::Task> for Task {
    fn from(task: &stashform::catalog::Task) -> Self {
        Self {
            name: task.name.clone(),
            function: task.function.clone(),
            driver: task.driver.clone(),
            parameters: task.parameters.iter().map(Parameter::from).collect(),
            volume_templates: task.volume_templates.clone(),
        }
    }
}

impl From<&stashform::catalog::Parameter> for Parameter {
    fn from(parameter: &stashform::catalog::Parameter) -> Self {
        Self {
            name: parameter.name.clone(),
            usage: parameter.usage.clone(),
            required: parameter.required,
            default: parameter.default.clone(),
            allowed: parameter.allowed.clone(),
        }
    }
}

/// The validator layer a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    Yaml,
    Structure,
    Decoding,
    Admission,
    Kubernetes,
    Addon,
    Advice,
    Bundle,
}

impl From<stashform::registry::Layer> for Layer {
    fn from(layer: stashform::registry::Layer) -> Self {
        use stashform::registry::Layer as L;
        match layer {
            L::Yaml => Self::Yaml,
            L::Structure => Self::Structure,
            L::Decoding => Self::Decoding,
            L::Admission => Self::Admission,
            L::Kubernetes => Self::Kubernetes,
            L::Addon => Self::Addon,
            L::Advice => Self::Advice,
            L::Bundle => Self::Bundle,
        }
    }
}

/// A rule of the registry and its documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub code: String,
    pub name: String,
    /// Default severity.
    pub severity: Severity,
    pub layer: Layer,
    /// What it checks.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// A YAML fragment that triggers the rule.
    pub invalid: String,
    /// The fragment fixed.
    pub valid: String,
}

impl From<&stashform::Rule> for Rule {
    fn from(rule: &stashform::Rule) -> Self {
        Self {
            code: rule.code.to_owned(),
            name: rule.name.to_owned(),
            severity: rule.severity.into(),
            layer: rule.layer.into(),
            what: rule.docs().what.to_owned(),
            why: rule.docs().why.to_owned(),
            invalid: rule.docs().invalid.to_owned(),
            valid: rule.docs().valid.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets() {
        let text = "é😀x";
        let mut offsets = Utf16Offsets::default();
        assert_eq!(offsets.get(text, 0), 0);
        assert_eq!(offsets.get(text, 2), 1);
        assert_eq!(offsets.get(text, 6), 3);
        // Backwards: counted again from the start.
        assert_eq!(offsets.get(text, 2), 1);
        // Inside a character: down to its start; past the end: the end.
        assert_eq!(offsets.get(text, 4), 1);
        assert_eq!(offsets.get(text, 99), 4);
    }

    #[test]
    fn integers_beyond_2_53_become_doubles() {
        let value = serde_json::json!({"a": [9_007_199_254_740_991_i64, 9_007_199_254_740_993_i64, u64::MAX, -9_007_199_254_740_993_i64, 1.5]});
        let safe = js_number_safe(value);
        assert_eq!(
            safe.to_string(),
            r#"{"a":[9007199254740991,9007199254740992.0,1.8446744073709552e+19,-9007199254740992.0,1.5]}"#
        );
    }

    #[test]
    fn diagnostics_keep_the_contract_fields() {
        let report = stashform::check("apiVersion: v1\nkind: Pod\n");
        let text = "apiVersion: v1\nkind: Pod\n";
        let located = ValidateResult::new(text, report);
        let json = serde_json::to_value(&located.diagnostics[0]).unwrap_or_default();
        assert_eq!(json["path"], "kind");
        assert_eq!(json["endLine"], 2);
        assert!(json.get("help").is_none());
    }
}

/// One change for `edit`. `path` is a dotted display path such as
/// `spec.sessions[0].scheduler.schedule` (keys with dots: `metadata.labels["app.kubernetes.io/name"]`).
///
/// The type is declared for TypeScript only: edits are read by [`edit_from_json`], since serde's
/// internally tagged enums cost more wasm than the whole reader.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum EditOp {
    /// Write `value` at `path`, creating the maps and lists on the way.
    Set {
        path: String,
        #[tsify(type = "JsonValue")]
        value: serde_json::Value,
    },
    /// Remove the key or list item at `path` (nothing when it does not exist).
    Remove { path: String },
    /// Insert `value` into the list at `path` before item `index` (at the end when omitted).
    Insert {
        path: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(optional)]
        index: Option<usize>,
        #[tsify(type = "JsonValue")]
        value: serde_json::Value,
    },
    /// Move item `from` of the list at `path` so that it ends up at index `to`.
    Move {
        path: String,
        from: usize,
        to: usize,
    },
}

/// The core's edit for one element of `edit`'s `edits` (an [`EditOp`] as JSON).
///
/// # Errors
/// What is wrong with the element, naming the field.
pub fn edit_from_json(value: &serde_json::Value) -> Result<stashform::edit::Edit, String> {
    use serde_json::Value as J;
    use stashform::edit::Edit;
    use stashform::source::node::Node;
    let J::Object(fields) = value else {
        return Err("each edit must be an object such as { op: 'set', path, value }".to_owned());
    };
    let op = fields.get("op").and_then(J::as_str).unwrap_or_default();
    let allowed: &[&str] = match op {
        "set" => &["op", "path", "value"],
        "remove" => &["op", "path"],
        "insert" => &["op", "path", "index", "value"],
        "move" => &["op", "path", "from", "to"],
        _ => {
            return Err(format!(
                "`op` must be \"set\", \"remove\", \"insert\" or \"move\", not {}",
                fields
                    .get("op")
                    .map_or_else(|| "missing".to_owned(), J::to_string)
            ));
        }
    };
    if let Some(unknown) = fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!("`{op}` takes no `{unknown}`"));
    }
    let text = fields
        .get("path")
        .and_then(J::as_str)
        .ok_or_else(|| format!("`{op}` needs a string `path`"))?;
    let path = stashform::Path::parse(text)
        .ok_or_else(|| format!("`{text}` is not a path such as spec.sessions[0].name"))?;
    let number = |name: &str| -> Result<Option<usize>, String> {
        match fields.get(name) {
            None | Some(J::Null) if name == "index" => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| format!("`{name}` must be a whole number ≥ 0")),
            None => Err(format!("`{op}` needs `{name}`")),
        }
    };
    let value = || -> Result<Node, String> {
        fields
            .get("value")
            .map(Node::from_json)
            .ok_or_else(|| format!("`{op}` needs a `value`"))
    };
    Ok(match op {
        "set" => Edit::Set {
            path,
            value: value()?,
        },
        "remove" => Edit::Remove { path },
        "insert" => Edit::Insert {
            path,
            index: number("index")?,
            value: value()?,
        },
        _ => Edit::Move {
            path,
            from: number("from")?.unwrap_or_default(),
            to: number("to")?.unwrap_or_default(),
        },
    })
}

/// Options of `validate` and `fix`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOptions {
    /// The level of a rule, by code or name, replacing its severity (`{ KS601: 'off' }`), as
    /// `rules:` in the CLI's `.stashform.yaml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(
        optional,
        type = "Record<string, 'off' | 'info' | 'warning' | 'error'>"
    )]
    pub rules: Option<std::collections::BTreeMap<String, String>>,
    /// A newer addon catalog: the texts of Addon manifests (multi-document YAML as the
    /// KubeStash and KubeDB installers ship them), as the CLI's `--catalog`. Its addons are
    /// added to the vendored catalog and replace those of the same name. (One text is made an
    /// array of one in `_api.js`.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string | string[]")]
    pub catalog: Option<Vec<String>>,
}

/// What `fix` gives: the text with every certain fix made (nothing else changed), what was
/// fixed, and the findings that remain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FixResult {
    pub text: String,
    pub fixed: Vec<Fixed>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One finding `fix` fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Fixed {
    pub code: String,
    pub rule: String,
    pub message: String,
    /// What the fix did.
    pub title: String,
    pub path: String,
    pub document: usize,
}

/// Options of `edit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditOptions {
    /// Which document of the source to edit (0-based, counting non-empty documents; one past
    /// the last appends a document). Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub document: Option<usize>,
}

/// What `edit` gives: the new text (every byte outside the edited nodes as it was) and the
/// findings on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EditResult {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}
