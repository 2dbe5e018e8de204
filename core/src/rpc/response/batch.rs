//! The answer to `batch` and `sequence` (network.md §5.14).

use super::json::{get, obj, u16_of};
use super::{status_error, FromJson};
use crate::rpc::RpcError;
use serde_json::Value;

/// One sub-request's result.
#[derive(Debug, Clone, PartialEq)]
pub struct SubResponse {
    /// Its status.
    pub code: u16,
    /// Its body: JSON on success, usually an error string otherwise.
    pub body: Value,
}

impl SubResponse {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// The body as a `T` on success, or the error its status means.
    pub fn parse<T: FromJson>(&self) -> Result<T, RpcError> {
        match self.error() {
            Some(e) => Err(e),
            None => T::from_json(&self.body),
        }
    }

    /// The error its status means (`None` for 2xx).
    pub fn error(&self) -> Option<RpcError> {
        (!self.is_success()).then(|| status_error(self.code, &self.body))
    }

    /// The server time in its body.
    pub fn t(&self) -> Option<u64> {
        self.body.get("t").and_then(Value::as_u64)
    }
}

/// The answer to `batch` or `sequence`: `results[i]` answers `requests[i]` (a `sequence`
/// stops after the first failure, so its list may be shorter).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResponse {
    /// The sub-results.
    pub results: Vec<SubResponse>,
}

impl BatchResponse {
    /// When every sub-result failed with the same status, the error of the first: libsession
    /// then treats the whole request as failed with it (e.g. a 421 for every retrieve).
    pub fn common_error(&self) -> Option<RpcError> {
        let first = self.results.first()?;
        let same = self.results.iter().all(|r| r.code == first.code);
        if same {
            first.error()
        } else {
            None
        }
    }
}

impl FromJson for BatchResponse {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let results = get(obj(v)?, "results")?
            .as_array()
            .ok_or_else(|| RpcError::field("results", "expected an array"))?
            .iter()
            .map(|r| {
                let r = obj(r)?;
                Ok(SubResponse {
                    code: u16_of(get(r, "code")?, "code")?,
                    body: r.get("body").cloned().unwrap_or(Value::Null),
                })
            })
            .collect::<Result<_, RpcError>>()?;
        Ok(BatchResponse { results })
    }
}
