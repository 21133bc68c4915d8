//! Per-rule levels: a level replaces the registry's severity, `off` drops the findings (and
//! their fixes); an unknown rule is an error with a suggestion.

use stashform::{CheckOptions, Level, Severity, check, check_with, fix_with};

const TEXT: &str = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata:
  name: nightly
spec:
  backends:
    - name: gcs
      storageRef: {name: gcs-storage, namespace: demo}
      retentionPolicy: {name: keep, namespace: demo}
  sessions:
    - name: daily
      scheduler:
        schedule: \"0 0 * * 7\" # Sunday
        jobTemplate: {}
      repositories:
        - {name: repo, backend: gcs, directory: /pg, encryptionSecret: {name: s, namespace: demo}}
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
";

fn codes(report: &stashform::Report) -> Vec<(&str, Severity)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.severity))
        .collect()
}

#[test]
fn levels_replace_severities_and_off_drops_findings() {
    assert_eq!(
        codes(&check(TEXT)),
        [("KS604", Severity::Info), ("KS401", Severity::Error)]
    );
    assert_eq!(check_with(TEXT, &CheckOptions::default()), check(TEXT));
    let mut options = CheckOptions::default();
    options.set("invalid-schedule", Level::Warning).unwrap();
    options.set("KS604", Level::Error).unwrap();
    let report = check_with(TEXT, &options);
    assert_eq!(
        codes(&report),
        [("KS604", Severity::Error), ("KS401", Severity::Warning)]
    );
    // The fix stays with its finding, whatever its level.
    assert!(report.diagnostics[1].fix.is_some());
    options.set("KS401", Level::Off).unwrap();
    options.set("KS604", Level::Info).unwrap();
    let report = check_with(TEXT, &options);
    assert_eq!(codes(&report), [("KS604", Severity::Info)]);
    // A rule that is off is not fixed either.
    let fixed = fix_with(TEXT, &options);
    assert_eq!(fixed.text, TEXT);
    assert!(fixed.applied.is_empty());
    let mut on = CheckOptions::default();
    on.set("KS604", Level::Off).unwrap();
    let fixed = fix_with(TEXT, &on);
    assert_eq!(fixed.text, TEXT.replace("* * 7", "* * 0"));
    assert!(fixed.report.diagnostics.is_empty());
}

#[test]
fn unknown_rules_and_levels_are_errors() {
    let mut options = CheckOptions::default();
    let error = options.set("KS999", Level::Off).unwrap_err();
    assert_eq!(error.to_string(), "`KS999` is not a rule code or name");
    let error = options.set("ks401", Level::Off).unwrap_err();
    assert_eq!(error.help.as_deref(), Some("did you mean `KS401`?"));
    let error = options.set("invalid-shedule", Level::Off).unwrap_err();
    assert_eq!(
        error.help.as_deref(),
        Some("did you mean `invalid-schedule`?")
    );
    assert!(options.is_empty());
    assert_eq!("warning".parse::<Level>(), Ok(Level::Warning));
    assert!("warn".parse::<Level>().is_err());
}

#[test]
fn a_file_with_a_yaml_error_still_counts_its_documents() {
    let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n---\napiVersion: core.kubestash.com/v1alpha1\nkind: RestoreSession\nspec:\n  dataSource: {repository: [\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\n";
    let report = stashform::check(text);
    assert!(report.has_errors());
    let kinds: Vec<_> = report.documents.iter().map(|d| d.kind.as_deref()).collect();
    assert_eq!(
        kinds,
        [Some("Secret"), Some("RestoreSession"), Some("Secret")]
    );
    assert!(!report.documents[1].checked);
    let empty = stashform::check("a: [\n");
    assert_eq!(empty.documents.len(), 1);
}
