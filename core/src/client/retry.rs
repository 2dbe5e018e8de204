//! Retry policy: backoff, and what an HTTP answer from the path says about who failed
//! (network.md §4.9, §8.2, §8.4).

use super::error::RemoteText;
use super::node::NodeId;
use super::transport::{HttpReply, RelayReason};
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
    /// The guard refused the request (not ready, busy, rate limited) or timed out: strike
    /// the path.
    Guard,
    /// The relay refused the request itself (rate limit, busy, malformed request): no node is
    /// to blame; back off and retry.
    Relay(RelayReason),
    /// The relay will never forward this request (too large).
    RelayRefused(RelayReason),
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
    /// Retrying cannot help (request too large, server error by design): the body.
    Fatal(RemoteText),
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
    if let Some(reason) = reply.relay_error {
        return match reason {
            RelayReason::NodeUnreachable | RelayReason::UnknownNode => PathFault::GuardUnreachable,
            RelayReason::NodeTimeout => PathFault::Guard,
            RelayReason::Size | RelayReason::BadRequest => PathFault::RelayRefused(reason),
            // No honest node answers a request with megabytes: a hop on the path misbehaves.
            RelayReason::ReplyTooLarge => PathFault::PathAndRelays,
            // Unknown reasons: a failure to reach the guard, or the relay's own trouble.
            _ => match reply.status {
                502 => PathFault::GuardUnreachable,
                504 => PathFault::Guard,
                _ => PathFault::Relay(reason),
            },
        };
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
        413 => PathFault::Fatal(RemoteText::new(body)),
        429 | 503 => PathFault::Guard,
        500 | 504 => PathFault::Path,
        _ if body.trim() == "Oxen Server error" => PathFault::Fatal(RemoteText::new(body)),
        _ => PathFault::PathAndRelays,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let b = Backoff {
            initial_ms: 100,
            max_ms: 1_000,
        };
        let d: Vec<u64> = (0..7).map(|i| b.delay_ms(i)).collect();
        assert_eq!(d, vec![0, 100, 200, 400, 800, 1_000, 1_000]);
        assert_eq!(b.delay_ms(200), 1_000);
    }

    /// Every status of the spec's error table (network.md §4.9) is classified, and those that
    /// name a node are attributed to it.
    #[test]
    fn the_spec_error_table_is_classified() {
        let node = "ab".repeat(32);
        let rows = session_testkit::spec_table("network.md", "### 4.9");
        let mut named = 0;
        for row in rows.iter().skip(1) {
            let Some(status) = row.first().and_then(|s| s.parse::<u16>().ok()) else {
                continue;
            };
            let body = row
                .get(1)
                .map(|b| b.replace("<ed25519 hex>", &node).replace(" (prefix)", ""))
                .unwrap_or_default();
            let fault = classify(&HttpReply::new(status, body.clone()));
            if body.contains(&node) {
                named += 1;
                let id = NodeId::from_hex(&node).unwrap();
                assert!(
                    matches!(&fault, PathFault::NodeGone(n) | PathFault::NodeNotReady(n) if *n == id),
                    "{status} {body}: {fault:?}"
                );
            }
            match status {
                406 | 425 => assert_eq!(fault, PathFault::ClockSkew),
                413 => assert!(matches!(fault, PathFault::Fatal(_))),
                _ => {}
            }
        }
        assert!(named >= 3, "the table names nodes in three rows");
    }

    #[test]
    fn relay_errors_are_read_by_reason() {
        let relay = |status: u16, reason: &str| HttpReply {
            status,
            body: b"relay text".to_vec(),
            relay_error: Some(RelayReason::from_header(reason)),
        };
        assert_eq!(
            classify(&relay(502, "node-unreachable")),
            PathFault::GuardUnreachable
        );
        assert_eq!(
            classify(&relay(403, "unknown-node")),
            PathFault::GuardUnreachable
        );
        assert_eq!(classify(&relay(504, "node-timeout")), PathFault::Guard);
        assert_eq!(
            classify(&relay(413, "size")),
            PathFault::RelayRefused(RelayReason::Size)
        );
        for (status, reason) in [(400, "key"), (403, "cross-site")] {
            assert_eq!(
                classify(&relay(status, reason)),
                PathFault::RelayRefused(RelayReason::BadRequest)
            );
        }
        assert_eq!(
            classify(&relay(502, "reply-too-large")),
            PathFault::PathAndRelays
        );
        for (status, reason) in [
            (429, "rate"),
            (429, "concurrency"),
            (503, "busy"),
            (408, "body-timeout"),
        ] {
            assert_eq!(
                classify(&relay(status, reason)),
                PathFault::Relay(RelayReason::from_header(reason))
            );
        }
        assert_eq!(
            classify(&relay(502, "connect: refused")),
            PathFault::GuardUnreachable
        );
    }

    #[test]
    fn relay_errors_blame_the_guard_whatever_the_body() {
        let r = HttpReply {
            status: 502,
            body: format!("Next node not found: {}", "cd".repeat(32)).into_bytes(),
            relay_error: Some(RelayReason::NodeUnreachable),
        };
        assert_eq!(classify(&r), PathFault::GuardUnreachable);
        let quic = HttpReply::new(
            502,
            format!(
                "502 Bad Gateway\n\nNext node not found: {}",
                "cd".repeat(32)
            ),
        );
        assert_eq!(classify(&quic), PathFault::NodeGone(NodeId([0xcd; 32])));
        assert_eq!(
            classify(&HttpReply::new(421, "{}")),
            PathFault::WrongSwarm(b"{}".to_vec())
        );
        assert_eq!(
            classify(&HttpReply::new(504, "Request time out")),
            PathFault::Path
        );
        assert_eq!(
            classify(&HttpReply::new(503, "Server busy")),
            PathFault::Guard
        );
        assert_eq!(
            classify(&HttpReply::new(400, "Invalid ciphertext")),
            PathFault::PathAndRelays
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn classify_never_panics(status in 0u16..1000, body in proptest::collection::vec(proptest::num::u8::ANY, 0..200), prefix in 0usize..4) {
            let prefixes = ["", "Next node not found: ", "Snode not ready: ", "Next node is currently unreachable: "];
            let mut b = prefixes[prefix].as_bytes().to_vec();
            b.extend(body);
            let _ = classify(&HttpReply::new(status, b));
        }
    }
}
