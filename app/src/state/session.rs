//! The session: the signed-in account's parts, one set per tab, each owning its state —
//! [`Tabs`] (this tab among the account's), [`Network`] (relay, client, health),
//! [`Views`] (conversation list and open chat), [`Profile`], [`Notifications`],
//! [`Outbox`] and [`Poller`] — built over the [`crate::ports`] and provided to the
//! components through Leptos context ([`Session::provide`]).
//!
//! [`start`] builds them over the browser and wires them to its events: tab messages,
//! visibility, focus, network changes, the poller election.

use leptos::prelude::*;
use rand_core::{OsRng, RngCore};
use session_core::client::ClientState;
use session_core::conversation::ConversationId;
use session_core::identity::Identity;
use std::rc::Rc;

use super::avatars::{AvatarParts, Avatars};
use super::communities::Communities;
use super::config_sync::ConfigSync;
use super::context::provide_part;
use super::edits::{Edits, EditsParts};
use super::files::Files;
use super::groups::Groups;
use super::net_state::NetState;
use super::network::Network;
use super::notifications::Notifications;
use super::outbox::Outbox;
use super::parts::SessionParts;
use super::password::PasswordLock;
use super::poller::{Poller, PollerParts};
use super::profile::Profile;
use super::requests::Requests;
use super::route::Route;
use super::search::Search;
use super::storage_health::{StorageHealth, StorageProblem};
use super::tabs::Tabs;
use super::typing::Typing;
use super::ui::{Phase, Ui};
use super::uploads::{UploadParts, Uploads};
use super::views::Views;
use crate::net::info::HttpRelay;
use crate::net::tabs::{BroadcastTabs, TabMessage};
use crate::net::{BrowserEnv, FetchTransport};
use crate::ports::{Platform, Ports, Store};
use crate::state::engine::WebEngines;
use crate::storage::{ProfileRecord, StorageError};
use crate::t;
use crate::util::browser::{self, BrowserPlatform};
use crate::util::log;

/// The signed-in account's parts.
pub struct Session {
    /// This tab among the account's tabs.
    pub tabs: Rc<Tabs>,
    /// Relay, client and network health.
    pub network: Rc<Network>,
    /// Conversation list and open chat.
    pub views: Rc<Views>,
    /// Who we are.
    pub profile: Rc<Profile>,
    /// Notifications of new messages.
    pub notifications: Rc<Notifications>,
    /// Messages being sent.
    pub outbox: Rc<Outbox>,
    /// Polling, in the tab that polls.
    pub poller: Rc<Poller>,
    /// Whether storage takes our writes.
    pub storage: Rc<StorageHealth>,
    /// The account's settings (used by the tab that polls).
    pub configs: Rc<ConfigSync>,
    /// Attachments' bytes.
    pub files: Rc<Files>,
    /// Messages with files being uploaded.
    pub uploads: Rc<Uploads>,
    /// Our avatar and our contacts'.
    pub avatars: Rc<Avatars>,
    /// Reactions, deletions and read receipts.
    pub edits: Rc<Edits>,
    /// Message requests and clearing conversations.
    pub requests: Rc<Requests>,
    /// Typing indicators, ours and the contacts'.
    pub typing: Rc<Typing>,
    /// Groups.
    pub groups: Rc<Groups>,
    /// Community rooms.
    pub communities: Rc<Communities>,
    /// Search of the stored messages.
    pub search: Rc<Search>,
    /// The password lock.
    pub password: Rc<PasswordLock>,
    store: Rc<dyn Store>,
    platform: Rc<dyn Platform>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("account", &self.profile.session_id())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The parts for `identity`, named `profile`, in the tab `tab_id`, with the client state
    /// and network saved last time.
    pub async fn open(
        ports: Ports,
        identity: Identity,
        profile: ProfileRecord,
        tab_id: String,
    ) -> Rc<Session> {
        let state = match ports.store.load_client_state().await {
            Ok(s) => s.unwrap_or_default(),
            Err(e) => {
                log::error(&format!("could not read the network state: {e}"));
                ClientState::new()
            }
        };
        let kind = match ports.store.load_network().await {
            Ok(k) => k,
            Err(e) => {
                log::error(&format!("could not read the network: {e}"));
                None
            }
        };
        let tabs = Rc::new(Tabs::new(
            tab_id,
            ports.channel.clone(),
            ports.platform.clone(),
        ));
        let network = Rc::new(Network::new(&ports, tabs.clone(), kind, state));
        let Ports {
            store,
            files,
            clock,
            platform,
            relay,
            account,
            ..
        } = ports;
        let views = Rc::new(Views::new(store.clone(), platform.clone(), tabs.clone()));
        let storage = Rc::new(StorageHealth::new(tabs.clone()));
        let profile = Rc::new(Profile::new(
            identity,
            account,
            profile,
            store.clone(),
            clock.clone(),
            tabs.clone(),
        ));
        let notifications = Rc::new(Notifications::new(
            platform.clone(),
            clock.clone(),
            tabs.clone(),
            views.clone(),
            profile.account_label,
        ));
        let outbox = Rc::new(Outbox::new(
            store.clone(),
            clock.clone(),
            network.clone(),
            views.clone(),
            profile.clone(),
            tabs.clone(),
            storage.clone(),
        ));
        let shared = SessionParts {
            store: store.clone(),
            clock: clock.clone(),
            network: network.clone(),
            views: views.clone(),
            profile: profile.clone(),
            storage: storage.clone(),
        };
        let groups = Rc::new(Groups::new(shared.clone()));
        let communities = Rc::new(Communities::new(shared));
        let edits = Rc::new(Edits::new(EditsParts {
            store: store.clone(),
            network: network.clone(),
            outbox: outbox.clone(),
            views: views.clone(),
            profile: profile.clone(),
            storage: storage.clone(),
            groups: groups.clone(),
            communities: communities.clone(),
        }));
        let search = Rc::new(Search::new(store.clone()));
        let password = Rc::new(PasswordLock::new(
            store.vault(),
            tabs.clone(),
            platform.clone(),
            clock.clone(),
        ));
        {
            // The index follows what is stored (once it is built).
            let search = Rc::downgrade(&search);
            views.on_change(Rc::new(move |convs| {
                let Some(search) = search.upgrade() else {
                    return;
                };
                let convs = convs.to_vec();
                wasm_bindgen_futures::spawn_local(async move {
                    search.refresh(&convs).await;
                });
            }));
        }
        {
            let edits = Rc::downgrade(&edits);
            views.on_read(Rc::new(move |conv, read| {
                let Some(edits) = edits.upgrade() else { return };
                wasm_bindgen_futures::spawn_local(async move {
                    edits.after_read(&conv, &read).await;
                });
            }));
        }
        let typing = Rc::new(Typing::new(
            profile.session_id(),
            clock.clone(),
            network.clone(),
            views.clone(),
            tabs.clone(),
        ));
        let requests = Rc::new(Requests::new(
            store.clone(),
            outbox.clone(),
            views.clone(),
            storage.clone(),
        ));
        let uploads = Uploads::new(UploadParts {
            groups: groups.clone(),
            store: store.clone(),
            files: files.clone(),
            clock: clock.clone(),
            network: network.clone(),
            views: views.clone(),
            profile: profile.clone(),
            outbox: outbox.clone(),
            storage: storage.clone(),
            relay: relay.clone(),
            communities: communities.clone(),
        });
        let avatars = Rc::new(Avatars::new(AvatarParts {
            files: files.clone(),
            clock: clock.clone(),
            network: network.clone(),
            profile: profile.clone(),
            conversations: views.conversations,
            storage: storage.clone(),
        }));
        let files = Files::new(
            files,
            clock.clone(),
            network.clone(),
            storage.clone(),
            relay.clone(),
        );
        {
            // A room's files come through the room's server.
            let rooms = Rc::downgrade(&communities);
            files.fetch_rooms_with(Rc::new(move |file| {
                let rooms = rooms.clone();
                Box::pin(async move {
                    let rooms = rooms
                        .upgrade()
                        .ok_or_else(|| t!("onboarding-session-signed-out"))?;
                    rooms.download(&file).await.map_err(|e| e.to_string())
                })
            }));
        }
        let configs = Rc::new(ConfigSync::new(
            profile.identity().clone(),
            store.clone(),
            clock.clone(),
            communities.records_lock(),
        ));
        let poller = Rc::new(Poller::new(PollerParts {
            store: store.clone(),
            clock,
            platform: platform.clone(),
            tabs: tabs.clone(),
            network: network.clone(),
            views: views.clone(),
            notifications: notifications.clone(),
            outbox: outbox.clone(),
            storage: storage.clone(),
            configs: configs.clone(),
            profile: profile.clone(),
            typing: typing.clone(),
            groups: groups.clone(),
            communities: communities.clone(),
        }));
        Rc::new(Session {
            tabs,
            network,
            views,
            profile,
            notifications,
            outbox,
            poller,
            storage,
            configs,
            files,
            uploads,
            avatars,
            edits,
            requests,
            typing,
            groups,
            communities,
            search,
            password,
            store,
            platform,
        })
    }

    /// Provides every part to the components below the caller.
    pub fn provide(&self) {
        provide_part(self.tabs.clone());
        provide_part(self.network.clone());
        provide_part(self.views.clone());
        provide_part(self.profile.clone());
        provide_part(self.notifications.clone());
        provide_part(self.outbox.clone());
        provide_part(self.poller.clone());
        provide_part(self.storage.clone());
        provide_part(self.files.clone());
        provide_part(self.uploads.clone());
        provide_part(self.avatars.clone());
        provide_part(self.edits.clone());
        provide_part(self.requests.clone());
        provide_part(self.typing.clone());
        provide_part(self.groups.clone());
        provide_part(self.communities.clone());
        provide_part(self.search.clone());
        provide_part(self.password.clone());
    }

    /// What another tab said.
    pub fn on_tab_message(self: &Rc<Self>, msg: TabMessage) {
        let Some(msg) = self.tabs.observe(msg) else {
            return;
        };
        match msg {
            TabMessage::Changed { convs } => {
                let s = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // A room joined, left or renamed in another tab.
                    if convs
                        .iter()
                        .any(|c| matches!(c, ConversationId::Community(_)))
                    {
                        s.communities.load().await;
                    }
                    s.views.refresh(&convs).await
                });
            }
            TabMessage::Net { state } => {
                if !self.tabs.is_leader() {
                    if let Some(state) = NetState::from_code(&state) {
                        self.network.show(state);
                    }
                }
            }
            TabMessage::Profile => {
                let s = self.clone();
                wasm_bindgen_futures::spawn_local(async move { s.profile.reload().await });
            }
            TabMessage::Waiting => self.outbox.note_waiting(),
            TabMessage::Storage { state } => self.storage.show(StorageProblem::from_code(&state)),
            TabMessage::Typing { conv, started } => self.typing.show(&conv, started),
            TabMessage::Restart => self.platform.restart(),
            // Handled by `Tabs::observe`.
            TabMessage::Visible { .. } | TabMessage::Hello { .. } | TabMessage::Bye { .. } => {}
        }
    }

    /// Learns which network the relay serves, then polls at once.
    pub fn discover(self: &Rc<Self>) {
        let s = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            s.network.discover().await;
            s.poller.poll_now();
        });
    }

    /// Polls for the account once this tab holds the account's lock (at once where there
    /// are no locks): one tab of the account polls at a time.
    pub fn elect_poller(self: &Rc<Self>) {
        let name = format!("session-web-poller-{}", self.profile.session_id());
        let poller = self.poller.clone();
        let on_acquired = Box::new(move || wasm_bindgen_futures::spawn_local(poller.lead()));
        if !self.platform.hold_lock(&name, on_acquired) {
            wasm_bindgen_futures::spawn_local(self.poller.clone().lead());
        }
    }

    /// Removes the account and everything it stored from this browser (other accounts are
    /// kept), then restarts the app on another account, if there is one: this tab and every
    /// other tab of the account.
    pub async fn delete_everything(&self) -> Result<(), StorageError> {
        self.store.wipe().await?;
        crate::accounts::forget(&crate::accounts::current());
        self.tabs.post(&TabMessage::Restart);
        self.platform.restart();
        Ok(())
    }
}

/// Builds the session of `identity` in this tab over the browser, with its conversation list
/// loaded; [`show`] then shows it.
pub async fn start(
    store: Rc<dyn Store>,
    identity: Identity,
    profile: ProfileRecord,
) -> Rc<Session> {
    let account = crate::accounts::current();
    start_in(account, Rc::new(BrowserPlatform), store, identity, profile).await
}

/// Builds the session of `identity`, whose data is in `account`, over `platform` (the
/// browser as this tab's account sees it, or as another account polled in the background).
pub async fn start_in(
    account: crate::accounts::AccountSlot,
    platform: Rc<dyn Platform>,
    store: Rc<dyn Store>,
    identity: Identity,
    profile: ProfileRecord,
) -> Rc<Session> {
    let transport = Rc::new(FetchTransport::new(browser::origin()));
    let me = identity.session_id();
    let channel = Rc::new(BroadcastTabs::join(&format!("session-web-{me}")));
    let ports = Ports {
        files: store.files(),
        store,
        clock: Rc::new(BrowserEnv),
        platform,
        channel: channel.clone(),
        relay: Rc::new(HttpRelay::new(transport.clone())),
        engines: Rc::new(WebEngines::new(identity.clone(), transport)),
        account,
    };
    let tab_id = format!("{:016x}", OsRng.next_u64());
    let session = Session::open(ports, identity, profile, tab_id).await;
    let weak = Rc::downgrade(&session);
    channel.on_message(move |msg| {
        if let Some(s) = weak.upgrade() {
            s.on_tab_message(msg);
        }
    });
    session.views.reload_conversations().await;
    session.communities.load().await;
    session.password.load().await;
    session
}

/// Shows the started `session` (the caller has made it available to the screens): the chat
/// the address names, then the tab joins the others, listens to the browser and polls.
pub async fn show(session: &Rc<Session>, ui: Ui) {
    let me = session.profile.session_id();
    ui.route.update(|r| *r = r.clone().for_account(&me));
    ui.phase.set(Phase::Ready);
    if let Route::Chat(conv) = ui.route.get_untracked() {
        session.views.open_chat(conv).await;
    }
    session.tabs.hello();
    install_listeners(session);
    session.discover();
    session.elect_poller();
    session.network.update_path();
}

/// The browser's events the session follows, for the page's lifetime.
fn install_listeners(session: &Rc<Session>) {
    let Some(w) = browser::window() else { return };
    let Some(doc) = browser::document() else {
        return;
    };
    let s = session.clone();
    browser::listen(&doc, "visibilitychange", move |_| {
        s.tabs.announce_visibility();
        if !browser::is_hidden() {
            s.poller.poll_now();
            if let Some(conv) = s.views.open_conversation() {
                let s = s.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    s.views.mark_read_if_visible(&conv).await
                });
            }
        }
    });
    let poller = session.poller.clone();
    browser::listen(&w, "focus", move |_| poller.poll_now());
    let poller = session.poller.clone();
    browser::listen(&w, "online", move |_| poller.poll_now());
    let network = session.network.clone();
    browser::listen(&w, "offline", move |_| network.report(NetState::Offline));
    let tabs = session.tabs.clone();
    browser::listen(&w, "pagehide", move |_| tabs.bye());
    // Back from the browser's page cache: the others heard our goodbye, so hello again.
    let tabs = session.tabs.clone();
    browser::listen(&w, "pageshow", move |ev| {
        if browser::event_field(&ev, "persisted").as_bool() == Some(true) {
            tabs.hello();
        }
    });
    // Another tab added or removed an account: the tab names its own when there are several.
    let profile = session.profile.clone();
    browser::listen(&w, "storage", move |ev| {
        let key = browser::event_field(&ev, "key").as_string();
        if crate::accounts::is_list_key(key.as_deref()) {
            let name = profile.me.with_untracked(|m| m.display_name.clone());
            profile.account_label.set(crate::accounts::relabel(&name));
        }
    });
    for event in ["pointerdown", "keydown", "wheel", "touchstart"] {
        let lock = session.password.clone();
        browser::listen(&doc, event, move |_| lock.note_activity());
    }
    session.password.watch_idle();
}
