//! Render only what changed: a [`Scope`] is the state plus a key that summarises what one part
//! of the form shows (the values and diagnostics under some paths). Scopes compare by key, so
//! the consumers under an unchanged [`Scoped`] part are not re-rendered on a keystroke elsewhere.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use stashform::Located;
use stashform::catalog::Direction;
use stashform::source::node::{Node, Value};
use yew::prelude::*;

use super::{StateHandle, use_scope};
use crate::bundle;
use crate::state::{Action, State};

/// The state as one part of the form sees it: in a view of several documents, one document's
/// part (its paths are `documents[i].`-prefixed: `prefix`).
#[derive(Clone)]
pub struct Scope {
    state: StateHandle,
    key: u64,
    prefix: AttrValue,
}

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Deref for Scope {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl Scope {
    /// The whole page: changes with every change of the state.
    #[must_use]
    pub fn root(state: StateHandle) -> Self {
        let mut h = DefaultHasher::new();
        (state.view, state.revision).hash(&mut h);
        Self {
            key: h.finish(),
            state,
            prefix: AttrValue::default(),
        }
    }

    /// Document `index` of a bundle: its paths get the `documents[index].` prefix.
    #[must_use]
    pub fn document(&self, index: usize) -> Self {
        let mut h = DefaultHasher::new();
        (self.key, index).hash(&mut h);
        Self {
            state: self.state.clone(),
            key: h.finish(),
            prefix: bundle::prefix(index).into(),
        }
    }

    /// The prefix of this part's paths (`""`, or `documents[i].`).
    #[must_use]
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The page-wide path (control `name`, action path) of a path of this part's document.
    #[must_use]
    pub fn full(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// Text of the scalar at `path` of this part's document.
    #[must_use]
    pub fn value(&self, path: &str) -> String {
        self.state.value(&self.full(path))
    }

    /// Number of items of the list at `path` of this part's document.
    #[must_use]
    pub fn len(&self, path: &str) -> usize {
        self.state.len(&self.full(path))
    }

    /// Keys of the mapping at `path` of this part's document, in document order.
    #[must_use]
    pub fn keys(&self, path: &str) -> Vec<String> {
        self.state
            .node(&self.full(path))
            .map_or_else(Vec::new, |n| {
                n.entries().iter().map(|(k, _)| k.name.clone()).collect()
            })
    }

    /// The diagnostics at `path` (or below, unless `exact`) of this part's document.
    #[must_use]
    pub fn diagnostics_at(&self, path: &str, exact: bool) -> Vec<&Located> {
        let full = self.full(path);
        self.state
            .doc()
            .diagnostics_in(self.state.view, &full, exact)
    }

    /// Which addon tasks this part's document may use.
    #[must_use]
    pub fn direction(&self) -> Direction {
        if self.value("kind") == "RestoreSession" {
            Direction::Restore
        } else {
            self.state.view.direction()
        }
    }

    /// The part of the form under `paths`: changes when a value or a diagnostic under one of
    /// them does (or the view, or whether the text loads).
    #[must_use]
    pub fn narrow(&self, paths: &[AttrValue]) -> Self {
        let state = &self.state;
        let doc = state.doc();
        let mut h = DefaultHasher::new();
        (state.view, doc.stale, &self.prefix).hash(&mut h);
        for path in paths {
            let full = self.full(path);
            full.hash(&mut h);
            match state.node(&full) {
                Some(node) => hash_node(node, &mut h),
                None => 0u8.hash(&mut h),
            }
            for d in doc.diagnostics_at(state.view, &full, false) {
                (&d.path, d.severity, &d.message, &d.help, d.code).hash(&mut h);
            }
        }
        Self {
            state: self.state.clone(),
            key: h.finish(),
            prefix: self.prefix.clone(),
        }
    }

    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }
}

/// Hash a tree by value (not by position: text above it may move).
fn hash_node(node: &Node, h: &mut DefaultHasher) {
    match &node.value {
        Value::Null => 1u8.hash(h),
        Value::Bool(b) => (2u8, b).hash(h),
        Value::Int(i) => (3u8, i).hash(h),
        Value::Float(f) => (4u8, f.to_bits()).hash(h),
        Value::Str(s) => (5u8, s).hash(h),
        Value::Seq(items) => {
            (6u8, items.len()).hash(h);
            for item in items {
                hash_node(item, h);
            }
        }
        Value::Map(entries) => {
            (7u8, entries.len()).hash(h);
            for (key, value) in entries {
                key.name.hash(h);
                hash_node(value, h);
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ScopedProps {
    /// What this part shows: values and diagnostics under these paths.
    pub paths: Vec<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// Provide a narrower [`Scope`] to `children`.
#[function_component]
pub fn Scoped(props: &ScopedProps) -> Html {
    let scope = use_scope().narrow(&props.paths);
    html! {
        <ContextProvider<Scope> context={scope}>{props.children.clone()}</ContextProvider<Scope>>
    }
}

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    /// The document's index in the text.
    pub index: usize,
    #[prop_or_default]
    pub children: Html,
}

/// Provide the [`Scope`] of document `index` of a bundle to `children`.
#[function_component]
pub fn DocumentScope(props: &DocumentProps) -> Html {
    let scope = use_scope().document(props.index);
    html! {
        <ContextProvider<Scope> context={scope}>{props.children.clone()}</ContextProvider<Scope>>
    }
}
