//! The few browser services the page uses, each a small function so components stay free of
//! `web_sys` plumbing: the clock, local storage, the URL fragment, clipboard, download, focus.
//! Nothing here talks to a network.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use crate::state::path_matches;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Seconds since the Unix epoch (0 outside a browser).
#[must_use]
pub fn now_seconds() -> i64 {
    if cfg!(target_arch = "wasm32") {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole seconds since 1970 fit"
        )]
        let seconds = (js_sys::Date::now() / 1000.0) as i64;
        seconds
    } else {
        0
    }
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// A saved string (drafts).
#[must_use]
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Save a string; quota or privacy errors are ignored (the draft is a convenience).
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The URL fragment, with its `#`.
#[must_use]
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Show `fragment` in the address bar without a `hashchange`: in place of the current entry,
/// or as a new one (so that Back returns to the view before) and scrolled to the top.
pub fn show_hash(fragment: &str, new_entry: bool) {
    if let Some(w) = window()
        && w.location().hash().ok().as_deref() != Some(fragment)
        && let Ok(history) = w.history()
    {
        let null = &wasm_bindgen::JsValue::NULL;
        if new_entry {
            let _ = history.push_state_with_url(null, "", Some(fragment));
            w.scroll_to_with_x_and_y(0.0, 0.0);
        } else {
            let _ = history.replace_state_with_url(null, "", Some(fragment));
        }
    }
}

/// The page address for a fragment (`index.html` beside an embedding page).
#[must_use]
pub fn url_with(fragment: &str, embedded: bool) -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = if embedded {
        web_sys::Url::new_with_base("index.html", &href)
            .map(|u| u.href())
            .unwrap_or_default()
    } else {
        href.split('#').next().unwrap_or_default().to_owned()
    };
    format!("{base}{fragment}")
}

/// Put text on the clipboard (asynchronously; the page is a secure context on 127.0.0.1).
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offer `text` as a file download named `file`.
pub fn download(file: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/yaml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(file);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Focus the form control that shows a diagnostic at `path` (the control named `path`, else
/// the nearest one above it). Returns whether one was found.
pub fn focus_field(root: &Element, path: &str) -> bool {
    let Ok(controls) = root.query_selector_all("[name]") else {
        return false;
    };
    // The control at the path or the nearest above it; else the first below it (a missing
    // object such as `storageRef`: its first field).
    let mut best: Option<(usize, HtmlElement)> = None;
    let mut below: Option<HtmlElement> = None;
    for i in 0..controls.length() {
        let Some(element) = controls
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        else {
            continue;
        };
        let name = element.get_attribute("name").unwrap_or_default();
        if path_matches(path, &name, false)
            && best.as_ref().is_none_or(|(len, _)| name.len() > *len)
        {
            best = Some((name.len(), element));
        } else if below.is_none() && path_matches(&name, path, false) {
            below = Some(element);
        }
    }
    let Some(element) = best.map(|(_, e)| e).or(below) else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    element.focus().is_ok()
}

/// Select the span from `(line, column)` to `(end_line, end_column)` (1-based, UTF-16 columns
/// as the page's diagnostics count) in the YAML pane and scroll the pane to it; `focus` moves
/// the keyboard focus there too (else the selection shows when the pane is focused next).
pub fn select_span(
    textarea: &HtmlTextAreaElement,
    (line, column): (u32, u32),
    (end_line, end_column): (u32, u32),
    focus: bool,
) {
    let value = textarea.value();
    // UTF-16 offset of each line's start, up to the last line asked for.
    let mut starts = Vec::new();
    let mut offset = 0u32;
    for text in value.split('\n') {
        starts.push((
            offset,
            u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX),
        ));
        if starts.len() >= end_line.max(line) as usize {
            break;
        }
        offset = offset.saturating_add(starts.last().map_or(0, |s| s.1) + 1);
    }
    let at = |line: u32, column: u32| {
        let (start, length) = starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or((offset, 0));
        start + column.saturating_sub(1).min(length)
    };
    let from = at(line, column);
    let mut to = at(end_line, end_column).max(from);
    if to == from {
        // An empty span (a missing key): select the rest of its line.
        let (start, length) = starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or((offset, 0));
        to = start + length;
    }
    if focus {
        let _ = textarea.focus();
    }
    let _ = textarea.set_selection_range(from, to);
    // The textarea is as tall as its text; its scrolling container is the editor around it.
    let lines = i32::try_from(value.split('\n').count().max(1)).unwrap_or(i32::MAX);
    let line_height = (textarea.offset_height() - 16) / lines;
    let top = (i32::try_from(line).unwrap_or(0) - 3).max(0) * line_height.max(1);
    if let Some(editor) = textarea.parent_element().and_then(|p| p.parent_element()) {
        editor.set_scroll_top(top);
    }
}

/// Type `text` at the caret of the focused text control, as the browser's own typing does (its
/// undo stack and the `input` event follow); `false` when the browser cannot.
pub fn insert_text(text: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// The byte offset in `text` shown at a point of a monospace text control (`element` shows
/// `text` with no scrolling of its own); `None` past the end of a line or of the text.
#[must_use]
pub fn offset_at_point(element: &Element, text: &str, x: i32, y: i32) -> Option<usize> {
    let style = window()?.get_computed_style(element).ok().flatten()?;
    let pixels = |name: &str| {
        style
            .get_property_value(name)
            .ok()
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
    };
    let line_height = pixels("line-height")?;
    let rect = element.get_bounding_client_rect();
    let char_width = char_width(&style.get_property_value("font").ok()?)?;
    let row = (f64::from(y) - rect.top() - pixels("padding-top")?) / line_height;
    let column = (f64::from(x) - rect.left() - pixels("padding-left")?) / char_width;
    if row < 0.0 || column < 0.0 {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "rows and columns of a visible text area"
    )]
    let (row, column) = (row as usize, column as usize);
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i == row {
            return line
                .char_indices()
                .nth(column)
                .map(|(offset, _)| start + offset);
        }
        start += line.len() + 1;
    }
    None
}

/// The width of one character of a monospace `font` (measured once per font).
fn char_width(font: &str) -> Option<f64> {
    thread_local! {
        static MEASURED: std::cell::RefCell<Option<(String, f64)>> = const { std::cell::RefCell::new(None) };
    }
    if let Some(width) =
        MEASURED.with_borrow(|m| m.as_ref().filter(|(f, _)| f == font).map(|(_, w)| *w))
    {
        return Some(width);
    }
    let document = window()?.document()?;
    let probe = document.create_element("span").ok()?;
    let _ = probe.set_attribute(
        "style",
        &format!("font: {font}; position: absolute; visibility: hidden; white-space: pre"),
    );
    probe.set_text_content(Some(&"x".repeat(100)));
    document.body()?.append_child(&probe).ok()?;
    let width = probe.get_bounding_client_rect().width() / 100.0;
    probe.remove();
    (width > 0.0).then(|| {
        MEASURED.with_borrow_mut(|m| *m = Some((font.to_owned(), width)));
        width
    })
}

/// Whether the page runs on macOS or iOS (⌘ instead of Ctrl for shortcuts).
#[must_use]
pub fn is_mac() -> bool {
    window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac") || p.starts_with("iP"))
}

/// Whether a key event happens in a control that edits text (and has its own undo).
#[must_use]
pub fn in_text_control(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match element.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.as_str(),
                "button" | "checkbox" | "radio" | "submit" | "reset" | "range" | "color" | "file"
            )
        }
        _ => element
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false"),
    }
}
