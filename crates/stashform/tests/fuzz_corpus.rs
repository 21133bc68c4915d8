//! Replays every input that once crashed a fuzzer (`fuzz/regressions/`) and the small seed
//! corpora (`fuzz/seeds/<target>/`) with the fuzz targets' own assertions, so CI catches
//! regressions without running a fuzzer. The full corpora (`fuzz/corpus/<target>/`) are not in
//! git: `cargo xtask fuzz` grows and minimises them locally, and where they exist they are
//! replayed too.

#![expect(
    clippy::disallowed_methods,
    reason = "tests read the fuzz inputs; the library does no I/O"
)]

use std::fs;
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    // `fuzz/corpus/` exists only where `cargo xtask fuzz` has run (it is ignored by git); a
    // missing directory is skipped below, so a clean clone replays regressions and seeds only,
    // and a developer's local corpus is replayed in full.
    let mut pending = vec![
        root.join("regressions"),
        root.join("seeds"),
        root.join("corpus"),
    ];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n != ".gitkeep" && n != "README.md")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_input_keeps_the_fuzz_invariants() {
    for path in inputs() {
        // A fuzzer running beside the tests may rotate corpus files away.
        let Ok(data) = fs::read(&path) else { continue };
        let Ok(text) = stashform::source::yaml::decode(&data) else {
            continue;
        };
        // The `events` target: the fast YAML path reads as saphyr-parser does.
        if let Some(difference) = stashform_yaml::differs_from_saphyr(text) {
            panic!("{}: {difference}", path.display());
        }
        let report = stashform::check(text);
        for d in &report.diagnostics {
            let span = d.span.expect("located");
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{}",
                path.display()
            );
        }
        if let Ok(formatted) = stashform::format(text) {
            let before: Vec<_> = stashform::source::yaml::load(text)
                .documents
                .iter()
                .map(|d| d.root.to_json())
                .collect();
            let after: Vec<_> = stashform::source::yaml::load(&formatted)
                .documents
                .iter()
                .map(|d| d.root.to_json())
                .collect();
            assert_eq!(before, after, "{}", path.display());
            assert_eq!(
                stashform::format(&formatted).ok().as_deref(),
                Some(formatted.as_str()),
                "{}",
                path.display()
            );
        }
    }
}
