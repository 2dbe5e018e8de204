//! A conversation: header, messages with day separators and the unread marker, composer (or,
//! for a blocked contact, a bar to unblock them).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use super::blocked_bar::BlockedBar;
use super::composer::Composer;
use super::conversation_menu::ConversationMenu;
use super::day_separator::DaySeparator;
use super::icon::{Icon, IconName};
use super::message_bubble::MessageBubble;
use super::request_bar::RequestBar;
use super::unread_marker::UnreadMarker;
use session_core::conversation::ConversationId;

use crate::state::context::use_part;
use crate::state::conversations::{colour_key, subtitle, title_for};
use crate::state::disappearing::summary;
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::timeline::{build, LocalDays, Row};
use crate::state::typing::Typing;
use crate::state::views::Views;
use crate::util::time::now_ms;

/// The open conversation `conv`.
#[component]
pub fn ChatView(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let views = use_part::<Views>();
    let me = use_part::<Profile>().get_value().session_id();
    let (conversations, chat, scroll_to_end) =
        views.with_value(|v| (v.conversations, v.chat, v.scroll_to_end));
    let name = {
        let conv = conv.clone();
        Signal::derive(move || conversations.with(|l| title_for(&conv, l)))
    };
    let subtitle = {
        let conv = conv.clone();
        move || name.with(|n| subtitle(&conv, n))
    };
    let blocked = {
        let conv = conv.clone();
        move || conversations.with(|l| l.iter().any(|c| c.id == conv && c.settings.blocked))
    };
    let typing = use_part::<Typing>().with_value(|t| t.typing);
    let disappearing = {
        let conv = conv.clone();
        move || {
            conversations.with(|l| {
                l.iter()
                    .find(|c| c.id == conv)
                    .and_then(|c| summary(c.settings.expire))
            })
        }
    };
    let is_typing = {
        let conv = conv.clone();
        move || typing.with(|t| t.contains(&conv))
    };
    let scroller = NodeRef::<leptos::html::Div>::new();
    let rows = Memo::new(move |_| {
        chat.with(|c| {
            c.as_ref()
                .map(|c| build(&c.messages, c.marker_after, now_ms(), &LocalDays))
                .unwrap_or_default()
        })
    });
    let loaded = {
        let conv = conv.clone();
        move || chat.with(|c| c.as_ref().is_some_and(|c| c.conv == conv))
    };
    let has_more = move || chat.with(|c| c.as_ref().is_some_and(|c| c.has_more));
    let empty = move || rows.with(|r| r.is_empty());

    // Scroll to the unread marker when the conversation opens, to the newest message after.
    let first_scroll = StoredValue::new(true);
    Effect::new(move |_| {
        scroll_to_end.track();
        rows.track();
        // The frame may come after the chat was closed: its handles are gone by then.
        request_animation_frame(move || {
            let Some(el) = scroller.try_get_untracked().flatten() else {
                return;
            };
            if first_scroll.try_get_value() == Some(true) {
                if let Some(marker) = crate::util::browser::document()
                    .and_then(|d| d.get_element_by_id("unread-marker"))
                {
                    marker.scroll_into_view();
                    first_scroll.try_set_value(false);
                    return;
                }
            }
            el.set_scroll_top(el.scroll_height());
            first_scroll.try_set_value(false);
        });
    });

    let load_earlier = move |_| {
        let views = views.get_value();
        spawn_local(async move { views.load_earlier().await });
    };
    let conv_text = conv.to_string();

    view! {
        <section class="chat" data-testid="chat-view" data-conv=conv_text>
            <header class="screen-header chat-header">
                <button type="button" class="icon-button back" aria-label="Back to conversations"
                    data-testid="chat-back" on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <Avatar id=colour_key(&conv, &me) name=name
                    note_to_self=conv == ConversationId::NoteToSelf />
                <div class="chat-title">
                    <h1 data-testid="chat-title">{move || name.get()}</h1>
                    {move || subtitle().map(|s| view! { <p class="chat-subtitle">{s}</p> })}
                    <Show when=blocked.clone()>
                        <p class="chat-subtitle" data-testid="chat-blocked">"Blocked"</p>
                    </Show>
                    {move || disappearing().map(|text| view! {
                        <p class="chat-subtitle disappearing" data-testid="chat-disappearing">
                            <Icon name=IconName::Clock />
                            {text}
                        </p>
                    })}
                    <Show when=is_typing>
                        <p class="chat-subtitle typing" data-testid="typing-indicator"
                            aria-live="polite">
                            <span class="typing-dots" aria-hidden="true">
                                <span></span><span></span><span></span>
                            </span>
                            {move || format!("{} is typing", name.get())}
                        </p>
                    </Show>
                </div>
                <ConversationMenu conv=conv.clone() />
            </header>
            <div class="messages" node_ref=scroller data-testid="messages" aria-live="polite">
                <Show when=has_more>
                    <button type="button" class="btn btn-ghost load-earlier" on:click=load_earlier>
                        "Load earlier messages"
                    </button>
                </Show>
                <Show when=move || loaded() && empty()>
                    <div class="chat-empty">
                        <Icon name=IconName::Lock />
                        <p>"Messages are end-to-end encrypted. Say hello!"</p>
                    </div>
                </Show>
                <For
                    each=move || rows.get()
                    key=|row| row.key()
                    children=move |row| match row {
                        Row::Day { label, .. } => view! { <DaySeparator label=label /> }.into_any(),
                        Row::Unread { count } => view! { <UnreadMarker count=count /> }.into_any(),
                        Row::Message(m) => view! { <MessageBubble msg=*m /> }.into_any(),
                    }
                />
            </div>
            <RequestBar conv=conv.clone() />
            {
                let (for_bar, for_composer) = (conv.clone(), conv.clone());
                view! {
                    <Show when=blocked
                        fallback=move || view! { <Composer conv=for_composer.clone() /> }>
                        <BlockedBar conv=for_bar.clone() name=name />
                    </Show>
                }
            }
        </section>
    }
}
