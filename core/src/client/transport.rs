//! The HTTP boundary: what the host must provide so the client can reach the network.
//!
//! The client never opens a socket. It hands finished onion bodies (and seed requests) to a
//! [`Transport`], which the host implements: through the relay in a browser
//! (`POST {relay}/relay/v1/onion/{guard ed25519 hex}`, `POST {relay}/relay/v1/seed`), or
//! directly from a native host (`POST https://{ip}:{port}/onion_req/v2`, a seed's `json_rpc`).
//! Onion requests to servers (file server, communities) also enter the network at a guard, so
//! the same two calls carry every request.

use super::NodeRecord;
use std::fmt;
use std::rc::Rc;

/// Why the relay itself refused or failed a request: the value of its `x-relay-error`
/// header. A direct transport that cannot connect to the guard reports
/// [`RelayReason::NodeUnreachable`] with status 502, and a guard that does not answer in time
/// [`RelayReason::NodeTimeout`] with status 504. The other reasons (rate limits, relay busy,
/// malformed request…) blame no node: the client backs off and retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RelayReason {
    /// The guard could not be connected to, or cut its answer off (`node-unreachable`).
    NodeUnreachable,
    /// The guard did not answer in time (`node-timeout`).
    NodeTimeout,
    /// The relay does not know the guard: its node list differs from ours (`unknown-node`).
    UnknownNode,
    /// The request is larger than the relay forwards (`size`).
    Size,
    /// Too many requests from us (`rate`, `concurrency`).
    RateLimited,
    /// The relay is overloaded (`busy`).
    Busy,
    /// No seed answered the relay (`seed-unreachable`).
    SeedUnreachable,
    /// The relay found the request malformed (`key`, `seed-request`), or refused it as coming
    /// from another site (`cross-site`).
    BadRequest,
    /// The request body came too slowly or was cut off (`body`, `body-timeout`).
    BodyTimeout,
    /// The guard's answer was larger than the relay passes on (`reply-too-large`).
    ReplyTooLarge,
    /// A reason this version does not know.
    Other,
}

impl RelayReason {
    /// The reason named by an `x-relay-error` header value.
    pub fn from_header(value: &str) -> RelayReason {
        match value.trim() {
            "node-unreachable" => RelayReason::NodeUnreachable,
            "node-timeout" => RelayReason::NodeTimeout,
            "unknown-node" => RelayReason::UnknownNode,
            "size" => RelayReason::Size,
            "rate" | "concurrency" => RelayReason::RateLimited,
            "busy" => RelayReason::Busy,
            "seed-unreachable" => RelayReason::SeedUnreachable,
            "key" | "seed-request" | "cross-site" => RelayReason::BadRequest,
            "body" | "body-timeout" => RelayReason::BodyTimeout,
            "reply-too-large" => RelayReason::ReplyTooLarge,
            _ => RelayReason::Other,
        }
    }
}

impl fmt::Display for RelayReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RelayReason::NodeUnreachable => "the entry node cannot be reached",
            RelayReason::NodeTimeout => "the entry node did not answer in time",
            RelayReason::UnknownNode => "the relay does not know the entry node",
            RelayReason::Size => "the request is too large",
            RelayReason::RateLimited => "too many requests",
            RelayReason::Busy => "the relay is busy",
            RelayReason::SeedUnreachable => "no seed node answered the relay",
            RelayReason::BadRequest => "the relay found the request malformed",
            RelayReason::BodyTimeout => "the request reached the relay too slowly",
            RelayReason::ReplyTooLarge => "the answer was larger than the relay passes on",
            RelayReason::Other => "the relay failed",
        })
    }
}

/// An HTTP answer, as received (any status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status.
    pub status: u16,
    /// Response body.
    pub body: Vec<u8>,
    /// Set when the answer comes from the relay itself rather than from the guard (its
    /// `x-relay-error` header). `None` for answers from the guard, which may blame any hop.
    pub relay_error: Option<RelayReason>,
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

    /// An answer the relay (or a direct transport standing in for it) made itself.
    pub fn relay(status: u16, reason: RelayReason) -> Self {
        HttpReply {
            status,
            body: Vec::new(),
            relay_error: Some(reason),
        }
    }
}

/// Why no HTTP answer arrived at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportError {
    /// No answer in time (the transport applies its own deadline; 20–30 s suits onion
    /// requests, whose hops wait up to 30 s for each other).
    Timeout,
    /// The device says it has no network.
    Offline,
    /// The peer the transport talks to (the relay, or a seed) could not be connected to: our
    /// own link is down, no service node is blamed. (A direct transport that cannot reach the
    /// guard answers an [`HttpReply`] with [`RelayReason::NodeUnreachable`] instead.)
    Unreachable,
    /// The peer's TLS certificate or handshake was refused.
    Tls,
    /// The answer was cut off or is not HTTP.
    Malformed,
    /// The request was aborted by someone other than the transport's deadline.
    Aborted,
    /// The platform lacks something the transport needs (named).
    Unsupported(&'static str),
}

impl TransportError {
    /// Whether the failure says our own link (or the relay) is down, rather than something
    /// about one request.
    pub fn is_link_down(&self) -> bool {
        matches!(
            self,
            TransportError::Timeout | TransportError::Offline | TransportError::Unreachable
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout => f.write_str("the request timed out"),
            TransportError::Offline => f.write_str("this device is offline"),
            TransportError::Unreachable => f.write_str("could not connect"),
            TransportError::Tls => f.write_str("the secure connection was refused"),
            TransportError::Malformed => f.write_str("the answer was cut off or malformed"),
            TransportError::Aborted => f.write_str("the request was aborted"),
            TransportError::Unsupported(what) => write!(f, "this platform has no {what}"),
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
