//! What received toolbox messages (and the user's own actions on messages) do to messages
//! already stored: reactions added and removed, messages deleted for everyone or only here,
//! ours read by the recipient. Each is an [`Effect`] on stored messages, applied by the store
//! in the same transaction as the poll that brought it, with the plain rules below, so that
//! the IndexedDB store and the tests' memory store behave alike.
//!
//! A message is found by its key `(conversation, time, author)`. A message from someone else
//! whose time was capped on arrival (see [`super::receive::received_time`]) is stored under
//! the capped time and is not found by what its sender names it with; such a message came
//! from a clock minutes ahead, and its reactions and unsends are dropped.

use session_core::client::Event;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::reaction::ReactionAction;
use session_core::message::receive::Incoming;
use session_core::message::MessageRef;

use std::collections::{BTreeMap, HashSet};

use crate::storage::{MessageKey, MessageRecord, MessageStatus, ReactionRecord};

/// The notice a message deleted for everyone leaves, in the language in use.
pub fn deleted_notice() -> String {
    crate::t!("home-deleted-notice")
}

/// A change of stored messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// `from` adds or takes back a reaction to the message `target`.
    React {
        /// The message reacted to.
        target: MessageKey,
        /// Who reacted.
        from: SessionId,
        /// The emoji.
        emoji: String,
        /// Added (or removed).
        add: bool,
    },
    /// Its author deleted the message for everyone: the first of `candidates` that is stored
    /// (one, unless our own other device sent the request and the conversation is unknown).
    Unsend {
        /// Where the message may be.
        candidates: Vec<MessageKey>,
    },
    /// Deleted on this device only.
    Remove {
        /// The message.
        key: MessageKey,
    },
    /// The recipient read these messages of ours.
    ReadByPeer {
        /// Our messages.
        keys: Vec<MessageKey>,
    },
    /// A community post as its server now states it (edited, or its reactions counted anew):
    /// the stored copy takes its text, quote and counts.
    Restate {
        /// The post's key.
        key: MessageKey,
        /// The post as the server states it.
        post: Box<MessageRecord>,
    },
    /// A message disappearing after read was read: it goes at `until_ms`.
    StartTimer {
        /// The message.
        key: MessageKey,
        /// Its end.
        until_ms: u64,
    },
}

/// What an effect did to one stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing (already so).
    Unchanged,
    /// Rewritten.
    Changed,
    /// Removed: the record goes.
    Removed,
}

impl Effect {
    /// The keys the effect may touch, in order of preference.
    pub fn keys(&self) -> Vec<&MessageKey> {
        match self {
            Effect::React { target, .. } => vec![target],
            Effect::Unsend { candidates } => candidates.iter().collect(),
            Effect::Remove { key } => vec![key],
            Effect::ReadByPeer { keys } => keys.iter().collect(),
            Effect::StartTimer { key, .. } => vec![key],
            Effect::Restate { key, .. } => vec![key],
        }
    }

    /// Applies the effect to `m`, one of its [`Effect::keys`].
    pub fn apply(&self, m: &mut MessageRecord) -> Outcome {
        match self {
            Effect::React {
                from, emoji, add, ..
            } => react(m, *from, emoji, *add),
            Effect::Unsend { .. } => unsend(m),
            Effect::Remove { .. } => Outcome::Removed,
            Effect::Restate { post, .. } => restate(m, post),
            Effect::StartTimer { until_ms, .. } => match m.expire.as_mut() {
                Some(e) if e.until_ms.is_none() => {
                    e.until_ms = Some(*until_ms);
                    Outcome::Changed
                }
                _ => Outcome::Unchanged,
            },
            Effect::ReadByPeer { .. } => {
                if m.outgoing && !m.read_by_peer && !m.deleted {
                    m.read_by_peer = true;
                    Outcome::Changed
                } else {
                    Outcome::Unchanged
                }
            }
        }
    }

    /// Whether the effect applies to every key it names (receipts) or only the first found.
    pub fn applies_to_all(&self) -> bool {
        matches!(self, Effect::ReadByPeer { .. })
    }
}

/// Adds or removes one person's reaction.
pub fn react(m: &mut MessageRecord, from: SessionId, emoji: &str, add: bool) -> Outcome {
    if m.deleted {
        return Outcome::Unchanged;
    }
    let had = m
        .reactions
        .iter()
        .position(|r| r.from == from && r.emoji == emoji);
    match (had, add) {
        (None, true) => {
            m.reactions.push(ReactionRecord {
                emoji: emoji.to_owned(),
                from,
            });
            Outcome::Changed
        }
        (Some(i), false) => {
            m.reactions.remove(i);
            Outcome::Changed
        }
        _ => Outcome::Unchanged,
    }
}

/// Deleted for everyone: a message of Note to Self goes; elsewhere only a notice stays (as
/// the official apps show it), without its text, files, quote or reactions.
pub fn unsend(m: &mut MessageRecord) -> Outcome {
    if m.conv == ConversationId::NoteToSelf {
        return Outcome::Removed;
    }
    if m.deleted {
        return Outcome::Unchanged;
    }
    m.deleted = true;
    m.text.clear();
    m.attachments.clear();
    m.quote = None;
    m.reactions.clear();
    Outcome::Changed
}

/// A stored post takes what its server now says of it (a deleted one stays deleted).
pub fn restate(m: &mut MessageRecord, post: &MessageRecord) -> Outcome {
    if m.deleted {
        return Outcome::Unchanged;
    }
    let before = m.clone();
    m.text.clone_from(&post.text);
    m.quote = post.quote;
    m.post.clone_from(&post.post);
    if m.outgoing && m.status != MessageStatus::Sent {
        m.status = MessageStatus::Sent;
    }
    if *m == before {
        Outcome::Unchanged
    } else {
        Outcome::Changed
    }
}

/// A stored message as effects left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// As it was stored.
    pub before: MessageRecord,
    /// As it is now (`None`: removed).
    pub after: Option<MessageRecord>,
}

/// What applying effects comes to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The messages that changed, each once, in key order.
    pub edits: Vec<Edit>,
    /// Kept files of messages removed or deleted for everyone.
    pub files: Vec<String>,
    /// Our swarm's copies of messages their author deleted for everyone (to delete there
    /// too, so that a device linked later does not fetch them).
    pub unsent_hashes: Vec<String>,
}

/// Applies `effects` in order to the messages they name, given as `stored` (the ones found;
/// a missing one is simply not there). One function for every store, so that they agree.
pub fn plan(effects: &[Effect], stored: &BTreeMap<MessageKey, MessageRecord>) -> Plan {
    let mut now: BTreeMap<MessageKey, Option<MessageRecord>> = BTreeMap::new();
    let mut plan = Plan::default();
    for effect in effects {
        for key in effect.keys() {
            let current = match now.get(key) {
                Some(state) => state.clone(),
                None => stored.get(key).cloned(),
            };
            let Some(mut m) = current else { continue };
            let before = m.clone();
            match effect.apply(&mut m) {
                Outcome::Unchanged => {}
                Outcome::Changed => {
                    if m.deleted && !before.deleted {
                        gone(&mut plan, effect, &before);
                    }
                    now.insert(key.clone(), Some(m));
                }
                Outcome::Removed => {
                    gone(&mut plan, effect, &before);
                    now.insert(key.clone(), None);
                }
            }
            if !effect.applies_to_all() {
                break;
            }
        }
    }
    for (key, after) in now {
        if let Some(before) = stored.get(&key) {
            if after.as_ref() != Some(before) {
                plan.edits.push(Edit {
                    before: before.clone(),
                    after,
                });
            }
        }
    }
    plan
}

/// A message leaves (removed, or deleted for everyone): its files go, and when its author
/// unsent it, our swarm's copy.
fn gone(plan: &mut Plan, effect: &Effect, m: &MessageRecord) {
    plan.files.extend(files_of(m));
    if let Effect::Unsend { .. } = effect {
        let ours = m
            .own_hash
            .clone()
            .or_else(|| if m.outgoing { None } else { m.hash.clone() });
        plan.unsent_hashes.extend(ours);
    }
}

/// The files a message keeps in the files store (to remove with it).
pub fn files_of(m: &MessageRecord) -> Vec<String> {
    m.attachments
        .iter()
        .filter_map(|a| a.file.clone())
        .collect()
}

/// The key of `target` in `conv`.
fn key_in(conv: &ConversationId, target: &MessageRef) -> MessageKey {
    MessageKey {
        conv: conv.clone(),
        ts: target.timestamp_ms,
        author: target.author,
    }
}

/// The effects of a poll's events for the account `me`, whose conversations are `known`
/// (where an unsend from our own other device may point). Nothing from the `blocked` counts;
/// receipts count only when `receipts_on` (the official apps ignore them while their own are
/// off).
pub fn effects_of(
    events: &[Event],
    me: &SessionId,
    known: &[ConversationId],
    blocked: &HashSet<SessionId>,
    receipts_on: bool,
) -> Vec<Effect> {
    let mut out = Vec::new();
    for event in events {
        let Event::Direct(incoming) = event else {
            continue;
        };
        let from = match incoming {
            Incoming::Reaction(r) => r.from,
            Incoming::Unsend { from, .. } | Incoming::Receipt { from, .. } => *from,
            _ => continue,
        };
        if blocked.contains(&from) {
            continue;
        }
        match incoming {
            Incoming::Reaction(r) => out.push(Effect::React {
                target: key_in(&r.conversation(), &r.reaction.target),
                from: r.from,
                emoji: r.reaction.emoji.clone(),
                add: r.reaction.action == ReactionAction::Add,
            }),
            Incoming::Unsend {
                from, timestamp_ms, ..
            } => {
                let target = MessageRef::new(*from, *timestamp_ms);
                let candidates = if from == me {
                    let mut convs = vec![ConversationId::NoteToSelf];
                    convs.extend(
                        known
                            .iter()
                            .filter(|c| **c != ConversationId::NoteToSelf)
                            .cloned(),
                    );
                    convs.iter().map(|c| key_in(c, &target)).collect()
                } else {
                    vec![key_in(&ConversationId::Direct(*from), &target)]
                };
                out.push(Effect::Unsend { candidates });
            }
            Incoming::Receipt {
                from,
                read: true,
                timestamps_ms,
                ..
            } if receipts_on && from != me => out.push(Effect::ReadByPeer {
                keys: timestamps_ms
                    .iter()
                    .map(|t| key_in(&ConversationId::Direct(*from), &MessageRef::new(*me, *t)))
                    .collect(),
            }),
            _ => {}
        }
    }
    out
}
