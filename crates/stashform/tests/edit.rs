//! The lossless edit layer on the known hard cases of comment-preserving YAML tools: comments
//! in sequences, after `key:` that opens a block, around `---`, at the end of the file, above
//! keys that move, text that looks like a comment inside quoted and block scalars. Each case's
//! result is snapshotted (`snapshots/edit__<case>.snap`) and its diff against the input is
//! checked to stay inside the edited node.

#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures; the library does no I/O"
)]

use std::fs;
use std::path::Path;

use serde_json::json;
use stashform::edit::{Edit, apply_all};
use stashform::source::node::Node;

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/comments")
            .join(name),
    )
    .unwrap()
}

fn path(text: &str) -> stashform::Path {
    stashform::Path::parse(text).unwrap()
}

fn set(p: &str, value: serde_json::Value) -> Edit {
    Edit::Set {
        path: path(p),
        value: Node::from_json(&value),
    }
}

fn remove(p: &str) -> Edit {
    Edit::Remove { path: path(p) }
}

/// What a reviewer sees: a unified diff of the input and the result.
fn diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .to_string()
}

fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Set { path, value } => format!("  set {path} = {}\n", value.to_json()),
        Edit::Remove { path } => format!("  remove {path}\n"),
        Edit::Insert { path, index, value } => {
            format!("  insert {path}[{index:?}] = {}\n", value.to_json())
        }
        Edit::Move { path, from, to } => format!("  move {path} {from} -> {to}\n"),
        Edit::Rename { path, to } => format!("  rename {path} -> {to}\n"),
    }
}

fn case(name: &str, text: &str, document: usize, edits: &[Edit]) {
    let after = apply_all(text, document, edits).unwrap_or_else(|e| panic!("{name}: {e}"));
    let shown = format!(
        "edits:\n{}--- diff ---\n{}--- result ---\n{after}",
        edits.iter().map(describe).collect::<String>(),
        diff(text, &after)
    );
    insta::assert_snapshot!(name, shown);
}

#[test]
fn a_replaced_scalar_keeps_its_line_comment_and_quotes() {
    let text = fixture("migrated.yaml");
    case(
        "scalar_in_place",
        &text,
        0,
        &[
            set("metadata.name", json!("nightly-postgres-backup")),
            set("spec.sessions[0].scheduler.schedule", json!("0 2 * * *")),
            set("spec.sessions[0].repositories[0].directory", json!("/pg")),
            set(
                "spec.sessions[0].scheduler.jobTemplate.backoffLimit",
                json!(3),
            ),
        ],
    );
}

#[test]
fn inserted_keys_follow_the_docs_order_at_the_blocks_indentation() {
    let text = fixture("migrated.yaml");
    case(
        "insert_keys",
        &text,
        0,
        &[
            // Between `name` and `repositories`, after the scheduler block.
            set(
                "spec.sessions[0].scheduler.jobTemplate.spec.securityContext.runAsUser",
                json!(999),
            ),
            // Unknown keys go last.
            set("metadata.labels.team", json!("db")),
            set(
                "spec.sessions[0].repositories[0].backupVerifier.name",
                json!("verifier"),
            ),
        ],
    );
}

#[test]
fn removals_take_their_own_comments_and_nothing_else() {
    let text = fixture("migrated.yaml");
    case(
        "remove",
        &text,
        0,
        &[
            remove("spec.backends[0]"),
            remove("spec.sessions[0].scheduler.schedule"),
            remove("spec.sessions[0].repositories[0].name"),
            remove("spec.sessions[0].addon.tasks[0].params.args"),
        ],
    );
}

#[test]
fn lists_grow_and_reorder_with_their_comments() {
    let text = fixture("migrated.yaml");
    case(
        "lists",
        &text,
        0,
        &[
            Edit::Insert {
                path: path("spec.backends"),
                index: None,
                value: Node::from_json(
                    &json!({"name": "s3-backend", "storageRef": {"name": "s3", "namespace": "demo"}}),
                ),
            },
            Edit::Move {
                path: path("spec.backends"),
                from: 1,
                to: 0,
            },
            Edit::Insert {
                path: path("spec.sessions[0].addon.tasks"),
                index: Some(0),
                value: Node::from_json(&json!({"name": "manifest-backup"})),
            },
        ],
    );
}

#[test]
fn hard_layouts_flow_block_scalars_and_documents() {
    let text = fixture("hard-cases.yaml");
    case(
        "hard_layouts",
        &text,
        0,
        &[
            set("spec.addon.tasks[0].params.args", json!("--dbname=other")),
            set(
                "spec.dataSource.encryptionSecret.name",
                json!("other-secret"),
            ),
            set("spec.dataSource.encryptionSecret.extra", json!("x")),
            set("spec.target.note", json!("one line now")),
            remove("spec.addon.tasks[1].name"),
            set("spec.dataSource.components", json!(["dump"])),
        ],
    );
    case(
        "second_document",
        &text,
        1,
        &[
            set("stringData.RESTIC_PASSWORD", json!("it's secret")),
            set("metadata.labels.app", json!("kubestash")),
        ],
    );
}

#[test]
fn empty_and_missing_places() {
    case(
        "from_nothing",
        "# only a comment\n",
        0,
        &[
            set("apiVersion", json!("core.kubestash.com/v1alpha1")),
            set("kind", json!("BackupConfiguration")),
        ],
    );
    case(
        "empty_values",
        "metadata: {}\nspec:\n  backends: []\n  sessions:\nstatus: ~ # keep\n",
        0,
        &[
            set("metadata.name", json!("a")),
            set("spec.backends[0].name", json!("b")),
            set("spec.sessions[0].name", json!("c")),
            set("status.phase", json!("Ready")),
        ],
    );
    case(
        "first_key_of_an_item",
        "repositories:\n  - backend: b # trailing\n    directory: /d\n  - # after the dash\n    backend: c\n",
        0,
        &[
            // `name` goes before `backend`: the new key takes the dash's line.
            set("repositories[0].name", json!("r")),
            // The comment after the dash is the item's: it stays.
            remove("repositories[1].backend"),
        ],
    );
    case(
        "no_final_newline",
        "a: 1\nlist:\n  - x",
        0,
        &[
            Edit::Insert {
                path: path("list"),
                index: None,
                value: Node::from_json(&json!("y")),
            },
            set("z", json!(true)),
        ],
    );
}

#[test]
fn text_beyond_ascii_is_spliced_between_characters() {
    let text = "# équipe données\nmetadata:\n  name: café # nommé ainsi\n  labels:\n    ü: 'ä ö'\nlist: [é, \"ß\"]\nitems:\n  - ünïcode # ✓\n  - 名前\n";
    let edits = [
        set("metadata.name", json!("thé")),
        set("metadata.labels.ü", json!("✓ fine")),
        remove("list[0]"),
        Edit::Insert {
            path: path("items"),
            index: Some(1),
            value: Node::from_json(&json!("中")),
        },
        Edit::Move {
            path: path("items"),
            from: 2,
            to: 0,
        },
    ];
    let after = apply_all(text, 0, &edits).unwrap();
    assert_eq!(
        after,
        "# équipe données\nmetadata:\n  name: thé # nommé ainsi\n  labels:\n    ü: '✓ fine'\nlist: [\"ß\"]\nitems:\n  - 名前\n  - ünïcode # ✓\n  - 中\n"
    );
}

fn rename(p: &str, to: &str) -> Edit {
    Edit::Rename {
        path: path(p),
        to: to.to_owned(),
    }
}

#[test]
fn renamed_keys_keep_their_place_quotes_and_comments() {
    let text = "# top\nresources:\n  limits:\n    memroy: 1Gi # why\n    'cpu ': \"1\"\n  requests: {\"CPU\": 500m, gpu: 1}\nparams:\n  # the command\n  backupCommand: |\n    pg_dump\n  y: 1\n";
    case(
        "rename",
        text,
        0,
        &[
            rename("resources.limits.memroy", "memory"),
            rename("resources.limits[\"cpu \"]", "cpu"),
            rename("resources.requests.CPU", "cpu"),
            rename("resources.requests.gpu", "a, b"),
            rename("params.backupCommand", "backupCmd"),
            // `y` is the key `true` to Kubernetes' reader; `yes` needs quotes as a key.
            rename("params.true", "yes"),
        ],
    );
}

#[test]
fn renames_that_would_lose_data_are_refused() {
    let text = "a:\n  b: 1\n  c: 2\nl: [x]\n";
    let error = apply_all(text, 0, &[rename("a.b", "c")]).unwrap_err();
    assert!(error.message.contains("`a.c` exists already"), "{error}");
    let error = apply_all(text, 0, &[rename("a.z", "y")]).unwrap_err();
    assert!(error.message.contains("no key `a.z`"), "{error}");
    assert!(apply_all(text, 0, &[rename("l[0]", "y")]).is_err());
    // A key that reaches its mapping through an alias is not where the text can rename it.
    let aliased = "base: &b\n  cpu: 1\nlimits:\n  <<: *b\n";
    assert!(apply_all(aliased, 0, &[rename("limits.cpu", "memory")]).is_err());
    // Renaming to itself changes nothing.
    assert_eq!(apply_all(text, 0, &[rename("a.b", "b")]).unwrap(), text);
}

#[test]
fn edits_that_cannot_be_exact_are_refused() {
    let aliased = "base: &b\n  cpu: 1\nlimits: *b\n";
    let error = apply_all(aliased, 0, &[set("limits.cpu", json!(2))]).unwrap_err();
    assert!(
        error.message.contains("`limits.cpu` comes from an alias"),
        "{error}"
    );
    let broken = "a: [1\n";
    assert!(apply_all(broken, 0, &[set("a", json!(1))]).is_err());
    assert!(
        apply_all("a: 1\n", 3, &[set("a", json!(2))]).is_err(),
        "no such document"
    );
    let error = apply_all(
        "l: [1]\n",
        0,
        &[Edit::Move {
            path: path("l"),
            from: 0,
            to: 4,
        }],
    )
    .unwrap_err();
    assert!(error.message.contains("cannot move"), "{error}");
    // Removing what is not there changes nothing.
    assert_eq!(apply_all("a: 1\n", 0, &[remove("b.c")]).unwrap(), "a: 1\n");
}

#[test]
fn fmt_moves_comments_with_their_nodes() {
    for name in ["migrated.yaml", "hard-cases.yaml", "block-ends.yaml"] {
        let text = fixture(name);
        let formatted = stashform::format(&text).unwrap();
        assert_eq!(stashform::format(&formatted).unwrap(), formatted, "{name}");
        insta::assert_snapshot!(format!("fmt_{name}"), formatted);
    }
}
