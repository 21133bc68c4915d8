//! Start from an example, undo and redo, copy, download, share, format, reset.

use gloo::timers::callback::Timeout;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{use_instance, use_scope};
use crate::browser;
use crate::bundle;
use crate::share;
use crate::state::Action;
use crate::templates::TEMPLATES;

#[function_component]
pub fn Toolbar() -> Html {
    let state = use_scope();
    let instance = use_instance();
    let status = use_state(String::new);
    let confirm_reset = use_state(|| false);
    let share_link = use_state(|| None::<String>);
    let timer = use_mut_ref(|| None::<Timeout>);

    let say = {
        let status = status.clone();
        let timer = timer.clone();
        move |message: &str| {
            status.set(message.to_owned());
            let status = status.clone();
            *timer.borrow_mut() = Some(Timeout::new(4000, move || status.set(String::new())));
        }
    };
    let on_template = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            if let Ok(i) = select.value().parse::<usize>() {
                state.dispatch(Action::LoadTemplate(i));
            }
            select.set_value("");
        })
    };
    let on_copy = {
        let state = state.clone();
        let say = say.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&state.doc().text);
            say("Copied the YAML.");
        })
    };
    let name = state.doc().name(state.view).unwrap_or(state.view.slug());
    let file_name = if state.view.is_bundle() {
        format!("{name}-setup.yaml")
    } else {
        format!("{name}.yaml")
    };
    let on_download = {
        let state = state.clone();
        let say = say.clone();
        let file_name = file_name.clone();
        Callback::from(move |_: MouseEvent| {
            browser::download(&file_name, &state.doc().text);
            say(&format!("Downloaded {file_name}."));
        })
    };
    let on_share = {
        let state = state.clone();
        let say = say.clone();
        let share_link = share_link.clone();
        let embedded = instance.embedded;
        Callback::from(move |_: MouseEvent| {
            // Secret values never leave the page: the link carries a placeholder instead.
            let text = &state.doc().text;
            let Some(shared) = bundle::redact(text) else {
                share_link.set(None);
                say(
                    "Fix the YAML error first: a Secret's values cannot be left out of a text that does not load.",
                );
                return;
            };
            let fragment = share::fragment(state.view, Some(&shared));
            let url = browser::url_with(&fragment, embedded);
            browser::copy(&url);
            share_link.set(Some(url));
            if shared == *text {
                say("Copied a link that contains this YAML (nothing is uploaded).");
            } else {
                say(
                    "Copied a link that contains this YAML with every secret value replaced by a placeholder (nothing is uploaded).",
                );
            }
        })
    };
    let on_format = {
        let state = state.clone();
        let say = say.clone();
        Callback::from(move |_: MouseEvent| {
            if state.doc().stale {
                say("Fix the YAML error first: a text that does not load cannot be formatted.");
            } else {
                state.dispatch(Action::Format);
                say("Formatted: key order and quoting changed, every value and comment kept.");
            }
        })
    };
    let on_undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    let on_redo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Redo))
    };
    let (undo_key, redo_key) = if browser::is_mac() {
        ("⌘Z", "⇧⌘Z")
    } else {
        ("Ctrl+Z", "Ctrl+Shift+Z")
    };
    let on_reset = {
        let state = state.clone();
        let confirm_reset = confirm_reset.clone();
        let say = say.clone();
        Callback::from(move |_: MouseEvent| {
            if *confirm_reset {
                state.dispatch(Action::Reset);
                confirm_reset.set(false);
                say("Started over.");
            } else {
                confirm_reset.set(true);
            }
        })
    };
    let on_reset_blur = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: FocusEvent| confirm_reset.set(false))
    };
    let templates = TEMPLATES.iter().enumerate().map(|(i, t)| {
        html! { <option value={i.to_string()}>{t.title}</option> }
    });
    let share_id = instance.el("share-link");
    html! {
        <div class="toolbar" role="toolbar" aria-label="Document">
            <label class="visually-hidden" for={instance.el("templates")}>{"Start from an example"}</label>
            <select id={instance.el("templates")} class="templates" onchange={on_template}>
                <option value="" selected=true>{"Start from an example…"}</option>
                { for templates }
            </select>
            <button type="button" class="undo" data-action="undo" onclick={on_undo}
                disabled={!state.can_undo()} title={format!("Undo ({undo_key})")}
                aria-keyshortcuts={if browser::is_mac() { "Meta+Z" } else { "Control+Z" }}>{"Undo"}</button>
            <button type="button" class="redo" data-action="redo" onclick={on_redo}
                disabled={!state.can_redo()} title={format!("Redo ({redo_key})")}
                aria-keyshortcuts={if browser::is_mac() { "Meta+Shift+Z" } else { "Control+Shift+Z" }}>{"Redo"}</button>
            <button type="button" class="copy" onclick={on_copy}>{"Copy"}</button>
            <button type="button" class="download" onclick={on_download}
                title={format!("Save as {file_name}")}>{"Download"}</button>
            <button type="button" class="share" data-action="share" onclick={on_share}>{"Share link"}</button>
            <button type="button" class="format" onclick={on_format}>{"Format"}</button>
            <button type="button" class={classes!("reset", confirm_reset.then_some("confirm"))}
                onclick={on_reset} onblur={on_reset_blur}>
                {if *confirm_reset { "Really start over?" } else { "Reset" }}
            </button>
            <p class="status" role="status" aria-live="polite">{(*status).clone()}</p>
            <p class="apply-hint">{"Apply the download: "}<code>{format!("kubectl apply -f {file_name}")}</code></p>
            if let Some(link) = &*share_link {
                <div class="share-box">
                    <label for={share_id.clone()}>{"Share link"}</label>
                    <input id={share_id} type="text" readonly=true value={link.clone()}
                        onfocus={Callback::from(|e: FocusEvent| {
                            e.target_unchecked_into::<web_sys::HtmlInputElement>().select();
                        })} />
                </div>
            }
        </div>
    }
}
