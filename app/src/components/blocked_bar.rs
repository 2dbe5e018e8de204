//! In place of the composer of a blocked contact's conversation: "You blocked X. Unblock".

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::conversation_settings::unblock;
use crate::state::views::Views;
use crate::t;

/// The bar of the blocked conversation `conv`.
#[component]
pub fn BlockedBar(
    /// The conversation.
    conv: ConversationId,
    /// The name it shows.
    name: Signal<String>,
) -> impl IntoView {
    let views = use_part::<Views>();
    let on_unblock = move |_| {
        let (views, conv) = (views.get_value(), conv.clone());
        spawn_local(async move { views.change_settings(&conv, unblock).await });
    };
    view! {
        <div class="blocked-bar" data-testid="blocked-bar" role="status">
            <Icon name=IconName::Block />
            <span class="blocked-bar-text">{move || t!("home-you-blocked", name = name.get())}</span>
            <button type="button" class="btn btn-secondary blocked-bar-button"
                data-testid="blocked-bar-unblock" on:click=on_unblock>
                {t!("home-unblock")}
            </button>
        </div>
    }
}
