//! The stashform form builder: a Yew (CSR) page that builds KubeStash BackupConfiguration and
//! RestoreSession YAML, checked by the stashform core on every keystroke.
//!
//! - [`state`]: the pure reducer (the YAML text is the source of truth; the form edits the tree
//!   by dotted path), unit-tested natively with `cargo test -p stashform-web`.
//! - [`components`]: one component per file, sharing the reducer through a context.
//! - [`start`] mounts the page into `#stashform`; [`mount`] serves the `<stashform-editor>`
//!   custom element of `embed.js`.

pub mod browser;
pub mod bundle;
pub mod components;
pub mod highlight;
pub mod share;
pub mod state;
pub mod templates;
pub mod tree;

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use components::{App, AppProps};
use state::View;

thread_local! {
    static MOUNTED: Cell<usize> = const { Cell::new(0) };
}

/// Id prefix of the next editor: `""` for the first, `e2-`, `e3-` … after it.
fn next_prefix() -> String {
    MOUNTED.with(|n| {
        let count = n.get();
        n.set(count + 1);
        if count == 0 {
            String::new()
        } else {
            format!("e{}-", count + 1)
        }
    })
}

/// Runs when the module is initialised: mounts the full page when it has a `#stashform` element.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("stashform"))
    else {
        return;
    };
    root.set_inner_html("");
    let props = AppProps {
        prefix: next_prefix().into(),
        ..AppProps::default()
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

/// Mount an embedded editor into `root` (used by `<stashform-editor kind="…">`): `kind` is
/// `backup` or `restore`, `initial` the YAML to start with. No draft, no URL changes.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, kind: Option<String>, initial: Option<String>) {
    root.set_inner_html("");
    let props = AppProps {
        embedded: true,
        kind: kind.as_deref().and_then(View::from_slug),
        initial: initial.map(Into::into),
        prefix: next_prefix().into(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
