//! The shared corpus in `tests/fixtures/`: every valid document checks clean and formats
//! without loss; every invalid fixture's diagnostics are snapshotted next to it.

#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures; the library does no I/O"
)]

use std::fs;
use std::path::{Path, PathBuf};

use stashform::registry::{RULES, Severity};
use stashform::{Encoding, LineIndex};

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

/// One line per diagnostic: what every face shows.
fn render(text: &str) -> String {
    let report = stashform::check(text);
    let index = LineIndex::new(text);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.locate(text, &index, Encoding::Utf8);
            let mut line = format!(
                "{}:{}-{}:{} {} {} [{}] {}: {}",
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                at.severity.as_str(),
                at.code,
                at.rule,
                at.path,
                at.message
            );
            if let Some(help) = &at.help {
                line.push_str(&format!("\n    help: {help}"));
            }
            if let Some(upstream) = &at.upstream {
                line.push_str(&format!("\n    upstream: {upstream}"));
            }
            for related in &at.related {
                line.push_str(&format!(
                    "\n    related: {}:{}-{}:{} {}",
                    related.line,
                    related.column,
                    related.end_line,
                    related.end_column,
                    related.message
                ));
            }
            if let Some(fix) = &d.fix {
                let change = fix.replacement.as_ref().expect("a checked fix is verified");
                line.push_str(&format!(
                    "\n    fix: {} (`{}` -> `{}`)",
                    fix.title,
                    &text[change.span.start..change.span.end],
                    change.text
                ));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn valid_documents_have_no_errors_or_warnings() {
    let files = yaml_files(&fixtures().join("valid"));
    assert!(files.len() >= 39, "seed and reference examples are present");
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let report = stashform::check(&text);
        assert!(!report.documents.is_empty(), "{}", file.display());
        let bad: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        if !bad.is_empty() {
            failures.push(format!("{}:\n{}", file.display(), render(&text)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fmt_keeps_every_value_and_is_a_fixed_point() {
    for file in yaml_files(&fixtures().join("valid")) {
        let text = fs::read_to_string(&file).unwrap();
        let formatted = stashform::format(&text).unwrap();
        let before = stashform::source::yaml::load(&text);
        let after = stashform::source::yaml::load(&formatted);
        assert!(after.diagnostics.is_empty(), "{}", file.display());
        let values = |l: &stashform::source::yaml::Loaded| {
            l.documents
                .iter()
                .map(|d| d.root.to_json())
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&before), values(&after), "{}", file.display());
        assert_eq!(
            stashform::format(&formatted).unwrap(),
            formatted,
            "{}",
            file.display()
        );
        let report = stashform::check(&formatted);
        assert!(
            !report.has_errors(),
            "{}: formatted output has errors",
            file.display()
        );
    }
}

/// The word a comment sits next to: for a trailing comment, the last word before it on its
/// line; for an own-line comment, the first word of the next line that is not a comment or
/// blank. Quotes, brackets, commas, colons and dashes are not part of the word (`fmt` may
/// change them).
fn neighbour(text: &str, comment: &stashform_yaml::comments::Comment) -> String {
    let word = |s: &str| -> String {
        s.trim_matches(|c: char| "\"'[]{},:-? ".contains(c))
            .to_owned()
    };
    let line_start = text[..comment.span.start].rfind('\n').map_or(0, |i| i + 1);
    if !comment.own_line {
        let before = &text[line_start..comment.span.start];
        // `fmt` writes an empty value (`snapshot: # note`) as `null`.
        return before
            .split_whitespace()
            .rfind(|w| *w != "null")
            .map(word)
            .unwrap_or_default();
    }
    text[comment.span.end..]
        .lines()
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.split([' ', ':']).map(word).find(|w| !w.is_empty()))
        .unwrap_or_default()
}

#[test]
fn fmt_keeps_every_comment_next_to_its_node() {
    let mut checked = 0;
    for file in yaml_files(&fixtures()) {
        let text = fs::read_to_string(&file).unwrap();
        let Ok(formatted) = stashform::format(&text) else {
            continue;
        };
        let loaded = stashform::source::yaml::load(&text);
        // Where each document's first node starts: comments above it stay at the top of the
        // document, whatever key comes first after formatting.
        let firsts: Vec<usize> = loaded.documents.iter().map(|d| d.root.span.start).collect();
        let before = stashform_yaml::comments::comments(&text);
        let after = stashform_yaml::comments::comments(&formatted);
        let texts = |found: &[stashform_yaml::comments::Comment], source: &str| -> Vec<String> {
            found
                .iter()
                .map(|c| source[c.span.start..c.span.end].trim_end().to_owned())
                .collect()
        };
        let (before_texts, after_texts) = (texts(&before, &text), texts(&after, &formatted));
        for (comment, body) in before.iter().zip(&before_texts) {
            checked += 1;
            let Some(i) = after_texts.iter().position(|t| t.contains(body.as_str())) else {
                panic!("{}: lost `{body}`\n{formatted}", file.display());
            };
            let heads_a_document = comment.own_line
                && firsts.iter().any(|&first| {
                    comment.span.end <= first
                        && text[comment.span.end..first].lines().skip(1).all(|l| {
                            let l = l.trim();
                            l.is_empty() || l.starts_with('#') || l.starts_with("---")
                        })
                });
            if heads_a_document || neighbour(&text, comment).is_empty() {
                continue;
            }
            assert_eq!(
                neighbour(&text, comment),
                neighbour(&formatted, &after[i]),
                "{}: `{body}` moved away from its node\n{formatted}",
                file.display()
            );
        }
    }
    assert!(checked > 50, "the fixtures hold comments ({checked})");
}

#[test]
fn invalid_fixtures_match_their_snapshots() {
    let root = fixtures().join("invalid");
    let files = yaml_files(&root);
    assert!(files.len() > 100, "the invalid corpus is present");
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        // Biome-style: `<case>.yaml.snap` sits next to `<case>.yaml`.
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => path.parent().unwrap(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => &path,
        }, {
            insta::assert_snapshot!(name, render(&text));
        });
    }
}

#[test]
fn every_rule_has_an_invalid_fixture_that_triggers_it() {
    let root = fixtures().join("invalid");
    let mut missing = Vec::new();
    for rule in RULES {
        // A 32 MiB file or 100,000 documents cannot reasonably be a fixture: these two rules
        // are tested on inputs built in memory in `tests/limits.rs`.
        if matches!(rule.name, "input-too-large" | "too-many-documents") {
            continue;
        }
        let dir = root.join(rule.name);
        let triggered = dir.is_dir()
            && yaml_files(&dir).iter().any(|file| {
                let text = fs::read_to_string(file).unwrap();
                stashform::check(&text)
                    .diagnostics
                    .iter()
                    .any(|d| d.rule.code == rule.code)
            });
        if !triggered {
            missing.push(rule.name);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without a triggering fixture: {missing:?}"
    );
}

/// The fast YAML path reads every fixture as saphyr-parser does, and reads all of every valid
/// one that is plain block YAML (the speed of a check depends on it).
#[test]
fn the_fast_yaml_path_reads_fixtures_as_saphyr_parser_does() {
    for path in yaml_files(&fixtures()) {
        let text = fs::read_to_string(&path).unwrap();
        if let Some(difference) = stashform_yaml::differs_from_saphyr(&text) {
            panic!("{}: {difference}", path.display());
        }
        let valid = path.starts_with(fixtures().join("valid"));
        let plain = !text.contains(['&', '*', '|', '>', '[', '{', '\t', '\r', '\\']);
        assert!(
            !(valid && plain) || stashform_yaml::is_read_fast(&text),
            "{} is plain block YAML but needs saphyr-parser",
            path.display()
        );
    }
}
