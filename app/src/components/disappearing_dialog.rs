//! Choosing a conversation's disappearing messages: off, after read (one-to-one chats) or
//! after send, each with the official apps' timers. Setting it announces it to the contact
//! and to our other devices, with a notice in the chat.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::config::fields::Disappearing;
use session_core::conversation::ConversationId;

use super::dialog::Dialog;
use crate::state::context::use_part;
use crate::state::disappearing::{choice_label, choices};
use crate::state::outbox::Outbox;
use crate::state::ui::Ui;
use crate::t;

/// The radio group of one mode's timers.
fn group(
    title: String,
    options: Vec<Disappearing>,
    chosen: ReadSignal<Disappearing>,
    choose: WriteSignal<Disappearing>,
) -> impl IntoView {
    let items = options
        .into_iter()
        .map(|d| {
            let id = format!("disappear-{}", test_key(d));
            view! {
                <label class="choice">
                    <input type="radio" name="disappearing" data-testid=id
                        prop:checked=move || chosen.get() == d
                        on:change=move |_| choose.set(d) />
                    <span>{choice_label(d)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice-group">
            <legend>{title}</legend>
            {items}
        </fieldset>
    }
}

/// `off`, `read-300`, `send-86400`: a choice's test id suffix.
fn test_key(d: Disappearing) -> String {
    match d {
        Disappearing::Off => "off".into(),
        Disappearing::AfterRead(s) => format!("read-{s}"),
        Disappearing::AfterSend(s) => format!("send-{s}"),
    }
}

/// The dialog of `conv` (render it only while open).
#[component]
pub fn DisappearingDialog(
    /// The conversation.
    conv: ConversationId,
    /// Its setting now.
    current: Disappearing,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let outbox = use_part::<Outbox>();
    let (chosen, choose) = signal(current);
    let all = choices(&conv);
    let read: Vec<_> = all
        .iter()
        .copied()
        .filter(|d| matches!(d, Disappearing::AfterRead(_)))
        .collect();
    let send: Vec<_> = all
        .iter()
        .copied()
        .filter(|d| matches!(d, Disappearing::AfterSend(_)))
        .collect();
    let conv = StoredValue::new(conv);
    let set = move |_| {
        let (outbox, conv, mode) = (outbox.get_value(), conv.get_value(), chosen.get_untracked());
        on_close.run(());
        spawn_local(async move {
            if let Err(e) = outbox.send_timer(&conv, mode).await {
                ui.show_toast(e.to_string());
            }
        });
    };
    view! {
        <Dialog title=t!("chat-disappearing-title") test_id="disappearing-dialog" on_close>
            <p class="muted dialog-body">
                {t!("chat-disappearing-explained")}
            </p>
            <div class="choices">
                <label class="choice">
                    <input type="radio" name="disappearing" data-testid="disappear-off"
                        prop:checked=move || chosen.get() == Disappearing::Off
                        on:change=move |_| choose.set(Disappearing::Off) />
                    <span>{t!("chat-disappearing-off")}</span>
                </label>
                {(!read.is_empty()).then(|| group(t!("chat-disappear-after-read"), read, chosen, choose))}
                {group(t!("chat-disappear-after-send"), send, chosen, choose)}
            </div>
            <div class="actions dialog-actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| on_close.run(())>
                    {t!("common-cancel")}
                </button>
                <button type="button" class="btn btn-primary" data-testid="disappearing-set"
                    disabled=move || chosen.get() == current on:click=set>
                    {t!("chat-disappearing-set")}
                </button>
            </div>
        </Dialog>
    }
}
