//! Typed storage-RPC responses, read from untrusted bytes (network.md §5.4–§5.15).
//!
//! A node destination's reply is a status and a body ([`NodeReply`](crate::onion::NodeReply));
//! a batch's sub-results are a code and a JSON body ([`SubResponse`]). [`parse_response`] and
//! [`SubResponse::parse`] turn 2xx into the typed body and every other status into an
//! [`RpcError`]: [`RpcError::WrongSwarm`] (421, with the new swarm), [`RpcError::ClockOutOfSync`]
//! (406/425) or [`RpcError::Status`].

mod batch;
mod delete;
mod expire;
mod info;
mod json;
mod members;
mod retrieve;
mod store;
mod swarm;

pub use batch::{BatchResponse, SubResponse};
pub use delete::{DeleteResponse, Deleted};
pub use expire::{ExpireResponse, Expired, GetExpiriesResponse};
pub use info::{InfoResponse, RevokeResponse, Revoked};
pub use members::{MemberFailure, MemberResult, SwarmResults};
pub use retrieve::{RetrieveResponse, RetrievedMessage};
pub use store::{StoreResponse, StoredCopy};
pub use swarm::{ServiceNodeList, SnodeRecord, SwarmInfo};

use super::RpcError;
use serde_json::Value;

/// A response body that can be read from its JSON.
pub trait FromJson: Sized {
    /// Reads the value from parsed JSON.
    fn from_json(v: &Value) -> Result<Self, RpcError>;

    /// Reads the value from JSON text.
    fn from_slice(bytes: &[u8]) -> Result<Self, RpcError> {
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| RpcError::InvalidJson(e.to_string()))?;
        Self::from_json(&v)
    }
}

/// Reads a response given its status: a 2xx body as `T`, anything else as its error.
pub fn parse_response<T: FromJson>(status: u16, body: &[u8]) -> Result<T, RpcError> {
    if (200..300).contains(&status) {
        T::from_slice(body)
    } else {
        let v = serde_json::from_slice(body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
        Err(status_error(status, &v))
    }
}

/// The error a non-2xx status means, with its body: 421 carries the swarm the node names
/// (empty when the body does not describe one), 406 and 425 mean our clock is off.
pub fn status_error(code: u16, body: &Value) -> RpcError {
    let message = match body {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match code {
        421 => RpcError::WrongSwarm(Box::new(SwarmInfo::from_json(body).unwrap_or_default())),
        406 | 425 => RpcError::ClockOutOfSync { code, message },
        _ => RpcError::Status { code, message },
    }
}
