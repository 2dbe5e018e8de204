//! One entry of the conversation list.

use leptos::prelude::*;
use session_core::conversation::ConversationId;

use super::avatar::Avatar;
use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::conversations::{colour_key, preview, title, unread_badge};
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::timeline::list_time;
use crate::state::ui::Ui;
use crate::storage::{ConversationRecord, MessageStatus};
use crate::t;
use crate::util::time::now_ms;

/// A conversation: avatar, name (muted, pinned), time, last message and unread count (or a
/// dot when marked unread).
#[component]
pub fn ConversationItem(
    /// The conversation's summary.
    conv: ConversationRecord,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let me = use_part::<Profile>().get_value().session_id();
    let name = title(&conv);
    let id = conv.id.clone();
    let selected = {
        let id = id.clone();
        move || ui.route.with(|r| r.chat_id() == Some(&id))
    };
    let shown = preview(&conv.last_text, 80);
    let text = match (conv.last_outgoing, conv.last_status) {
        (true, MessageStatus::Failed) => t!("home-preview-failed", text = shown),
        // A notice's words name who did it.
        (true, _) if conv.last_notice => shown,
        (true, _) => t!("home-preview-you", text = shown),
        _ => shown,
    };
    let badge = unread_badge(conv.unread);
    let unread_count = conv.unread;
    let marked = badge.is_none() && conv.settings.marked_unread;
    let unread = conv.shows_unread();
    let pinned = conv.settings.pinned();
    let muted = conv
        .settings
        .muted(i64::try_from(now_ms() / 1000).unwrap_or(i64::MAX));
    let route = Route::Chat(id.clone());
    let name_signal = Signal::stored(name.clone());
    view! {
        <li>
            <button type="button" class="conversation" class:selected=selected class:unread=unread
                data-testid="conversation-item" data-conv=id.to_string()
                on:click=move |_| navigate(&route)>
                <Avatar id=colour_key(&id, &me) name=name_signal
                    note_to_self=id == ConversationId::NoteToSelf
                    group=matches!(id, ConversationId::Group(_)) />
                <div class="conversation-body">
                    <div class="conversation-top">
                        <span class="conversation-name" dir="auto">{name}</span>
                        {muted.then(|| view! {
                            <span class="conversation-flag" title=t!("home-muted") data-testid="muted-flag">
                                <Icon name=IconName::Muted />
                            </span>
                        })}
                        {pinned.then(|| view! {
                            <span class="conversation-flag" title=t!("home-pinned") data-testid="pinned-flag">
                                <Icon name=IconName::Pin />
                            </span>
                        })}
                        <time class="conversation-time">{list_time(conv.last_ts, now_ms())}</time>
                    </div>
                    <div class="conversation-bottom">
                        <span class="conversation-preview" dir="auto">{text}</span>
                        {badge.map(|b| view! {
                            <span class="badge" data-testid="unread-badge"
                                aria-label=t!("home-unread-label", count = unread_count, badge = b.as_str())>{b.clone()}</span>
                        })}
                        {marked.then(|| view! {
                            <span class="badge badge-dot" data-testid="marked-unread"
                                aria-label=t!("home-marked-unread")></span>
                        })}
                    </div>
                </div>
            </button>
        </li>
    }
}
