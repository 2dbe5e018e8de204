//! Replies (messaging.md §4.3, §5.10): a visible message whose `quote` names the message it
//! answers by author and time. The quoted text and files are not copied (the official apps no
//! longer send them); the receiver looks the original up and shows "original not found" when
//! it has none.

use super::compose::ContentBuilder;
use super::receive::MessageEvent;
use super::reference::{MessageRef, ReferenceError};
use crate::proto::session::data_message;

/// The quote of a reply to `target`.
pub fn to_proto(target: &MessageRef) -> data_message::Quote {
    data_message::Quote {
        id: target.timestamp_ms,
        author: target.author.to_hex(),
        text: None,
        attachments: Vec::new(),
    }
}

/// The message a received quote names.
pub fn from_proto(q: &data_message::Quote) -> Result<MessageRef, ReferenceError> {
    MessageRef::parse(q.id, &q.author)
}

impl ContentBuilder {
    /// Makes this message a reply to `target`.
    pub fn reply_to(mut self, target: &MessageRef) -> ContentBuilder {
        self.data_mut().quote = Some(to_proto(target));
        self
    }
}

impl MessageEvent {
    /// The message this one replies to; `None` when it is no reply or its quote names no
    /// message (the reply is still shown, without its quote).
    pub fn quote(&self) -> Option<MessageRef> {
        let q = self.content.data_message.as_ref()?.quote.as_ref()?;
        from_proto(q).ok()
    }
}
