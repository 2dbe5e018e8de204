//! `/onion_req/v2` hop processing (§4.5–§4.8), on session-core's node-side onion functions.
//!
//! Node-to-node forwarding POSTs the next hop's envelope (`forward_body`) to its
//! `/onion_req/v2` with a relay marker header; the receiving node then applies the relay rules
//! (hop limit, `Snode not ready`). Relays pass the next hop's status and body back unchanged.

use crate::http::DropConnection;
use crate::node::{maybe_drop, not_ready, read_body, server_busy, text, Node, RELAY_HEADER};
use crate::rpc::{self, Ctx};
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use rand_core::OsRng;
use session_core::onion::{self, Instruction, ReplyFlags};
use std::sync::Arc;

/// Highest hop number a relay accepts.
const MAX_ONION_HOPS: u64 = 15;
/// Status codes a relay passes through; any other becomes 500 (upstream keeps only these).
const KNOWN_CODES: &[u16] = &[
    200, 400, 401, 403, 404, 406, 410, 413, 421, 429, 500, 502, 503, 504,
];

/// Fixed texts of onion answers (all quoted in network.md §4.9).
pub mod errors {
    /// 400: the layer does not decrypt.
    pub const INVALID_CIPHERTEXT: &str = "Invalid ciphertext";
    /// 400 prefix: the envelope is malformed.
    pub const PARSE_PREFIX: &str = "Error parsing onion request: ";
    /// 400: hop number over the limit.
    pub const MAX_PATH: &str = "onion request max path length exceeded";
    /// 502 prefix: next hop not a known node.
    pub const NEXT_NOT_FOUND: &str = "Next node not found: ";
    /// 502 prefix: next hop known but refusing connections.
    pub const NEXT_UNREACHABLE: &str = "Next node is currently unreachable: ";
    /// 504: next hop did not answer in time.
    pub const TIMEOUT: &str = "Request time out";
    /// 500: next hop answered something unreadable.
    pub const BAD_RESPONSE: &str = "Invalid response from snode";
    /// 503 prefix: a relayed request reached a node that is not ready.
    pub const SNODE_NOT_READY: &str = "Snode not ready: ";
    /// Encrypted 503 body (§4.7): the destination is not ready.
    pub const DESTINATION_NOT_READY: &str = "Snode not ready";
}

fn plain_200(body: Vec<u8>) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static("text/plain"));
    r
}

/// The `/onion_req/v2` handler.
pub(crate) async fn onion_req(State(node): State<Arc<Node>>, req: Request) -> Response {
    let relayed = req.headers().contains_key(RELAY_HEADER);
    if node.unavailable() {
        return if relayed {
            text(
                503,
                format!("{}{}", errors::SNODE_NOT_READY, node.info.ed25519_hex()),
            )
        } else {
            not_ready()
        };
    }
    let drop = req.extensions().get::<DropConnection>().cloned();
    let (_, body) = match read_body(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Only a guard answers "busy" (network.md §4.9): between nodes, upstream does not go
    // through the HTTP queue that overflows.
    let _queued = if relayed {
        None
    } else {
        match node.enqueue() {
            Some(q) => Some(q),
            None => return server_busy(),
        }
    };
    if let Some(stall) = node.stall() {
        tokio::time::sleep(stall).await;
    }
    let layer = match onion::peel(node.keys.x25519_secret(), &body) {
        Ok(l) => l,
        Err(e) if e.is_ciphertext_error() => return text(400, errors::INVALID_CIPHERTEXT),
        Err(e) => return text(400, format!("{}{e}", errors::PARSE_PREFIX)),
    };
    if relayed && layer.hop_no > MAX_ONION_HOPS {
        return text(400, errors::MAX_PATH);
    }
    let encrypted_error = |status: u16, msg: &str| {
        plain_200(onion::encode_node_reply(
            &layer.key, status, msg, &mut OsRng,
        ))
    };
    match onion::route(&layer.plaintext) {
        Err(_) => encrypted_error(400, "Invalid json"),
        Ok(Instruction::Final { request, json }) => {
            let flags = ReplyFlags::from_json(&json);
            if node.not_ready_as_destination() {
                return plain_200(onion::encode_node_reply_with(
                    &layer.key,
                    503,
                    &serde_json::Value::from(errors::DESTINATION_NOT_READY),
                    flags,
                    &mut OsRng,
                ));
            }
            let ctx = Ctx::default();
            let reply = rpc::handle_bytes(&node, &request, &ctx, true).await;
            maybe_drop(&node, &ctx, drop.as_ref()).await;
            plain_200(onion::encode_node_reply_with(
                &layer.key,
                reply.status,
                &reply.body_value(),
                flags,
                &mut OsRng,
            ))
        }
        Ok(Instruction::ToServer {
            host,
            target,
            protocol,
            port,
            payload,
        }) => match crate::addr::server_url(&protocol, &host, port, &target, &node.net.servers) {
            Ok(url) => to_server(&node, url, payload).await,
            Err(_) => encrypted_error(400, "Invalid url"),
        },
        Ok(Instruction::ToNode {
            ed25519,
            ephemeral_key,
            enc_type,
            blob,
        }) => {
            let Some(next) = node.net.find(&ed25519) else {
                return text(
                    502,
                    format!("{}{}", errors::NEXT_NOT_FOUND, hex::encode(ed25519)),
                );
            };
            // Saturating: a client may start at any hop number, and u64::MAX + 1 must not wrap
            // (the next relay refuses anything over the limit).
            let next_hop_no = layer.hop_no.saturating_add(1);
            let fwd = onion::forward_body(&blob, &ephemeral_key, enc_type, next_hop_no);
            to_node(&node, &next, fwd).await
        }
    }
}

async fn to_node(node: &Node, next: &crate::NodeInfo, body: Vec<u8>) -> Response {
    let res = node
        .net
        .client
        .post(format!("{}/onion_req/v2", next.https_url()))
        .header(RELAY_HEADER, node.info.ed25519_hex())
        .body(body)
        .timeout(node.net.config.hop_timeout)
        .send()
        .await;
    let resp = match res {
        Ok(r) => r,
        Err(e) if e.is_connect() => {
            return text(
                502,
                format!("{}{}", errors::NEXT_UNREACHABLE, next.ed25519_hex()),
            )
        }
        Err(_) => return text(504, errors::TIMEOUT),
    };
    let status = resp.status().as_u16();
    let content_type = resp.headers().get("content-type").cloned();
    let bytes = match resp.bytes().await {
        Ok(b) => b,
        Err(e) if e.is_timeout() => return text(504, errors::TIMEOUT),
        Err(_) => return text(500, errors::BAD_RESPONSE),
    };
    let status = if KNOWN_CODES.contains(&status) {
        status
    } else {
        500
    };
    relay_response(status, content_type, bytes.to_vec())
}

fn relay_response(status: u16, content_type: Option<HeaderValue>, body: Vec<u8>) -> Response {
    let code = axum::http::StatusCode::from_u16(status)
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = (code, body).into_response();
    r.headers_mut().insert(
        "content-type",
        content_type.unwrap_or(HeaderValue::from_static("text/plain")),
    );
    r
}

async fn to_server(node: &Node, url: reqwest::Url, payload: Vec<u8>) -> Response {
    let res = node
        .net
        .server_client
        .post(url)
        .header("content-type", "application/octet-stream")
        .header(
            "user-agent",
            format!("Oxen Storage Server/{}", rpc::version_string()),
        )
        .body(payload)
        .timeout(node.net.config.server_timeout)
        .send()
        .await;
    match res {
        Err(e) if e.is_timeout() => text(504, e.to_string()),
        Err(e) => text(502, e.to_string()),
        Ok(resp) => {
            let status = resp.status().as_u16();
            let content_type = resp.headers().get("content-type").cloned();
            match resp.bytes().await {
                Ok(b) => relay_response(status, content_type, b.to_vec()),
                Err(e) if e.is_timeout() => text(504, e.to_string()),
                Err(e) => text(502, e.to_string()),
            }
        }
    }
}
