//! Seed nodes: where the relay learns which service nodes exist; and the node-list requests of
//! the app, which the relay answers from what it learnt.

use crate::body::{read_answer, ReadError};
use crate::config::Network;
use crate::pinning::{parse_fingerprint, PinnedCerts};
use serde_json::{json, Map, Value};
use std::collections::HashSet;
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

/// The one JSON-RPC method of the relay's seed endpoint.
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

/// A service node as the relay keeps it: where to forward to, and what its seed endpoint tells
/// clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeEntry {
    /// Ed25519 public key, the node's identity.
    pub ed25519: [u8; 32],
    /// X25519 key onion layers are encrypted to.
    pub x25519: [u8; 32],
    /// HTTPS address of its storage server.
    pub addr: SocketAddr,
    /// Height at which its stake unlocks (0: none requested).
    pub requested_unlock_height: u64,
    /// Its swarm: clients compute where an account lives from these (network.md §3.3).
    pub swarm_id: Option<u64>,
}

/// A seed's node list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeList {
    /// The usable nodes, each key once.
    pub nodes: Vec<NodeEntry>,
    /// Chain height, when the seed gave it.
    pub height: Option<u64>,
}

impl NodeList {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there is no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
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
    /// A seed's answer is longer than the relay reads.
    TooLarge,
}

impl From<ReadError> for SeedError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::TooLarge => SeedError::TooLarge,
            ReadError::Failed(e) => SeedError::Unreachable(SeedFailure::of(&e)),
        }
    }
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
            SeedError::TooLarge => write!(f, "seed node answered badly: the answer is too long"),
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
    max_reply: usize,
}

impl SeedClient {
    /// Builds one HTTP client per seed; answers longer than `max_reply` bytes are refused.
    pub fn new(
        seeds: Vec<SeedEndpoint>,
        timeout: Duration,
        max_reply: usize,
    ) -> Result<Self, SeedError> {
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
        Ok(SeedClient {
            seeds: out,
            max_reply,
        })
    }

    /// Asks the seeds in turn for the current service nodes, keeping those whose address suits
    /// `network`; the first good list wins, else the last seed's failure is returned.
    pub async fn fetch_nodes(&self, network: Network) -> Result<NodeList, SeedError> {
        let request = node_list_request();
        let mut last = SeedError::NoSeeds;
        for (seed, client) in &self.seeds {
            let sent = client
                .post(&seed.url)
                .header("content-type", "application/json")
                .body(request.clone())
                .send()
                .await;
            let answer = match sent {
                Ok(resp) if resp.status().as_u16() != 200 => {
                    Err(SeedError::BadStatus(resp.status().as_u16()))
                }
                Ok(resp) => read_answer(resp, self.max_reply)
                    .await
                    .map_err(SeedError::from)
                    .and_then(|body| parse_node_list(&body, network)),
                Err(e) => Err(SeedError::Unreachable(SeedFailure::of(&e))),
            };
            match answer {
                Ok(list) => return Ok(list),
                Err(e) => last = e,
            }
        }
        Err(last)
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
                "requested_unlock_height": true,
                "height": true,
                "swarm_id": true,
            }
        }
    })
    .to_string()
    .into_bytes()
}

/// Why a client's seed request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadSeedRequest {
    /// The body is not JSON.
    NotJson,
    /// The body is not a JSON object.
    NotObject,
    /// The method is not [`SEED_METHOD`].
    Method,
    /// `params` is not an object of `active_only` and `fields` only.
    Params,
    /// `fields` is not an object of booleans naming fields the relay serves.
    Fields,
}

impl fmt::Display for BadSeedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadSeedRequest::NotJson => "body is not JSON",
            BadSeedRequest::NotObject => "body is not a JSON object",
            BadSeedRequest::Method => "only get_n_service_nodes is answered",
            BadSeedRequest::Params => "params may hold only active_only and fields",
            BadSeedRequest::Fields => {
                "fields may name only public_ip, storage_port, pubkey_x25519, pubkey_ed25519, \
                 requested_unlock_height, swarm_id and height, each true or false"
            }
        })
    }
}

impl std::error::Error for BadSeedRequest {}

/// The per-node fields the seed endpoint serves, in answer order, with their bit in a
/// [`FieldSet`]: what clients need (network.md §2.3) and nothing else.
const NODE_FIELDS: [&str; 6] = [
    "public_ip",
    "storage_port",
    "pubkey_x25519",
    "pubkey_ed25519",
    "requested_unlock_height",
    "swarm_id",
];

/// Which of [`NODE_FIELDS`] a request asks for, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSet(u8);

impl FieldSet {
    /// Every served field (what oxend answers when no `fields` are named).
    pub const ALL: FieldSet = FieldSet((1 << NODE_FIELDS.len()) - 1);

    /// Index of this set among all sets (for caching one answer per set).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    fn has(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }
}

/// Number of distinct [`FieldSet`]s.
pub const FIELD_SETS: usize = 1 << NODE_FIELDS.len();

/// A client's node-list request, as the relay answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedQuery {
    /// Fields of each node.
    pub fields: FieldSet,
    /// JSON-RPC `id`, echoed when it is a number or a short string.
    pub id: Value,
}

/// Reads a client's seed request: `get_n_service_nodes`, with `params` of `active_only` and
/// `fields` only, and `fields` naming served fields only (`height` asks for the chain height,
/// which is always given).
pub fn parse_seed_request(body: &[u8]) -> Result<SeedQuery, BadSeedRequest> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BadSeedRequest::NotJson)?;
    let obj = value.as_object().ok_or(BadSeedRequest::NotObject)?;
    if obj.get("method").and_then(Value::as_str) != Some(SEED_METHOD) {
        return Err(BadSeedRequest::Method);
    }
    let id = match obj.get("id") {
        Some(Value::Number(n)) => Value::Number(n.clone()),
        Some(Value::String(s)) if s.len() <= 64 => Value::String(s.clone()),
        _ => Value::from("0"),
    };
    let params = match obj.get("params") {
        None => {
            return Ok(SeedQuery {
                fields: FieldSet::ALL,
                id,
            })
        }
        Some(Value::Object(p)) => p,
        Some(_) => return Err(BadSeedRequest::Params),
    };
    for (key, v) in params {
        let known = match key.as_str() {
            "active_only" => v.is_boolean(),
            "fields" => true,
            _ => false,
        };
        if !known {
            return Err(BadSeedRequest::Params);
        }
    }
    let fields = match params.get("fields") {
        None => FieldSet::ALL,
        Some(Value::Object(named)) => {
            let mut set = 0u8;
            for (name, on) in named {
                let on = on.as_bool().ok_or(BadSeedRequest::Fields)?;
                if name == "height" {
                    continue;
                }
                let i = NODE_FIELDS
                    .iter()
                    .position(|f| f == name)
                    .ok_or(BadSeedRequest::Fields)?;
                if on {
                    set |= 1 << i;
                }
            }
            FieldSet(set)
        }
        Some(_) => return Err(BadSeedRequest::Fields),
    };
    Ok(SeedQuery { fields, id })
}

/// The `result` object of a seed answer: each node with `fields`, and the height when known.
pub fn seed_result(list: &NodeList, fields: FieldSet) -> String {
    let states: Vec<Value> = list
        .nodes
        .iter()
        .map(|n| {
            let values = [
                Value::from(n.addr.ip().to_string()),
                Value::from(n.addr.port()),
                Value::from(hex::encode(n.x25519)),
                Value::from(hex::encode(n.ed25519)),
                Value::from(n.requested_unlock_height),
                n.swarm_id.map_or(Value::Null, Value::from),
            ];
            let mut m = Map::new();
            for (i, (name, value)) in NODE_FIELDS.iter().zip(values).enumerate() {
                if fields.has(i) && !value.is_null() {
                    m.insert((*name).to_owned(), value);
                }
            }
            Value::Object(m)
        })
        .collect();
    let mut result = json!({"service_node_states": states, "status": "OK"});
    if let Some(h) = list.height {
        result["height"] = Value::from(h);
    }
    result.to_string()
}

/// A whole seed answer around a `result` from [`seed_result`].
pub fn seed_answer(id: &Value, result: &str) -> String {
    format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{result}}}"#)
}

/// Reads the service nodes out of a seed's answer. Dropped: nodes without a usable address
/// (network.md §2.3: an empty or 0.0.0.0 IP means no uptime proof), port or keys, and nodes
/// whose address does not suit the network: a live network's nodes are on global addresses
/// (a seed naming 10.0.0.1 or 127.0.0.1 would turn the relay on its own network), a local
/// network's on loopback. A key named twice keeps its first entry.
pub fn parse_node_list(body: &[u8], network: Network) -> Result<NodeList, SeedError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| SeedError::NotJson)?;
    let result = value.get("result");
    let states = result
        .and_then(|r| r.get("service_node_states"))
        .and_then(Value::as_array)
        .ok_or(SeedError::NoNodeList)?;
    let height = result.and_then(|r| r.get("height")).and_then(Value::as_u64);
    let mut seen = HashSet::new();
    let mut nodes = Vec::with_capacity(states.len());
    for state in states {
        let Some(node) = node_entry(state) else {
            continue;
        };
        let ip = node.addr.ip();
        let suits = match network {
            Network::Mainnet => session_localnet::addr::is_global(ip),
            Network::Local => ip.is_loopback(),
        };
        if suits && seen.insert(node.ed25519) {
            nodes.push(node);
        }
    }
    if nodes.is_empty() {
        return Err(SeedError::EmptyNodeList);
    }
    Ok(NodeList { nodes, height })
}

fn node_entry(state: &Value) -> Option<NodeEntry> {
    let str_field = |name| state.get(name).and_then(Value::as_str).unwrap_or_default();
    let ip: IpAddr = str_field("public_ip").parse().ok()?;
    let port = u16::try_from(state.get("storage_port")?.as_u64()?).ok()?;
    if ip.is_unspecified() || port == 0 {
        return None;
    }
    Some(NodeEntry {
        ed25519: parse_key(str_field("pubkey_ed25519"))?,
        x25519: parse_key(str_field("pubkey_x25519"))?,
        addr: SocketAddr::new(ip, port),
        requested_unlock_height: state
            .get("requested_unlock_height")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        swarm_id: state.get("swarm_id").and_then(Value::as_u64),
    })
}

/// Parses a 64-hex-character key.
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
        let err = SeedClient::new(vec![remote], Duration::from_secs(1), 1 << 20).unwrap_err();
        assert!(matches!(err, SeedError::NotLoopback { .. }), "{err}");
        let local = SeedEndpoint {
            url: "https://127.0.0.1:1/json_rpc".into(),
            trust: SeedTrust::Loopback,
        };
        assert!(SeedClient::new(vec![local], Duration::from_secs(1), 1 << 20).is_ok());
    }

    #[test]
    fn only_the_node_list_method_and_served_fields_are_answered() {
        let q = parse_seed_request(
            br#"{"jsonrpc":"2.0","id":7,"method":"get_n_service_nodes","params":{"active_only":true},"x":1}"#,
        )
        .unwrap();
        assert_eq!(q.fields, FieldSet::ALL);
        assert_eq!(q.id, json!(7));
        let core = json!({"method": SEED_METHOD, "params": {"active_only": true, "fields": {
            "public_ip": true, "storage_port": true, "pubkey_x25519": true,
            "pubkey_ed25519": true, "requested_unlock_height": true, "height": true,
            "swarm_id": true}}});
        let q = parse_seed_request(core.to_string().as_bytes()).unwrap();
        assert_eq!(q.fields, FieldSet::ALL);
        assert_eq!(q.id, json!("0"));
        let two = br#"{"method":"get_n_service_nodes","params":{"fields":{"public_ip":true,"storage_port":false,"pubkey_ed25519":true}}}"#;
        assert_eq!(parse_seed_request(two).unwrap().fields, FieldSet(0b1001));
        for (bad, why) in [
            (
                &br#"{"method":"get_service_nodes"}"#[..],
                BadSeedRequest::Method,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":[1]}"#,
                BadSeedRequest::Params,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":{"limit":3}}"#,
                BadSeedRequest::Params,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":{"active_only":1}}"#,
                BadSeedRequest::Params,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":{"fields":{"storage_server_version":true}}}"#,
                BadSeedRequest::Fields,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":{"fields":{"public_ip":1}}}"#,
                BadSeedRequest::Fields,
            ),
            (
                br#"{"method":"get_n_service_nodes","params":{"fields":true}}"#,
                BadSeedRequest::Fields,
            ),
            (b"\xff\x00", BadSeedRequest::NotJson),
            (b"[]", BadSeedRequest::NotObject),
        ] {
            assert_eq!(
                parse_seed_request(bad),
                Err(why),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn answers_name_the_asked_fields() {
        let list = NodeList {
            nodes: vec![NodeEntry {
                ed25519: [1; 32],
                x25519: [2; 32],
                addr: "95.216.33.113:22021".parse().unwrap(),
                requested_unlock_height: 9,
                swarm_id: Some(0x1234),
            }],
            height: Some(77),
        };
        let v: Value =
            serde_json::from_str(&seed_answer(&json!(3), &seed_result(&list, FieldSet::ALL)))
                .unwrap();
        assert_eq!(v["id"], 3);
        assert_eq!(v["result"]["height"], 77);
        assert_eq!(
            v["result"]["service_node_states"][0],
            json!({"public_ip": "95.216.33.113", "storage_port": 22021,
                   "pubkey_x25519": "02".repeat(32), "pubkey_ed25519": "01".repeat(32),
                   "requested_unlock_height": 9, "swarm_id": 0x1234})
        );
        let v: Value = serde_json::from_str(&seed_result(&list, FieldSet(0b10))).unwrap();
        assert_eq!(v["service_node_states"][0], json!({"storage_port": 22021}));
    }

    #[test]
    fn node_list_drops_unusable_nodes() {
        let (k1, k2, x) = ("11".repeat(32), "22".repeat(32), "33".repeat(32));
        let node = |ip: &str, port: u64, ed: &str, x: &str| json!({"public_ip": ip, "storage_port": port, "pubkey_ed25519": ed, "pubkey_x25519": x});
        let body = json!({"result": {"service_node_states": [
            node("95.216.33.113", 22021, &k1, &x),
            node("95.216.33.114", 22021, &k1, &x),
            node("0.0.0.0", 22021, &k2, &x),
            node("", 22021, &k2, &x),
            node("95.216.33.115", 70000, &k2, &x),
            node("95.216.33.116", 0, &k2, &x),
            node("95.216.33.117", 22021, "zz", &x),
            node("95.216.33.118", 22021, &k2, "zz"),
        ], "height": 1}})
        .to_string();
        let list = parse_node_list(body.as_bytes(), Network::Mainnet).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list.height, Some(1));
        assert_eq!(list.nodes[0].ed25519, [0x11; 32]);
        assert_eq!(list.nodes[0].x25519, [0x33; 32]);
        assert_eq!(list.nodes[0].addr, "95.216.33.113:22021".parse().unwrap());
        let parse = |b: &[u8]| parse_node_list(b, Network::Mainnet);
        assert!(matches!(parse(b"x"), Err(SeedError::NotJson)));
        assert!(matches!(parse(b"{}"), Err(SeedError::NoNodeList)));
        assert!(matches!(
            parse(br#"{"result":{"service_node_states":[]}}"#),
            Err(SeedError::EmptyNodeList)
        ));
    }

    #[test]
    fn a_live_network_keeps_global_addresses_and_a_local_one_loopback() {
        let ips = [
            "95.216.33.113",
            "127.0.0.1",
            "10.1.2.3",
            "172.16.5.4",
            "192.168.1.1",
            "100.64.1.1",
            "169.254.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "2a01:4f9:c010::1",
        ];
        let states: Vec<Value> = ips
            .iter()
            .enumerate()
            .map(|(i, ip)| {
                json!({"public_ip": ip, "storage_port": 22021,
                       "pubkey_ed25519": format!("{:064x}", i + 1),
                       "pubkey_x25519": format!("{:064x}", i + 1)})
            })
            .collect();
        let body = json!({"result": {"service_node_states": states}}).to_string();
        let kept = |network| -> Vec<String> {
            parse_node_list(body.as_bytes(), network)
                .unwrap()
                .nodes
                .iter()
                .map(|n| n.addr.ip().to_string())
                .collect()
        };
        assert_eq!(
            kept(Network::Mainnet),
            ["95.216.33.113", "2a01:4f9:c010::1"]
        );
        assert_eq!(kept(Network::Local), ["127.0.0.1", "::1"]);
    }
}
