//! One form control bound to a dotted path: a label, the control (its `name` is the path), a
//! help line, and the diagnostics at or below the path (`aria-invalid` on errors).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Messages, use_instance, use_scope};
use crate::state::Action;
use crate::tree::Scalar;

/// What a control edits, and so what it writes into the YAML.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Kind {
    /// A string; cleared removes the key.
    #[default]
    Text,
    /// An integer: written as a YAML integer (text that is not one is kept as a string, and
    /// the checks say so).
    Int,
    /// A Kubernetes quantity (`200m`, `1Gi`): written as a string.
    Quantity,
    /// `true` / `false` / unset.
    Bool,
    /// A secret value: typed into a password control; never leaves the page (see `bundle`).
    Secret,
    /// One of a list (a current value outside it is kept and shown).
    Choice(Vec<AttrValue>),
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub path: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub kind: Kind,
    /// Shown when empty (defaults of Addon parameters, examples).
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub help: Option<AttrValue>,
    /// Offered values for a text field (a `<datalist>`).
    #[prop_or_default]
    pub suggestions: Vec<AttrValue>,
    /// A list item: clearing it writes `""` instead of removing it.
    #[prop_or_default]
    pub keep_empty: bool,
    #[prop_or_default]
    pub children: Html,
}

/// The YAML value a control's text stands for.
#[must_use]
pub fn scalar(kind: &Kind, text: &str, keep_empty: bool) -> Scalar {
    if text.is_empty() {
        return if keep_empty {
            Scalar::Str(String::new())
        } else {
            Scalar::Remove
        };
    }
    match kind {
        Kind::Int => text
            .trim()
            .parse::<i128>()
            .map_or_else(|_| Scalar::Str(text.to_owned()), Scalar::Int),
        Kind::Bool => match text {
            "true" => Scalar::Bool(true),
            "false" => Scalar::Bool(false),
            _ => Scalar::Str(text.to_owned()),
        },
        Kind::Text | Kind::Quantity | Kind::Secret | Kind::Choice(_) => {
            Scalar::Str(text.to_owned())
        }
    }
}

#[function_component]
pub fn Field(props: &FieldProps) -> Html {
    let state = use_scope();
    let instance = use_instance();
    let value = state.value(&props.path);
    let path = state.full(&props.path);
    let id = instance.id(&path);
    let mut errors = false;
    let mut warnings = false;
    for d in state.diagnostics_at(&props.path, false) {
        match d.severity {
            stashform::Severity::Error => errors = true,
            stashform::Severity::Warning => warnings = true,
            stashform::Severity::Info => {}
        }
    }
    let messages_id = format!("{id}-messages");
    let help_id = format!("{id}-help");
    let described = match &props.help {
        Some(_) => format!("{help_id} {messages_id}"),
        None => messages_id.clone(),
    };

    let dispatch = {
        let state = state.clone();
        let path = path.clone();
        let kind = props.kind.clone();
        let keep_empty = props.keep_empty;
        move |text: String| {
            state.dispatch(Action::SetField {
                path: path.clone(),
                value: scalar(&kind, &text, keep_empty),
            });
        }
    };
    let invalid = if errors { Some("true") } else { None };
    // A <select> follows `selected` attributes only until the user picks: set its value.
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        let value = value.clone();
        use_effect(move || {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>()
                && select.value() != value
            {
                select.set_value(&value);
            }
        });
    }
    let control = match &props.kind {
        Kind::Choice(_) | Kind::Bool => {
            let options: Vec<AttrValue> = match &props.kind {
                Kind::Choice(options) => options.clone(),
                _ => vec!["true".into(), "false".into()],
            };
            let onchange = Callback::from(move |e: Event| {
                dispatch(e.target_unchecked_into::<HtmlSelectElement>().value());
            });
            let unset = if props.placeholder.is_empty() {
                "— not set —".to_owned()
            } else {
                format!("— {} —", props.placeholder)
            };
            let known = options.iter().any(|o| **o == value);
            html! {
                <select ref={select_ref} id={id.clone()} name={path.clone()} aria-invalid={invalid}
                    aria-describedby={described} {onchange}>
                    <option value="" selected={value.is_empty()}>{unset}</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.clone()} selected={**o == value}>{o.clone()}</option>
                    }) }
                    if !known && !value.is_empty() {
                        <option value={value.clone()} selected=true>{value.clone()}</option>
                    }
                </select>
            }
        }
        kind => {
            let oninput = Callback::from(move |e: InputEvent| {
                dispatch(e.target_unchecked_into::<HtmlInputElement>().value());
            });
            let list = (!props.suggestions.is_empty()).then(|| format!("{id}-list"));
            let inputmode = matches!(kind, Kind::Int).then_some("numeric");
            let kind = if matches!(kind, Kind::Secret) {
                "password"
            } else {
                "text"
            };
            html! {
                <>
                    <input id={id.clone()} name={path.clone()} type={kind} value={value}
                        placeholder={props.placeholder.clone()} aria-invalid={invalid}
                        aria-describedby={described} {inputmode} list={list.clone()}
                        autocomplete="off" spellcheck="false" {oninput} />
                    if let Some(list) = list {
                        <datalist id={list}>
                            { for props.suggestions.iter().map(|s| html! { <option value={s.clone()} /> }) }
                        </datalist>
                    }
                </>
            }
        }
    };
    let class = classes!(
        "field",
        errors.then_some("invalid"),
        (warnings && !errors).then_some("warned")
    );
    html! {
        <div {class}>
            <label for={id}>{props.label.clone()}</label>
            {control}
            if let Some(help) = &props.help {
                <p class="help" id={help_id}>{help.clone()}</p>
            }
            <Messages path={props.path.clone()} id={messages_id} />
            {props.children.clone()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_write_the_right_yaml_types() {
        assert_eq!(scalar(&Kind::Int, "1", false), Scalar::Int(1));
        assert_eq!(scalar(&Kind::Int, " 0 ", false), Scalar::Int(0));
        assert_eq!(scalar(&Kind::Int, "1.5", false), Scalar::Str("1.5".into()));
        assert_eq!(scalar(&Kind::Quantity, "1", false), Scalar::Str("1".into()));
        assert_eq!(scalar(&Kind::Bool, "true", false), Scalar::Bool(true));
        assert_eq!(scalar(&Kind::Text, "", false), Scalar::Remove);
        assert_eq!(scalar(&Kind::Text, "", true), Scalar::Str(String::new()));
    }
}
