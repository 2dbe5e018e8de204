//! A message's identity as other messages name it: its author and sent time T (messaging.md
//! §5.1). Quotes, reactions, read receipts and unsend requests all point at a message this way.

use crate::identity::SessionId;
use std::fmt;

/// The message `author` sent at `timestamp_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageRef {
    /// Its author (a `05` Session ID in one-to-one chats).
    pub author: SessionId,
    /// Its sent time T (ms).
    pub timestamp_ms: u64,
}

/// Why a reference in a received message cannot be used.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// The author is not a Session ID.
    Author,
    /// A time of 0: no message has it.
    Timestamp,
    /// A reaction whose emoji is empty, too long, or holds characters no emoji has.
    Emoji,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceError::Author => {
                f.write_str("the referenced message's author is not a Session ID")
            }
            ReferenceError::Timestamp => f.write_str("the referenced message has no time"),
            ReferenceError::Emoji => f.write_str("the reaction is not an emoji"),
        }
    }
}

impl std::error::Error for ReferenceError {}

impl MessageRef {
    /// The message `author` sent at `timestamp_ms`.
    pub fn new(author: SessionId, timestamp_ms: u64) -> MessageRef {
        MessageRef {
            author,
            timestamp_ms,
        }
    }

    /// Reads the `(id, author)` pair of a Quote or a Reaction.
    pub(crate) fn parse(timestamp_ms: u64, author: &str) -> Result<MessageRef, ReferenceError> {
        let author: SessionId = author.parse().map_err(|_| ReferenceError::Author)?;
        if timestamp_ms == 0 {
            return Err(ReferenceError::Timestamp);
        }
        Ok(MessageRef::new(author, timestamp_ms))
    }
}
