//! Joining a community room: by pasting its link, or by picking one of the rooms the relay
//! offers (the local network's default rooms; none on mainnet). The room's details are
//! fetched before anything is joined, so a mistyped link joins nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use crate::state::communities::Communities;
use crate::state::context::use_part;
use crate::state::network::Network;
use crate::state::route::{navigate, Route};
use crate::t;

/// The join community form; `on_back` returns to the new conversation screen.
#[component]
pub fn JoinCommunity(
    /// Goes back.
    on_back: Callback<()>,
) -> impl IntoView {
    let communities = use_part::<Communities>();
    let offered = use_part::<Network>().with_value(|n| n.offered_rooms());
    let joined = communities.with_value(|c| c.rooms);
    let (input, set_input) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (joining, set_joining) = signal(false);
    let join = move |link: String| {
        if joining.get_untracked() {
            return;
        }
        set_joining.set(true);
        set_error.set(None);
        let communities = communities.get_value();
        spawn_local(async move {
            match communities.join(&link).await {
                Ok(conv) => navigate(&Route::Chat(conv)),
                Err(e) => set_error.set(Some(e.to_string())),
            }
            set_joining.set(false);
        });
    };
    let is_joined = move |link: &session_core::community::url::JoinLink| {
        joined.with(|list| list.iter().any(|r| r.link == link.to_string()))
    };
    view! {
        <section class="screen" data-testid="join-community-screen">
            <header class="screen-header">
                <button type="button" class="icon-button back-always" aria-label=t!("common-back")
                    data-testid="join-community-back" on:click=move |_| on_back.run(())>
                    <Icon name=IconName::Back />
                </button>
                <h1>{t!("home-join-community")}</h1>
            </header>
            <form class="screen-body narrow"
                on:submit=move |ev| { ev.prevent_default(); join(input.get_untracked()); }>
                <label class="field-label" for="community-link">{t!("home-community-link")}</label>
                <p class="muted">{t!("home-community-link-help")}</p>
                <textarea id="community-link" class="input id-input" dir="ltr" rows="3" autocomplete="off"
                    autocapitalize="none" spellcheck="false" data-testid="community-link-input"
                    placeholder=t!("home-community-link-placeholder")
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || input.get()
                    on:input=move |ev| { set_input.set(event_target_value(&ev)); set_error.set(None); }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            join(input.get_untracked());
                        }
                    }>
                </textarea>
                {move || error.get().map(|e| view! {
                    <p class="error-text" role="alert" data-testid="community-error">{e}</p>
                })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="join-community-submit"
                        disabled=move || input.get().trim().is_empty() || joining.get()>
                        {move || if joining.get() { t!("home-joining") } else { t!("home-join") }}
                    </button>
                </div>
                <Show when=move || offered.with(|o| !o.is_empty())>
                    <h2 class="section-title">{t!("home-offered-rooms")}</h2>
                    <ul class="room-offers" data-testid="offered-rooms">
                        <For each=move || offered.get() key=|l| l.to_string() let:link>
                            {
                                let text = link.to_string();
                                let token = link.token().to_owned();
                                let server = link.server().to_owned();
                                let already = {
                                    let link = link.clone();
                                    move || is_joined(&link)
                                };
                                view! {
                                    <li>
                                        <button type="button" class="option-row"
                                            data-testid="offered-room" data-room=token.clone()
                                            disabled=move || joining.get()
                                            on:click=move |_| join(text.clone())>
                                            <span class="option-icon"><Icon name=IconName::Globe /></span>
                                            <span class="option-text">
                                                <span class="option-title">{token.clone()}</span>
                                                <span class="option-detail muted">{server}</span>
                                            </span>
                                            <Show when=already.clone()>
                                                <span class="badge">{t!("home-joined")}</span>
                                            </Show>
                                        </button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </Show>
            </form>
        </section>
    }
}
