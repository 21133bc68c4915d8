//! A list of items at a path (backends, sessions, repositories, tasks, components): each item
//! in its own group with a Remove button, and an Add button at the end.

use yew::prelude::*;

use super::{Messages, use_scope};
use crate::state::Action;
use crate::tree::Item;

#[derive(Properties, PartialEq)]
pub struct ItemListProps {
    /// The list's dotted path (`spec.backends`).
    pub path: AttrValue,
    /// Heading of the list (`Backends`).
    pub title: AttrValue,
    /// What one item is called (`backend`).
    pub noun: AttrValue,
    #[prop_or(Item::Map)]
    pub item: Item,
    #[prop_or_default]
    pub intro: Option<AttrValue>,
    /// The fields of item `i`.
    pub render: Callback<usize, Html>,
}

#[function_component]
pub fn ItemList(props: &ItemListProps) -> Html {
    let state = use_scope();
    let count = state.len(&props.path);
    let add = {
        let state = state.clone();
        let path = props.path.to_string();
        let item = props.item;
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::AddItem {
                path: path.clone(),
                item,
            });
        })
    };
    let items = (0..count).map(|i| {
        let remove = {
            let state = state.clone();
            let path = props.path.to_string();
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::RemoveItem {
                    path: path.clone(),
                    index: i,
                });
            })
        };
        let item_path = format!("{}[{i}]", props.path);
        let label = format!("Remove {} {}", props.noun, i + 1);
        html! {
            <li class="item" key={i}>
                <fieldset>
                    <legend>{format!("{} {}", capitalised(&props.noun), i + 1)}</legend>
                    <Messages path={AttrValue::from(item_path.clone())} exact=true />
                    {props.render.emit(i)}
                    <button type="button" class="remove" data-remove={item_path}
                        aria-label={label} onclick={remove}>{"Remove"}</button>
                </fieldset>
            </li>
        }
    });
    html! {
        <section class="list">
            <h3>{props.title.clone()}</h3>
            if let Some(intro) = &props.intro {
                <p class="intro">{intro.clone()}</p>
            }
            <Messages path={props.path.clone()} exact=true />
            <ol class="items">{ for items }</ol>
            <button type="button" class="add" data-add={props.path.clone()} onclick={add}>
                {format!("+ Add {}", props.noun)}
            </button>
        </section>
    }
}

fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
