//! What polling yields: each decoder's events, and what was dropped and why.

use super::ClientError;
use crate::identity::SessionId;
use crate::message::receive::{Incoming, Refusal};
use crate::rpc::response::RetrievedMessage;
use crate::rpc::RpcError;

/// Something that arrived in a polled swarm.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// From our one-to-one inbox: messages, unsends, receipts, typing…
    Direct(Incoming),
    /// New items of a namespace whose plan row hands them over undecoded.
    Retrieved(RetrievedBatch),
}

impl Event {
    /// The visible message, if this is one.
    pub fn message(&self) -> Option<&crate::message::receive::MessageEvent> {
        match self {
            Event::Direct(Incoming::Message(m)) => Some(m),
            _ => None,
        }
    }
}

/// Undecoded items of one namespace, new since the last poll.
#[derive(Debug, Clone, PartialEq)]
pub struct RetrievedBatch {
    /// The account or group polled.
    pub account: SessionId,
    /// The namespace.
    pub namespace: i16,
    /// Its new items, in the order the node returned them.
    pub items: Vec<RetrievedMessage>,
}

/// Why a retrieved item produced no event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// The one-to-one decoder refused it.
    Direct(Refusal),
}

/// A retrieved item that produced no event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its swarm hash.
    pub hash: String,
    /// Why.
    pub reason: SkipReason,
}

/// A part of a poll that failed while the rest succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PollError {
    /// A swarm member could not be polled (another one was).
    Member(ClientError),
    /// No member of this account's swarm could be polled.
    Account {
        /// The account.
        account: SessionId,
        /// The last failure.
        error: ClientError,
    },
    /// One namespace's retrieve failed (a kicked group member reading namespace 11, say).
    Namespace {
        /// The account.
        account: SessionId,
        /// The namespace.
        namespace: i16,
        /// What the node answered.
        error: RpcError,
    },
}

/// The result of one poll.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PollReport {
    /// New events: each decoder's in the plan's order, each oldest first (by sent time).
    pub events: Vec<Event>,
    /// New items that produced no event.
    pub skipped: Vec<Skipped>,
    /// Swarm members that answered.
    pub nodes_polled: usize,
    /// What failed while the poll as a whole succeeded.
    pub errors: Vec<PollError>,
}
