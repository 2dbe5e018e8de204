//! What a poll's events become in storage: the message records and the contacts' profiles (names
//! and avatars). Shared by the poller and the bench, so both measure and run the same receive path.
//!
//! A sender chooses its message's time and display name, so both are tamed here, once, before
//! anything is stored: every later use (the messages' order and keys, the list's order and
//! times, unread counts and the unread marker, what a bubble shows) reads the stored values.
//!
//! - Time: a message from someone else counts at the time its sender gives, but no later
//!   than when it arrived plus [`TIME_TOLERANCE_MS`] ([`received_time`]); what the sender
//!   gave is kept beside it (`sent_ms`). A time from the future would otherwise keep its
//!   conversation on top of the list and its preview, and once read, make every later
//!   message count as read; a time beyond 2^53 cannot even be an IndexedDB key (a float).
//!   Our own messages (signed with our key) keep their time: the copy our swarm sends back
//!   must find the record we stored when sending it.
//! - Blocked senders: [`without_blocked`] drops their messages and profiles before anything
//!   is stored or notified (the poll's hashes are consumed all the same, so they are not
//!   fetched again); our own sync copies of what we wrote to them stay.
//! - Names: cleaned by core ([`session_core::message::receive::MessageEvent::sender_profile`]:
//!   at most 100 bytes, no bidirectional overrides, zero-width or control characters).

use session_core::attachment::pointer;
use session_core::attachment::url::FileUrl;
use session_core::client::Event;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::receive::{Direction, Incoming, TimerEvent};
use std::collections::{HashMap, HashSet};

use super::disappearing::expiry_for;
use crate::storage::records::AvatarRef;
use crate::storage::repo::NameUpdate;
use crate::storage::{
    AttachmentRecord, ConversationRecord, ExpireSetting, MessageRecord, MessageStatus, QuoteRecord,
};

/// How far past its arrival a sender's time is believed: their clock, or ours, may be a few
/// minutes off.
pub const TIME_TOLERANCE_MS: u64 = 5 * 60_000;

/// The longest avatar URL kept: the official apps' limit is 223 bytes; some room is left for
/// fragments newer apps may add.
pub const MAX_AVATAR_URL: usize = 512;

/// The largest integer JavaScript (IndexedDB keys, `f64`) holds exactly: 2^53 − 1.
pub const MAX_SAFE_MS: u64 = (1 << 53) - 1;

/// The time a message from someone else counts at: the time `sent_ms` its sender gives, at
/// most `received_ms` plus [`TIME_TOLERANCE_MS`], and always a safe integer.
pub fn received_time(sent_ms: u64, received_ms: u64) -> u64 {
    sent_ms
        .min(received_ms.saturating_add(TIME_TOLERANCE_MS))
        .min(MAX_SAFE_MS)
}

/// The notice record of a new disappearing-messages setting (its own message in the chat,
/// with no text).
fn timer_notice(t: &TimerEvent, now_ms: u64) -> MessageRecord {
    let incoming = t.direction.is_incoming();
    let ts = if incoming {
        received_time(t.timestamp_ms, now_ms)
    } else {
        t.timestamp_ms.min(MAX_SAFE_MS)
    };
    MessageRecord {
        hash: Some(t.hash.clone()),
        sent_ms: (ts != t.timestamp_ms).then_some(t.timestamp_ms),
        timer_notice: Some(ExpireSetting::of(t.mode)),
        ..MessageRecord::new(
            t.conversation(),
            t.from,
            ts,
            String::new(),
            !incoming,
            if incoming {
                MessageStatus::Received
            } else {
                MessageStatus::Sent
            },
            now_ms,
        )
    }
}

/// The new disappearing-messages settings a poll's events announce, by conversation (the
/// last one of each wins).
pub fn timer_changes(events: &[Event]) -> Vec<(ConversationId, ExpireSetting)> {
    let mut out: Vec<(ConversationId, ExpireSetting)> = Vec::new();
    for e in events {
        if let Event::Direct(Incoming::TimerChanged(t)) = e {
            let conv = t.conversation();
            out.retain(|(c, _)| *c != conv);
            out.push((conv, ExpireSetting::of(t.mode)));
        }
    }
    out
}

/// The avatar a profile names, unless this client could never fetch it (then: none).
fn usable_avatar(url: &str, key: &[u8; 32]) -> Option<AvatarRef> {
    (url.len() <= MAX_AVATAR_URL && FileUrl::parse(url).is_ok()).then(|| AvatarRef::new(url, key))
}

/// The records to store for `events` (received at `now_ms`): every message with text or
/// files, and the display names incoming messages carry. Events with neither (receipts,
/// typing, empty bodies) store nothing.
pub fn records_of(events: &[Event], now_ms: u64) -> (Vec<MessageRecord>, Vec<NameUpdate>) {
    let mut messages = Vec::new();
    let mut names = Vec::new();
    // The latest time given to each author's messages in this batch: messages whose time
    // was capped stay apart (a message is keyed by its author and time) and in order.
    let mut latest: HashMap<SessionId, u64> = HashMap::new();
    for event in events {
        // An acceptance of our request carries their profile, as a message would.
        if let Event::Direct(Incoming::RequestAccepted {
            from,
            profile: Some(p),
            ..
        }) = event
        {
            names.push(NameUpdate {
                conv: ConversationId::Direct(*from),
                name: p.display_name.clone(),
                updated_s: p.updated_s,
                picture: p
                    .picture
                    .as_ref()
                    .and_then(|(url, key)| usable_avatar(url, key)),
            });
        }
        if let Event::Direct(Incoming::TimerChanged(t)) = event {
            messages.push(timer_notice(t, now_ms));
            continue;
        }
        let Some(m) = event.message() else { continue };
        let conv = m.conversation();
        let conv_of_m = conv.clone();
        let incoming = m.direction.is_incoming();
        // In a group, a member's profile names them, not the conversation.
        let in_group = matches!(m.direction, Direction::Group { .. });
        if incoming && !in_group {
            if let Some(p) = m.sender_profile() {
                // A URL this client could never fetch counts as no avatar.
                let picture = p.picture.and_then(|(url, key)| usable_avatar(&url, &key));
                names.push(NameUpdate {
                    conv: conv.clone(),
                    name: p.display_name,
                    updated_s: p.updated_s,
                    picture,
                });
            }
        }
        let text = m.text.as_deref().unwrap_or("").trim_end();
        let attachments: Vec<AttachmentRecord> = m
            .content
            .data_message
            .as_ref()
            .map(|dm| {
                // A pointer that cannot be used is dropped here; the message keeps the rest.
                pointer::of_message(dm)
                    .iter()
                    .filter_map(|a| a.as_ref().ok())
                    .map(AttachmentRecord::of)
                    .collect()
            })
            .unwrap_or_default();
        if text.trim().is_empty() && attachments.is_empty() {
            continue;
        }
        let sent = m.timestamp_ms;
        let mut ts = if incoming || sent > MAX_SAFE_MS {
            received_time(sent, now_ms)
        } else {
            sent
        };
        let last = latest.entry(m.from).or_insert(0);
        if ts != sent {
            ts = ts.max(last.saturating_add(1));
        }
        *last = (*last).max(ts);
        messages.push(MessageRecord {
            hash: Some(m.hash.clone()),
            sent_ms: (ts != sent).then_some(sent),
            attachments,
            quote: m.quote().map(|q| QuoteRecord {
                author: q.author,
                ts: q.timestamp_ms,
            }),
            // Ours came from our own swarm: this is the copy "delete for everyone" removes.
            own_hash: (!incoming).then(|| m.hash.clone()),
            expire: expiry_for(
                m.disappearing(),
                &conv_of_m,
                !incoming,
                sent,
                Some(m.expires_ms),
            ),
            ..MessageRecord::new(
                conv,
                m.from,
                ts,
                text.to_owned(),
                !incoming,
                if incoming {
                    MessageStatus::Received
                } else {
                    MessageStatus::Sent
                },
                now_ms,
            )
        });
    }
    (messages, names)
}

/// The Session IDs of the blocked direct conversations among `conversations`.
pub fn blocked_ids(conversations: &[ConversationRecord]) -> HashSet<SessionId> {
    conversations
        .iter()
        .filter(|c| c.settings.blocked)
        .filter_map(|c| match &c.id {
            ConversationId::Direct(id) => Some(*id),
            _ => None,
        })
        .collect()
}

/// `messages` and `names` without what `blocked` senders sent: their messages and their
/// profiles (names and avatars). Our own messages stay, those to a blocked contact too.
pub fn without_blocked(
    messages: Vec<MessageRecord>,
    names: Vec<NameUpdate>,
    blocked: &HashSet<SessionId>,
) -> (Vec<MessageRecord>, Vec<NameUpdate>) {
    if blocked.is_empty() {
        return (messages, names);
    }
    let from_blocked = |conv: &ConversationId| match conv {
        ConversationId::Direct(id) => blocked.contains(id),
        _ => false,
    };
    let messages = messages
        .into_iter()
        .filter(|m| m.outgoing || !blocked.contains(&m.author))
        .collect();
    let names = names
        .into_iter()
        .filter(|n| !from_blocked(&n.conv))
        .collect();
    (messages, names)
}
