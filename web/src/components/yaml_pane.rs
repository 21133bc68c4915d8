//! The YAML pane: a textarea (`id="yaml"`; its value is exactly what Copy and Download give)
//! over a `<pre>` that shows the same text coloured by the loader's tokens, with the
//! diagnostics' exact spans underlined (`crate::highlight`); a gutter of line numbers with a
//! marker button per line that has findings. The finding under the caret is read out below the
//! pane, the one under the mouse is the textarea's tooltip, and Enter keeps the indentation.
//!
//! The textarea is as tall and wide as its text and scrolls together with the gutter and the
//! `<pre>` inside one container: no scroll syncing, and no layout read on a keystroke.

use std::collections::BTreeMap;

use stashform::Severity;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::{use_instance, use_scope};
use crate::browser;
use crate::state::{Action, Doc};

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
    let hint_id = instance.el("yaml-hint");
    let hint = use_state(String::new);
    let completion = use_state(|| None::<Open>);
    let list_id = instance.el("yaml-completions");
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
    let highlighted = use_memo((doc.text.clone(), doc.marks.clone()), |(text, marks)| {
        Html::from_html_unchecked(AttrValue::from(crate::highlight::html(text, marks)))
    });
    // Per line: the worst severity, its path, the messages, and where the first finding is.
    let mut marked: BTreeMap<u32, Marked> = BTreeMap::new();
    for d in &doc.diagnostics {
        let entry = marked.entry(d.line).or_insert_with(|| Marked {
            severity: d.severity,
            path: d.path.clone(),
            messages: Vec::new(),
            span: ((d.line, d.column), (d.end_line, d.end_column)),
        });
        if d.severity < entry.severity {
            entry.severity = d.severity;
            entry.path.clone_from(&d.path);
        }
        entry
            .messages
            .push(format!("{}: {}", d.severity.as_str(), d.message));
    }
    let markers = marked.iter().map(|(line, marked)| {
        let onclick = {
            let textarea = props.textarea.clone();
            let (start, end) = marked.span;
            Callback::from(move |_: MouseEvent| {
                if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                    browser::select_span(&t, start, end, true);
                }
            })
        };
        let messages = marked.messages.join("\n");
        html! {
            <button type="button" class={classes!("marker", marked.severity.as_str())}
                data-path={marked.path.clone()} data-severity={marked.severity.as_str()}
                style={format!("top: calc({} * var(--line))", line - 1)}
                aria-label={format!("Line {line}: {}", marked.messages.join("; "))}
                title={messages} {onclick}>{"●"}</button>
        }
    });
    let oninput = {
        let state = state.clone();
        let completion = completion.clone();
        Callback::from(move |e: InputEvent| {
            let textarea = e.target_unchecked_into::<HtmlTextAreaElement>();
            let value = textarea.value();
            // Typing a word offers what may go there; deleting or pasting closes the list.
            let typing = e.input_type() == "insertText";
            let open = if typing {
                Open::at(&textarea, &value, false)
            } else {
                None
            };
            // The text first: a render of the pane before it would put the old text back.
            state.dispatch(Action::SetYaml(value));
            completion.set(open);
        })
    };
    // The finding under the caret, read out (keyboard users hear what the squiggle says).
    // The closures hold the state handle and read the document when they run: copying the
    // document (its trees) into them on every render would cost each keystroke.
    let on_caret = {
        let hint = hint.clone();
        let state = state.clone();
        move |textarea: HtmlTextAreaElement| {
            let doc = state.doc();
            let caret = textarea.selection_start().ok().flatten().unwrap_or(0);
            let offset = byte_offset(&doc.text, caret);
            let text = finding_at(doc, offset).unwrap_or_default();
            if *hint != text {
                hint.set(text);
            }
        }
    };
    let onkeyup = {
        let on_caret = on_caret.clone();
        Callback::from(move |e: KeyboardEvent| on_caret(e.target_unchecked_into()))
    };
    let onclick = Callback::from(move |e: MouseEvent| on_caret(e.target_unchecked_into()));
    // The finding under the mouse as the textarea's tooltip.
    let onmousemove = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            let doc = state.doc();
            let textarea: Element = e.target_unchecked_into();
            let offset = browser::offset_at_point(&textarea, &doc.text, e.client_x(), e.client_y());
            let title = offset.and_then(|o| finding_at(doc, o)).unwrap_or_default();
            if textarea.get_attribute("title").unwrap_or_default() != title {
                let _ = textarea.set_attribute("title", &title);
            }
        })
    };
    let onkeydown = {
        let completion = completion.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(textarea) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            else {
                return;
            };
            let plain = !(e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key());
            if let Some(open) = (*completion).as_ref() {
                match e.key().as_str() {
                    "ArrowDown" | "ArrowUp" => {
                        e.prevent_default();
                        let n = open.items.len();
                        let active = if e.key() == "ArrowDown" {
                            (open.active + 1) % n
                        } else {
                            (open.active + n - 1) % n
                        };
                        completion.set(Some(Open {
                            active,
                            ..open.clone()
                        }));
                        return;
                    }
                    "Enter" | "Tab" if plain => {
                        e.prevent_default();
                        let chosen = open.items[open.active].insert.clone();
                        let _ = textarea.set_selection_range(open.from, open.to);
                        completion.set(None);
                        browser::insert_text(&chosen);
                        return;
                    }
                    "Escape" => {
                        e.prevent_default();
                        completion.set(None);
                        return;
                    }
                    _ => {}
                }
            }
            if e.key() == " " && e.ctrl_key() {
                e.prevent_default();
                completion.set(Open::at(&textarea, &textarea.value(), true));
                return;
            }
            if e.key() == "Enter" && plain && !e.is_composing() {
                let value = textarea.value();
                let caret = textarea.selection_start().ok().flatten().unwrap_or(0);
                let before = &value[..byte_offset(&value, caret)];
                let line = before.rsplit('\n').next().unwrap_or_default();
                // Typed through the browser, so that its own undo and the input event still work.
                if browser::insert_text(&format!("\n{}", indentation_after(line))) {
                    e.prevent_default();
                }
            }
        })
    };
    let onblur = {
        let completion = completion.clone();
        Callback::from(move |_: FocusEvent| completion.set(None))
    };
    // The list is always in the DOM (hidden when closed): inserting it next to the textarea
    // would make Yew rebuild the textarea and lose the focus.
    let open = (*completion).clone();
    let options = open.iter().flat_map(|open| {
        open.items
            .iter()
            .enumerate()
            .map(move |(i, item)| (open, i, item))
    });
    let options = options.map(|(open, i, item)| {
        let onmousedown = {
            let textarea = props.textarea.clone();
            let completion = completion.clone();
            let (from, to, insert) = (open.from, open.to, item.insert.clone());
            Callback::from(move |e: MouseEvent| {
                // Before the textarea loses focus (which would close the list).
                e.prevent_default();
                if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                    let _ = t.set_selection_range(from, to);
                    completion.set(None);
                    browser::insert_text(&insert);
                }
            })
        };
        html! {
            <li id={format!("{list_id}-{i}")} role="option" aria-selected={(i == open.active).to_string()}
                class={classes!((i == open.active).then_some("active"))} {onmousedown}>
                <span class="label">{item.label.clone()}</span>
                if let Some(detail) = &item.detail {
                    <span class="detail">{detail.clone()}</span>
                }
            </li>
        }
    });
    let list_style = open.as_ref().map(|open| {
        format!(
            "top: calc({} * var(--line) + 8px); left: calc({}ch + .6rem)",
            open.line + 1,
            open.column
        )
    });
    let list = html! {
        <ul class="completions" id={list_id.clone()} role="listbox" aria-label="Completions"
            hidden={open.is_none()} style={list_style}>
            { for options }
        </ul>
    };
    let active_option = (*completion)
        .as_ref()
        .map(|open| format!("{list_id}-{}", open.active));
    let status = if doc.stale {
        "The YAML has a syntax error: the form shows the last version that loaded."
    } else {
        ""
    };
    html! {
        <section class="yaml-pane" aria-labelledby={format!("{id}-label")}>
            <h2 id={format!("{id}-label")}><label for={id.clone()}>{"YAML"}</label></h2>
            <div class="editor">
                <div class="gutter">
                    <pre class="numbers" aria-hidden="true">{numbers}</pre>
                    { for markers }
                </div>
                <div class="text">
                    <pre class="highlight" aria-hidden="true">{(*highlighted).clone()}</pre>
                    <textarea id={id} ref={props.textarea.clone()} value={doc.text.clone()}
                        style={size} spellcheck="false" autocapitalize="off" autocomplete="off"
                        wrap="off" aria-describedby={format!("{status_id} {hint_id}")}
                        aria-autocomplete="list"
                        aria-controls={list_id.clone()}
                        aria-activedescendant={active_option}
                        {oninput} {onkeyup} {onclick} {onmousemove} {onkeydown} {onblur} />
                    {list}
                </div>
            </div>
            <p class="yaml-status" id={status_id}>{status}</p>
            <p class="yaml-hint" id={hint_id} role="status" aria-live="polite">{(*hint).clone()}</p>
        </section>
    }
}

/// The open completion list: what the core offers at the caret.
#[derive(Clone, PartialEq)]
struct Open {
    /// UTF-16 range the chosen item replaces.
    from: u32,
    to: u32,
    items: Vec<stashform::complete::Completion>,
    active: usize,
    /// Where the list goes: the 0-based line and column (characters) of `from`.
    line: usize,
    column: usize,
}

impl Open {
    /// The candidates at the caret of `textarea` (whose text is `value`). While typing, the list
    /// opens only once a word is started; `asked` (Ctrl+Space) opens it on an empty word too.
    fn at(textarea: &HtmlTextAreaElement, value: &str, asked: bool) -> Option<Self> {
        let caret = textarea.selection_end().ok().flatten()?;
        let offset = byte_offset(value, caret);
        let found = stashform::complete::complete(value, offset);
        let typed = &value[found.from..found.to];
        if found.items.is_empty() || (!asked && typed.is_empty()) {
            return None;
        }
        // Nothing to offer when the word is already exactly the only candidate.
        if !asked && found.items.len() == 1 && found.items[0].label == typed {
            return None;
        }
        let line_start = value[..found.from].rfind('\n').map_or(0, |i| i + 1);
        let utf16 = |bytes: &str| u32::try_from(bytes.encode_utf16().count()).unwrap_or(u32::MAX);
        Some(Self {
            from: utf16(&value[..found.from]),
            to: utf16(&value[..found.to]),
            items: found.items.into_iter().take(50).collect(),
            active: 0,
            line: value[..found.from].matches('\n').count(),
            column: value[line_start..found.from].chars().count(),
        })
    }
}

struct Marked {
    severity: Severity,
    path: String,
    messages: Vec<String>,
    span: ((u32, u32), (u32, u32)),
}

/// The findings whose span holds byte `offset` (a caret at a span's end still counts), worst
/// first, as one line each.
fn finding_at(doc: &Doc, offset: usize) -> Option<String> {
    let mut found: Vec<(Severity, String)> = doc
        .marks
        .iter()
        .zip(&doc.diagnostics)
        .filter(|((span, _), _)| span.start <= offset && offset <= span.end.max(span.start + 1))
        .map(|((_, severity), d)| {
            let mut text = format!("{}: {}", severity.as_str(), d.message);
            if let Some(help) = &d.help {
                text.push_str(" (");
                text.push_str(help);
                text.push(')');
            }
            (*severity, text)
        })
        .collect();
    stashform_yaml::order::sort_by_key(&mut found, |(severity, _)| *severity);
    (!found.is_empty()).then(|| {
        found
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The byte offset of a UTF-16 offset (as the browser counts a textarea's selection).
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(1);
    }
    text.len()
}

/// The indentation of the line after `line` when Enter is pressed at its end: the same, one
/// level deeper after a `key:` that opens a block, and past the dash of a list item.
fn indentation_after(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let content = line[indent..].trim_end();
    let mut width = indent;
    let mut rest = content;
    // `- name: x` continues the item's mapping, two columns right of the dash.
    while let Some(after) = rest.strip_prefix("- ") {
        width += 2;
        rest = after.trim_start_matches(' ');
    }
    let without_comment = rest.split(" #").next().unwrap_or(rest).trim_end();
    if without_comment.ends_with(':') || without_comment == "-" {
        width += 2;
    }
    " ".repeat(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_keeps_and_deepens_the_indentation() {
        assert_eq!(indentation_after("spec:"), "  ");
        assert_eq!(indentation_after("  sessions:  # all of them"), "    ");
        assert_eq!(indentation_after("    - name: frequent-backup"), "      ");
        assert_eq!(indentation_after("    - scheduler:"), "        ");
        assert_eq!(
            indentation_after("      schedule: \"*/5 * * * *\""),
            "      "
        );
        assert_eq!(indentation_after(""), "");
    }

    #[test]
    fn utf16_offsets_become_byte_offsets() {
        assert_eq!(byte_offset("aé😀b", 0), 0);
        assert_eq!(byte_offset("aé😀b", 2), 3);
        assert_eq!(byte_offset("aé😀b", 4), 7);
        assert_eq!(byte_offset("aé😀b", 99), 8);
    }
}
