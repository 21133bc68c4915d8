//! The CLI as a process: exit codes, every output format, fmt, schedule, schema, rules.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stashform(args: &[&str], stdin: Option<&[u8]>) -> Output {
    stashform_in(&root(), &[], args, stdin)
}

/// Run in `dir` with extra environment variables.
fn stashform_in(dir: &Path, env: &[(&str, &str)], args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stashform"))
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The child may exit before reading (usage errors): a broken pipe is fine.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const BAD_SCHEDULE: &str = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata:
  name: sample-postgres-backup
  namespace: demo
spec:
  backends:
    - name: gcs-backend
      storageRef: {name: gcs-storage, namespace: demo}
      retentionPolicy: {name: demo-retention, namespace: demo}
  sessions:
    - name: frequent-backup
      scheduler:
        schedule: \"0 0 * * 7\"
        jobTemplate:
          backoffLimit: 1
      repositories:
        - name: gcs-postgres-repo
          backend: gcs-backend
          directory: /postgres
          encryptionSecret: {name: encrypt-secret, namespace: demo}
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
";

#[test]
fn seed_examples_check_clean() {
    let out = stashform(&["check", "tests/fixtures/valid/seed"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("checked 9 files, 9 documents: 0 errors, 0 warnings"));
}

#[test]
fn errors_exit_1_with_a_snippet() {
    let out = stashform(&["check", "-"], Some(BAD_SCHEDULE.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn json_output_follows_the_contract() {
    let out = stashform(
        &["check", "--format", "json", "-"],
        Some(BAD_SCHEDULE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "KS401");
    assert_eq!(d["rule"], "invalid-schedule");
    assert_eq!(d["path"], "spec.sessions[0].scheduler.schedule");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(14), Some(19))
    );
    assert_eq!(
        (d["endLine"].as_u64(), d["endColumn"].as_u64()),
        (Some(14), Some(30))
    );
    assert_eq!(d["file"], "-");
    assert_eq!(d["document"], 0);
    assert!(d["help"].as_str().unwrap().contains("Sunday is 0"));
}

#[test]
fn sarif_has_a_region_for_every_result() {
    let out = stashform(
        &["check", "--format", "sarif", "tests/fixtures/invalid"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{result}");
        assert!(region["startColumn"].as_u64().unwrap() >= 1, "{result}");
        assert!(region["endLine"].as_u64().unwrap() >= region["startLine"].as_u64().unwrap());
    }
}

#[test]
fn github_annotations() {
    let out = stashform(
        &["check", "--format", "github", "-"],
        Some(BAD_SCHEDULE.as_bytes()),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "::error file=-,line=14,col=19,endLine=14,endColumn=30,title=KS401 invalid-schedule::"
        ),
        "{stdout}"
    );
}

#[test]
fn io_trouble_exits_2_and_bad_bytes_get_a_verdict() {
    let out = stashform(&["check", "no/such/file.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    for input in [
        &b"\xff\xfe\x00a"[..],
        b"",
        b"just a scalar",
        b"a: [",
        b"\x00",
        b"- - - -",
    ] {
        let out = stashform(&["check", "--format", "json", "-"], Some(input));
        assert!(matches!(out.status.code(), Some(0 | 1)), "{input:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(json["summary"].is_object());
    }
    let out = stashform(&["check", "--format", "nope"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fmt_output_is_canonical_and_check_detects_changes() {
    let out = stashform(
        &["fmt", "-"],
        Some(b"kind: X\napiVersion: v1\nspec:\n    b: 'yes'\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "apiVersion: v1\nkind: X\nspec:\n  b: \"yes\"\n"
    );
    let out = stashform(&["fmt", "--check", "-"], Some(b"kind: X\napiVersion: v1\n"));
    assert_eq!(out.status.code(), Some(1));
    let out = stashform(&["fmt", "--check", "-"], Some(b"apiVersion: v1\nkind: X\n"));
    assert_eq!(out.status.code(), Some(0));
    let out = stashform(&["fmt", "-"], Some(b"a: [\n"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn fmt_write_keeps_every_comment_next_to_its_node() {
    let dir = std::env::temp_dir().join(format!("stashform-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("commented.yaml");
    let original =
        "# team db\nkind: X # the kind\napiVersion: v1\nmetadata:\n  # why this name\n  name: a\n";
    std::fs::write(&file, original).unwrap();
    let path = file.to_str().unwrap();
    let out = stashform(&["fmt", "--write", path], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# team db\napiVersion: v1\nkind: X # the kind\nmetadata:\n  # why this name\n  name: a\n"
    );
    let out = stashform(&["fmt", "--check", path], None);
    assert_eq!(out.status.code(), Some(0), "formatted output is canonical");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn schedule_explains_and_lists_runs() {
    let out = stashform(
        &[
            "schedule",
            "*/5 * * * *",
            "--next",
            "3",
            "--from",
            "2026-11-25T18:41:00Z",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(text(&out.stdout));
    let out = stashform(&["schedule", "0 0 * * 7"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("end of range (7) above maximum (6)"));
}

#[test]
fn schema_and_rules() {
    let out = stashform(&["schema", "BackupConfiguration"], None);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["kind"]["const"], "BackupConfiguration");
    assert_eq!(stashform(&["schema", "Pod"], None).status.code(), Some(2));
    let out = stashform(&["rules", "KS401"], None);
    assert!(text(&out.stdout).contains("invalid-schedule"));
    let out = stashform(&["rules"], None);
    assert!(text(&out.stdout).lines().count() >= 60);
}

/// A fresh folder under the system's temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("stashform-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn junit_is_xml_with_a_suite_per_file_and_a_case_per_document() {
    let out = stashform(
        &[
            "check",
            "--format",
            "junit",
            "tests/fixtures/invalid",
            "tests/fixtures/valid/seed",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let xml = text(&out.stdout);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let json = stashform(
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/invalid",
            "tests/fixtures/valid/seed",
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(
        suites.len() as u64,
        json["summary"]["files"].as_u64().unwrap()
    );
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures as u64, json["summary"]["errors"].as_u64().unwrap());
    assert_eq!(
        doc.root_element().attribute("failures"),
        Some(failures.to_string().as_str())
    );
    let documents: usize = suites
        .iter()
        .map(|s| s.children().filter(|n| n.has_tag_name("testcase")).count())
        .sum();
    assert!(documents as u64 >= json["summary"]["documents"].as_u64().unwrap());
    let out = stashform(
        &["check", "--format", "junit", "-"],
        Some(BAD_SCHEDULE.as_bytes()),
    );
    insta::assert_snapshot!(text(&out.stdout));
}

/// Past GitHub's 10 annotations of a severity, the rest are log lines, and the step summary
/// lists every finding.
#[test]
fn github_step_summary_lists_more_than_ten_errors() {
    let dir = TempDir::new("github");
    for i in 0..12 {
        dir.write(&format!("backup-{i:02}.yaml"), BAD_SCHEDULE);
    }
    let summary = dir.0.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = stashform_in(
        &dir.0,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
        &["check", "--format", "github", "."],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(
        stdout.contains("\nbackup-11.yaml:14:19: error[KS401] invalid schedule"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n## stashform\n"),
        "appended, not replaced"
    );
    assert_eq!(
        written
            .lines()
            .filter(|l| l.starts_with("| ❌ error |"))
            .count(),
        12
    );
    insta::assert_snapshot!(written);
}

#[test]
fn config_is_found_from_a_subfolder_and_its_mistakes_have_lines() {
    let dir = TempDir::new("config");
    dir.write("deploy/backup/nightly.yaml", BAD_SCHEDULE);
    dir.write("deploy/backup/generated/copy.yaml", BAD_SCHEDULE);
    dir.write(
        ".stashform.yaml",
        "# repository-wide\nexclude:\n  - generated\n",
    );
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--format", "json", "deploy/backup"],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{}", text(&out.stderr));
    // From inside the subfolder, the parent's config still applies.
    let out = stashform_in(
        &dir.0.join("deploy/backup"),
        &[],
        &["check", "--format", "json", "."],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    // A nearer config wins.
    dir.write("deploy/.stashform.yaml", "exclude: []\n");
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--format", "json", "deploy/backup"],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    dir.write(
        "deploy/.stashform.yaml",
        "exclude: [\"[oops\"]\nrules:\n  KS999: off\n  KS401: loud\nextends: base\n",
    );
    let out = stashform_in(&dir.0, &[], &["check", "deploy/backup"], None);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(text(&out.stderr));
    // `--config` names one explicitly.
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--config", ".stashform.yaml", "deploy/backup"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[test]
fn no_path_and_nothing_piped_is_a_usage_error() {
    let out = stashform(&["check"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("stashform: nothing to check"));
}

/// Four findings with one certain fix each, beside comments and flow mappings that must stay.
const FIXABLE: &str = "apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata:
  name: sample-postgres-backup   # the team's nightly
  namespace: demo
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
    namespace: demo
    name: sample-postgres
  backends:
    - name: gcs-backend
      storageRef: {name: gcs-storage, namespace: demo}
      retentionPolicy: {name: demo-retention, namespace: demo}
  sessions:
    - name: frequent-backup
      scheduler:
        schedule: \"0 0 * * 7\"   # Sundays
        jobTemplate:
          backofLimit: 1
      repositories:
        - name: gcs-postgres-repo
          backend: gcs-backend
          directory: /postgres
          encryptionSecret: {name: encrypt-secret, namespace: demo}
          deletionPolicy: wipeout
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup-restore
";

#[test]
fn diff_shows_the_fixes_and_fix_makes_them_changing_nothing_else() {
    let dir = TempDir::new("fix");
    let file = dir.write("backup.yaml", FIXABLE);
    let out = stashform_in(&dir.0, &[], &["check", "--diff", "backup.yaml"], None);
    assert_eq!(out.status.code(), Some(1), "fixes are pending");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        FIXABLE,
        "--diff writes nothing"
    );
    insta::assert_snapshot!(text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "stashform: 4 findings can be fixed in 1 file (run `stashform check --fix`)\n"
    );
    let out = stashform_in(&dir.0, &[], &["check", "--fix", "backup.yaml"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stderr), "stashform: fixed 4 findings in 1 file\n");
    let fixed = std::fs::read_to_string(&file).unwrap();
    // Only the four fixed values' lines changed; every comment and layout stayed.
    let changed: Vec<(&str, &str)> = FIXABLE
        .lines()
        .zip(fixed.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                "        schedule: \"0 0 * * 7\"   # Sundays",
                "        schedule: \"0 0 * * 0\"   # Sundays"
            ),
            ("          backofLimit: 1", "          backoffLimit: 1"),
            (
                "          deletionPolicy: wipeout",
                "          deletionPolicy: WipeOut"
            ),
            (
                "          - name: logical-backup-restore",
                "          - name: logical-backup"
            ),
        ]
    );
    assert_eq!(FIXABLE.lines().count(), fixed.lines().count());
    let out = stashform_in(&dir.0, &[], &["check", "backup.yaml"], None);
    assert_eq!(out.status.code(), Some(0));
    let out = stashform_in(&dir.0, &[], &["check", "--diff", "backup.yaml"], None);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), String::new())
    );
    // stdin has no file to rewrite.
    let out = stashform(&["check", "--fix", "-"], Some(FIXABLE.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn suppressions_in_each_form_and_their_mistakes() {
    let text_with = |extra: &str| {
        let mut t = BAD_SCHEDULE.replace(
            "        schedule: \"0 0 * * 7\"\n",
            &format!("        schedule: \"0 0 * * 7\"{extra}\n"),
        );
        t.push_str("");
        t
    };
    // Trailing: the line's node.
    let trailing = text_with("  # stashform-ignore KS401 -- Sunday runs are handled by hand");
    let out = stashform(
        &["check", "--format", "json", "-"],
        Some(trailing.as_bytes()),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{json}");
    assert_eq!(json["summary"]["suppressed"], 1);
    // Own line: the node below and everything under it.
    let own_line = BAD_SCHEDULE.replace(
        "      scheduler:\n",
        "      # stashform-ignore KS401,KS103 -- migrating\n      scheduler:\n",
    );
    let out = stashform(&["check", "-"], Some(own_line.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // The whole document, by comment or by annotation.
    let document = format!("# stashform-ignore-document KS401 -- legacy\n{BAD_SCHEDULE}");
    assert_eq!(
        stashform(&["check", "-"], Some(document.as_bytes()))
            .status
            .code(),
        Some(0)
    );
    let annotated = BAD_SCHEDULE.replace(
        "  namespace: demo\nspec:",
        "  namespace: demo\n  annotations:\n    stashform.io/ignore: \"KS401\"\nspec:",
    );
    assert_eq!(
        stashform(&["check", "-"], Some(annotated.as_bytes()))
            .status
            .code(),
        Some(0)
    );
    // An unused suppression is a warning, an unknown code an error.
    let mistakes = text_with("  # stashform-ignore KS401,KS603,KS9999 -- typo");
    let out = stashform(&["check", "-"], Some(mistakes.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn config_levels_change_severities_and_turn_rules_off() {
    let dir = TempDir::new("levels");
    let no_secret = FIXABLE
        .replace(
            "          encryptionSecret: {name: encrypt-secret, namespace: demo}\n",
            "",
        )
        .replace("\"0 0 * * 7\"", "\"0 0 * * 0\"")
        .replace("backofLimit", "backoffLimit")
        .replace("wipeout", "WipeOut")
        .replace("logical-backup-restore", "logical-backup");
    dir.write("backup.yaml", &no_secret);
    let summary = |config: &str| {
        dir.write(".stashform.yaml", config);
        let out = stashform_in(
            &dir.0,
            &[],
            &["check", "--format", "json", "backup.yaml"],
            None,
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            out.status.code(),
            json["summary"]["errors"].as_u64(),
            json["summary"]["warnings"].as_u64(),
        )
    };
    assert_eq!(summary(""), (Some(0), Some(0), Some(1)));
    assert_eq!(
        summary("rules: {KS601: off}\n"),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!(
        summary("rules:\n  missing-encryption-secret: error\n"),
        (Some(1), Some(1), Some(0))
    );
}

/// A backup with the given addon, task and params (a YAML flow mapping).
fn backup_with(addon: &str, task: &str, params: &str) -> String {
    BAD_SCHEDULE
        .replace("\"0 0 * * 7\"", "\"0 0 * * 0\"")
        .replace("name: postgres-addon", &format!("name: {addon}"))
        .replace(
            "- name: logical-backup\n",
            &format!("- name: {task}\n            params: {params}\n"),
        )
}

/// The rule names of the findings of `check --format json` in `dir`, and the exit code.
fn rules_found(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = stashform_in(dir, &[], &all, None);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", text(&out.stderr)));
    let rules = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect();
    (out.status.code(), rules)
}

/// A newer installer's manifests: an addon the vendored catalog lacks, and a `postgres-addon`
/// whose `logical-backup` takes a new parameter; a Function and another kind beside them.
const TIDB_ADDON: &str = "apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata:
  name: tidb-addon
spec:
  backupTasks:
  - name: logical-backup
    function: tidb-backup
    driver: Restic
    parameters:
    - name: database
      required: true
      usage: The database to dump.
    - name: threads
      default: \"4\"
      usage: Dump threads.
  restoreTasks:
  - name: logical-backup-restore
    function: tidb-restore
";

const POSTGRES_ADDON: &str =
    "# Source: kubedb-kubestash-catalog/templates/postgres/postgres-addon.yaml
apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata:
  name: 'postgres-addon'
spec:
  backupTasks:
  - driver: Restic
    function: postgres-backup
    name: logical-backup
    parameters:
    - name: backupCmd
      default: pg_dumpall
      usage: Backup command to take a database dump (can only be pg_dumpall or pg_dump)
    - name: compression
      default: gzip
      usage: Compression of the dump (can only be gzip or zstd)
---
# Source: kubedb-kubestash-catalog/templates/postgres/postgres-backup.yaml
apiVersion: addons.kubestash.com/v1alpha1
kind: Function
metadata:
  name: postgres-backup
spec:
  image: ghcr.io/kubedb/postgres-restic-plugin:v0.20.0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ignored
";

#[test]
fn catalog_adds_an_addon_and_changes_a_tasks_params() {
    let dir = TempDir::new("catalog");
    dir.write("addons/tidb/tidb-addon.yaml", TIDB_ADDON);
    dir.write("addons/postgres/postgres-addon.yml", POSTGRES_ADDON);
    dir.write("addons/README.md", "not a manifest");
    dir.write(
        "tidb.yaml",
        &backup_with(
            "tidb-addon",
            "logical-backup",
            "{database: shop, threads: \"8\"}",
        ),
    );
    dir.write(
        "postgres.yaml",
        &backup_with("postgres-addon", "logical-backup", "{compression: zstd}"),
    );
    // The vendored catalog knows neither.
    assert_eq!(
        rules_found(&dir.0, &["tidb.yaml", "postgres.yaml"]),
        (
            Some(0),
            vec!["unknown-addon".to_owned(), "unknown-param".to_owned()]
        )
    );
    // A folder: both files are read.
    assert_eq!(
        rules_found(
            &dir.0,
            &["--catalog", "addons", "tidb.yaml", "postgres.yaml"]
        ),
        (Some(0), vec![])
    );
    // A file: its one addon is added, the rest stays vendored.
    assert_eq!(
        rules_found(
            &dir.0,
            &[
                "--catalog",
                "addons/tidb/tidb-addon.yaml",
                "tidb.yaml",
                "postgres.yaml"
            ]
        ),
        (Some(0), vec!["unknown-param".to_owned()])
    );
    // The user's addon is checked as the vendored ones are, and findings say which catalog.
    dir.write(
        "wrong.yaml",
        &backup_with("tidb-addon", "logical-backups", "{}").replace(
            "        tasks:\n",
            "        tasks:\n          - name: logical-backup\n            params: {databse: shop}\n",
        ),
    );
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--catalog", "addons", "wrong.yaml"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn config_catalog_is_relative_to_the_config_and_catalog_flag_wins() {
    let dir = TempDir::new("config-catalog");
    dir.write("vendor/addons/postgres-addon.yaml", POSTGRES_ADDON);
    dir.write(
        "deploy/db/postgres.yaml",
        &backup_with("postgres-addon", "logical-backup", "{compression: zstd}"),
    );
    dir.write(".stashform.yaml", "catalog: vendor/addons\n");
    // Found from a subfolder: `catalog:` is read from the config's folder.
    assert_eq!(
        rules_found(&dir.0.join("deploy/db"), &["."]),
        (Some(0), vec![])
    );
    assert_eq!(rules_found(&dir.0, &["deploy"]), (Some(0), vec![]));
    // The catalog's files are no inputs when a checked folder holds them.
    let (code, found) = rules_found(&dir.0, &["."]);
    assert_eq!((code, found), (Some(0), vec![]));
    let out = stashform_in(&dir.0, &[], &["check", "."], None);
    assert!(
        text(&out.stdout).contains("checked 1 file, 1 document"),
        "{}",
        text(&out.stdout)
    );
    // `--catalog` wins over the config.
    dir.write("old.yaml", TIDB_ADDON);
    assert_eq!(
        rules_found(&dir.0, &["--catalog", "old.yaml", "deploy"]),
        (Some(0), vec!["unknown-param".to_owned()])
    );
    // A config naming a catalog that is not there: a usage error at the config's line.
    dir.write(".stashform.yaml", "rules: {}\ncatalog: vendor/adons\n");
    let out = stashform_in(&dir.0, &[], &["check", "deploy"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "stashform: .stashform.yaml:2:10: catalog vendor/adons: No such file or directory\n"
    );
    dir.write(".stashform.yaml", "catalog: [vendor]\n");
    let out = stashform_in(&dir.0, &[], &["check", "deploy"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(".stashform.yaml:1:10: `catalog` is the path"));
}

#[test]
fn a_broken_catalog_is_a_usage_error_with_its_line() {
    let dir = TempDir::new("broken-catalog");
    dir.write(
        "backup.yaml",
        &backup_with("postgres-addon", "logical-backup", "{}"),
    );
    dir.write(
        "addons/postgres-addon.yaml",
        &POSTGRES_ADDON.replace("    - name: compression\n", "    - nme: compression\n"),
    );
    dir.write(
        "addons/tidb-addon.yaml",
        &TIDB_ADDON.replace("  - name: logical-backup\n", "  - name: [logical-backup\n"),
    );
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--catalog", "addons", "backup.yaml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    insta::assert_snapshot!(text(&out.stderr));
    let out = stashform_in(
        &dir.0,
        &[],
        &["check", "--catalog", "nowhere", "backup.yaml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "stashform: nowhere: No such file or directory\n"
    );
}

#[test]
fn version_names_the_installers_of_the_vendored_catalog() {
    let short = stashform(&["-V"], None);
    assert_eq!(
        text(&short.stdout),
        format!("stashform {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = stashform(&["--version"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "stashform {}\naddon catalog: kubestash/installer@bc3770b03545 of 2026-07-21, kubedb/installer@0c6e2459d95d of 2026-08-21 (pass a newer one with `check --catalog PATH`)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}
