//! Retry policy: backoff, and what an HTTP answer from the path says about who failed
//! (network.md §4.9, §8.2, §8.4).

use super::node::NodeId;
use super::transport::HttpReply;
use serde::{Deserialize, Serialize};

/// Exponential backoff between attempts: `initial_ms`, doubled each retry, at most `max_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backoff {
    /// Wait before the first retry (ms).
    pub initial_ms: u64,
    /// Longest wait (ms).
    pub max_ms: u64,
}

impl Backoff {
    /// The wait before retry number `retry` (1 for the first retry; 0 waits nothing).
    pub fn delay_ms(&self, retry: u32) -> u64 {
        if retry == 0 {
            return 0;
        }
        let factor = 1u64.checked_shl(retry - 1).unwrap_or(u64::MAX);
        self.initial_ms.saturating_mul(factor).min(self.max_ms)
    }
}

/// Who is to blame for an onion request that did not come back with HTTP 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathFault {
    /// The relay (or a direct transport) could not connect to the guard: drop the path and
    /// its guard at once; a dead guard would otherwise fail a third of our requests.
    GuardUnreachable,
    /// The guard refused the request (not ready, busy, rate limited): strike the path.
    Guard,
    /// A hop timed out or got garbage from the next one: strike the path.
    Path,
    /// No specific culprit (e.g. a layer did not decrypt): strike the path and each relay.
    PathAndRelays,
    /// A hop could not find or reach this node: drop it from the pool, swarms and paths.
    NodeGone(NodeId),
    /// This node is not ready: strike it.
    NodeNotReady(NodeId),
    /// 406/425: our clock is off; resync and re-sign.
    ClockSkew,
    /// 421 at the HTTP level: handled like the destination's 421, with this body.
    WrongSwarm(Vec<u8>),
    /// Retrying cannot help (request too large, server error by design).
    Fatal(String),
}

/// The node key a hop named after `prefix` in an error body (libsession and the relay both
/// append `<ed25519 hex>`; QUIC transports prefix `502 Bad Gateway\n\n`).
pub(crate) fn named_node(body: &str, prefix: &str) -> Option<NodeId> {
    let at = body.find(prefix)?;
    let rest = body.get(at + prefix.len()..)?.trim_start();
    NodeId::from_hex(rest.get(..64)?)
}

/// Classifies a non-200 answer received from the guard.
pub(crate) fn classify(reply: &HttpReply) -> PathFault {
    if reply.relay_error.is_some() {
        return PathFault::GuardUnreachable;
    }
    let body = String::from_utf8_lossy(&reply.body);
    let body = body.as_ref();
    for prefix in [
        "Next node not found: ",
        "Next node is currently unreachable: ",
    ] {
        if let Some(id) = named_node(body, prefix) {
            return PathFault::NodeGone(id);
        }
    }
    if let Some(id) = named_node(body, "Snode not ready: ") {
        return PathFault::NodeNotReady(id);
    }
    match reply.status {
        406 | 425 => PathFault::ClockSkew,
        421 => PathFault::WrongSwarm(reply.body.clone()),
        413 => PathFault::Fatal(format!("request too large: {}", body.trim())),
        429 | 503 => PathFault::Guard,
        500 | 504 => PathFault::Path,
        _ if body.trim() == "Oxen Server error" => PathFault::Fatal(body.trim().to_owned()),
        _ => PathFault::PathAndRelays,
    }
}
