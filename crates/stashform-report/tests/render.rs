//! Each renderer once, snapshotted, on the same findings: an error with help and the cluster's
//! text, a warning, a non-ASCII value (UTF-8 and UTF-16 columns differ), and a file name that
//! needs escaping in GitHub commands.

use stashform::Severity;
use stashform_report::{CheckedFile, github, human, json, junit, sarif};

const TEXT: &str = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata:
  name: résumé-backup
  namespace: demo
spec:
  backends:
    - name: gcs-backend
      storageRef: {name: gcs-storage, namespace: demo}
      retentionPolicy: {name: demo-retention, namespace: demo}
  sessions:
    - name: nightly
      scheduler:
        schedule: \"0 0 * * 7\"
      repositories:
        - name: repo
          backend: gcs-backend
          directory: /pg
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
";

fn files() -> Vec<CheckedFile> {
    vec![CheckedFile::check(
        "deploy/a,b:c #1 ü.yaml".to_owned(),
        TEXT.as_bytes().to_vec(),
    )]
}

#[test]
fn human() {
    insta::assert_snapshot!(human::render(&files(), false));
}

#[test]
fn json() {
    insta::assert_snapshot!(json::render(&files()));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(sarif::render(&files()));
}

#[test]
fn github() {
    insta::assert_snapshot!(github::render(&files()));
}

#[test]
fn junit() {
    insta::assert_snapshot!(junit::render(&files()));
}

#[test]
fn github_step_summary() {
    insta::assert_snapshot!(github::step_summary(&files()));
}

/// Past 10 of a severity, findings are log lines, and the end says how many.
#[test]
fn github_annotates_ten_per_severity() {
    let many: String = (0..12)
        .map(|i| TEXT.replace("résumé-backup", &format!("b{i}")))
        .collect::<Vec<_>>()
        .join("---\n");
    let files = vec![CheckedFile::check(
        "many.yaml".to_owned(),
        many.into_bytes(),
    )];
    let text = github::render(&files);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    let report = &files[0].report;
    let over: usize = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| report.count(severity).saturating_sub(10))
        .sum();
    assert!(report.count(Severity::Error) > 10);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("many.yaml:")).count(),
        over
    );
    assert!(
        text.ends_with(
            "not annotated (GitHub shows 10 per severity); the step summary lists all\n"
        )
    );
}

/// A related place (the first of two duplicate keys): a second snippet in the human output, a
/// `relatedLocations` entry in SARIF.
#[test]
fn related_places() {
    let text = "apiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\nmetadata:\n  name: a\n  namespace: demo\n  name: b\nspec:\n  maxRetentionPeriod: 30d\n";
    let files = vec![CheckedFile::check(
        "keep.yaml".to_owned(),
        text.as_bytes().to_vec(),
    )];
    insta::assert_snapshot!(human::render(&files, false));
    let sarif: serde_json::Value = serde_json::from_str(&sarif::render(&files)).unwrap();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "first set here");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 4);
}

/// Related places of the rules that carry them beyond duplicates: the anchor of an alias, and
/// the object a dangling reference should match in another document of the bundle. Every
/// face shows them: the human output's second snippet, JSON's `related`, SARIF's
/// `relatedLocations`.
#[test]
fn related_places_of_aliases_and_bundles() {
    let text = "apiVersion: core.kubestash.com/v1alpha1
kind: HookTemplate
metadata: {name: readonly-hook, namespace: demo}
spec:
  action: {exec: {command: [/bin/sh, -c, echo]}}
  executor: {type: Pod, pod: {selector: app=db}}
---
apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata: {name: b, namespace: demo}
spec:
  target: {apiGroup: kubedb.com, kind: MySQL, name: db, namespace: demo}
  backends:
    - name: gcs
      storageRef: {name: gcs-storage, namespace: demo}
      retentionPolicy: {name: keep, namespace: demo}
  sessions:
    - name: nightly
      scheduler:
        schedule: &sunday \"0 0 * * 7\"
        jobTemplate: {backoffLimit: 1}
      hooks:
        preBackup:
          - name: freeze
            hookTemplate: {name: readonly-hok, namespace: demo}
      repositories:
        - {name: repo, backend: gcs, directory: /db, encryptionSecret: {name: e, namespace: demo}}
      addon: {name: postgres-addon, tasks: [{name: logical-backup}]}
    - name: weekly
      scheduler:
        schedule: *sunday
        jobTemplate: {backoffLimit: 1}
      repositories:
        - {name: repo2, backend: gcs, directory: /db2, encryptionSecret: {name: e, namespace: demo}}
      addon: {name: mysql-addon, tasks: [{name: logical-backup}]}
";
    let files = vec![CheckedFile::check(
        "bundle.yaml".to_owned(),
        text.as_bytes().to_vec(),
    )];
    insta::assert_snapshot!(human::render(&files, false));
    let found = |value: &serde_json::Value, code: &str| -> serde_json::Value {
        value
            .as_array()
            .unwrap()
            .iter()
            .rfind(|d| d["code"] == code || d["ruleId"] == code)
            .cloned()
            .unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&json::render(&files)).unwrap();
    let diagnostics = &json["diagnostics"];
    let alias = found(diagnostics, "KS401");
    assert_eq!(
        (alias["line"].clone(), alias["related"][0]["line"].clone()),
        (31.into(), 20.into())
    );
    assert_eq!(found(diagnostics, "KS705")["related"][0]["line"], 3);
    assert_eq!(found(diagnostics, "KS510")["related"][0]["line"], 12);
    let sarif: serde_json::Value = serde_json::from_str(&sarif::render(&files)).unwrap();
    let results = &sarif["runs"][0]["results"];
    let region = |code: &str| {
        found(results, code)["relatedLocations"][0]["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert_eq!(
        (region("KS401"), region("KS705"), region("KS510")),
        (20.into(), 3.into(), 12.into())
    );
}
