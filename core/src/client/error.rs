//! The client's error types. Every cause is typed: hosts decide by matching variants, never by
//! reading text, and text a remote party sent travels as [`RemoteText`], shown but never
//! interpreted.

use super::transport::{RelayReason, TransportError};
use crate::attachment::file_server::FileServerError;
use crate::config::ConfigError;
use crate::identity::SessionIdError;
use crate::message::MessageError;
use crate::onion::OnionError;
use crate::rpc::RpcError;
use std::fmt;

/// Longest remote text kept (a node's error body can be anything up to megabytes).
const REMOTE_TEXT_MAX: usize = 200;

/// Text a node or server sent with an error: kept for people and logs, never interpreted.
/// Control characters are dropped and it is cut at 200 characters.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RemoteText(String);

impl RemoteText {
    /// Keeps at most 200 printable characters of `text`.
    pub fn new(text: &str) -> RemoteText {
        RemoteText(
            text.trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(REMOTE_TEXT_MAX)
                .collect(),
        )
    }

    /// From bytes that should be UTF-8 (invalid sequences are replaced).
    pub fn from_bytes(bytes: &[u8]) -> RemoteText {
        RemoteText::new(&String::from_utf8_lossy(bytes))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RemoteText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RemoteText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Why the node list could not be fetched from the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BootstrapError {
    /// No HTTP answer from the relay or seed.
    Transport(TransportError),
    /// The relay refused or failed the seed request itself.
    Relay {
        /// Its HTTP status.
        status: u16,
        /// Its reason.
        reason: RelayReason,
    },
    /// The seed answered with an error status.
    Status {
        /// The status.
        status: u16,
        /// Its body.
        message: RemoteText,
    },
    /// The seed's answer is not a node list.
    Unreadable(RpcError),
    /// The seed listed no node with a usable address.
    NoReachableNode,
}

impl BootstrapError {
    /// Whether the seed could not be reached at all (our link or the relay is down).
    pub fn is_link_down(&self) -> bool {
        matches!(self, BootstrapError::Transport(e) if e.is_link_down())
    }
}

impl fmt::Display for BootstrapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BootstrapError::Transport(e) => write!(f, "{e}"),
            BootstrapError::Relay { status, reason } => {
                write!(f, "the relay answered {status}: {reason}")
            }
            BootstrapError::Status { status, message } => {
                write!(f, "the seed answered {status}: {message}")
            }
            BootstrapError::Unreadable(e) => write!(f, "unreadable seed answer: {e}"),
            BootstrapError::NoReachableNode => f.write_str("the seed listed no reachable node"),
        }
    }
}

/// Why an account's swarm could not be found or used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SwarmError {
    /// Every known member was tried (or dropped); the last failure.
    Exhausted(Box<Failure>),
    /// Node after node said the account lives on another swarm.
    Redirected {
        /// How many in a row.
        times: u32,
    },
    /// The answer to `get_swarm` did not parse.
    Unreadable(RpcError),
    /// The answer to `get_swarm` named no reachable member.
    Empty,
}

impl fmt::Display for SwarmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SwarmError::Exhausted(last) => {
                write!(f, "no usable swarm member left (last: {last})")
            }
            SwarmError::Redirected { times } => write!(
                f,
                "{times} nodes in a row said the account is not on their swarm"
            ),
            SwarmError::Unreadable(e) => write!(f, "unreadable swarm answer: {e}"),
            SwarmError::Empty => f.write_str("the node named no reachable swarm member"),
        }
    }
}

/// What went wrong with one attempt of a request (the last one is reported when every attempt
/// failed).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// No attempt could be made.
    NotAttempted,
    /// No HTTP answer.
    Transport(TransportError),
    /// The relay refused the request.
    Relay {
        /// Its status.
        status: u16,
        /// Its reason.
        reason: RelayReason,
    },
    /// A node of the path answered this HTTP status instead of passing the request on.
    Path {
        /// The status.
        status: u16,
    },
    /// The destination's reply did not decrypt or decode.
    Reply(OnionError),
    /// The destination's response is not what the request calls for.
    Response(RpcError),
    /// The destination node failed (5xx).
    Node {
        /// Its status.
        status: u16,
        /// Its message.
        message: RemoteText,
    },
    /// The destination server failed (5xx inside its v4 reply).
    Server {
        /// Its status.
        status: u16,
    },
    /// The node does not hold the account (421).
    WrongSwarm,
    /// The node refused our timestamp (406, or 425 from a server).
    Clock {
        /// The status.
        status: u16,
    },
    /// A store was answered without proof that the recipient's swarm has the message.
    Unproven(StoreProof),
    /// A change of what a swarm keeps was answered without the signature of a member.
    Unsigned(SwarmChange),
}

/// A change of what a swarm keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SwarmChange {
    /// Messages deleted.
    Delete,
    /// Expiries changed.
    Expire,
}

/// What was wrong with a store's answer (network.md §5.4): no member of the account's swarm
/// proved it stored the message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreProof {
    /// No result for the store.
    Missing,
    /// The result does not parse.
    Unreadable(RpcError),
    /// The result names another hash than the message's.
    WrongHash,
    /// No member of the account's swarm signed the message's hash.
    Unsigned,
}

impl fmt::Display for StoreProof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreProof::Missing => f.write_str("the node did not answer the store"),
            StoreProof::Unreadable(e) => write!(f, "the store's answer is unreadable: {e}"),
            StoreProof::WrongHash => f.write_str("the store's answer names another message"),
            StoreProof::Unsigned => {
                f.write_str("no member of the account's swarm signed the stored message")
            }
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NotAttempted => f.write_str("no attempt was made"),
            Failure::Transport(e) => write!(f, "{e}"),
            Failure::Relay { status, reason } => write!(f, "the relay answered {status}: {reason}"),
            Failure::Path { status } => write!(f, "the onion path answered {status}"),
            Failure::Reply(e) => write!(f, "unreadable reply: {e}"),
            Failure::Response(e) => write!(f, "unexpected response: {e}"),
            Failure::Node { status, message } => write!(f, "a node answered {status}: {message}"),
            Failure::Server { status } => write!(f, "the server answered {status}"),
            Failure::WrongSwarm => f.write_str("421: wrong swarm"),
            Failure::Clock { status } => write!(f, "{status}: our timestamp was refused"),
            Failure::Unproven(why) => write!(f, "{why}"),
            Failure::Unsigned(SwarmChange::Delete) => {
                f.write_str("no member of the swarm signed the deletion")
            }
            Failure::Unsigned(SwarmChange::Expire) => {
                f.write_str("no member of the swarm signed the new expiry")
            }
        }
    }
}

/// Why saved client state could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StateError {
    /// Not the JSON this version writes (position of the first problem).
    Unreadable {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
    },
    /// Written by a newer version.
    TooNew {
        /// The layout found.
        found: u32,
        /// The newest layout this version reads.
        supported: u32,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Unreadable { line, column } => {
                write!(f, "not valid state (line {line}, column {column})")
            }
            StateError::TooNew { found, supported } => write!(
                f,
                "written by a newer version (layout {found}, this one reads up to {supported})"
            ),
        }
    }
}

impl From<&serde_json::Error> for StateError {
    fn from(e: &serde_json::Error) -> Self {
        StateError::Unreadable {
            line: e.line(),
            column: e.column(),
        }
    }
}

/// Why a client operation failed after its retries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientError {
    /// No node list could be obtained from the seed.
    Bootstrap(BootstrapError),
    /// Too few usable nodes to build paths.
    NotEnoughNodes {
        /// Nodes a path set needs.
        needed: usize,
        /// Usable nodes known.
        available: usize,
    },
    /// The account's swarm could not be determined.
    NoSwarm(SwarmError),
    /// Every attempt failed.
    Unavailable {
        /// Attempts made.
        attempts: u32,
        /// What went wrong the last time.
        last: Failure,
    },
    /// The network kept rejecting our timestamps even after resynchronising the clock.
    ClockOutOfSync {
        /// The last status (406 from a node, 425 from a server).
        status: u16,
    },
    /// A node refused the request in a way retrying cannot fix (400, 401, 403, 404, 413…).
    Rejected {
        /// Its status.
        status: u16,
        /// Its message.
        message: RemoteText,
    },
    /// The recipient cannot receive this kind of message (not a `05` Session ID).
    InvalidRecipient(SessionIdError),
    /// The network's transport failed and retries ran out.
    Transport(TransportError),
    /// The relay refused the request itself (rate limit, busy, too large…) and retries ran out.
    Relay {
        /// Its HTTP status.
        status: u16,
        /// Its reason.
        reason: RelayReason,
    },
    /// A storage request could not be built.
    Request(RpcError),
    /// An onion request could not be built.
    Onion(OnionError),
    /// A message could not be encrypted.
    Message(MessageError),
    /// Saved client state could not be read.
    State(StateError),
    /// A config could not be built for its push (too large, say).
    Config(ConfigError),
    /// The file server refused or garbled an upload or download, or the file is gone.
    FileServer(FileServerError),
    /// A group message or push could not be built (no key yet, not an admin, removed…).
    Group(crate::group::GroupError),
    /// A community request could not be signed.
    CommunityAuth(crate::community::auth::AuthError),
    /// An ONS name could not be resolved (not registered, garbled, or the nodes disagree).
    Ons(crate::ons::OnsError),
    /// A message's lifetime ended before it could be stored: it can never be delivered.
    Expired {
        /// Its sent time (ms).
        timestamp_ms: u64,
        /// Its lifetime (ms).
        ttl_ms: u64,
    },
}

impl ClientError {
    /// Whether the failure says our own link or the relay is down (rather than the Session
    /// network behind it, or something about this request).
    pub fn is_link_down(&self) -> bool {
        match self {
            ClientError::Transport(e) => e.is_link_down(),
            ClientError::Bootstrap(e) => e.is_link_down(),
            ClientError::Unavailable {
                last: Failure::Transport(e),
                ..
            } => e.is_link_down(),
            _ => false,
        }
    }

    /// Whether the failure concerns only the request it came from: another request may well
    /// succeed now (a refusal, an unbuildable message), unlike an unavailable network.
    pub fn is_specific_to_request(&self) -> bool {
        matches!(
            self,
            ClientError::Rejected { .. }
                | ClientError::InvalidRecipient(_)
                | ClientError::Request(_)
                | ClientError::Onion(_)
                | ClientError::Message(_)
                | ClientError::Config(_)
                | ClientError::FileServer(_)
                | ClientError::Group(_)
                | ClientError::CommunityAuth(_)
                | ClientError::Ons(_)
                | ClientError::Expired { .. }
        )
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Bootstrap(why) => {
                write!(f, "could not get the list of service nodes: {why}")
            }
            ClientError::NotEnoughNodes { needed, available } => write!(
                f,
                "not enough service nodes to build onion paths ({available} usable, {needed} needed)"
            ),
            ClientError::NoSwarm(why) => write!(f, "could not find the account's swarm: {why}"),
            ClientError::Unavailable { attempts, last } => write!(
                f,
                "the network did not answer after {attempts} attempts (last: {last})"
            ),
            ClientError::ClockOutOfSync { status } => write!(
                f,
                "the network rejects this device's clock even after resynchronising ({status})"
            ),
            ClientError::Rejected { status, message } => {
                write!(f, "the request was refused ({status}): {message}")
            }
            ClientError::InvalidRecipient(why) => write!(f, "invalid recipient: {why}"),
            ClientError::Transport(e) => write!(f, "network error: {e}"),
            ClientError::Relay { status, reason } => {
                write!(f, "the relay refused the request ({status}: {reason})")
            }
            ClientError::Request(e) => write!(f, "could not build the request: {e}"),
            ClientError::Onion(e) => write!(f, "could not build the onion request: {e}"),
            ClientError::Message(e) => write!(f, "could not encrypt the message: {e}"),
            ClientError::State(why) => write!(f, "saved client state is unreadable: {why}"),
            ClientError::Config(e) => write!(f, "could not build the config: {e}"),
            ClientError::FileServer(e) => e.fmt(f),
            ClientError::Group(e) => write!(f, "group: {e}"),
            ClientError::CommunityAuth(e) => {
                write!(f, "could not sign the community request: {e}")
            }
            ClientError::Ons(e) => e.fmt(f),
            ClientError::Expired { .. } => {
                f.write_str("the message expired before it could be sent")
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(e) => Some(e),
            ClientError::Request(e) => Some(e),
            ClientError::Onion(e) => Some(e),
            ClientError::Message(e) => Some(e),
            ClientError::Config(e) => Some(e),
            ClientError::FileServer(e) => Some(e),
            ClientError::Group(e) => Some(e),
            ClientError::CommunityAuth(e) => Some(e),
            ClientError::Ons(e) => Some(e),
            ClientError::InvalidRecipient(e) => Some(e),
            _ => None,
        }
    }
}

impl From<RpcError> for ClientError {
    fn from(e: RpcError) -> Self {
        ClientError::Request(e)
    }
}

impl From<OnionError> for ClientError {
    fn from(e: OnionError) -> Self {
        ClientError::Onion(e)
    }
}

impl From<MessageError> for ClientError {
    fn from(e: MessageError) -> Self {
        ClientError::Message(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_text_is_bounded_and_printable() {
        let t = RemoteText::new(&format!("  bad\u{7}\nthing{}", "x".repeat(500)));
        assert!(t.as_str().starts_with("badthing"));
        assert_eq!(t.as_str().chars().count(), REMOTE_TEXT_MAX);
        assert_eq!(
            RemoteText::from_bytes(&[0xff, b'o', b'k']).as_str(),
            "\u{fffd}ok"
        );
    }

    #[test]
    fn link_failures_are_told_apart_from_network_ones() {
        let down = ClientError::Transport(TransportError::Unreachable);
        assert!(down.is_link_down());
        let seed = ClientError::Bootstrap(BootstrapError::Transport(TransportError::Offline));
        assert!(seed.is_link_down());
        let network = ClientError::Unavailable {
            attempts: 6,
            last: Failure::Path { status: 502 },
        };
        assert!(!network.is_link_down());
        let timeouts = ClientError::Unavailable {
            attempts: 6,
            last: Failure::Transport(TransportError::Timeout),
        };
        assert!(timeouts.is_link_down());
        assert!(!ClientError::Bootstrap(BootstrapError::NoReachableNode).is_link_down());
        assert!(ClientError::Expired {
            timestamp_ms: 1,
            ttl_ms: 1
        }
        .is_specific_to_request());
        assert!(!network.is_specific_to_request());
    }
}
