//! The conversions, as JavaScript sees them (run under Node by wasm-bindgen-test-runner:
//! `cargo test -p stashform-wasm --target wasm32-unknown-unknown`): plain objects (never ES
//! `Map`s), UTF-16 columns, errors thrown as `Error`s, the exact DTOs.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Map, Object, Reflect};
use stashform_wasm::dto::{
    Diagnostic, DocumentInfo, ParseResult, ScheduleInfo, Severity, ValidateResult,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SEED: &str = include_str!(
    "../../../tests/fixtures/valid/seed/01-backup-passing-arguments-to-the-backup-process.yaml"
);

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object()
        && !value.is_instance_of::<Map>()
        && !Array::is_array(value)
        && JsValue::from(Object::get_prototype_of(value))
            == JsValue::from(Object::get_prototype_of(&Object::new().into()))
}

/// Every object in the tree is a plain object or an array.
fn assert_plain_tree(value: &JsValue) {
    if Array::is_array(value) {
        for item in value.unchecked_ref::<Array>().iter() {
            assert_plain_tree(&item);
        }
    } else if value.is_object() {
        assert!(is_plain_object(value), "not a plain object: {value:?}");
        for entry in Object::values(value.unchecked_ref::<Object>()).iter() {
            assert_plain_tree(&entry);
        }
    }
}

fn seed_with(from: &str, to: &str) -> String {
    assert!(SEED.contains(from), "seed has {from:?}");
    SEED.replacen(from, to, 1)
}

#[wasm_bindgen_test]
fn validate_gives_plain_objects_and_the_exact_dto() {
    let value = stashform_wasm::validate(&JsValue::from_str(SEED), None).unwrap();
    assert!(is_plain_object(&value));
    assert_plain_tree(&value);
    let result: ValidateResult = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(
        result,
        ValidateResult {
            documents: vec![DocumentInfo {
                index: 0,
                api_version: Some("core.kubestash.com/v1alpha1".to_owned()),
                kind: Some("BackupConfiguration".to_owned()),
                name: Some("sample-postgres-backup".to_owned()),
                namespace: Some("demo".to_owned()),
                checked: true,
                offset: 0,
            }],
            diagnostics: Vec::new(),
        }
    );
}

#[wasm_bindgen_test]
fn a_bad_schedule_is_located_in_utf16_code_units() {
    let text = seed_with(
        "      scheduler:\n        schedule: \"*/5 * * * *\"\n        jobTemplate:\n          backoffLimit: 1\n",
        "      scheduler: {jobTemplate: {backoffLimit: 1}, timeZone: \"é😀\", schedule: \"0 0 * * 7\"}\n",
    );
    let value = stashform_wasm::validate(&JsValue::from_str(&text), None).unwrap();
    assert_plain_tree(&value);
    let result: ValidateResult = serde_wasm_bindgen::from_value(value).unwrap();
    let schedule = result
        .diagnostics
        .iter()
        .find(|d| d.code == "KS401")
        .unwrap();
    let line = text.lines().nth(schedule.line as usize - 1).unwrap();
    let byte = line.find("\"0 0 * * 7\"").unwrap();
    let utf16 = line[..byte].encode_utf16().count();
    // `é` is 2 bytes and 1 unit, `😀` 4 bytes and 2 units: 3 fewer than the byte column.
    assert_eq!(byte - utf16, 3);
    assert_eq!(
        schedule,
        &Diagnostic {
            code: "KS401".to_owned(),
            rule: "invalid-schedule".to_owned(),
            severity: Severity::Error,
            message: "invalid schedule: end of range (7) above maximum (6): 7".to_owned(),
            path: "spec.sessions[0].scheduler.schedule".to_owned(),
            line: schedule.line,
            column: u32::try_from(utf16 + 1).unwrap(),
            end_line: schedule.line,
            end_column: u32::try_from(utf16 + 1 + "\"0 0 * * 7\"".len()).unwrap(),
            help: schedule.help.clone(),
            upstream: schedule.upstream.clone(),
            document: 0,
            fix: schedule.fix.clone(),
            related: Vec::new(),
        }
    );
    // The JS field names are the contract's.
    let value = stashform_wasm::validate(&JsValue::from_str(&text), None).unwrap();
    let first = Reflect::get_u32(&get(&value, "diagnostics"), 0).unwrap();
    for key in [
        "code",
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "endLine",
        "endColumn",
        "document",
    ] {
        assert!(!get(&first, key).is_undefined(), "{key}");
    }
    assert_eq!(
        get(&first, "severity").as_string().as_deref(),
        Some("error")
    );
}

#[wasm_bindgen_test]
fn document_offsets_count_utf16_code_units() {
    let text = format!("# é😀\n{SEED}");
    let result: ValidateResult = serde_wasm_bindgen::from_value(
        stashform_wasm::validate(&JsValue::from_str(&text), None).unwrap(),
    )
    .unwrap();
    assert_eq!(result.documents[0].offset, "# é😀\n".encode_utf16().count());
}

#[wasm_bindgen_test]
fn parse_gives_plain_documents() {
    let value = stashform_wasm::parse(&JsValue::from_str(
        "b: {x: 1}\na: [1, 2.5, null, true]\nbig: 9007199254740993\n",
    ))
    .unwrap();
    assert_plain_tree(&value);
    let document = Reflect::get_u32(&get(&value, "documents"), 0).unwrap();
    assert!(is_plain_object(&document));
    assert_eq!(
        JSON::stringify(&document).unwrap(),
        r#"{"b":{"x":1},"a":[1,2.5,null,true],"big":9007199254740992}"#
    );
    let result: ParseResult = serde_wasm_bindgen::from_value(value).unwrap();
    assert!(result.diagnostics.is_empty());
}

#[wasm_bindgen_test]
fn render_takes_objects_and_arrays() {
    let doc =
        JSON::parse(r#"{"kind":"RetentionPolicy","apiVersion":"storage.kubestash.com/v1alpha1"}"#)
            .unwrap();
    assert_eq!(
        stashform_wasm::render(&doc).unwrap(),
        "apiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\n"
    );
    let both = Array::of2(&doc, &doc);
    let text = stashform_wasm::render(&both.into()).unwrap();
    assert_eq!(text.matches("---\n").count(), 1);
    assert!(stashform_wasm::render(&JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn format_throws_an_error_with_the_diagnostics() {
    assert_eq!(
        stashform_wasm::format(&JsValue::from_str("b: 1\na: 2\n")).unwrap(),
        "b: 1\na: 2\n"
    );
    let error = stashform_wasm::format(&JsValue::from_str("a: [\n")).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    let diagnostics = get(&error, "diagnostics");
    assert!(Array::is_array(&diagnostics));
    let first = Reflect::get_u32(&diagnostics, 0).unwrap();
    assert_eq!(get(&first, "code").as_string().as_deref(), Some("KS001"));
    assert_eq!(
        error.unchecked_ref::<js_sys::Error>().message(),
        get(&first, "message").as_string().unwrap()
    );
}

#[wasm_bindgen_test]
fn describe_schedule_reads_options_from_a_plain_object() {
    let options = JSON::parse(r#"{"count":2,"from":"2026-11-25T18:40:00Z"}"#).unwrap();
    let value = stashform_wasm::describe_schedule(
        &JsValue::from_str("*/5 * * * *"),
        Some(tsify::Ts::new_unchecked(options)),
    )
    .unwrap();
    assert!(is_plain_object(&value));
    let info: ScheduleInfo = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(
        info,
        ScheduleInfo {
            valid: true,
            error: None,
            description: "every 5 minutes".to_owned(),
            next_runs: vec![
                "2026-11-25T18:45:00Z".to_owned(),
                "2026-11-25T18:50:00Z".to_owned()
            ],
        }
    );
    let now: ScheduleInfo = serde_wasm_bindgen::from_value(
        stashform_wasm::describe_schedule(&JsValue::from_str("@hourly"), None).unwrap(),
    )
    .unwrap();
    assert_eq!(now.next_runs.len(), 5);
    let bad_from = JSON::parse(r#"{"from":"tomorrow"}"#).unwrap();
    assert!(
        stashform_wasm::describe_schedule(
            &JsValue::from_str("@hourly"),
            Some(tsify::Ts::new_unchecked(bad_from))
        )
        .is_err()
    );
    let bad_count = JSON::parse(r#"{"count":"many"}"#).unwrap();
    assert!(
        stashform_wasm::describe_schedule(
            &JsValue::from_str("@hourly"),
            Some(tsify::Ts::new_unchecked(bad_count))
        )
        .is_err()
    );
}

#[wasm_bindgen_test]
fn schema_addons_and_rules_are_plain() {
    let schema = stashform_wasm::json_schema(&JsValue::from_str("BackupConfiguration")).unwrap();
    assert!(is_plain_object(&schema));
    assert_plain_tree(&schema);
    assert!(stashform_wasm::json_schema(&JsValue::from_str("Pod")).is_err());
    let addons = stashform_wasm::addons().unwrap();
    assert!(Array::is_array(&addons));
    assert_plain_tree(&addons);
    let rules = stashform_wasm::rules().unwrap();
    assert_plain_tree(&rules);
    assert!(rules.unchecked_ref::<Array>().length() > 50);
}

#[wasm_bindgen_test]
fn bytes_that_are_not_utf8_give_a_diagnostic() {
    let result: ValidateResult = serde_wasm_bindgen::from_value(
        stashform_wasm::validate_bytes(&js_sys::Uint8Array::from(&b"a: \xff\n"[..]).into())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(result.diagnostics[0].code, "KS007");
    assert_eq!(
        (result.diagnostics[0].line, result.diagnostics[0].column),
        (1, 4)
    );
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_throw_type_errors() {
    let number = JsValue::from_f64(42.0);
    let object: JsValue = Object::new().into();
    for value in [&number, &object, &JsValue::UNDEFINED, &JsValue::NULL] {
        for result in [
            stashform_wasm::validate(value, None),
            stashform_wasm::parse(value),
            stashform_wasm::json_schema(value),
            stashform_wasm::validate_bytes(value),
            stashform_wasm::describe_schedule(value, None),
        ] {
            let error = result.unwrap_err();
            assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?}");
        }
        let error = stashform_wasm::format(value).unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>());
    }
    // The module is fine afterwards.
    assert!(stashform_wasm::validate(&JsValue::from_str(SEED), None).is_ok());
}
