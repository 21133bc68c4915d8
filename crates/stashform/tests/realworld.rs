//! The real-world corpus (`../shared/reference/realworld`: 420 documents from the KubeStash
//! and KubeDB docs, many of them `kubectl get -o yaml` output) as a no-false-errors corpus for
//! the kinds the operator creates and the kinds beside BackupConfiguration and RestoreSession:
//! every document of those kinds, and every object with a `status`, checks without an error
//! (the exceptions are listed, each with its reason). Skipped, with a note, where the reference
//! data is not beside the checkout.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_macros,
    reason = "tests read their corpus and say when it is absent; the library does no I/O"
)]

use std::fs;
use std::path::{Path, PathBuf};

use stashform::registry::Severity;

/// Kinds judged here whatever they hold; other documents only when they carry `status`.
const KINDS: &[&str] = &[
    "BackupBlueprint",
    "HookTemplate",
    "BackupVerifier",
    "BackupVerificationSession",
    "BackupSession",
    "Repository",
    "Snapshot",
    "Secret",
];

/// Documents with a real error, by file and rule, and why the error is right.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "ksd_concepts_crds_backupblueprint_backupblueprint.yaml",
        "KS509",
        "the concepts page's blueprint still names the Stash task `LogicalBackup`; workload-addon's task is `logical-backup`",
    ),
    (
        "kdd_guides_mongodb_backup_kubestash_auto-backup_index.md-b12.yaml",
        "KS101",
        "output of an older KubeStash: `sessions[].failurePolicy` is commented out in the Go types and absent from the current CRD (KUBESTASH.md §1.1)",
    ),
];

/// The real-world corpus beside the repository, when it is there (it is not part of a clone).
fn corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/realworld");
    if !root.is_dir() {
        eprintln!(
            "{} not found: the real-world corpus is not re-checked",
            root.display()
        );
        return None;
    }
    Some(root)
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn operator_objects_and_other_kinds_have_no_false_errors() {
    let Some(root) = corpus() else {
        return;
    };
    let mut files = Vec::new();
    // `excerpts/` are shortened with `...` lines: not complete YAML.
    for folder in ["docs", "other-kinds", "bundles"] {
        yaml_files(&root.join(folder), &mut files);
    }
    files.sort();
    let mut judged = 0;
    let mut used = vec![false; EXCEPTIONS.len()];
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let loaded = stashform::source::yaml::load(&text);
        let report = stashform::check(&text);
        for document in &loaded.documents {
            let kind = document.root.str_at("kind").unwrap_or_default();
            if !KINDS.contains(&kind) && document.root.get("status").is_none() {
                continue;
            }
            judged += 1;
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.document == document.index && d.severity == Severity::Error)
            {
                match EXCEPTIONS
                    .iter()
                    .position(|(f, code, _)| *f == name && *code == d.rule.code)
                {
                    Some(i) => used[i] = true,
                    None => failures.push(format!(
                        "{name} ({kind}): {} {} at {}: {}",
                        d.rule.code, d.rule.name, d.path, d.message
                    )),
                }
            }
        }
    }
    // 25 BackupBlueprints, 13 HookTemplates, 64 Snapshots, 4 BackupVerifiers and the others,
    // with the BackupConfigurations and RestoreSessions that carry `status`.
    assert!(judged >= 100, "only {judged} documents judged");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let stale: Vec<_> = EXCEPTIONS
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(e, _)| e.0)
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions that no longer apply: {stale:?}"
    );
}

/// Rules that judge by convention or across documents give no finding on any document of the
/// corpus (every folder, every kind) nor on the reference examples: the addon pairing, the
/// HookTemplate webhook's executor rules, the BackupVerifier references, the keys of the
/// encryption and credentials Secrets a bundle holds.
#[test]
fn convention_and_bundle_rules_have_no_false_findings() {
    let Some(root) = corpus() else {
        return;
    };
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    yaml_files(&root.join("../examples"), &mut files);
    files.sort();
    let codes = ["KS329", "KS330", "KS510", "KS706", "KS707", "KS708"];
    let mut pairs = 0;
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        pairs += text.matches("-addon").count();
        for d in stashform::check(&text).diagnostics {
            if codes.contains(&d.rule.code) {
                failures.push(format!(
                    "{}: {} {} at {}: {}",
                    file.display(),
                    d.rule.code,
                    d.rule.name,
                    d.path,
                    d.message
                ));
            }
        }
    }
    assert!(
        files.len() >= 400 && pairs >= 300,
        "{} files, {pairs} addons",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
