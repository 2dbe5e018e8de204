//! The search field above the conversation list: searches every stored message as the user
//! types (within one conversation when the scope says so); Escape clears it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::conversations::title_for;
use crate::state::search::Search;
use crate::state::views::Views;
use crate::t;

/// The `id` of the field (the conversation menu's "Search in conversation" focuses it).
pub const SEARCH_INPUT_ID: &str = "search-input";

/// The field, and the scope when the search is within one conversation.
#[component]
pub fn SearchBox() -> impl IntoView {
    let search = use_part::<Search>();
    let (query, scope, indexing) = search.with_value(|s| (s.query, s.scope, s.indexing));
    let conversations = use_part::<Views>().with_value(|v| v.conversations);
    let run = move || {
        let search = search.get_value();
        spawn_local(async move { search.run().await });
    };
    let scope_name = move || {
        scope
            .get()
            .map(|c| conversations.with(|l| title_for(&c, l)))
    };
    let label = move || {
        if scope.get().is_some() {
            t!("home-search-in-conversation")
        } else {
            t!("home-search-messages")
        }
    };
    view! {
        <div class="search-box" role="search">
            <span class="search-icon" aria-hidden="true"><Icon name=IconName::Search /></span>
            <input id=SEARCH_INPUT_ID type="search" class="input search-input"
                data-testid="search-input" autocomplete="off" spellcheck="false"
                placeholder=label
                aria-label=label
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); run(); }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        search.with_value(|s| s.clear());
                    }
                } />
            {move || scope_name().map(|name| view! {
                <span class="search-scope" data-testid="search-scope">
                    {t!("home-search-scope", name = name)}
                    <button type="button" class="chip-remove" aria-label=t!("home-search-all")
                        data-testid="search-scope-clear"
                        on:click=move |_| { scope.set(None); run(); }>
                        <Icon name=IconName::Close />
                    </button>
                </span>
            })}
            <Show when=move || indexing.get()>
                <p class="muted search-status" role="status">{t!("home-indexing")}</p>
            </Show>
        </div>
    }
}
