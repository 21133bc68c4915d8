//! Canonical YAML: the key order of the KubeStash docs, two-space indentation, strings quoted
//! where YAML 1.1 (Kubernetes) or YAML 1.2 (editors) would read them as something else, and
//! schedules always quoted. Only layout changes: loading the output gives the same values,
//! unknown fields included, and rendering it again gives the same text.

use std::fmt::Write;

use crate::source::node::{Key, Node, Value, format_float};
use crate::source::resolve;

/// Render documents, joined by `---`.
#[must_use]
pub fn render_documents<'a>(documents: impl IntoIterator<Item = &'a Node>) -> String {
    let mut out = String::new();
    for (i, node) in documents.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        render_into(&mut out, node);
    }
    out
}

/// Render one document.
#[must_use]
pub fn render(node: &Node) -> String {
    let mut out = String::new();
    render_into(&mut out, node);
    out
}

fn render_into(out: &mut String, node: &Node) {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => block_map(out, entries, "", 0),
        Value::Seq(items) if !items.is_empty() => block_seq(out, items, "", 0),
        _ => {
            // A document that is one scalar: no block style, whose lines would sit at column 0.
            let text = match &node.value {
                Value::Str(text) if text.contains('\n') => double_quoted(text),
                _ => scalar(node, ""),
            };
            out.push_str(&text);
            out.push('\n');
        }
    }
}

/// The order keys appear in, by the key of the parent (the list's key for list items).
fn key_order(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => &["apiVersion", "kind", "metadata", "spec", "status"],
        "metadata" => &["name", "generateName", "namespace", "labels", "annotations"],
        "spec" => &[
            "target",
            "backends",
            "sessions",
            "dataSource",
            "storage",
            "maxRetentionPeriod",
            "successfulSnapshots",
            "failedSnapshots",
            "usagePolicy",
            "default",
            "deletionPolicy",
            "addon",
            "hooks",
            "restoreTimeout",
            "manifestOptions",
            "runtimeSettings",
            "paused",
            "securityContext",
            "resources",
        ],
        "target" | "tlsIssuerRef" => &["apiGroup", "kind", "namespace", "name"],
        "storageRef" => &["namespace", "name"],
        "backends" => &["name", "storageRef", "retentionPolicy"],
        "sessions" => &[
            "name",
            "scheduler",
            "repositories",
            "addon",
            "hooks",
            "retryConfig",
            "backupTimeout",
            "sessionHistoryLimit",
        ],
        "scheduler" => &[
            "schedule",
            "jobTemplate",
            "concurrencyPolicy",
            "startingDeadlineSeconds",
            "suspend",
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
        ],
        "repositories" => &[
            "name",
            "backend",
            "directory",
            "encryptionSecret",
            "deletionPolicy",
            "backupVerifier",
        ],
        "addon" => &["name", "jobTemplate", "containerRuntimeSettings", "tasks"],
        "tasks" => &[
            "name",
            "params",
            "variables",
            "targetVolumes",
            "addonVolumes",
        ],
        "dataSource" => &[
            "namespace",
            "repository",
            "snapshot",
            "pitr",
            "encryptionSecret",
            "components",
        ],
        "jobTemplate" | "template" => &["metadata", "controller", "spec"],
        "resources" => &["requests", "limits", "claims"],
        "requests" | "limits" => &["cpu", "memory", "ephemeral-storage"],
        "securityContext" => &["runAsUser", "runAsGroup", "fsGroup", "runAsNonRoot"],
        "storage" => &["provider", "local", "s3", "gcs", "azure"],
        "s3" | "gcs" | "azure" => &[
            "endpoint",
            "bucket",
            "region",
            "storageAccount",
            "container",
            "prefix",
            "secretName",
        ],
        "allowedNamespaces" => &["from", "selector"],
        _ => &["name", "namespace"],
    }
}

fn ordered<'a>(entries: &'a [(Key, Node)], parent: &str) -> Vec<&'a (Key, Node)> {
    let order = key_order(parent);
    let mut sorted: Vec<&(Key, Node)> = entries.iter().collect();
    // Stable: unknown keys keep their relative order after the known ones.
    sorted.sort_by_key(|(key, _)| {
        order
            .iter()
            .position(|k| *k == key.name)
            .unwrap_or(order.len())
    });
    sorted
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Longest key written in the implicit `key: value` form (YAML allows 1024 characters).
const MAX_IMPLICIT_KEY: usize = 1000;

fn block_map(out: &mut String, entries: &[(Key, Node)], parent: &str, level: usize) {
    for (i, (key, value)) in ordered(entries, parent).into_iter().enumerate() {
        // The first key of a list item shares the `- ` line.
        if i > 0 || !out.ends_with("- ") {
            indent(out, level);
        }
        let text = key_text(&key.name);
        // YAML limits implicit keys to 1024 characters: longer ones need `? key` / `: value`.
        if text.chars().count() > MAX_IMPLICIT_KEY {
            out.push_str("? ");
            out.push_str(&text);
            out.push('\n');
            indent(out, level);
        } else {
            out.push_str(&text);
        }
        out.push(':');
        value_after_key(out, value, &key.name, level);
    }
}

fn value_after_key(out: &mut String, value: &Node, key: &str, level: usize) {
    match &value.value {
        Value::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            block_map(out, entries, key, level + 1);
        }
        Value::Seq(items) if !items.is_empty() => {
            out.push('\n');
            block_seq(out, items, key, level + 1);
        }
        _ => {
            let text = scalar(value, key);
            if text.starts_with('|') {
                out.push(' ');
                literal(out, &text, level + 1);
            } else {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
}

fn block_seq(out: &mut String, items: &[Node], parent: &str, level: usize) {
    for item in items {
        indent(out, level);
        out.push_str("- ");
        match &item.value {
            Value::Map(entries) if !entries.is_empty() => {
                block_map(out, entries, parent, level + 1)
            }
            Value::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                block_seq(out, inner, parent, level + 1);
            }
            _ => {
                let text = scalar(item, parent);
                if text.starts_with('|') {
                    literal(out, &text, level + 1);
                } else {
                    out.push_str(&text);
                    out.push('\n');
                }
            }
        }
    }
}

/// `text` is `|<chomp>\n<content>`: indent every content line.
fn literal(out: &mut String, text: &str, level: usize) {
    let (header, body) = text.split_once('\n').unwrap_or((text, ""));
    out.push_str(header);
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, level);
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn scalar(node: &Node, key: &str) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_float(*f),
        Value::Str(s) if key == "schedule" => double_quoted(s),
        Value::Str(s) => string(s),
        Value::Map(_) => "{}".to_owned(),
        Value::Seq(_) => "[]".to_owned(),
    }
}

fn key_text(name: &str) -> String {
    if needs_quotes(name) {
        double_quoted(name)
    } else {
        name.to_owned()
    }
}

fn string(s: &str) -> String {
    if let Some(block) = literal_block(s) {
        return block;
    }
    if needs_quotes(s) {
        double_quoted(s)
    } else {
        s.to_owned()
    }
}

/// Multi-line text reads best as a literal block (`|`), when YAML can represent it exactly.
fn literal_block(s: &str) -> Option<String> {
    let body = s.trim_end_matches('\n');
    if !s.contains('\n')
        || body.is_empty()
        || body.starts_with([' ', '\t'])
        || s.chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_special_break(c))
        || body
            .lines()
            .any(|l| l.ends_with([' ', '\t']) || l.trim().is_empty())
    {
        return None;
    }
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => return None,
    };
    Some(format!("|{chomp}\n{body}"))
}

fn is_special_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Would a plain scalar of this text be read back as anything but this string?
fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    if !matches!(resolve::plain(s), Value::Str(_)) || resolve::is_yaml12_non_string(s) {
        return true;
    }
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t', ':']) {
        return true;
    }
    if "[]{}#&*!|>'\"%@`,".contains(first) {
        return true;
    }
    if matches!(first, '-' | '?' | ':') && (s.len() == 1 || s[1..].starts_with([' ', '\t'])) {
        return true;
    }
    // `---` and `...` at the start of a line are document markers.
    if s.starts_with("---") || s.starts_with("...") {
        return true;
    }
    if matches!(s, "=" | "<<") || s.contains(": ") || s.contains(" #") || s.contains(":\t") {
        return true;
    }
    if s.chars().any(|c| c.is_control() || is_special_break(c)) {
        return true;
    }
    // YAML 1.1 dates and sexagesimal numbers (`2026-01-02`, `1:30`) for older readers.
    let b = s.as_bytes();
    let looks_like_date = b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    let sexagesimal = s.contains(':')
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '_' | '-' | '+'));
    looks_like_date || sexagesimal
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_special_break(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::load;

    fn values_equal(a: &Node, b: &Node) -> bool {
        a.to_json() == b.to_json()
    }

    #[test]
    fn strings_that_look_like_other_types_are_quoted() {
        for s in [
            "yes",
            "no",
            "on",
            "10",
            "0x1",
            "1e3",
            "null",
            "",
            " x",
            "- a",
            "a: b",
            "#x",
            "*",
            "2026-01-02",
            "1:30",
            "true",
            "~",
            "-",
            "@x",
        ] {
            assert!(needs_quotes(s), "{s}");
        }
        for s in [
            "--clean",
            "pg_dump",
            "200m",
            "1Gi",
            "/postgres",
            "https://x.io/a",
            "testdb",
            "--dbname=testdb",
            "a b",
        ] {
            assert!(!needs_quotes(s), "{s}");
        }
    }

    #[test]
    fn keys_too_long_for_the_implicit_form_use_explicit_keys() {
        let long = "k".repeat(1500);
        let text = format!("- ? {long}\n  : 1\n  b:\n    ? \"{long}\"\n    : [x]\n");
        let first = load(&text);
        assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
        let out = render(&first.documents[0].root);
        let second = load(&out);
        assert!(second.diagnostics.is_empty(), "{out}");
        assert!(values_equal(
            &first.documents[0].root,
            &second.documents[0].root
        ));
        assert_eq!(render(&second.documents[0].root), out);
    }

    #[test]
    fn round_trip_keeps_values_and_is_a_fixed_point() {
        let text = "kind: X\napiVersion: v1\nspec:\n  z: [1, 2.5, \"3\", yes, ~, 'a: b', \"multi\\nline\\n\", \"tab\\there\", -1, 0x10, \"\\u0085\"]\n  a: {}\n  e: []\n  sessions:\n    - name: a\n      scheduler: {schedule: '0 * * * *'}\n";
        let first = load(text);
        assert!(first.diagnostics.is_empty());
        let out = render(&first.documents[0].root);
        let second = load(&out);
        assert!(
            second.diagnostics.is_empty(),
            "{out}\n{:?}",
            second.diagnostics
        );
        assert!(
            values_equal(&first.documents[0].root, &second.documents[0].root),
            "{out}"
        );
        assert_eq!(render(&second.documents[0].root), out);
        assert!(out.starts_with("apiVersion: v1\nkind: X\n"), "{out}");
        assert!(out.contains("schedule: \"0 * * * *\""), "{out}");
    }
}
