//! `POST /relay/v1/onion/{guard}`: passes an onion request, unread, to a known service node,
//! and its reply back as an opaque download.

use crate::body::{read_answer, read_request, ReadError};
use crate::client::Client;
use crate::respond::relay_error;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::sync::Arc;
use std::time::Instant;

/// The handler. Order matters: cheap refusals (rate, the client's share, key, size) come before
/// the body is read, and the relay-wide forwarding slot is taken only once the body is in, so
/// a client sending slowly holds nothing but its own share.
pub async fn onion(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<Client>,
    Path(key): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !state.limiter.allow(client.key, Instant::now()) {
        return relay_error(StatusCode::TOO_MANY_REQUESTS, "rate", "Too many requests");
    }
    let Ok(_share) = state.concurrency.try_client(client.key) else {
        return relay_error(
            StatusCode::TOO_MANY_REQUESTS,
            "concurrency",
            "Too many requests",
        );
    };
    let Some(ed25519) = crate::seed::parse_key(&key) else {
        return relay_error(StatusCode::BAD_REQUEST, "key", "Invalid service node key");
    };
    let limits = &state.config.limits;
    if declared_length(&headers).is_some_and(|len| len > limits.max_body_bytes as u64) {
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
    let body = match read_request(body, limits.max_body_bytes, limits.body_timeout).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let Ok(_slot) = state.concurrency.try_global() else {
        return relay_error(StatusCode::SERVICE_UNAVAILABLE, "busy", "Relay busy");
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
        Err(e) if e.is_timeout() => return node_timeout(),
        Err(_) => return node_unreachable("Node unreachable"),
    };
    let status = StatusCode::from_u16(resp.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let bytes = match read_answer(resp, limits.max_reply_bytes).await {
        Ok(b) => b,
        Err(ReadError::TooLarge) => {
            return relay_error(
                StatusCode::BAD_GATEWAY,
                "reply-too-large",
                "Node reply too large",
            )
        }
        Err(ReadError::Failed(e)) if e.is_timeout() => return node_timeout(),
        Err(ReadError::Failed(_)) => return node_unreachable("Node reply cut off"),
    };
    // Whatever the node says its reply is, the browser gets opaque bytes it will neither render
    // nor sniff (and the relay's CORP header keeps other origins from reading them).
    let mut out = (status, bytes).into_response();
    let h = out.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment"),
    );
    out
}

fn node_timeout() -> Response {
    relay_error(
        StatusCode::GATEWAY_TIMEOUT,
        "node-timeout",
        "Node timed out",
    )
}

fn node_unreachable(text: &str) -> Response {
    relay_error(StatusCode::BAD_GATEWAY, "node-unreachable", text)
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
