//! Reading bodies with bounds: a client's request (size and time), and a node's or seed's
//! answer (size), never more than the bound in memory.

use crate::respond::relay_error;
use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use axum::response::Response;
use std::time::Duration;

/// Reads at most `max` bytes of a client's body within `timeout`; a longer body is refused as
/// soon as it passes the limit, without being read whole.
pub async fn read_request(body: Body, max: usize, timeout: Duration) -> Result<Bytes, Response> {
    let read = axum::body::to_bytes(body, max);
    match tokio::time::timeout(timeout, read).await {
        Err(_) => Err(relay_error(
            StatusCode::REQUEST_TIMEOUT,
            "body-timeout",
            "Request timed out",
        )),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                Err(relay_error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "size",
                    "Request body too large",
                ))
            } else {
                Err(relay_error(
                    StatusCode::BAD_REQUEST,
                    "body",
                    "Request body unreadable",
                ))
            }
        }
    }
}

/// Why an upstream answer was not read.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// It is longer than the bound.
    TooLarge,
    /// The connection failed or timed out while reading.
    Failed(reqwest::Error),
}

/// Reads an upstream answer chunk by chunk, stopping as soon as it passes `max` bytes (or at
/// once when it declares more).
pub async fn read_answer(mut resp: reqwest::Response, max: usize) -> Result<Bytes, ReadError> {
    if resp.content_length().is_some_and(|n| n > max as u64) {
        return Err(ReadError::TooLarge);
    }
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(ReadError::Failed)? {
        if out.len() + chunk.len() > max {
            return Err(ReadError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(out))
}
