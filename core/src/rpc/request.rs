//! The storage-RPC request envelope `{"method", "params"}` and its batch wrappers
//! (network.md §5.1, §5.14).

use super::RpcError;
use serde_json::{json, Map, Value};

/// Most sub-requests a `batch` or `sequence` may hold.
pub const MAX_BATCH: usize = 20;

/// One storage-RPC request, ready to be sent as JSON (directly, as an onion payload, or inside
/// a batch).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    method: String,
    params: Map<String, Value>,
}

impl Request {
    /// A request with any method and parameters (the typed builders cover the usual ones).
    pub fn new(method: impl Into<String>, params: Map<String, Value>) -> Request {
        Request {
            method: method.into(),
            params,
        }
    }

    /// The method name.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The parameters.
    pub fn params(&self) -> &Map<String, Value> {
        &self.params
    }

    /// `{"method": …, "params": {…}}`.
    pub fn to_json(&self) -> Value {
        json!({ "method": self.method, "params": self.params })
    }

    /// The request as compact UTF-8 JSON: the payload of a node-destination onion request.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_json().to_string().into_bytes()
    }
}

/// A `batch`: up to 20 sub-requests, run independently; every one gets its own result.
pub fn batch(requests: Vec<Request>) -> Result<Request, RpcError> {
    wrap("batch", requests)
}

/// A `sequence`: like [`batch`], but run in order and stopped at the first failure.
pub fn sequence(requests: Vec<Request>) -> Result<Request, RpcError> {
    wrap("sequence", requests)
}

fn wrap(method: &str, requests: Vec<Request>) -> Result<Request, RpcError> {
    if requests.is_empty() || requests.len() > MAX_BATCH {
        return Err(RpcError::CountOutOfRange {
            what: "sub-requests",
            count: requests.len(),
            min: 1,
            max: MAX_BATCH,
        });
    }
    if let Some(nested) = requests
        .iter()
        .find(|r| matches!(r.method(), "batch" | "sequence" | "ifelse"))
    {
        return Err(RpcError::NestedBatch(nested.method.clone()));
    }
    let list: Vec<Value> = requests.iter().map(Request::to_json).collect();
    let mut params = Map::new();
    params.insert("requests".into(), list.into());
    Ok(Request::new(method, params))
}
