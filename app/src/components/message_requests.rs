//! The message requests: first messages from people we never wrote to, apart from the list
//! until answered. Opening one shows it with its answers ([`super::request_bar::RequestBar`]).

use leptos::prelude::*;

use super::conversation_item::ConversationItem;
use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::requests::pending;
use crate::state::route::{navigate, Route};
use crate::state::views::Views;
use crate::t;

/// The requests screen.
#[component]
pub fn MessageRequests() -> impl IntoView {
    let all = use_part::<Views>().get_value().conversations;
    let requests = Memo::new(move |_| all.with(|l| pending(l)));
    view! {
        <section class="screen" data-testid="message-requests">
            <header class="screen-header">
                <button type="button" class="icon-button back" aria-label=t!("common-back")
                    on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <h1>{t!("home-message-requests")}</h1>
            </header>
            <p class="muted screen-intro">{t!("home-requests-intro")}</p>
            {move || {
                if requests.with(Vec::is_empty) {
                    view! { <p class="list-empty muted">{t!("home-no-requests")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="conversations" data-testid="request-list">
                            <For
                                each=move || requests.get()
                                key=|c| (c.id.clone(), c.last_ts, c.unread, c.name.clone())
                                children=move |c| view! { <ConversationItem conv=c /> }
                            />
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
