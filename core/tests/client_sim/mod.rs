//! An in-memory Session network for the client tests: every onion layer is really peeled with
//! core's node-side functions (`peel`, `route`, `forward_body`, `encode_node_reply`), and each
//! node answers storage RPC from its own store, with swarms, 421s, clock checks, signature
//! checks and `last_hash` paging. Time is virtual: sleeping advances it instantly.
//! Faults are scripted (consumed in order) or set as conditions (node down, node clock skew).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use session_core::client::{
    Client, ClientState, Config, Env, HttpReply, NodeId, NodeRecord, RelayReason, Scheme, Server,
    Transport, TransportError,
};
use session_core::identity::{Identity, SessionId};
use session_core::onion::v4::V4Request;
use session_core::onion::{self, Instruction};
use session_core::rpc;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Runs a future that never waits (simulated transport and time answer at once).
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    match f.as_mut().poll(&mut cx) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a simulated future waited"),
    }
}

/// Shared virtual time (ms since the epoch).
#[derive(Debug)]
pub struct SimTime {
    now: Cell<u64>,
    sleeps: RefCell<Vec<u64>>,
}

/// 2023-11-14, a plausible network time.
pub const START_MS: u64 = 1_700_000_000_000;

impl SimTime {
    pub fn new() -> Rc<SimTime> {
        Rc::new(SimTime {
            now: Cell::new(START_MS),
            sleeps: RefCell::new(Vec::new()),
        })
    }
    pub fn now(&self) -> u64 {
        self.now.get()
    }
    pub fn advance(&self, ms: u64) {
        self.now.set(self.now.get() + ms);
    }
    /// Every sleep the clients made, in order.
    pub fn sleeps(&self) -> Vec<u64> {
        self.sleeps.borrow().clone()
    }
}

/// One client's view of time: the shared clock plus its own skew.
#[derive(Debug, Clone)]
pub struct ClientClock {
    pub time: Rc<SimTime>,
    pub skew_ms: i64,
}

impl Env for ClientClock {
    fn now_ms(&self) -> u64 {
        (self.time.now() as i64 + self.skew_ms) as u64
    }
    async fn sleep(&self, ms: u64) {
        self.time.sleeps.borrow_mut().push(ms);
        self.time.advance(ms);
    }
}

/// A stored message on one node.
#[derive(Debug, Clone)]
pub struct Stored {
    pub account: [u8; 33],
    pub namespace: i16,
    pub hash: String,
    pub data: Vec<u8>,
    pub timestamp: u64,
    pub expiry: u64,
}

#[derive(Debug)]
pub struct SimNode {
    pub keys: Identity,
    pub record: NodeRecord,
    pub swarm: u64,
    pub down: bool,
    pub clock_skew_ms: i64,
    /// Added to the times it reports, not to the clock it checks requests with (a liar).
    pub time_lie_ms: i64,
    pub store: Vec<Stored>,
}

/// A scripted fault, consumed by the first request it applies to.
#[derive(Debug, Clone)]
pub enum Fault {
    /// The next onion request gets this HTTP answer without reaching any node.
    Http(HttpReply),
    /// The next onion request entering at this guard gets this HTTP answer.
    HttpVia(NodeId, HttpReply),
    /// The next onion request fails in the transport.
    Transport(TransportError),
    /// The next execution of `method` (at `node`, if given) answers this instead of running.
    Status {
        method: &'static str,
        node: Option<NodeId>,
        status: u16,
        body: String,
    },
    /// The next request containing `method` is executed, but the client gets `reply` instead
    /// of the answer (e.g. the guard died after forwarding it).
    AfterExec {
        method: &'static str,
        reply: HttpReply,
    },
}

/// One executed storage sub-request.
#[derive(Debug, Clone)]
pub struct Log {
    pub guard: NodeId,
    /// The onion path before the destination, guard first.
    pub path: Vec<NodeId>,
    pub dest: NodeId,
    pub method: String,
    pub params: Value,
    pub code: u16,
}

#[derive(Debug)]
pub struct Net {
    pub nodes: Vec<SimNode>,
    pub faults: VecDeque<Fault>,
    pub rng: StdRng,
    pub log: Vec<Log>,
    pub page_size: usize,
    pub onion_calls: usize,
    pub seed_calls: usize,
    /// Every onion request and seed call fails as if the relay were down.
    pub relay_down: bool,
    /// Every guard contacted, in order.
    pub guards: Vec<NodeId>,
    /// Virtual time of the request being processed.
    pub now_ms: u64,
    /// Guards whose requests time out.
    pub hanging: Vec<NodeId>,
    /// Namespaces whose every retrieve is answered with this status (a kicked member).
    pub refused: Vec<(i16, u16)>,
    /// Servers reachable through the last hop.
    pub servers: Vec<SimServer>,
    /// ONS records by base64 name hash: the `result` of `ons_resolve`.
    pub names: HashMap<String, Value>,
    /// Nodes that answer every `ons_resolve` with this `result` instead (liars).
    pub name_liars: HashMap<NodeId, Value>,
}

/// What a simulated server answers: `(status, body)` for a request at network time `now`.
pub type Handler = Box<dyn FnMut(&V4Request, u64) -> (u16, Vec<u8>)>;

/// A v4 server (file server, community) the last hop can reach.
pub struct SimServer {
    pub host: String,
    pub port: u16,
    pub secret: [u8; 32],
    pub public: [u8; 32],
    pub handler: Handler,
    /// Every request it decrypted, in order.
    pub requests: Vec<V4Request>,
}

impl std::fmt::Debug for SimServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SimServer({}:{})", self.host, self.port)
    }
}

/// The simulated network (shared by the clients of a test through `Rc`).
#[derive(Debug)]
pub struct Sim {
    pub time: Rc<SimTime>,
    pub net: RefCell<Net>,
}

impl Sim {
    /// `n` nodes in swarms of about `swarm_size`; IPs put three nodes in each /24.
    pub fn new(n: usize, swarm_size: usize, seed: u64) -> Rc<Sim> {
        let mut rng = StdRng::seed_from_u64(seed);
        let swarms = (n / swarm_size).max(1) as u64;
        let step = u64::MAX / swarms;
        let nodes = (0..n)
            .map(|i| {
                let mut s = [0u8; 32];
                rng.fill(&mut s);
                let keys = Identity::from_ed25519_seed(&s);
                let record = NodeRecord {
                    ed25519: NodeId(keys.ed25519_public()),
                    x25519: keys.x25519_public(),
                    ip: format!("10.0.{}.{}", i / 3, i % 3 + 1),
                    port: 22000 + i as u16,
                    swarm_id: None,
                };
                SimNode {
                    keys,
                    record,
                    swarm: step / 2 + step * (i as u64 % swarms),
                    down: false,
                    clock_skew_ms: 0,
                    time_lie_ms: 0,
                    store: Vec::new(),
                }
            })
            .collect();
        Rc::new(Sim {
            time: SimTime::new(),
            net: RefCell::new(Net {
                nodes,
                faults: VecDeque::new(),
                rng,
                log: Vec::new(),
                page_size: 100,
                onion_calls: 0,
                seed_calls: 0,
                relay_down: false,
                guards: Vec::new(),
                now_ms: START_MS,
                hanging: Vec::new(),
                refused: Vec::new(),
                servers: Vec::new(),
                names: HashMap::new(),
                name_liars: HashMap::new(),
            }),
        })
    }

    pub fn clock(&self, skew_ms: i64) -> ClientClock {
        ClientClock {
            time: self.time.clone(),
            skew_ms,
        }
    }

    pub fn push_fault(&self, f: Fault) {
        self.net.borrow_mut().faults.push_back(f);
    }

    pub fn faults_left(&self) -> usize {
        self.net.borrow().faults.len()
    }

    pub fn log(&self) -> Vec<Log> {
        self.net.borrow().log.clone()
    }

    pub fn clear_log(&self) {
        self.net.borrow_mut().log.clear();
    }

    /// Successful (2xx) executions of `method` for `account`.
    pub fn count(&self, method: &str, account: &SessionId) -> usize {
        let hex = account.to_hex();
        self.net
            .borrow()
            .log
            .iter()
            .filter(|l| l.method == method && l.params["pubkey"] == hex.as_str())
            .filter(|l| (200..300).contains(&l.code))
            .count()
    }

    pub fn node_ids(&self) -> Vec<NodeId> {
        self.net
            .borrow()
            .nodes
            .iter()
            .map(|n| n.record.ed25519)
            .collect()
    }

    pub fn record(&self, id: &NodeId) -> NodeRecord {
        let net = self.net.borrow();
        net.nodes
            .iter()
            .find(|n| n.record.ed25519 == *id)
            .unwrap()
            .record
            .clone()
    }

    pub fn set_down(&self, id: &NodeId, down: bool) {
        let mut net = self.net.borrow_mut();
        net.nodes
            .iter_mut()
            .find(|n| n.record.ed25519 == *id)
            .unwrap()
            .down = down;
    }

    /// Makes a node report times `lie_ms` away from its clock (which still checks requests).
    pub fn set_time_lie(&self, id: &NodeId, lie_ms: i64) {
        let mut net = self.net.borrow_mut();
        net.nodes
            .iter_mut()
            .find(|n| n.record.ed25519 == *id)
            .unwrap()
            .time_lie_ms = lie_ms;
    }

    pub fn set_clock_skew(&self, id: &NodeId, skew_ms: i64) {
        let mut net = self.net.borrow_mut();
        net.nodes
            .iter_mut()
            .find(|n| n.record.ed25519 == *id)
            .unwrap()
            .clock_skew_ms = skew_ms;
    }

    /// The swarm an account lives on now.
    pub fn swarm_id(&self, account: &SessionId) -> u64 {
        self.net.borrow().swarm_of(account.as_bytes())
    }

    /// Members of the account's swarm.
    pub fn members(&self, account: &SessionId) -> Vec<NodeId> {
        let net = self.net.borrow();
        let s = net.swarm_of(account.as_bytes());
        net.nodes
            .iter()
            .filter(|n| n.swarm == s)
            .map(|n| n.record.ed25519)
            .collect()
    }

    /// Changes the network so that an account lives on a new swarm, as a real network
    /// changes: a swarm appears right at the account's place on the ring, made of nodes taken
    /// from the largest other swarms, and the account's messages are copied there. The node
    /// list says so; a client that trusts its list follows after refreshing it.
    pub fn move_swarm(&self, account: &SessionId) -> u64 {
        let mut net = self.net.borrow_mut();
        let old = net.swarm_of(account.as_bytes());
        let mut new = session_core::swarm::swarm_space(account.as_bytes());
        while new == u64::MAX || net.nodes.iter().any(|n| n.swarm == new) {
            new = new.wrapping_add(1);
        }
        let msgs: Vec<Stored> = net
            .nodes
            .iter()
            .filter(|n| n.swarm == old)
            .flat_map(|n| n.store.iter())
            .filter(|m| m.account == *account.as_bytes())
            .cloned()
            .collect();
        for _ in 0..3 {
            let mut sizes: HashMap<u64, usize> = HashMap::new();
            for n in &net.nodes {
                *sizes.entry(n.swarm).or_default() += 1;
            }
            let donor = sizes
                .iter()
                .filter(|(s, size)| **s != old && **s != new && **size > 3)
                .max_by_key(|(s, size)| (**size, **s))
                .map(|(s, _)| *s)
                .expect("a swarm large enough to give a node");
            let node = net
                .nodes
                .iter_mut()
                .find(|n| n.swarm == donor)
                .expect("a node of that swarm");
            node.swarm = new;
            for m in &msgs {
                if !node.store.iter().any(|s| s.hash == m.hash) {
                    node.store.push(m.clone());
                }
            }
        }
        new
    }

    /// Stores raw bytes in an account's namespace 0 (as any sender could).
    pub fn inject(&self, account: &SessionId, data: &[u8]) -> String {
        let now = self.time.now();
        let mut net = self.net.borrow_mut();
        let s = net.swarm_of(account.as_bytes());
        let hash = rpc::message_hash(account.as_bytes(), 0, data);
        for n in net.nodes.iter_mut().filter(|n| n.swarm == s) {
            n.store.push(Stored {
                account: *account.as_bytes(),
                namespace: 0,
                hash: hash.clone(),
                data: data.to_vec(),
                timestamp: now,
                expiry: now + 14 * 86_400_000,
            });
        }
        hash
    }

    /// `node`'s signature of `msg` (to forge or imitate what a node says).
    pub fn sign_as(&self, node: &NodeId, msg: &[u8]) -> [u8; 64] {
        let net = self.net.borrow();
        let i = net.index(&node.0).unwrap();
        net.nodes[i].keys.sign(msg)
    }

    /// The JSON a node gives for a swarm (a 421 body), listing `members`.
    pub fn swarm_body(&self, members: &[NodeId]) -> String {
        let net = self.net.borrow();
        let snodes: Vec<Value> = members
            .iter()
            .filter_map(|m| net.index(&m.0))
            .map(|i| Net::node_json(&net.nodes[i]))
            .collect();
        json!({ "snodes": snodes, "swarm": "1", "t": self.time.now(), "hf": [19, 3] }).to_string()
    }

    /// Makes the next `times` stores at every member of `account`'s swarm fail with a 500.
    pub fn fail_stores(&self, account: &SessionId, times: u32) {
        for n in self.members(account) {
            for _ in 0..times {
                self.push_fault(Fault::Status {
                    method: "store",
                    node: Some(n),
                    status: 500,
                    body: "all members failed".into(),
                });
            }
        }
    }

    /// Adds a server at `host:port` answering with `handler`; returns how clients name it.
    pub fn add_server(&self, host: &str, port: u16, handler: Handler) -> Server {
        let mut net = self.net.borrow_mut();
        let mut secret = [0u8; 32];
        net.rng.fill(&mut secret);
        let public = session_core::crypto::keys::x25519_public(&secret);
        net.servers.push(SimServer {
            host: host.to_owned(),
            port,
            secret,
            public,
            handler,
            requests: Vec::new(),
        });
        Server {
            scheme: Scheme::Http,
            host: host.to_owned(),
            port,
            x25519: public,
        }
    }

    /// The requests the server at `host` decrypted.
    pub fn server_requests(&self, host: &str) -> Vec<V4Request> {
        self.net
            .borrow()
            .servers
            .iter()
            .find(|s| s.host == host)
            .map(|s| s.requests.clone())
            .unwrap_or_default()
    }

    /// The expiries (ms) the members of the swarm hold for message `hash`.
    #[allow(dead_code)]
    pub fn expiries_of(&self, hash: &str) -> Vec<u64> {
        let net = self.net.borrow();
        let mut v: Vec<u64> = net
            .nodes
            .iter()
            .flat_map(|n| n.store.iter())
            .filter(|m| m.hash == hash)
            .map(|m| m.expiry)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Distinct messages stored for an account anywhere.
    pub fn stored_hashes(&self, account: &SessionId) -> Vec<String> {
        let net = self.net.borrow();
        let mut v: Vec<String> = net
            .nodes
            .iter()
            .flat_map(|n| n.store.iter())
            .filter(|m| m.account == *account.as_bytes())
            .map(|m| m.hash.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

impl Net {
    fn swarm_ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self.nodes.iter().map(|n| n.swarm).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn swarm_of(&self, account: &[u8; 33]) -> u64 {
        session_core::swarm::swarm_for(account, &self.swarm_ids()).unwrap()
    }

    fn index(&self, id: &[u8; 32]) -> Option<usize> {
        self.nodes.iter().position(|n| n.record.ed25519.0 == *id)
    }

    fn node_json(n: &SimNode) -> Value {
        json!({
            "address": "x.snode",
            "pubkey_legacy": n.record.ed25519.to_hex(),
            "pubkey_ed25519": n.record.ed25519.to_hex(),
            "pubkey_x25519": hex::encode(n.record.x25519),
            "ip": n.record.ip,
            "port": n.record.port.to_string(),
            "port_https": n.record.port,
            "port_omq": n.record.port + 1000,
        })
    }

    fn swarm_json(&self, account: &[u8; 33], now: u64) -> Value {
        let s = self.swarm_of(account);
        let snodes: Vec<Value> = self
            .nodes
            .iter()
            .filter(|n| n.swarm == s)
            .map(Net::node_json)
            .collect();
        json!({ "snodes": snodes, "swarm": format!("{s:x}"), "t": now, "hf": [19, 3] })
    }

    fn node_list(&self) -> Value {
        let states: Vec<Value> = self
            .nodes
            .iter()
            .map(|n| {
                json!({
                    "public_ip": n.record.ip,
                    "storage_port": n.record.port,
                    "pubkey_ed25519": n.record.ed25519.to_hex(),
                    "pubkey_x25519": hex::encode(n.record.x25519),
                    "requested_unlock_height": 0,
                    "swarm_id": n.swarm,
                })
            })
            .collect();
        json!({ "service_node_states": states, "height": 1234 })
    }

    /// What one node does with an `/onion_req/v2` body.
    fn hop(&mut self, at: usize, body: &[u8], mut path: Vec<NodeId>) -> HttpReply {
        let secret = *self.nodes[at].keys.x25519_secret();
        let layer = match onion::peel(&secret, body) {
            Ok(l) => l,
            Err(e) if e.is_ciphertext_error() => return HttpReply::new(400, "Invalid ciphertext"),
            Err(e) => return HttpReply::new(400, format!("Error parsing onion request: {e}")),
        };
        match onion::route(&layer.plaintext) {
            Err(_) => {
                let b = onion::encode_node_reply(&layer.key, 400, "Invalid json", &mut self.rng);
                HttpReply::new(200, b)
            }
            Ok(Instruction::ToNode {
                ed25519,
                ephemeral_key,
                enc_type,
                blob,
            }) => match self.index(&ed25519) {
                None => HttpReply::new(
                    502,
                    format!("Next node not found: {}", hex::encode(ed25519)),
                ),
                Some(next) if self.nodes[next].down => HttpReply::new(
                    502,
                    format!(
                        "Next node is currently unreachable: {}",
                        hex::encode(ed25519)
                    ),
                ),
                Some(next) => {
                    let fwd =
                        onion::forward_body(&blob, &ephemeral_key, enc_type, layer.hop_no + 1);
                    path.push(self.nodes[at].record.ed25519);
                    self.hop(next, &fwd, path)
                }
            },
            Ok(Instruction::Final { request, .. }) => {
                let methods = methods_of(&request);
                let (status, body) = self.exec(at, &request, &path);
                let after = self.faults.iter().position(|f| {
                    matches!(f, Fault::AfterExec { method, .. } if methods.iter().any(|m| m == method))
                });
                if let Some(i) = after {
                    if let Some(Fault::AfterExec { reply, .. }) = self.faults.remove(i) {
                        return reply;
                    }
                }
                let b = onion::encode_node_reply(&layer.key, status, &body, &mut self.rng);
                HttpReply::new(200, b)
            }
            Ok(Instruction::ToServer {
                host,
                target,
                protocol,
                port,
                payload,
            }) => {
                if !onion::is_allowed_server_target(&protocol, &target) {
                    let b = onion::encode_node_reply(&layer.key, 400, "Invalid url", &mut self.rng);
                    return HttpReply::new(200, b);
                }
                let now = self.now();
                let Some(server) = self
                    .servers
                    .iter_mut()
                    .find(|s| s.host == host && s.port == port)
                else {
                    return HttpReply::new(502, "Failed to connect to the server");
                };
                let Ok(peeled) = onion::peel(&server.secret, &payload) else {
                    return HttpReply::new(400, "Invalid onion request");
                };
                let Ok(request) = onion::v4::decode_request(&peeled.plaintext) else {
                    return HttpReply::new(400, "Invalid v4 onion request");
                };
                let (code, body) = (server.handler)(&request, now);
                server.requests.push(request);
                let reply = onion::encode_server_reply(
                    &peeled.key,
                    code,
                    &serde_json::Map::new(),
                    &body,
                    &mut self.rng,
                );
                HttpReply::new(200, reply)
            }
        }
    }

    fn exec(&mut self, at: usize, request: &[u8], path: &[NodeId]) -> (u16, String) {
        let Ok(v) = serde_json::from_slice::<Value>(request) else {
            return (400, "invalid json".into());
        };
        let method = v["method"].as_str().unwrap_or("").to_owned();
        let params = v["params"].clone();
        if method == "batch" || method == "sequence" {
            let mut results = Vec::new();
            for sub in params["requests"].as_array().cloned().unwrap_or_default() {
                let m = sub["method"].as_str().unwrap_or("").to_owned();
                let (code, body) = self.exec_one(at, &m, &sub["params"], path);
                let body: Value = serde_json::from_str(&body).unwrap_or(Value::String(body));
                results.push(json!({ "code": code, "body": body }));
                if method == "sequence" && !(200..300).contains(&code) {
                    break;
                }
            }
            return (200, json!({ "results": results }).to_string());
        }
        self.exec_one(at, &method, &params, path)
    }

    fn exec_one(
        &mut self,
        at: usize,
        method: &str,
        params: &Value,
        path: &[NodeId],
    ) -> (u16, String) {
        let me = self.nodes[at].record.ed25519;
        let scripted = self.faults.iter().position(|f| {
            matches!(f, Fault::Status { method: m, node, .. } if *m == method && node.is_none_or(|n| n == me))
        });
        let (code, body) = match scripted.and_then(|i| self.faults.remove(i)) {
            Some(Fault::Status { status, body, .. }) => (status, body),
            _ => self.run(at, method, params),
        };
        self.log.push(Log {
            guard: path.first().copied().unwrap_or(me),
            path: path.to_vec(),
            dest: me,
            method: method.to_owned(),
            params: params.clone(),
            code,
        });
        (code, body)
    }

    fn run(&mut self, at: usize, method: &str, params: &Value) -> (u16, String) {
        let now = (self.now() as i64 + self.nodes[at].clock_skew_ms) as u64;
        // The time it reports.
        let t = (now as i64 + self.nodes[at].time_lie_ms) as u64;
        let account = || -> Option<[u8; 33]> {
            let mut a = [0u8; 33];
            hex::decode_to_slice(params["pubkey"].as_str()?, &mut a).ok()?;
            Some(a)
        };
        match method {
            "info" => (
                200,
                json!({"version": [2, 8, 0], "timestamp": t, "t": t, "hf": [19, 3]}).to_string(),
            ),
            "get_swarm" => match account() {
                Some(a) => (200, self.swarm_json(&a, t).to_string()),
                None => (400, "invalid request: pubkey".into()),
            },
            "oxend_request" if params["endpoint"] == "ons_resolve" => {
                let me = self.nodes[at].record.ed25519;
                let hash = params["params"]["name_hash"].as_str().unwrap_or_default();
                let result = self
                    .name_liars
                    .get(&me)
                    .or_else(|| self.names.get(hash))
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                (
                    200,
                    json!({ "result": result, "t": t, "hf": [19, 3] }).to_string(),
                )
            }
            "oxend_request" => (
                200,
                json!({ "result": self.node_list(), "t": t, "hf": [19, 3] }).to_string(),
            ),
            "store" => {
                let Some(a) = account() else {
                    return (400, "invalid request: pubkey".into());
                };
                if self.swarm_of(&a) != self.nodes[at].swarm {
                    return (421, self.swarm_json(&a, t).to_string());
                }
                let ts = params["timestamp"].as_u64().unwrap_or(0);
                let ttl = params["ttl"].as_u64().unwrap_or(0);
                let ns = params["namespace"].as_i64().unwrap_or(0) as i16;
                // Public inboxes keep messages up to 14 days, the others up to 30.
                let max_ttl = if ns % 10 == 0 { 14 } else { 30 } * 86_400_000;
                if !(10_000..=max_ttl).contains(&ttl) {
                    return (403, "Provided expiry/TTL is not valid.".into());
                }
                if ts > now + 10_000 || ts + ttl < now.saturating_sub(10_000) {
                    return (406, "Timestamp error: check your clock".into());
                }
                if ns % 10 != 0 {
                    let sig_ts = params["sig_timestamp"].as_u64().unwrap_or(ts);
                    if !verify_signed(&a, &rpc::sig::store(ns, sig_ts), params) {
                        return (401, "store signature verification failed".into());
                    }
                }
                let Ok(data) = STANDARD.decode(params["data"].as_str().unwrap_or("")) else {
                    return (400, "invalid request: data".into());
                };
                let hash = rpc::message_hash(&a, ns, &data);
                let swarm = self.nodes[at].swarm;
                let mut members = serde_json::Map::new();
                for n in self.nodes.iter_mut().filter(|n| n.swarm == swarm) {
                    let key = n.record.ed25519.to_hex();
                    if n.down {
                        members.insert(key, json!({"failed": true, "timeout": true}));
                        continue;
                    }
                    let already = n.store.iter().any(|m| m.hash == hash && m.account == a);
                    if !already {
                        n.store.push(Stored {
                            account: a,
                            namespace: ns,
                            hash: hash.clone(),
                            data: data.clone(),
                            timestamp: ts,
                            expiry: ts + ttl,
                        });
                    }
                    // Each member signs the hash string it stored (network.md §5.4).
                    let signature = STANDARD.encode(n.keys.sign(hash.as_bytes()));
                    let mut e = json!({"hash": hash, "expiry": ts + ttl, "signature": signature});
                    if already {
                        e["already"] = json!(true);
                    }
                    members.insert(key, e);
                }
                (
                    200,
                    json!({"swarm": members, "hash": hash, "t": t, "hf": [19, 3]}).to_string(),
                )
            }
            "retrieve" => {
                let Some(a) = account() else {
                    return (400, "invalid request: pubkey".into());
                };
                if self.swarm_of(&a) != self.nodes[at].swarm {
                    return (421, self.swarm_json(&a, t).to_string());
                }
                let ts = params["timestamp"].as_u64().unwrap_or(0);
                if ts.abs_diff(now) > 60_000 {
                    return (406, "retrieve timestamp too far from current time".into());
                }
                let ns = params["namespace"].as_i64().unwrap_or(0) as i16;
                if let Some((_, status)) = self.refused.iter().find(|(n, _)| *n == ns) {
                    return (*status, "retrieve signature verification failed".into());
                }
                if !verify_signed(&a, &rpc::sig::retrieve(ns, ts), params) {
                    return (401, "retrieve signature verification failed".into());
                }
                let mine: Vec<&Stored> = self.nodes[at]
                    .store
                    .iter()
                    .filter(|m| m.account == a && m.namespace == ns && m.expiry >= now)
                    .collect();
                let last = params["last_hash"].as_str().unwrap_or("");
                let start = mine
                    .iter()
                    .position(|m| m.hash == last)
                    .map_or(0, |i| i + 1);
                let rest = mine.get(start..).unwrap_or(&[]);
                let page: Vec<Value> = rest
                    .iter()
                    .take(self.page_size)
                    .map(|m| {
                        json!({"hash": m.hash, "timestamp": m.timestamp, "expiration": m.expiry,
                               "data": STANDARD.encode(&m.data)})
                    })
                    .collect();
                let more = rest.len() > self.page_size;
                (
                    200,
                    json!({"messages": page, "more": more, "t": t, "hf": [19, 3]}).to_string(),
                )
            }
            "delete" | "expire" => {
                let Some(a) = account() else {
                    return (400, "invalid request: pubkey".into());
                };
                if self.swarm_of(&a) != self.nodes[at].swarm {
                    return (421, self.swarm_json(&a, t).to_string());
                }
                let hashes: Vec<String> = params["messages"]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .filter_map(|h| h.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let expiry = params["expiry"].as_u64().unwrap_or(0);
                let mode = if params["extend"].as_bool() == Some(true) {
                    "extend"
                } else if params["shorten"].as_bool() == Some(true) {
                    "shorten"
                } else {
                    ""
                };
                let signed = if method == "delete" {
                    rpc::sig::delete(&hashes)
                } else {
                    rpc::sig::expire(mode, &[expiry], &hashes)
                };
                if !verify_signed(&a, &signed, params) {
                    return (401, format!("{method} signature verification failed"));
                }
                // Every member of the swarm applies it, as the real nodes forward it, and
                // signs what it did (network.md §5.6, §5.9).
                let swarm = self.nodes[at].swarm;
                let account_hex = hex::encode(a);
                let mut members = serde_json::Map::new();
                for n in self.nodes.iter_mut().filter(|n| n.swarm == swarm) {
                    let key = n.record.ed25519.to_hex();
                    if n.down {
                        members.insert(key, json!({"failed": true, "timeout": true}));
                        continue;
                    }
                    let mut done = Vec::new();
                    let mut unchanged = Vec::new();
                    if method == "delete" {
                        n.store.retain(|m| {
                            let gone = m.account == a && hashes.contains(&m.hash);
                            if gone {
                                done.push(m.hash.clone());
                            }
                            !gone
                        });
                    } else {
                        for m in n
                            .store
                            .iter_mut()
                            .filter(|m| m.account == a && hashes.contains(&m.hash))
                        {
                            let new = match mode {
                                "extend" => m.expiry.max(expiry),
                                "shorten" => m.expiry.min(expiry),
                                _ => expiry,
                            };
                            if new == m.expiry && !mode.is_empty() {
                                unchanged.push((m.hash.clone(), m.expiry));
                            } else {
                                m.expiry = new;
                                done.push(m.hash.clone());
                            }
                        }
                    }
                    done.sort();
                    done.dedup();
                    unchanged.sort();
                    let entry = if method == "delete" {
                        let msg = rpc::sig::delete_result(&account_hex, &hashes, &done);
                        json!({"deleted": done, "signature": STANDARD.encode(n.keys.sign(&msg))})
                    } else {
                        let msg = rpc::sig::expire_result(
                            &account_hex,
                            &[expiry],
                            &hashes,
                            &done,
                            &unchanged,
                        );
                        let unchanged: serde_json::Map<String, Value> = unchanged
                            .iter()
                            .map(|(h, e)| (h.clone(), json!(e)))
                            .collect();
                        json!({"updated": done, "unchanged": unchanged, "expiry": expiry,
                               "signature": STANDARD.encode(n.keys.sign(&msg))})
                    };
                    members.insert(key, entry);
                }
                (
                    200,
                    json!({"swarm": members, "t": t, "hf": [19, 3]}).to_string(),
                )
            }
            _ => (400, format!("no method {method}")),
        }
    }

    fn now(&self) -> u64 {
        self.now_ms
    }
}

fn methods_of(request: &[u8]) -> Vec<String> {
    let Ok(v) = serde_json::from_slice::<Value>(request) else {
        return Vec::new();
    };
    let mut out = vec![v["method"].as_str().unwrap_or("").to_owned()];
    if let Some(reqs) = v["params"]["requests"].as_array() {
        out.extend(
            reqs.iter()
                .map(|r| r["method"].as_str().unwrap_or("").to_owned()),
        );
    }
    out
}

fn decode64<const N: usize>(v: &Value) -> Option<[u8; N]> {
    let bytes = STANDARD.decode(v.as_str()?).ok()?;
    bytes.try_into().ok()
}

/// A request signature as a node checks it (network.md §5.2, §5.12): a `05` account signs with
/// the Ed25519 key named by `pubkey_ed25519` (which must convert to the account's X25519 key),
/// other accounts with the key they are named by; a sub-account's token must be signed by that
/// key, and then the token's key signs the request.
fn verify_signed(account: &[u8; 33], msg: &[u8], params: &Value) -> bool {
    let mut key = [0u8; 32];
    key.copy_from_slice(&account[1..]);
    if account[0] == 0x05 {
        let Some(ed) = params["pubkey_ed25519"].as_str() else {
            return false;
        };
        let mut ed_pk = [0u8; 32];
        if hex::decode_to_slice(ed, &mut ed_pk).is_err() {
            return false;
        }
        match session_core::crypto::keys::ed25519_pk_to_x25519(&ed_pk) {
            Ok(x) if x[..] == account[1..] => key = ed_pk,
            _ => return false,
        }
    }
    if !params["subaccount"].is_null() {
        let (Some(token), Some(token_sig)) = (
            decode64::<36>(&params["subaccount"]),
            decode64::<64>(&params["subaccount_sig"]),
        ) else {
            return false;
        };
        if session_core::crypto::keys::verify_ed25519(&key, &token, &token_sig).is_err() {
            return false;
        }
        key.copy_from_slice(&token[4..]);
    }
    let Some(sig) = decode64::<64>(&params["signature"]) else {
        return false;
    };
    session_core::crypto::keys::verify_ed25519(&key, msg, &sig).is_ok()
}

impl Transport for Sim {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        let mut net = self.net.borrow_mut();
        net.now_ms = self.time.now();
        net.onion_calls += 1;
        net.guards.push(guard.ed25519);
        if net.relay_down {
            return Err(TransportError::Unreachable);
        }
        let scripted = net.faults.iter().position(|f| match f {
            Fault::Http(_) | Fault::Transport(_) => true,
            Fault::HttpVia(g, _) => *g == guard.ed25519,
            _ => false,
        });
        if let Some(i) = scripted {
            match net.faults.remove(i) {
                Some(Fault::Http(r) | Fault::HttpVia(_, r)) => return Ok(r),
                Some(Fault::Transport(e)) => return Err(e),
                _ => {}
            }
        }
        match net.index(&guard.ed25519.0) {
            Some(i) if net.hanging.contains(&guard.ed25519) => {
                let _ = i;
                Err(TransportError::Timeout)
            }
            Some(i) if !net.nodes[i].down => Ok(net.hop(i, &body, Vec::new())),
            _ => Ok(HttpReply {
                status: 502,
                body: b"Node unreachable".to_vec(),
                relay_error: Some(RelayReason::NodeUnreachable),
            }),
        }
    }

    async fn seed(&self, _body: Vec<u8>) -> Result<HttpReply, TransportError> {
        let mut net = self.net.borrow_mut();
        net.seed_calls += 1;
        if net.relay_down {
            return Err(TransportError::Unreachable);
        }
        let body = json!({"jsonrpc": "2.0", "id": "0", "result": net.node_list()});
        Ok(HttpReply::new(200, body.to_string()))
    }
}

pub type SimClient = Client<Rc<Sim>, ClientClock, StdRng>;

/// A fresh account from a number.
pub fn identity(n: u8) -> Identity {
    Identity::from_seed(&[n; 16])
}

/// A client of `sim` for `who`, with the local-network config made suitable for the sim
/// (/24 diversity on: the sim's nodes are spread over /24s).
pub fn client(sim: &Rc<Sim>, who: &Identity, seed: u64) -> SimClient {
    client_with(sim, who, seed, ClientState::new(), config(), 0)
}

pub fn config() -> Config {
    let mut c = Config::default();
    c.refresh_agreement = 8;
    c
}

pub fn client_with(
    sim: &Rc<Sim>,
    who: &Identity,
    seed: u64,
    state: ClientState,
    config: Config,
    skew_ms: i64,
) -> SimClient {
    Client::new(
        who.clone(),
        sim.clone(),
        sim.clock(skew_ms),
        StdRng::seed_from_u64(seed),
        state,
        config,
    )
}
