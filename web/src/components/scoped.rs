//! Render only what changed: a [`Scope`] is the state plus a key that summarises what one part
//! of the form shows (the values and diagnostics under some paths). Scopes compare by key, so
//! the consumers under an unchanged [`Scoped`] part are not re-rendered on a keystroke elsewhere.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use stashform::source::node::{Node, Value};
use yew::prelude::*;

use super::{StateHandle, use_scope};
use crate::state::{Action, State};
use crate::tree;

/// The state as one part of the form sees it.
#[derive(Clone)]
pub struct Scope {
    state: StateHandle,
    key: u64,
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
        }
    }

    /// The part of the form under `paths`: changes when a value or a diagnostic under one of
    /// them does (or the view, or whether the text loads).
    #[must_use]
    pub fn narrow(&self, paths: &[AttrValue]) -> Self {
        let state = &self.state;
        let doc = state.doc();
        let mut h = DefaultHasher::new();
        (state.view, doc.stale).hash(&mut h);
        let root = state.form_root();
        for path in paths {
            path.hash(&mut h);
            match root.and_then(|r| tree::get(r, &tree::path(path))) {
                Some(node) => hash_node(node, &mut h),
                None => 0u8.hash(&mut h),
            }
            for d in doc.diagnostics_at(state.view, path, false) {
                (&d.path, d.severity, &d.message, &d.help, d.code).hash(&mut h);
            }
        }
        Self {
            state: self.state.clone(),
            key: h.finish(),
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
