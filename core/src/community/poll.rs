//! Polling a community server (messaging.md §7.6, the official apps' loop): one `/batch` per
//! server with its capabilities, each joined room's counters and new messages, and (on servers
//! that blind) the inbox and outbox of blinded direct messages. [`ServerPoll`] remembers what
//! was seen, so each poll asks only for what is new; it does no I/O.
//!
//! Posts are checked here: a post whose signature is not its author's is dropped, so what
//! comes out can be shown as that author's.

use super::api::{self, ApiRequest, BatchReply, Capabilities, DirectMessage, PollInfo, RoomInfo};
use super::api::{ApiError, RoomMessage};
use super::post;
use crate::identity::SessionId;
use std::collections::BTreeMap;

/// How many messages a room's first poll fetches (the official apps' page).
pub const FIRST_PAGE: u32 = 100;
/// How many changes one poll of a room asks for at most.
pub const POLL_PAGE: u32 = 256;

/// What we remember of one joined room between polls.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomCursor {
    /// The token as the join link wrote it (requests use it).
    pub token: String,
    /// The room's details as last seen.
    pub info: Option<RoomInfo>,
    /// The newest room event seen; `None` until the first page.
    pub seqno: Option<i64>,
}

/// One part of a poll batch, so its answer can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Capabilities,
    Info(String),
    Messages(String),
    Inbox,
    Outbox,
}

/// A post or change of a room that passed its checks.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomEvent {
    /// The room's token (lower-cased key).
    pub room: String,
    /// The event as the server gave it; a post's signature has been verified.
    pub message: RoomMessage,
}

/// A message dropped by a poll, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The room.
    pub room: String,
    /// The message's ID.
    pub id: i64,
    /// Why.
    pub reason: DropReason,
}

/// Why a room message was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DropReason {
    /// Data without an author or a signature.
    Unsigned,
    /// The signature is not the author's.
    BadSignature,
}

/// What one poll brought.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PollOutcome {
    /// New, edited and deleted posts and reaction updates, per room in event order.
    pub events: Vec<RoomEvent>,
    /// Rooms whose details changed.
    pub rooms_changed: Vec<String>,
    /// Blinded direct messages to us (still encrypted).
    pub inbox: Vec<DirectMessage>,
    /// Blinded direct messages we sent (from any of our devices).
    pub outbox: Vec<DirectMessage>,
    /// Posts refused.
    pub dropped: Vec<Dropped>,
    /// Parts that failed (their status or a malformed answer); the rest of the poll stands.
    pub failures: Vec<(String, ApiError)>,
}

/// One server's poll state: the rooms joined on it and the highest direct message IDs seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerPoll {
    /// The server's capabilities, once known.
    pub capabilities: Option<Capabilities>,
    /// Joined rooms by lower-cased token.
    pub rooms: BTreeMap<String, RoomCursor>,
    /// The highest inbox message ID seen.
    pub inbox_id: Option<i64>,
    /// The highest outbox message ID seen.
    pub outbox_id: Option<i64>,
    /// The parts of the batch last built, in order.
    pending: Vec<Part>,
}

impl ServerPoll {
    /// Adds a room (no-op when joined already).
    pub fn join(&mut self, token: &str) {
        self.rooms
            .entry(token.to_ascii_lowercase())
            .or_insert_with(|| RoomCursor {
                token: token.to_owned(),
                ..RoomCursor::default()
            });
    }

    /// Forgets a room.
    pub fn leave(&mut self, token: &str) {
        self.rooms.remove(&token.to_ascii_lowercase());
    }

    /// Whether the server blinds (and so has an inbox); unknown servers are assumed to, as
    /// every current server does.
    pub fn blinds(&self) -> bool {
        self.capabilities.as_ref().is_none_or(Capabilities::blinds)
    }

    /// The batch of the next poll.
    pub fn requests(&mut self) -> Vec<ApiRequest> {
        let mut parts = vec![Part::Capabilities];
        let mut requests = vec![api::capabilities()];
        for (key, room) in &self.rooms {
            let updates = room.info.as_ref().map_or(0, |i| i.info_updates);
            requests.push(api::poll_info(&room.token, updates));
            parts.push(Part::Info(key.clone()));
            requests.push(match room.seqno {
                Some(seqno) => api::since(&room.token, seqno, POLL_PAGE),
                None => api::recent(&room.token, FIRST_PAGE),
            });
            parts.push(Part::Messages(key.clone()));
        }
        if self.blinds() {
            requests.push(api::inbox(self.inbox_id));
            parts.push(Part::Inbox);
            requests.push(api::outbox(self.outbox_id));
            parts.push(Part::Outbox);
        }
        self.pending = parts;
        requests
    }

    /// Reads the answer to the batch [`ServerPoll::requests`] built last.
    pub fn apply(&mut self, replies: &[BatchReply]) -> PollOutcome {
        let mut out = PollOutcome::default();
        let parts = std::mem::take(&mut self.pending);
        for (part, reply) in parts.iter().zip(replies) {
            if let Err(e) = self.apply_part(part, reply, &mut out) {
                out.failures.push((part_name(part), e));
            }
        }
        out
    }

    fn apply_part(
        &mut self,
        part: &Part,
        reply: &BatchReply,
        out: &mut PollOutcome,
    ) -> Result<(), ApiError> {
        // An inbox with nothing new answers 304 with no body.
        if matches!(part, Part::Inbox | Part::Outbox) && reply.code == 304 {
            return Ok(());
        }
        let body = reply.ok()?;
        match part {
            Part::Capabilities => self.capabilities = Some(Capabilities::parse(body)?),
            Part::Info(key) => {
                let info = PollInfo::parse(body)?;
                if let (Some(details), Some(room)) = (info.details, self.rooms.get_mut(key)) {
                    room.info = Some(details);
                    out.rooms_changed.push(key.clone());
                }
            }
            Part::Messages(key) => {
                let mut list = RoomMessage::parse_list(body)?;
                // Pages of recent history come newest first; events are given oldest first.
                list.sort_by_key(|m| m.seqno);
                let Some(room) = self.rooms.get_mut(key) else {
                    return Ok(());
                };
                for message in list {
                    room.seqno = Some(room.seqno.map_or(message.seqno, |s| s.max(message.seqno)));
                    match check_post(&message) {
                        Ok(()) => out.events.push(RoomEvent {
                            room: key.clone(),
                            message,
                        }),
                        Err(reason) => out.dropped.push(Dropped {
                            room: key.clone(),
                            id: message.id,
                            reason,
                        }),
                    }
                }
            }
            Part::Inbox => {
                let list = DirectMessage::parse_list(body)?;
                self.inbox_id = max_id(self.inbox_id, &list);
                out.inbox.extend(list);
            }
            Part::Outbox => {
                let list = DirectMessage::parse_list(body)?;
                self.outbox_id = max_id(self.outbox_id, &list);
                out.outbox.extend(list);
            }
        }
        Ok(())
    }
}

fn part_name(part: &Part) -> String {
    match part {
        Part::Capabilities => "capabilities".into(),
        Part::Info(room) => format!("room {room}"),
        Part::Messages(room) => format!("messages of {room}"),
        Part::Inbox => "inbox".into(),
        Part::Outbox => "outbox".into(),
    }
}

fn max_id(current: Option<i64>, list: &[DirectMessage]) -> Option<i64> {
    list.iter().map(|m| m.id).chain(current).max()
}

/// Whether a room message may be shown as its author's: a post with data must carry its
/// author's signature over that data; deletions and reaction updates carry none.
pub fn check_post(message: &RoomMessage) -> Result<(), DropReason> {
    let Some(data) = &message.data else {
        return Ok(());
    };
    let (Some(author), Some(signature)) = (&message.author, &message.signature) else {
        return Err(DropReason::Unsigned);
    };
    post::verify(author, data, signature).map_err(|_| DropReason::BadSignature)
}

/// Whether `author` (as a room lists them) is the account with this Session ID: the same ID,
/// or a blinded ID of it on the server with key `server`.
pub fn is_author(author: &SessionId, session_id: &SessionId, server: &[u8; 32]) -> bool {
    author == session_id
        || crate::crypto::blinding::session_id_matches_blinded_id(
            session_id.as_bytes(),
            author.as_bytes(),
            server,
        )
        .unwrap_or(false)
}
