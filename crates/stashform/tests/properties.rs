//! Property tests: generated valid configurations render, load back equal and validate clean;
//! mutated documents give diagnostics inside the text whose paths exist (or end at the first
//! missing step); `fmt` is idempotent and lossless on anything that loads.

use proptest::prelude::*;
use serde_json::{Value, json};
use stashform::diagnostic::{Anchor, Segment};
use stashform::registry::Severity;
use stashform::source::node::Node;
use stashform::source::yaml::load;

fn dns_label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,14}[a-z0-9]"
}

fn schedule() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*/5 * * * *".to_owned()),
        Just("0 2 * * *".to_owned()),
        Just("@daily".to_owned()),
        Just("@every 1h30m".to_owned()),
        Just("0,30 8-18 * * 1-5".to_owned()),
        (0..60u32, 0..24u32).prop_map(|(m, h)| format!("{m} {h} * * *")),
        (1..29u32, 0..7u32).prop_map(|(d, w)| format!("0 0 {d} * {w}")),
    ]
}

/// A CPU request within the generated limit of 4.
fn cpu_request() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1..=4000u32).prop_map(|n| json!(format!("{n}m"))),
        (1..=4u32).prop_map(|n| json!(n)),
        (1..=40u32).prop_map(|n| json!(format!("{}", f64::from(n) / 10.0))),
    ]
}

prop_compose! {
    fn backup_configuration()(
        name in dns_label(),
        namespace in dns_label(),
        backends in prop::collection::vec(dns_label(), 1..3),
        sessions in prop::collection::vec((dns_label(), schedule(), 0..5i32), 1..4),
        args in prop_oneof![Just(None), Just(Some("--clean")), Just(Some("testdb"))],
        cpu in cpu_request(),
        user in 0..70000i64,
    ) -> Value {
        let mut backends = backends;
        backends.sort();
        backends.dedup();
        let mut seen = std::collections::HashSet::new();
        let sessions: Vec<Value> = sessions
            .into_iter()
            .filter(|(n, _, _)| seen.insert(n.clone()))
            .enumerate()
            .map(|(i, (session, schedule, backoff))| {
                let mut params = serde_json::Map::new();
                if let Some(args) = args {
                    params.insert("args".into(), json!(args));
                }
                json!({
                    "name": session,
                    "scheduler": {"schedule": schedule, "jobTemplate": {"backoffLimit": backoff}},
                    "repositories": [{
                        "name": format!("repo-{i}"),
                        "backend": backends[i % backends.len()],
                        "directory": format!("/pg-{i}"),
                        "encryptionSecret": {"name": "encrypt-secret", "namespace": namespace},
                    }],
                    "addon": {
                        "name": "postgres-addon",
                        "jobTemplate": {"spec": {
                            "securityContext": {"runAsUser": user},
                            "resources": {"requests": {"cpu": cpu}, "limits": {"cpu": "4"}},
                        }},
                        "tasks": [{"name": "logical-backup", "params": params}],
                    },
                })
            })
            .collect();
        json!({
            "apiVersion": "core.kubestash.com/v1alpha1",
            "kind": "BackupConfiguration",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {
                "target": {"apiGroup": "kubedb.com", "kind": "Postgres", "namespace": namespace, "name": "pg"},
                "backends": backends.iter().map(|b| json!({
                    "name": b,
                    "storageRef": {"name": "gcs-storage", "namespace": namespace},
                    "retentionPolicy": {"name": "keep", "namespace": namespace},
                })).collect::<Vec<_>>(),
                "sessions": sessions,
            },
        })
    }
}

/// Does `path` exist in `root`, or stop at its first missing step (for `Missing` anchors)?
fn path_is_sound(root: &Node, segments: &[Segment], anchor: Anchor) -> bool {
    let mut node = root;
    for (i, segment) in segments.iter().enumerate() {
        let next = match segment {
            Segment::Key(k) => node.get(k),
            Segment::Index(n) => node.items().get(*n),
        };
        match next {
            Some(child) => node = child,
            None => return anchor == Anchor::Missing || i + 1 == segments.len(),
        }
    }
    true
}

/// A random YAML-ish text made of the characters that matter to YAML.
fn yamlish() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("a: 1\n"),
        Just("- x\n"),
        Just("  "),
        Just("b: [1, {c: d}]\n"),
        Just("'q'"),
        Just("\"e\\n\""),
        Just("&a "),
        Just("*a"),
        Just(": "),
        Just("#c\n"),
        Just("---\n"),
        Just("|\n  t\n"),
        Just("yes"),
        Just("0x1F"),
        Just("~"),
        Just("é"),
        Just("\t"),
        Just("? k\n"),
        Just("key: >\n  folded\n"),
        Just("n: -1.5e3\n"),
        Just("s: \"0 0 * * 7\"\n"),
    ];
    prop::collection::vec(atom, 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_configurations_render_load_back_and_validate_clean(doc in backup_configuration()) {
        let node = Node::from_json(&doc);
        let text = stashform::render::render(&node);
        let loaded = load(&text);
        prop_assert!(loaded.diagnostics.is_empty(), "{text}");
        prop_assert_eq!(loaded.documents[0].root.to_json(), doc.clone());
        let report = stashform::check(&text);
        let problems: Vec<_> = report.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| format!("{} {}: {}", d.rule.code, d.path, d.message)).collect();
        prop_assert!(problems.is_empty(), "{text}\n{problems:?}");
    }

    #[test]
    fn mutated_documents_get_located_diagnostics(
        doc in backup_configuration(),
        which in 0usize..64,
        replacement in prop_oneof![
            Just(json!(null)), Just(json!(-1)), Just(json!(true)), Just(json!("")),
            Just(json!("0 0 * * 7")), Just(json!({"x": 1})), Just(json!([1])), Just(json!(0.5)),
            Just(json!("1GB")), Just(json!("2d")),
        ],
    ) {
        let mut doc = doc;
        // Replace the `which`-th scalar (depth-first) with the replacement.
        fn replace(value: &mut Value, which: &mut usize, with: &Value) -> bool {
            match value {
                Value::Object(map) => map.values_mut().any(|v| replace(v, which, with)),
                Value::Array(items) => items.iter_mut().any(|v| replace(v, which, with)),
                scalar => {
                    if *which == 0 { *scalar = with.clone(); true } else { *which -= 1; false }
                }
            }
        }
        let mut n = which;
        replace(&mut doc, &mut n, &replacement);
        let text = stashform::render::render(&Node::from_json(&doc));
        let report = stashform::check(&text);
        let root = &load(&text).documents[0].root;
        for d in &report.diagnostics {
            let span = d.span.unwrap();
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(path_is_sound(root, &d.path.0, d.anchor), "{} {} in\n{text}", d.rule.code, d.path);
        }
    }

    #[test]
    fn fmt_is_lossless_and_idempotent_on_anything_that_loads(text in yamlish()) {
        if let Ok(formatted) = stashform::format(&text) {
            let before: Vec<_> = load(&text).documents.iter().map(|d| d.root.to_json()).collect();
            let reloaded = load(&formatted);
            prop_assert!(reloaded.diagnostics.is_empty(), "{text:?} -> {formatted:?}");
            let after: Vec<_> = reloaded.documents.iter().map(|d| d.root.to_json()).collect();
            prop_assert_eq!(before, after, "{:?} -> {:?}", text, formatted);
            prop_assert_eq!(stashform::format(&formatted).ok(), Some(formatted.clone()));
        }
    }
}
