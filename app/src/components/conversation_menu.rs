//! The "⋯" menu of a conversation: pin, mark unread, mute. Each choice goes through
//! [`crate::state::conversation_settings`] and is synced with the account's other devices.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::conversation_settings::{mark_unread, mute, toggle_pin, unmute, MuteFor};
use crate::state::route::{navigate, Route};
use crate::state::views::Views;
use crate::storage::ConvSettings;
use crate::util::time::now_ms;

/// A change of the settings, as the menu's choices make it.
type Change = Box<dyn FnOnce(&ConvSettings) -> ConvSettings>;

fn now_s() -> i64 {
    i64::try_from(now_ms() / 1000).unwrap_or(i64::MAX)
}

/// The menu button and, while open, its choices.
#[component]
pub fn ConversationMenu(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let views = use_part::<Views>();
    let conversations = views.with_value(|v| v.conversations);
    let (open, set_open) = signal(false);
    let (choosing_mute, set_choosing_mute) = signal(false);
    let settings = {
        let conv = conv.clone();
        Memo::new(move |_| {
            conversations.with(|l| {
                l.iter()
                    .find(|c| c.id == conv)
                    .map(|c| c.settings.clone())
                    .unwrap_or_default()
            })
        })
    };
    let close = move || {
        set_open.set(false);
        set_choosing_mute.set(false);
    };
    let apply = {
        let conv = conv.clone();
        Callback::new(move |change: Change| {
            close();
            let views = views.get_value();
            let conv = conv.clone();
            spawn_local(async move { views.change_settings(&conv, change).await });
        })
    };
    let note_to_self = conv == ConversationId::NoteToSelf;
    let mark = move |_| {
        // Back to the list first: an open conversation is read at once.
        views.get_value().close_chat();
        navigate(&Route::List);
        apply.run(Box::new(mark_unread));
    };
    let mute_choices = move || {
        MuteFor::ALL
            .iter()
            .enumerate()
            .map(|(i, choice)| {
                let choice = *choice;
                view! {
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid=format!("conv-menu-mute-{i}")
                        on:click=move |_| apply.run(Box::new(move |s| mute(s, choice, now_s())))>
                        {choice.label()}
                    </button>
                }
            })
            .collect_view()
    };
    let mute_entry = move || {
        if settings.with(|s| s.muted(now_s())) {
            view! {
                <button type="button" role="menuitem" class="menu-item"
                    data-testid="conv-menu-unmute" on:click=move |_| apply.run(Box::new(unmute))>
                    <Icon name=IconName::Muted />
                    "Unmute"
                </button>
            }
            .into_any()
        } else if choosing_mute.get() {
            view! {
                <div class="menu-group" role="group" aria-label="Mute notifications">
                    <p class="menu-heading">"Mute notifications"</p>
                    {mute_choices()}
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" role="menuitem" class="menu-item"
                    data-testid="conv-menu-mute" on:click=move |_| set_choosing_mute.set(true)>
                    <Icon name=IconName::Muted />
                    "Mute notifications…"
                </button>
            }
            .into_any()
        }
    };

    view! {
        <div class="menu-anchor">
            <button type="button" class="icon-button" aria-label="Conversation options"
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                data-testid="conv-menu-open" on:click=move |_| set_open.update(|o| *o = !*o)>
                <Icon name=IconName::More />
            </button>
            <Show when=move || open.get()>
                <button type="button" class="menu-backdrop" aria-label="Close the menu"
                    tabindex="-1" on:click=move |_| close()></button>
                <div class="menu" role="menu" data-testid="conv-menu"
                    on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-pin" on:click=move |_| apply.run(Box::new(toggle_pin))>
                        <Icon name=IconName::Pin />
                        {move || if settings.with(|s| s.pinned()) {
                            "Unpin conversation"
                        } else {
                            "Pin conversation"
                        }}
                    </button>
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-unread" on:click=mark>
                        <Icon name=IconName::Unread />
                        "Mark as unread"
                    </button>
                    {(!note_to_self).then_some(mute_entry)}
                </div>
            </Show>
        </div>
    }
}
