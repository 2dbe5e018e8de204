//! Writing a message: Enter sends, Shift+Enter adds a line, a counter near the 2,000-character
//! limit. The draft survives reloads, and the text stays until the message is stored.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::icon::{Icon, IconName};
use crate::state::compose::{counter, key_action, ComposeBox, KeyAction, MAX_CHARS};
use crate::state::context::use_part;
use crate::state::outbox::Outbox;
use crate::state::ui::Ui;

/// Lines the text box grows to before it scrolls.
const MAX_ROWS: usize = 6;

/// The composer of conversation `conv`.
#[component]
pub fn Composer(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let outbox = use_part::<Outbox>();
    let compose = ComposeBox::new(&conv);
    let (text, sending) = (compose.text, compose.sending);
    let input = NodeRef::<leptos::html::Textarea>::new();
    let info = Memo::new(move |_| text.with(|t| counter(t)));
    // Grows with its content (wrapped lines included) up to MAX_ROWS, then scrolls. It runs
    // in the next frame, which may come after the composer was closed.
    let fit = move || {
        if let Some(el) = input.try_get_untracked().flatten() {
            fit_rows(&el);
        }
    };
    Effect::new(move |_| {
        text.track();
        request_animation_frame(fit);
    });
    let conv_for_send = conv.clone();
    let send = move || {
        let (outbox, conv) = (outbox.get_value(), conv_for_send.clone());
        spawn_local(async move {
            if let Err(e) = compose.send(&conv, &outbox).await {
                ui.show_toast(e.to_string());
            }
        });
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };
    let send_key = send.clone();
    let conv_for_input = conv.clone();
    view! {
        <div class="composer">
            <div class="composer-box">
                <textarea node_ref=input class="composer-input" placeholder="Message"
                    aria-label="Message" data-testid="composer-input"
                    rows="1"
                    prop:value=move || text.get()
                    on:input=move |ev| compose.edit(&conv_for_input, event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if key_action(&ev.key(), ev.shift_key(), ev.is_composing()) == KeyAction::Send {
                            ev.prevent_default();
                            send_key();
                        }
                    }>
                </textarea>
                {move || {
                    let c = info.get();
                    c.visible.then(|| view! {
                        <span class="counter" class:over=c.over data-testid="char-counter"
                            aria-live="polite">
                            {format!("{} / {}", c.count, MAX_CHARS)}
                        </span>
                    })
                }}
            </div>
            <button type="button" class="send-button" aria-label="Send" data-testid="send"
                disabled=move || {
                    let c = info.get();
                    c.over || sending.get() || text.with(|t| t.trim().is_empty())
                }
                on:click=move |_| send()>
                <Icon name=IconName::Send />
            </button>
        </div>
    }
}

/// Sets a textarea's `rows` to the lines its text takes (an attribute, not a style: the CSP
/// allows no inline styles).
fn fit_rows(el: &web_sys::HtmlTextAreaElement) {
    // With one row (and no padding) the box is exactly one line high.
    el.set_rows(1);
    let line = el.client_height().max(1);
    let lines = (el.scroll_height() + line / 2) / line;
    el.set_rows(lines.clamp(1, MAX_ROWS as i32) as u32);
}
