//! What can be done with one message, from its "⋯" menu ([`actions_for`]), and what its
//! "Message info" shows ([`info_of`]). A new action (reply, react, delete…) is a variant of
//! [`MessageAction`], a line in [`actions_for`] and an arm where the menu runs it.

use super::edits::can_unsend;
use crate::storage::{MessageRecord, MessageStatus};
use crate::t;

/// An entry of a message's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageAction {
    /// Reply to it (the composer quotes it).
    Reply,
    /// Copy its text to the clipboard.
    CopyText,
    /// Send a failed message of ours again.
    Retry,
    /// Times, hash, author and status.
    Info,
    /// Delete it on this device.
    DeleteForMe,
    /// Delete our message for everyone (the contact and our other devices).
    DeleteForEveryone,
    /// Write to the author of a community post (through the room's server).
    MessageAuthor,
}

impl MessageAction {
    /// The menu label.
    pub fn label(self) -> String {
        match self {
            MessageAction::Reply => t!("chat-action-reply"),
            MessageAction::CopyText => t!("chat-action-copy"),
            MessageAction::Retry => t!("chat-action-resend"),
            MessageAction::Info => t!("chat-action-info"),
            MessageAction::DeleteForMe => t!("chat-action-delete-me"),
            MessageAction::DeleteForEveryone => t!("chat-action-delete-all"),
            MessageAction::MessageAuthor => t!("chat-action-message-author"),
        }
    }

    /// Its `data-testid` suffix (`msg-action-…`).
    pub fn id(self) -> &'static str {
        match self {
            MessageAction::Reply => "reply",
            MessageAction::CopyText => "copy",
            MessageAction::Retry => "retry",
            MessageAction::Info => "info",
            MessageAction::DeleteForMe => "delete-me",
            MessageAction::DeleteForEveryone => "delete-all",
            MessageAction::MessageAuthor => "message-author",
        }
    }
}

/// The actions `msg` offers, in menu order; `status` is the one it shows (a message whose
/// upload was abandoned by a closed tab shows failed while stored as sending).
pub fn actions_for(msg: &MessageRecord, status: MessageStatus) -> Vec<MessageAction> {
    let mut actions = Vec::new();
    if msg.deleted {
        // Only its notice is left.
        return vec![MessageAction::Info, MessageAction::DeleteForMe];
    }
    if status != MessageStatus::Failed && status != MessageStatus::Sending {
        actions.push(MessageAction::Reply);
    }
    if !msg.text.trim().is_empty() {
        actions.push(MessageAction::CopyText);
    }
    // Someone else's post in a room: write to them through its server.
    if msg.post.is_some() && !msg.outgoing {
        actions.push(MessageAction::MessageAuthor);
    }
    if msg.outgoing && status == MessageStatus::Failed {
        actions.push(MessageAction::Retry);
    }
    actions.push(MessageAction::Info);
    actions.push(MessageAction::DeleteForMe);
    if status == MessageStatus::Sent && can_unsend(msg) {
        actions.push(MessageAction::DeleteForEveryone);
    }
    actions
}

/// Whether the message can take reactions: shown whole and not in the middle of sending.
pub fn can_react(msg: &MessageRecord, status: MessageStatus) -> bool {
    !msg.deleted && matches!(status, MessageStatus::Sent | MessageStatus::Received)
}

/// The quick reactions offered above a message's menu (the official apps' six).
pub const QUICK_REACTIONS: [&str; 6] = ["👍", "❤️", "😂", "😮", "😢", "😡"];

/// The facts "Message info" lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageInfo {
    /// Rows in order: the row's name (English, a stable name; [`info_label`] gives the words
    /// shown) and value.
    pub rows: Vec<(&'static str, InfoRow)>,
}

/// One fact of "Message info".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InfoRow {
    /// A time (ms).
    Time(u64),
    /// An identifier shown in full.
    Code(String),
    /// Plain text.
    Text(String),
}

/// What "Message info" shows of `msg` (with `status` as the bubble shows it): when it was
/// sent, when this device stored it, the time its sender claimed when it was capped, its
/// swarm hash, its author and its status.
pub fn info_of(msg: &MessageRecord, status: MessageStatus) -> MessageInfo {
    let mut rows = vec![("Sent", InfoRow::Time(msg.ts))];
    if msg.stored_ms > 0 {
        let label = if msg.outgoing { "Stored" } else { "Received" };
        rows.push((label, InfoRow::Time(msg.stored_ms)));
    }
    if let Some(claimed) = msg.sent_ms {
        rows.push(("Sender's time (not believed)", InfoRow::Time(claimed)));
    }
    rows.push(("From", InfoRow::Code(msg.author.to_hex())));
    rows.push((
        "Message hash",
        match &msg.hash {
            Some(h) => InfoRow::Code(h.clone()),
            None => InfoRow::Text(t!("chat-info-no-hash")),
        },
    ));
    if let Some(e) = msg.expire {
        rows.push((
            "Disappears",
            match e.until_ms {
                Some(t) => InfoRow::Time(t),
                None => InfoRow::Text(t!("chat-info-once-read")),
            },
        ));
    }
    let status = if msg.read_by_peer {
        t!("chat-status-read")
    } else {
        status_text(status)
    };
    rows.push(("Status", InfoRow::Text(status)));
    MessageInfo { rows }
}

/// A status in words.
pub fn status_text(status: MessageStatus) -> String {
    match status {
        MessageStatus::Sending => t!("chat-status-sending"),
        MessageStatus::Sent => t!("chat-status-sent"),
        MessageStatus::Failed => t!("chat-status-failed"),
        MessageStatus::Received => t!("chat-status-received"),
    }
}

/// The words shown for a row of "Message info", by its name in [`MessageInfo::rows`].
pub fn info_label(name: &str) -> String {
    match name {
        "Sent" => t!("chat-info-sent"),
        "Stored" => t!("chat-info-stored"),
        "Received" => t!("chat-info-received"),
        "Sender's time (not believed)" => t!("chat-info-claimed"),
        "From" => t!("chat-info-from"),
        "Message hash" => t!("chat-info-hash"),
        "Disappears" => t!("chat-info-disappears"),
        "Status" => t!("chat-info-status"),
        other => other.to_owned(),
    }
}

/// Whether a menu opened from a point `top` px down a viewport `height` px high opens
/// upwards (in the lower half there is more room above).
pub fn opens_upward(top: f64, height: f64) -> bool {
    top > height / 2.0
}
