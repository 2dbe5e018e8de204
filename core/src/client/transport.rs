//! The HTTP boundary: what the host must provide so the client can reach the network.
//!
//! The client never opens a socket. It hands finished onion bodies (and seed requests) to a
//! [`Transport`], which the host implements: through the relay in a browser
//! (`POST {relay}/relay/v1/onion/{guard ed25519 hex}`, `POST {relay}/relay/v1/seed`), or
//! directly from a native host (`POST https://{ip}:{port}/onion_req/v2`, a seed's `json_rpc`).

use super::NodeRecord;
use std::fmt;
use std::rc::Rc;

/// `relay_error` reasons the client acts on (the relay's `x-relay-error` values; a direct
/// transport that cannot connect to the guard should report [`NODE_UNREACHABLE`] with status
/// 502, and a guard that does not answer in time [`NODE_TIMEOUT`] with status 504). Other
/// reasons (rate limits, relay busy, malformed request…) blame no node: the client backs off
/// and retries.
pub mod relay_error {
    /// The guard could not be connected to, or cut its answer off.
    pub const NODE_UNREACHABLE: &str = "node-unreachable";
    /// The guard did not answer in time.
    pub const NODE_TIMEOUT: &str = "node-timeout";
    /// The relay does not know the guard (its node list differs from ours).
    pub const UNKNOWN_NODE: &str = "unknown-node";
    /// The request is larger than the relay forwards.
    pub const SIZE: &str = "size";
}

/// An HTTP answer, as received (any status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status.
    pub status: u16,
    /// Response body.
    pub body: Vec<u8>,
    /// Set when the answer comes from the relay itself rather than from the guard: the value
    /// of its `x-relay-error` response header (see [`relay_error`] for the reasons that blame
    /// the guard). `None` for answers from the guard, which may blame any hop.
    pub relay_error: Option<String>,
}

impl HttpReply {
    /// A reply from the far end (no relay error).
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpReply {
            status,
            body: body.into(),
            relay_error: None,
        }
    }
}

/// Why no HTTP answer arrived at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportError {
    /// No answer in time (the transport applies its own deadline; 20–30 s suits onion
    /// requests, whose hops wait up to 30 s for each other).
    Timeout,
    /// The peer the transport talks to (the relay, or a seed) could not be connected to: our
    /// own link is down, no service node is blamed. (A direct transport that cannot reach the
    /// guard answers an [`HttpReply`] with [`relay_error::NODE_UNREACHABLE`] instead.)
    Unreachable(String),
    /// Anything else (TLS failure, malformed HTTP, request aborted…).
    Other(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout => f.write_str("the request timed out"),
            TransportError::Unreachable(why) => write!(f, "could not connect: {why}"),
            TransportError::Other(why) => write!(f, "HTTP request failed: {why}"),
        }
    }
}

impl std::error::Error for TransportError {}

/// Sends bytes over HTTP for the client. Futures need not be `Send` (the browser is
/// single-threaded); each call must finish, with a reply or an error, within a bounded time.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// POSTs an onion request body to `guard` (relay: `/relay/v1/onion/{hex ed25519}`;
    /// direct: `https://{ip}:{port}/onion_req/v2`) and returns whatever HTTP answer came back.
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError>;

    /// POSTs a JSON-RPC body to a seed node (relay: `/relay/v1/seed`; direct: a seed's
    /// `/json_rpc`) and returns its answer.
    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError>;
}

impl<T: Transport + ?Sized> Transport for &T {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        (**self).send_onion(guard, body).await
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        (**self).seed(body).await
    }
}

impl<T: Transport + ?Sized> Transport for Rc<T> {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        (**self).send_onion(guard, body).await
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        (**self).seed(body).await
    }
}
