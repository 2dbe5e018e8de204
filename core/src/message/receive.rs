//! The rules of our own one-to-one inbox (namespace 0): each retrieved item is opened and
//! verified, messages already delivered under another hash are dropped, sync copies and unsend
//! requests are checked against their sender, and what remains becomes a typed [`Incoming`]
//! (messaging.md §3.5, §5.2–§5.4).
//!
//! The client engine hands this module the items of every plan entry that names the one-to-one
//! decoder, after dropping hashes it has already seen.

use super::profile::{profile_of, SenderProfile};
use super::reaction::Reaction;
use super::reference::ReferenceError;
use super::{decode_incoming, IncomingMessage, MessageError};
use crate::conversation::ConversationId;
use crate::expiring::ExpiringSet;
use crate::identity::{Identity, SessionId};
use crate::proto::session::{receipt_message, typing_message, Content};

/// A day of margin on top of a message's lifetime before forgetting it was delivered.
pub(crate) const FORGET_MARGIN_MS: u64 = 24 * 60 * 60 * 1000;

/// A retrieved item as this decoder needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its swarm hash.
    pub hash: String,
    /// The stored bytes.
    pub data: Vec<u8>,
    /// When the network drops it (ms).
    pub expires_ms: u64,
}

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
    /// Written in a group; `to` is the group. `incoming` unless we wrote it (on another
    /// device, or this one: every member reads the same copy).
    Group {
        /// The group (`03`).
        group: SessionId,
        /// Written by another member.
        incoming: bool,
    },
}

impl Direction {
    /// Someone else wrote it (to us, or in a group).
    pub fn is_incoming(self) -> bool {
        matches!(
            self,
            Direction::Incoming | Direction::Group { incoming: true, .. }
        )
    }
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

/// The conversation of a message from `from` to `to` that went this way.
fn conversation_of(direction: Direction, from: SessionId, to: SessionId) -> ConversationId {
    match direction {
        Direction::Incoming => ConversationId::Direct(from),
        Direction::Outgoing => ConversationId::Direct(to),
        Direction::NoteToSelf => ConversationId::NoteToSelf,
        Direction::Group { group, .. } => ConversationId::Group(group),
    }
}

impl MessageEvent {
    /// The conversation this message belongs to.
    pub fn conversation(&self) -> ConversationId {
        conversation_of(self.direction, self.from, self.to)
    }
}

/// A conversation's disappearing-messages setting changed (messaging.md §5.6): from the
/// contact, or from our other device (then `direction` is [`Direction::Outgoing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TimerEvent {
    /// Swarm hash of the announcement.
    pub hash: String,
    /// Who changed it.
    pub from: SessionId,
    /// Us, or for [`Direction::Outgoing`] the contact of the conversation.
    pub to: SessionId,
    /// Which way it went.
    pub direction: Direction,
    /// Its sent time.
    pub timestamp_ms: u64,
    /// The new setting.
    pub mode: crate::config::fields::Disappearing,
}

impl TimerEvent {
    /// The conversation whose setting changed.
    pub fn conversation(&self) -> ConversationId {
        conversation_of(self.direction, self.from, self.to)
    }
}

/// A reaction added or removed (messaging.md §5.10): applied to the message it names, never
/// shown as a message of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct ReactionEvent {
    /// Swarm hash of the reaction message.
    pub hash: String,
    /// Who reacted (verified by the signature).
    pub from: SessionId,
    /// Us, or for [`Direction::Outgoing`] the contact our other device reacted in the chat with.
    pub to: SessionId,
    /// Which way it went.
    pub direction: Direction,
    /// Its own sent time.
    pub timestamp_ms: u64,
    /// The reaction.
    pub reaction: Reaction,
}

impl ReactionEvent {
    /// The conversation of the message reacted to.
    pub fn conversation(&self) -> ConversationId {
        conversation_of(self.direction, self.from, self.to)
    }
}

/// What a verified item of our inbox means.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Incoming {
    /// A visible message.
    Message(MessageEvent),
    /// A reaction to a message.
    Reaction(ReactionEvent),
    /// A disappearing-messages setting changed.
    TimerChanged(TimerEvent),
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
        /// Its sent time (the indicator is stale some seconds later).
        timestamp_ms: u64,
    },
    /// The contact accepted our message request (messaging.md §5.5), with their profile.
    RequestAccepted {
        /// Swarm hash.
        hash: String,
        /// Who accepted.
        from: SessionId,
        /// Sent time T (ms).
        timestamp_ms: u64,
        /// The profile they attached, cleaned.
        profile: Option<SenderProfile>,
    },
    /// Any other verified content (call signalling, message-request responses, screenshot
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

impl Incoming {
    /// The swarm hash of the item.
    pub fn hash(&self) -> &str {
        match self {
            Incoming::Message(m) => &m.hash,
            Incoming::Reaction(r) => &r.hash,
            Incoming::TimerChanged(t) => &t.hash,
            Incoming::Unsend { hash, .. }
            | Incoming::Receipt { hash, .. }
            | Incoming::Typing { hash, .. }
            | Incoming::RequestAccepted { hash, .. }
            | Incoming::Other { hash, .. } => hash,
        }
    }
}

/// Why an item of our inbox was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// It did not decrypt or verify, or does not parse.
    Undecryptable(MessageError),
    /// The same `(author, timestamp)` was already delivered under another hash.
    Duplicate,
    /// A sync copy (`syncTarget`) not written by ourselves, or naming an invalid recipient.
    ForgedSync,
    /// An unsend request whose author is not its sender.
    ForgedUnsend,
    /// A reaction that names no message, or whose emoji is no emoji.
    BadReaction(ReferenceError),
    /// A typing indicator whose inner time is not the message's (the official apps drop it).
    TypingTime,
}

/// The key under which a message identity `(sender, T)` is remembered.
pub(crate) fn identity_key(sender: &SessionId, timestamp_ms: u64) -> String {
    format!("{}:{timestamp_ms}", sender.to_hex())
}

/// Opens, checks and interprets `items` (new hashes only), oldest first by sent time.
/// `delivered` remembers the identities `(sender, T)` of what was delivered before; `ttl_ms` is
/// the longest a message may live, which bounds how long an identity is remembered.
pub(crate) fn receive(
    identity: &Identity,
    items: Vec<Item>,
    delivered: &mut ExpiringSet,
    ttl_ms: u64,
) -> (Vec<Incoming>, Vec<(String, Refusal)>) {
    let us = identity.session_id();
    let mut refused = Vec::new();
    let mut opened: Vec<(Item, IncomingMessage)> = Vec::with_capacity(items.len());
    for item in items {
        match decode_incoming(identity, &item.data) {
            Ok(m) => opened.push((item, m)),
            Err(e) => refused.push((item.hash, Refusal::Undecryptable(e))),
        }
    }
    opened.sort_by(|(a, x), (b, y)| (x.timestamp_ms, &a.hash).cmp(&(y.timestamp_ms, &b.hash)));
    let mut out = Vec::with_capacity(opened.len());
    for (item, m) in opened {
        let key = identity_key(&m.sender, m.timestamp_ms);
        if delivered.contains(&key) {
            refused.push((item.hash, Refusal::Duplicate));
            continue;
        }
        let until = item
            .expires_ms
            .max(m.timestamp_ms.saturating_add(ttl_ms))
            .saturating_add(FORGET_MARGIN_MS);
        let hash = item.hash.clone();
        match interpret(&us, None, item, m) {
            Ok(event) => {
                delivered.insert(&key, until);
                out.push(event);
            }
            Err(reason) => refused.push((hash, reason)),
        }
    }
    (out, refused)
}

/// What a verified message means (messaging.md §5.3, §5.4); in `group` when it was read from
/// a group's swarm (then sync targets mean nothing: every member reads the same copy).
pub(crate) fn interpret(
    us: &SessionId,
    group: Option<SessionId>,
    item: Item,
    m: IncomingMessage,
) -> Result<Incoming, Refusal> {
    let from = m.sender;
    let content = m.content;
    if let Some(dm) = &content.data_message {
        let sync_target = dm.sync_target.as_deref().filter(|s| !s.is_empty());
        let (to, direction) = match (group, sync_target) {
            (Some(g), _) => (
                g,
                Direction::Group {
                    group: g,
                    incoming: from != *us,
                },
            ),
            (None, Some(target)) => {
                if from != *us {
                    return Err(Refusal::ForgedSync);
                }
                let to = SessionId::parse_standard(target).map_err(|_| Refusal::ForgedSync)?;
                let dir = if to == *us {
                    Direction::NoteToSelf
                } else {
                    Direction::Outgoing
                };
                (to, dir)
            }
            (None, None) if from == *us => (*us, Direction::NoteToSelf),
            (None, None) => (*us, Direction::Incoming),
        };
        if let Some(r) = &dm.reaction {
            let reaction = Reaction::from_proto(r).map_err(Refusal::BadReaction)?;
            return Ok(Incoming::Reaction(ReactionEvent {
                hash: item.hash,
                from,
                to,
                direction,
                timestamp_ms: m.timestamp_ms,
                reaction,
            }));
        }
        if super::expiration::is_timer_update(&content) {
            return Ok(Incoming::TimerChanged(TimerEvent {
                hash: item.hash,
                from,
                to,
                direction,
                timestamp_ms: m.timestamp_ms,
                mode: super::expiration::of_content(&content),
            }));
        }
        return Ok(Incoming::Message(MessageEvent {
            hash: item.hash,
            from,
            to,
            direction,
            timestamp_ms: m.timestamp_ms,
            expires_ms: item.expires_ms,
            text: dm.body.clone(),
            content: Box::new(content),
        }));
    }
    if let Some(u) = &content.unsend_request {
        let author: Option<SessionId> = u.author.parse().ok();
        if author != Some(from) {
            return Err(Refusal::ForgedUnsend);
        }
        return Ok(Incoming::Unsend {
            hash: item.hash,
            from,
            timestamp_ms: u.timestamp,
        });
    }
    if let Some(r) = &content.receipt_message {
        return Ok(Incoming::Receipt {
            hash: item.hash,
            from,
            read: r.r#type == receipt_message::Type::Read as i32,
            timestamps_ms: r.timestamp.clone(),
        });
    }
    if let Some(t) = &content.typing_message {
        if t.timestamp != m.timestamp_ms {
            return Err(Refusal::TypingTime);
        }
        return Ok(Incoming::Typing {
            hash: item.hash,
            from,
            started: t.action == typing_message::Action::Started as i32,
            timestamp_ms: m.timestamp_ms,
        });
    }
    if let Some(r) = &content.message_request_response {
        // Declines are never sent; one that says otherwise means nothing.
        if r.is_approved {
            return Ok(Incoming::RequestAccepted {
                hash: item.hash,
                from,
                timestamp_ms: m.timestamp_ms,
                profile: profile_of(r.profile.as_ref(), r.profile_key.as_deref()),
            });
        }
    }
    Ok(Incoming::Other {
        hash: item.hash,
        from,
        timestamp_ms: m.timestamp_ms,
        content: Box::new(content),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::compose::ContentBuilder;
    use crate::message::encode_for_recipient;
    use crate::proto::session::{DataMessage, UnsendRequest};
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn item(from: &Identity, to: &Identity, content: &Content, t: u64, hash: &str) -> Item {
        let mut rng = StdRng::seed_from_u64(t);
        Item {
            hash: hash.to_owned(),
            data: encode_for_recipient(from, &to.session_id(), content, t, &mut rng).unwrap(),
            expires_ms: t + 1_000,
        }
    }

    fn ids() -> (Identity, Identity) {
        (Identity::from_seed(&[1; 16]), Identity::from_seed(&[2; 16]))
    }

    #[test]
    fn messages_come_out_oldest_first_and_once() {
        let (alice, bob) = ids();
        let hi = ContentBuilder::text("hi").build();
        let later = ContentBuilder::text("later").build();
        let mut delivered = ExpiringSet::default();
        let (events, refused) = receive(
            &bob,
            vec![
                item(&alice, &bob, &later, 20, "h2"),
                item(&alice, &bob, &hi, 10, "h1"),
                item(&alice, &bob, &hi, 10, "h1-again-under-another-hash"),
            ],
            &mut delivered,
            1_000,
        );
        let texts: Vec<_> = events
            .iter()
            .map(|e| match e {
                Incoming::Message(m) => (m.text.clone(), m.conversation()),
                other => panic!("{other:?}"),
            })
            .collect();
        let conv = ConversationId::Direct(alice.session_id());
        assert_eq!(
            texts,
            vec![
                (Some("hi".into()), conv.clone()),
                (Some("later".into()), conv)
            ]
        );
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].1, Refusal::Duplicate);
        // Delivered identities are remembered: the same message later is a duplicate too.
        let (again, refused) = receive(
            &bob,
            vec![item(&alice, &bob, &hi, 10, "h3")],
            &mut delivered,
            1_000,
        );
        assert!(again.is_empty());
        assert_eq!(refused[0].1, Refusal::Duplicate);
    }

    #[test]
    fn sync_copies_and_unsends_must_come_from_their_author() {
        let (alice, bob) = ids();
        let mallory = Identity::from_seed(&[3; 16]);
        let mut forged_sync = ContentBuilder::text("x").build();
        if let Some(dm) = forged_sync.data_message.as_mut() {
            dm.sync_target = Some(alice.session_id().to_hex());
        }
        let forged_unsend = Content {
            unsend_request: Some(UnsendRequest {
                timestamp: 1,
                author: alice.session_id().to_hex(),
            }),
            ..Content::default()
        };
        let own_sync = Content {
            data_message: Some(DataMessage {
                body: Some("from my laptop".into()),
                sync_target: Some(alice.session_id().to_hex()),
                ..DataMessage::default()
            }),
            ..Content::default()
        };
        let mut delivered = ExpiringSet::default();
        let (events, refused) = receive(
            &bob,
            vec![
                item(&mallory, &bob, &forged_sync, 1, "a"),
                item(&mallory, &bob, &forged_unsend, 2, "b"),
                item(&bob, &bob, &own_sync, 3, "c"),
                Item {
                    hash: "d".into(),
                    data: b"garbage".to_vec(),
                    expires_ms: 9,
                },
            ],
            &mut delivered,
            1_000,
        );
        let reasons: Vec<_> = refused
            .iter()
            .map(|(h, r)| (h.as_str(), r.clone()))
            .collect();
        assert!(reasons.contains(&("a", Refusal::ForgedSync)));
        assert!(reasons.contains(&("b", Refusal::ForgedUnsend)));
        assert!(matches!(
            reasons.iter().find(|(h, _)| *h == "d"),
            Some((_, Refusal::Undecryptable(_)))
        ));
        let [Incoming::Message(m)] = events.as_slice() else {
            panic!("{events:?}");
        };
        assert_eq!(m.direction, Direction::Outgoing);
        assert_eq!(m.conversation(), ConversationId::Direct(alice.session_id()));
    }

    #[test]
    fn stale_typing_and_reactions_to_nothing_are_refused() {
        use crate::message::{
            encode_content, encrypt_for_recipient, session_envelope, wrap_websocket,
        };
        use crate::proto::session::{data_message, TypingMessage};
        use prost::Message;
        let (alice, bob) = ids();
        let mut rng = StdRng::seed_from_u64(7);
        // Built by hand: our encoder always repeats T inside a typing indicator.
        let typing = Content {
            typing_message: Some(TypingMessage {
                timestamp: 41,
                action: 0,
            }),
            sig_timestamp: Some(42),
            ..Content::default()
        };
        let sealed = encrypt_for_recipient(
            &alice,
            &bob.session_id(),
            &encode_content(&typing),
            &mut rng,
        )
        .unwrap();
        let stale = Item {
            hash: "t".into(),
            data: wrap_websocket(session_envelope(42, sealed, None).encode_to_vec()),
            expires_ms: 100,
        };
        let no_author = Content {
            data_message: Some(DataMessage {
                reaction: Some(data_message::Reaction {
                    id: 5,
                    author: "someone".into(),
                    emoji: Some("👍".into()),
                    action: 0,
                }),
                ..DataMessage::default()
            }),
            ..Content::default()
        };
        let mut delivered = ExpiringSet::default();
        let (events, refused) = receive(
            &bob,
            vec![stale, item(&alice, &bob, &no_author, 50, "r")],
            &mut delivered,
            1_000,
        );
        assert!(events.is_empty(), "{events:?}");
        assert_eq!(refused[0], ("t".to_owned(), Refusal::TypingTime));
        assert_eq!(
            refused[1],
            ("r".to_owned(), Refusal::BadReaction(ReferenceError::Author))
        );
    }
}
