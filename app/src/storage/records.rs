//! The records the app stores, as serde types. Every field added later must have a default,
//! so that older records still parse. Conversations are named by their
//! [`ConversationId`], stored as its text form (the 66-hex ID of a direct chat, `self` for Note
//! to Self; see `db.rs` for the migration from the plain-ID form).

use serde::{Deserialize, Serialize};
use session_core::attachment::pointer::{Attachment, PointerError};
use session_core::client::{Delivery, OutboxEntry, Outgoing};
use session_core::config::fields::Disappearing;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use wasm_bindgen::JsValue;

use super::repo::NameUpdate;

/// An avatar as a profile names it (messaging.md §6.6): its download URL and the profile key
/// that opens it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AvatarRef {
    /// Where it is, as the profile gave it (a `d` fragment marks the deterministic scheme).
    pub url: String,
    /// The 32-byte profile key, hex.
    pub key: String,
}

impl std::fmt::Debug for AvatarRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key opens the picture: it stays out of logs.
        f.debug_struct("AvatarRef")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl AvatarRef {
    /// The avatar at `url` opened by `key`.
    pub fn new(url: &str, key: &[u8; 32]) -> AvatarRef {
        AvatarRef {
            url: url.to_owned(),
            key: hex::encode(key),
        }
    }

    /// The key's bytes, when the stored text is 32 bytes of hex.
    pub fn key_bytes(&self) -> Option<zeroize::Zeroizing<[u8; 32]>> {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(&self.key, &mut key[..]).ok()?;
        Some(key)
    }
}

/// Our display name and avatar, and when they last changed (seconds, as
/// `lastProfileUpdateSeconds`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRecord {
    /// Display name.
    pub display_name: String,
    /// Unix seconds of the last change.
    #[serde(default)]
    pub updated_s: u64,
    /// The name this browser and the account's settings last agreed on: a display name that
    /// differs from it was set here since and goes to the settings; `None` until the first
    /// sync, when the settings' name (a restored account's) wins.
    #[serde(default)]
    pub synced_name: Option<String>,
    /// Our avatar, as uploaded; `None` without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<AvatarRef>,
    /// The avatar URL this browser and the account's settings last agreed on (empty: none),
    /// as `synced_name` is for the name; `None` until the first sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synced_avatar: Option<String>,
}

impl ProfileRecord {
    /// The agreed-on form of `avatar`: its URL, or empty for none.
    pub fn avatar_url(&self) -> String {
        self.avatar
            .as_ref()
            .map(|a| a.url.clone())
            .unwrap_or_default()
    }
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

/// What is stored for an account, besides its own record (the screen that restores an
/// account whose record cannot be read shows it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredData {
    /// Whose it is, when known: the Session ID kept beside the account, or the author of a
    /// message we wrote.
    pub owner: Option<SessionId>,
    /// Conversations with messages.
    pub conversations: usize,
    /// Messages in the outbox.
    pub waiting: usize,
}

/// Delivery state of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Ours, being stored in the recipient's swarm.
    Sending,
    /// Ours, stored in the recipient's swarm.
    Sent,
    /// Ours, could not be stored (retry possible while the outbox keeps it).
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

    /// What a delivery attempt of `entry` means for the message, and whether its outbox entry
    /// goes: kept while something remains to store, removed once complete or expired (an
    /// expired message is failed for good: nothing is left to retry).
    pub fn after_delivery(entry: &OutboxEntry, delivery: &Delivery) -> (MessageStatus, bool) {
        match delivery {
            Delivery::Sent(_) => (MessageStatus::Sent, entry.is_complete()),
            Delivery::Expired => (MessageStatus::Failed, true),
            // The recipient has it; only the sync copy is missing.
            _ if entry.outgoing.is_sent() => (MessageStatus::Sent, false),
            _ => (MessageStatus::Failed, false),
        }
    }
}

/// A message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRecord {
    /// The conversation.
    pub conv: ConversationId,
    /// Author.
    pub author: SessionId,
    /// Sent time T (ms), with `author` the message's identity; for someone else's message,
    /// at most a few minutes after it arrived (`state::receive::received_time`).
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
    /// The time its sender gave, when that was later than it can be and `ts` was capped (see
    /// `state::receive::received_time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_ms: Option<u64>,
    /// Its files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRecord>,
    /// The message it replies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteRecord>,
    /// Who reacted with what, in the order the reactions came.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<ReactionRecord>,
    /// Deleted for everyone by its author: only the notice is left (no text, no files).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Ours, and the recipient said they read it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_by_peer: bool,
    /// The hash of its copy in our own swarm (the sync copy of ours, or the message itself
    /// when it came from our swarm): what "delete for everyone" removes from the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_hash: Option<String>,
    /// A disappearing message: when it goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire: Option<MessageExpiry>,
    /// Not a message but the notice of a new disappearing-messages setting (by its author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer_notice: Option<ExpireSetting>,
    /// Not a message but a notice of what happened to a group (by its author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_notice: Option<GroupNotice>,
    /// A post of a community room: its server ID and what the server counts of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<PostRecord>,
}

/// What a community room's server says of one of its posts (messaging.md §7.6): a room's
/// reactions are counted by the server, not sent one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostRecord {
    /// The server's message ID (what edits, deletions and reactions name).
    pub id: i64,
    /// The room event number of the state stored.
    pub seqno: i64,
    /// The author's display name as the post gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Edited by its author.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// Its author refuses blinded direct messages from the room's members.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blocks_requests: bool,
    /// Reactions by emoji, in the server's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<RoomReaction>,
}

/// One emoji's reactions to a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomReaction {
    /// The emoji.
    pub emoji: String,
    /// How many reacted with it.
    pub count: u64,
    /// Whether we did.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mine: bool,
}

/// A community room this account joined (or left, until the account's settings forget it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityRecord {
    /// The room's join link in its canonical form.
    pub link: String,
    /// Its name as the server gives it.
    #[serde(default)]
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The server's counter of changes to the room's details, as last seen.
    #[serde(default)]
    pub info_updates: i64,
    /// The newest room event stored; `None` until the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seqno: Option<i64>,
    /// The oldest post stored, and whether the server has older ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_id: Option<i64>,
    /// Every older post is stored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
    /// Its moderators and admins (as the server names them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moderators: Vec<SessionId>,
    /// We moderate it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderator: bool,
    /// We may post in it.
    #[serde(default = "yes")]
    pub write: bool,
    /// Recently active users.
    #[serde(default)]
    pub active_users: u64,
    /// When it was joined (unix seconds).
    #[serde(default)]
    pub joined_s: i64,
    /// Left here: kept until the account's settings no longer name it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub left: bool,
    /// The account's settings have named it: once they no longer do, another device left it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synced: bool,
    /// The blinded IDs of this server we write to directly (their conversations go through
    /// its inbox).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<SessionId>,
    /// The newest message of the server's inbox and outbox read (the same on every room of
    /// the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox_id: Option<i64>,
    /// See `inbox_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox_id: Option<i64>,
}

impl CommunityRecord {
    /// A room just joined by `link`: named by its token until the server's details come.
    pub fn for_link(link: &session_core::community::url::JoinLink) -> CommunityRecord {
        CommunityRecord {
            link: link.to_string(),
            name: link.token().to_owned(),
            description: None,
            info_updates: 0,
            seqno: None,
            oldest_id: None,
            complete: false,
            moderators: Vec::new(),
            moderator: false,
            write: true,
            active_users: 0,
            joined_s: 0,
            left: false,
            synced: false,
            contacts: Vec::new(),
            inbox_id: None,
            outbox_id: None,
        }
    }
}

fn yes() -> bool {
    true
}

/// What happened to a group, shown in its chat as a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupNotice {
    /// The author made the group.
    Created,
    /// The author invited us.
    Invited,
    /// The author added these members.
    Added {
        /// Who.
        members: Vec<SessionId>,
    },
    /// The author removed these members.
    Removed {
        /// Who.
        members: Vec<SessionId>,
    },
    /// The author made these members admins.
    Promoted {
        /// Who.
        members: Vec<SessionId>,
    },
    /// The author left.
    Left,
    /// The author accepted the invitation.
    Joined,
    /// The author renamed the group.
    Renamed {
        /// The new name.
        name: String,
    },
    /// The author changed the group's picture.
    NewPicture,
    /// The author changed the disappearing-messages timer.
    Timer {
        /// The new timer in seconds (0: off).
        seconds: u32,
    },
    /// We were removed from the group.
    Kicked,
    /// The group was deleted by its admins.
    Destroyed,
}

/// The message a reply quotes, by author and sent time (looked up when shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Its author.
    pub author: SessionId,
    /// Its sent time T.
    pub ts: u64,
}

/// One person's reaction to a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReactionRecord {
    /// The emoji.
    pub emoji: String,
    /// Who reacted.
    pub from: SessionId,
}

/// A file of a message, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRecord {
    /// The pointer the message carries (its protobuf, hex): where the file is and its key.
    /// `None` while ours is still to be uploaded.
    #[serde(default)]
    pub pointer: Option<String>,
    /// Its decrypted bytes in the files store: ours from the moment it is picked, someone
    /// else's once downloaded.
    #[serde(default)]
    pub file: Option<String>,
    /// Its name as the sender gave it (shown as text; made safe before saving).
    #[serde(default)]
    pub name: Option<String>,
    /// The content type the sender claims (the bytes decide how it is shown).
    #[serde(default)]
    pub content_type: Option<String>,
    /// Its size in bytes.
    #[serde(default)]
    pub size: u64,
    /// A voice message.
    #[serde(default)]
    pub voice: bool,
    /// Width and height in pixels, when the sender gave them.
    #[serde(default)]
    pub width: Option<u32>,
    /// See `width`.
    #[serde(default)]
    pub height: Option<u32>,
    /// A file of a community room (uploaded there in the clear, messaging.md §6.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_file: Option<RoomFile>,
}

/// A file on a community room's server, by the room and the server's file ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoomFile {
    /// The server (`http(s)://host[:port]`).
    pub server: String,
    /// The room (its lower-cased token).
    pub room: String,
    /// The file's ID on the server.
    pub id: i64,
}

impl RoomFile {
    /// The download URL the official apps put in a pointer (`…/room/<token>/file/<id>`).
    pub fn url(&self, token: &str) -> String {
        format!("{}/room/{token}/file/{}", self.server, self.id)
    }

    /// Reads a pointer's URL as a file of the room `room` on `server`; `None` for anything
    /// else (a file elsewhere is never fetched from a room).
    pub fn parse(url: &str, server: &str, room: &str) -> Option<RoomFile> {
        let rest = url.strip_prefix(server)?.strip_prefix("/room/")?;
        let (token, id) = rest.split_once("/file/")?;
        if !token.eq_ignore_ascii_case(room) || id.is_empty() || id.len() > 18 {
            return None;
        }
        let id: i64 = id.parse().ok().filter(|i| *i > 0)?;
        Some(RoomFile {
            server: server.to_owned(),
            room: room.to_owned(),
            id,
        })
    }

    /// The key its bytes are kept under.
    pub fn key(&self) -> String {
        format!("{}/room/{}/file/{}", self.server, self.room, self.id)
    }
}

impl AttachmentRecord {
    /// The record of a received (or uploaded) attachment.
    pub fn of(a: &Attachment) -> AttachmentRecord {
        AttachmentRecord {
            pointer: Some(hex::encode(a.to_bytes())),
            file: None,
            name: a.meta.file_name.clone(),
            content_type: a.meta.content_type.clone(),
            size: a.size.map_or(0, u64::from),
            voice: a.meta.voice,
            width: a.meta.width,
            height: a.meta.height,
            room_file: None,
        }
    }

    /// The pointer, read again (`None` while not uploaded).
    pub fn attachment(&self) -> Option<Result<Attachment, PointerError>> {
        let bytes = hex::decode(self.pointer.as_deref()?);
        Some(bytes.map_or(Err(PointerError::Unreadable), |b| {
            Attachment::from_bytes(&b)
        }))
    }

    /// What the list's preview says of it (in the language in use when it is stored).
    pub fn label(&self) -> String {
        let claimed = self.content_type.as_deref().unwrap_or("");
        if self.voice {
            crate::t!("chat-voice-message")
        } else if claimed.starts_with("image/") {
            crate::t!("chat-preview-photo")
        } else if claimed.starts_with("video/") {
            crate::t!("chat-preview-video")
        } else if claimed.starts_with("audio/") {
            crate::t!("chat-preview-audio")
        } else {
            match &self.name {
                Some(n) => crate::t!("chat-preview-file-named", name = n),
                None => crate::t!("chat-preview-file"),
            }
        }
    }
}

impl MessageRecord {
    /// A plain message: no files, quote, reactions or timer (set those by struct update).
    pub fn new(
        conv: ConversationId,
        author: SessionId,
        ts: u64,
        text: String,
        outgoing: bool,
        status: MessageStatus,
        stored_ms: u64,
    ) -> MessageRecord {
        MessageRecord {
            conv,
            author,
            ts,
            text,
            outgoing,
            status,
            hash: None,
            stored_ms,
            sent_ms: None,
            attachments: Vec::new(),
            quote: None,
            reactions: Vec::new(),
            deleted: false,
            read_by_peer: false,
            own_hash: None,
            expire: None,
            timer_notice: None,
            group_notice: None,
            post: None,
        }
    }

    /// What the conversation list shows of it: its text, or what its files are.
    pub fn preview(&self) -> String {
        if self.deleted {
            return crate::state::effects::deleted_notice();
        }
        if let Some(setting) = self.timer_notice {
            return crate::state::disappearing::notice(setting, self.outgoing, None);
        }
        if let Some(notice) = &self.group_notice {
            let short = |id: &SessionId| crate::state::conversations::short_id(&id.to_hex());
            let me = self.outgoing.then_some(&self.author);
            return crate::state::group_notice::text(notice, &self.author, me, &short);
        }
        match (self.text.trim().is_empty(), self.attachments.first()) {
            (true, Some(a)) if self.attachments.len() > 1 => {
                crate::t!(
                    "chat-preview-and-more",
                    first = a.label(),
                    count = self.attachments.len() - 1
                )
            }
            (true, Some(a)) => a.label(),
            _ => self.text.clone(),
        }
    }

    /// Its key in the `messages` store.
    pub fn key(&self) -> MessageKey {
        MessageKey {
            conv: self.conv.clone(),
            ts: self.ts,
            author: self.author,
        }
    }
}

/// The key of a message (and of its outbox entry): `[conv, ts, author]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MessageKey {
    /// Conversation.
    pub conv: ConversationId,
    /// Sent time.
    pub ts: u64,
    /// Author.
    pub author: SessionId,
}

impl MessageKey {
    /// The IndexedDB key (an array, so that keys sort by conversation then time).
    pub fn to_js(&self) -> JsValue {
        let a = js_sys::Array::new();
        a.push(&JsValue::from_str(&self.conv.to_string()));
        a.push(&JsValue::from_f64(self.ts as f64));
        a.push(&JsValue::from_str(&self.author.to_hex()));
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
    /// The conversation.
    pub id: ConversationId,
    /// The other party's display name, as they sent it.
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
    /// Whether the newest message is a notice (of a group, or of a timer), whose words name
    /// their author already.
    #[serde(default)]
    pub last_notice: bool,
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
    /// Listed even without messages: an approved contact of the account's settings.
    #[serde(default)]
    pub listed: bool,
    /// Its settings as they stand here (a change made here differs from `settings_agreed`
    /// until it reached the account's settings).
    #[serde(default)]
    pub settings: ConvSettings,
    /// Its settings as the account's settings last said them.
    #[serde(default)]
    pub settings_agreed: ConvSettings,
    /// The other party's avatar, as their profile (or the account's settings) named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<AvatarRef>,
    /// `lastProfileUpdateSeconds` of that avatar; `None` until a profile said anything of it
    /// (summaries from before avatars take the next one whatever its time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_updated_s: Option<u64>,
    /// A message request (messaging.md §5.5): someone we never wrote to and never accepted
    /// wrote first. Shown among the requests until accepted (or answered), declined or
    /// blocked. Older summaries are no requests.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub request: bool,
    /// We accepted the request here: the account's settings are told (the contact approved).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepted: bool,
    /// It may hold disappearing messages (the sweep looks only here).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expiring: bool,
}

/// The priority of a conversation hidden from the list (the configs' value).
pub const HIDDEN: i64 = -1;

/// Whether to notify of a conversation's messages (the configs' notify mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Notify {
    /// As the app does by default: every message.
    #[default]
    Default,
    /// Every message.
    All,
    /// Never.
    Off,
    /// Only mentions (none in a one-to-one chat).
    MentionsOnly,
}

/// What the account's devices share of a conversation, besides its read time: the fields of
/// its Contacts entry (Note to Self: the UserProfile's priority) and ConvoInfoVolatile's
/// "marked unread".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ConvSettings {
    /// Pinned when above 0 (higher first), hidden when below.
    #[serde(default)]
    pub priority: i64,
    /// Marked unread by hand (cleared when opened).
    #[serde(default)]
    pub marked_unread: bool,
    /// Notifications muted until this Unix time (s); 0: not muted.
    #[serde(default)]
    pub mute_until_s: i64,
    /// Whether to notify.
    #[serde(default)]
    pub notify: Notify,
    /// Blocked contact.
    #[serde(default)]
    pub blocked: bool,
    /// Our nickname for them (shown instead of their name).
    #[serde(default)]
    pub nickname: Option<String>,
    /// Disappearing messages.
    #[serde(default, skip_serializing_if = "ExpireSetting::is_off")]
    pub expire: ExpireSetting,
}

/// A disappearing-messages setting as stored: the configs' numbering (1 after send, 2 after
/// read) and its timer in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ExpireSetting {
    /// 0 off, 1 after send, 2 after read.
    #[serde(default)]
    pub mode: u8,
    /// The timer (s).
    #[serde(default)]
    pub secs: i64,
}

impl ExpireSetting {
    /// The setting of `d`.
    pub fn of(d: Disappearing) -> ExpireSetting {
        match d.to_pair() {
            Some((mode, secs)) => ExpireSetting {
                mode: u8::try_from(mode).unwrap_or(0),
                secs,
            },
            None => ExpireSetting::default(),
        }
    }

    /// As the protocol's type (anything unknown is off).
    pub fn disappearing(self) -> Disappearing {
        match self.mode {
            1 if self.secs > 0 => Disappearing::AfterSend(self.secs),
            2 if self.secs > 0 => Disappearing::AfterRead(self.secs),
            _ => Disappearing::Off,
        }
    }

    /// Off.
    pub fn is_off(&self) -> bool {
        self.disappearing() == Disappearing::Off
    }
}

/// When a disappearing message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageExpiry {
    /// Its mode and timer.
    pub setting: ExpireSetting,
    /// When it goes (ms); `None` for one to disappear after read, until it is read.
    #[serde(default)]
    pub until_ms: Option<u64>,
}

/// `MUTE_FOREVER_S`: what "muted until" holds for "always" (the year 9999; any time past the
/// end of the world does).
pub const MUTE_FOREVER_S: i64 = 253_402_300_799;

impl ConvSettings {
    /// Pinned to the top of the list.
    pub fn pinned(&self) -> bool {
        self.priority > 0
    }

    /// Hidden from the list until a message arrives.
    pub fn hidden(&self) -> bool {
        self.priority < 0
    }

    /// Whether notifications are muted at Unix time `now_s`, for a while or for good.
    pub fn muted(&self, now_s: i64) -> bool {
        matches!(self.notify, Notify::Off | Notify::MentionsOnly) || self.mute_until_s > now_s
    }

    /// Whether its messages make no notification at Unix time `now_s`: muted, or blocked.
    pub fn silenced(&self, now_s: i64) -> bool {
        self.blocked || self.muted(now_s)
    }

    /// Three-way merge of one conversation's settings: each field changed here since the last
    /// agreement (`base`) keeps its value here; every other field takes `remote`'s.
    pub fn merged(&self, base: &ConvSettings, remote: &ConvSettings) -> ConvSettings {
        fn pick<T: PartialEq + Clone>(local: &T, base: &T, remote: &T) -> T {
            if local == base {
                remote.clone()
            } else {
                local.clone()
            }
        }
        ConvSettings {
            priority: pick(&self.priority, &base.priority, &remote.priority),
            marked_unread: pick(
                &self.marked_unread,
                &base.marked_unread,
                &remote.marked_unread,
            ),
            mute_until_s: pick(&self.mute_until_s, &base.mute_until_s, &remote.mute_until_s),
            notify: pick(&self.notify, &base.notify, &remote.notify),
            blocked: pick(&self.blocked, &base.blocked, &remote.blocked),
            nickname: pick(&self.nickname, &base.nickname, &remote.nickname),
            expire: pick(&self.expire, &base.expire, &remote.expire),
        }
    }
}

fn received() -> MessageStatus {
    MessageStatus::Received
}

impl ConversationRecord {
    /// An empty conversation.
    pub fn new(id: ConversationId) -> Self {
        ConversationRecord {
            id,
            name: None,
            name_updated_s: 0,
            last_text: String::new(),
            last_ts: 0,
            last_outgoing: false,
            last_notice: false,
            last_status: MessageStatus::Received,
            unread: 0,
            last_read_ts: 0,
            count: 0,
            listed: false,
            settings: ConvSettings::default(),
            settings_agreed: ConvSettings::default(),
            avatar: None,
            avatar_updated_s: None,
            request: false,
            accepted: false,
            expiring: false,
        }
    }

    /// Folds a newly stored message into the summary.
    pub fn absorb(&mut self, m: &MessageRecord) {
        self.count += 1;
        self.expiring |= m.expire.is_some();
        if m.ts >= self.last_ts {
            self.last_ts = m.ts;
            self.last_text = m.preview();
            self.last_outgoing = m.outgoing;
            self.last_status = m.status;
            self.last_notice = m.group_notice.is_some() || m.timer_notice.is_some();
        }
        if m.outgoing {
            // Writing in a conversation reads everything before it, and accepts it.
            self.request = false;
            self.unread = 0;
            self.last_read_ts = self.last_read_ts.max(m.ts);
        } else if m.ts > self.last_read_ts && m.group_notice.is_none() {
            // What happens to a group is shown, not counted as a message to read.
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

    /// Applies an avatar (or its removal, `None`) from a profile of time `updated_s`, by the
    /// rule names follow: only a strictly newer one, or any when neither has a time
    /// (messaging.md §5.9). `true` if the summary changed.
    pub fn apply_avatar(&mut self, avatar: Option<&AvatarRef>, updated_s: u64) -> bool {
        let newer = match self.avatar_updated_s {
            None => true,
            Some(s) => updated_s > s || (updated_s == 0 && s == 0),
        };
        if !newer {
            return false;
        }
        let changed = self.avatar.as_ref() != avatar || self.avatar_updated_s != Some(updated_s);
        self.avatar = avatar.cloned();
        self.avatar_updated_s = Some(updated_s);
        changed
    }

    /// After the message `old` became `new` (`None`: removed), with `newest` the newest
    /// message left: the count, the unread count and the last message's preview follow.
    pub fn after_edit(
        &mut self,
        old: &MessageRecord,
        new: Option<&MessageRecord>,
        newest: Option<&MessageRecord>,
    ) {
        if new.is_none() {
            self.count = self.count.saturating_sub(1);
            if !old.outgoing && old.ts > self.last_read_ts {
                self.unread = self.unread.saturating_sub(1);
            }
        }
        match newest {
            Some(m) => {
                self.last_ts = m.ts;
                self.last_text = m.preview();
                self.last_outgoing = m.outgoing;
                self.last_status = m.status;
            }
            None => {
                self.last_text.clear();
                self.last_outgoing = false;
            }
        }
    }

    /// Shows a new delivery status of our message `key` when it is the newest; `true` if the
    /// summary changed.
    pub fn apply_status(&mut self, key: &MessageKey, status: MessageStatus) -> bool {
        if self.last_ts == key.ts && self.last_outgoing && self.last_status != status {
            self.last_status = status;
            return true;
        }
        false
    }

    /// Marks everything read up to the newest message; `true` if the summary changed.
    pub fn mark_read(&mut self) -> bool {
        let marked = std::mem::take(&mut self.settings.marked_unread);
        if self.unread > 0 || self.last_read_ts < self.last_ts {
            self.unread = 0;
            self.last_read_ts = self.last_ts;
            return true;
        }
        marked
    }

    /// Whether it is a message request waiting for an answer (never a blocked one: those are
    /// hidden).
    pub fn is_request(&self) -> bool {
        self.request && !self.settings.blocked
    }

    /// Its messages are gone; `hide` takes it off the list too (unpinned, hidden: the
    /// official apps' "delete conversation"), and answers a request.
    pub fn clear(&mut self, hide: bool) {
        self.count = 0;
        self.unread = 0;
        self.last_text.clear();
        self.last_outgoing = false;
        self.last_read_ts = self.last_read_ts.max(self.last_ts);
        self.settings.marked_unread = false;
        if hide {
            self.settings.priority = HIDDEN;
            self.request = false;
        }
    }

    /// Accepted here (a reply, or the Accept button).
    pub fn accept(&mut self) -> bool {
        let changed = self.request || !self.accepted;
        self.request = false;
        self.accepted = true;
        changed
    }

    /// Whether it shows as unread: unread messages, or marked so by hand.
    pub fn shows_unread(&self) -> bool {
        self.unread > 0 || self.settings.marked_unread
    }

    /// Whether the conversation list shows it: it has messages or is an approved contact,
    /// is not hidden (a hidden one comes back with a new message), and is no request (those
    /// are listed apart).
    pub fn is_listed(&self) -> bool {
        (self.count > 0 || self.listed)
            && (!self.settings.hidden() || self.unread > 0)
            && !self.is_request()
    }

    /// Applies what the account's settings say of this conversation: the contact's name when
    /// we have none from their messages, its settings (those changed here since they last
    /// agreed stay, to be pushed), and how far it was read on another device (`unread_after`
    /// counts our incoming messages after that time). `true` if the summary changed.
    pub fn apply_synced(
        &mut self,
        sync: &SyncedConversation,
        unread_after: impl FnOnce(u64) -> u32,
    ) -> bool {
        let before = self.clone();
        if self.name.is_none() {
            if let Some(name) = sync
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
            {
                self.name = Some(name.to_owned());
            }
        }
        self.settings = self.settings.merged(&self.settings_agreed, &sync.settings);
        self.settings_agreed = sync.settings.clone();
        self.listed = sync.listed;
        if sync.listed {
            // Accepted on another device.
            self.request = false;
        }
        if let Some(read) = sync.last_read_ms.filter(|r| *r > self.last_read_ts) {
            self.last_read_ts = read;
            self.unread = if read >= self.last_ts {
                0
            } else {
                unread_after(read)
            };
        }
        *self != before
    }

    /// The summary after a batch of new messages and names, or `None` when there is nothing
    /// to store (unchanged, or still empty and nameless).
    pub fn updated(
        id: &ConversationId,
        existing: Option<ConversationRecord>,
        messages: &[&MessageRecord],
        names: &[(&str, u64)],
    ) -> Option<ConversationRecord> {
        let mut conv = existing.unwrap_or_else(|| ConversationRecord::new(id.clone()));
        let before = conv.clone();
        for m in messages {
            conv.absorb(m);
        }
        for (name, updated_s) in names {
            conv.apply_name(name, *updated_s);
        }
        (conv != before && (conv.count > 0 || conv.name.is_some())).then_some(conv)
    }

    /// [`ConversationRecord::updated`] with whole profiles: each applies its name and its
    /// avatar (an update with an empty name, from the account's settings, only its avatar).
    pub fn received(
        id: &ConversationId,
        existing: Option<ConversationRecord>,
        messages: &[&MessageRecord],
        profiles: &[&NameUpdate],
    ) -> Option<ConversationRecord> {
        let new = existing.is_none();
        let mut conv = existing.unwrap_or_else(|| ConversationRecord::new(id.clone()));
        let before = conv.clone();
        if new && matches!(id, ConversationId::Direct(_) | ConversationId::Group(_)) && !conv.listed
        {
            // Someone new writes first (or invites us to a group): a request, unless we write
            // in this batch too.
            conv.request = messages.iter().any(|m| !m.outgoing);
        }
        for m in messages {
            conv.absorb(m);
        }
        for p in profiles {
            conv.apply_name(&p.name, p.updated_s);
            conv.apply_avatar(p.picture.as_ref(), p.updated_s);
        }
        let keep = conv.count > 0 || conv.name.is_some() || conv.listed;
        (conv != before && keep).then_some(conv)
    }
}

/// An encrypted message waiting to be (fully) stored in the swarms: core's
/// [`OutboxEntry`] under the key of its message.
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

impl OutboxRecord {
    /// The record of `entry` under `key`.
    pub fn new(key: MessageKey, entry: OutboxEntry) -> OutboxRecord {
        OutboxRecord {
            key,
            outgoing: entry.outgoing,
            attempts: entry.attempts,
            created_ms: entry.created_ms,
        }
    }

    /// The entry as the engine delivers it.
    pub fn entry(&self) -> OutboxEntry {
        OutboxEntry {
            outgoing: self.outgoing.clone(),
            attempts: self.attempts,
            created_ms: self.created_ms,
        }
    }
}

/// What the account's settings (its Contacts and ConvoInfoVolatile configs) say of one
/// conversation, to apply to its summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedConversation {
    /// The conversation.
    pub conv: ConversationId,
    /// The contact's own display name, as the settings keep it.
    pub name: Option<String>,
    /// Its settings (defaults where the account's settings have no entry).
    pub settings: ConvSettings,
    /// How far it was read (ms), when the settings say.
    pub last_read_ms: Option<u64>,
    /// Listed even without messages (an approved contact that is not hidden).
    pub listed: bool,
}

impl SyncedConversation {
    /// Whether a conversation without a summary here gets one: it is listed, or has settings
    /// or a read time that the messages of the same poll must find in place.
    pub fn makes_summary(&self) -> bool {
        self.listed || self.settings != ConvSettings::default() || self.last_read_ms.is_some()
    }
}

/// One group of the account (groups v2): the core's dump of its state (keys, configs, auth
/// data, queued admin work), kept in `meta` beside the configs. The group's key, when we are
/// an admin, is inside the dump's owner: it is kept here as the UserGroups config keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRecord {
    /// The group ID (`03…` hex).
    pub id: String,
    /// The group's 32-byte Ed25519 seed (hex) when we are an admin.
    #[serde(default)]
    pub admin_seed: Option<String>,
    /// `GroupState::dump()`, hex.
    pub dump: String,
    /// An invitation not accepted yet (shown as a request).
    #[serde(default)]
    pub invited: bool,
    /// Who invited us (`05…` hex).
    #[serde(default)]
    pub inviter: Option<String>,
    /// The group's name as the invitation gave it (until its info says one).
    #[serde(default)]
    pub name: String,
    /// We left (or declined) it here: kept until the account's settings forget it too, so
    /// that no other device's record brings it back.
    #[serde(default)]
    pub left: bool,
    /// We accepted the invitation and the group has not been told yet (it needs a key first).
    #[serde(default)]
    pub respond: bool,
}
