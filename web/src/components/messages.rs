//! The diagnostics shown at a field or a section: each with `data-path` and `data-severity`.

use yew::prelude::*;

use super::use_scope;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    pub path: AttrValue,
    #[prop_or_default]
    pub id: Option<String>,
    /// Only diagnostics exactly at `path` (sections: the fields below show their own).
    #[prop_or_default]
    pub exact: bool,
}

#[function_component]
pub fn Messages(props: &MessagesProps) -> Html {
    let state = use_scope();
    let items: Vec<Html> = state
        .diagnostics_at(&props.path, props.exact)
        .into_iter()
        .map(|d| {
            let severity = d.severity.as_str();
            html! {
                <li class={severity} data-path={state.full(&d.path)} data-severity={severity}>
                    <span class="sev">{severity}</span>{" "}{&d.message}
                    if let Some(help) = &d.help {
                        <span class="fix">{" — "}{help}</span>
                    }
                </li>
            }
        })
        .collect();
    if items.is_empty() {
        // Kept (empty) so `aria-describedby` always points somewhere.
        return html! { <ul class="messages" id={props.id.clone()} hidden=true></ul> };
    }
    html! {
        <ul class="messages" id={props.id.clone()}>{ for items }</ul>
    }
}
