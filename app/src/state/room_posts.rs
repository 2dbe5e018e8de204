//! What a community room's events do to stored messages (messaging.md §7.6–7.7). Every event
//! a room poll brings is the current state of one post: new, edited, with its reactions
//! counted anew, or deleted. A post is stored as a message keyed by its author (a blinded ID
//! on servers that blind) and the time the server posted it, so that every reader keys it
//! alike and later events find it; its server ID rides along for edits, deletions and
//! reactions. Pure: the communities part stores what this returns.

use session_core::community::api::RoomMessage;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::decode_content;
use session_core::message::profile::clean_display_name;
use session_core::message::quote::from_proto;

use super::effects::Effect;
use crate::storage::{
    AttachmentRecord, MessageKey, MessageRecord, MessageStatus, PostRecord, QuoteRecord, RoomFile,
    RoomReaction,
};
use session_core::attachment::pointer::MAX_PER_MESSAGE;
use session_core::proto::session::{attachment_pointer, AttachmentPointer};

/// A post's file as stored: what its pointer says of it, and where it is on the room's
/// server (a file anywhere else is shown as unavailable, never fetched).
fn room_attachment(p: &AttachmentPointer, server: &str, room: &str) -> AttachmentRecord {
    let text = |t: &Option<String>, max: usize| {
        t.as_deref()
            .map(|t| {
                t.chars()
                    .filter(|c| !c.is_control())
                    .take(max)
                    .collect::<String>()
            })
            .filter(|t| !t.is_empty())
    };
    AttachmentRecord {
        pointer: None,
        file: None,
        name: text(&p.file_name, 255),
        content_type: text(&p.content_type, 255),
        size: u64::from(p.size.unwrap_or(0)),
        voice: p.flags.unwrap_or(0) & attachment_pointer::Flags::VoiceMessage as u32 != 0,
        width: p.width.filter(|w| *w > 0),
        height: p.height.filter(|h| *h > 0),
        room_file: p
            .url
            .as_deref()
            .and_then(|u| RoomFile::parse(u, server, room)),
    }
}

/// What a room's events come to: posts to store when new, and effects on stored ones.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RoomBatch {
    /// Posts, stored unless already there.
    pub messages: Vec<MessageRecord>,
    /// The same posts restated over stored copies, and deletions.
    pub effects: Vec<Effect>,
}

/// The time a post is keyed by: when the server posted it, in ms rounded down (as the
/// desktop app turns `posted` into the time replies quote).
pub fn post_time(posted: f64) -> u64 {
    if posted.is_finite() && posted > 0.0 {
        (posted * 1000.0).floor() as u64
    } else {
        0
    }
}

/// The key of a room event's post, when the event names its author and time.
pub fn key_of(conv: &ConversationId, m: &RoomMessage) -> Option<MessageKey> {
    Some(MessageKey {
        conv: conv.clone(),
        ts: post_time(m.posted?),
        author: m.author?,
    })
}

/// The events of one room (`conv`), in event order, as seen by `me` (our ID in the room:
/// blinded on servers that blind).
pub fn batch_of(
    conv: &ConversationId,
    events: &[RoomMessage],
    me: &SessionId,
    now_ms: u64,
) -> RoomBatch {
    let mut out = RoomBatch::default();
    for m in events {
        let Some(key) = key_of(conv, m) else { continue };
        if m.deleted || m.data.is_none() {
            out.effects.push(Effect::Unsend {
                candidates: vec![key],
            });
            continue;
        }
        let Some(record) = record_of(conv, m, me, now_ms) else {
            continue;
        };
        out.effects.push(Effect::Restate {
            key,
            post: Box::new(record.clone()),
        });
        out.messages.push(record);
    }
    out
}

/// A post as a message; `None` when its data is not a visible message (it is then not shown,
/// as the official apps skip it).
pub fn record_of(
    conv: &ConversationId,
    m: &RoomMessage,
    me: &SessionId,
    now_ms: u64,
) -> Option<MessageRecord> {
    let author = m.author?;
    let content = decode_content(m.data.as_deref()?).ok()?;
    let data = content.data_message.as_ref()?;
    let text = data.body.clone().unwrap_or_default();
    if text.is_empty() && data.attachments.is_empty() {
        return None;
    }
    let outgoing = author == *me;
    let mut reactions: Vec<(i64, RoomReaction)> = m
        .reactions
        .iter()
        .flatten()
        .filter(|(_, r)| r.count > 0)
        .map(|(emoji, r)| {
            (
                r.index,
                RoomReaction {
                    emoji: emoji.clone(),
                    count: r.count,
                    mine: r.you,
                },
            )
        })
        .collect();
    reactions.sort_by_key(|(i, _)| *i);
    // Cleaned as every name from others is: nothing that disguises or reorders text.
    let name = data
        .profile
        .as_ref()
        .and_then(|p| p.display_name.as_deref())
        .and_then(clean_display_name);
    let attachments = match conv {
        ConversationId::Community(room) => data
            .attachments
            .iter()
            .take(MAX_PER_MESSAGE)
            .map(|p| room_attachment(p, room.server(), room.room()))
            .collect(),
        _ => Vec::new(),
    };
    Some(MessageRecord {
        attachments,
        quote: data
            .quote
            .as_ref()
            .and_then(|q| from_proto(q).ok())
            .map(|q| QuoteRecord {
                author: q.author,
                ts: q.timestamp_ms,
            }),
        post: Some(PostRecord {
            id: m.id,
            seqno: m.seqno,
            name,
            edited: m.edited.is_some(),
            blocks_requests: content
                .data_message
                .as_ref()
                .and_then(|d| d.blocks_community_message_requests)
                .unwrap_or(false),
            reactions: reactions.into_iter().map(|(_, r)| r).collect(),
        }),
        ..MessageRecord::new(
            conv.clone(),
            author,
            post_time(m.posted?),
            text,
            outgoing,
            if outgoing {
                MessageStatus::Sent
            } else {
                MessageStatus::Received
            },
            now_ms,
        )
    })
}
