//! A list of items at a path (backends, sessions, repositories, tasks, components): each item
//! in its own group with a Remove button, and an Add button at the end.

use web_sys::{Element, HtmlElement};
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
    /// The heading's level: 2 for a list of the form, 3 for a list inside an item.
    #[prop_or(2)]
    pub level: u8,
}

#[function_component]
pub fn ItemList(props: &ItemListProps) -> Html {
    let state = use_scope();
    let count = state.len(&props.path);
    // Page-wide (`documents[i].`-prefixed in a bundle): control names and actions.
    let full = AttrValue::from(state.full(&props.path));
    let list = use_node_ref();
    // Where keyboard focus goes once the list has re-rendered after an Add or a Remove.
    let focus_next = use_mut_ref(|| None::<Focus>);
    {
        let list = list.clone();
        let focus_next = focus_next.clone();
        let path = full.to_string();
        use_effect(move || {
            if let Some(focus) = focus_next.borrow_mut().take()
                && let Some(list) = list.cast::<Element>()
            {
                focus.apply(&list, &path, count);
            }
        });
    }
    let add = {
        let state = state.clone();
        let path = full.to_string();
        let item = props.item;
        let focus_next = focus_next.clone();
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(Focus::Item(count));
            state.dispatch(Action::AddItem {
                path: path.clone(),
                item,
            });
        })
    };
    let items = (0..count).map(|i| {
        let remove = {
            let state = state.clone();
            let path = full.to_string();
            let focus_next = focus_next.clone();
            Callback::from(move |_: MouseEvent| {
                *focus_next.borrow_mut() = Some(Focus::Item(i));
                state.dispatch(Action::RemoveItem {
                    path: path.clone(),
                    index: i,
                });
            })
        };
        let item_path = format!("{}[{i}]", props.path);
        let full_item = format!("{full}[{i}]");
        let label = format!("Remove {} {}", props.noun, i + 1);
        html! {
            <li class="item" key={i}>
                <fieldset>
                    <legend>{format!("{} {}", capitalised(&props.noun), i + 1)}</legend>
                    <Messages path={AttrValue::from(item_path.clone())} exact=true />
                    {props.render.emit(i)}
                    <button type="button" class="remove" data-remove={full_item}
                        aria-label={label} onclick={remove}>{"Remove"}</button>
                </fieldset>
            </li>
        }
    });
    html! {
        <section class="list" ref={list}>
            <@{format!("h{}", props.level)}>{props.title.clone()}</@>
            if let Some(intro) = &props.intro {
                <p class="intro">{intro.clone()}</p>
            }
            <Messages path={props.path.clone()} exact=true />
            <ol class="items">{ for items }</ol>
            <button type="button" class="add" data-add={full.clone()} onclick={add}>
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

/// Where focus goes after the list changed.
enum Focus {
    /// The first field of item `i` (the added one, or the one that took a removed one's place);
    /// the Add button when there is no such item.
    Item(usize),
}

impl Focus {
    fn apply(&self, list: &Element, path: &str, count: usize) {
        let Self::Item(index) = self;
        let target = if *index < count {
            let prefix = format!("{path}[{index}].");
            list.query_selector_all("[name]").ok().and_then(|nodes| {
                (0..nodes.length())
                    .filter_map(|i| nodes.get(i))
                    .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<Element>(node).ok())
                    .find(|el| {
                        el.get_attribute("name")
                            .is_some_and(|name| name.starts_with(&prefix))
                    })
            })
        } else {
            None
        };
        let target = target.or_else(|| {
            list.query_selector(&format!("[data-add=\"{path}\"]"))
                .ok()
                .flatten()
        });
        if let Some(el) =
            target.and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(el).ok())
        {
            let _ = el.focus();
        }
    }
}
