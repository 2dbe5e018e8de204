//! IndexedDB storage (through rexie): a versioned schema with migrations, typed records stored
//! as JSON, and the repository functions the app calls.
//!
//! Stores:
//! - `meta`: single records by name (identity, profile, client state, network, data version);
//! - `conversations`: one summary per conversation (name, last message, unread count), so the
//!   list opens without scanning messages;
//! - `messages`: keyed `[conversation, timestamp, author]`, which is a message's protocol
//!   identity and also orders a conversation by time for range reads;
//! - `outbox`: encrypted messages not yet fully stored in the swarms, same keys as `messages`.
//!
//! Records are JSON strings with out-of-line keys, sealed under the data key once a password
//! lock was set (`seal.rs`, `lock.rs`): a record that does not parse or open is skipped with a
//! logged error, never a crash.

pub mod db;
pub mod error;
pub mod files;
pub mod lock;
mod migrate;
pub mod records;
pub mod repo;
pub mod seal;
pub mod store;

pub use db::{Db, DB_NAME};
pub use error::StorageError;
pub use records::{
    AttachmentRecord, CommunityRecord, ConvSettings, ConversationRecord, ExpireSetting,
    GroupNotice, GroupRecord, MessageExpiry, MessageKey, MessageRecord, MessageStatus, Notify,
    OutboxRecord, PostRecord, ProfileRecord, QuoteRecord, ReactionRecord, RoomFile, RoomReaction,
    StoredData, SyncedConversation, MUTE_FOREVER_S,
};
pub use store::IdbStore;
