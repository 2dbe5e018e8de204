//! `POST /relay/v1/onion/{guard}`: passes an onion request, unread, to a known service node.

use crate::limits::Busy;
use crate::respond::relay_error;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// The handler. Order matters: cheap refusals (rate, key, size) come before the body is read.
pub async fn onion(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(key): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let client = peer.ip();
    if !state.limiter.allow(client, Instant::now()) {
        return relay_error(StatusCode::TOO_MANY_REQUESTS, "rate", "Too many requests");
    }
    let _slot = match state.concurrency.try_acquire(client) {
        Ok(slot) => slot,
        Err(Busy::Client) => {
            return relay_error(
                StatusCode::TOO_MANY_REQUESTS,
                "concurrency",
                "Too many requests",
            )
        }
        Err(Busy::Relay) => {
            return relay_error(StatusCode::SERVICE_UNAVAILABLE, "busy", "Relay busy")
        }
    };
    let Some(ed25519) = crate::seed::parse_key(&key) else {
        return relay_error(StatusCode::BAD_REQUEST, "key", "Invalid service node key");
    };
    let max = state.config.limits.max_body_bytes;
    if declared_length(&headers).is_some_and(|len| len > max as u64) {
        return relay_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "size",
            "Request body too large",
        );
    }
    let Some(addr) = state.directory.lookup(&ed25519).await else {
        return relay_error(
            StatusCode::FORBIDDEN,
            "unknown-node",
            "Unknown service node",
        );
    };
    let body = match read_limited(body, max, &state).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let url = format!("https://{addr}/onion_req/v2");
    let sent = state
        .node_client
        .post(url)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(body)
        .send()
        .await;
    let resp = match sent {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return relay_error(
                StatusCode::GATEWAY_TIMEOUT,
                "node-timeout",
                "Node timed out",
            )
        }
        Err(_) => {
            return relay_error(
                StatusCode::BAD_GATEWAY,
                "node-unreachable",
                "Node unreachable",
            )
        }
    };
    let status = StatusCode::from_u16(resp.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let content_type = resp.headers().get(header::CONTENT_TYPE).cloned();
    let bytes = match resp.bytes().await {
        Ok(b) => b,
        Err(_) => {
            return relay_error(
                StatusCode::BAD_GATEWAY,
                "node-unreachable",
                "Node reply cut off",
            )
        }
    };
    let mut out = (status, bytes).into_response();
    if let Some(ct) = content_type {
        out.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    out
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Reads at most `max` bytes of body within the body timeout; a longer body is refused as soon
/// as it passes the limit, without being read whole.
async fn read_limited(body: Body, max: usize, state: &AppState) -> Result<Bytes, Response> {
    let read = axum::body::to_bytes(body, max);
    match tokio::time::timeout(state.config.limits.body_timeout, read).await {
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
