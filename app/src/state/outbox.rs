//! The outbox part. A message is encrypted once (`Engine::prepare`), written with its outbox
//! entry in one transaction (shown as sending), then delivered by the engine's flush
//! (`Client::flush_outbox`), which decides the order (oldest first), gives up on messages
//! whose lifetime has ended and stops trying once the network is found down. This part only
//! keeps the outbox ([`OutboxLog`], over storage) and shows each outcome.
//!
//! The outbox is flushed after a send is stored, when the tab starts polling, when polling
//! recovers, and on "retry". Messages that failed because the network was down wait for it:
//! the polling tab flushes them after its next successful poll, whichever tab they failed in
//! (another tab tells it), and backs off while they keep failing with polls working. After a
//! reload the same bytes are delivered again: the swarm keeps them once.

use session_core::client::{
    ClientError, Delivery, FlushReport, OutboxEntry, OutboxStore, Outgoing, TransportError,
};
use session_core::config::fields::Disappearing;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::control;
use session_core::message::expiration;
use session_core::message::MessageRef;
use session_core::proto::session::Content;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::conversation_settings::set_expire;
use super::disappearing::{effective, expiry_for};
use super::effects::Effect;
use super::network::Network;
use super::profile::Profile;
use super::storage_health::StorageHealth;
use super::tabs::Tabs;
use super::views::Views;
use crate::net::tabs::TabMessage;
use crate::ports::{Clock, Store};
use crate::storage::{
    ExpireSetting, MessageKey, MessageRecord, MessageStatus, OutboxRecord, QuoteRecord,
    StorageError,
};
use crate::t;
use crate::util::log;

/// How long a flush waits to learn which network the relay serves before the messages count
/// as failed.
pub const NETWORK_WAIT_MS: u64 = 10_000;

/// Messages waiting for the network that fail again although polls work are sent again after
/// this long, doubled each time up to [`RESUME_MAX_MS`].
pub const RESUME_FIRST_MS: u64 = 4_000;
/// The longest wait between those attempts.
pub const RESUME_MAX_MS: u64 = 5 * 60_000;

/// Messages that failed because the network was down, to send again once it works.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// Some are waiting.
    pub waiting: bool,
    /// Not before this time (ms).
    pub not_before: u64,
    /// The wait after the next failure (ms).
    pub next_wait: u64,
}

impl Waiting {
    /// After a flush at `now` that left messages waiting for the network (`down`) or not:
    /// the first attempt after a failure comes with the next sign of a working network, the
    /// following ones back off.
    pub fn after_flush(self, down: bool, now: u64) -> Waiting {
        if !down {
            return Waiting::default();
        }
        Waiting {
            waiting: true,
            not_before: now.saturating_add(self.next_wait),
            next_wait: (self.next_wait * 2).clamp(RESUME_FIRST_MS, RESUME_MAX_MS),
        }
    }

    /// Whether to flush now that the network works.
    pub fn due(self, now: u64) -> bool {
        self.waiting && now >= self.not_before
    }
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendError {
    /// Messages to this kind of conversation cannot be sent yet.
    Unsupported(ConversationId),
    /// It could not be encrypted.
    Prepare(ClientError),
    /// It could not be stored (nothing was sent).
    Save(StorageError),
    /// A chosen file could not be read (moved or deleted since it was chosen).
    Unreadable(String),
    /// Files cannot be sent to people met in communities from here yet.
    CommunityFiles,
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Unsupported(_) => f.write_str(&t!("chat-send-unsupported")),
            SendError::Prepare(e) => {
                f.write_str(&t!("chat-send-prepare-failed", reason = e.to_string()))
            }
            SendError::Save(e) => f.write_str(&t!("chat-send-save-failed", reason = e.to_string())),
            SendError::Unreadable(name) => {
                f.write_str(&t!("chat-send-unreadable", name = name.as_str()))
            }
            SendError::CommunityFiles => f.write_str(&t!("chat-send-community-files")),
        }
    }
}

impl std::error::Error for SendError {}

/// Why a message cannot be retried.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryError {
    /// It left the outbox (delivered by another tab, or expired).
    Gone,
    /// The outbox could not be read.
    Storage(StorageError),
}

impl fmt::Display for RetryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryError::Gone => f.write_str(&t!("chat-retry-gone")),
            RetryError::Storage(e) => {
                f.write_str(&t!("chat-retry-storage", reason = e.to_string()))
            }
        }
    }
}

impl std::error::Error for RetryError {}

/// The outbox in storage, as the engine's flush sees it ([`OutboxStore`]): each outcome is
/// recorded in one transaction (the message's status, the outbox entry, the conversation's
/// summary) and shown at once.
pub struct OutboxLog<'a> {
    me: SessionId,
    store: &'a dyn Store,
    views: &'a Views,
    storage: &'a StorageHealth,
    /// Entries by hash, as read by [`OutboxStore::pending`].
    keys: RefCell<HashMap<String, MessageKey>>,
}

impl fmt::Debug for OutboxLog<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutboxLog").finish_non_exhaustive()
    }
}

impl<'a> OutboxLog<'a> {
    /// The outbox of the account `me` in `store`, shown in `views`; `storage` hears how the
    /// writes went.
    pub fn new(
        me: SessionId,
        store: &'a dyn Store,
        views: &'a Views,
        storage: &'a StorageHealth,
    ) -> OutboxLog<'a> {
        OutboxLog {
            me,
            store,
            views,
            storage,
            keys: RefCell::new(HashMap::new()),
        }
    }
}

impl OutboxStore for OutboxLog<'_> {
    type Error = StorageError;

    async fn pending(&self) -> Result<Vec<OutboxEntry>, StorageError> {
        let records = self.store.load_outbox().await?;
        let mut keys = self.keys.borrow_mut();
        Ok(records
            .into_iter()
            // Another account's messages (stored before this one replaced it) are never
            // delivered under this account.
            .filter(|r| r.key.author == self.me)
            .map(|r| {
                keys.insert(r.outgoing.hash().to_owned(), r.key.clone());
                r.entry()
            })
            .collect())
    }

    async fn record(&self, entry: &OutboxEntry, delivery: &Delivery) -> Result<(), StorageError> {
        let key = self.keys.borrow().get(entry.hash()).cloned();
        // The engine only hands back entries it read through `pending`.
        let Some(key) = key else {
            log::error("outbox: an outcome for an entry that was not pending");
            return Ok(());
        };
        let (status, remove) = MessageStatus::after_delivery(entry, delivery);
        match delivery {
            Delivery::Sent(_) => {}
            Delivery::Expired => log::warn("outbox: a message expired before it could be sent"),
            Delivery::Failed(e) => log::warn(&format!("message not delivered yet: {e}")),
            _ => {}
        }
        let conv = key.conv.clone();
        let record = OutboxRecord::new(key, entry.clone());
        let stored = self.store.record_delivery(&record, status, remove).await;
        self.storage.note(&stored);
        self.views.after_change(vec![conv]).await;
        stored
    }
}

/// The outbox part.
pub struct Outbox {
    me: SessionId,
    store: Rc<dyn Store>,
    clock: Rc<dyn Clock>,
    network: Rc<Network>,
    views: Rc<Views>,
    profile: Rc<Profile>,
    tabs: Rc<Tabs>,
    storage: Rc<StorageHealth>,
    /// A flush is running.
    flushing: Cell<bool>,
    /// Another flush was asked for while one ran: it runs once more when done.
    again: Cell<bool>,
    /// Messages waiting for the network.
    waiting: Cell<Waiting>,
}

impl fmt::Debug for Outbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outbox")
            .field("flushing", &self.flushing.get())
            .finish_non_exhaustive()
    }
}

impl Outbox {
    /// The outbox of `profile`'s account, in this tab among `tabs`; `storage` hears how its
    /// writes went.
    pub fn new(
        store: Rc<dyn Store>,
        clock: Rc<dyn Clock>,
        network: Rc<Network>,
        views: Rc<Views>,
        profile: Rc<Profile>,
        tabs: Rc<Tabs>,
        storage: Rc<StorageHealth>,
    ) -> Outbox {
        Outbox {
            me: profile.session_id(),
            store,
            clock,
            network,
            views,
            profile,
            tabs,
            storage,
            flushing: Cell::new(false),
            again: Cell::new(false),
            waiting: Cell::new(Waiting::default()),
        }
    }

    /// Sends `text` to `conv`: encrypted and stored (as sending) before this returns, then
    /// delivered in the background.
    pub async fn send_text(
        self: &Rc<Self>,
        conv: &ConversationId,
        text: &str,
    ) -> Result<(), SendError> {
        self.send_reply(conv, text, None).await
    }

    /// [`Outbox::send_text`] as a reply to `quote` (when given).
    pub async fn send_reply(
        self: &Rc<Self>,
        conv: &ConversationId,
        text: &str,
        quote: Option<QuoteRecord>,
    ) -> Result<(), SendError> {
        let to = conv
            .direct_recipient(&self.me)
            .ok_or_else(|| SendError::Unsupported(conv.clone()))?;
        // Replying to a request accepts it.
        self.accept_if_request(conv).await?;
        let mut content = ContentBuilder::text(text);
        if let Some(q) = quote {
            content = content.reply_to(&MessageRef::new(q.author, q.ts));
        }
        let mode = self.disappearing(conv);
        if let Some(profile) = self.profile.outgoing() {
            content = content.profile(&profile);
        }
        let mut content = content.build();
        expiration::stamp(&mut content, mode);
        let out = self
            .network
            .client()
            .prepare(&to, content)
            .map_err(SendError::Prepare)?
            .disappearing(mode);
        let msg = MessageRecord {
            quote,
            expire: expiry_for(mode, conv, true, out.timestamp_ms(), None),
            ..self.sending(conv, &out, text.to_owned())
        };
        self.enqueue(msg, out).await
    }

    /// The record of `out`, ours to `conv`, as it shows while being sent.
    fn sending(&self, conv: &ConversationId, out: &Outgoing, text: String) -> MessageRecord {
        MessageRecord {
            hash: Some(out.hash().to_owned()),
            ..MessageRecord::new(
                conv.clone(),
                self.me,
                out.timestamp_ms(),
                text,
                true,
                MessageStatus::Sending,
                self.clock.now_ms(),
            )
        }
    }

    /// Writes `msg` with the outbox entry of `out` in one transaction, shows it, and delivers
    /// it in the background.
    async fn enqueue(self: &Rc<Self>, msg: MessageRecord, out: Outgoing) -> Result<(), SendError> {
        let entry = OutboxRecord::new(msg.key(), OutboxEntry::new(out, msg.stored_ms));
        let stored = self.store.store_outgoing(&msg, Some(&entry)).await;
        self.storage.note(&stored);
        stored.map_err(SendError::Save)?;
        self.views.after_change(vec![msg.conv.clone()]).await;
        self.views.scroll_to_end();
        let outbox = self.clone();
        wasm_bindgen_futures::spawn_local(async move { outbox.flush().await });
        Ok(())
    }

    /// The disappearing-messages setting of `conv`, as it applies there.
    pub fn disappearing(&self, conv: &ConversationId) -> Disappearing {
        let setting = self
            .views
            .summary(conv)
            .map(|c| c.settings.expire)
            .unwrap_or_default();
        effective(setting.disappearing(), conv)
    }

    /// Sets the disappearing-messages setting of `conv` and announces it (as the official apps
    /// do: a timer-update message, with a notice in the chat, synced to our other devices).
    pub async fn send_timer(
        self: &Rc<Self>,
        conv: &ConversationId,
        mode: Disappearing,
    ) -> Result<(), SendError> {
        let to = conv
            .direct_recipient(&self.me)
            .ok_or_else(|| SendError::Unsupported(conv.clone()))?;
        let mode = effective(mode, conv);
        let setting = ExpireSetting::of(mode);
        let changed = self
            .store
            .change_settings(conv, Box::new(move |s| set_expire(s, setting)))
            .await;
        self.storage.note(&changed);
        changed.map_err(SendError::Save)?;
        let out = self
            .network
            .client()
            .prepare(&to, expiration::timer_update(mode))
            .map_err(SendError::Prepare)?;
        let notice = MessageRecord {
            timer_notice: Some(setting),
            ..self.sending(conv, &out, String::new())
        };
        self.enqueue(notice, out).await
    }

    /// Accepts `conv` when it is a message request (messaging.md §5.5): stored as accepted,
    /// and the acceptance, with our profile, sent to the contact before anything else we
    /// send there. Nothing happens for other conversations.
    pub async fn accept_if_request(
        self: &Rc<Self>,
        conv: &ConversationId,
    ) -> Result<(), SendError> {
        let is_request = match self.store.load_conversation(conv).await {
            Ok(c) => c.is_some_and(|c| c.request),
            Err(e) => return Err(SendError::Save(e)),
        };
        if !is_request {
            return Ok(());
        }
        let stored = self.store.accept_request(conv).await;
        self.storage.note(&stored);
        stored.map_err(SendError::Save)?;
        let profile = self.profile.outgoing();
        self.send_effect(conv, control::accept_request(profile.as_ref()), &[])
            .await
    }

    /// Sends a message that acts on others (a reaction, an unsend) to `conv` through the
    /// outbox, stored in one transaction with what it does here (`effects`), then delivered
    /// in the background. It is shown only through its effects.
    pub async fn send_effect(
        self: &Rc<Self>,
        conv: &ConversationId,
        content: Content,
        effects: &[Effect],
    ) -> Result<(), SendError> {
        let to = conv
            .direct_recipient(&self.me)
            .ok_or_else(|| SendError::Unsupported(conv.clone()))?;
        let out = self
            .network
            .client()
            .prepare(&to, content)
            .map_err(SendError::Prepare)?;
        let key = MessageKey {
            conv: conv.clone(),
            ts: out.timestamp_ms(),
            author: self.me,
        };
        let entry = OutboxRecord::new(key, OutboxEntry::new(out, self.clock.now_ms()));
        let stored = self.store.apply_effects(effects, Some(&entry)).await;
        self.storage.note(&stored);
        stored.map_err(SendError::Save)?;
        self.views.after_change(vec![conv.clone()]).await;
        let outbox = self.clone();
        wasm_bindgen_futures::spawn_local(async move { outbox.flush().await });
        Ok(())
    }

    /// Retries a failed message: it is shown as sending again and the outbox is flushed.
    pub async fn retry(self: &Rc<Self>, key: &MessageKey) -> Result<(), RetryError> {
        let entries = self
            .store
            .load_outbox()
            .await
            .map_err(RetryError::Storage)?;
        let entry = entries
            .into_iter()
            .find(|e| e.key == *key)
            .ok_or(RetryError::Gone)?;
        self.show_sending(&[entry]).await;
        self.flush().await;
        Ok(())
    }

    /// Delivers the outbox (see the module documentation). A flush asked for while one runs
    /// runs after it.
    pub async fn flush(&self) {
        if self.flushing.replace(true) {
            self.again.set(true);
            return;
        }
        loop {
            let down = self.flush_once().await;
            let now = self.clock.now_ms();
            self.waiting.set(self.waiting.get().after_flush(down, now));
            if down && !self.tabs.is_leader() {
                // The polling tab learns first that the network is back.
                self.tabs.post(&TabMessage::Waiting);
            }
            if !self.again.replace(false) {
                break;
            }
        }
        self.flushing.set(false);
    }

    /// The network works (a poll succeeded): messages that failed while it was down are
    /// sent again, unless they have just failed again with it working.
    pub async fn network_works(&self) {
        if self.waiting.get().due(self.clock.now_ms()) {
            self.flush().await;
        }
    }

    /// Another tab has messages waiting for the network.
    pub fn note_waiting(&self) {
        let mut w = self.waiting.get();
        w.waiting = true;
        self.waiting.set(w);
    }

    /// One pass over the outbox; `true` when messages are left waiting for the network.
    async fn flush_once(&self) -> bool {
        let pending = match self.store.load_outbox().await {
            Ok(mut p) => {
                p.retain(|e| e.key.author == self.me);
                p
            }
            Err(e) => {
                log::error(&format!("could not read the outbox: {e}"));
                return false;
            }
        };
        if pending.is_empty() {
            return false;
        }
        let log = OutboxLog::new(self.me, &*self.store, &self.views, &self.storage);
        if !self.network.wait_known(Some(NETWORK_WAIT_MS)).await {
            // Without the relay's network no client can deliver: failed, to be retried.
            let down = ClientError::Transport(TransportError::Unreachable);
            self.network.report(self.network.health_after(&down));
            let failed = Delivery::Failed(down);
            let result = async {
                log.pending().await?;
                for entry in &pending {
                    log.record(&entry.entry(), &failed).await?;
                }
                Ok::<_, StorageError>(())
            }
            .await;
            if let Err(e) = result {
                log::error(&format!("could not record a delivery: {e}"));
            }
            return true;
        }
        self.show_sending(&pending).await;
        match self.network.client().flush(&log).await {
            Ok(report) => self.show_health(&report),
            Err(e) => {
                log::error(&format!("could not record a delivery: {e}"));
                false
            }
        }
    }

    /// Shows the entries not yet in the recipient's swarm as sending.
    async fn show_sending(&self, entries: &[OutboxRecord]) {
        let mut convs: Vec<ConversationId> = Vec::new();
        for entry in entries.iter().filter(|e| !e.outgoing.is_sent()) {
            let stored = self
                .store
                .record_delivery(entry, MessageStatus::Sending, false)
                .await;
            self.storage.note(&stored);
            if let Err(e) = stored {
                log::error(&format!("could not record a delivery: {e}"));
            }
            if !convs.contains(&entry.key.conv) {
                convs.push(entry.key.conv.clone());
            }
        }
        if !convs.is_empty() {
            self.views.after_change(convs).await;
        }
    }

    /// The banner follows the first failure that says the network is down; `true` when
    /// there was one (those messages wait for the network).
    fn show_health(&self, report: &FlushReport) -> bool {
        let down = report.outcomes.iter().find_map(|(_, d)| match d {
            Delivery::Failed(e) if !e.is_specific_to_request() => Some(e),
            _ => None,
        });
        if let Some(e) = down {
            self.network.report(self.network.health_after(e));
        }
        down.is_some()
    }
}
