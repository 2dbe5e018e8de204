//! Emoji reactions in one-to-one chats and groups (messaging.md §4.3, §5.10): a DataMessage
//! that holds only a `reaction` naming the message it reacts to. Each reaction message gets
//! its own fresh T (the mobile apps would drop a second message with the same time), and is
//! synced to our other devices like any visible message.

use super::compose::ContentBuilder;
use super::reference::{MessageRef, ReferenceError};
use crate::proto::session::data_message::{self, reaction};
use crate::proto::session::DataMessage;

/// Longest emoji sequence accepted, in bytes (the longest standard sequences, families and
/// flags with tags, take about 35).
pub const MAX_EMOJI_BYTES: usize = 64;

/// Whether a reaction is added or taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReactionAction {
    /// React with the emoji.
    Add,
    /// Take the reaction with that emoji back.
    Remove,
}

/// A reaction to a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reaction {
    /// The message reacted to.
    pub target: MessageRef,
    /// The emoji (one grapheme, possibly a sequence).
    pub emoji: String,
    /// Added or removed.
    pub action: ReactionAction,
}

/// Whether `emoji` can be a reaction: 1 to [`MAX_EMOJI_BYTES`] bytes, no white space and no
/// control characters, and not plain ASCII text.
pub fn is_valid_emoji(emoji: &str) -> bool {
    !emoji.is_empty()
        && emoji.len() <= MAX_EMOJI_BYTES
        && !emoji.chars().any(|c| c.is_whitespace() || c.is_control())
        && !emoji.is_ascii()
}

impl Reaction {
    /// The reaction as the protobuf carries it.
    pub fn to_proto(&self) -> data_message::Reaction {
        data_message::Reaction {
            id: self.target.timestamp_ms,
            author: self.target.author.to_hex(),
            emoji: Some(self.emoji.clone()),
            action: match self.action {
                ReactionAction::Add => reaction::Action::React,
                ReactionAction::Remove => reaction::Action::Remove,
            } as i32,
        }
    }

    /// Reads a received reaction.
    pub fn from_proto(p: &data_message::Reaction) -> Result<Reaction, ReferenceError> {
        let target = MessageRef::parse(p.id, &p.author)?;
        let emoji = p.emoji.clone().unwrap_or_default();
        if !is_valid_emoji(&emoji) {
            return Err(ReferenceError::Emoji);
        }
        let action = if p.action == reaction::Action::Remove as i32 {
            ReactionAction::Remove
        } else {
            ReactionAction::Add
        };
        Ok(Reaction {
            target,
            emoji,
            action,
        })
    }
}

impl ContentBuilder {
    /// A reaction message: only the reaction (add our profile with
    /// [`ContentBuilder::profile`], as the official apps do).
    pub fn reaction(reaction: &Reaction) -> ContentBuilder {
        ContentBuilder::from_data(DataMessage {
            reaction: Some(reaction.to_proto()),
            ..DataMessage::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_short_visible_and_not_plain_text() {
        for ok in ["👍", "❤️", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷"] {
            assert!(is_valid_emoji(ok), "{ok}");
        }
        for bad in ["", "ok", ":)", "👍 👍", "\u{7}", &"😀".repeat(17)] {
            assert!(!is_valid_emoji(bad), "{bad:?}");
        }
    }
}
