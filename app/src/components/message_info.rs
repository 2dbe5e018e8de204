//! "Message info": when a message was sent and stored here, the time its sender claimed when
//! it was not believed, its swarm hash, its author and its status; Resend for a failed one of
//! ours.

use leptos::prelude::*;

use super::dialog::Dialog;
use crate::state::message_actions::{info_of, InfoRow};
use crate::storage::{MessageRecord, MessageStatus};
use crate::t;
use crate::util::time::{format_date, format_time};

/// The dialog (render it only while open).
#[component]
pub fn MessageInfo(
    /// The message.
    msg: MessageRecord,
    /// Its status as the bubble shows it.
    status: MessageStatus,
    /// Sends it again, when it can be.
    on_retry: Option<Callback<()>>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let info = info_of(&msg, status);
    let rows = info
        .rows
        .into_iter()
        .map(|(field, value)| {
            let value = match value {
                InfoRow::Time(ms) => view! {
                    <dd>{t!("chat-info-time", date = format_date(ms), time = format_time(ms))}</dd>
                }
                .into_any(),
                InfoRow::Code(code) => {
                    view! { <dd><code class="info-code">{code}</code></dd> }.into_any()
                }
                InfoRow::Text(text) => view! { <dd>{text}</dd> }.into_any(),
            };
            view! { <dt>{field.label()}</dt> {value} }
        })
        .collect_view();
    view! {
        <Dialog title=t!("chat-info-title") test_id="message-info" on_close>
            <dl class="info-list">{rows}</dl>
            <div class="actions dialog-actions">
                {on_retry.map(|retry| view! {
                    <button type="button" class="btn btn-secondary" data-testid="message-info-retry"
                        on:click=move |_| { on_close.run(()); retry.run(()); }>
                        {t!("chat-action-resend")}
                    </button>
                })}
                <button type="button" class="btn btn-primary" data-autofocus="true"
                    data-testid="message-info-close" on:click=move |_| on_close.run(())>
                    {t!("common-close")}
                </button>
            </div>
        </Dialog>
    }
}
