//! The loader's size limits that cannot reasonably be fixtures (a 32 MiB file, 100,000
//! documents): the inputs are built in memory. The other YAML-level limits have fixtures in
//! `tests/fixtures/invalid/`.

use stashform::source::yaml::{MAX_DOCUMENTS, MAX_INPUT_BYTES};
use stashform::{Encoding, LineIndex, Severity};

/// A real, valid BackupConfiguration (seed example 01).
const DOCUMENT: &str = "\
apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata:
  name: sample-postgres-backup
  namespace: demo
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
    namespace: demo
    name: sample-postgres
  backends:
    - name: gcs-backend
      storageRef:
        namespace: demo
        name: gcs-storage
      retentionPolicy:
        name: demo-retention
        namespace: demo
  sessions:
    - name: frequent-backup
      scheduler:
        schedule: \"*/5 * * * *\"
        jobTemplate:
          backoffLimit: 1
      repositories:
        - name: gcs-postgres-repo
          backend: gcs-backend
          directory: /postgres
          encryptionSecret:
            name: encrypt-secret
            namespace: demo
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
            params:
              args: --clean
";

/// The document followed by a comment line that brings the text to exactly `len` bytes.
fn padded(len: usize) -> String {
    let mut text = String::with_capacity(len);
    text.push_str(DOCUMENT);
    text.push('#');
    text.push_str(&"x".repeat(len - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), len);
    text
}

fn rule_names(report: &stashform::Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.rule.name).collect()
}

#[test]
fn the_document_itself_is_clean() {
    let report = stashform::check(DOCUMENT);
    assert!(report.diagnostics.is_empty(), "{:?}", rule_names(&report));
}

#[test]
fn input_too_large_is_one_error_at_the_start() {
    let text = padded(MAX_INPUT_BYTES + 1);
    let report = stashform::check(&text);
    assert_eq!(rule_names(&report), ["input-too-large"]);
    assert!(report.documents.is_empty());
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.rule.code, "KS003");
    assert!(
        d.message.contains(&(MAX_INPUT_BYTES + 1).to_string()),
        "{}",
        d.message
    );
    let at = d.locate(&text, &LineIndex::new(&text), Encoding::Utf8);
    assert_eq!((at.line, at.column), (1, 1));
    // The formatter refuses it with the same diagnostic.
    let error = stashform::format(&text).unwrap_err();
    assert_eq!(rule_names(&error), ["input-too-large"]);
}

#[test]
fn input_of_exactly_the_limit_is_loaded() {
    let text = padded(MAX_INPUT_BYTES);
    let report = stashform::check(&text);
    assert!(
        !rule_names(&report).contains(&"input-too-large"),
        "{:?}",
        rule_names(&report)
    );
    assert_eq!(report.documents.len(), 1);
    assert!(!report.has_errors(), "{:?}", rule_names(&report));
}

/// `count` tiny documents, each an object without kind.
fn documents(count: usize) -> String {
    "---\na: 1\n".repeat(count)
}

#[test]
fn too_many_documents_is_reported_once_at_the_first_document_over_the_limit() {
    let text = documents(MAX_DOCUMENTS + 1);
    let report = stashform::check(&text);
    let over: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "too-many-documents")
        .collect();
    assert_eq!(over.len(), 1);
    let d = over[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.rule.code, "KS006");
    // Document n (1-based) starts on line 2n - 1 with `---`; its content is on line 2n.
    let at = d.locate(&text, &LineIndex::new(&text), Encoding::Utf8);
    let content_line = u32::try_from(2 * (MAX_DOCUMENTS + 1)).unwrap();
    assert!(
        at.line == content_line || at.line == content_line - 1,
        "line {}",
        at.line
    );
    assert_eq!(report.documents.len(), MAX_DOCUMENTS);
    // Every other finding is the missing `kind` of the documents that were read.
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.rule.name == "too-many-documents" || d.rule.name == "missing-required-field"),
        "{:?}",
        report
            .diagnostics
            .iter()
            .map(|d| d.rule.name)
            .filter(|n| *n != "too-many-documents" && *n != "missing-required-field")
            .take(5)
            .collect::<Vec<_>>()
    );
    assert!(stashform::format(&text).is_err());
}

#[test]
fn exactly_the_document_limit_is_accepted() {
    let text = documents(MAX_DOCUMENTS);
    let report = stashform::check(&text);
    assert!(!rule_names(&report).contains(&"too-many-documents"));
    assert_eq!(report.documents.len(), MAX_DOCUMENTS);
}
