//! The editor: the reducer and its providers, the URL fragment and the draft, and the layout
//! (toolbar; form beside the YAML pane and the checks).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::backup_form::BackupForm;
use super::companion::{Companion, CompanionKind};
use super::diagnostics::Diagnostics;
use super::restore_form::RestoreForm;
use super::setup_form::SetupForm;
use super::toolbar::Toolbar;
use super::yaml_pane::YamlPane;
use super::{Instance, Scope, StateHandle};
use crate::state::{Action, State, View};
use crate::{browser, bundle, share};

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Mounted by `<stashform-editor>`: no draft, no URL fragment.
    #[prop_or_default]
    pub embedded: bool,
    /// The view to start in (`kind="restore"`).
    #[prop_or_default]
    pub kind: Option<View>,
    /// The YAML to start with (the element's text).
    #[prop_or_default]
    pub initial: Option<AttrValue>,
    /// Element id prefix (several editors on one page).
    #[prop_or_default]
    pub prefix: AttrValue,
}

fn draft_key(view: View) -> String {
    format!("stashform.draft.{}", view.slug())
}

/// Where the page starts: the embed's own text, else a share link, else the draft.
fn initial_state(props: &AppProps) -> State {
    if props.embedded {
        let view = props.kind.unwrap_or_default();
        let text = props
            .initial
            .as_ref()
            .map(|t| dedent(t))
            .filter(|t| !t.trim().is_empty());
        let mut text = text;
        let mut state = State::new(view, |v| if v == view { text.take() } else { None });
        // Text of the other kind moves to its view, as a paste would.
        let text = state.doc().text.clone();
        state.apply(Action::SetYaml(text));
        return state;
    }
    let route = share::parse(&browser::hash());
    let view = route.view.or(props.kind).unwrap_or_default();
    let mut state = State::new(view, |v| browser::load(&draft_key(v)));
    if let Some(yaml) = route.yaml {
        state.apply(Action::SetYaml(yaml));
    }
    state
}

/// Remove the indentation an embedding page's HTML gives the element's text.
#[must_use]
pub fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let body = &lines[start..end.max(start)];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in body {
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    out
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state: StateHandle = use_reducer(|| initial_state(props));
    let instance = use_memo(props.prefix.clone(), |prefix| Instance {
        prefix: prefix.clone(),
        embedded: props.embedded,
    });
    let root = use_node_ref();
    let textarea = use_node_ref();
    let embedded = props.embedded;

    // The draft: saved on every change of a text (always the current view's: every change
    // shows its view), secret values replaced by a placeholder (a text where they cannot be
    // found is not saved). The documents the check loaded are reused: no second load per
    // keystroke.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let doc = state.doc();
            if !embedded && let Some(text) = bundle::redact_loaded(&doc.text, doc.own_documents()) {
                browser::save(&draft_key(state.view), &text);
            }
        });
    }
    // The fragment follows the view: in place at the start (a consumed share link becomes
    // `#/backup`), as a new history entry when an action opens another view ("Restore from
    // this backup"), so that Back returns. Links and Back change the fragment themselves.
    {
        let started = use_mut_ref(|| false);
        use_effect_with(state.view, move |view| {
            if !embedded {
                let new_entry = started.replace(true);
                browser::show_hash(&share::fragment(*view, None), new_entry);
            }
        });
    }
    // Following links: `#/restore`, or a share link opened in this tab.
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let listener = (!embedded).then(web_sys::window).flatten().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let route = share::parse(&browser::hash());
                    if let Some(view) = route.view {
                        state.dispatch(Action::SwitchView(view));
                    }
                    if let Some(yaml) = route.yaml {
                        state.dispatch(Action::SetYaml(yaml));
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Ctrl+Z / Ctrl+Shift+Z (⌘ on macOS) outside text controls, which have their own undo.
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let modifier = if browser::is_mac() {
                        event.meta_key()
                    } else {
                        event.ctrl_key()
                    };
                    let key = event.key().to_lowercase();
                    if !modifier || event.alt_key() || browser::in_text_control(event) {
                        return;
                    }
                    let action = match (key.as_str(), event.shift_key()) {
                        ("z", false) => Action::Undo,
                        ("z", true) | ("y", false) => Action::Redo,
                        _ => return,
                    };
                    event.prevent_default();
                    state.dispatch(action);
                })
            });
            move || drop(listener)
        });
    }

    let view = state.view;
    let tab = |v: View, label: &str| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SwitchView(v)));
        let current = (v == view).then_some("page");
        html! {
            <button type="button" class="view" aria-current={current} data-view={v.slug()} {onclick}>
                {label.to_owned()}
            </button>
        }
    };
    let doc = state.doc();
    let form = if !view.is_bundle() && doc.form_root(view).is_none() && !doc.documents.is_empty() {
        html! {
            <p class="notice">{format!(
                "This YAML has no {}: the form has nothing to edit. Fix it in the YAML pane, or Reset.",
                view.kind()
            )}</p>
        }
    } else {
        match view {
            View::Backup => html! { <BackupForm /> },
            View::Restore => html! { <RestoreForm /> },
            View::Setup => html! { <SetupForm /> },
            View::Storage => html! { <Companion kind={CompanionKind::Storage} /> },
            View::Retention => html! { <Companion kind={CompanionKind::Retention} /> },
            View::Secret => html! { <Companion kind={CompanionKind::Secret} /> },
        }
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    // The views are routed by the URL fragment: the skip link focuses the pane itself.
    let skip = {
        let textarea = textarea.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(t) = textarea.cast::<web_sys::HtmlElement>() {
                let _ = t.focus();
            }
        })
    };
    html! {
        <ContextProvider<Scope> context={Scope::root(state.clone())}>
        <ContextProvider<Instance> context={(*instance).clone()}>
            <div class={classes!("stashform", embedded.then_some("embedded"))} ref={root.clone()}>
                <a class="skip" href={format!("#{}", instance.el("yaml"))} onclick={skip}>{"Skip to the YAML"}</a>
                <header class="top">
                    if !embedded {
                        <h1>{"stashform"}<span class="tagline">{" KubeStash backup & restore YAML, checked as you type"}</span></h1>
                    }
                    <nav class="views" aria-label="What to build">
                        {tab(View::Backup, "BackupConfiguration")}
                        {tab(View::Restore, "RestoreSession")}
                        {tab(View::Setup, "Whole setup")}
                        {tab(View::Storage, "BackupStorage")}
                        {tab(View::Retention, "RetentionPolicy")}
                        {tab(View::Secret, "Secret")}
                    </nav>
                    <Toolbar />
                </header>
                // One `main` landmark on the page; an embed lives inside someone else's page.
                <@{if embedded { "div" } else { "main" }} class="panes">
                    <form class="form" aria-label={if view.is_bundle() { "Setup form".to_owned() } else { format!("{} form", view.kind()) }} {onsubmit}
                        autocomplete="off" novalidate=true>
                        if doc.stale {
                            <p class="notice" role="status">{"The YAML has a syntax error (see Checks): the form shows the last version that loaded and is read-only until the YAML loads again."}</p>
                        }
                        if let Some(error) = &state.edit_error {
                            <p class="notice edit-error" role="alert">{error.clone()}</p>
                        }
                        <fieldset class="form-body" disabled={doc.stale}>
                            {form}
                        </fieldset>
                    </form>
                    <aside class="side">
                        <YamlPane textarea={textarea.clone()} />
                        <Diagnostics root={root} textarea={textarea} />
                    </aside>
                </@>
            </div>
        </ContextProvider<Instance>>
        </ContextProvider<Scope>>
    }
}

#[cfg(test)]
mod tests {
    use super::dedent;

    #[test]
    fn embedded_text_loses_its_html_indentation() {
        let text = "\n    kind: A\n    spec:\n      x: 1\n  ";
        assert_eq!(dedent(text), "kind: A\nspec:\n  x: 1\n");
    }
}
