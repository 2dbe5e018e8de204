//! Moving the keyboard focus: to an element, and through a menu as the WAI-ARIA menu pattern
//! has it (the first item focused when it opens, arrows going round its items, Home and End
//! to its ends, Escape and Tab closing it).

use wasm_bindgen::JsCast;

use super::browser;

/// Focuses `el` when it is an HTML element.
pub fn focus(el: Option<web_sys::Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Focuses `el` where a keyboard is likely at hand (a mouse or trackpad): a new screen's field
/// takes the caret, but a touch screen does not pop its keyboard up.
pub fn focus_if_keyboard(el: Option<web_sys::Element>) {
    if browser::has_fine_pointer() {
        focus(el);
    }
}

/// The menu's items, in order.
fn items_of(menu: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Moves the focus to the next (or previous) item of the menu holding the focus, round.
fn move_focus(menu: &web_sys::Element, down: bool) {
    let items = items_of(menu);
    if items.is_empty() {
        return;
    }
    let current = browser::document().and_then(|d| d.active_element());
    let at = current.and_then(|c| items.iter().position(|i| *i == c));
    let n = items.len();
    let next = match (at, down) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    focus(items.get(next).cloned());
}

/// Focuses the first (or last) item of the menu.
pub fn focus_end(menu: &web_sys::Element, first: bool) {
    let items = items_of(menu);
    focus(if first { items.first() } else { items.last() }.cloned());
}

/// Handles a key pressed inside `menu`; true when the key closes the menu.
pub fn menu_key(menu: &web_sys::Element, ev: &web_sys::KeyboardEvent) -> bool {
    let key = ev.key();
    match key.as_str() {
        "Escape" | "Tab" => {
            ev.prevent_default();
            return true;
        }
        "ArrowDown" | "ArrowUp" => move_focus(menu, key == "ArrowDown"),
        "Home" | "End" => focus_end(menu, key == "Home"),
        _ => return false,
    }
    ev.prevent_default();
    false
}
