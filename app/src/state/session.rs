//! The session service: one per tab, for the signed-in account. It owns the client, the
//! database and the tab's role, and keeps [`Ui`] in step with storage.
//!
//! - Sending: the message is encrypted once (`Client::prepare`), written to the outbox and the
//!   message store in one transaction, then delivered; the outcome is recorded. After a reload
//!   the outbox is delivered again (same bytes, same hash: the swarm keeps it once).
//! - Receiving: one tab per account polls (the holder of a Web Lock); it stores each poll's
//!   messages together with the client state in one transaction, then tells the other tabs,
//!   which reload from storage. Polling runs every 2 s while visible, every 30 s while hidden,
//!   and at once when the tab comes back.
//! - The network banner follows the poller's results; failed messages are retried when the
//!   network comes back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rand_core::OsRng;
use session_core::client::{Client, ClientState, PollReport};
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::proto::session::Content;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::conversations::{preview, sort_newest_first, title};
use super::net_state::NetState;
use super::ui::{HopView, Me, OpenChat, Ui};
use crate::net::info::{fetch_network, Network};
use crate::net::tabs::{TabMessage, Tabs};
use crate::net::{BrowserEnv, FetchTransport};
use crate::storage::repo;
use crate::storage::{Db, MessageKey, MessageRecord, MessageStatus, OutboxRecord, ProfileRecord};
use crate::util::timer::{sleep_ms, Alarm};
use crate::util::{browser, log, time};

/// A boxed local future: the shared steps (refreshing views, delivering) are awaited from many
/// places, and boxing keeps one copy of their code instead of one per caller (smaller wasm).
type Boxed<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

/// The client type of the web app.
pub type WebClient = Client<Rc<FetchTransport>, BrowserEnv, OsRng>;

/// Messages loaded when a conversation opens (and added by "load earlier").
pub const PAGE: u32 = 100;

/// Poll interval while the tab is visible.
pub const POLL_VISIBLE_MS: u64 = 2_000;
/// Poll interval while the tab is hidden.
pub const POLL_HIDDEN_MS: u64 = 30_000;
/// Longest wait between polls after failures while visible.
pub const POLL_MAX_BACKOFF_MS: u64 = 15_000;
/// Client state is saved at least this often while polling, even without messages.
const STATE_SAVE_MS: u64 = 30_000;
/// How long a send waits to learn which network the relay serves before it counts as failed.
const NETWORK_WAIT_MS: u64 = 10_000;

thread_local! {
    static CURRENT: RefCell<Option<Rc<Session>>> = const { RefCell::new(None) };
}

/// The running session, once signed in.
pub fn current() -> Option<Rc<Session>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The signed-in account's service.
pub struct Session {
    db: Rc<Db>,
    identity: Identity,
    me: String,
    ui: Ui,
    transport: Rc<FetchTransport>,
    client: RefCell<Rc<WebClient>>,
    network: Cell<Option<Network>>,
    profile: RefCell<ProfileRecord>,
    tabs: RefCell<Option<Tabs>>,
    tab_id: String,
    leader: Cell<bool>,
    alarm: Alarm,
    in_flight: RefCell<HashSet<MessageKey>>,
    visible_tabs: RefCell<HashMap<String, bool>>,
    last_state_save: Cell<u64>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("me", &self.me)
            .finish_non_exhaustive()
    }
}

/// Starts the session of `identity` and shows the app.
pub async fn start(db: Rc<Db>, identity: Identity, profile: ProfileRecord, ui: Ui) {
    let state = match repo::load_client_state(&db).await {
        Ok(Some(s)) => s,
        Ok(None) => ClientState::new(),
        Err(e) => {
            log::error(&format!("could not read the network state: {e}"));
            ClientState::new()
        }
    };
    let network = repo::load_network(&db)
        .await
        .ok()
        .flatten()
        .and_then(|n| Network::parse(&n));
    let transport = Rc::new(FetchTransport::new(browser::origin()));
    let config = network.unwrap_or(Network::Mainnet).config();
    let client = Rc::new(Client::new(
        identity.clone(),
        transport.clone(),
        BrowserEnv,
        OsRng,
        state,
        config,
    ));
    let me = identity.session_id().to_hex();
    let tab_id = format!("{:016x}", rand_core::RngCore::next_u64(&mut OsRng));
    let s = Rc::new(Session {
        db,
        identity,
        me: me.clone(),
        ui,
        transport,
        client: RefCell::new(client),
        network: Cell::new(network),
        profile: RefCell::new(profile.clone()),
        tabs: RefCell::new(None),
        tab_id,
        leader: Cell::new(false),
        alarm: Alarm::default(),
        in_flight: RefCell::new(HashSet::new()),
        visible_tabs: RefCell::new(HashMap::new()),
        last_state_save: Cell::new(0),
    });
    CURRENT.with(|c| *c.borrow_mut() = Some(s.clone()));
    ui.me.set(Me {
        session_id: me,
        display_name: profile.display_name,
    });
    ui.notify.set(browser::notify_permission());
    s.reload_conversations().await;
    ui.phase.set(super::ui::Phase::Ready);
    if let Some(conv) = ui.route.get_untracked().chat_id() {
        s.open_chat(conv.to_owned()).await;
    }
    s.join_tabs();
    s.install_listeners();
    spawn_local(s.clone().discover_network());
    s.clone().elect_poller();
    s.update_path();
}

impl Session {
    /// Our Session ID (hex).
    pub fn me(&self) -> &str {
        &self.me
    }

    /// The current client.
    pub fn client(&self) -> Rc<WebClient> {
        self.client.borrow().clone()
    }

    /// The recovery phrase (for the settings screen, behind a confirmation).
    pub fn recovery_phrase(&self) -> Option<String> {
        self.identity.mnemonic().map(|m| m.to_string())
    }

    /// Replaces the client (new configuration or newer saved state); work in flight on the
    /// old one finishes normally.
    fn replace_client(&self, state: ClientState, network: Network) {
        let client = Rc::new(Client::new(
            self.identity.clone(),
            self.transport.clone(),
            BrowserEnv,
            OsRng,
            state,
            network.config(),
        ));
        *self.client.borrow_mut() = client;
    }

    // ---- network discovery and polling -------------------------------------------------

    /// Learns which network the relay serves (retrying until it answers).
    async fn discover_network(self: Rc<Self>) {
        let mut delay = 1_000;
        loop {
            match fetch_network(self.transport.base()).await {
                Ok(n) => {
                    if self.network.get() != Some(n) {
                        let state = self.client().state();
                        self.replace_client(state, n);
                        self.network.set(Some(n));
                        let name = if n == Network::Local {
                            "local"
                        } else {
                            "mainnet"
                        };
                        if let Err(e) = repo::save_network(&self.db, name).await {
                            log::error(&format!("could not save the network: {e}"));
                        }
                    }
                    self.alarm.wake();
                    return;
                }
                Err(e) => {
                    log::warn(&format!("relay info: {e}"));
                    if self.network.get().is_none() {
                        self.set_net(if browser::is_online() {
                            NetState::RelayUnreachable
                        } else {
                            NetState::Offline
                        });
                    }
                    sleep_ms(delay).await;
                    delay = (delay * 2).min(15_000);
                }
            }
        }
    }

    /// Waits until the network is known, up to `max_ms` (`None`: forever).
    async fn wait_network(&self, max_ms: Option<u64>) -> bool {
        let start = time::now_ms();
        while self.network.get().is_none() {
            if max_ms.is_some_and(|m| time::now_ms().saturating_sub(start) >= m) {
                return false;
            }
            sleep_ms(250).await;
        }
        true
    }

    /// Becomes the account's poller when this tab gets the lock (at once in browsers without
    /// Web Locks).
    fn elect_poller(self: Rc<Self>) {
        let name = format!("session-web-poller-{}", self.me);
        let ok = browser::hold_lock_when_available(&name, || {
            if let Some(s) = current() {
                spawn_local(s.become_poller());
            }
        });
        if !ok {
            spawn_local(self.become_poller());
        }
    }

    async fn become_poller(self: Rc<Self>) {
        log::info("this tab polls for the account");
        self.leader.set(true);
        // Another tab may have polled until now: continue from the state it saved.
        if let Ok(Some(state)) = repo::load_client_state(&self.db).await {
            let network = self.network.get().unwrap_or(Network::Mainnet);
            self.replace_client(state, network);
        }
        spawn_local(self.clone().resend_outbox());
        self.poll_loop().await;
    }

    async fn poll_loop(self: Rc<Self>) {
        let mut failures: u32 = 0;
        loop {
            self.wait_network(None).await;
            let client = self.client();
            match client.poll().await {
                Ok(report) => {
                    let recovered = failures > 0;
                    failures = 0;
                    self.handle_poll(&client, report).await;
                    self.set_net(NetState::Online);
                    if recovered {
                        spawn_local(self.clone().resend_outbox());
                    }
                }
                Err(e) => {
                    failures = failures.saturating_add(1);
                    log::warn(&format!("poll failed: {e}"));
                    self.set_net(self.net_state_of(&e));
                }
            }
            self.update_path();
            let wait = poll_wait(browser::is_hidden(), failures);
            self.alarm.sleep(wait).await;
        }
    }

    /// Stores a poll's messages, names and the client state in one transaction.
    async fn handle_poll(&self, client: &WebClient, report: PollReport) {
        let now = time::now_ms();
        let (messages, names) = super::receive::records_of(&report.events, now);
        if !report.skipped.is_empty() {
            log::warn(&format!(
                "{} retrieved items were not messages for us",
                report.skipped.len()
            ));
        }
        let anything = !report.events.is_empty() || !report.skipped.is_empty();
        let save_state = anything || now.saturating_sub(self.last_state_save.get()) > STATE_SAVE_MS;
        if !save_state {
            return;
        }
        let state = client.state().to_json();
        match repo::store_messages(&self.db, &messages, &names, Some(&state)).await {
            Ok(batch) => {
                self.last_state_save.set(now);
                if !batch.conversations.is_empty() {
                    let convs: Vec<String> =
                        batch.conversations.iter().map(|c| c.id.clone()).collect();
                    self.after_change(convs).await;
                    self.notify_new(&batch.new_messages);
                }
            }
            Err(e) => {
                // Nothing of this poll was stored: go back to the saved state so the same
                // messages are fetched again.
                log::error(&format!("could not store received messages: {e}"));
                if let Ok(Some(saved)) = repo::load_client_state(&self.db).await {
                    self.replace_client(saved, self.network.get().unwrap_or(Network::Mainnet));
                }
            }
        }
    }

    fn net_state_of(&self, e: &session_core::client::ClientError) -> NetState {
        NetState::from_error(e, browser::is_online(), self.transport.relay_answered())
    }

    fn set_net(&self, state: NetState) {
        if self.ui.net.get_untracked() != state {
            self.ui.net.set(state);
        }
        if self.leader.get() {
            self.post(&TabMessage::Net {
                state: state.code().into(),
            });
        }
    }

    fn update_path(&self) {
        let state = self.client().state();
        let nodes = state.nodes();
        let hops: Vec<HopView> = state
            .paths()
            .first()
            .map(|path| {
                path.iter()
                    .map(|id| {
                        let hex = id.to_hex();
                        let address = nodes
                            .iter()
                            .find(|n| n.ed25519 == *id)
                            .map(|n| format!("{}:{}", n.ip, n.port))
                            .unwrap_or_else(|| "unknown address".into());
                        HopView {
                            address,
                            key_prefix: hex.chars().take(10).collect(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        if self.ui.path.get_untracked() != hops {
            self.ui.path.set(hops);
        }
    }

    /// Polls now (the tab came back, the network is back, the user asked).
    pub fn poll_now(&self) {
        self.alarm.wake();
    }

    // ---- sending -------------------------------------------------------------------------

    fn content_for(&self, text: &str) -> Content {
        let profile = self.profile.borrow();
        let me = Profile {
            display_name: profile.display_name.clone(),
            picture: None,
            updated_s: profile.updated_s,
        };
        ContentBuilder::text(text).profile(&me).build()
    }

    /// Sends `text` to `conv`: stored (outbox) first, then delivered in the background.
    pub async fn send_text(self: &Rc<Self>, conv: &str, text: &str) -> Result<(), String> {
        let to = SessionId::parse_standard(conv).map_err(|e| e.to_string())?;
        let client = self.client();
        let out = client
            .prepare(&to, self.content_for(text))
            .map_err(|e| format!("could not prepare the message: {e}"))?;
        let key = repo::message_key(conv, out.timestamp_ms(), &self.me);
        let msg = MessageRecord {
            conv: conv.to_owned(),
            author: self.me.clone(),
            ts: out.timestamp_ms(),
            text: text.to_owned(),
            outgoing: true,
            status: MessageStatus::Sending,
            hash: Some(out.hash().to_owned()),
            stored_ms: time::now_ms(),
        };
        let entry = OutboxRecord {
            key,
            outgoing: out,
            attempts: 0,
            created_ms: time::now_ms(),
        };
        repo::store_outgoing(&self.db, &msg, &entry)
            .await
            .map_err(|e| format!("could not save the message: {e}"))?;
        self.after_change(vec![conv.to_owned()]).await;
        self.ui.scroll_to_end.update(|n| *n += 1);
        spawn_local(self.clone().deliver(entry));
        Ok(())
    }

    /// Delivers an outbox entry and records the outcome.
    fn deliver(self: Rc<Self>, mut entry: OutboxRecord) -> Boxed<'static, ()> {
        Box::pin(async move {
            if !self.in_flight.borrow_mut().insert(entry.key.clone()) {
                return;
            }
            entry.attempts = entry.attempts.saturating_add(1);
            let result = if self.wait_network(Some(NETWORK_WAIT_MS)).await {
                let client = self.client();
                client.deliver(&mut entry.outgoing).await.map(|_| ())
            } else {
                Err(session_core::client::ClientError::Transport(
                    session_core::client::TransportError::Unreachable,
                ))
            };
            let (status, complete) = match &result {
                Ok(()) => (MessageStatus::Sent, entry.outgoing.is_complete()),
                Err(_) if entry.outgoing.is_sent() => (MessageStatus::Sent, false),
                Err(_) => (MessageStatus::Failed, false),
            };
            if let Err(e) = &result {
                log::warn(&format!("message not delivered yet: {e}"));
                self.set_net(self.net_state_of(e));
            }
            if let Err(e) = repo::record_delivery(&self.db, &entry, status, complete).await {
                log::error(&format!("could not record a delivery: {e}"));
            }
            self.in_flight.borrow_mut().remove(&entry.key);
            self.after_change(vec![entry.key.conv.clone()]).await;
        })
    }

    /// Delivers everything left in the outbox, oldest first.
    async fn resend_outbox(self: Rc<Self>) {
        let mut entries = match repo::load_outbox(&self.db).await {
            Ok(e) => e,
            Err(e) => {
                log::error(&format!("could not read the outbox: {e}"));
                return;
            }
        };
        entries.sort_by_key(|e| e.key.ts);
        for entry in entries {
            if !entry.outgoing.is_sent() {
                let _ =
                    repo::record_delivery(&self.db, &entry, MessageStatus::Sending, false).await;
                self.after_change(vec![entry.key.conv.clone()]).await;
            }
            self.clone().deliver(entry).await;
        }
    }

    /// Retries a failed message (the same encrypted bytes).
    pub async fn retry(self: &Rc<Self>, key: MessageKey) {
        let entries = repo::load_outbox(&self.db).await.unwrap_or_default();
        if let Some(entry) = entries.into_iter().find(|e| e.key == key) {
            let _ = repo::record_delivery(&self.db, &entry, MessageStatus::Sending, false).await;
            self.after_change(vec![key.conv.clone()]).await;
            self.clone().deliver(entry).await;
        } else {
            self.ui.show_toast("This message can no longer be retried.");
        }
    }

    // ---- views ---------------------------------------------------------------------------

    /// Reloads the conversation list from the summary store.
    pub fn reload_conversations(&self) -> Boxed<'_, ()> {
        Box::pin(async move {
            match repo::load_conversations(&self.db).await {
                Ok(mut list) => {
                    list.retain(|c| c.count > 0);
                    sort_newest_first(&mut list);
                    self.ui.conversations.set(list);
                }
                Err(e) => log::error(&format!("could not load conversations: {e}")),
            }
        })
    }

    /// Opens a conversation: loads its newest messages and places the unread marker.
    pub async fn open_chat(&self, conv: String) {
        let rec = repo::load_conversation(&self.db, &conv)
            .await
            .ok()
            .flatten();
        let marker_after = rec.filter(|c| c.unread > 0).map(|c| c.last_read_ts);
        let (messages, has_more) = self.load_page(&conv, PAGE).await;
        self.ui.chat.set(Some(OpenChat {
            conv: conv.clone(),
            messages,
            marker_after,
            has_more,
            limit: PAGE,
        }));
        self.ui.scroll_to_end.update(|n| *n += 1);
        self.mark_read_if_visible(&conv).await;
    }

    /// Closes the open conversation.
    pub fn close_chat(&self) {
        self.ui.chat.set(None);
    }

    /// Loads `PAGE` more older messages of the open conversation.
    pub async fn load_earlier(&self) {
        let Some(chat) = self.ui.chat.get_untracked() else {
            return;
        };
        let limit = chat.limit + PAGE;
        let (messages, has_more) = self.load_page(&chat.conv, limit).await;
        self.ui.chat.update(|c| {
            if let Some(c) = c.as_mut().filter(|c| c.conv == chat.conv) {
                c.messages = messages;
                c.has_more = has_more;
                c.limit = limit;
            }
        });
    }

    fn load_page<'a>(&'a self, conv: &'a str, limit: u32) -> Boxed<'a, (Vec<MessageRecord>, bool)> {
        Box::pin(async move {
            match repo::load_messages(&self.db, conv, limit + 1).await {
                Ok(mut m) => {
                    let more = m.len() > limit as usize;
                    if more {
                        m.remove(0);
                    }
                    (m, more)
                }
                Err(e) => {
                    log::error(&format!("could not load messages: {e}"));
                    (Vec::new(), false)
                }
            }
        })
    }

    fn reload_chat(&self) -> Boxed<'_, ()> {
        Box::pin(async move {
            let Some(chat) = self.ui.chat.get_untracked() else {
                return;
            };
            let (messages, has_more) = self.load_page(&chat.conv, chat.limit).await;
            let grew = messages.last().map(|m| m.key()) != chat.messages.last().map(|m| m.key());
            self.ui.chat.update(|c| {
                if let Some(c) = c.as_mut().filter(|c| c.conv == chat.conv) {
                    c.messages = messages;
                    c.has_more = has_more;
                }
            });
            if grew {
                self.ui.scroll_to_end.update(|n| *n += 1);
            }
            self.mark_read_if_visible(&chat.conv).await;
        })
    }

    fn mark_read_if_visible<'a>(&'a self, conv: &'a str) -> Boxed<'a, ()> {
        Box::pin(async move {
            if browser::is_hidden() {
                return;
            }
            let unread = self
                .ui
                .conversations
                .with_untracked(|l| l.iter().any(|c| c.id == conv && c.unread > 0));
            if unread {
                if let Err(e) = repo::mark_read(&self.db, conv).await {
                    log::error(&format!("could not mark read: {e}"));
                }
                self.reload_conversations().await;
                self.post(&TabMessage::Changed {
                    convs: vec![conv.to_owned()],
                });
            }
        })
    }

    /// After stored data changed: refresh this tab and tell the others.
    fn after_change(&self, convs: Vec<String>) -> Boxed<'_, ()> {
        Box::pin(async move {
            self.refresh(&convs).await;
            self.post(&TabMessage::Changed { convs });
        })
    }

    fn refresh<'a>(&'a self, convs: &'a [String]) -> Boxed<'a, ()> {
        Box::pin(async move {
            self.reload_conversations().await;
            let open = self
                .ui
                .chat
                .with_untracked(|c| c.as_ref().map(|c| c.conv.clone()));
            if open.is_some_and(|o| convs.contains(&o)) {
                self.reload_chat().await;
            }
        })
    }

    fn notify_new(&self, new_messages: &[MessageRecord]) {
        if !browser::is_hidden() || self.another_tab_visible() {
            return;
        }
        let list = self.ui.conversations.get_untracked();
        let mut done = HashSet::new();
        for m in new_messages.iter().rev().filter(|m| !m.outgoing) {
            if !done.insert(m.conv.clone()) {
                continue;
            }
            let name = list
                .iter()
                .find(|c| c.id == m.conv)
                .map(|c| title(c, &self.me))
                .unwrap_or_else(|| super::conversations::short_id(&m.conv));
            browser::notify(
                &name,
                &preview(&m.text, 140),
                &m.conv,
                &super::route::Route::Chat(m.conv.clone()).to_hash(),
            );
        }
    }

    // ---- profile -------------------------------------------------------------------------

    /// Changes our display name (sent with our next messages).
    pub async fn set_display_name(&self, name: &str) -> Result<(), String> {
        let name = super::onboarding::validate_display_name(name)?;
        let profile = ProfileRecord {
            display_name: name.clone(),
            updated_s: time::now_ms() / 1000,
        };
        repo::save_profile(&self.db, &profile)
            .await
            .map_err(|e| e.to_string())?;
        *self.profile.borrow_mut() = profile;
        self.ui.me.update(|m| m.display_name = name);
        self.post(&TabMessage::Profile);
        Ok(())
    }

    /// Removes the account and everything stored from this browser, then restarts the app.
    pub async fn delete_everything(&self) {
        if let Err(e) = repo::wipe(&self.db).await {
            self.ui.show_toast(format!("Could not delete: {e}"));
            return;
        }
        browser::clear_drafts();
        if let Some(w) = browser::window() {
            let _ = w.location().set_hash("");
            let _ = w.location().reload();
        }
    }

    // ---- tabs ----------------------------------------------------------------------------

    fn post(&self, msg: &TabMessage) {
        if let Some(t) = self.tabs.borrow().as_ref() {
            t.post(msg);
        }
    }

    fn join_tabs(&self) {
        let tabs = Tabs::join(&format!("session-web-{}", self.me), |msg| {
            if let Some(s) = current() {
                s.on_tab_message(msg);
            }
        });
        *self.tabs.borrow_mut() = Some(tabs);
        self.post(&TabMessage::Hello {
            tab: self.tab_id.clone(),
        });
        self.announce_visibility();
    }

    fn on_tab_message(self: Rc<Self>, msg: TabMessage) {
        match msg {
            TabMessage::Changed { convs } => {
                spawn_local(async move { self.refresh(&convs).await });
            }
            TabMessage::Net { state } => {
                if !self.leader.get() {
                    if let Some(s) = NetState::from_code(&state) {
                        self.ui.net.set(s);
                    }
                }
            }
            TabMessage::Visible { tab, visible } => {
                self.visible_tabs.borrow_mut().insert(tab, visible);
            }
            TabMessage::Hello { tab } => {
                self.visible_tabs.borrow_mut().insert(tab, false);
                self.announce_visibility();
            }
            TabMessage::Bye { tab } => {
                self.visible_tabs.borrow_mut().remove(&tab);
            }
            TabMessage::Profile => {
                spawn_local(async move {
                    if let Ok(Some(p)) = repo::load_profile(&self.db).await {
                        self.ui
                            .me
                            .update(|m| m.display_name = p.display_name.clone());
                        *self.profile.borrow_mut() = p;
                    }
                });
            }
        }
    }

    fn announce_visibility(&self) {
        self.post(&TabMessage::Visible {
            tab: self.tab_id.clone(),
            visible: !browser::is_hidden(),
        });
    }

    fn another_tab_visible(&self) -> bool {
        self.visible_tabs.borrow().values().any(|v| *v)
    }

    fn install_listeners(&self) {
        let Some(w) = browser::window() else { return };
        let Some(doc) = browser::document() else {
            return;
        };
        browser::listen(&doc, "visibilitychange", |_| {
            if let Some(s) = current() {
                s.announce_visibility();
                if !browser::is_hidden() {
                    s.poll_now();
                    if let Some(conv) =
                        s.ui.chat
                            .with_untracked(|c| c.as_ref().map(|c| c.conv.clone()))
                    {
                        spawn_local(async move { s.mark_read_if_visible(&conv).await });
                    }
                }
            }
        });
        browser::listen(&w, "focus", |_| {
            if let Some(s) = current() {
                s.poll_now();
            }
        });
        browser::listen(&w, "online", |_| {
            if let Some(s) = current() {
                s.poll_now();
            }
        });
        browser::listen(&w, "offline", |_| {
            if let Some(s) = current() {
                s.set_net(NetState::Offline);
            }
        });
        browser::listen(&w, "pagehide", |_| {
            if let Some(s) = current() {
                s.post(&TabMessage::Bye {
                    tab: s.tab_id.clone(),
                });
            }
        });
    }
}

/// How long the poller waits before the next poll.
pub fn poll_wait(hidden: bool, failures: u32) -> u64 {
    if hidden {
        return POLL_HIDDEN_MS;
    }
    if failures == 0 {
        return POLL_VISIBLE_MS;
    }
    (POLL_VISIBLE_MS << failures.min(4)).min(POLL_MAX_BACKOFF_MS)
}

/// Runs `f` with the session, if signed in (for event handlers).
pub fn with_session(f: impl FnOnce(Rc<Session>)) {
    if let Some(s) = current() {
        f(s);
    }
}

/// Sends a message from the UI (reports failures as a toast).
pub fn send_from_ui(conv: String, text: String) {
    with_session(|s| {
        spawn_local(async move {
            if let Err(e) = s.send_text(&conv, &text).await {
                s.ui.show_toast(e);
            }
        })
    });
}
