//! Every diagnostic of the document in one list, each a button: it focuses the form field that
//! shows it and selects its exact span in the YAML pane (scrolled to it), which takes the focus
//! when no field shows the finding.

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::{use_instance, use_scope};
use crate::browser;
use crate::state::Action;
use stashform::Severity;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub root: NodeRef,
    pub textarea: NodeRef,
}

#[function_component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let state = use_scope();
    let instance = use_instance();
    let title = instance.el("diagnostics-title");
    let doc = state.doc();
    let (errors, warnings, infos) = (
        doc.count(Severity::Error),
        doc.count(Severity::Warning),
        doc.count(Severity::Info),
    );
    let summary = if doc.diagnostics.is_empty() {
        "No problems: the cluster will accept this.".to_owned()
    } else {
        format!(
            "{errors} error{}, {warnings} warning{}, {infos} note{}",
            plural(errors),
            plural(warnings),
            plural(infos)
        )
    };
    let several = doc.documents.len() > 1;
    let apply = |i: usize| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ApplyFix(i)))
    };
    let bundle = state.view.is_bundle();
    let form_document = doc.form_index(state.view).map(|i| doc.documents[i].index);
    let items = doc.diagnostics.iter().enumerate().map(|(i, d)| {
        let go = {
            let root = props.root.clone();
            let textarea = props.textarea.clone();
            let path = shown_path(bundle, d);
            let (start, end) = ((d.line, d.column), (d.end_line, d.end_column));
            let in_form = (bundle || Some(d.document) == form_document) && !doc.stale;
            move || {
                let focused = in_form
                    && !path.is_empty()
                    && root
                        .cast::<Element>()
                        .is_some_and(|r| browser::focus_field(&r, &path));
                // The YAML pane always shows and selects the span; it takes the focus only
                // when no form field shows the finding.
                if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                    browser::select_span(&t, start, end, !focused);
                }
            }
        };
        let onclick = Callback::from(move |_: MouseEvent| go());
        let severity = d.severity.as_str();
        let place = if several {
            format!("document {}, line {}", d.document + 1, d.line)
        } else {
            format!("line {}", d.line)
        };
        html! {
            <li class={classes!("diagnostic", severity)} data-path={shown_path(bundle, d)}
                data-severity={severity}>
                <button type="button" class="go" {onclick}>
                    <span class="sev">{severity}</span>
                    <span class="msg">{&d.message}</span>
                    if let Some(help) = &d.help {
                        <span class="fix">{help}</span>
                    }
                    <span class="where">
                        <code>{if d.path.is_empty() { "(document)" } else { d.path.as_str() }}</code>
                        {" · "}{place}{" · "}<span class="code">{d.code}{" "}{d.rule}</span>
                    </span>
                </button>
                if let Some(fix) = d.fix.as_ref().filter(|_| doc.fixes.get(i).is_some_and(Option::is_some)) {
                    <button type="button" class="apply" data-action="fix"
                        title={fix.title.clone()} aria-label={format!("Apply: {}", fix.title)}
                        onclick={apply(i)}>{"Apply"}</button>
                }
            </li>
        }
    });
    html! {
        <section class="diagnostics" id={instance.el("diagnostics")} aria-labelledby={title.clone()}>
            <h2 id={title}>{"Checks"}</h2>
            <p class="summary" role="status" aria-live="polite">{summary}</p>
            <ul>{ for items }</ul>
        </section>
    }
}

/// A diagnostic's path as the page names it: `documents[i].`-prefixed in a bundle view.
fn shown_path(bundle: bool, d: &stashform::Located) -> String {
    if bundle {
        format!("{}{}", crate::bundle::prefix(d.document), d.path)
    } else {
        d.path.clone()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
