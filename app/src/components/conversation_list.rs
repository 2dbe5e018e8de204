//! The list of conversations, newest first, with the app's header.

use leptos::prelude::*;

use super::avatar::Avatar;
use super::conversation_item::ConversationItem;
use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::views::Views;

/// The sidebar: header and conversations.
#[component]
pub fn ConversationList() -> impl IntoView {
    let me = use_part::<Profile>().get_value().me;
    let conversations = use_part::<Views>().get_value().conversations;
    let me_id = me.get_untracked().session_id;
    let my_name = Signal::derive(move || me.get().display_name);
    view! {
        <div class="list-header">
            <button type="button" class="avatar-button" aria-label="Settings"
                data-testid="open-settings" on:click=move |_| navigate(&Route::Settings)>
                <Avatar id=me_id name=my_name />
            </button>
            <h1 class="list-title">"Messages"</h1>
            <button type="button" class="icon-button" aria-label="New conversation"
                title="New conversation" data-testid="new-conversation"
                on:click=move |_| navigate(&Route::New)>
                <Icon name=IconName::Compose />
            </button>
        </div>
        {move || {
            if conversations.with(|l| l.is_empty()) {
                view! {
                    <div class="list-empty">
                        <p>"No conversations yet."</p>
                        <button type="button" class="btn btn-primary"
                            on:click=move |_| navigate(&Route::New)>
                            "Start a conversation"
                        </button>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="conversations" data-testid="conversation-list">
                        <For
                            each=move || conversations.get()
                            key=|c| (c.id.clone(), c.last_ts, c.unread, c.name.clone(), c.nickname.clone(), c.last_status)
                            children=move |c| view! { <ConversationItem conv=c /> }
                        />
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}
