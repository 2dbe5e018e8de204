//! The one-to-one control messages (messaging.md §4.6–§4.9, §5.4, §5.5, §5.7, §5.8): unsend
//! requests, read receipts, typing indicators and message-request acceptance. None of them is
//! disappearing; only the unsend request goes to our own swarm as well (see
//! [`super::compose::sync_copy`]).

use super::compose::Profile;
use super::reference::MessageRef;
use crate::proto::session::{
    receipt_message, typing_message, Content, MessageRequestResponse, ReceiptMessage,
    TypingMessage, UnsendRequest,
};

/// How long the network keeps a typing indicator (DESK `TTL_DEFAULT.TYPING_MESSAGE`): it means
/// nothing a few seconds later.
pub const TYPING_TTL_MS: u64 = 20_000;

/// While typing, STARTED is sent again this often.
pub const TYPING_REFRESH_MS: u64 = 10_000;

/// A shown typing indicator goes away after this long without a refresh.
pub const TYPING_SHOWN_MS: u64 = 15_000;

/// Asks the recipient (and our other devices) to delete `target`, which must be ours.
pub fn unsend(target: &MessageRef) -> Content {
    Content {
        unsend_request: Some(UnsendRequest {
            timestamp: target.timestamp_ms,
            author: target.author.to_hex(),
        }),
        ..Content::default()
    }
}

/// Tells a contact we read their messages sent at `timestamps_ms`.
pub fn read_receipt(timestamps_ms: &[u64]) -> Content {
    Content {
        receipt_message: Some(ReceiptMessage {
            r#type: receipt_message::Type::Read as i32,
            timestamp: timestamps_ms.to_vec(),
        }),
        ..Content::default()
    }
}

/// A typing indicator. Its timestamp is set to the message's T when it is encoded (receivers
/// drop one whose times differ).
pub fn typing(started: bool) -> Content {
    let action = if started {
        typing_message::Action::Started
    } else {
        typing_message::Action::Stopped
    };
    Content {
        typing_message: Some(TypingMessage {
            timestamp: 0,
            action: action as i32,
        }),
        ..Content::default()
    }
}

/// Accepts a contact's message request, with our profile as visible messages carry it.
pub fn accept_request(profile: Option<&Profile>) -> Content {
    let (profile, profile_key) = match profile.map(Profile::to_proto) {
        Some((p, key)) => (Some(p), key),
        None => (None, None),
    };
    Content {
        message_request_response: Some(MessageRequestResponse {
            is_approved: true,
            profile_key,
            profile,
        }),
        ..Content::default()
    }
}
