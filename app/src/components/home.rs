//! The signed-in layout: the conversation list beside the open screen on wide windows, one of
//! them at a time on narrow ones. It provides the session's parts to everything below it.

use leptos::prelude::*;

use super::chat_view::ChatView;
use super::conversation_list::ConversationList;
use super::lightbox::Lightbox;
use super::message_requests::MessageRequests;
use super::network_banner::NetworkBanner;
use super::new_conversation::NewConversation;
use super::settings::Settings;
use super::shortcut_keys::ShortcutKeys;
use super::shortcuts_help::ShortcutsHelp;
use super::storage_banner::StorageBanner;
use crate::accounts;
use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;
use crate::state::route::Route;
use crate::state::ui::Ui;
use crate::t;

/// The main screen (shown once signed in).
#[component]
pub fn Home() -> impl IntoView {
    let ui = expect_context::<Ui>();
    // The phase is Ready only once the session has started.
    let Some(session) = use_part::<Onboarding>().get_value().session() else {
        return ().into_any();
    };
    session.provide();
    {
        // The tab, the account menu and notifications name the account (there may be several).
        let profile = session.profile.clone();
        let lock = session.password.has_password;
        Effect::new(move |_| {
            let name = profile.me.with(|m| m.display_name.clone());
            let label = accounts::show_in_tab(profile.session_id(), &name, lock.get());
            profile.account_label.set(label);
        });
    }
    let class = move || {
        if ui.route.get() == Route::List {
            "home show-list"
        } else {
            "home show-main"
        }
    };
    view! {
        <div class=class>
            <StorageBanner />
            <NetworkBanner />
            <div class="panes">
                <aside class="sidebar">
                    <ConversationList />
                </aside>
                <main class="main-pane">
                    {move || match ui.route.get() {
                        Route::Chat(id) => view! { <ChatView conv=id /> }.into_any(),
                        Route::New => view! { <NewConversation /> }.into_any(),
                        Route::Settings => view! { <Settings /> }.into_any(),
                        Route::Requests => view! { <MessageRequests /> }.into_any(),
                        Route::List => view! {
                            <div class="empty-main">
                                <img src="/icons/icon-192.png" alt="" width="72" height="72" />
                                <p class="muted">{t!("home-empty-main")}</p>
                            </div>
                        }.into_any(),
                    }}
                </main>
            </div>
            <Lightbox />
            <ShortcutsHelp />
            <ShortcutKeys />
        </div>
    }
    .into_any()
}
