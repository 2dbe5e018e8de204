//! Test doubles of the ports: a simulated clock whose timers fire when the test advances
//! virtual time, storage in memory, a scriptable browser, relay and client engine; and a
//! [`World`] that builds a session over them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use js_sys::Promise;
use rand_core::OsRng;
use session_core::attachment::file_server::{FileServer, FileServerError, Uploaded};
use session_core::attachment::url::{FileId, FileUrl};
use session_core::client::{
    Client, ClientError, ClientState, Config, Delivery, Env, Event, FlushReport, HttpReply,
    NodeRecord, OutboxStore, Outgoing, PollReport, RetrievedBatch, SendReport, SyncStatus,
    Transport, TransportError,
};
use session_core::config::{AccountConfigs, Domain, PendingPush};
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_core::proto::session::Content;
use session_core::rpc::response::RetrievedMessage;
use session_web::net::info::{InfoError, NetworkKind, RelayInfo};
use session_web::net::tabs::TabMessage;
use session_web::net::{BrowserEnv, FetchTransport};
use session_web::ports::{
    Boxed, CachedFile, Clock, ConfigDumps, Engine, Engines, FileStore, FileUsage, Platform, Ports,
    Relay, SettingsChange, Store, Stored, TabChannel,
};
use session_web::state::effects::{self, Effect};
use session_web::state::outbox::OutboxLog;
use session_web::state::session::Session;
use session_web::storage::repo::{Applied, NameUpdate, StoredBatch};
use session_web::storage::{
    CommunityRecord, ConversationRecord, GroupRecord, MessageKey, MessageRecord, MessageStatus,
    OutboxRecord, ProfileRecord, StorageError, StoredData, SyncedConversation,
};
use session_web::util::browser::NotifyPermission;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen_futures::JsFuture;

/// 2023-11-14, a plausible time.
pub const START_MS: u64 = 1_700_000_000_000;

/// Lets every task that can run, run: spawned tasks run in microtasks, which all finish
/// before a macrotask (a zero `setTimeout`). The doubles never wait on the real browser.
pub async fn settle() {
    for _ in 0..3 {
        let p = Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        JsFuture::from(p).await.unwrap();
    }
}

// ---- clock ----------------------------------------------------------------------------------

#[derive(Default)]
struct Timer {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

#[derive(Default)]
struct SimInner {
    now: Cell<u64>,
    timers: RefCell<Vec<(u64, Rc<Timer>)>>,
}

/// Virtual time: a sleep ends when [`SimClock::advance`] passes its deadline, at once in
/// real time.
#[derive(Clone)]
pub struct SimClock(Rc<SimInner>);

impl SimClock {
    pub fn new() -> SimClock {
        let inner = SimInner::default();
        inner.now.set(START_MS);
        SimClock(Rc::new(inner))
    }

    pub fn now(&self) -> u64 {
        self.0.now.get()
    }

    /// Moves time forward by `ms`, firing every timer on the way in order and letting what
    /// it wakes run (and set new timers) before the next.
    pub async fn advance(&self, ms: u64) {
        let target = self.now() + ms;
        loop {
            settle().await;
            let next = self
                .0
                .timers
                .borrow()
                .iter()
                .filter(|(at, t)| *at <= target && !t.fired.get())
                .map(|(at, _)| *at)
                .min();
            let Some(at) = next else { break };
            self.0.now.set(at.max(self.now()));
            let due: Vec<Rc<Timer>> = {
                let mut timers = self.0.timers.borrow_mut();
                let due = timers
                    .iter()
                    .filter(|(t, _)| *t <= at)
                    .map(|(_, t)| t.clone())
                    .collect();
                timers.retain(|(t, _)| *t > at);
                due
            };
            for t in due {
                t.fired.set(true);
                if let Some(w) = t.waker.borrow_mut().take() {
                    w.wake();
                }
            }
        }
        self.0.now.set(target);
        settle().await;
    }
}

struct Sleep(Rc<Timer>);

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.fired.get() {
            return Poll::Ready(());
        }
        *self.0.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Clock for SimClock {
    fn now_ms(&self) -> u64 {
        self.now()
    }

    fn sleep(&self, ms: u64) -> Boxed<'static, ()> {
        let timer = Rc::new(Timer::default());
        if ms == 0 {
            timer.fired.set(true);
        } else {
            self.0
                .timers
                .borrow_mut()
                .push((self.now() + ms, timer.clone()));
        }
        Box::pin(Sleep(timer))
    }
}

impl Env for SimClock {
    fn now_ms(&self) -> u64 {
        self.now()
    }

    async fn sleep(&self, ms: u64) {
        Clock::sleep(self, ms).await
    }
}

// ---- storage --------------------------------------------------------------------------------

/// Storage in memory, with the same rules as IndexedDB's (the records' own logic is shared).
#[derive(Default)]
pub struct MemoryStore {
    pub identity: RefCell<Option<Identity>>,
    /// The account record is there but cannot be read.
    pub identity_unreadable: Cell<bool>,
    /// The Session ID kept beside the account.
    pub account: Cell<Option<SessionId>>,
    pub profile: RefCell<Option<ProfileRecord>>,
    pub network: Cell<Option<NetworkKind>>,
    pub client_state: RefCell<Option<String>>,
    pub conversations: RefCell<BTreeMap<ConversationId, ConversationRecord>>,
    pub messages: RefCell<BTreeMap<MessageKey, MessageRecord>>,
    pub outbox: RefCell<BTreeMap<MessageKey, OutboxRecord>>,
    /// The next this many batch writes fail (and store nothing).
    pub failing_batches: Cell<u32>,
    /// Failing writes fail because the storage is full.
    pub full: Cell<bool>,
    /// The next this many writes of a message we send fail (and store nothing).
    pub failing_outgoing: Cell<u32>,
    /// The user configs' dumps, by namespace.
    pub configs: RefCell<BTreeMap<i16, Vec<u8>>>,
    /// The groups' records, by group ID.
    pub groups: RefCell<BTreeMap<String, GroupRecord>>,
    /// How many times the account's settings were applied to the summaries.
    pub applied_syncs: Cell<u32>,
    /// The community rooms' records.
    pub communities: RefCell<Vec<CommunityRecord>>,
    /// Attachments' bytes.
    pub kept_files: Rc<MemoryFiles>,
}

/// The files store in memory: key → (bytes, type).
#[derive(Default)]
pub struct MemoryFiles {
    pub files: RefCell<BTreeMap<String, (Vec<u8>, String)>>,
}

impl FileStore for MemoryFiles {
    fn get<'a>(&'a self, key: &'a str) -> Boxed<'a, Stored<Option<CachedFile>>> {
        ready(Ok(self.files.borrow().get(key).map(|(data, mime)| {
            CachedFile {
                blob: session_web::storage::files::blob_of(data, mime).unwrap(),
                mime: mime.clone(),
                size: data.len() as u64,
            }
        })))
    }
    fn put<'a>(
        &'a self,
        key: &'a str,
        data: &'a [u8],
        mime: &'a str,
        _now_ms: u64,
    ) -> Boxed<'a, Stored<()>> {
        self.files
            .borrow_mut()
            .insert(key.to_owned(), (data.to_vec(), mime.to_owned()));
        ready(Ok(()))
    }
    fn usage(&self) -> Boxed<'_, Stored<FileUsage>> {
        let files = self.files.borrow();
        ready(Ok(FileUsage {
            files: files.len() as u64,
            bytes: files.values().map(|(d, _)| d.len() as u64).sum(),
        }))
    }
    fn clear<'a>(&'a self, keep: &'a [String]) -> Boxed<'a, Stored<()>> {
        self.files.borrow_mut().retain(|k, _| keep.contains(k));
        ready(Ok(()))
    }
}

fn ready<'a, T: 'a>(value: T) -> Boxed<'a, T> {
    Box::pin(std::future::ready(value))
}

impl MemoryStore {
    /// Why a failing write fails.
    fn write_error(&self) -> StorageError {
        if self.full.get() {
            StorageError::Full
        } else {
            StorageError::Db("the disk is busy".into())
        }
    }

    /// The rules of `repo::save_identity` (the caller checks readability).
    fn write_identity(&self, identity: &Identity) -> Stored<()> {
        let id = identity.session_id();
        let stored = self.identity.borrow().as_ref().map(Identity::session_id);
        if self.account.get().is_some_and(|a| a != id) || stored.is_some_and(|s| s != id) {
            return Err(StorageError::AccountStored);
        }
        *self.identity.borrow_mut() = Some(identity.clone());
        self.account.set(Some(id));
        Ok(())
    }

    pub fn message(&self, key: &MessageKey) -> Option<MessageRecord> {
        self.messages.borrow().get(key).cloned()
    }

    pub fn conversation(&self, id: &ConversationId) -> Option<ConversationRecord> {
        self.conversations.borrow().get(id).cloned()
    }

    pub fn outbox_entry(&self, key: &MessageKey) -> Option<OutboxRecord> {
        self.outbox.borrow().get(key).cloned()
    }

    /// The messages of `conv`, oldest first.
    pub fn messages_of(&self, conv: &ConversationId) -> Vec<MessageRecord> {
        self.messages
            .borrow()
            .values()
            .filter(|m| m.conv == *conv)
            .cloned()
            .collect()
    }

    /// The only message of `conv`.
    pub fn only_message(&self, conv: &ConversationId) -> MessageRecord {
        let all = self.messages_of(conv);
        assert_eq!(all.len(), 1, "{all:?}");
        all[0].clone()
    }
}

impl MemoryStore {
    /// Effects as the IndexedDB store applies them: the same plan, the same summaries.
    fn apply(&self, effects: &[Effect]) -> Applied {
        let stored: BTreeMap<MessageKey, MessageRecord> = {
            let all = self.messages.borrow();
            effects
                .iter()
                .flat_map(|e| e.keys())
                .filter_map(|k| all.get(k).map(|m| (k.clone(), m.clone())))
                .collect()
        };
        let plan = effects::plan(effects, &stored);
        let mut convs: Vec<ConversationId> = Vec::new();
        for edit in &plan.edits {
            let key = edit.before.key();
            match &edit.after {
                Some(m) => {
                    self.messages.borrow_mut().insert(key.clone(), m.clone());
                }
                None => {
                    self.messages.borrow_mut().remove(&key);
                }
            }
            if !convs.contains(&key.conv) {
                convs.push(key.conv.clone());
            }
        }
        for f in &plan.files {
            self.kept_files.files.borrow_mut().remove(f);
        }
        for conv in &convs {
            let newest = self.messages_of(conv).into_iter().max_by_key(|m| m.key());
            if let Some(summary) = self.conversations.borrow_mut().get_mut(conv) {
                for edit in plan.edits.iter().filter(|e| e.before.conv == *conv) {
                    summary.after_edit(&edit.before, edit.after.as_ref(), newest.as_ref());
                }
            }
        }
        Applied {
            conversations: convs,
            unsent_hashes: plan.unsent_hashes,
        }
    }
}

impl Store for MemoryStore {
    fn files(&self) -> Rc<dyn FileStore> {
        self.kept_files.clone()
    }
    fn load_identity(&self) -> Boxed<'_, Stored<Option<Identity>>> {
        if self.identity_unreadable.get() {
            return ready(Err(StorageError::UnreadableAccount));
        }
        ready(Ok(self.identity.borrow().clone()))
    }
    fn save_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>> {
        if self.identity_unreadable.get() {
            return ready(Err(StorageError::UnreadableAccount));
        }
        ready(self.write_identity(identity))
    }
    fn repair_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>> {
        let written = self.write_identity(identity);
        if written.is_ok() {
            self.identity_unreadable.set(false);
        }
        ready(written)
    }
    fn stored_data(&self) -> Boxed<'_, Stored<StoredData>> {
        let owner = self
            .account
            .get()
            .or_else(|| self.outbox.borrow().keys().next().map(|k| k.author));
        ready(Ok(StoredData {
            owner,
            conversations: self.conversations.borrow().len(),
            waiting: self.outbox.borrow().len(),
        }))
    }
    fn load_profile(&self) -> Boxed<'_, Stored<Option<ProfileRecord>>> {
        ready(Ok(self.profile.borrow().clone()))
    }
    fn save_profile<'a>(&'a self, profile: &'a ProfileRecord) -> Boxed<'a, Stored<()>> {
        *self.profile.borrow_mut() = Some(profile.clone());
        ready(Ok(()))
    }
    fn load_network(&self) -> Boxed<'_, Stored<Option<NetworkKind>>> {
        ready(Ok(self.network.get()))
    }
    fn save_network(&self, network: NetworkKind) -> Boxed<'_, Stored<()>> {
        self.network.set(Some(network));
        ready(Ok(()))
    }
    fn load_client_state(&self) -> Boxed<'_, Stored<Option<ClientState>>> {
        let state = self
            .client_state
            .borrow()
            .as_deref()
            .and_then(|s| ClientState::from_json(s).ok());
        ready(Ok(state))
    }
    fn load_conversations(&self) -> Boxed<'_, Stored<Vec<ConversationRecord>>> {
        ready(Ok(self.conversations.borrow().values().cloned().collect()))
    }
    fn load_conversation<'a>(
        &'a self,
        id: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        ready(Ok(self.conversation(id)))
    }
    fn load_messages<'a>(
        &'a self,
        conv: &'a ConversationId,
        limit: u32,
    ) -> Boxed<'a, Stored<Vec<MessageRecord>>> {
        let all = self.messages_of(conv);
        let skip = all.len().saturating_sub(limit as usize);
        ready(Ok(all.into_iter().skip(skip).collect()))
    }
    fn store_outgoing<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<ConversationRecord>> {
        if self.failing_outgoing.get() > 0 {
            self.failing_outgoing.set(self.failing_outgoing.get() - 1);
            return ready(Err(self.write_error()));
        }
        self.messages.borrow_mut().insert(msg.key(), msg.clone());
        if let Some(entry) = entry {
            self.outbox.borrow_mut().insert(msg.key(), entry.clone());
        }
        let mut convs = self.conversations.borrow_mut();
        let conv = convs
            .entry(msg.conv.clone())
            .or_insert_with(|| ConversationRecord::new(msg.conv.clone()));
        conv.absorb(msg);
        ready(Ok(conv.clone()))
    }
    fn save_message<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<()>> {
        self.messages.borrow_mut().insert(msg.key(), msg.clone());
        if let Some(entry) = entry {
            self.outbox.borrow_mut().insert(msg.key(), entry.clone());
        }
        if let Some(c) = self.conversations.borrow_mut().get_mut(&msg.conv) {
            c.apply_status(&msg.key(), msg.status);
        }
        ready(Ok(()))
    }
    fn load_outbox(&self) -> Boxed<'_, Stored<Vec<OutboxRecord>>> {
        ready(Ok(self.outbox.borrow().values().cloned().collect()))
    }
    fn record_delivery<'a>(
        &'a self,
        entry: &'a OutboxRecord,
        status: MessageStatus,
        remove: bool,
    ) -> Boxed<'a, Stored<()>> {
        if let Some(m) = self.messages.borrow_mut().get_mut(&entry.key) {
            m.status = status;
            m.hash = Some(entry.outgoing.hash().to_owned());
            m.own_hash = match entry.outgoing.sync_hash() {
                Some(h) => Some(h.to_owned()),
                None if m.conv == ConversationId::NoteToSelf => m.hash.clone(),
                None => None,
            };
        }
        if remove {
            self.outbox.borrow_mut().remove(&entry.key);
        } else {
            self.outbox
                .borrow_mut()
                .insert(entry.key.clone(), entry.clone());
        }
        if let Some(c) = self.conversations.borrow_mut().get_mut(&entry.key.conv) {
            c.apply_status(&entry.key, status);
        }
        ready(Ok(()))
    }
    fn store_messages<'a>(
        &'a self,
        messages: &'a [MessageRecord],
        names: &'a [NameUpdate],
        effects: &'a [Effect],
        client_state: Option<&'a str>,
    ) -> Boxed<'a, Stored<StoredBatch>> {
        if self.failing_batches.get() > 0 {
            self.failing_batches.set(self.failing_batches.get() - 1);
            return ready(Err(self.write_error()));
        }
        let mut seen = HashSet::new();
        let fresh: Vec<MessageRecord> = messages
            .iter()
            .filter(|m| !self.messages.borrow().contains_key(&m.key()) && seen.insert(m.key()))
            .cloned()
            .collect();
        for m in &fresh {
            self.messages.borrow_mut().insert(m.key(), m.clone());
        }
        let refs: Vec<&MessageRecord> = fresh.iter().collect();
        let mut changed = Vec::new();
        for (id, (msgs, names)) in NameUpdate::group(&refs, names) {
            let old = self.conversation(&id);
            if let Some(c) = ConversationRecord::received(&id, old, &msgs, &names) {
                self.conversations.borrow_mut().insert(id, c.clone());
                changed.push(c);
            }
        }
        let applied = self.apply(effects);
        if let Some(s) = client_state {
            *self.client_state.borrow_mut() = Some(s.to_owned());
        }
        ready(Ok(StoredBatch {
            new_messages: fresh,
            conversations: changed,
            applied,
        }))
    }
    fn apply_effects<'a>(
        &'a self,
        effects: &'a [Effect],
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<Applied>> {
        if self.failing_outgoing.get() > 0 {
            self.failing_outgoing.set(self.failing_outgoing.get() - 1);
            return ready(Err(self.write_error()));
        }
        let applied = self.apply(effects);
        if let Some(entry) = entry {
            self.outbox
                .borrow_mut()
                .insert(entry.key.clone(), entry.clone());
        }
        ready(Ok(applied))
    }
    fn accept_request<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        let mut convs = self.conversations.borrow_mut();
        let c = convs
            .entry(conv.clone())
            .or_insert_with(|| ConversationRecord::new(conv.clone()));
        c.accept();
        ready(Ok(Some(c.clone())))
    }
    fn clear_conversation<'a>(
        &'a self,
        conv: &'a ConversationId,
        hide: bool,
    ) -> Boxed<'a, Stored<()>> {
        let gone: Vec<MessageKey> = self
            .messages
            .borrow()
            .keys()
            .filter(|k| k.conv == *conv)
            .cloned()
            .collect();
        for k in &gone {
            if let Some(m) = self.messages.borrow_mut().remove(k) {
                for f in effects::files_of(&m) {
                    self.kept_files.files.borrow_mut().remove(&f);
                }
            }
        }
        self.outbox.borrow_mut().retain(|k, _| k.conv != *conv);
        if let Some(c) = self.conversations.borrow_mut().get_mut(conv) {
            c.clear(hide);
        }
        ready(Ok(()))
    }
    fn mark_read<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        let mut convs = self.conversations.borrow_mut();
        let rec = convs.get_mut(conv).map(|c| {
            c.mark_read();
            c.clone()
        });
        ready(Ok(rec))
    }
    fn change_settings<'a>(
        &'a self,
        conv: &'a ConversationId,
        change: SettingsChange<'a>,
    ) -> Boxed<'a, Stored<bool>> {
        let mut convs = self.conversations.borrow_mut();
        let rec = convs
            .entry(conv.clone())
            .or_insert_with(|| ConversationRecord::new(conv.clone()));
        let next = change(&rec.settings);
        let changed = next != rec.settings;
        rec.settings = next;
        ready(Ok(changed))
    }
    fn load_configs(&self) -> Boxed<'_, Stored<ConfigDumps>> {
        ready(Ok(self
            .configs
            .borrow()
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect()))
    }
    fn save_configs<'a>(&'a self, dumps: &'a [(i16, Vec<u8>)]) -> Boxed<'a, Stored<()>> {
        for (ns, d) in dumps {
            self.configs.borrow_mut().insert(*ns, d.clone());
        }
        ready(Ok(()))
    }
    fn load_groups(&self) -> Boxed<'_, Stored<Vec<GroupRecord>>> {
        ready(Ok(self.groups.borrow().values().cloned().collect()))
    }
    fn save_group<'a>(&'a self, group: &'a GroupRecord) -> Boxed<'a, Stored<()>> {
        self.groups
            .borrow_mut()
            .insert(group.id.clone(), group.clone());
        ready(Ok(()))
    }
    fn delete_group<'a>(&'a self, group: &'a GroupRecord) -> Boxed<'a, Stored<()>> {
        self.groups.borrow_mut().remove(&group.id);
        ready(Ok(()))
    }
    fn load_communities(&self) -> Boxed<'_, Stored<Vec<CommunityRecord>>> {
        ready(Ok(self.communities.borrow().clone()))
    }
    fn save_communities<'a>(&'a self, rooms: &'a [CommunityRecord]) -> Boxed<'a, Stored<()>> {
        *self.communities.borrow_mut() = rooms.to_vec();
        ready(Ok(()))
    }
    fn apply_synced<'a>(
        &'a self,
        synced: &'a [SyncedConversation],
    ) -> Boxed<'a, Stored<Vec<ConversationRecord>>> {
        self.applied_syncs.set(self.applied_syncs.get() + 1);
        let mut changed = Vec::new();
        for sync in synced {
            let old = self.conversation(&sync.conv);
            if old.is_none() && !sync.makes_summary() {
                continue;
            }
            let created = old.is_none();
            let mut rec = old.unwrap_or_else(|| ConversationRecord::new(sync.conv.clone()));
            let messages = self.messages_of(&sync.conv);
            let unread_after = |read: u64| {
                messages
                    .iter()
                    .filter(|m| !m.outgoing && m.ts > read)
                    .count() as u32
            };
            if rec.apply_synced(sync, unread_after) || created {
                self.conversations
                    .borrow_mut()
                    .insert(sync.conv.clone(), rec.clone());
                changed.push(rec);
            }
        }
        ready(Ok(changed))
    }
    fn wipe(&self) -> Boxed<'_, Stored<()>> {
        *self.identity.borrow_mut() = None;
        self.identity_unreadable.set(false);
        self.account.set(None);
        *self.profile.borrow_mut() = None;
        self.conversations.borrow_mut().clear();
        self.messages.borrow_mut().clear();
        self.outbox.borrow_mut().clear();
        ready(Ok(()))
    }
}

// ---- browser, tabs, relay -------------------------------------------------------------------

/// A notification shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub body: String,
    pub tag: String,
    pub hash: String,
}

type Waiting = Vec<(String, Box<dyn FnOnce()>)>;

/// The browser: visibility and connectivity set by the test; notifications and locks
/// recorded (a lock is granted to the first asker, then in turn as holders release it).
pub struct FakePlatform {
    pub hidden: Cell<bool>,
    pub online: Cell<bool>,
    pub notes: RefCell<Vec<Note>>,
    pub restarted: Cell<bool>,
    held: RefCell<HashSet<String>>,
    waiting: RefCell<Waiting>,
}

impl Default for FakePlatform {
    fn default() -> Self {
        FakePlatform {
            hidden: Cell::new(false),
            online: Cell::new(true),
            notes: RefCell::default(),
            restarted: Cell::new(false),
            held: RefCell::default(),
            waiting: RefCell::default(),
        }
    }
}

impl FakePlatform {
    /// The holder of `name` goes away: the next asker gets it.
    pub fn release(&self, name: &str) {
        self.held.borrow_mut().remove(name);
        let next = {
            let mut waiting = self.waiting.borrow_mut();
            waiting
                .iter()
                .position(|(n, _)| n == name)
                .map(|i| waiting.remove(i))
        };
        if let Some((name, f)) = next {
            self.held.borrow_mut().insert(name);
            f();
        }
    }
}

impl Platform for FakePlatform {
    fn is_hidden(&self) -> bool {
        self.hidden.get()
    }
    fn is_online(&self) -> bool {
        self.online.get()
    }
    fn notification_permission(&self) -> NotifyPermission {
        NotifyPermission::Granted
    }
    fn notify(&self, title: &str, body: &str, tag: &str, hash: &str) {
        self.notes.borrow_mut().push(Note {
            title: title.into(),
            body: body.into(),
            tag: tag.into(),
            hash: hash.into(),
        });
    }
    fn hold_lock(&self, name: &str, on_acquired: Box<dyn FnOnce()>) -> bool {
        if self.held.borrow_mut().insert(name.to_owned()) {
            on_acquired();
        } else {
            self.waiting
                .borrow_mut()
                .push((name.to_owned(), on_acquired));
        }
        true
    }
    fn restart(&self) {
        self.restarted.set(true);
    }
}

/// The other tabs: what this tab posted.
#[derive(Default)]
pub struct FakeChannel {
    pub posted: RefCell<Vec<TabMessage>>,
}

impl FakeChannel {
    /// The network states posted, in order.
    pub fn net_states(&self) -> Vec<String> {
        self.posted
            .borrow()
            .iter()
            .filter_map(|m| match m {
                TabMessage::Net { state } => Some(state.clone()),
                _ => None,
            })
            .collect()
    }
}

impl TabChannel for FakeChannel {
    fn post(&self, msg: &TabMessage) {
        self.posted.borrow_mut().push(msg.clone());
    }
}

/// The relay: scripted answers to `/relay/v1/info` (then "unreachable"), with their times.
pub struct FakeRelay {
    clock: SimClock,
    pub infos: RefCell<VecDeque<Result<RelayInfo, InfoError>>>,
    pub asked_at: RefCell<Vec<u64>>,
    pub answered: Cell<Option<bool>>,
}

impl Relay for FakeRelay {
    fn info(&self) -> Boxed<'_, Result<RelayInfo, InfoError>> {
        self.asked_at.borrow_mut().push(self.clock.now());
        let next = self
            .infos
            .borrow_mut()
            .pop_front()
            .unwrap_or(Err(InfoError::Unreachable));
        ready(next)
    }
    fn answered(&self) -> Option<bool> {
        self.answered.get()
    }
}

pub fn local_info() -> Result<RelayInfo, InfoError> {
    Ok(RelayInfo {
        network: NetworkKind::Local,
        file_server: Ok(None),
        communities: Vec::new(),
    })
}

// ---- client engine --------------------------------------------------------------------------

/// A client of `identity` that prepares messages; its requests go to a closed port.
pub fn offline_client(identity: Identity) -> Client<FetchTransport, BrowserEnv, OsRng> {
    Client::new(
        identity,
        FetchTransport::new("http://127.0.0.1:9"),
        BrowserEnv,
        OsRng,
        ClientState::new(),
        Config::local_network(),
    )
}

/// A transport to nowhere: every request fails as if the relay were down.
pub struct DeadTransport;

impl Transport for DeadTransport {
    async fn send_onion(&self, _: &NodeRecord, _: Vec<u8>) -> Result<HttpReply, TransportError> {
        Err(TransportError::Unreachable)
    }
    async fn seed(&self, _: Vec<u8>) -> Result<HttpReply, TransportError> {
        Err(TransportError::Unreachable)
    }
}

/// How the engine's flush goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swarms {
    /// Unreachable: a real client over [`DeadTransport`] decides (failures, expiry).
    Down,
    /// Every message is stored, sync copy included.
    Up,
    /// Recipients store messages; our own swarm does not take the sync copies.
    UpWithoutSync,
}

/// The engine: a real client prepares messages (and flushes while the swarms are down);
/// polls are scripted and their times recorded.
pub struct FakeEngine {
    pub client: Client<DeadTransport, SimClock, OsRng>,
    clock: SimClock,
    pub swarms: Cell<Swarms>,
    pub polls: RefCell<VecDeque<Result<PollReport, ClientError>>>,
    pub polled_at: RefCell<Vec<u64>>,
    pub flushes: Cell<u32>,
    /// How long each poll takes (its retries while the network is down), in virtual time.
    pub poll_ms: Cell<u64>,
    /// The account's config messages as the swarm holds them: hash → (namespace, bytes).
    pub config_swarm: RefCell<BTreeMap<String, (i16, Vec<u8>)>>,
    /// Config pushes that reached the swarm.
    pub config_pushes: Cell<u32>,
    /// The file server: id → blob (uploads fail while the swarms are down).
    pub files: RefCell<BTreeMap<String, Vec<u8>>>,
    /// What was stored outside the outbox (receipts, typing indicators).
    pub delivered: RefCell<Vec<Outgoing>>,
    /// Hashes deleted from our swarm.
    pub deleted_own: RefCell<Vec<String>>,
    /// Hashes whose expiry was shortened in our swarm, with it.
    pub shortened: RefCell<Vec<(String, u64)>>,
    /// What was stored in groups' swarms.
    pub group_swarm: RefCell<Vec<GroupStored>>,
    /// ONS names the network resolves.
    pub names: RefCell<BTreeMap<String, SessionId>>,
}

/// One item stored in a group's swarm: (group, namespace, hash, bytes).
pub type GroupStored = (SessionId, i16, String, Vec<u8>);

/// A poll that found nothing.
pub fn empty_poll() -> PollReport {
    PollReport {
        events: Vec::new(),
        skipped: Vec::new(),
        nodes_polled: 1,
        errors: Vec::new(),
    }
}

/// `out` as the swarms have it once stored (the engine's own record of what is stored).
fn stored(out: &Outgoing, sync: bool) -> Outgoing {
    let mut v = serde_json::to_value(out).unwrap();
    v["recipient"]["stored"] = true.into();
    if sync && v["sync"].is_object() {
        v["sync"]["stored"] = true.into();
    }
    serde_json::from_value(v).unwrap()
}

impl FakeEngine {
    pub fn new(identity: Identity, clock: SimClock) -> FakeEngine {
        FakeEngine {
            client: Client::new(
                identity,
                DeadTransport,
                clock.clone(),
                OsRng,
                ClientState::new(),
                Config::local_network(),
            ),
            clock,
            swarms: Cell::new(Swarms::Down),
            polls: RefCell::new(VecDeque::new()),
            polled_at: RefCell::new(Vec::new()),
            flushes: Cell::new(0),
            poll_ms: Cell::new(0),
            config_swarm: RefCell::new(BTreeMap::new()),
            config_pushes: Cell::new(0),
            files: RefCell::new(BTreeMap::new()),
            delivered: RefCell::new(Vec::new()),
            deleted_own: RefCell::new(Vec::new()),
            shortened: RefCell::new(Vec::new()),
            group_swarm: RefCell::new(Vec::new()),
            names: RefCell::new(BTreeMap::new()),
        }
    }

    /// Gaps between polls so far.
    pub fn poll_gaps(&self) -> Vec<u64> {
        self.polled_at
            .borrow()
            .windows(2)
            .map(|w| w[1] - w[0])
            .collect()
    }

    async fn deliver_all(&self, log: &OutboxLog<'_>, sync: bool) -> Stored<FlushReport> {
        let mut report = FlushReport::default();
        for mut entry in log.pending().await? {
            entry.attempts += 1;
            entry.outgoing = stored(&entry.outgoing, sync);
            let hash = entry.hash().to_owned();
            let delivery = Delivery::Sent(SendReport {
                hash: hash.clone(),
                timestamp_ms: entry.outgoing.timestamp_ms(),
                sync: match entry.outgoing.sync_hash() {
                    Some(h) if sync => SyncStatus::Stored(h.to_owned()),
                    Some(_) => SyncStatus::Failed(ClientError::Transport(TransportError::Timeout)),
                    None => SyncStatus::NotNeeded,
                },
            });
            log.record(&entry, &delivery).await?;
            report.outcomes.push((hash, delivery));
        }
        Ok(report)
    }
}

impl Engine for FakeEngine {
    fn prepare(&self, to: &SessionId, content: Content) -> Result<Outgoing, ClientError> {
        self.client.prepare(to, content)
    }
    fn reserve_timestamp(&self) -> u64 {
        self.client.reserve_timestamp()
    }
    fn prepare_at(
        &self,
        to: &SessionId,
        content: Content,
        t: u64,
    ) -> Result<Outgoing, ClientError> {
        self.client.prepare_at(to, content, t)
    }
    fn upload_file<'a>(
        &'a self,
        _server: &'a FileServer,
        blob: &'a [u8],
    ) -> Boxed<'a, Result<Uploaded, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let mut files = self.files.borrow_mut();
        let id = format!("{}", files.len() + 1);
        files.insert(id.clone(), blob.to_vec());
        ready(Ok(Uploaded {
            id: FileId::parse(&id).unwrap(),
            expires_s: (self.clock.now() / 1000 + 14 * 86_400) as f64,
        }))
    }
    fn download_file<'a>(
        &'a self,
        url: &'a FileUrl,
        _default: &'a FileServer,
    ) -> Boxed<'a, Result<Vec<u8>, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        ready(
            self.files
                .borrow()
                .get(url.id.as_str())
                .cloned()
                .ok_or(ClientError::FileServer(FileServerError::NotFound)),
        )
    }
    fn flush<'a>(&'a self, log: &'a OutboxLog<'a>) -> Boxed<'a, Stored<FlushReport>> {
        self.flushes.set(self.flushes.get() + 1);
        match self.swarms.get() {
            Swarms::Down => Box::pin(self.client.flush_outbox(log)),
            Swarms::Up => Box::pin(self.deliver_all(log, true)),
            Swarms::UpWithoutSync => Box::pin(self.deliver_all(log, false)),
        }
    }
    fn poll(&self) -> Boxed<'_, Result<PollReport, ClientError>> {
        self.polled_at.borrow_mut().push(self.clock.now());
        let took = Clock::sleep(&self.clock, self.poll_ms.get());
        Box::pin(async move {
            took.await;
            // The outcome is the one scripted for when the poll ends.
            self.polls
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| Ok(empty_poll()))
        })
    }
    fn state(&self) -> ClientState {
        self.client.state()
    }
    fn absorb_configs(&self, configs: &mut AccountConfigs, report: &PollReport) -> Vec<Domain> {
        self.client.absorb_configs(configs, report)
    }
    fn push_configs<'a>(
        &'a self,
        pending: &'a PendingPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let me = self.client.session_id();
        let mut swarm = self.config_swarm.borrow_mut();
        let hashes = pending
            .stores
            .iter()
            .map(|s| {
                let ns = s.domain.namespace();
                let hash = session_core::rpc::message_hash(me.as_bytes(), ns, &s.data);
                swarm.insert(hash.clone(), (ns, s.data.clone()));
                hash
            })
            .collect();
        for old in &pending.obsolete {
            swarm.remove(old);
        }
        self.config_pushes.set(self.config_pushes.get() + 1);
        ready(Ok(hashes))
    }
    fn extend_configs<'a>(&'a self, _hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>> {
        ready(Ok(()))
    }
    fn set_poll_plan(&self, plan: session_core::client::PollPlan) {
        self.client.set_poll_plan(plan);
    }
    fn push_group<'a>(
        &'a self,
        admin: &'a session_core::group::AdminKey,
        push: &'a session_core::group::state::GroupPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let id = admin.group().session_id();
        let mut swarm = self.group_swarm.borrow_mut();
        let hashes = push
            .stores
            .iter()
            .map(|s| {
                let hash = session_core::rpc::message_hash(id.as_bytes(), s.namespace, &s.data);
                swarm.push((id, s.namespace, hash.clone(), s.data.clone()));
                hash
            })
            .collect();
        ready(Ok(hashes))
    }
    fn send_group<'a>(
        &'a self,
        group: &'a session_core::group::state::GroupState,
        content: &'a Content,
        timestamp_ms: u64,
    ) -> Boxed<'a, Result<String, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let data = match group.seal(content, timestamp_ms, None, &mut OsRng) {
            Ok(d) => d,
            Err(e) => return ready(Err(ClientError::Group(e))),
        };
        let id = group.id().session_id();
        let ns = session_core::rpc::namespace::GROUP_MESSAGES;
        let hash = session_core::rpc::message_hash(id.as_bytes(), ns, &data);
        self.group_swarm
            .borrow_mut()
            .push((id, ns, hash.clone(), data));
        ready(Ok(hash))
    }
    fn network_now_ms(&self) -> u64 {
        self.clock.now()
    }
    fn prepare_ttl(
        &self,
        to: &SessionId,
        content: Content,
        ttl_ms: u64,
    ) -> Result<Outgoing, ClientError> {
        self.client.prepare_ttl(to, content, ttl_ms)
    }
    fn deliver(&self, out: Outgoing) -> Boxed<'_, Result<SendReport, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let report = SendReport {
            hash: out.hash().to_owned(),
            timestamp_ms: out.timestamp_ms(),
            sync: SyncStatus::NotNeeded,
        };
        self.delivered.borrow_mut().push(out);
        ready(Ok(report))
    }
    fn delete_own<'a>(&'a self, hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        self.deleted_own.borrow_mut().extend(hashes.iter().cloned());
        ready(Ok(()))
    }
    fn community_call<'a>(
        &'a self,
        _account: &'a Identity,
        _link: &'a session_core::community::url::JoinLink,
        _mode: session_core::community::auth::AuthMode,
        _request: &'a session_core::community::api::ApiRequest,
    ) -> Boxed<'a, Result<session_core::client::ServerReply, ClientError>> {
        // No community server in the simulated network: the e2e tests reach a real one.
        ready(Err(ClientError::Transport(TransportError::Timeout)))
    }

    fn shorten_own<'a>(
        &'a self,
        hashes: &'a [String],
        expiry_ms: u64,
    ) -> Boxed<'a, Result<(), ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        self.shortened
            .borrow_mut()
            .extend(hashes.iter().map(|h| (h.clone(), expiry_ms)));
        ready(Ok(()))
    }

    fn resolve_ons<'a>(
        &'a self,
        name: &'a session_core::ons::OnsName,
    ) -> Boxed<'a, Result<SessionId, ClientError>> {
        if self.swarms.get() == Swarms::Down {
            return ready(Err(ClientError::Transport(TransportError::Timeout)));
        }
        let found = self.names.borrow().get(name.as_str()).copied();
        ready(found.ok_or(ClientError::Ons(session_core::ons::OnsError::NotFound)))
    }
}

impl FakeEngine {
    /// A poll that brings every config message in this engine's swarm (as another device of
    /// the account, polling the same swarm, would get them).
    pub fn config_poll(&self) -> PollReport {
        config_poll_of(&self.config_swarm.borrow(), self.client.session_id())
    }
}

/// A poll report holding `swarm`'s config messages, by namespace.
pub fn config_poll_of(swarm: &BTreeMap<String, (i16, Vec<u8>)>, account: SessionId) -> PollReport {
    let mut by_ns: BTreeMap<i16, Vec<RetrievedMessage>> = BTreeMap::new();
    for (hash, (ns, data)) in swarm {
        by_ns.entry(*ns).or_default().push(RetrievedMessage {
            hash: hash.clone(),
            timestamp: START_MS,
            expiration: START_MS + 30 * 86_400_000,
            data: data.clone(),
        });
    }
    let mut report = empty_poll();
    for (namespace, items) in by_ns {
        report.events.push(Event::Retrieved(RetrievedBatch {
            account,
            namespace,
            items,
        }));
    }
    report
}

/// Hands out the one engine, recording each request (network, state as JSON).
pub struct FakeEngines {
    pub engine: Rc<FakeEngine>,
    pub made: RefCell<Vec<(NetworkKind, String)>>,
}

impl Engines for FakeEngines {
    fn make(&self, state: ClientState, network: NetworkKind) -> Rc<dyn Engine> {
        self.made.borrow_mut().push((network, state.to_json()));
        self.engine.clone()
    }
}

// ---- a session over the doubles -------------------------------------------------------------

pub fn me() -> Identity {
    Identity::from_seed(&[1u8; 16])
}

pub fn bob() -> Identity {
    Identity::from_seed(&[2u8; 16])
}

/// A signed-in tab over the doubles.
pub struct World {
    pub clock: SimClock,
    pub store: Rc<MemoryStore>,
    pub platform: Rc<FakePlatform>,
    pub channel: Rc<FakeChannel>,
    pub relay: Rc<FakeRelay>,
    pub engines: Rc<FakeEngines>,
    pub engine: Rc<FakeEngine>,
    pub session: Rc<Session>,
}

impl World {
    /// A tab whose relay served the local network last time.
    pub async fn new() -> World {
        let store = MemoryStore::default();
        store.network.set(Some(NetworkKind::Local));
        World::over(Rc::new(store), Rc::new(FakePlatform::default()), "tab-1").await
    }

    /// A tab over `store` and `platform` (shared by the tabs of one browser).
    pub async fn over(store: Rc<MemoryStore>, platform: Rc<FakePlatform>, tab: &str) -> World {
        let clock = SimClock::new();
        World::at(clock, store, platform, tab).await
    }

    pub async fn at(
        clock: SimClock,
        store: Rc<MemoryStore>,
        platform: Rc<FakePlatform>,
        tab: &str,
    ) -> World {
        let engine = Rc::new(FakeEngine::new(me(), clock.clone()));
        let engines = Rc::new(FakeEngines {
            engine: engine.clone(),
            made: RefCell::default(),
        });
        let channel = Rc::new(FakeChannel::default());
        let relay = Rc::new(FakeRelay {
            clock: clock.clone(),
            infos: RefCell::default(),
            asked_at: RefCell::default(),
            answered: Cell::new(None),
        });
        let ports = Ports {
            files: store.files(),
            store: store.clone(),
            clock: Rc::new(clock.clone()),
            platform: platform.clone(),
            channel: channel.clone(),
            relay: relay.clone(),
            engines: engines.clone(),
            account: session_web::accounts::AccountSlot::default(),
        };
        let profile = ProfileRecord {
            display_name: "Me".into(),
            updated_s: 1,
            synced_name: None,
            ..ProfileRecord::default()
        };
        // As sign-in leaves it: the profile is stored.
        store
            .profile
            .borrow_mut()
            .get_or_insert_with(|| profile.clone());
        let session = Session::open(ports, me(), profile, tab.into()).await;
        World {
            clock,
            store,
            platform,
            channel,
            relay,
            engines,
            engine,
            session,
        }
    }

    /// Two tabs of one browser (one store, one clock), both asking to poll: the first gets to.
    pub async fn two_tabs() -> (World, World) {
        let store = Rc::new(MemoryStore::default());
        store.network.set(Some(NetworkKind::Local));
        let platform = Rc::new(FakePlatform::default());
        let first = World::over(store.clone(), platform.clone(), "tab-1").await;
        let second = World::at(first.clock.clone(), store, platform, "tab-2").await;
        first.session.elect_poller();
        second.session.elect_poller();
        (first, second)
    }

    /// The next poll brings `report`.
    pub fn next_poll(&self, report: PollReport) {
        self.engine.polls.borrow_mut().push_back(Ok(report));
    }

    /// This tab polls from now on.
    pub fn lead(&self) {
        wasm_bindgen_futures::spawn_local(self.session.poller.clone().lead());
    }

    /// What this tab posted since the last call goes to `other` (the browser's channel).
    pub fn tell(&self, other: &World) {
        let posted: Vec<TabMessage> = self.channel.posted.borrow_mut().drain(..).collect();
        for msg in posted {
            other.session.on_tab_message(msg);
        }
    }
}

/// The conversation with Bob.
pub fn bob_conv() -> ConversationId {
    ConversationId::Direct(bob().session_id())
}

/// A poll that brings `texts` from Bob (named `name`), sent at `ts`, `ts + 1`, …
pub fn from_bob(name: &str, ts: u64, texts: &[&str]) -> PollReport {
    use session_core::client::Event;
    use session_core::message::compose::{ContentBuilder, Profile};
    use session_core::message::receive::{Direction, Incoming, MessageEvent};
    let events = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let content = ContentBuilder::text(text)
                .profile(&Profile {
                    display_name: name.into(),
                    picture: None,
                    updated_s: 5,
                })
                .build();
            Event::Direct(Incoming::Message(MessageEvent {
                hash: format!("hash-{ts}-{i}"),
                from: bob().session_id(),
                to: me().session_id(),
                direction: Direction::Incoming,
                timestamp_ms: ts + i as u64,
                expires_ms: ts + 14 * 86_400_000,
                text: Some((*text).to_owned()),
                content: Box::new(content),
            }))
        })
        .collect();
    PollReport {
        events,
        ..empty_poll()
    }
}

/// Statuses of `conv`'s messages, oldest first.
pub fn statuses(store: &MemoryStore, conv: &ConversationId) -> Vec<MessageStatus> {
    store.messages_of(conv).iter().map(|m| m.status).collect()
}

/// A map from hash to key of the outbox (for checks).
pub fn outbox_keys(store: &MemoryStore) -> HashMap<String, MessageKey> {
    store
        .outbox
        .borrow()
        .values()
        .map(|r| (r.outgoing.hash().to_owned(), r.key.clone()))
        .collect()
}

// ---- what a recipient opens -----------------------------------------------------------------

/// The Content `to` opens from the recipient's copy in the outbox entry of `key`: what the
/// swarm stores for them, decrypted and checked with their keys.
pub fn delivered_content(store: &MemoryStore, key: &MessageKey, to: &Identity) -> Content {
    let entry = store.outbox_entry(key).expect("an outbox entry");
    let json = serde_json::to_value(&entry.outgoing).unwrap();
    let b64 = json["recipient"]["data"]
        .as_str()
        .expect("the recipient's copy");
    let binary = web_sys::window().unwrap().atob(b64).unwrap();
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    session_core::message::decode_incoming(to, &bytes)
        .expect("the recipient opens it")
        .content
}

// ---- profiles with avatars ------------------------------------------------------------------

/// A poll that brings `text` from Bob, sent at `ts`, carrying `profile` (name, avatar and the
/// profile's time).
pub fn from_bob_with(
    profile: &session_core::message::compose::Profile,
    ts: u64,
    text: &str,
) -> PollReport {
    use session_core::message::compose::ContentBuilder;
    use session_core::message::receive::{Direction, Incoming, MessageEvent};
    let content = ContentBuilder::text(text).profile(profile).build();
    PollReport {
        events: vec![Event::Direct(Incoming::Message(MessageEvent {
            hash: format!("hash-{ts}-avatar"),
            from: bob().session_id(),
            to: me().session_id(),
            direction: Direction::Incoming,
            timestamp_ms: ts,
            expires_ms: ts + 14 * 86_400_000,
            text: Some(text.to_owned()),
            content: Box::new(content),
        }))],
        ..empty_poll()
    }
}

/// A poll report holding what the fake groups' swarms got since item `from`, as retrieved.
pub fn group_poll_from(engine: &FakeEngine, from: usize) -> PollReport {
    let mut report = empty_poll();
    for (i, (group, ns, hash, data)) in engine.group_swarm.borrow().iter().enumerate().skip(from) {
        report.events.push(Event::Retrieved(RetrievedBatch {
            account: *group,
            namespace: *ns,
            items: vec![RetrievedMessage {
                hash: hash.clone(),
                timestamp: START_MS + i as u64,
                expiration: START_MS + 30 * 86_400_000,
                data: data.clone(),
            }],
        }));
    }
    report
}

/// A new, empty database `name` (one left by an earlier run is deleted first).
pub async fn fresh_db(name: &str) -> session_web::storage::Db {
    use session_web::storage::Db;
    if let Ok(db) = Db::open_named(name).await {
        let _ = db.delete(name).await;
    }
    Db::open_named(name).await.expect("open")
}

/// A message record of `conv` by `author` at `ts`: sent when `outgoing`, else received.
pub fn text_record(
    conv: &ConversationId,
    author: &SessionId,
    ts: u64,
    text: &str,
    outgoing: bool,
) -> MessageRecord {
    MessageRecord::new(
        conv.clone(),
        *author,
        ts,
        text.into(),
        outgoing,
        if outgoing {
            MessageStatus::Sent
        } else {
            MessageStatus::Received
        },
        0,
    )
}
