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
    /// Rows in order: which fact, and its value.
    pub rows: Vec<(InfoField, InfoRow)>,
}

/// Which fact a row of "Message info" gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoField {
    /// When it was sent.
    Sent,
    /// When this device stored one of ours.
    Stored,
    /// When this device received someone else's.
    Received,
    /// The time its sender claimed, when it was capped as not believable.
    Claimed,
    /// Its author.
    From,
    /// Its swarm hash.
    Hash,
    /// When it disappears.
    Disappears,
    /// Its status.
    Status,
}

impl InfoField {
    /// The words shown for the row.
    pub fn label(self) -> String {
        match self {
            InfoField::Sent => t!("chat-info-sent"),
            InfoField::Stored => t!("chat-info-stored"),
            InfoField::Received => t!("chat-info-received"),
            InfoField::Claimed => t!("chat-info-claimed"),
            InfoField::From => t!("chat-info-from"),
            InfoField::Hash => t!("chat-info-hash"),
            InfoField::Disappears => t!("chat-info-disappears"),
            InfoField::Status => t!("chat-info-status"),
        }
    }
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
    let mut rows = vec![(InfoField::Sent, InfoRow::Time(msg.ts))];
    if msg.stored_ms > 0 {
        let field = if msg.outgoing {
            InfoField::Stored
        } else {
            InfoField::Received
        };
        rows.push((field, InfoRow::Time(msg.stored_ms)));
    }
    if let Some(claimed) = msg.sent_ms {
        rows.push((InfoField::Claimed, InfoRow::Time(claimed)));
    }
    rows.push((InfoField::From, InfoRow::Code(msg.author.to_hex())));
    rows.push((
        InfoField::Hash,
        match &msg.hash {
            Some(h) => InfoRow::Code(h.clone()),
            None => InfoRow::Text(t!("chat-info-no-hash")),
        },
    ));
    if let Some(e) = msg.expire {
        rows.push((
            InfoField::Disappears,
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
    rows.push((InfoField::Status, InfoRow::Text(status)));
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

/// Whether a menu opened from a point `top` px down a viewport `height` px high opens
/// upwards (in the lower half there is more room above).
pub fn opens_upward(top: f64, height: f64) -> bool {
    top > height / 2.0
}
