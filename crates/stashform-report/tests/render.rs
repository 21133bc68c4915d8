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
