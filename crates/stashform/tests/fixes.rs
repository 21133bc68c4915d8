//! Fixes: each kind on a commented document (only the fixed bytes change, the finding is gone,
//! a second `fix` changes nothing), every fixture (fixing converges and keeps every comment),
//! the valid corpus (nothing to fix), and the shape faces serialise.

#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures; the library does no I/O"
)]

use std::fs;
use std::path::{Path, PathBuf};

use stashform::edit::Edit;
use stashform::{Encoding, LineIndex, check, fix};

/// A valid BackupConfiguration with comments in every position a fix might disturb.
const BACKUP: &str = r#"# Nightly logical backup of the demo database.
apiVersion: core.kubestash.com/v1alpha1 # served by KubeStash
kind: BackupConfiguration
metadata:
  name: sample-postgres-backup # the CronJob is named after it
  namespace: demo
  labels:
    backup: "true" # quoted on purpose
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
    namespace: demo
    name: sample-postgres
  backends:
    - name: gcs-backend # the only backend
      storageRef:
        namespace: demo
        name: gcs-storage
      retentionPolicy:
        name: demo-retention
        namespace: demo
  sessions:
    - name: frequent-backup
      scheduler:
        # every five minutes
        schedule: "*/5 * * * *"
        concurrencyPolicy: Forbid
        jobTemplate:
          backoffLimit: 1 # one retry
      backupTimeout: 48h
      repositories:
        - name: gcs-postgres-repo
          backend: gcs-backend # see above
          directory: /postgres
          deletionPolicy: Delete
          encryptionSecret:
            name: encrypt-secret
            namespace: demo
      addon:
        name: postgres-addon
        jobTemplate:
          spec:
            resources:
              requests:
                memory: 1Gi # plenty
        tasks:
          - name: logical-backup # pg_dumpall below
            params:
              backupCmd: pg_dumpall
              args: --clean # drop before restore
"#;

/// A valid RestoreSession with comments.
const RESTORE: &str = r#"apiVersion: core.kubestash.com/v1alpha1
kind: RestoreSession
metadata:
  name: sample-postgres-restore
  namespace: demo
spec:
  dataSource:
    repository: gcs-postgres-repo # from the backup
    snapshot: latest
    encryptionSecret:
      name: encrypt-secret
      namespace: demo
  addon:
    name: postgres-addon
    tasks:
      - name: logical-backup-restore # the restore task
        params:
          args: --dbname=testdb
"#;

/// `good` written `bad` in `base` is fixed to `fixed` by a fix of rule `code`, and by nothing
/// else: the result is `base` with `good` written `fixed`, byte for byte.
fn case(base: &str, good: &str, bad: &str, fixed: &str, code: &str) {
    assert_eq!(base.matches(good).count(), 1, "`{good}` is not unique");
    assert!(check(base).diagnostics.iter().all(|d| d.fix.is_none()));
    let broken = base.replacen(good, bad, 1);
    let found = check(&broken);
    assert!(
        found
            .diagnostics
            .iter()
            .any(|d| d.rule.code == code && d.fix.is_some()),
        "no fix of {code} for `{bad}`: {:#?}",
        found.diagnostics
    );
    let done = fix(&broken);
    assert_eq!(done.text, base.replacen(good, fixed, 1), "fixing `{bad}`");
    assert!(
        done.applied.iter().any(|a| a.rule.code == code),
        "{:?}",
        done.applied
    );
    assert!(
        done.report.diagnostics.iter().all(|d| d.rule.code != code),
        "{code} is still found: {:#?}",
        done.report.diagnostics
    );
    assert_eq!(done.report, check(&done.text));
    assert_eq!(
        fix(&done.text).text,
        done.text,
        "a second fix changes nothing"
    );
}

#[test]
fn a_misspelled_key_is_renamed() {
    // Unknown field: a different case.
    case(
        BACKUP,
        "backoffLimit: 1",
        "backOffLimit: 1",
        "backoffLimit: 1",
        "KS101",
    );
    case(
        BACKUP,
        "  namespace: demo\n  labels",
        "  namepsace: demo\n  labels",
        "  namespace: demo\n  labels",
        "KS101",
    );
    // Unknown parameter, and a container resource name.
    case(
        BACKUP,
        "args: --clean",
        "arg: --clean",
        "args: --clean",
        "KS504",
    );
    case(BACKUP, "memory: 1Gi", "memroy: 1Gi", "memory: 1Gi", "KS407");
    // The key and its value, both fixed in one round.
    case(BACKUP, "memory: 1Gi", "memroy: 1gi", "memory: 1Gi", "KS106");
}

#[test]
fn a_misspelled_value_is_replaced() {
    case(
        BACKUP,
        "deletionPolicy: Delete",
        "deletionPolicy: delete",
        "deletionPolicy: Delete",
        "KS104",
    );
    case(
        BACKUP,
        "- name: logical-backup #",
        "- name: logical-backups #",
        "- name: logical-backup #",
        "KS502",
    );
    case(
        BACKUP,
        "backupCmd: pg_dumpall",
        "backupCmd: pg_dump_all",
        "backupCmd: pg_dumpall",
        "KS505",
    );
    case(
        BACKUP,
        "backend: gcs-backend #",
        "backend: gcs-bakend #",
        "backend: gcs-backend #",
        "KS315",
    );
    case(
        BACKUP,
        "kind: BackupConfiguration",
        "kind: backupconfiguration",
        "kind: BackupConfiguration",
        "KS015",
    );
    case(
        BACKUP,
        "concurrencyPolicy: Forbid",
        "concurrencyPolicy: forbid",
        "concurrencyPolicy: Forbid",
        "KS404",
    );
    // A task of the other direction: its counterpart by the catalog's naming.
    case(
        RESTORE,
        "- name: logical-backup-restore",
        "- name: logical-backup",
        "- name: logical-backup-restore",
        "KS503",
    );
}

#[test]
fn values_with_one_correct_spelling_are_rewritten() {
    case(
        BACKUP,
        "schedule: \"*/5 * * * *\"",
        "schedule: \"0 0 * * 1,7\"",
        "schedule: \"0 0 * * 1,0\"",
        "KS401",
    );
    case(
        BACKUP,
        "backupTimeout: 48h",
        "backupTimeout: 2d",
        "backupTimeout: 48h",
        "KS201",
    );
    case(BACKUP, "memory: 1Gi", "memory: 1gi", "memory: 1Gi", "KS106");
    case(
        BACKUP,
        "name: sample-postgres-backup",
        "name: Sample-Postgres-Backup",
        "name: sample-postgres-backup",
        "KS205",
    );
    case(
        BACKUP,
        "  namespace: demo\n  labels",
        "  namespace: Demo\n  labels",
        "  namespace: demo\n  labels",
        "KS206",
    );
    case(
        BACKUP,
        "core.kubestash.com/v1alpha1 #",
        "core.kubestash.com/v1 #",
        "core.kubestash.com/v1alpha1 #",
        "KS011",
    );
}

#[test]
fn a_number_or_boolean_meant_as_a_string_is_quoted_as_written() {
    case(
        BACKUP,
        "backup: \"true\"",
        "backup: yes",
        "backup: \"yes\"",
        "KS102",
    );
    case(
        BACKUP,
        "args: --clean",
        "args: 0.50",
        "args: \"0.50\"",
        "KS507",
    );
    case(
        BACKUP,
        "backupTimeout: 48h",
        "backupTimeout: 010",
        "backupTimeout: \"010\"",
        "KS102",
    );
}

#[test]
fn a_missing_api_version_is_added_where_it_goes() {
    case(
        BACKUP,
        "apiVersion: core.kubestash.com/v1alpha1 # served by KubeStash\n",
        "",
        "apiVersion: core.kubestash.com/v1alpha1\n",
        "KS103",
    );
}

#[test]
fn guesses_are_help_not_fixes() {
    for (good, bad) in [
        // A different backend, not a typo of the declared one.
        ("backend: gcs-backend #", "backend: s3-backend #"),
        // A range with Sunday as 7 has no one-token fix.
        ("\"*/5 * * * *\"", "\"0 0 * * 5-7\""),
        // `1GB` may mean `1G` or `1Gi`.
        ("memory: 1Gi", "memory: 1GB"),
        // An Addon of the cluster may have this name.
        ("name: postgres-addon", "name: postgres-addon2"),
        // Another product's kind, not a KubeStash group or version.
        (
            "core.kubestash.com/v1alpha1 #",
            "stash.appscode.com/v1beta1 #",
        ),
        // Lowercase alone does not make it a name.
        ("name: sample-postgres-backup", "name: Sample_Backup"),
    ] {
        let broken = BACKUP.replacen(good, bad, 1);
        let report = check(&broken);
        assert!(!report.diagnostics.is_empty(), "{bad}");
        assert!(
            report.diagnostics.iter().all(|d| d.fix.is_none()),
            "{bad}: {:#?}",
            report.diagnostics
        );
        assert_eq!(fix(&broken).text, broken);
    }
    // A reference that may exist in the cluster.
    let bundle = format!(
        "{}---\napiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\nmetadata:\n  name: demo-retention\n  namespace: demo\nspec:\n  maxRetentionPeriod: 30d\n",
        BACKUP.replacen("name: demo-retention", "name: demo-retension", 1)
    );
    let report = check(&bundle);
    assert!(report.diagnostics.iter().any(|d| d.rule.code == "KS702"));
    assert!(report.diagnostics.iter().all(|d| d.fix.is_none()));
}

#[test]
fn fixes_that_cannot_be_made_exactly_are_dropped() {
    // The schedule is anchored and used again elsewhere: fixing it would change both.
    let shared = BACKUP.replacen("schedule: \"*/5 * * * *\"", "schedule: &s \"0 0 * * 7\"", 1)
        + "x-copy: *s\n";
    let report = check(&shared);
    let schedule = report.diagnostics.iter().find(|d| d.rule.code == "KS401");
    assert!(
        schedule.is_some_and(|d| d.fix.is_none()),
        "{:#?}",
        report.diagnostics
    );
    assert_eq!(fix(&shared).text, shared);
    // A rename onto a key that exists.
    let text = BACKUP.replacen("args: --clean", "args: --clean\n              arg: x", 1);
    let report = check(&text);
    assert!(report.diagnostics.iter().any(|d| d.rule.code == "KS504"));
    assert!(report.diagnostics.iter().all(|d| d.fix.is_none()));
}

#[test]
fn a_value_read_through_an_alias_is_written_in_its_place() {
    // Only this use of the anchored text is fixed; the anchor keeps its value.
    case(
        &BACKUP.replacen(
            "kind: BackupConfiguration\n",
            "kind: BackupConfiguration\nx-sunday: &s \"0 0 * * 7\"\n",
            1,
        ),
        "schedule: \"*/5 * * * *\"",
        "schedule: *s",
        "schedule: \"0 0 * * 0\"",
        "KS401",
    );
}

#[test]
fn fixes_in_several_documents_are_made_in_one_round() {
    let one = BACKUP.replacen("backoffLimit: 1", "backOffLimit: 1", 1);
    let two = RESTORE.replacen(
        "- name: logical-backup-restore",
        "- name: logical-backup",
        1,
    );
    let text = format!("{one}---\n{two}---\n{one}");
    let done = fix(&text);
    assert_eq!(done.text, format!("{BACKUP}---\n{RESTORE}---\n{BACKUP}"));
    assert_eq!(done.applied.len(), 3);
    assert_eq!(
        done.applied.iter().map(|a| a.document).collect::<Vec<_>>(),
        [0, 1, 2]
    );
}

#[test]
fn located_fixes_are_serialised_only_when_there_is_one() {
    let text = BACKUP.replacen("schedule: \"*/5 * * * *\"", "schedule: \"0 0 * * 7\"", 1);
    let report = check(&text);
    let index = LineIndex::new(&text);
    let located: Vec<serde_json::Value> = report
        .diagnostics
        .iter()
        .map(|d| serde_json::to_value(d.locate(&text, &index, Encoding::Utf8)).unwrap())
        .collect();
    assert_eq!(located.len(), 1);
    assert_eq!(
        located[0]["fix"],
        serde_json::json!({
            "title": "write Sunday as 0: `0 0 * * 0`",
            "replacements": [{"line": 27, "column": 28, "endLine": 27, "endColumn": 29, "text": "0"}],
        })
    );
    let negative = BACKUP.replacen("backoffLimit: 1", "backoffLimit: -1", 1);
    let unfixable = check(&negative);
    let index = LineIndex::new(&negative);
    let value =
        serde_json::to_value(unfixable.diagnostics[0].locate(&negative, &index, Encoding::Utf8))
            .unwrap();
    assert!(value.get("fix").is_none(), "{value}");
    // The replacement, computed again from the fix's edits.
    let loaded = stashform::source::yaml::load(&text);
    let d = &report.diagnostics[0];
    assert_eq!(
        d.fix_replacement(&text, &loaded.documents),
        d.fix.as_ref().unwrap().replacement
    );
    assert!(matches!(
        d.fix.as_ref().unwrap().edits[..],
        [Edit::Set { .. }]
    ));
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn comment_texts(text: &str) -> Vec<&str> {
    stashform_yaml::comments::comments(text)
        .iter()
        .map(|c| &text[c.span.start..c.span.end])
        .collect()
}

#[test]
fn valid_documents_have_nothing_to_fix() {
    for file in yaml_files(&fixtures().join("valid")) {
        let text = fs::read_to_string(&file).unwrap();
        let done = fix(&text);
        assert_eq!(done.text, text, "{}", file.display());
        assert!(done.applied.is_empty(), "{}", file.display());
    }
}

#[test]
fn fixing_the_fixtures_converges_and_keeps_every_comment() {
    let mut fixed = 0;
    for file in yaml_files(&fixtures()) {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let done = fix(&text);
        let name = file.display();
        assert_eq!(done.report, check(&done.text), "{name}");
        assert!(
            done.report.diagnostics.iter().all(|d| d.fix.is_none()),
            "{name}: a fix is left"
        );
        assert_eq!(fix(&done.text).text, done.text, "{name}: not idempotent");
        assert_eq!(comment_texts(&text), comment_texts(&done.text), "{name}");
        fixed += done.applied.len();
    }
    assert!(fixed >= 20, "the fixtures hold fixable findings ({fixed})");
}
