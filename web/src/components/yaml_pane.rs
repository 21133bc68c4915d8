//! The YAML pane: a plain textarea (`id="yaml"`; its value is exactly what Copy and Download
//! give), with a gutter of line numbers that marks the lines diagnostics point at.
//!
//! The textarea is as tall and wide as its text and scrolls together with the gutter inside
//! one container: no scroll syncing, and no layout read on a keystroke.

use std::collections::BTreeMap;

use stashform::Severity;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{use_instance, use_scope};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct YamlPaneProps {
    pub textarea: NodeRef,
}

#[function_component]
pub fn YamlPane(props: &YamlPaneProps) -> Html {
    let state = use_scope();
    let instance = use_instance();
    let doc = state.doc();
    let id = instance.el("yaml");
    let status_id = instance.el("yaml-status");
    let lines = doc.text.split('\n').count();
    let columns = doc
        .text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let size = format!(
        "height: calc({lines} * var(--line) + 16px); width: max(100%, calc({}ch + 1.5rem))",
        columns + 2
    );
    let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
    // The worst severity per line, and its messages (for the marker's tooltip).
    let mut marked: BTreeMap<u32, (Severity, &str, Vec<&str>)> = BTreeMap::new();
    for d in &doc.diagnostics {
        let entry = marked
            .entry(d.line)
            .or_insert((d.severity, d.path.as_str(), Vec::new()));
        if d.severity < entry.0 {
            (entry.0, entry.1) = (d.severity, d.path.as_str());
        }
        entry.2.push(&d.message);
    }
    let markers = marked.iter().map(|(line, (severity, path, messages))| {
        html! {
            <span class={classes!("marker", severity.as_str())}
                data-path={path.to_string()} data-severity={severity.as_str()}
                style={format!("top: calc({} * var(--line))", line - 1)}
                title={messages.join("\n")}>{"●"}</span>
        }
    });
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            state.dispatch(Action::SetYaml(value));
        })
    };
    let status = if doc.stale {
        "The YAML has a syntax error: the form shows the last version that loaded."
    } else {
        ""
    };
    html! {
        <section class="yaml-pane" aria-labelledby={format!("{id}-label")}>
            <h2 id={format!("{id}-label")}><label for={id.clone()}>{"YAML"}</label></h2>
            <div class="editor">
                <div class="gutter" aria-hidden="true">
                    <pre class="numbers">{numbers}</pre>
                    { for markers }
                </div>
                <div class="text">
                    <textarea id={id} ref={props.textarea.clone()} value={doc.text.clone()}
                        style={size} spellcheck="false" autocapitalize="off" autocomplete="off"
                        wrap="off" aria-describedby={status_id.clone()} {oninput} />
                </div>
            </div>
            <p class="yaml-status" id={status_id}>{status}</p>
        </section>
    }
}
