//! The wasm-bindgen face of stashform, published as the npm package `stashform`.
//!
//! Conversions only: every function calls the core and turns its result into plain
//! JSON-compatible JavaScript objects (never ES `Map`s) whose TypeScript types are generated
//! from the [`dto`] structs. Positions count UTF-16 code units, as JavaScript strings do.
//!
//! Nothing here panics on bad input. Arguments of the wrong type become thrown `TypeError`s:
//! string parameters are taken as `JsValue` and checked here, because the generated glue
//! would write a non-string (a number, an object) into wasm memory unchecked. Bad values
//! become thrown `Error`s.

pub mod dto;

use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use dto::{
    Addon, CheckOptions, EditOptions, EditResult, FixResult, Fixed, ParseResult, Rule,
    ScheduleInfo, ScheduleOptions, ValidateResult,
};

/// A check allocates a few hundred small blocks per document: TLSF serves them in constant time,
/// faster than the default dlmalloc (see the README's performance section).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::GlobalTlsf = rlsf::GlobalTlsf::new();

/// Default number of next runs `describeSchedule` lists (as the CLI's `--next`).
const DEFAULT_RUNS: u32 = 5;
/// Most next runs `describeSchedule` lists (as the CLI).
const MAX_RUNS: u32 = 1000;

/// Serialize to plain JavaScript values: objects for maps, numbers for integers, `null` for
/// JSON's null (optional fields are skipped, never `null`).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| error(&e.to_string()))
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A string argument, or a `TypeError` naming the function and the parameter.
fn string_arg(value: &JsValue, function: &str, parameter: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        type_error(&format!(
            "{function}: `{parameter}` must be a string, not {}",
            value.js_typeof().as_string().unwrap_or_default()
        ))
    })
}

/// Validate YAML text (one or more documents): what each document is, and every finding
/// sorted by position, with UTF-16 columns.
///
/// @example
/// const { diagnostics } = validate(text);
/// const errors = diagnostics.filter((d) => d.severity === 'error');
#[wasm_bindgen(unchecked_return_type = "ValidateResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string")] source: &JsValue,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsValue, JsValue> {
    let source = string_arg(source, "validate", "source")?;
    let options = check_options(options, "validate")?;
    to_js(&ValidateResult::new(
        &source,
        stashform::check_with(&source, &options),
    ))
}

/// Make every certain fix (a did-you-mean with one candidate, Sunday as 7, a value that needs
/// quotes, …) through the lossless edit layer: nothing else in the text changes. Returns the
/// new text, what was fixed, and the findings that remain.
///
/// @example
/// const { text, fixed, diagnostics } = fix(source);
#[wasm_bindgen(unchecked_return_type = "FixResult")]
pub fn fix(
    #[wasm_bindgen(unchecked_param_type = "string")] source: &JsValue,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsValue, JsValue> {
    let source = string_arg(source, "fix", "source")?;
    let options = check_options(options, "fix")?;
    let fixed = stashform::fix_with(&source, &options);
    let diagnostics = dto::diagnostics(&fixed.text, &fixed.report.diagnostics);
    to_js(&FixResult {
        fixed: fixed
            .applied
            .into_iter()
            .map(|a| Fixed {
                code: a.rule.code.to_owned(),
                rule: a.rule.name.to_owned(),
                message: a.message,
                title: a.title,
                path: a.path.to_string(),
                document: a.document,
            })
            .collect(),
        text: fixed.text,
        diagnostics,
    })
}

/// The core's options from `{ rules }`; a misspelt option, rule or level is a `TypeError`.
fn check_options(
    options: Option<Ts<CheckOptions>>,
    function: &str,
) -> Result<stashform::CheckOptions, JsValue> {
    let mut core = stashform::CheckOptions::default();
    let Some(options) = options else {
        return Ok(core);
    };
    let options: CheckOptions =
        from_json(&JsValue::from(options), &format!("{function}: `options`"))?;
    if let Some(catalog) = options.catalog {
        core.set_catalog(Some(catalog_of(&catalog, function)?));
    }
    for (rule, level) in options.rules.unwrap_or_default() {
        let level = level
            .parse::<stashform::Level>()
            .map_err(|m| type_error(&format!("{function}: options.rules.{rule}: {m}")))?;
        core.set(&rule, level)
            .map_err(|e| type_error(&format!("{function}: options.rules: {e}")))?;
    }
    Ok(core)
}

/// The catalog of `options.catalog` (manifest texts, named `catalog[i]` in errors).
fn catalog_of(
    texts: &[String],
    function: &str,
) -> Result<std::sync::Arc<stashform::catalog::Catalog>, JsValue> {
    let mut catalog = stashform::catalog::Catalog::default();
    let mut errors = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        catalog.add(&format!("catalog[{i}]"), text, &mut errors);
    }
    if errors.is_empty() {
        return Ok(std::sync::Arc::new(catalog));
    }
    let mut message = function.to_owned();
    for (i, e) in errors.iter().enumerate() {
        message.push_str(if i == 0 { ": options." } else { "\noptions." });
        message.push_str(&e.to_string());
    }
    Err(error(&message))
}

/// Validate the raw bytes of a file, as the `stashform` CLI reads files: text that is not
/// UTF-8 gives an `invalid-encoding` diagnostic. Positions refer to the text as
/// `new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)` reads it.
#[wasm_bindgen(js_name = validateBytes, unchecked_return_type = "ValidateResult")]
pub fn validate_bytes(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes
        .dyn_ref::<js_sys::Uint8Array>()
        .ok_or_else(|| type_error("validateBytes: `bytes` must be a Uint8Array (or a Buffer)"))?
        .to_vec();
    let result = match stashform::source::yaml::decode(&bytes) {
        Ok(text) => ValidateResult::new(text, stashform::check(text)),
        Err(diagnostic) => {
            let text = String::from_utf8_lossy(&bytes);
            ValidateResult {
                documents: Vec::new(),
                diagnostics: dto::diagnostics(&text, std::slice::from_ref(&*diagnostic)),
            }
        }
    };
    to_js(&result)
}

/// Canonical YAML for the source (documents joined with `---`), every comment kept next to its
/// node. Throws an `Error` with the
/// first diagnostic's message (and all of them as `error.diagnostics`) when the source is not
/// YAML that can be formatted without loss.
#[wasm_bindgen]
pub fn format(
    #[wasm_bindgen(unchecked_param_type = "string")] source: &JsValue,
) -> Result<String, JsValue> {
    let source = string_arg(source, "format", "source")?;
    match stashform::format(&source) {
        Ok(text) => Ok(text),
        Err(report) => {
            let diagnostics = dto::diagnostics(&source, &report.diagnostics);
            let message = diagnostics
                .first()
                .map_or("the source cannot be formatted", |d| d.message.as_str());
            let error = js_sys::Error::new(message);
            if let Ok(list) = to_js(&diagnostics) {
                let _ = js_sys::Reflect::set(&error, &JsValue::from_str("diagnostics"), &list);
            }
            Err(error.into())
        }
    }
}

/// Change the source in place: every edit changes only the bytes it must (a replaced value
/// keeps its line, its comment and its quotes; a new key goes where the KubeStash docs put it;
/// a removed key takes its own comment lines). Returns the new text and its findings. Throws
/// an `Error` when the source does not load or an edit cannot be made exactly (e.g. through an
/// alias); nothing is changed then.
///
/// @example
/// const { text } = edit(source, [
///   { op: 'set', path: 'spec.sessions[0].scheduler.schedule', value: '0 2 * * *' },
///   { op: 'remove', path: 'spec.sessions[0].retryConfig' },
/// ]);
#[wasm_bindgen(unchecked_return_type = "EditResult")]
pub fn edit(
    #[wasm_bindgen(unchecked_param_type = "string")] source: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "EditOp[]")] edits: &JsValue,
    options: Option<Ts<EditOptions>>,
) -> Result<JsValue, JsValue> {
    let source = string_arg(source, "edit", "source")?;
    if !js_sys::Array::is_array(edits) {
        return Err(type_error(
            "edit: `edits` must be an array of { op, path, … }",
        ));
    }
    let edits: Vec<serde_json::Value> = from_json(edits, "edit: `edits`")?;
    // Read through JSON, so that a misspelt option is an error (not silently ignored).
    let options: EditOptions = match options {
        Some(options) => from_json(&JsValue::from(options), "edit: `options`")?,
        _ => EditOptions::default(),
    };
    let core = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            dto::edit_from_json(e).map_err(|m| type_error(&format!("edit: edits[{i}]: {m}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let text = stashform::edit::apply_all(&source, options.document.unwrap_or(0), &core)
        .map_err(|e| error(&format!("edit: {e}")))?;
    let report = stashform::check(&text);
    let diagnostics = dto::diagnostics(&text, &report.diagnostics);
    to_js(&EditResult { text, diagnostics })
}

/// A JavaScript value read as `JSON.stringify` reads it, into a typed shape.
fn from_json<T: serde::de::DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| type_error(&format!("{what} must be JSON data")))?;
    serde_json::from_str(&json).map_err(|e| type_error(&format!("{what}: {e}")))
}

/// Canonical YAML for a JavaScript object (one document), or an array of objects (documents
/// joined with `---`). The object is read as `JSON.stringify` reads it.
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "object")] doc: &JsValue,
) -> Result<String, JsValue> {
    let json = js_sys::JSON::stringify(doc)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| type_error("render: `doc` must be an object that JSON.stringify accepts"))?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| error(&format!("render: {e}")))?;
    let nodes: Vec<stashform::source::node::Node> = match &value {
        serde_json::Value::Array(items) => items
            .iter()
            .map(stashform::source::node::Node::from_json)
            .collect(),
        other => vec![stashform::source::node::Node::from_json(other)],
    };
    Ok(stashform::render::render_documents(nodes.iter()))
}

/// The documents of the source as the API server reads them (YAML → JSON), and what the YAML
/// loader reported. Integers beyond 2^53 become the nearest number, as with `JSON.parse`.
#[wasm_bindgen(unchecked_return_type = "ParseResult")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string")] source: &JsValue,
) -> Result<JsValue, JsValue> {
    let source = string_arg(source, "parse", "source")?;
    to_js(&ParseResult::new(&source))
}

/// Explain a CronJob schedule: valid or not (with the reason Kubernetes gives), a
/// plain-English description, and the next runs (UTC, RFC 3339) after `options.from`
/// (default: now). Throws when `options` is malformed.
#[wasm_bindgen(js_name = describeSchedule, unchecked_return_type = "ScheduleInfo")]
pub fn describe_schedule(
    #[wasm_bindgen(unchecked_param_type = "string")] schedule: &JsValue,
    options: Option<Ts<ScheduleOptions>>,
) -> Result<JsValue, JsValue> {
    let schedule = string_arg(schedule, "describeSchedule", "schedule")?;
    let options: ScheduleOptions = match options {
        Some(options) => from_json(&JsValue::from(options), "describeSchedule: `options`")?,
        None => ScheduleOptions::default(),
    };
    let from = match options.from.as_deref() {
        Some(text) => stashform::schedule::parse_utc(text).ok_or_else(|| {
            error(&format!(
                "describeSchedule: `from` must be an RFC 3339 time such as 2026-01-02T03:04:05Z, not `{text}`"
            ))
        })?,
        None => now_unix_seconds(),
    };
    let count = options.count.unwrap_or(DEFAULT_RUNS).min(MAX_RUNS) as usize;
    to_js(&ScheduleInfo::from(stashform::schedule::explain(
        &schedule, from, count,
    )))
}

/// The clock lives in the face, not the core.
fn now_unix_seconds() -> i64 {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "whole seconds since 1970 fit"
    )]
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    seconds
}

/// The JSON Schema (draft-07) of a kind, for editors (yaml-language-server). `kind` is
/// `BackupConfiguration`, `RestoreSession`, `BackupStorage` or `RetentionPolicy` (or a short
/// name: `backup`, `restore`, `storage`, `retention`). Throws for an unknown kind.
#[wasm_bindgen(js_name = jsonSchema, unchecked_return_type = "JsonObject")]
pub fn json_schema(
    #[wasm_bindgen(unchecked_param_type = "string")] kind: &JsValue,
) -> Result<JsValue, JsValue> {
    let kind = string_arg(kind, "jsonSchema", "kind")?;
    let schema = stashform::schema::json_schema(&kind).ok_or_else(|| {
        error(&format!(
            "unknown kind `{kind}`; use one of {}",
            stashform::schema::KINDS.join(", ")
        ))
    })?;
    to_js(&schema)
}

/// Every addon of the catalog (KubeStash and KubeDB), sorted by name.
#[wasm_bindgen(unchecked_return_type = "Addon[]")]
pub fn addons() -> Result<JsValue, JsValue> {
    let list: Vec<Addon> = stashform::catalog::addons()
        .iter()
        .map(Addon::from)
        .collect();
    to_js(&list)
}

/// Every rule of the registry with its documentation, in code order.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    let list: Vec<Rule> = stashform::registry::RULES
        .iter()
        .map(|rule| Rule::from(*rule))
        .collect();
    to_js(&list)
}
