//! The poller: one tab per account polls (the holder of a Web Lock, see
//! [`super::session::Session::elect_poller`]). It stores each poll's messages together with
//! the client state in one transaction, then the other tabs reload from storage. It polls
//! every 2 s while the tab is visible, every 30 s while hidden, backs off to 15 s while polls
//! fail, and polls at once when woken (focus, back online, network known). When polling
//! recovers the outbox is flushed, and after every successful poll the messages that failed
//! while the network was down are sent (a poll begun offline can succeed once the connection
//! is back, so no failed poll need have been seen).

use session_core::client::{Event, PollReport};
use session_core::message::receive::Incoming;
use std::cell::Cell;
use std::rc::Rc;

use super::alarm::Alarm;
use super::config_sync::ConfigSync;
use super::conversation_settings::set_expire;
use super::disappearing::expired;
use super::effects::effects_of;
use super::effects::Effect;
use super::net_state::NetState;
use super::network::Network;
use super::notifications::Notifications;
use super::outbox::Outbox;
use super::profile::Profile;
use super::receive::{blocked_ids, records_of, timer_changes, without_blocked};
use super::storage_health::StorageHealth;
use super::tabs::Tabs;
use super::typing::Typing;
use super::views::Views;
use crate::ports::{Clock, Engine, Platform, Store};
use crate::storage::{ConvSettings, ConversationRecord};
use crate::util::log;

/// Poll interval while the tab is visible.
pub const POLL_VISIBLE_MS: u64 = 2_000;
/// Poll interval while the tab is hidden.
pub const POLL_HIDDEN_MS: u64 = 30_000;
/// Longest wait between polls after failures while visible.
pub const POLL_MAX_BACKOFF_MS: u64 = 15_000;
/// Disappearing messages past their end are removed this often (they are hidden at once).
pub const SWEEP_MS: u64 = 10_000;
/// The newest messages of a conversation the sweep looks at.
pub const SWEEP_PAGE: u32 = 2_000;
/// Client state is saved at least this often while polling, even without messages.
pub const STATE_SAVE_MS: u64 = 30_000;

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

/// What the poller works with.
#[derive(Clone)]
pub struct PollerParts {
    /// Storage.
    pub store: Rc<dyn Store>,
    /// Time.
    pub clock: Rc<dyn Clock>,
    /// The browser.
    pub platform: Rc<dyn Platform>,
    /// The tabs.
    pub tabs: Rc<Tabs>,
    /// The network and its client.
    pub network: Rc<Network>,
    /// What the screens show.
    pub views: Rc<Views>,
    /// Notifications.
    pub notifications: Rc<Notifications>,
    /// The outbox.
    pub outbox: Rc<Outbox>,
    /// Whether storage takes our writes.
    pub storage: Rc<StorageHealth>,
    /// The account's settings.
    pub configs: Rc<ConfigSync>,
    /// Who we are (its name may come from the settings).
    pub profile: Rc<Profile>,
    /// Typing indicators.
    pub typing: Rc<Typing>,
    /// Groups.
    pub groups: Rc<super::groups::Groups>,
    /// Community rooms.
    pub communities: Rc<super::communities::Communities>,
}

impl std::fmt::Debug for PollerParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PollerParts").finish_non_exhaustive()
    }
}

/// The poller part.
pub struct Poller {
    parts: PollerParts,
    alarm: Alarm,
    failures: Cell<u32>,
    last_state_save: Cell<Option<u64>>,
    last_sweep: Cell<Option<u64>>,
}

impl std::fmt::Debug for Poller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Poller")
            .field("failures", &self.failures.get())
            .finish_non_exhaustive()
    }
}

impl Poller {
    /// A poller that has not started.
    pub fn new(parts: PollerParts) -> Poller {
        Poller {
            parts,
            alarm: Alarm::default(),
            failures: Cell::new(0),
            last_state_save: Cell::new(None),
            last_sweep: Cell::new(None),
        }
    }

    /// This tab polls from now on: it continues from the state the previous poller saved,
    /// flushes the outbox and polls until the tab closes.
    pub async fn lead(self: Rc<Self>) {
        log::info("this tab polls for the account");
        let p = &self.parts;
        p.tabs.lead();
        match p.store.load_client_state().await {
            Ok(Some(state)) => p.network.restart(state),
            Ok(None) => {}
            Err(e) => log::error(&format!("could not read the network state: {e}")),
        }
        p.groups.refresh_plan().await;
        let outbox = p.outbox.clone();
        wasm_bindgen_futures::spawn_local(async move { outbox.flush().await });
        loop {
            p.network.wait_known(None).await;
            self.poll_once().await;
            // Community servers are polled apart from the swarms, at their own pace.
            p.communities.poll_if_due().await;
            // At the visible pace while any tab of the account is seen (this one may be hidden,
            // or another account's tab polling this one in the background).
            let hidden = p.platform.is_hidden() && !p.tabs.another_visible();
            let wait = poll_wait(hidden, self.failures.get());
            self.alarm.sleep(&*p.clock, wait).await;
        }
    }

    /// Polls now (the tab came back, the network is back, the relay's network became known).
    pub fn poll_now(&self) {
        self.alarm.wake();
    }

    /// Failed polls in a row.
    pub fn failures(&self) -> u32 {
        self.failures.get()
    }

    /// The blocked conversations, as stored (those blocked on another device included,
    /// listed or not): the senders whose messages the poller drops.
    pub async fn blocked(&self) -> Vec<ConversationRecord> {
        match self.parts.store.load_conversations().await {
            Ok(mut list) => {
                list.retain(|c| c.settings.blocked);
                list
            }
            Err(e) => {
                log::error(&format!("could not load blocked contacts: {e}"));
                Vec::new()
            }
        }
    }

    /// One poll and what follows from it.
    async fn poll_once(self: &Rc<Self>) {
        let p = &self.parts;
        let client = p.network.client();
        match client.poll().await {
            Ok(mut report) => {
                let recovered = self.failures.replace(0) > 0;
                // The settings first: the messages of the same poll may depend on them.
                let synced = p.configs.after_poll(&*client, &report).await;
                if let Some(profile) = synced.profile {
                    p.profile.adopt(profile);
                }
                if !synced.changed.is_empty() {
                    p.views.after_change(synced.changed).await;
                }
                // Each group's share of the poll; its messages join the poll's events.
                p.groups.after_poll(&*client, &mut report).await;
                self.store_poll(&*client, report).await;
                self.sweep().await;
                p.network.report(NetState::Online);
                let outbox = p.outbox.clone();
                if recovered {
                    wasm_bindgen_futures::spawn_local(async move { outbox.flush().await });
                } else {
                    wasm_bindgen_futures::spawn_local(async move { outbox.network_works().await });
                }
            }
            Err(e) => {
                self.failures.set(self.failures.get().saturating_add(1));
                log::warn(&format!("poll failed: {e}"));
                p.network.report(p.network.health_after(&e));
            }
        }
        p.network.update_path();
    }

    /// Removes the disappearing messages past their end (at most every [`SWEEP_MS`]), in the
    /// conversations that may hold some.
    async fn sweep(&self) {
        let p = &self.parts;
        let now = p.clock.now_ms();
        if self
            .last_sweep
            .get()
            .is_some_and(|t| now.saturating_sub(t) < SWEEP_MS)
        {
            return;
        }
        self.last_sweep.set(Some(now));
        let Ok(list) = p.store.load_conversations().await else {
            return;
        };
        for conv in list.iter().filter(|c| c.expiring) {
            let Ok(messages) = p.store.load_messages(&conv.id, SWEEP_PAGE).await else {
                continue;
            };
            let gone: Vec<Effect> = messages
                .iter()
                .filter(|m| expired(m, now))
                .map(|m| Effect::Remove { key: m.key() })
                .collect();
            if gone.is_empty() {
                continue;
            }
            let removed = p.store.apply_effects(&gone, None).await;
            p.storage.note(&removed);
            if removed.is_ok() {
                p.views.after_change(vec![conv.id.clone()]).await;
            }
        }
    }

    /// Typing indicators, and the messages that end them.
    fn hear_typing(&self, report: &PollReport) {
        let p = &self.parts;
        let mut wrote = Vec::new();
        for event in &report.events {
            match event {
                Event::Direct(Incoming::Typing { from, started, .. }) => {
                    p.typing.heard(from, *started);
                }
                Event::Direct(Incoming::Message(m)) if m.direction.is_incoming() => {
                    wrote.push(m.conversation());
                }
                _ => {}
            }
        }
        p.typing.messages_from(&wrote);
    }

    /// Stores a poll's messages, names and the client state in one transaction.
    async fn store_poll(&self, client: &dyn Engine, report: PollReport) {
        let p = &self.parts;
        let now = p.clock.now_ms();
        let (messages, names) = records_of(&report.events, now);
        self.hear_typing(&report);
        // Blocked senders' messages are dropped here, before storing and notifying; the
        // client state stored below still moves past their hashes. Read from storage, not
        // the list on screen: a contact blocked on another device may not be listed.
        let (messages, names, effects, timers) = if report.events.is_empty() {
            (messages, names, Vec::new(), Vec::new())
        } else {
            match p.store.load_conversations().await {
                Ok(list) => {
                    let blocked = blocked_ids(&list);
                    let known: Vec<_> = list.iter().map(|c| c.id.clone()).collect();
                    let me = p.profile.session_id();
                    let receipts = p.profile.privacy().read_receipts;
                    let effects = effects_of(&report.events, &me, &known, &blocked, receipts);
                    let (messages, names) = without_blocked(messages, names, &blocked);
                    let timers: Vec<_> = timer_changes(&report.events)
                        .into_iter()
                        .filter(|(c, _)| c.peer().is_none_or(|id| !blocked.contains(id)))
                        .collect();
                    (messages, names, effects, timers)
                }
                Err(e) => {
                    log::error(&format!("could not read who is blocked: {e}"));
                    p.storage.failed(&e);
                    if let Ok(Some(saved)) = p.store.load_client_state().await {
                        p.network.restart(saved);
                    }
                    return;
                }
            }
        };
        if !report.skipped.is_empty() {
            log::warn(&format!(
                "{} retrieved items were not messages for us",
                report.skipped.len()
            ));
        }
        let anything = !report.events.is_empty() || !report.skipped.is_empty();
        let due = self
            .last_state_save
            .get()
            .is_none_or(|t| now.saturating_sub(t) > STATE_SAVE_MS);
        if !anything && !due {
            return;
        }
        let state = client.state().to_json();
        match p
            .store
            .store_messages(&messages, &names, &effects, Some(&state))
            .await
        {
            Ok(batch) => {
                p.storage.worked();
                self.last_state_save.set(Some(now));
                let mut convs: Vec<_> = batch.conversations.iter().map(|c| c.id.clone()).collect();
                for c in &batch.applied.conversations {
                    if !convs.contains(c) {
                        convs.push(c.clone());
                    }
                }
                // A new disappearing-messages setting applies from now on.
                for (conv, setting) in timers {
                    let change = Box::new(move |s: &ConvSettings| set_expire(s, setting));
                    if let Err(e) = p.store.change_settings(&conv, change).await {
                        log::error(&format!("could not save a disappearing setting: {e}"));
                    } else if !convs.contains(&conv) {
                        convs.push(conv);
                    }
                }
                if !convs.is_empty() {
                    p.views.after_change(convs).await;
                    let news: Vec<_> = batch
                        .new_messages
                        .into_iter()
                        .filter(|m| m.timer_notice.is_none())
                        .collect();
                    p.notifications.notify_new(&news);
                }
                if !batch.applied.unsent_hashes.is_empty() {
                    // Best effort: a device linked later would otherwise fetch them again.
                    let hashes = batch.applied.unsent_hashes;
                    let network = p.network.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Err(e) = network.client().delete_own(&hashes).await {
                            log::warn(&format!("could not delete unsent messages: {e}"));
                        }
                    });
                }
            }
            Err(e) => {
                // Nothing of this poll was stored: go back to the saved state so the same
                // messages are fetched again.
                log::error(&format!("could not store received messages: {e}"));
                p.storage.failed(&e);
                if let Ok(Some(saved)) = p.store.load_client_state().await {
                    p.network.restart(saved);
                }
            }
        }
    }
}
