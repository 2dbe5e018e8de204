//! Starting a conversation by entering someone's Session ID or ONS name (looked up, and its ID
//! shown before the chat starts), making a group ([`NewGroup`]) or joining a community room
//! ([`JoinCommunity`]).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::copy_button::CopyButton;
use super::icon::{Icon, IconName};
use super::join_community::JoinCommunity;
use super::new_group::NewGroup;
use super::session_id_text::SessionIdText;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::ons::OnsName;

use crate::state::context::use_part;
use crate::state::network::Network;
use crate::state::profile::Profile;
use crate::state::recipient::{
    conversation_id_problem, look_up, parse_recipient_input, RecipientInput,
};
use crate::state::route::{navigate, Route};
use crate::t;

/// The new conversation screen.
#[component]
pub fn NewConversation() -> impl IntoView {
    let profile = use_part::<Profile>().get_value();
    let me = profile.session_id();
    let network = use_part::<Network>();
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| crate::util::focus::focus_if_keyboard(field.get().map(Into::into)));
    let (input, set_input) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    // A name being looked up, and the last name found with its ID (shown before starting).
    let (resolving, set_resolving) = signal(None::<OnsName>);
    let (found, set_found) = signal(None::<(OnsName, SessionId)>);
    // Only accounts (05); our own ID is Note to Self.
    let start = move |id: SessionId| match ConversationId::with_peer(id, &me) {
        Ok(conv) => navigate(&Route::Chat(conv)),
        Err(e) => set_error.set(Some(conversation_id_problem(&e))),
    };
    let submit = move || {
        if resolving.get_untracked().is_some() {
            return;
        }
        match parse_recipient_input(&input.get_untracked()) {
            Ok(RecipientInput::Id(id)) => start(id),
            Ok(RecipientInput::Name(name)) => {
                // The second press on a name already shown starts the chat.
                if let Some((_, id)) = found.get_untracked().filter(|(n, _)| *n == name) {
                    start(id);
                    return;
                }
                set_found.set(None);
                set_resolving.set(Some(name.clone()));
                let client = network.with_value(|n| n.client());
                spawn_local(async move {
                    match look_up(&*client, &name).await {
                        Ok(id) => set_found.set(Some((name, id))),
                        Err(e) => set_error.set(Some(e.to_string())),
                    }
                    set_resolving.set(None);
                });
            }
            Err(e) => set_error.set(Some(e.to_string())),
        }
    };
    let found_id =
        Signal::derive(move || found.get().map(|(_, id)| id.to_hex()).unwrap_or_default());
    let my = profile.me;
    let my_id = Signal::derive(move || my.get().session_id);
    let (making_group, set_making_group) = signal(false);
    let (joining_room, set_joining_room) = signal(false);
    let direct = move || {
        view! {
            <section class="screen" data-testid="new-conversation-screen">
                <header class="screen-header">
                    <button type="button" class="icon-button back" aria-label=t!("common-back")
                        on:click=move |_| navigate(&Route::List)>
                        <Icon name=IconName::Back />
                    </button>
                    <h1>{t!("home-new-conversation")}</h1>
                </header>
                <form class="screen-body narrow" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                    <button type="button" class="option-row" data-testid="new-group"
                        on:click=move |_| set_making_group.set(true)>
                        <span class="option-icon"><Icon name=IconName::Group /></span>
                        <span class="option-text">
                            <span class="option-title">{t!("home-new-group")}</span>
                            <span class="option-detail muted">
                                {t!("home-new-group-detail")}
                            </span>
                        </span>
                    </button>
                    <button type="button" class="option-row" data-testid="join-community"
                        on:click=move |_| set_joining_room.set(true)>
                        <span class="option-icon"><Icon name=IconName::Globe /></span>
                        <span class="option-text">
                            <span class="option-title">{t!("home-join-community")}</span>
                            <span class="option-detail muted">
                                {t!("home-join-community-detail")}
                            </span>
                        </span>
                    </button>
                    <label class="field-label" for="recipient">{t!("home-recipient-label")}</label>
                    <p class="muted" id="recipient-help">
                        {t!("home-recipient-help")}
                    </p>
                    <textarea node_ref=field id="recipient" class="input id-input" rows="2" autocomplete="off"
                        autocapitalize="none" spellcheck="false" data-testid="recipient-input"
                        placeholder=t!("home-recipient-placeholder") aria-describedby="recipient-help"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=move || input.get()
                        on:input=move |ev| {
                            set_input.set(event_target_value(&ev));
                            set_error.set(None);
                            set_found.set(None);
                        }
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" && !ev.shift_key() { ev.prevent_default(); submit(); }
                        }>
                    </textarea>
                    {move || error.get().map(|e| view! {
                        <p class="error-text" role="alert" data-testid="recipient-error">{e}</p>
                    })}
                    <div role="status" aria-live="polite">
                        {move || resolving.get().map(|name| view! {
                            <p class="muted" data-testid="ons-resolving">
                                {t!("home-looking-up-name", name = name.as_str())}
                            </p>
                        })}
                        {move || found.get().map(|(name, _)| view! {
                            <div class="resolved-name" data-testid="ons-resolved">
                                <p class="field-label">{t!("home-resolved-name", name = name.as_str())}</p>
                                <SessionIdText id=found_id test_id="ons-resolved-id" />
                            </div>
                        })}
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="start-conversation"
                            disabled=move || input.get().trim().is_empty() || resolving.get().is_some()>
                            {move || match (resolving.get(), found.get()) {
                                (Some(_), _) => t!("home-looking-up"),
                                (None, Some((name, _))) => t!("home-message-name", name = name.as_str()),
                                (None, None) => t!("home-start-conversation"),
                            }}
                        </button>
                    </div>
                    <div class="share">
                        <h2>{t!("home-your-session-id")}</h2>
                        <SessionIdText id=my_id />
                        <CopyButton text=my_id label=t!("home-copy-session-id")
                            done=t!("home-session-id-copied") />
                    </div>
                </form>
            </section>
        }
    };
    move || {
        if making_group.get() {
            view! { <NewGroup on_back=Callback::new(move |()| set_making_group.set(false)) /> }
                .into_any()
        } else if joining_room.get() {
            view! { <JoinCommunity on_back=Callback::new(move |()| set_joining_room.set(false)) /> }
                .into_any()
        } else {
            direct().into_any()
        }
    }
}
