//! A titled group of fields, showing the diagnostics exactly at its own path (for example a
//! missing `spec.target`).

use yew::prelude::*;

use super::Messages;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub title: AttrValue,
    /// The path the section edits (`spec.target`); its own diagnostics show under the title.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    #[prop_or_default]
    pub intro: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Section(props: &SectionProps) -> Html {
    html! {
        <fieldset class={classes!("section", props.class.clone())}>
            <legend>{props.title.clone()}</legend>
            if let Some(intro) = &props.intro {
                <p class="intro">{intro.clone()}</p>
            }
            if let Some(path) = &props.path {
                <Messages path={path.clone()} exact=true />
            }
            <div class="fields">{props.children.clone()}</div>
        </fieldset>
    }
}
