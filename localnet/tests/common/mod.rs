//! Shared helpers of the localnet integration tests: start a network in a temp dir, make test
//! accounts, sign storage-RPC requests, talk to nodes over real HTTPS.
#![allow(dead_code)]

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use session_localnet::{Config, LocalNet, NodeInfo};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A test config: short timeouts, temp data dir.
pub fn config(dir: &std::path::Path, nodes: usize) -> Config {
    let mut c = Config::new(dir);
    c.nodes = nodes;
    // Short enough for the stalled-hop test, long enough not to trip on a loaded CI machine.
    c.hop_timeout = Duration::from_millis(2500);
    c.swarm_timeout = Duration::from_secs(5);
    c.server_timeout = Duration::from_secs(5);
    c
}

/// Starts a 12-node network.
pub async fn start() -> (LocalNet, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let net = LocalNet::start(config(dir.path(), 12))
        .await
        .expect("network starts");
    (net, dir)
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_millis() as u64
}

/// The answer of a storage-RPC call: status and body (JSON when it parses, else a string).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub content_type: String,
}

impl Answer {
    pub fn text(&self) -> &str {
        self.body.as_str().unwrap_or("")
    }
}

pub async fn post_raw(url: &str, body: Vec<u8>) -> Answer {
    let res = client()
        .post(url)
        .body(body)
        .send()
        .await
        .expect("request sent");
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = res.bytes().await.expect("body");
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Answer {
        status,
        body,
        content_type,
    }
}

/// POST {"method", "params"} to a node's /storage_rpc/v1.
pub async fn rpc(node: &NodeInfo, method: &str, params: Value) -> Answer {
    let body = json!({"method": method, "params": params}).to_string();
    post_raw(
        &format!("{}/storage_rpc/v1", node.https_url()),
        body.into_bytes(),
    )
    .await
}

/// A Session account (05 prefix) with its Ed25519 key.
pub struct User {
    pub key: SigningKey,
}

impl User {
    pub fn new() -> User {
        let mut seed = [0u8; 32];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
        User {
            key: SigningKey::from_bytes(&seed),
        }
    }

    pub fn pubkey33(&self) -> [u8; 33] {
        let mut pk = [5u8; 33];
        pk[1..].copy_from_slice(&self.key.verifying_key().to_montgomery().to_bytes());
        pk
    }

    pub fn session_id(&self) -> String {
        hex::encode(self.pubkey33())
    }

    pub fn ed_hex(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    pub fn sign(&self, msg: &[u8]) -> String {
        B64.encode(self.key.sign(msg).to_bytes())
    }

    /// Signed params of a method: pubkey, pubkey_ed25519 and signature over `msg`.
    pub fn auth(&self, msg: &str) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("pubkey".into(), self.session_id().into());
        m.insert("pubkey_ed25519".into(), self.ed_hex().into());
        m.insert("signature".into(), self.sign(msg.as_bytes()).into());
        m
    }
}

/// A group-style account (03 prefix): the key bytes are the Ed25519 key itself.
pub struct Group {
    pub key: SigningKey,
}

impl Group {
    pub fn new() -> Group {
        let mut seed = [0u8; 32];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
        Group {
            key: SigningKey::from_bytes(&seed),
        }
    }

    pub fn pubkey_hex(&self) -> String {
        format!("03{}", hex::encode(self.key.verifying_key().to_bytes()))
    }

    pub fn sign(&self, msg: &[u8]) -> String {
        B64.encode(self.key.sign(msg).to_bytes())
    }
}

/// Members of the account's swarm, and a node outside it.
pub fn swarm_of(net: &LocalNet, pk: &[u8; 33]) -> (Vec<NodeInfo>, NodeInfo) {
    let id = net.swarm_of(pk).expect("a swarm");
    let members = net.swarm_members(id);
    let outsider = net
        .nodes()
        .into_iter()
        .find(|n| n.swarm_id != id)
        .expect("more than one swarm");
    (members, outsider)
}

/// Ed25519 keys (hex) of nodes, in their order.
pub fn keys(nodes: &[NodeInfo]) -> Vec<String> {
    nodes.iter().map(|n| n.ed25519_hex()).collect()
}

/// Ed25519 keys (hex) of the members a `get_swarm` or 421 body names, in its order.
pub fn named_members(body: &Value) -> Vec<String> {
    body["snodes"]
        .as_array()
        .expect("snodes")
        .iter()
        .map(|s| s["pubkey_ed25519"].as_str().expect("a key").to_owned())
        .collect()
}

/// Params of an unauthenticated ns-0 store.
pub fn store_params(to: &str, data: &[u8], ttl: u64) -> Value {
    json!({
        "pubkey": to,
        "timestamp": now_ms(),
        "ttl": ttl,
        "data": B64.encode(data),
    })
}

/// Params of a signed retrieve for namespace `ns`.
pub fn retrieve_params(user: &User, ns: i16) -> Value {
    let ts = now_ms();
    let ns_text = if ns == 0 {
        String::new()
    } else {
        ns.to_string()
    };
    let mut p = user.auth(&format!("retrieve{ns_text}{ts}"));
    p.insert("timestamp".into(), ts.into());
    p.insert("namespace".into(), ns.into());
    Value::Object(p)
}

/// Asserts the text is a phrase of network.md (so tests never invent error strings).
pub fn in_spec(s: &str) -> &str {
    let spec = session_testkit::spec("network.md");
    assert!(spec.contains(s), "{s:?} does not appear in network.md");
    s
}

/// Verifies a base64 Ed25519 signature by a node (hex key).
pub fn node_signed(node_ed_hex: &str, msg: &[u8], sig_b64: &str) -> bool {
    let pk: [u8; 32] = hex::decode(node_ed_hex).unwrap().try_into().unwrap();
    let sig: [u8; 64] = B64.decode(sig_b64).unwrap().try_into().unwrap();
    ed25519_dalek::VerifyingKey::from_bytes(&pk)
        .unwrap()
        .verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&sig))
        .is_ok()
}

/// Onion helpers on session-core's client side.
pub mod onion {
    use super::*;
    use session_core::onion::{self as core_onion, Destination, EncType, Hop, OnionRequest};

    pub fn hop(n: &NodeInfo) -> Hop {
        Hop {
            ed25519: n.ed25519,
            x25519: n.x25519,
        }
    }

    /// Builds a request through `path` to the node `dest`.
    pub fn to_node(
        path: &[&NodeInfo],
        dest: &NodeInfo,
        payload: &[u8],
        enc: EncType,
    ) -> OnionRequest {
        let hops: Vec<Hop> = path.iter().map(|n| hop(n)).collect();
        core_onion::build(
            &hops,
            &Destination::Node(hop(dest)),
            payload,
            enc,
            &mut rand_core::OsRng,
        )
        .expect("onion builds")
    }

    /// POSTs the request to its guard; returns (HTTP status, body bytes).
    pub async fn send(net: &LocalNet, req: &OnionRequest) -> (u16, Vec<u8>) {
        let guard = net
            .node(&hex::encode(req.guard_ed25519))
            .expect("guard is a node");
        send_to(&guard, req.body.clone()).await
    }

    pub async fn send_to(guard: &NodeInfo, body: Vec<u8>) -> (u16, Vec<u8>) {
        let res = client()
            .post(format!("{}/onion_req/v2", guard.https_url()))
            .body(body)
            .send()
            .await
            .expect("guard answers");
        let status = res.status().as_u16();
        (status, res.bytes().await.expect("body").to_vec())
    }

    /// A path of three nodes outside `avoid`'s swarm.
    pub fn path_avoiding(net: &LocalNet, avoid_swarm: u64) -> Vec<NodeInfo> {
        net.nodes()
            .into_iter()
            .filter(|n| n.swarm_id != avoid_swarm)
            .take(3)
            .collect()
    }

    /// Sends a storage-RPC request through three hops and decodes the destination's reply.
    pub async fn rpc_via(
        net: &LocalNet,
        path: &[&NodeInfo],
        dest: &NodeInfo,
        request: &Value,
        enc: EncType,
    ) -> (u16, Value) {
        let req = to_node(path, dest, request.to_string().as_bytes(), enc);
        let (status, body) = send(net, &req).await;
        assert_eq!(
            status,
            200,
            "path-level error: {}",
            String::from_utf8_lossy(&body)
        );
        let reply = core_onion::decode_node_reply(&req.reply_key, &body).expect("reply decrypts");
        let body = serde_json::from_str(&reply.body).unwrap_or(Value::String(reply.body));
        (reply.status, body)
    }
}
