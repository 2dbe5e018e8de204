//! One service node: its state, and the HTTPS endpoints it serves.

use crate::clock::NodeClock;
use crate::faults::StoreLie;
use crate::http::{DropConnection, Peer};
use crate::keys::NodeKeys;
use crate::layout::NodeInfo;
use crate::limit::TokenBuckets;
use crate::rpc::{self, Body, Ctx, Reply};
use crate::store::Store;
use crate::swarms::{Swarms, View};
use crate::{Config, FileServerInfo};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Largest request body a node reads (10 MiB).
pub(crate) const MAX_BODY: usize = 10 * 1024 * 1024;
/// Header naming the node that forwards a swarm request.
pub(crate) const SENDER_HEADER: &str = "x-localnet-sender";
/// Header with the forwarding node's signature over the body (hex).
pub(crate) const SIGNATURE_HEADER: &str = "x-localnet-signature";
/// Header marking an onion request relayed by another node (not from a client).
pub(crate) const RELAY_HEADER: &str = "x-localnet-relay";

/// What every node knows about the network.
#[derive(Debug)]
pub(crate) struct Shared {
    pub config: Config,
    /// The nodes and the swarm each is in now.
    pub swarms: Swarms,
    /// Client for other nodes (IP addresses from the network's own list).
    pub client: reqwest::Client,
    /// Client for server destinations: host names resolve to global addresses only.
    pub server_client: reqwest::Client,
    /// Non-global addresses a server destination may still have: the file server's and
    /// [`Config::extra_servers`].
    pub servers: Vec<std::net::SocketAddr>,
    pub file_server: Option<FileServerInfo>,
    /// Requests the seed has answered.
    pub seed_requests: AtomicU64,
    /// Registered ONS names.
    pub names: crate::names::Names,
}

impl Shared {
    /// Every node with its current swarm.
    pub fn view(&self) -> View {
        self.swarms.view()
    }

    /// The swarm an account belongs to now.
    pub fn swarm_of(&self, pk: &[u8; 33]) -> Option<u64> {
        self.view().swarm_of(pk)
    }

    /// Members of a swarm now, in node order.
    pub fn members(&self, swarm_id: u64) -> Vec<NodeInfo> {
        self.view().members(swarm_id)
    }

    /// The node with this Ed25519 key, with its current swarm.
    pub fn find(&self, ed25519: &[u8; 32]) -> Option<NodeInfo> {
        self.view().find(ed25519).cloned()
    }
}

/// Faults injected into one node.
#[derive(Debug, Default)]
pub(crate) struct NodeFaults {
    pub unavailable: AtomicBool,
    pub stall_ms: AtomicU64,
    pub drop_after_store: AtomicBool,
    pub rate_limited: AtomicBool,
    pub busy: AtomicBool,
    pub not_ready_as_destination: AtomicBool,
    /// [`StoreLie::code`] of the lie told to `store`, 0 for none.
    pub store_lie: AtomicU8,
    /// Store answers lied in so far (a count, not a fault: never cleared).
    pub lies_told: AtomicU64,
}

impl NodeFaults {
    /// Removes every fault.
    pub fn clear(&self) {
        for flag in [
            &self.unavailable,
            &self.drop_after_store,
            &self.rate_limited,
            &self.busy,
            &self.not_ready_as_destination,
        ] {
            flag.store(false, Ordering::Relaxed);
        }
        self.stall_ms.store(0, Ordering::Relaxed);
        self.store_lie.store(0, Ordering::Relaxed);
    }
}

/// A running node.
#[derive(Debug)]
pub(crate) struct Node {
    /// Its address and keys; `info.swarm_id` is the layout's swarm, the current one is
    /// [`Node::swarm_id`].
    pub info: NodeInfo,
    pub keys: NodeKeys,
    pub store: Store,
    pub clock: NodeClock,
    pub faults: NodeFaults,
    pub net: Arc<Shared>,
    /// Direct requests per client address (§5.1).
    pub limiter: TokenBuckets<IpAddr>,
    /// Client requests being handled now.
    pub queued: AtomicUsize,
}

impl Node {
    /// This node's time (system time plus any injected skew).
    pub fn now(&self) -> u64 {
        self.clock.now_ms()
    }

    /// The swarm this node is in now.
    pub fn swarm_id(&self) -> u64 {
        self.net
            .swarms
            .swarm_of_node(&self.info.ed25519)
            .unwrap_or(self.info.swarm_id)
    }

    /// Base64 of this node's Ed25519 signature of `msg`.
    pub fn sign_b64(&self, msg: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.keys.sign(msg))
    }

    /// Whether the "not ready" fault is on.
    pub fn unavailable(&self) -> bool {
        self.faults.unavailable.load(Ordering::Relaxed)
    }

    /// Injected onion-processing delay.
    pub fn stall(&self) -> Option<Duration> {
        match self.faults.stall_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(Duration::from_millis(ms)),
        }
    }

    /// Whether to drop the connection of a request that stored a message.
    pub fn drops_after_store(&self) -> bool {
        self.faults.drop_after_store.load(Ordering::Relaxed)
    }

    /// Whether, as an onion request's destination, it answers the encrypted `Snode not ready`.
    pub fn not_ready_as_destination(&self) -> bool {
        self.faults.not_ready_as_destination.load(Ordering::Relaxed)
    }

    /// The lie it tells when asked to store, if any.
    pub fn store_lie(&self) -> Option<StoreLie> {
        StoreLie::from_code(self.faults.store_lie.load(Ordering::Relaxed))
    }

    /// Counts a lie told (so tests can tell a lie was met, not just set).
    pub fn told_lie(&self) {
        self.faults.lies_told.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether a direct request from `peer` is over the client rate (or the fault says so).
    fn rate_limited(&self, peer: Option<&Peer>) -> bool {
        if self.faults.rate_limited.load(Ordering::Relaxed) {
            return true;
        }
        peer.is_some_and(|p| !self.limiter.allow(p.0.ip(), Instant::now()))
    }

    /// A place in the node's queue of client requests, or None when it is full (or the busy
    /// fault is on): the request is then answered [`server_busy`].
    pub fn enqueue(&self) -> Option<Queued<'_>> {
        if self.faults.busy.load(Ordering::Relaxed) {
            return None;
        }
        let max = self.net.config.max_queued_requests;
        let taken = self
            .queued
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            });
        taken.ok().map(|_| Queued(&self.queued))
    }
}

/// Holds a place in a node's request queue until dropped.
#[derive(Debug)]
pub(crate) struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The node's HTTPS routes.
pub(crate) fn router(node: Arc<Node>) -> Router {
    Router::new()
        .route("/storage_rpc/v1", post(storage_rpc))
        .route("/onion_req/v2", post(crate::onion::onion_req))
        .route("/swarm_rpc/v1", post(swarm_rpc))
        .route("/ping_test/v1", post(ping_test))
        .route("/get_stats/v1", get(get_stats))
        .fallback(not_found)
        .with_state(node)
}

/// A plain-text answer.
pub(crate) fn text(status: u16, body: impl Into<String>) -> Response {
    let mut r = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body.into(),
    )
        .into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static("text/plain"));
    r
}

/// An RPC reply as HTTP (JSON bodies as application/json, strings as text/plain).
pub(crate) fn reply_response(reply: &Reply) -> Response {
    match &reply.body {
        Body::Text(s) => text(reply.status, s.clone()),
        Body::Json(v) => {
            let mut r = (
                StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                v.to_string(),
            )
                .into_response();
            r.headers_mut()
                .insert("content-type", HeaderValue::from_static("application/json"));
            r
        }
    }
}

/// 429 of a client over its rate (upstream's bare status text).
pub(crate) fn too_many_requests() -> Response {
    text(429, "Too Many Requests\n")
}

/// 503 of an overloaded node (network.md §4.9).
pub(crate) fn server_busy() -> Response {
    text(503, "Server busy, try again later")
}

/// 503 of a node that is not ready.
pub(crate) fn not_ready() -> Response {
    text(
        503,
        "Service node is not ready: unavailable (injected fault)\n",
    )
}

/// Reads the body within the 10 MiB limit (413 / 400 otherwise).
pub(crate) async fn read_body(req: Request) -> Result<(HeaderMap, Bytes), Response> {
    let (parts, body) = req.into_parts();
    if let Some(len) = parts.headers.get("content-length") {
        match len.to_str().ok().and_then(|s| s.parse::<u64>().ok()) {
            None => return Err(text(400, "invalid Content-Length")),
            Some(n) if n > MAX_BODY as u64 => return Err(text(413, rpc::errors::TOO_LARGE)),
            Some(_) => {}
        }
    }
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => Ok((parts.headers, b)),
        Err(_) => Err(text(413, rpc::errors::TOO_LARGE)),
    }
}

/// Closes the connection without an answer when the request stored a message and the
/// "drop reply after store" fault is on.
pub(crate) async fn maybe_drop(node: &Node, ctx: &Ctx, drop: Option<&DropConnection>) {
    if ctx.stored() && node.drops_after_store() {
        if let Some(d) = drop {
            d.0.notify_one();
            std::future::pending::<()>().await;
        }
    }
}

async fn storage_rpc(State(node): State<Arc<Node>>, req: Request) -> Response {
    // Upstream's order: readiness, the client's rate, the obsolete header, then the body.
    if node.unavailable() {
        return not_ready();
    }
    if node.rate_limited(req.extensions().get::<Peer>()) {
        return too_many_requests();
    }
    if req.headers().contains_key("x-loki-long-poll") {
        return text(410, rpc::errors::LONG_POLL);
    }
    let drop = req.extensions().get::<DropConnection>().cloned();
    let (_, body) = match read_body(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(_queued) = node.enqueue() else {
        return server_busy();
    };
    let ctx = Ctx::default();
    let reply = rpc::handle_bytes(&node, &body, &ctx, true).await;
    maybe_drop(&node, &ctx, drop.as_ref()).await;
    reply_response(&reply)
}

async fn swarm_rpc(State(node): State<Arc<Node>>, req: Request) -> Response {
    let drop = req.extensions().get::<DropConnection>().cloned();
    let (headers, body) = match read_body(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Only members of this node's swarm may forward requests here.
    let sender = headers
        .get(SENDER_HEADER)
        .and_then(|v| hex::decode(v.as_bytes()).ok())
        .and_then(|v| <[u8; 32]>::try_from(v).ok());
    let sig = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| hex::decode(v.as_bytes()).ok())
        .and_then(|v| <[u8; 64]>::try_from(v).ok());
    let trusted = match (sender, sig) {
        (Some(s), Some(sig)) => {
            let view = node.net.view();
            let swarm = |ed| view.find(ed).map(|n| n.swarm_id);
            swarm(&s).is_some_and(|theirs| swarm(&node.info.ed25519) == Some(theirs))
                && ed25519_dalek::VerifyingKey::from_bytes(&s)
                    .map(|k| {
                        k.verify_strict(&body, &ed25519_dalek::Signature::from_bytes(&sig))
                            .is_ok()
                    })
                    .unwrap_or(false)
        }
        _ => false,
    };
    if !trusted {
        return text(403, "swarm request from an unknown peer");
    }
    if node.unavailable() {
        return text(503, format!("Snode not ready: {}", node.info.ed25519_hex()));
    }
    let ctx = Ctx::default();
    let reply = rpc::handle_bytes(&node, &body, &ctx, false).await;
    maybe_drop(&node, &ctx, drop.as_ref()).await;
    reply_response(&reply)
}

async fn ping_test(State(node): State<Arc<Node>>) -> Response {
    let mut r = StatusCode::OK.into_response();
    let key = base64::engine::general_purpose::STANDARD.encode(node.info.ed25519);
    if let Ok(v) = HeaderValue::from_str(&key) {
        r.headers_mut().insert("x-oxen-snode-pubkey", v);
    }
    r
}

async fn get_stats() -> Response {
    let v = rpc::version_string();
    reply_response(&Reply::json(200, serde_json::json!({"version": v})))
}

async fn not_found(req: Request) -> Response {
    text(
        404,
        format!("{} {} Not Found", req.method(), req.uri().path()),
    )
}
