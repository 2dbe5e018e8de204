//! One message: its text (always as text, never markup), time and delivery status.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::outbox::Outbox;
use crate::state::ui::Ui;
use crate::storage::{MessageRecord, MessageStatus};
use crate::util::time::format_time;

/// A message bubble.
#[component]
pub fn MessageBubble(
    /// The message.
    msg: MessageRecord,
) -> impl IntoView {
    let class = if msg.outgoing {
        "msg msg-out"
    } else {
        "msg msg-in"
    };
    let time = format_time(msg.ts);
    let status = msg.status;
    let (status_icon, status_label) = match status {
        MessageStatus::Sending => (Some(IconName::Clock), "Sending"),
        MessageStatus::Sent => (Some(IconName::Check), "Sent"),
        MessageStatus::Failed => (Some(IconName::Alert), "Failed to send"),
        MessageStatus::Received => (None, ""),
    };
    let key = msg.key();
    let ui = expect_context::<Ui>();
    let outbox = use_part::<Outbox>();
    let retry = move |_| {
        let (key, outbox) = (key.clone(), outbox.get_value());
        spawn_local(async move {
            if let Err(e) = outbox.retry(&key).await {
                ui.show_toast(e.to_string());
            }
        });
    };
    let status_name = status.as_str();
    view! {
        <div class=class data-testid="message" data-status=status_name data-ts=msg.ts.to_string()>
            <div class="bubble" class:failed=status == MessageStatus::Failed>
                <p class="msg-text" data-testid="message-text">{msg.text}</p>
                <div class="msg-meta">
                    <time>{time}</time>
                    {status_icon.map(|i| view! {
                        <span class="msg-status" title=status_label aria-label=status_label>
                            <Icon name=i />
                        </span>
                    })}
                </div>
            </div>
            {(status == MessageStatus::Failed).then(|| view! {
                <button type="button" class="retry" data-testid="retry" on:click=retry>
                    <Icon name=IconName::Retry />
                    <span>"Not sent. Tap to retry"</span>
                </button>
            })}
        </div>
    }
}
