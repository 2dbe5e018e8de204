//! A conversation: header, messages with day separators and the unread marker, composer (or,
//! for a blocked contact, a bar to unblock them). A group's chat names the authors of its
//! messages, opens the group's panel from its header, answers its invitation, and says so in
//! place of the composer once we can no longer write to it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use super::blocked_bar::BlockedBar;
use super::composer::Composer;
use super::conversation_menu::ConversationMenu;
use super::day_separator::DaySeparator;
use super::group_ended_bar::GroupEndedBar;
use super::group_panel::GroupPanel;
use super::group_request_bar::GroupRequestBar;
use super::icon::{Icon, IconName};
use super::message_bubble::MessageBubble;
use super::request_bar::RequestBar;
use super::unread_marker::UnreadMarker;
use session_core::conversation::ConversationId;

use crate::state::communities::{link_of, post_author, room_line, room_of, Communities};
use crate::state::context::use_part;
use crate::state::conversations::{colour_key, subtitle, title_for};
use crate::state::disappearing::summary;
use crate::state::group_screen::{author_starts, header_line, person_name};
use crate::state::group_watch::GroupWatch;
use crate::state::groups::group_of;
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::timeline::{build, LocalDays, Row};
use crate::state::typing::Typing;
use crate::state::views::Views;
use crate::t;
use crate::util::time::now_ms;

/// The open conversation `conv`.
#[component]
pub fn ChatView(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let views = use_part::<Views>();
    let me = use_part::<Profile>().get_value().session_id();
    let (conversations, chat, scroll_to_end, found) =
        views.with_value(|v| (v.conversations, v.chat, v.scroll_to_end, v.found));
    // A group's chat: its view, shared with the bubbles, notices and panel below.
    let group = group_of(&conv).map(GroupWatch::new);
    // A community room: its record (moderators, history left on the server).
    let communities = use_part::<Communities>();
    let room = room_of(&conv).cloned();
    let room_record = {
        let room = room.clone();
        let rooms = communities.with_value(|c| c.rooms);
        Memo::new(move |_| {
            let room = room.as_ref()?;
            rooms.with(|l| {
                l.iter()
                    .find(|r| link_of(r).is_some_and(|k| k.room() == room))
                    .cloned()
            })
        })
    };
    let is_room = room.is_some();
    if let Some(watch) = group {
        provide_context(watch);
    }
    let name = {
        let conv = conv.clone();
        Signal::derive(move || {
            let own = group.and_then(|w| {
                w.view
                    .with(|v| v.as_ref().map(|v| v.name.trim().to_owned()))
                    .filter(|n| !n.is_empty())
            });
            own.unwrap_or_else(|| conversations.with(|l| title_for(&conv, l)))
        })
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
    let has_more = move || {
        chat.with(|c| c.as_ref().is_some_and(|c| c.has_more))
            || room_record.with(|r| r.as_ref().is_some_and(|r| !r.complete))
    };
    // In a group, the first message of each run of one author's shows their name.
    let starts = Memo::new(move |_| {
        if group.is_some() || is_room {
            rows.with(|r| author_starts(r))
        } else {
            Default::default()
        }
    });
    let author_of = move |m: &crate::storage::MessageRecord| {
        if !starts.with_untracked(|s| s.contains(&m.key())) {
            return None;
        }
        if is_room {
            let label = post_author(m);
            return Some(Signal::derive(move || label.clone()));
        }
        let watch = group?;
        let who = m.author;
        Some(Signal::derive(move || {
            watch
                .view
                .with(|v| conversations.with(|l| person_name(&who, v.as_ref(), l)))
        }))
    };
    let (panel_open, set_panel_open) = signal(false);
    let empty = move || rows.with(|r| r.is_empty());

    // Scroll to the unread marker when the conversation opens, to the newest message after.
    let first_scroll = StoredValue::new(true);
    Effect::new(move |_| {
        scroll_to_end.track();
        rows.track();
        found.track();
        // The frame may come after the chat was closed: its handles are gone by then.
        request_animation_frame(move || {
            let Some(el) = scroller.try_get_untracked().flatten() else {
                return;
            };
            // A search result: its message, in the middle of the screen and marked.
            if let Some(key) = found.try_get_untracked().flatten() {
                let selector = format!("[data-key=\"{}\"]", key.id().replace('"', ""));
                if let Some(msg) = crate::util::browser::document()
                    .and_then(|d| d.query_selector(&selector).ok().flatten())
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    msg.scroll_into_view_with_scroll_into_view_options(&opts);
                    let _ = msg.class_list().add_1("msg-found");
                    found.try_set(None);
                    first_scroll.try_set_value(false);
                    return;
                }
                // Not on the page yet: its page is still loading.
                return;
            }
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

    let (loading_older, set_loading_older) = signal(false);
    let conv_for_older = conv.clone();
    let load_earlier = move |_| {
        let views = views.get_value();
        let stored_more = chat.with_untracked(|c| c.as_ref().is_some_and(|c| c.has_more));
        let (communities, conv) = (communities.get_value(), conv_for_older.clone());
        spawn_local(async move {
            // What is stored first; a room's older posts then come from its server.
            if !stored_more && is_room {
                set_loading_older.set(true);
                if let Err(e) = communities.load_older(&conv).await {
                    expect_context::<crate::state::ui::Ui>().show_toast(e.to_string());
                }
                set_loading_older.set(false);
            }
            views.load_earlier().await
        });
    };
    let conv_text = conv.to_string();

    view! {
        <section class="chat" data-testid="chat-view" data-conv=conv_text>
            <header class="screen-header chat-header">
                <button type="button" class="icon-button back" aria-label=t!("chat-back")
                    data-testid="chat-back" on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <Avatar id=colour_key(&conv, &me) name=name
                    note_to_self=conv == ConversationId::NoteToSelf group=group.is_some() />
                {group.map(|watch| {
                    let line = move || watch.view.with(|v| v.as_ref().and_then(header_line));
                    view! {
                        <div class="chat-title group-chat-title">
                            <h1 class="group-title">
                                <button type="button" class="group-title-button"
                                    data-testid="group-header" aria-haspopup="dialog"
                                    on:click=move |_| set_panel_open.set(true)>
                                    <span class="group-title-name" data-testid="chat-title">
                                        {move || name.get()}
                                    </span>
                                    <span class="chat-subtitle" data-testid="group-members">
                                        {move || line().unwrap_or_default()}
                                    </span>
                                </button>
                            </h1>
                        </div>
                        <button type="button" class="icon-button group-info-button"
                            aria-label=t!("chat-group-settings") title=t!("chat-group-settings")
                            data-testid="group-info" on:click=move |_| set_panel_open.set(true)>
                            <Icon name=IconName::Info />
                        </button>
                    }
                })}
                {group.is_none().then(|| view! {
                <div class="chat-title">
                    <h1 data-testid="chat-title">{move || name.get()}</h1>
                    {move || subtitle().map(|s| view! { <p class="chat-subtitle">{s}</p> })}
                    {move || room_record.get().map(|r| view! {
                        <p class="chat-subtitle" data-testid="room-line">{room_line(&r)}</p>
                    })}
                    <Show when=blocked.clone()>
                        <p class="chat-subtitle" data-testid="chat-blocked">{t!("chat-blocked")}</p>
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
                            {move || t!("chat-typing", name = name.get())}
                        </p>
                    </Show>
                </div>
                })}
                <ConversationMenu conv=conv.clone() />
            </header>
            <div class="messages" node_ref=scroller data-testid="messages" role="log"
                aria-live="polite" aria-relevant="additions" aria-label=t!("chat-messages")>
                <Show when=has_more>
                    <button type="button" class="btn btn-ghost load-earlier"
                        data-testid="load-earlier" disabled=move || loading_older.get()
                        on:click=load_earlier.clone()>
                        {move || if loading_older.get() { t!("common-loading") } else { t!("chat-load-earlier") }}
                    </button>
                </Show>
                <Show when=move || loaded() && empty()>
                    <div class="chat-empty">
                        {if is_room {
                            view! {
                                <Icon name=IconName::Globe />
                                <p>{t!("chat-room-empty")}</p>
                            }.into_any()
                        } else {
                            view! {
                                <Icon name=IconName::Lock />
                                <p>{t!("chat-empty")}</p>
                            }.into_any()
                        }}
                    </div>
                </Show>
                <For
                    each=move || rows.get()
                    key=|row| row.key()
                    children=move |row| match row {
                        Row::Day { label, .. } => view! { <DaySeparator label=label /> }.into_any(),
                        Row::Unread { count } => view! { <UnreadMarker count=count /> }.into_any(),
                        Row::Message(m) => {
                            let author = author_of(&m);
                            let moderator = is_room
                                && communities.with_value(|c| c.is_moderator(&m.conv, &m.author));
                            view! { <MessageBubble msg=*m author moderator /> }.into_any()
                        }
                    }
                />
            </div>
            {match group {
                Some(watch) => {
                    let for_composer = conv.clone();
                    let writable = move || {
                        watch.view.with(|v| match v {
                            Some(v) => v.writable(),
                            None => !watch.gone(),
                        })
                    };
                    view! {
                        <GroupRequestBar conv=conv.clone() watch />
                        <Show when=writable fallback=move || view! { <GroupEndedBar watch /> }>
                            <Composer conv=for_composer.clone() />
                        </Show>
                        <Show when=move || panel_open.get()>
                            <GroupPanel watch on_close=Callback::new(move |()| set_panel_open.set(false)) />
                        </Show>
                    }
                    .into_any()
                }
                None => {
                    let (for_bar, for_composer) = (conv.clone(), conv.clone());
                    view! {
                        <RequestBar conv=conv.clone() />
                        <Show when=blocked
                            fallback=move || view! { <Composer conv=for_composer.clone() /> }>
                            <BlockedBar conv=for_bar.clone() name=name />
                        </Show>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
