//! What the session's parts need from the outside world, as small traits: the clock, storage,
//! the browser (visibility, network, notifications, locks), the other tabs, the relay and the
//! client engine. The app implements them over the browser (`Date`/`setTimeout`, IndexedDB,
//! `BroadcastChannel`, `fetch`, [`session_core::client::Client`]); tests implement them in
//! memory, with a simulated clock, and drive the parts through hours of virtual time at once.
//!
//! Methods return boxed futures so that the parts hold `Rc<dyn …>` and stay free of type
//! parameters (one copy of their code in the wasm, and plain types in Leptos context).

use session_core::attachment::file_server::{FileServer, Uploaded};
use session_core::attachment::url::FileUrl;
use session_core::client::{
    ClientError, ClientState, FlushReport, Outgoing, PollPlan, PollReport, SendReport, ServerReply,
};
use session_core::community::api::ApiRequest;
use session_core::community::auth::AuthMode;
use session_core::community::url::JoinLink;
use session_core::config::{AccountConfigs, Domain, PendingPush};
use session_core::conversation::ConversationId;
use session_core::group::state::{GroupPush, GroupState};
use session_core::group::AdminKey;
use session_core::identity::{Identity, SessionId};
use session_core::ons::OnsName;
use session_core::proto::session::Content;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use crate::net::info::{InfoError, NetworkKind, RelayInfo};
use crate::net::tabs::TabMessage;
use crate::state::effects::Effect;
use crate::state::outbox::OutboxLog;
use crate::storage::lock::LockError;
use crate::storage::repo::{Applied, NameUpdate, StoredBatch};
use crate::storage::{
    CommunityRecord, ConvSettings, ConversationRecord, GroupRecord, MessageRecord, MessageStatus,
    OutboxRecord, ProfileRecord, StorageError, StoredData, SyncedConversation,
};
use crate::util::browser::NotifyPermission;

/// A boxed future of the current thread.
pub type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Storage results.
pub type Stored<T> = Result<T, StorageError>;

/// A change of one conversation's settings.
pub type SettingsChange<'a> = Box<dyn FnOnce(&ConvSettings) -> ConvSettings + 'a>;

/// The user configs' local dumps, by namespace.
pub type ConfigDumps = Vec<(i16, Vec<u8>)>;

/// A kept file: its bytes (as a Blob, read lazily), type and size.
#[derive(Debug, Clone)]
pub struct CachedFile {
    /// The bytes.
    pub blob: web_sys::Blob,
    /// The type it is shown as.
    pub mime: String,
    /// Its size.
    pub size: u64,
}

/// What the kept files take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileUsage {
    /// How many.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
}

/// Attachments' bytes, kept apart from the records (see `storage::files`).
pub trait FileStore {
    /// The file under `key`.
    fn get<'a>(&'a self, key: &'a str) -> Boxed<'a, Stored<Option<CachedFile>>>;
    /// Keeps `data` under `key`.
    fn put<'a>(
        &'a self,
        key: &'a str,
        data: &'a [u8],
        mime: &'a str,
        now_ms: u64,
    ) -> Boxed<'a, Stored<()>>;
    /// What they take.
    fn usage(&self) -> Boxed<'_, Stored<FileUsage>>;
    /// Removes all but the keys in `keep`.
    fn clear<'a>(&'a self, keep: &'a [String]) -> Boxed<'a, Stored<()>>;
}

/// Wall-clock time and timers.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> Boxed<'static, ()>;
}

/// The password lock of the account's storage (see `storage::lock`). Each call derives the
/// password's key (Argon2id: about a tenth of a second here, longer on a slow phone).
pub trait Vault {
    /// Whether a password is set.
    fn has_password(&self) -> Boxed<'_, Result<bool, LockError>>;
    /// Sets the first password (sealing what is stored when it was never sealed).
    fn set_password<'a>(&'a self, password: &'a str) -> Boxed<'a, Result<(), LockError>>;
    /// Replaces the password (the current one is checked first).
    fn change_password<'a>(
        &'a self,
        old: &'a str,
        new: &'a str,
    ) -> Boxed<'a, Result<(), LockError>>;
    /// Removes the password (the current one is checked first).
    fn remove_password<'a>(&'a self, current: &'a str) -> Boxed<'a, Result<(), LockError>>;
}

/// What the parts read and write. Each write is one transaction: the records that belong
/// together (a message, its outbox entry and its summary; a poll's messages and the client
/// state) are stored together or not at all.
pub trait Store {
    /// The password lock of this storage (none where records cannot be sealed).
    fn vault(&self) -> Option<Rc<dyn Vault>> {
        None
    }
    /// The stored account, if any ([`StorageError::UnreadableAccount`]: a record that cannot
    /// be read, kept as it is).
    fn load_identity(&self) -> Boxed<'_, Stored<Option<Identity>>>;
    /// Stores a new account; another account's record, or an unreadable one, is never
    /// replaced ([`StorageError::AccountStored`], [`StorageError::UnreadableAccount`]).
    fn save_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>>;
    /// Stores the account restored from its phrase over its unreadable record; fails when
    /// the stored data is another account's.
    fn repair_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>>;
    /// Whose the stored data is and how much there is.
    fn stored_data(&self) -> Boxed<'_, Stored<StoredData>>;
    /// Our display name.
    fn load_profile(&self) -> Boxed<'_, Stored<Option<ProfileRecord>>>;
    /// Stores our display name.
    fn save_profile<'a>(&'a self, profile: &'a ProfileRecord) -> Boxed<'a, Stored<()>>;
    /// The network the relay served last time.
    fn load_network(&self) -> Boxed<'_, Stored<Option<NetworkKind>>>;
    /// Remembers the relay's network.
    fn save_network(&self, network: NetworkKind) -> Boxed<'_, Stored<()>>;
    /// The client's saved state (`None`: none, or unreadable).
    fn load_client_state(&self) -> Boxed<'_, Stored<Option<ClientState>>>;
    /// Every conversation summary (unordered).
    fn load_conversations(&self) -> Boxed<'_, Stored<Vec<ConversationRecord>>>;
    /// One conversation's summary.
    fn load_conversation<'a>(
        &'a self,
        id: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>>;
    /// The newest `limit` messages of a conversation, oldest first.
    fn load_messages<'a>(
        &'a self,
        conv: &'a ConversationId,
        limit: u32,
    ) -> Boxed<'a, Stored<Vec<MessageRecord>>>;
    /// A message we send, with its outbox entry, and its conversation's new summary.
    fn store_outgoing<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<ConversationRecord>>;
    /// Rewrites a message being sent (files uploaded, or failed), with its outbox entry once
    /// it has one, and the summary's status.
    fn save_message<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<()>>;
    /// Every outbox entry.
    fn load_outbox(&self) -> Boxed<'_, Stored<Vec<OutboxRecord>>>;
    /// A delivery's outcome: the message's status and hash, the outbox entry (kept with its
    /// progress, or removed when `remove`), and the summary's status.
    fn record_delivery<'a>(
        &'a self,
        entry: &'a OutboxRecord,
        status: MessageStatus,
        remove: bool,
    ) -> Boxed<'a, Stored<()>>;
    /// A batch of received messages and names, and what the same poll does to messages
    /// already stored (reactions, unsends, receipts), with the client state that produced
    /// them.
    fn store_messages<'a>(
        &'a self,
        messages: &'a [MessageRecord],
        names: &'a [NameUpdate],
        effects: &'a [Effect],
        client_state: Option<&'a str>,
    ) -> Boxed<'a, Stored<StoredBatch>>;
    /// Effects of the user's own making on stored messages, with the outbox entry of the
    /// message that tells the other side, in one transaction.
    fn apply_effects<'a>(
        &'a self,
        effects: &'a [Effect],
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<Applied>>;
    /// Accepts a message request here; the summary as it is now.
    fn accept_request<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>>;
    /// Removes a conversation's messages, files and outbox entries; `hide` takes it off the
    /// list as well (deleting the conversation, or declining a request).
    fn clear_conversation<'a>(
        &'a self,
        conv: &'a ConversationId,
        hide: bool,
    ) -> Boxed<'a, Stored<()>>;
    /// Marks a conversation read up to its newest message.
    fn mark_read<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>>;
    /// Changes a conversation's settings with `change`, read and written in one transaction
    /// so that a sync landing meanwhile is not undone (its summary is made if it has none
    /// yet); whether they changed.
    fn change_settings<'a>(
        &'a self,
        conv: &'a ConversationId,
        change: SettingsChange<'a>,
    ) -> Boxed<'a, Stored<bool>>;
    /// The account's user configs' dumps, by namespace.
    fn load_configs(&self) -> Boxed<'_, Stored<ConfigDumps>>;
    /// Stores the dumps of the configs that changed.
    fn save_configs<'a>(&'a self, dumps: &'a [(i16, Vec<u8>)]) -> Boxed<'a, Stored<()>>;
    /// The account's groups.
    fn load_groups(&self) -> Boxed<'_, Stored<Vec<GroupRecord>>>;
    /// Writes one group's record (the others stay).
    fn save_group<'a>(&'a self, group: &'a GroupRecord) -> Boxed<'a, Stored<()>>;
    /// Forgets one group.
    fn delete_group<'a>(&'a self, group: &'a GroupRecord) -> Boxed<'a, Stored<()>>;
    /// The account's community rooms.
    fn load_communities(&self) -> Boxed<'_, Stored<Vec<CommunityRecord>>>;
    /// Replaces the account's community rooms.
    fn save_communities<'a>(&'a self, rooms: &'a [CommunityRecord]) -> Boxed<'a, Stored<()>>;
    /// Applies what the account's settings say of conversations; the summaries that changed.
    fn apply_synced<'a>(
        &'a self,
        synced: &'a [SyncedConversation],
    ) -> Boxed<'a, Stored<Vec<ConversationRecord>>>;
    /// Removes everything.
    fn wipe(&self) -> Boxed<'_, Stored<()>>;
    /// The attachments' bytes kept beside the records.
    fn files(&self) -> Rc<dyn FileStore>;
}

/// The browser around the tab.
pub trait Platform {
    /// Whether the tab is hidden.
    fn is_hidden(&self) -> bool;
    /// Whether the browser believes it is online.
    fn is_online(&self) -> bool;
    /// Where the user stands on notifications.
    fn notification_permission(&self) -> NotifyPermission;
    /// Shows a notification; clicking it opens the location hash `hash`.
    fn notify(&self, title: &str, body: &str, tag: &str, hash: &str);
    /// Asks for the exclusive lock `name`, held for the tab's life, and runs `on_acquired`
    /// once it is ours; `false` when the browser has no locks (the caller acts as holder).
    fn hold_lock(&self, name: &str, on_acquired: Box<dyn FnOnce()>) -> bool;
    /// Forgets what the app keeps outside storage (drafts) and restarts it on its first screen.
    fn restart(&self);
}

/// The other tabs of the account.
pub trait TabChannel {
    /// Tells them `msg`.
    fn post(&self, msg: &TabMessage);
}

/// The relay that served the app.
pub trait Relay {
    /// What it serves (`/relay/v1/info`).
    fn info(&self) -> Boxed<'_, Result<RelayInfo, InfoError>>;
    /// Whether the last request through it got any HTTP answer (`None`: none made yet).
    fn answered(&self) -> Option<bool>;
    /// Reports the progress of large uploads to `sink` (a relay that cannot: nothing).
    fn on_upload_progress(&self, _sink: Option<crate::net::transport::UploadSink>) {}
    /// Reports the progress of large replies (downloads) to `sink`.
    fn on_download_progress(&self, _sink: Option<crate::net::transport::DownloadSink>) {}
}

/// The client engine, as the parts use it.
pub trait Engine {
    /// Encrypts a message for `to` (nothing is sent).
    fn prepare(&self, to: &SessionId, content: Content) -> Result<Outgoing, ClientError>;
    /// Takes the timestamp of a message whose Content comes later (after its uploads).
    fn reserve_timestamp(&self) -> u64;
    /// [`Engine::prepare`] at a reserved timestamp.
    fn prepare_at(&self, to: &SessionId, content: Content, t: u64)
        -> Result<Outgoing, ClientError>;
    /// Uploads an encrypted file to `server`.
    fn upload_file<'a>(
        &'a self,
        server: &'a FileServer,
        blob: &'a [u8],
    ) -> Boxed<'a, Result<Uploaded, ClientError>>;
    /// Downloads the encrypted file `url` names (from `default` unless it names another).
    fn download_file<'a>(
        &'a self,
        url: &'a FileUrl,
        default: &'a FileServer,
    ) -> Boxed<'a, Result<Vec<u8>, ClientError>>;
    /// Delivers the outbox kept in `log` ([`session_core::client::Client::flush_outbox`]).
    fn flush<'a>(&'a self, log: &'a OutboxLog<'a>) -> Boxed<'a, Stored<FlushReport>>;
    /// Polls once.
    fn poll(&self) -> Boxed<'_, Result<PollReport, ClientError>>;
    /// A snapshot of the state to persist.
    fn state(&self) -> ClientState;
    /// Merges the config messages of `report` into `configs`; the configs that changed.
    fn absorb_configs(&self, configs: &mut AccountConfigs, report: &PollReport) -> Vec<Domain>;
    /// Stores a push of the configs (and deletes what it replaces); the stored hashes.
    fn push_configs<'a>(
        &'a self,
        pending: &'a PendingPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>>;
    /// Gives the current config messages their 30 days back.
    fn extend_configs<'a>(&'a self, hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>>;
    /// What polls poll from now on (our account, and each group's namespaces).
    fn set_poll_plan(&self, plan: PollPlan);
    /// Stores a group admin's push in the group's swarm; the stored hashes.
    fn push_group<'a>(
        &'a self,
        admin: &'a AdminKey,
        push: &'a GroupPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>>;
    /// Encrypts `content` for a group and stores it in its swarm; the stored hash.
    fn send_group<'a>(
        &'a self,
        group: &'a GroupState,
        content: &'a Content,
        timestamp_ms: u64,
    ) -> Boxed<'a, Result<String, ClientError>>;
    /// The network time (ms), corrected by the nodes' clocks.
    fn network_now_ms(&self) -> u64;
    /// [`Engine::prepare`] for something the network keeps only `ttl_ms` (a typing indicator).
    fn prepare_ttl(
        &self,
        to: &SessionId,
        content: Content,
        ttl_ms: u64,
    ) -> Result<Outgoing, ClientError>;
    /// Stores a prepared message now, outside the outbox (receipts and typing indicators:
    /// worthless later, so never retried).
    fn deliver(&self, out: Outgoing) -> Boxed<'_, Result<SendReport, ClientError>>;
    /// Deletes our messages `hashes` from our own swarm.
    fn delete_own<'a>(&'a self, hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>>;
    /// Sends one community API request as `account` through onion v4 ([`session_core::client::Client::community_call`]).
    fn community_call<'a>(
        &'a self,
        account: &'a Identity,
        link: &'a JoinLink,
        mode: AuthMode,
        request: &'a ApiRequest,
    ) -> Boxed<'a, Result<ServerReply, ClientError>>;
    /// Brings the expiry of our swarm's messages `hashes` forward to `expiry_ms`.
    fn shorten_own<'a>(
        &'a self,
        hashes: &'a [String],
        expiry_ms: u64,
    ) -> Boxed<'a, Result<(), ClientError>>;
    /// The Session ID registered under an ONS name, as three nodes agree on it
    /// ([`session_core::client::Client::resolve_ons`]).
    fn resolve_ons<'a>(&'a self, name: &'a OnsName) -> Boxed<'a, Result<SessionId, ClientError>>;
}

/// Makes engines: the first, and a new one whenever the network or the saved state changes.
pub trait Engines {
    /// An engine for `network` starting from `state`.
    fn make(&self, state: ClientState, network: NetworkKind) -> Rc<dyn Engine>;
}

/// What the session is built over.
#[derive(Clone)]
pub struct Ports {
    /// Storage.
    pub store: Rc<dyn Store>,
    /// Attachments' bytes.
    pub files: Rc<dyn FileStore>,
    /// Time.
    pub clock: Rc<dyn Clock>,
    /// The browser.
    pub platform: Rc<dyn Platform>,
    /// The other tabs.
    pub channel: Rc<dyn TabChannel>,
    /// The relay.
    pub relay: Rc<dyn Relay>,
    /// Makes clients.
    pub engines: Rc<dyn Engines>,
    /// Where the account's data and preferences live.
    pub account: crate::accounts::AccountSlot,
}

impl std::fmt::Debug for Ports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ports").finish_non_exhaustive()
    }
}
