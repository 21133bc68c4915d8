//! What an edit means, on a tree: the data the edited text must load to. The text edits in
//! `text.rs` are checked against it after every edit, so a layout they do not handle exactly
//! gives an error, never wrong data.

use crate::diagnostic::Segment;
use crate::source::Span;
use crate::source::node::{Key, Node, Value};

use super::{Edit, EditError};

pub(super) fn node(value: Value) -> Node {
    Node::new(value, Span::default())
}

/// `value` under the segments of `rest`: `[a, 1]` and `v` give `{a: [{}, v]}`.
pub(super) fn wrap(rest: &[Segment], value: &Node) -> Node {
    rest.iter()
        .rev()
        .fold(value.clone(), |inner, segment| match segment {
            Segment::Key(key) => node(Value::Map(vec![(
                Key {
                    name: key.clone(),
                    span: Span::default(),
                },
                inner,
            )])),
            Segment::Index(i) => {
                let mut items = vec![node(Value::Map(Vec::new())); *i];
                items.push(inner);
                node(Value::Seq(items))
            }
        })
}

/// Apply `edit` to `root` as data.
pub(super) fn apply(root: &mut Node, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Set { path, value } => {
            *ensure(root, &path.0) = value.clone();
        }
        Edit::Remove { path } => {
            let Some((last, parent)) = path.0.split_last() else {
                return Err(EditError::new("cannot remove the whole document"));
            };
            if let Some(parent) = get_mut(root, parent) {
                match (last, &mut parent.value) {
                    (Segment::Key(key), Value::Map(entries)) => {
                        entries.retain(|(k, _)| k.name != *key);
                    }
                    (Segment::Index(i), Value::Seq(items)) if *i < items.len() => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        Edit::Insert { path, index, value } => {
            let list = ensure(root, &path.0);
            if !matches!(list.value, Value::Seq(_)) {
                list.value = Value::Seq(Vec::new());
            }
            if let Value::Seq(items) = &mut list.value {
                let at = index.unwrap_or(items.len()).min(items.len());
                items.insert(at, value.clone());
            }
        }
        Edit::Move { path, from, to } => {
            let items = match get_mut(root, &path.0).map(|n| &mut n.value) {
                Some(Value::Seq(items)) => items,
                _ => return Err(EditError::new(format!("there is no list at `{path}`"))),
            };
            if *from >= items.len() || *to >= items.len() {
                return Err(EditError::new(format!(
                    "`{path}` has {} items: cannot move item {from} to {to}",
                    items.len()
                )));
            }
            let item = items.remove(*from);
            items.insert(*to, item);
        }
        Edit::Rename { path, to } => {
            let missing = || EditError::new(format!("there is no key `{path}` to rename"));
            let Some((Segment::Key(from), parent)) = path.0.split_last() else {
                return Err(missing());
            };
            let Some(Value::Map(entries)) = get_mut(root, parent).map(|n| &mut n.value) else {
                return Err(missing());
            };
            if from != to && entries.iter().any(|(k, _)| k.name == *to) {
                let taken = crate::diagnostic::Path(parent.to_vec()).key(to);
                return Err(EditError::new(format!("`{taken}` exists already")));
            }
            let Some((key, _)) = entries.iter_mut().find(|(k, _)| k.name == *from) else {
                return Err(missing());
            };
            key.name.clone_from(to);
        }
    }
    Ok(())
}

/// The node at `path`, created (with every map and list above it) when missing; a scalar in
/// the way becomes a map or a list, and a list too short for an index grows by empty maps.
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
