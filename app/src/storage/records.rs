//! The records the app stores, as serde types. Every field added later must have a default,
//! so that older records still parse.

use serde::{Deserialize, Serialize};
use session_core::client::Outgoing;
use wasm_bindgen::JsValue;

/// Our display name and when it last changed (seconds, as `lastProfileUpdateSeconds`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRecord {
    /// Display name.
    pub display_name: String,
    /// Unix seconds of the last change.
    #[serde(default)]
    pub updated_s: u64,
}

/// The account's secret, as stored: the 16-byte seed (hex) of the recovery phrase.
#[derive(Serialize, Deserialize, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
pub struct IdentityRecord {
    /// Hex of the 16-byte seed, or of a 32-byte Ed25519 seed.
    pub seed: String,
    /// When the account was created or restored here (ms).
    #[serde(default)]
    pub created_ms: u64,
}

impl std::fmt::Debug for IdentityRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityRecord").finish_non_exhaustive()
    }
}

/// Delivery state of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Ours, being stored in the recipient's swarm.
    Sending,
    /// Ours, stored in the recipient's swarm.
    Sent,
    /// Ours, could not be stored (retry possible: the outbox keeps it).
    Failed,
    /// Someone else's.
    Received,
}

impl MessageStatus {
    /// Its name ("sending", "sent", "failed", "received").
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Sending => "sending",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Received => "received",
        }
    }
}

/// A message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRecord {
    /// The other party (Session ID hex; ours for notes to self).
    pub conv: String,
    /// Author's Session ID hex.
    pub author: String,
    /// Sent time T (ms), with `author` the message's identity.
    pub ts: u64,
    /// The text.
    pub text: String,
    /// Written by us (on this or another device).
    pub outgoing: bool,
    /// Delivery state.
    pub status: MessageStatus,
    /// Swarm hash (recipient's copy for ours).
    #[serde(default)]
    pub hash: Option<String>,
    /// When this device stored it (ms).
    #[serde(default)]
    pub stored_ms: u64,
}

impl MessageRecord {
    /// Its key in the `messages` store.
    pub fn key(&self) -> MessageKey {
        MessageKey {
            conv: self.conv.clone(),
            ts: self.ts,
            author: self.author.clone(),
        }
    }
}

/// The key of a message (and of its outbox entry): `[conv, ts, author]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MessageKey {
    /// Conversation.
    pub conv: String,
    /// Sent time.
    pub ts: u64,
    /// Author.
    pub author: String,
}

impl MessageKey {
    /// The IndexedDB key (an array, so that keys sort by conversation then time).
    pub fn to_js(&self) -> JsValue {
        let a = js_sys::Array::new();
        a.push(&JsValue::from_str(&self.conv));
        a.push(&JsValue::from_f64(self.ts as f64));
        a.push(&JsValue::from_str(&self.author));
        a.into()
    }

    /// A stable text form (for sets and DOM ids).
    pub fn id(&self) -> String {
        format!("{}-{}-{}", self.conv, self.ts, self.author)
    }
}

/// A conversation's summary: what the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRecord {
    /// The other party's Session ID hex.
    pub id: String,
    /// Their display name, as they sent it.
    #[serde(default)]
    pub name: Option<String>,
    /// `lastProfileUpdateSeconds` of that name.
    #[serde(default)]
    pub name_updated_s: u64,
    /// Text of the newest message.
    #[serde(default)]
    pub last_text: String,
    /// Sent time of the newest message (ms).
    #[serde(default)]
    pub last_ts: u64,
    /// Whether the newest message is ours.
    #[serde(default)]
    pub last_outgoing: bool,
    /// Its status.
    #[serde(default = "received")]
    pub last_status: MessageStatus,
    /// Incoming messages not read yet.
    #[serde(default)]
    pub unread: u32,
    /// Sent time of the newest message read (ms): the unread marker goes after it.
    #[serde(default)]
    pub last_read_ts: u64,
    /// Messages stored.
    #[serde(default)]
    pub count: u64,
}

fn received() -> MessageStatus {
    MessageStatus::Received
}

impl ConversationRecord {
    /// An empty conversation with `id`.
    pub fn new(id: &str) -> Self {
        ConversationRecord {
            id: id.to_owned(),
            name: None,
            name_updated_s: 0,
            last_text: String::new(),
            last_ts: 0,
            last_outgoing: false,
            last_status: MessageStatus::Received,
            unread: 0,
            last_read_ts: 0,
            count: 0,
        }
    }

    /// Folds a newly stored message into the summary.
    pub fn absorb(&mut self, m: &MessageRecord) {
        self.count += 1;
        if m.ts >= self.last_ts {
            self.last_ts = m.ts;
            self.last_text = m.text.clone();
            self.last_outgoing = m.outgoing;
            self.last_status = m.status;
        }
        if m.outgoing {
            // Writing in a conversation reads everything before it.
            self.unread = 0;
            self.last_read_ts = self.last_read_ts.max(m.ts);
        } else if m.ts > self.last_read_ts {
            self.unread += 1;
        }
    }

    /// Applies a display name received with a message: only a strictly newer one, or any when
    /// neither side has a time (messaging.md §5.9).
    pub fn apply_name(&mut self, name: &str, updated_s: u64) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        let newer = updated_s > self.name_updated_s || (updated_s == 0 && self.name_updated_s == 0);
        if !newer {
            return false;
        }
        let changed = self.name.as_deref() != Some(name) || self.name_updated_s != updated_s;
        self.name = Some(name.to_owned());
        self.name_updated_s = updated_s;
        changed
    }
}

/// An encrypted message waiting to be (fully) stored in the swarms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRecord {
    /// The message's key.
    pub key: MessageKey,
    /// The prepared message: the same bytes are delivered on every attempt.
    pub outgoing: Outgoing,
    /// Attempts so far.
    #[serde(default)]
    pub attempts: u32,
    /// When it was written (ms).
    #[serde(default)]
    pub created_ms: u64,
}
