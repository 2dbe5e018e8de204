//! Seed nodes: where the relay learns which service nodes exist, and where it forwards the app's
//! own node-list requests.

use crate::pinning::{parse_fingerprint, PinnedCerts};
use serde_json::{json, Value};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// The live network's seeds and their pinned certificate fingerprints (network.md §2.1).
const MAINNET_SEEDS: [(&str, &str); 3] = [
    (
        "https://seed1.getsession.org:4443/json_rpc",
        "36:EA:0B:25:35:37:98:85:51:EE:85:6E:4F:D2:0D:55:01:1E:9C:8B:27:EA:A2:F3:4B:8F:32:A0:BD:F0:4F:2D",
    ),
    (
        "https://seed2.getsession.org:4443/json_rpc",
        "C5:90:8D:D4:13:9A:CD:96:AE:DD:1E:45:57:65:97:65:08:09:C8:A5:EA:02:AF:55:6D:48:53:D4:53:96:E0:E7",
    ),
    (
        "https://seed3.getsession.org:4443/json_rpc",
        "8A:0A:F2:C7:12:34:2F:22:CE:00:E5:3C:16:01:41:0E:F8:D8:41:56:AE:E0:A9:80:9C:32:F6:F7:EF:BE:55:6E",
    ),
];

/// The one JSON-RPC method the relay forwards to a seed.
pub const SEED_METHOD: &str = "get_n_service_nodes";

/// How a seed's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedTrust {
    /// Only these certificate SHA-256 fingerprints are accepted.
    Pinned(Vec<[u8; 32]>),
    /// A seed on this machine's loopback interface (the embedded local network), whose fresh
    /// self-signed certificate cannot be known in advance. Refused for any other address.
    Loopback,
}

/// One seed: its JSON-RPC URL and how to trust it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedEndpoint {
    /// Full URL of the `json_rpc` endpoint.
    pub url: String,
    /// Certificate rule.
    pub trust: SeedTrust,
}

/// The live network's seeds.
pub fn mainnet_seeds() -> Vec<SeedEndpoint> {
    MAINNET_SEEDS
        .iter()
        .filter_map(|(url, fp)| {
            let pin = parse_fingerprint(fp)?;
            Some(SeedEndpoint {
                url: (*url).to_owned(),
                trust: SeedTrust::Pinned(vec![pin]),
            })
        })
        .collect()
}

/// A service node as the relay needs it: its identity and where to reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeEntry {
    /// Ed25519 public key, the node's identity.
    pub ed25519: [u8; 32],
    /// HTTPS address of its storage server.
    pub addr: SocketAddr,
}

/// Why talking to the seeds failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SeedError {
    /// No seed is configured.
    NoSeeds,
    /// A seed URL does not parse.
    BadUrl {
        /// The URL as configured.
        url: String,
    },
    /// A seed trusted as [`SeedTrust::Loopback`] is not on loopback.
    NotLoopback {
        /// The URL as configured.
        url: String,
    },
    /// The HTTP client for a seed could not be built.
    Client(reqwest::Error),
    /// No seed answered; the last one failed this way.
    Unreachable(SeedFailure),
    /// A seed answered with an HTTP status other than 200.
    BadStatus(u16),
    /// A seed's answer is not JSON.
    NotJson,
    /// A seed's answer has no `result.service_node_states` list.
    NoNodeList,
    /// A seed's node list has no usable node.
    EmptyNodeList,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeedError::NoSeeds => write!(f, "seed configuration: no seed configured"),
            SeedError::BadUrl { url } => write!(f, "seed configuration: {url} is not a URL"),
            SeedError::NotLoopback { url } => write!(
                f,
                "seed configuration: {url} is not on loopback, so its certificate must be pinned"
            ),
            SeedError::Client(e) => write!(f, "seed configuration: {e}"),
            SeedError::Unreachable(why) => write!(f, "no seed node answered: {why}"),
            SeedError::BadStatus(status) => {
                write!(f, "seed node answered badly: HTTP status {status}")
            }
            SeedError::NotJson => write!(f, "seed node answered badly: not JSON"),
            SeedError::NoNodeList => {
                write!(f, "seed node answered badly: no result.service_node_states")
            }
            SeedError::EmptyNodeList => {
                write!(f, "seed node answered badly: the node list is empty")
            }
        }
    }
}

impl std::error::Error for SeedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SeedError::Client(e) => Some(e),
            _ => None,
        }
    }
}

/// How a request to a seed failed, without its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SeedFailure {
    /// It did not answer in time.
    TimedOut,
    /// No connection could be made.
    ConnectFailed,
    /// The request or the reading of its answer failed otherwise.
    RequestFailed,
}

impl SeedFailure {
    fn of(e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            SeedFailure::TimedOut
        } else if e.is_connect() {
            SeedFailure::ConnectFailed
        } else {
            SeedFailure::RequestFailed
        }
    }
}

impl fmt::Display for SeedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeedFailure::TimedOut => "timed out",
            SeedFailure::ConnectFailed => "connection failed",
            SeedFailure::RequestFailed => "request failed",
        })
    }
}

/// Talks to a list of seeds, each through a client that enforces its trust rule.
#[derive(Debug, Clone)]
pub struct SeedClient {
    seeds: Vec<(SeedEndpoint, reqwest::Client)>,
}

impl SeedClient {
    /// Builds one HTTP client per seed.
    pub fn new(seeds: Vec<SeedEndpoint>, timeout: Duration) -> Result<Self, SeedError> {
        if seeds.is_empty() {
            return Err(SeedError::NoSeeds);
        }
        let mut out = Vec::with_capacity(seeds.len());
        for seed in seeds {
            let builder = reqwest::Client::builder()
                .timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy();
            let builder = match &seed.trust {
                SeedTrust::Pinned(pins) => {
                    builder.use_preconfigured_tls(PinnedCerts::new(pins.clone()).client_config())
                }
                SeedTrust::Loopback => {
                    let url = reqwest::Url::parse(&seed.url).map_err(|_| SeedError::BadUrl {
                        url: seed.url.clone(),
                    })?;
                    let host = url.host_str().unwrap_or_default();
                    let host = host.trim_start_matches('[').trim_end_matches(']');
                    let loopback = host == "localhost"
                        || host
                            .parse::<IpAddr>()
                            .map(|ip| ip.is_loopback())
                            .unwrap_or(false);
                    if !loopback {
                        return Err(SeedError::NotLoopback {
                            url: seed.url.clone(),
                        });
                    }
                    builder.danger_accept_invalid_certs(true)
                }
            };
            let client = builder.build().map_err(SeedError::Client)?;
            out.push((seed, client));
        }
        Ok(SeedClient { seeds: out })
    }

    /// Sends a JSON-RPC body to the seeds in turn until one answers; returns its status and body.
    pub async fn post(&self, body: Vec<u8>) -> Result<(u16, Vec<u8>), SeedError> {
        let mut last = None;
        for (seed, client) in &self.seeds {
            let sent = client
                .post(&seed.url)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await;
            match sent {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    match resp.bytes().await {
                        Ok(bytes) => return Ok((status, bytes.to_vec())),
                        Err(e) => last = Some(SeedFailure::of(&e)),
                    }
                }
                Err(e) => last = Some(SeedFailure::of(&e)),
            }
        }
        Err(last.map_or(SeedError::NoSeeds, SeedError::Unreachable))
    }

    /// Asks the seeds for the current service nodes.
    pub async fn fetch_nodes(&self) -> Result<Vec<NodeEntry>, SeedError> {
        let request = node_list_request();
        let (status, body) = self.post(request).await?;
        if status != 200 {
            return Err(SeedError::BadStatus(status));
        }
        parse_node_list(&body)
    }
}

/// The `get_n_service_nodes` request the relay itself sends (network.md §2.2).
pub fn node_list_request() -> Vec<u8> {
    json!({
        "jsonrpc": "2.0",
        "method": SEED_METHOD,
        "params": {
            "active_only": true,
            "fields": {
                "public_ip": true,
                "storage_port": true,
                "pubkey_ed25519": true,
                "pubkey_x25519": true,
            }
        }
    })
    .to_string()
    .into_bytes()
}

/// Why a client's seed request is not forwarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadSeedRequest {
    /// The body is not JSON.
    NotJson,
    /// The body is not a JSON object.
    NotObject,
    /// The method is not [`SEED_METHOD`].
    Method,
    /// `params` is not a JSON object.
    Params,
}

impl fmt::Display for BadSeedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadSeedRequest::NotJson => "body is not JSON",
            BadSeedRequest::NotObject => "body is not a JSON object",
            BadSeedRequest::Method => "only get_n_service_nodes is forwarded to seeds",
            BadSeedRequest::Params => "params must be a JSON object",
        })
    }
}

impl std::error::Error for BadSeedRequest {}

/// Checks that a client's seed request is the node-list method and nothing else, and rebuilds it
/// from its parsed parts so that nothing unexpected is passed on.
pub fn sanitize_seed_request(body: &[u8]) -> Result<Vec<u8>, BadSeedRequest> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BadSeedRequest::NotJson)?;
    let obj = value.as_object().ok_or(BadSeedRequest::NotObject)?;
    if obj.get("method").and_then(Value::as_str) != Some(SEED_METHOD) {
        return Err(BadSeedRequest::Method);
    }
    let params = match obj.get("params") {
        None => json!({}),
        Some(p) if p.is_object() => p.clone(),
        Some(_) => return Err(BadSeedRequest::Params),
    };
    Ok(
        json!({"jsonrpc": "2.0", "method": SEED_METHOD, "params": params})
            .to_string()
            .into_bytes(),
    )
}

/// Reads the service nodes out of a seed's answer, dropping nodes without a usable address
/// (network.md §2.3: an empty or 0.0.0.0 IP means no uptime proof).
pub fn parse_node_list(body: &[u8]) -> Result<Vec<NodeEntry>, SeedError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| SeedError::NotJson)?;
    let states = value
        .get("result")
        .and_then(|r| r.get("service_node_states"))
        .and_then(Value::as_array)
        .ok_or(SeedError::NoNodeList)?;
    let mut nodes = Vec::with_capacity(states.len());
    for state in states {
        let ip = state
            .get("public_ip")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Ok(ip) = ip.parse::<IpAddr>() else {
            continue;
        };
        if ip.is_unspecified() {
            continue;
        }
        let Some(port) = state.get("storage_port").and_then(Value::as_u64) else {
            continue;
        };
        let Ok(port) = u16::try_from(port) else {
            continue;
        };
        if port == 0 {
            continue;
        }
        let key = state
            .get("pubkey_ed25519")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(ed25519) = parse_key(key) else {
            continue;
        };
        nodes.push(NodeEntry {
            ed25519,
            addr: SocketAddr::new(ip, port),
        });
    }
    if nodes.is_empty() {
        return Err(SeedError::EmptyNodeList);
    }
    Ok(nodes)
}

/// Parses a 64-hex-character Ed25519 key.
pub fn parse_key(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    hex::decode(text).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainnet_has_three_pinned_seeds() {
        let seeds = mainnet_seeds();
        assert_eq!(seeds.len(), 3);
        for s in &seeds {
            assert!(s.url.starts_with("https://") && s.url.ends_with(":4443/json_rpc"));
            assert!(matches!(&s.trust, SeedTrust::Pinned(p) if p.len() == 1));
        }
    }

    #[test]
    fn loopback_trust_is_refused_for_remote_seeds() {
        let remote = SeedEndpoint {
            url: "https://203.0.113.7:4443/json_rpc".into(),
            trust: SeedTrust::Loopback,
        };
        let err = SeedClient::new(vec![remote], Duration::from_secs(1)).unwrap_err();
        assert!(matches!(err, SeedError::NotLoopback { .. }), "{err}");
        let local = SeedEndpoint {
            url: "https://127.0.0.1:1/json_rpc".into(),
            trust: SeedTrust::Loopback,
        };
        assert!(SeedClient::new(vec![local], Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn only_the_node_list_method_is_forwarded() {
        let ok = sanitize_seed_request(
            br#"{"jsonrpc":"2.0","method":"get_n_service_nodes","params":{"active_only":true},"x":1}"#,
        )
        .unwrap();
        let v: Value = serde_json::from_slice(&ok).unwrap();
        assert_eq!(v["method"], SEED_METHOD);
        assert_eq!(v["params"]["active_only"], true);
        assert!(v.get("x").is_none(), "unknown keys are dropped");
        assert!(sanitize_seed_request(br#"{"method":"get_service_nodes"}"#).is_err());
        assert!(
            sanitize_seed_request(br#"{"method":"get_n_service_nodes","params":[1]}"#).is_err()
        );
        assert!(sanitize_seed_request(b"\xff\x00").is_err());
        assert!(sanitize_seed_request(b"[]").is_err());
    }

    #[test]
    fn node_list_drops_unusable_nodes() {
        let k1 = "11".repeat(32);
        let k2 = "22".repeat(32);
        let body = json!({"result": {"service_node_states": [
            {"public_ip": "10.1.2.3", "storage_port": 22021, "pubkey_ed25519": k1},
            {"public_ip": "0.0.0.0", "storage_port": 22021, "pubkey_ed25519": k2},
            {"public_ip": "", "storage_port": 22021, "pubkey_ed25519": k2},
            {"public_ip": "10.1.2.4", "storage_port": 70000, "pubkey_ed25519": k2},
            {"public_ip": "10.1.2.5", "storage_port": 22021, "pubkey_ed25519": "zz"},
        ], "height": 1}})
        .to_string();
        let nodes = parse_node_list(body.as_bytes()).unwrap();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].ed25519, [0x11; 32]);
        assert_eq!(nodes[0].addr, "10.1.2.3:22021".parse().unwrap());
        assert!(matches!(parse_node_list(b"x"), Err(SeedError::NotJson)));
        assert!(matches!(parse_node_list(b"{}"), Err(SeedError::NoNodeList)));
        assert!(matches!(
            parse_node_list(br#"{"result":{"service_node_states":[]}}"#),
            Err(SeedError::EmptyNodeList)
        ));
    }
}
