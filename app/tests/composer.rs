//! The composer on the page, over the session's doubles: what is typed stays in the box until
//! the message is safely in the outbox.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::*;
use session_web::components::composer::Composer;
use session_web::state::ui::Ui;
use session_web::storage::MessageStatus;
use support::{bob_conv, settle, statuses, Swarms, World};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// A composer for the chat with Bob, mounted in its own element; its text box.
fn mount(w: &World) -> HtmlTextAreaElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let session = w.session.clone();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(Ui::new());
        session.provide();
        view! { <Composer conv=bob_conv() /> }
    });
    handle.forget();
    host.query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// Types `text` and presses Enter.
fn type_and_send(input: &HtmlTextAreaElement, text: &str) {
    input.set_value(text);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_cancelable(true);
    let enter = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&enter).unwrap();
}

#[wasm_bindgen_test]
async fn the_text_stays_when_the_message_cannot_be_stored() {
    let w = World::new().await;
    session_web::util::browser::draft_set(&bob_conv(), "");
    w.store.failing_outgoing.set(1);
    let input = mount(&w);
    type_and_send(&input, "do not lose me");
    settle().await;
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    assert_eq!(input.value(), "do not lose me");
    assert_eq!(
        session_web::util::browser::draft_get(&bob_conv()),
        "do not lose me",
        "the draft survives a reload too"
    );

    // The next try goes through: only then is the box emptied.
    w.engine.swarms.set(Swarms::Up);
    type_and_send(&input, "do not lose me");
    settle().await;
    assert_eq!(input.value(), "");
    assert_eq!(session_web::util::browser::draft_get(&bob_conv()), "");
    assert_eq!(statuses(&w.store, &bob_conv()), [MessageStatus::Sent]);
}
