//! Suppressions in the file: what each form covers, the findings they silence (counted in
//! `Report::suppressed`), and the warnings and errors about suppressions themselves.

use stashform::{CheckOptions, Level, Report, check, check_with, fix};

/// A BackupConfiguration with two findings in its first session (Sunday as 7, a negative
/// backoffLimit) and one at the root (no namespace).
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
        schedule: \"0 0 * * 7\"
        jobTemplate:
          backoffLimit: -1
      repositories:
        - {name: repo, backend: gcs, directory: /pg, encryptionSecret: {name: s, namespace: demo}}
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
";

fn codes(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.code).collect()
}

fn suppressed(report: &Report) -> Vec<&str> {
    report
        .suppressed
        .iter()
        .map(|s| s.diagnostic.rule.code)
        .collect()
}

/// `TEXT` with `line` inserted before the line that starts with `before` (trimmed).
fn with_line(before: &str, line: &str) -> String {
    let at = TEXT.find(before).expect("in TEXT");
    let start = TEXT[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{line}\n{}", &TEXT[..start], &TEXT[start..])
}

#[test]
fn without_suppressions_nothing_changes() {
    let report = check(TEXT);
    assert_eq!(codes(&report), ["KS604", "KS401", "KS403"]);
    assert!(report.suppressed.is_empty());
    // Mentioning stashform is not suppressing anything.
    let mentioned = format!("# checked by stashform\n{TEXT}");
    assert_eq!(codes(&check(&mentioned)), ["KS604", "KS401", "KS403"]);
}

#[test]
fn an_own_line_comment_covers_the_entry_below_and_all_under_it() {
    // Above `scheduler:`: both findings inside it.
    let text = with_line(
        "scheduler:",
        "      # stashform-ignore KS401, KS403 -- legacy cluster",
    );
    let report = check(&text);
    assert_eq!(codes(&report), ["KS604"]);
    assert_eq!(suppressed(&report), ["KS401", "KS403"]);
    let first = &report.suppressed[0];
    assert_eq!(first.reason.as_deref(), Some("legacy cluster"));
    assert!(text[first.by.start..first.by.end].starts_with("# stashform-ignore KS401"));
    // Above the list item: everything in the item; comment lines in between are skipped.
    let text = with_line(
        "- name: daily",
        "    # stashform-ignore invalid-schedule,negative-value\n    # (rule names work too)",
    );
    assert_eq!(codes(&check(&text)), ["KS604"]);
    // Above `schedule:`: only the schedule.
    let text = with_line("schedule:", "        # stashform-ignore KS401");
    assert_eq!(codes(&check(&text)), ["KS604", "KS403"]);
}

#[test]
fn a_trailing_comment_covers_its_lines_entry() {
    // On a `key:` line, its block value too.
    let text = TEXT.replace("jobTemplate:\n", "jobTemplate: # stashform-ignore KS403\n");
    assert_eq!(codes(&check(&text)), ["KS604", "KS401"]);
    let text = TEXT.replace(
        "* * 7\"\n",
        "* * 7\" # stashform-ignore KS401 -- patched cron\n",
    );
    let report = check(&text);
    assert_eq!(codes(&report), ["KS604", "KS403"]);
    assert_eq!(report.suppressed[0].reason.as_deref(), Some("patched cron"));
    // Not its siblings.
    let text = TEXT.replace("* * 7\"\n", "* * 7\" # stashform-ignore KS403\n");
    assert_eq!(codes(&check(&text)), ["KS604", "KS401", "KS012", "KS403"]);
}

#[test]
fn document_suppressions_and_the_annotation_cover_their_document_only() {
    let text = with_line(
        "spec:",
        "# stashform-ignore-document KS604,KS401 -- reviewed",
    );
    let report = check(&text);
    assert_eq!(codes(&report), ["KS403"]);
    assert_eq!(suppressed(&report), ["KS604", "KS401"]);
    let bundle = format!("{text}---\n{TEXT}");
    let report = check(&bundle);
    assert_eq!(codes(&report), ["KS403", "KS604", "KS401", "KS403"]);
    assert_eq!(report.diagnostics[1].document, 1);
    let annotated = TEXT.replace(
        "  name: nightly\n",
        "  name: nightly\n  annotations:\n    stashform.io/ignore: \"KS401, KS403\"\n",
    );
    let report = check(&annotated);
    assert_eq!(codes(&report), ["KS604"]);
    assert_eq!(suppressed(&report), ["KS401", "KS403"]);
    let by = report.suppressed[0].by;
    assert_eq!(&annotated[by.start..by.end], "\"KS401, KS403\"");
}

#[test]
fn unused_and_invalid_suppressions_are_reported() {
    let text = with_line("schedule:", "        # stashform-ignore KS401, KS505, KS41");
    let report = check(&text);
    assert_eq!(codes(&report), ["KS604", "KS012", "KS013", "KS403"]);
    let unused = &report.diagnostics[1];
    assert_eq!(
        unused.message,
        "nothing here to suppress for KS505 (invalid-param-value)"
    );
    let span = unused.span.unwrap();
    assert_eq!(
        &text[span.start..span.end],
        "# stashform-ignore KS401, KS505, KS41"
    );
    let invalid = &report.diagnostics[2];
    let span = invalid.span.unwrap();
    assert_eq!(&text[span.start..span.end], "KS41");
    let text = with_line("schedule:", "        # stashform-ignore KS4O1 -- typo");
    let report = check(&text);
    assert_eq!(codes(&report), ["KS604", "KS013", "KS401", "KS403"]);
    // A reason without `--` is read as a code.
    let text = with_line(
        "schedule:",
        "        # stashform-ignore KS401 because of the cron",
    );
    let report = check(&text);
    let invalid = &report.diagnostics[1];
    assert_eq!(invalid.rule.code, "KS013");
    assert_eq!(
        invalid.help.as_deref(),
        Some("separate codes with commas and write the reason after ` -- `")
    );
    // Not a suppression at all.
    let text = with_line("schedule:", "        # stashform-ignored KS401");
    assert_eq!(codes(&check(&text)), ["KS604", "KS401", "KS403"]);
}

#[test]
fn the_loaders_findings_cannot_be_suppressed_and_broken_text_judges_no_suppression_unused() {
    let text = TEXT.replace(
        "  name: nightly\n",
        "  name: nightly\n  # stashform-ignore-document KS002, KS604\n  name: again\n",
    );
    let report = check(&text);
    assert!(codes(&report).contains(&"KS002"));
    assert!(codes(&report).contains(&"KS013"));
    assert!(!codes(&report).contains(&"KS012"));
}

#[test]
fn levels_do_not_decide_whether_a_suppression_is_used() {
    let text = with_line("schedule:", "        # stashform-ignore KS401");
    let mut options = CheckOptions::default();
    options.set("KS401", Level::Off).unwrap();
    let report = check_with(&text, &options);
    // Used (the rule fires there), but not counted: the rule is off.
    assert_eq!(codes(&report), ["KS604", "KS403"]);
    assert!(report.suppressed.is_empty());
    // The suppressions' own findings take levels too.
    let text = with_line("schedule:", "        # stashform-ignore KS505");
    options.set("unused-suppression", Level::Off).unwrap();
    assert_eq!(codes(&check_with(&text, &options)), ["KS604", "KS403"]);
    options.set("unused-suppression", Level::Error).unwrap();
    let report = check_with(&text, &options);
    assert_eq!(report.diagnostics[1].severity, stashform::Severity::Error);
}

#[test]
fn a_suppressed_finding_is_not_fixed() {
    let text = TEXT.replace("* * 7\"\n", "* * 7\" # stashform-ignore KS401\n");
    let fixed = fix(&text);
    assert_eq!(fixed.text, text);
    assert_eq!(suppressed(&fixed.report), ["KS401"]);
    assert!(fixed.report.suppressed[0].diagnostic.fix.is_none());
}

/// A face that loaded the text already (the web page) gets the same report from
/// `check_loaded`: suppressions, levels and fixes included.
#[test]
fn check_loaded_agrees_with_check_with() {
    let mut options = CheckOptions::default();
    options.set("KS604", Level::Warning).unwrap();
    for text in [
        TEXT.to_owned(),
        with_line(
            "schedule:",
            "        # stashform-ignore KS401,KS603 -- by hand",
        ),
        format!("# stashform-ignore-document KS403\n{TEXT}---\n{TEXT}"),
        "a: [\n".to_owned(),
    ] {
        let loaded = stashform::source::yaml::load(&text);
        for options in [CheckOptions::default(), options.clone()] {
            assert_eq!(
                stashform::check_loaded(&text, &loaded, &options),
                check_with(&text, &options),
                "{text}"
            );
        }
    }
}
