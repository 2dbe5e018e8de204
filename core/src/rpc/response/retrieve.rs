//! The answer to `retrieve` (network.md §5.5).

use super::json::{b64, flag, get, hash_of, obj, req_str, req_u64, time};
use super::FromJson;
use crate::rpc::RpcError;
use serde_json::Value;

/// One stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrievedMessage {
    /// Its hash (the next `last_hash` for this node).
    pub hash: String,
    /// The timestamp the sender stored it with (ms).
    pub timestamp: u64,
    /// When it expires (ms).
    pub expiration: u64,
    /// The message bytes (decoded from base64).
    pub data: Vec<u8>,
}

/// The answer to `retrieve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrieveResponse {
    /// Messages in this node's storage order.
    pub messages: Vec<RetrievedMessage>,
    /// A limit cut the list short: retrieve again from the last hash.
    pub more: bool,
    /// Server time (ms).
    pub t: Option<u64>,
    /// Hard fork `[major, minor]`.
    pub hf: Option<(u32, u32)>,
}

impl FromJson for RetrieveResponse {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let o = obj(v)?;
        let messages = get(o, "messages")?
            .as_array()
            .ok_or_else(|| RpcError::field("messages", "expected an array"))?
            .iter()
            .map(|m| {
                let m = obj(m)?;
                Ok(RetrievedMessage {
                    hash: hash_of(get(m, "hash")?, "hash")?,
                    timestamp: req_u64(m, "timestamp")?,
                    expiration: req_u64(m, "expiration")?,
                    data: b64(req_str(m, "data")?, "data")?,
                })
            })
            .collect::<Result<_, RpcError>>()?;
        let (t, hf) = time(o)?;
        Ok(RetrieveResponse {
            messages,
            more: flag(o, "more")?,
            t,
            hf,
        })
    }
}
