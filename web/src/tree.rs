//! Reading and writing the positioned YAML tree by dotted path: the only way the form touches
//! a document. Writes create the maps and lists on the way; clearing a field removes its key
//! and the maps it leaves empty. Everything else in the tree is left exactly as it was.

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
    match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
    }
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

/// The node at `path`, created (with every map and list above it) when missing. A scalar in
/// the way becomes an empty map or list: the form asked for a field inside it.
fn ensure<'a>(root: &'a mut Node, path: &[Segment]) -> &'a mut Node {
    let mut current = root;
    for segment in path {
        current = match segment {
            Segment::Key(key) => {
                if !matches!(current.value, Value::Map(_)) {
                    current.value = Value::Map(Vec::new());
                }
                let Value::Map(entries) = &mut current.value else {
                    unreachable!("just made a map")
                };
                let at = match entries.iter().position(|(k, _)| k.name == *key) {
                    Some(at) => at,
                    None => {
                        entries.push((
                            Key {
                                name: key.clone(),
                                span: Span::default(),
                            },
                            node(Value::Null),
                        ));
                        entries.len() - 1
                    }
                };
                &mut entries[at].1
            }
            Segment::Index(i) => {
                if !matches!(current.value, Value::Seq(_)) {
                    current.value = Value::Seq(Vec::new());
                }
                let Value::Seq(items) = &mut current.value else {
                    unreachable!("just made a list")
                };
                while items.len() <= *i {
                    items.push(node(Value::Map(Vec::new())));
                }
                &mut items[*i]
            }
        };
    }
    current
}

fn get_mut<'a>(root: &'a mut Node, path: &[Segment]) -> Option<&'a mut Node> {
    let mut node = root;
    for segment in path {
        node = match (segment, &mut node.value) {
            (Segment::Key(key), Value::Map(entries)) => {
                &mut entries.iter_mut().find(|(k, _)| k.name == *key)?.1
            }
            (Segment::Index(i), Value::Seq(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Set the scalar at `path`; `Scalar::Remove` deletes the key and prunes maps left empty.
///
/// ```
/// use stashform_web::tree::{Scalar, path, set, text_at};
/// let mut root = stashform::source::yaml::load("kind: RestoreSession\n").documents.remove(0).root;
/// set(&mut root, &path("spec.addon.tasks[0].params.args"), Scalar::Str("--dbname=testdb".into()));
/// assert_eq!(text_at(&root, "spec.addon.tasks[0].params.args"), "--dbname=testdb");
/// set(&mut root, &path("spec.addon.tasks[0].params.args"), Scalar::Remove);
/// assert_eq!(stashform::render::render(&root), "kind: RestoreSession\nspec:\n  addon:\n    tasks:\n      - {}\n");
/// ```
pub fn set(root: &mut Node, path: &Path, value: Scalar) {
    let segments = &path.0;
    let value = match value {
        Scalar::Str(s) => Value::Str(s),
        Scalar::Int(i) => Value::Int(i),
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Remove => {
            remove(root, segments);
            return;
        }
    };
    ensure(root, segments).value = value;
}

fn remove(root: &mut Node, segments: &[Segment]) {
    let Some((last, parent_path)) = segments.split_last() else {
        return;
    };
    let Some(parent) = get_mut(root, parent_path) else {
        return;
    };
    match (last, &mut parent.value) {
        (Segment::Key(key), Value::Map(entries)) => entries.retain(|(k, _)| k.name != *key),
        // A list item keeps its place (removing it would renumber the fields after it).
        (Segment::Index(i), Value::Seq(items)) => {
            if let Some(item) = items.get_mut(*i) {
                item.value = Value::Str(String::new());
            }
            return;
        }
        _ => return,
    }
    prune(root, parent_path);
}

/// Remove maps on `path` that are now empty, deepest first, up to the first list item.
fn prune(root: &mut Node, path: &[Segment]) {
    let mut depth = path.len();
    while depth > 0 {
        let Segment::Key(_) = &path[depth - 1] else {
            return;
        };
        let empty = get_mut(root, &path[..depth])
            .is_some_and(|n| matches!(&n.value, Value::Map(e) if e.is_empty()));
        if !empty {
            return;
        }
        remove_key(root, &path[..depth]);
        depth -= 1;
    }
}

fn remove_key(root: &mut Node, segments: &[Segment]) {
    if let Some((Segment::Key(key), parent)) = segments.split_last()
        && let Some(Node {
            value: Value::Map(entries),
            ..
        }) = get_mut(root, parent)
    {
        entries.retain(|(k, _)| k.name != *key);
    }
}

/// Append an item to the list at `path` (creating the list).
pub fn add_item(root: &mut Node, path: &Path, item: Item) {
    let list = ensure(root, &path.0);
    if !matches!(list.value, Value::Seq(_)) {
        list.value = Value::Seq(Vec::new());
    }
    if let Value::Seq(items) = &mut list.value {
        items.push(node(match item {
            Item::Map => Value::Map(Vec::new()),
            Item::Str => Value::Str(String::new()),
        }));
    }
}

/// Remove item `index` of the list at `path`; an emptied list is removed with its key.
pub fn remove_item(root: &mut Node, path: &Path, index: usize) {
    let Some(list) = get_mut(root, &path.0) else {
        return;
    };
    let Value::Seq(items) = &mut list.value else {
        return;
    };
    if index < items.len() {
        items.remove(index);
    }
    if items.is_empty() {
        remove(root, &path.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stashform::render::render;
    use stashform::source::yaml::load;

    fn doc(text: &str) -> Node {
        load(text).documents.remove(0).root
    }

    #[test]
    fn set_creates_maps_and_lists() {
        let mut root = doc("kind: BackupConfiguration\n");
        set(
            &mut root,
            &path("spec.sessions[0].scheduler.schedule"),
            Scalar::Str("*/5 * * * *".into()),
        );
        set(
            &mut root,
            &path("spec.sessions[0].scheduler.jobTemplate.backoffLimit"),
            Scalar::Int(1),
        );
        assert_eq!(
            render(&root),
            "kind: BackupConfiguration\nspec:\n  sessions:\n    - scheduler:\n        schedule: \"*/5 * * * *\"\n        jobTemplate:\n          backoffLimit: 1\n"
        );
        assert_eq!(
            text_at(&root, "spec.sessions[0].scheduler.jobTemplate.backoffLimit"),
            "1"
        );
        assert_eq!(len_at(&root, "spec.sessions"), 1);
    }

    #[test]
    fn remove_prunes_empty_maps_but_keeps_list_items() {
        let mut root = doc("spec:\n  list:\n    - x:\n        z: 1\na: 1\n");
        set(&mut root, &path("spec.list[0].x.z"), Scalar::Remove);
        assert_eq!(render(&root), "spec:\n  list:\n    - {}\na: 1\n");
        set(&mut root, &path("a"), Scalar::Remove);
        set(&mut root, &path("nothing.here"), Scalar::Remove);
        assert_eq!(render(&root), "spec:\n  list:\n    - {}\n");
    }

    #[test]
    fn unknown_fields_survive_edits() {
        let mut root = doc("metadata:\n  name: a\n  labels:\n    team: db\nspec:\n  surprise: 3\n");
        set(&mut root, &path("metadata.name"), Scalar::Str("b".into()));
        let out = render(&root);
        assert!(out.contains("team: db") && out.contains("surprise: 3") && out.contains("name: b"));
    }

    #[test]
    fn items_are_added_and_removed() {
        let mut root = doc("spec: {}\n");
        add_item(&mut root, &path("spec.backends"), Item::Map);
        add_item(&mut root, &path("spec.backends"), Item::Map);
        set(
            &mut root,
            &path("spec.backends[1].name"),
            Scalar::Str("s3".into()),
        );
        remove_item(&mut root, &path("spec.backends"), 0);
        assert_eq!(render(&root), "spec:\n  backends:\n    - name: s3\n");
        remove_item(&mut root, &path("spec.backends"), 0);
        assert_eq!(render(&root), "{}\n");
        add_item(&mut root, &path("components"), Item::Str);
        assert_eq!(render(&root), "components:\n  - \"\"\n");
    }

    #[test]
    fn a_scalar_in_the_way_becomes_a_map() {
        let mut root = doc("metadata: oops\n");
        set(&mut root, &path("metadata.name"), Scalar::Str("x".into()));
        assert_eq!(render(&root), "metadata:\n  name: x\n");
    }
}
