//! The signed-in screens' keyboard shortcuts ([`crate::state::shortcuts`]), listened for on the
//! whole window; renders nothing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::context::use_part;
use crate::state::route::{navigate, Route};
use crate::state::shortcuts::{neighbour, shortcut_of, KeyPress, Shortcut};
use crate::state::ui::Ui;
use crate::state::views::Views;

/// Whether `target` takes typed text (where `?` is a question mark, not a shortcut).
fn takes_text(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Installs the listener for as long as it is mounted.
#[component]
pub fn ShortcutKeys() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let conversations = use_part::<Views>().get_value().conversations;
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.repeat() {
            return;
        }
        let press = KeyPress {
            key: ev.key(),
            code: ev.code(),
            ctrl: ev.ctrl_key(),
            alt: ev.alt_key(),
            shift: ev.shift_key(),
            meta: ev.meta_key(),
            in_text: takes_text(ev.target()),
        };
        let Some(shortcut) = shortcut_of(&press) else {
            return;
        };
        ev.prevent_default();
        match shortcut {
            Shortcut::Help => ui.shortcuts.set(true),
            Shortcut::NewConversation => navigate(&Route::New),
            Shortcut::Settings => navigate(&Route::Settings),
            Shortcut::NextConversation | Shortcut::PreviousConversation => {
                let step = if shortcut == Shortcut::NextConversation {
                    1
                } else {
                    -1
                };
                let open = match ui.route.get_untracked() {
                    Route::Chat(id) => Some(id),
                    _ => None,
                };
                let next = conversations.with_untracked(|l| neighbour(l, open.as_ref(), step));
                if let Some(id) = next {
                    navigate(&Route::Chat(id));
                }
            }
        }
    });
    on_cleanup(move || handle.remove());
}
