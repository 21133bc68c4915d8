//! The page's components, one per file. They read the state and dispatch actions through a
//! context ([`Scope`]), and know the instance they belong to ([`Instance`]: several editors may
//! be embedded in one page, so element ids carry a prefix).
//!
//! Keystrokes stay cheap with many sessions: a [`Scoped`] part of the form (a session, a
//! backend, the target …) gets its own `Scope`, equal as long as the data and diagnostics under
//! its paths are, so Yew re-renders only the parts a change touched.

mod addon;
mod app;
mod backup_form;
mod companion;
mod data_source;
mod diagnostics;
mod field;
mod item_list;
mod job_spec;
mod messages;
mod metadata;
mod restore_form;
mod schedule_help;
mod scoped;
mod section;
mod session;
mod setup_form;
mod target;
mod toolbar;
mod yaml_pane;

pub use app::{App, AppProps};
pub use field::{Field, Kind};
pub use item_list::ItemList;
pub use messages::Messages;
pub use scoped::{DocumentScope, Scope, Scoped};
pub use section::Section;

use yew::prelude::*;

use crate::state::State;

/// The reducer of one editor.
pub type StateHandle = UseReducerHandle<State>;

/// Which editor on the page a component belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// Prefix of element ids (`""` for the first editor).
    pub prefix: AttrValue,
    /// Mounted by `<stashform-editor>`: no draft, no URL fragment.
    pub embedded: bool,
}

impl Instance {
    /// An element id unique to this editor (`yaml` for the first one).
    #[must_use]
    pub fn el(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The element id of the control for `path`.
    #[must_use]
    pub fn id(&self, path: &str) -> String {
        format!("{}f-{path}", self.prefix)
    }
}

/// The state as the nearest [`Scoped`] part of the form sees it.
#[hook]
pub fn use_scope() -> Scope {
    use_context::<Scope>().expect("components are mounted under the App's provider")
}

/// The instance, from the context.
#[hook]
pub fn use_instance() -> Instance {
    use_context::<Instance>().expect("components are mounted under the App's provider")
}
