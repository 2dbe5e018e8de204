//! The message requests: first messages from people we never wrote to, apart from the list
//! until answered. Opening one shows it with its answers ([`super::request_bar::RequestBar`]).

use leptos::prelude::*;

use super::conversation_item::ConversationItem;
use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::requests::pending;
use crate::state::route::{navigate, Route};
use crate::state::views::Views;

/// The requests screen.
#[component]
pub fn MessageRequests() -> impl IntoView {
    let all = use_part::<Views>().get_value().conversations;
    let requests = Memo::new(move |_| all.with(|l| pending(l)));
    view! {
        <section class="screen" data-testid="message-requests">
            <header class="screen-header">
                <button type="button" class="icon-button back" aria-label="Back"
                    on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <h1>"Message requests"</h1>
            </header>
            <p class="muted screen-intro">
                "People you have not written to yet, and invitations to groups. They will not \
                 know you saw their message until you reply or accept."
            </p>
            {move || {
                if requests.with(Vec::is_empty) {
                    view! { <p class="list-empty muted">"No pending requests."</p> }.into_any()
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
