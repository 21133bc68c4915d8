//! Each renderer once, snapshotted, on the same findings: an error with help and the cluster's
//! text, a warning, a non-ASCII value (UTF-8 and UTF-16 columns differ), and a file name that
//! needs escaping in GitHub commands.

use stashform_report::{CheckedFile, github, human, json, sarif};

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
        "deploy/a,b:c.yaml".to_owned(),
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
