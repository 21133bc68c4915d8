//! Reading the positioned YAML tree by dotted path, and the values the form writes. The
//! writes themselves are text edits of the core (`stashform::edit`, see `state.rs`).

use stashform::Path;
use stashform::diagnostic::Segment;
use stashform::source::Span;
use stashform::source::node::{Key, Node, Value};

/// A value the form writes. `Remove` deletes the key (a cleared field).
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Remove,
    Str(String),
    Int(i128),
    Bool(bool),
}

/// What a new list item starts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Map,
    Str,
}

/// Parse a dotted display path (`spec.sessions[0].scheduler.schedule`).
#[must_use]
pub fn path(text: &str) -> Path {
    Path::parse(text).unwrap_or_default()
}

/// The node at `path`, if every step exists.
#[must_use]
pub fn get<'a>(root: &'a Node, path: &Path) -> Option<&'a Node> {
    let mut node = root;
    for segment in &path.0 {
        node = match segment {
            Segment::Key(key) => node.get(key)?,
            Segment::Index(i) => node.items().get(*i)?,
        };
    }
    Some(node)
}

/// What a form control shows for the node at `path`: the scalar as text, `""` when absent.
#[must_use]
pub fn text_at(root: &Node, path: &str) -> String {
    get(root, &self::path(path)).map_or_else(String::new, scalar_text)
}

/// A scalar as a form shows it; collections show as nothing.
#[must_use]
pub fn scalar_text(node: &Node) -> String {
    node.scalar_text()
}

/// Number of items of the list at `path` (0 when absent or not a list).
#[must_use]
pub fn len_at(root: &Node, path: &str) -> usize {
    get(root, &self::path(path)).map_or(0, |n| n.items().len())
}

/// Keys of the mapping at `path`, in document order.
#[must_use]
pub fn keys_at(root: &Node, path: &str) -> Vec<String> {
    get(root, &self::path(path)).map_or_else(Vec::new, |n| {
        n.entries().iter().map(|(k, _)| k.name.clone()).collect()
    })
}

fn node(value: Value) -> Node {
    Node::new(value, Span::default())
}

/// A mapping node from `(key, value)` pairs.
#[must_use]
pub fn map(entries: Vec<(&str, Node)>) -> Node {
    node(Value::Map(
        entries
            .into_iter()
            .map(|(name, value)| {
                (
                    Key {
                        name: name.to_owned(),
                        span: Span::default(),
                    },
                    value,
                )
            })
            .collect(),
    ))
}

/// A string node.
#[must_use]
pub fn string(s: &str) -> Node {
    node(Value::Str(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stashform::source::yaml::load;

    #[test]
    fn fields_read_by_path() {
        let root = load("spec:\n  sessions:\n    - name: a\n      count: 3\n  flag: yes\n")
            .documents
            .remove(0)
            .root;
        assert_eq!(text_at(&root, "spec.sessions[0].name"), "a");
        assert_eq!(text_at(&root, "spec.sessions[0].count"), "3");
        assert_eq!(text_at(&root, "spec.flag"), "true");
        assert_eq!(text_at(&root, "spec.missing"), "");
        assert_eq!(len_at(&root, "spec.sessions"), 1);
        assert_eq!(keys_at(&root, "spec.sessions[0]"), ["name", "count"]);
    }
}
