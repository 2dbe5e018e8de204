//! The client's error type.

use super::transport::TransportError;
use crate::message::MessageError;
use crate::onion::OnionError;
use crate::rpc::RpcError;
use std::fmt;

/// Why a client operation failed after its retries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientError {
    /// No node list could be obtained from the seed.
    Bootstrap(String),
    /// Too few usable nodes to build paths.
    NotEnoughNodes {
        /// Nodes a path set needs.
        needed: usize,
        /// Usable nodes known.
        available: usize,
    },
    /// The account's swarm could not be determined.
    NoSwarm(String),
    /// Every attempt failed; the last failure is described.
    Unavailable {
        /// Attempts made.
        attempts: u32,
        /// What went wrong the last time.
        last: String,
    },
    /// The network kept rejecting our timestamps even after resynchronising the clock.
    ClockOutOfSync(String),
    /// A node refused the request in a way retrying cannot fix (400, 401, 403, 404…).
    Rejected {
        /// Its status.
        status: u16,
        /// Its message.
        message: String,
    },
    /// The recipient is not a `05` Session ID.
    InvalidRecipient(String),
    /// The network's transport failed and retries ran out.
    Transport(TransportError),
    /// The relay refused the request itself (rate limit, busy…) and retries ran out.
    Relay {
        /// Its HTTP status.
        status: u16,
        /// Its `x-relay-error` reason.
        reason: String,
    },
    /// A storage request could not be built.
    Request(RpcError),
    /// An onion request could not be built.
    Onion(OnionError),
    /// A message could not be encrypted.
    Message(MessageError),
    /// Saved client state could not be read.
    State(String),
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
            ClientError::NoSwarm(why) => {
                write!(f, "could not find the account's swarm: {why}")
            }
            ClientError::Unavailable { attempts, last } => write!(
                f,
                "the network did not answer after {attempts} attempts (last: {last})"
            ),
            ClientError::ClockOutOfSync(why) => write!(
                f,
                "the network rejects this device's clock even after resynchronising: {why}"
            ),
            ClientError::Rejected { status, message } => {
                write!(f, "a service node refused the request ({status}): {message}")
            }
            ClientError::InvalidRecipient(why) => write!(f, "invalid recipient: {why}"),
            ClientError::Transport(e) => write!(f, "network error: {e}"),
            ClientError::Relay { status, reason } => {
                write!(f, "the relay refused the request ({status} {reason})")
            }
            ClientError::Request(e) => write!(f, "could not build the request: {e}"),
            ClientError::Onion(e) => write!(f, "could not build the onion request: {e}"),
            ClientError::Message(e) => write!(f, "could not encrypt the message: {e}"),
            ClientError::State(why) => write!(f, "saved client state is unreadable: {why}"),
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
