//! Canonical YAML: the key order of the KubeStash docs, two-space indentation, strings quoted
//! where YAML 1.1 (Kubernetes) or YAML 1.2 (editors) would read them as something else, and
//! schedules always quoted. Only layout changes: loading the output gives the same values,
//! unknown fields included, and rendering it again gives the same text.
//!
//! Rendered from text ([`render_text`]), every comment is kept next to its node (the rules are
//! in `comments.rs`): own-line comments above the entry or item below them, trailing comments
//! on their node's line, comments above a document's first node at its top, comments that end
//! a block at its end, comments before a `---` before it; and blank lines between entries (one
//! at most).

mod comments;

use std::fmt::Write;

use crate::source::node::{Key, Node, Value, format_float};
use crate::source::resolve;
use crate::source::yaml::Document;
use comments::{Attached, Lead};
pub(crate) use comments::{NodeId, item_dash};

/// Render documents, joined by `---` (trees without text: no comments).
#[must_use]
pub fn render_documents<'a>(documents: impl IntoIterator<Item = &'a Node>) -> String {
    let mut renderer = Renderer::new(None);
    for (i, node) in documents.into_iter().enumerate() {
        if i > 0 {
            renderer.out.push_str("---\n");
        }
        renderer.document(node);
    }
    renderer.out
}

/// Render one document.
#[must_use]
pub fn render(node: &Node) -> String {
    let mut renderer = Renderer::new(None);
    renderer.document(node);
    renderer.out
}

/// Render the documents loaded from `text`, keeping every comment of `text` next to its node.
#[must_use]
pub fn render_text(text: &str, documents: &[Document]) -> String {
    if !Attached::needed(text) {
        return render_documents(documents.iter().map(|d| &d.root));
    }
    let mut attached = Attached::new(text, documents);
    let before_end = attached.take_before(documents.len());
    let mut renderer = Renderer::new(Some(&mut attached));
    for (i, document) in documents.iter().enumerate() {
        let before = renderer.take_before(i);
        renderer.comment_lines(&before, 0);
        if i > 0 {
            renderer.out.push_str("---\n");
        }
        let head = renderer
            .comments
            .as_deref_mut()
            .map(|c| c.take_head(i))
            .unwrap_or_default();
        renderer.comment_lines(&head, 0);
        renderer.document(&document.root);
        // Anything not placed (an alias's copy held it, say) ends its document: never dropped.
        let rest = renderer.take_unplaced(&document.root);
        renderer.comment_lines(&rest, 0);
    }
    renderer.comment_lines(&before_end, 0);
    renderer.out
}

/// `key: value` as block lines at column 0, the key where the KubeStash docs put it under
/// `parent`: the text an edit inserts (indented by the caller).
pub(crate) fn entry_text(key: &str, value: &Node, parent: &str) -> String {
    let mut renderer = Renderer::new(None);
    let entry = (
        Key {
            name: key.to_owned(),
            span: crate::source::Span::default(),
        },
        value.clone(),
    );
    renderer.block_map(std::slice::from_ref(&entry), 0, parent, 0);
    renderer.out
}

/// `- value` as block lines at column 0.
pub(crate) fn item_text(value: &Node, parent: &str) -> String {
    let mut renderer = Renderer::new(None);
    renderer.block_seq(std::slice::from_ref(value), 0, parent, 0);
    renderer.out
}

/// What follows `key:` for `value`: ` scalar\n`, or a line break and the block at level 1.
pub(crate) fn value_text(value: &Node, key: &str) -> String {
    let mut renderer = Renderer::new(None);
    renderer.value_after_key(value, key, 0, None);
    renderer.out
}

/// A value inside a flow collection (`[a, {b: 1}]`): one line.
pub(crate) fn flow_text(value: &Node, key: &str) -> String {
    match &value.value {
        Value::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", flow_key(&k.name), flow_text(v, &k.name)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Value::Seq(items) => {
            let inner: Vec<String> = items.iter().map(|v| flow_text(v, key)).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Str(s) if s.contains('\n') || flow_unsafe(s) => double_quoted(s),
        _ => scalar(value, key),
    }
}

fn flow_key(name: &str) -> String {
    if flow_unsafe(name) {
        double_quoted(name)
    } else {
        key_text(name)
    }
}

/// Flow indicators end a plain scalar inside `[]` and `{}`.
fn flow_unsafe(s: &str) -> bool {
    s.contains([',', '[', ']', '{', '}'])
}

/// A string scalar written in place of another: in the quote style the old one had (`'`, `"`
/// or plain) when that style can hold the new text exactly, else canonically.
pub(crate) fn scalar_like(value: &Node, key: &str, old_style: u8) -> String {
    let Value::Str(s) = &value.value else {
        return scalar(value, key);
    };
    let one_line = !s.chars().any(|c| c.is_control() || is_special_break(c));
    match old_style {
        b'\'' if one_line => format!("'{}'", s.replace('\'', "''")),
        b'"' => double_quoted(s),
        b'\'' => scalar(value, key),
        _ if one_line && !needs_quotes(s) => s.clone(),
        _ => scalar(value, key),
    }
}

/// A key written in place of another: in the quote style the old one had when that style can
/// hold the new name exactly, else as keys are rendered (as flow keys inside `{}`).
pub(crate) fn key_like(name: &str, old_style: u8, in_flow: bool) -> String {
    let one_line = !name.chars().any(|c| c.is_control() || is_special_break(c));
    match old_style {
        b'\'' if one_line => format!("'{}'", name.replace('\'', "''")),
        b'"' => double_quoted(name),
        _ if in_flow => flow_key(name),
        _ => key_text(name),
    }
}

struct Renderer<'c> {
    out: String,
    comments: Option<&'c mut Attached>,
}

impl<'c> Renderer<'c> {
    fn new(comments: Option<&'c mut Attached>) -> Self {
        Self {
            out: String::new(),
            comments,
        }
    }

    fn take_before(&mut self, document: usize) -> Vec<Lead> {
        self.comments
            .as_deref_mut()
            .map(|c| c.take_before(document))
            .unwrap_or_default()
    }

    fn take_unplaced(&mut self, root: &Node) -> Vec<Lead> {
        self.comments
            .as_deref_mut()
            .map(|c| c.take_within(root.span))
            .unwrap_or_default()
    }

    fn leading(&mut self, id: NodeId) -> Vec<Lead> {
        self.comments
            .as_deref_mut()
            .map(|c| c.take_leading(id))
            .unwrap_or_default()
    }

    /// The comments that end the block starting at `block` (none for trees without text).
    fn end_of(&mut self, block: usize) -> Vec<Lead> {
        self.comments
            .as_deref_mut()
            .map(|c| c.take_end(block))
            .unwrap_or_default()
    }

    fn trailing(&mut self, id: NodeId) -> Option<String> {
        self.comments
            .as_deref_mut()
            .and_then(|c| c.take_trailing(id))
    }

    /// Own-line comments (and single blank lines) at `level`.
    fn comment_lines(&mut self, leads: &[Lead], level: usize) {
        for lead in leads {
            match lead {
                Lead::Blank => {
                    let at_start = self.out.is_empty()
                        || self.out.ends_with("\n\n")
                        || self.out.ends_with("---\n")
                        || self.out.ends_with("- ");
                    if !at_start {
                        self.out.push('\n');
                    }
                }
                Lead::Comment(text) => {
                    let line = self.out.rfind('\n').map_or(0, |i| i + 1);
                    let current = &self.out[line..];
                    if !current.is_empty() && current.trim().is_empty() {
                        // The line so far is the indentation of a node to come (after
                        // `- # comment`): the comment takes it, the node the next line.
                        let pad = current.to_owned();
                        self.out.push_str(text);
                        self.out.push('\n');
                        self.out.push_str(&pad);
                        continue;
                    }
                    if self.out.ends_with("- ") {
                        // After a list item's dash: the comment shares its line.
                        self.out.push_str(text);
                        self.out.push('\n');
                        indent(&mut self.out, level);
                        continue;
                    }
                    indent(&mut self.out, level);
                    self.out.push_str(text);
                    self.out.push('\n');
                }
            }
        }
    }

    /// End the current line, with the node's trailing comment when it has one.
    fn end_line(&mut self, trailing: Option<String>) {
        if let Some(comment) = trailing {
            self.out.push(' ');
            self.out.push_str(&comment);
        }
        self.out.push('\n');
    }

    fn document(&mut self, node: &Node) {
        match &node.value {
            Value::Map(entries) if !entries.is_empty() => {
                self.block_map(entries, node.span.start, "", 0);
            }
            Value::Seq(items) if !items.is_empty() => {
                self.block_seq(items, node.span.start, "", 0);
            }
            _ => {
                // A document that is one scalar: no block style, whose lines would sit at column 0.
                let text = match &node.value {
                    Value::Str(text) if text.contains('\n') => double_quoted(text),
                    _ => scalar(node, ""),
                };
                self.out.push_str(&text);
                self.out.push('\n');
            }
        }
    }

    /// `block`: where the mapping starts in the text (its comments that end it are written last).
    fn block_map(&mut self, entries: &[(Key, Node)], block: usize, parent: &str, level: usize) {
        for (key, value) in ordered(entries, parent) {
            let id = NodeId::entry(key);
            let leads = self.leading(id);
            self.comment_lines(&leads, level);
            // The first key of a list item shares the `- ` line.
            if self.out.is_empty() || self.out.ends_with('\n') {
                indent(&mut self.out, level);
            }
            let text = key_text(&key.name);
            // YAML limits implicit keys to 1024 characters: longer ones need `? key` / `: value`.
            if text.chars().count() > MAX_IMPLICIT_KEY {
                self.out.push_str("? ");
                self.out.push_str(&text);
                self.out.push('\n');
                indent(&mut self.out, level);
            } else {
                self.out.push_str(&text);
            }
            self.out.push(':');
            let trailing = self.trailing(id);
            self.value_after_key(value, &key.name, level, trailing);
        }
        let end = self.end_of(block);
        self.comment_lines(&end, level);
    }

    /// What follows `key:`: a block below it, or the scalar on its line (with the node's
    /// trailing comment).
    fn value_after_key(&mut self, value: &Node, key: &str, level: usize, trailing: Option<String>) {
        match &value.value {
            Value::Map(entries) if !entries.is_empty() => {
                self.end_line(trailing);
                self.block_map(entries, value.span.start, key, level + 1);
            }
            Value::Seq(items) if !items.is_empty() => {
                self.end_line(trailing);
                self.block_seq(items, value.span.start, key, level + 1);
            }
            _ => {
                self.out.push(' ');
                self.scalar_line(value, key, level, trailing);
            }
        }
    }

    /// A scalar ending the current line (a literal block's lines below it, at `level + 1`),
    /// with the node's trailing comment.
    fn scalar_line(&mut self, node: &Node, key: &str, level: usize, trailing: Option<String>) {
        let text = scalar(node, key);
        if text.starts_with('|') {
            literal(&mut self.out, &text, level + 1, trailing.as_deref());
        } else {
            self.out.push_str(&text);
            self.end_line(trailing);
        }
    }

    fn block_seq(&mut self, items: &[Node], block: usize, parent: &str, level: usize) {
        for item in items {
            let id = self.item_id(item);
            let leads = self.leading(id);
            self.comment_lines(&leads, level);
            indent(&mut self.out, level);
            self.out.push_str("- ");
            let trailing = self.trailing(id);
            match &item.value {
                Value::Map(entries) if !entries.is_empty() => {
                    if let Some(comment) = trailing {
                        self.out.push_str(&comment);
                        self.out.push('\n');
                        indent(&mut self.out, level + 1);
                    }
                    self.block_map(entries, item.span.start, parent, level + 1);
                }
                Value::Seq(inner) if !inner.is_empty() => {
                    self.end_line(trailing);
                    self.block_seq(inner, item.span.start, parent, level + 1);
                }
                _ => self.scalar_line(item, parent, level, trailing),
            }
        }
        let end = self.end_of(block);
        self.comment_lines(&end, level);
    }

    fn item_id(&self, item: &Node) -> NodeId {
        match &self.comments {
            Some(c) => c.item_id(item),
            None => NodeId::default(),
        }
    }
}

/// The order keys appear in, by the key of the parent (the list's key for list items).
pub(crate) fn key_order(parent: &str) -> &'static [&'static str] {
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
    stashform_yaml::order::sort_by_key(&mut sorted, |(key, _)| key_rank(order, &key.name));
    sorted
}

/// Where `key` goes among `order` (unknown keys after every known one).
pub(crate) fn key_rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Longest key written in the implicit `key: value` form (YAML allows 1024 characters).
const MAX_IMPLICIT_KEY: usize = 1000;

/// `text` is `|<chomp>\n<content>`: indent every content line.
fn literal(out: &mut String, text: &str, level: usize, trailing: Option<&str>) {
    let (header, body) = text.split_once('\n').unwrap_or((text, ""));
    out.push_str(header);
    if let Some(comment) = trailing {
        out.push(' ');
        out.push_str(comment);
    }
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
