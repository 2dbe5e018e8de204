//! What polling yields: typed events, and what was dropped and why.

use super::ClientError;
use crate::identity::SessionId;
use crate::message::MessageError;
use crate::proto::session::Content;

/// Which way a message went, from this account's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Someone else wrote to us.
    Incoming,
    /// Another device of ours sent it (its sync copy, messaging.md §5.3); `to` is the
    /// recipient it named.
    Outgoing,
    /// We wrote to ourselves (note to self).
    NoteToSelf,
}

/// A visible message (a `DataMessage`: text, attachments, reaction, quote…).
#[derive(Debug, Clone, PartialEq)]
pub struct MessageEvent {
    /// Swarm hash of the stored copy.
    pub hash: String,
    /// Author (verified by the signature).
    pub from: SessionId,
    /// Recipient: us, or for [`Direction::Outgoing`] the contact our other device wrote to.
    pub to: SessionId,
    /// Which way it went.
    pub direction: Direction,
    /// Sent time T (ms), which with `from` identifies the message.
    pub timestamp_ms: u64,
    /// When the network drops it (ms).
    pub expires_ms: u64,
    /// The text, if any.
    pub text: Option<String>,
    /// The whole decrypted Content (sync copies keep their `syncTarget`).
    pub content: Box<Content>,
}

impl MessageEvent {
    /// The other party of the conversation this message belongs to (ourselves for notes to
    /// self).
    pub fn conversation(&self) -> SessionId {
        match self.direction {
            Direction::Incoming => self.from,
            Direction::Outgoing | Direction::NoteToSelf => self.to,
        }
    }
}

/// Something that arrived in our swarm.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A visible message.
    Message(MessageEvent),
    /// The author asks to delete their message `(author, timestamp_ms)` (messaging.md §5.4).
    Unsend {
        /// Swarm hash of the request itself.
        hash: String,
        /// Author of the request and of the message to delete (checked equal).
        from: SessionId,
        /// Sent time of the message to delete.
        timestamp_ms: u64,
    },
    /// Delivery or read receipts for messages we sent at these times.
    Receipt {
        /// Swarm hash.
        hash: String,
        /// Who read or received them.
        from: SessionId,
        /// Read receipts (otherwise delivery).
        read: bool,
        /// Sent times of the messages concerned.
        timestamps_ms: Vec<u64>,
    },
    /// A typing indicator.
    Typing {
        /// Swarm hash.
        hash: String,
        /// Who is typing.
        from: SessionId,
        /// Started (true) or stopped.
        started: bool,
    },
    /// Any other verified content (call signalling, message-request responses, screenshots
    /// notices, group invitations…), passed through.
    Other {
        /// Swarm hash.
        hash: String,
        /// Author.
        from: SessionId,
        /// Sent time T (ms).
        timestamp_ms: u64,
        /// The decrypted Content.
        content: Box<Content>,
    },
}

impl Event {
    /// The swarm hash of the item this event came from.
    pub fn hash(&self) -> &str {
        match self {
            Event::Message(m) => &m.hash,
            Event::Unsend { hash, .. }
            | Event::Receipt { hash, .. }
            | Event::Typing { hash, .. }
            | Event::Other { hash, .. } => hash,
        }
    }
}

/// Why a retrieved item produced no event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// It did not decrypt or verify, or does not parse.
    Undecryptable(MessageError),
    /// The same `(author, timestamp)` was already delivered under another hash.
    Duplicate,
    /// A sync copy (`syncTarget`) not written by ourselves, or naming an invalid recipient.
    ForgedSync,
    /// An unsend request whose author is not its sender.
    ForgedUnsend,
}

/// A retrieved item that produced no event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its swarm hash.
    pub hash: String,
    /// Why.
    pub reason: SkipReason,
}

/// The result of one poll.
#[derive(Debug, Clone, PartialEq)]
pub struct PollReport {
    /// New events, oldest first (by sent time).
    pub events: Vec<Event>,
    /// New items that produced no event.
    pub skipped: Vec<Skipped>,
    /// Swarm members that answered.
    pub nodes_polled: usize,
    /// Failures of the members that did not (the poll still succeeds if one answered).
    pub errors: Vec<ClientError>,
}
