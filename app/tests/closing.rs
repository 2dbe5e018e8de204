//! A screen closed while work it started is still pending (the next animation frame that
//! scrolls the chat or fits the composer): that work finds the screen gone and does nothing,
//! instead of reaching for handles that were disposed with it.

#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::Promise;
use leptos::prelude::*;
use session_web::components::chat_view::ChatView;
use session_web::state::ui::Ui;
use std::cell::RefCell;
use std::rc::Rc;
use support::{bob_conv, World};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::HtmlTextAreaElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Collects what the page reports as uncaught (a panic in a frame callback lands there).
fn watch_errors() -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let on_error =
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            sink.borrow_mut().push(ev.message());
            ev.prevent_default();
        });
    web_sys::window()
        .unwrap()
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    on_error.forget();
    seen
}

/// Waits for the microtasks queued so far (the effects), but not for the next frame.
async fn microtasks() {
    for _ in 0..3 {
        JsFuture::from(Promise::resolve(&wasm_bindgen::JsValue::NULL))
            .await
            .unwrap();
    }
}

/// Waits until two animation frames have passed.
async fn frames() {
    for _ in 0..2 {
        let p = Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        JsFuture::from(p).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_chat_closed_before_its_next_frame_leaves_no_error() {
    let w = World::new().await;
    let errors = watch_errors();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let s = w.session.clone();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(Ui::new());
        s.provide();
        view! { <ChatView conv=bob_conv() /> }
    });
    // Typing asks the composer to fit its text in the next frame; the chat asked to scroll.
    let input: HtmlTextAreaElement = host
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("a line\nand another");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    microtasks().await;

    // The user leaves the chat before that frame comes.
    drop(handle);
    host.remove();
    frames().await;
    assert_eq!(*errors.borrow(), Vec::<String>::new());
}
