//! The list of conversations, pinned ones first, then newest first, with the app's header.

use leptos::prelude::*;

use super::account_menu::AccountMenu;
use super::avatar::Avatar;
use super::conversation_item::ConversationItem;
use super::icon::{Icon, IconName};
use super::name_prompt::NamePrompt;
use super::search_box::SearchBox;
use super::search_results::SearchResults;
use crate::state::context::use_part;
use crate::state::profile::Profile;
use crate::state::requests::pending;
use crate::state::route::{navigate, Route};
use crate::state::search::Search;
use crate::state::views::Views;
use crate::t;

/// The sidebar: header and conversations.
#[component]
pub fn ConversationList() -> impl IntoView {
    let profile = use_part::<Profile>();
    let me = profile.with_value(|p| p.me);
    let account = profile.with_value(|p| p.account_label);
    let all = use_part::<Views>().get_value().conversations;
    let conversations = Memo::new(move |_| {
        all.with(|l| {
            l.iter()
                .filter(|c| c.is_listed())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let requests = Memo::new(move |_| all.with(|l| pending(l).len()));
    let me_id = me.get_untracked().session_id;
    let my_name = Signal::derive(move || me.with(|m| m.title()));
    let query = use_part::<Search>().with_value(|s| s.query);
    let searching = move || query.with(|q| !q.trim().is_empty());
    view! {
        <div class="list-header">
            <button type="button" class="avatar-button" aria-label=t!("home-settings")
                data-testid="open-settings" on:click=move |_| navigate(&Route::Settings)>
                <Avatar id=me_id name=my_name />
            </button>
            <div class="list-title-block">
                <h1 class="list-title">{t!("home-title")}</h1>
                {move || account.get().map(|a| view! {
                    <span class="list-account" data-testid="tab-account">{a}</span>
                })}
            </div>
            <AccountMenu live_name=my_name />
            <button type="button" class="icon-button" aria-label=t!("home-new-conversation")
                title=t!("home-new-conversation") data-testid="new-conversation"
                on:click=move |_| navigate(&Route::New)>
                <Icon name=IconName::Compose />
            </button>
        </div>
        <NamePrompt />
        <SearchBox />
        <Show when=searching>
            <SearchResults />
        </Show>
        <Show when=move || !searching()>
        <Show when=move || { requests.get() > 0 }>
            <button type="button" class="requests-row" data-testid="requests-row"
                on:click=move |_| navigate(&Route::Requests)>
                <span class="requests-icon"><Icon name=IconName::Unread /></span>
                <span class="requests-label">{t!("home-message-requests")}</span>
                <span class="badge" data-testid="requests-count">{move || requests.get()}</span>
            </button>
        </Show>
        {move || {
            if conversations.with(|l| l.is_empty()) {
                view! {
                    <div class="list-empty">
                        <p>{t!("home-no-conversations")}</p>
                        <button type="button" class="btn btn-primary"
                            on:click=move |_| navigate(&Route::New)>
                            {t!("home-start-a-conversation")}
                        </button>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="conversations" data-testid="conversation-list">
                        <For
                            each=move || conversations.get()
                            key=|c| (c.id.clone(), c.last_ts, c.unread, c.name.clone(), c.settings.clone(), c.last_status)
                            children=move |c| view! { <ConversationItem conv=c /> }
                        />
                    </ul>
                }
                    .into_any()
            }
        }}
        </Show>
    }
}
