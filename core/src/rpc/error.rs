//! The one error type of the rpc module.

use super::SwarmInfo;
use std::fmt;

/// Why a storage-RPC request could not be built, or a response not be read or not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RpcError {
    /// The method needs a signature for this namespace, and no [`Auth`](super::Auth) was given.
    AuthRequired {
        /// The method.
        method: &'static str,
        /// The namespace.
        namespace: i16,
    },
    /// The signing key does not belong to the account (its X25519 form for a `05` account, the
    /// key itself otherwise).
    KeyMismatch,
    /// A message hash is not 43 characters of base64.
    InvalidHash(String),
    /// The method needs at least one message hash.
    NoMessages,
    /// Per-message expiries must match the message hashes one to one.
    ExpiryCountMismatch {
        /// Number of hashes.
        hashes: usize,
        /// Number of expiries.
        expiries: usize,
    },
    /// A count outside what the node accepts (batch size, revoked tokens…).
    CountOutOfRange {
        /// What was counted.
        what: &'static str,
        /// How many there were.
        count: usize,
        /// The least allowed.
        min: usize,
        /// The most allowed.
        max: usize,
    },
    /// `batch`/`sequence`/`ifelse` cannot be nested in a batch.
    NestedBatch(String),
    /// A message larger than a node stores.
    DataTooLarge {
        /// Its size in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The response is not JSON, or not the JSON value expected.
    InvalidJson(String),
    /// A required response field is absent.
    MissingField(&'static str),
    /// A response field has the wrong type or format.
    InvalidField {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// 421: the account is not on this node's swarm; the body names the right one.
    WrongSwarm(Box<SwarmInfo>),
    /// 406 (node) or 425 (server): our clock is off; re-sync and rebuild the request.
    ClockOutOfSync {
        /// The status.
        code: u16,
        /// The node's message.
        message: String,
    },
    /// Any other non-2xx status, with the node's message.
    Status {
        /// The status.
        code: u16,
        /// The node's message (or the JSON body as text).
        message: String,
    },
}

impl RpcError {
    /// The status the node answered with, for errors that come from a status.
    pub fn status(&self) -> Option<u16> {
        match self {
            RpcError::WrongSwarm(_) => Some(421),
            RpcError::ClockOutOfSync { code, .. } | RpcError::Status { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub(crate) fn field(field: &'static str, reason: impl Into<String>) -> Self {
        RpcError::InvalidField {
            field,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RpcError::AuthRequired { method, namespace } => {
                write!(f, "{method} to namespace {namespace} must be signed")
            }
            RpcError::KeyMismatch => f.write_str("the signing key does not belong to the account"),
            RpcError::InvalidHash(h) => write!(f, "invalid message hash '{h}'"),
            RpcError::NoMessages => f.write_str("at least one message hash is needed"),
            RpcError::ExpiryCountMismatch { hashes, expiries } => write!(
                f,
                "{expiries} expiries given for {hashes} messages (need one each)"
            ),
            RpcError::CountOutOfRange {
                what,
                count,
                min,
                max,
            } => write!(f, "{count} {what} given, {min}–{max} allowed"),
            RpcError::NestedBatch(m) => write!(f, "'{m}' cannot be part of a batch"),
            RpcError::DataTooLarge { len, max } => {
                write!(f, "message of {len} bytes exceeds the {max}-byte limit")
            }
            RpcError::InvalidJson(e) => write!(f, "invalid response JSON: {e}"),
            RpcError::MissingField(k) => write!(f, "response has no '{k}'"),
            RpcError::InvalidField { field, reason } => {
                write!(f, "invalid '{field}' in response: {reason}")
            }
            RpcError::WrongSwarm(s) => write!(
                f,
                "421: the account belongs to another swarm ({} nodes named)",
                s.snodes.len()
            ),
            RpcError::ClockOutOfSync { code, message } => {
                write!(f, "{code}: clock out of sync with the network: {message}")
            }
            RpcError::Status { code, message } => write!(f, "the node answered {code}: {message}"),
        }
    }
}

impl std::error::Error for RpcError {}
