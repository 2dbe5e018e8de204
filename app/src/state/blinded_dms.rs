//! Blinded direct messages as stored messages (messaging.md §7.8): someone seen in a
//! community writes to us through its server's inbox knowing only our blinded ID, and we to
//! them. Opening one reveals its sender's real Session ID. A message from someone we wrote to
//! by their blinded ID continues that conversation; one from anyone else is a message request
//! under their real ID, taken only while the "community message requests" setting allows; our
//! own (the server's outbox, from any of our devices) belongs to the conversation with the
//! recipient's blinded ID. Pure: the communities part opens, stores and sends.

use session_core::community::api::DirectMessage;
use session_core::community::dm::OpenedDm;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::decode_content;
use session_core::message::profile::profile_of;

use super::room_posts::post_time;
use crate::storage::repo::NameUpdate;
use crate::storage::{MessageRecord, MessageStatus};

/// How far a sender's own time may be from the server's and still be the message's time
/// (the community rule, §5.1).
pub const SENDER_TIME_SLACK_MS: u64 = 6 * 3_600_000;

/// Where an opened message goes, given the conversations we have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Into this conversation.
    Into(ConversationId),
    /// Nowhere: a request while requests are refused.
    Refused,
}

/// The conversation of a message from `item` opened as `opened`: ours go to the recipient's
/// blinded conversation; theirs to the blinded conversation we began with them, else to the
/// one with their real ID when it exists or requests are taken.
pub fn placement(
    item: &DirectMessage,
    opened: &OpenedDm,
    known: &[ConversationId],
    take_requests: bool,
) -> Placement {
    if opened.outgoing {
        return Placement::Into(ConversationId::Blinded(item.recipient));
    }
    let blinded = ConversationId::Blinded(item.sender);
    if known.contains(&blinded) {
        return Placement::Into(blinded);
    }
    let real = ConversationId::Direct(opened.sender);
    if known.contains(&real) || take_requests {
        Placement::Into(real)
    } else {
        Placement::Refused
    }
}

/// The message and the sender's name an opened direct message comes to in `conv`; `None`
/// when it carries no visible message. `me` is our Session ID (the author of ours).
pub fn record_of(
    conv: ConversationId,
    item: &DirectMessage,
    opened: &OpenedDm,
    me: &SessionId,
    now_ms: u64,
) -> Option<(MessageRecord, Option<NameUpdate>)> {
    let content = decode_content(&opened.plaintext).ok()?;
    let data = content.data_message.as_ref()?;
    let text = data.body.clone().unwrap_or_default();
    if text.trim().is_empty() {
        return None;
    }
    let posted = post_time(item.posted_at);
    // The sender's own time keys the message (so our device's copy meets the one we stored
    // on sending), unless it is far from the server's.
    let ts = match content.sig_timestamp {
        Some(t) if t.abs_diff(posted) <= SENDER_TIME_SLACK_MS => t,
        _ => posted,
    };
    let outgoing = opened.outgoing;
    let author = if outgoing { *me } else { opened.sender };
    let name = (!outgoing)
        .then(|| profile_of(data.profile.as_ref(), None))
        .flatten()
        .map(|p| NameUpdate {
            conv: conv.clone(),
            name: p.display_name,
            updated_s: p.updated_s,
            picture: None,
        });
    let status = if outgoing {
        MessageStatus::Sent
    } else {
        MessageStatus::Received
    };
    let record = MessageRecord::new(conv, author, ts, text, outgoing, status, now_ms);
    Some((record, name))
}
