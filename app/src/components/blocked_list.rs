//! Settings' blocked contacts: each with an Unblock button (those blocked on another device
//! of the account too, whether or not they are listed).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use crate::state::context::use_part;
use crate::state::conversation_settings::unblock;
use crate::state::conversations::{colour_key, short_id, title};
use crate::state::poller::Poller;
use crate::state::profile::Profile;
use crate::state::views::Views;
use crate::storage::ConversationRecord;
use crate::t;

/// The "Blocked contacts" panel.
#[component]
pub fn BlockedList() -> impl IntoView {
    let views = use_part::<Views>();
    let poller = use_part::<Poller>();
    let me = use_part::<Profile>().get_value().session_id();
    let conversations = views.with_value(|v| v.conversations);
    let (blocked, set_blocked) = signal(None::<Vec<ConversationRecord>>);
    // Read again whenever stored conversations change (here, in another tab, by sync).
    Effect::new(move |_| {
        conversations.track();
        let poller = poller.get_value();
        spawn_local(async move {
            let list = poller.blocked().await;
            set_blocked.try_set(Some(list));
        });
    });
    let row = move |c: ConversationRecord| {
        let name = title(&c);
        let short = short_id(&c.id.to_string());
        let id = c.id.clone();
        let key = colour_key(&id, &me);
        let label = t!("home-unblock-name", name = name.as_str());
        let on_unblock = move |_| {
            let (views, id) = (views.get_value(), id.clone());
            spawn_local(async move { views.change_settings(&id, unblock).await });
        };
        view! {
            <li class="blocked-item" data-testid="blocked-item" data-conv=c.id.to_string()>
                <Avatar id=key name=Signal::stored(name.clone()) note_to_self=false />
                <div class="blocked-name">
                    <span class="blocked-title">{name.clone()}</span>
                    {(!name.contains(&short)).then(|| view! {
                        <span class="muted blocked-id">{short}</span>
                    })}
                </div>
                <button type="button" class="btn btn-secondary" aria-label=label
                    data-testid="blocked-unblock" on:click=on_unblock>
                    {t!("home-unblock")}
                </button>
            </li>
        }
    };
    view! {
        <section class="panel" data-testid="blocked-contacts">
            <h2>{t!("home-blocked-contacts")}</h2>
            {move || match blocked.get() {
                None => ().into_any(),
                Some(list) if list.is_empty() => view! {
                    <p class="muted" data-testid="blocked-empty">{t!("home-blocked-empty")}</p>
                }.into_any(),
                Some(list) => view! {
                    <ul class="blocked-list">{list.into_iter().map(row).collect_view()}</ul>
                }.into_any(),
            }}
        </section>
    }
}
