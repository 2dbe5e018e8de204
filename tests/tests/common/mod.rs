//! A relay with its embedded local network, in-process, and accounts driven through the CLI's
//! own command functions over real HTTPS and real onion requests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rand_core::OsRng;
use serde_json::Value;
use session_cli::commands::{init, receive, restore, send, whoami};
use session_cli::env::TokioEnv;
use session_cli::network::{connect, Connection};
use session_cli::profile::Profile;
use session_cli::transport::NativeTransport;
use session_core::client::{Client, ClientState, Transport};
use session_core::identity::Identity;
use session_localnet::{Faults, LocalNet};
use session_relay::{Config, Limits, Network, Relay};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Polls allowed for expected messages to show up (a store reaches every swarm member at
/// once, but a poll asks two members, which may include one that just came back).
const MAX_POLLS: usize = 12;
const POLL_PAUSE: Duration = Duration::from_millis(250);

/// A running relay + local network and a folder for profiles.
pub struct Net {
    relay: Option<Relay>,
    addr: SocketAddr,
    nodes: usize,
    data: TempDir,
    profiles: TempDir,
    /// A connection through the relay, as `session-cli --relay URL` makes it.
    pub conn: Connection<NativeTransport>,
    started: Instant,
}

/// An account in its own profile.
#[derive(Debug, Clone)]
pub struct User {
    /// Its profile.
    pub profile: Profile,
    /// Its Session ID.
    pub id: String,
    /// Its recovery phrase.
    pub mnemonic: String,
}

impl User {
    /// The 33-byte account key.
    pub fn pubkey33(&self) -> [u8; 33] {
        hex::decode(&self.id).unwrap().try_into().unwrap()
    }
}

fn relay_config(nodes: usize, data: &TempDir, listen: SocketAddr) -> Config {
    Config {
        network: Network::Local,
        listen,
        dist: None,
        data_dir: Some(data.path().to_path_buf()),
        local_nodes: nodes,
        local_admin_port: None,
        limits: Limits::default(),
    }
}

impl Net {
    /// Starts a relay with `nodes` local service nodes.
    pub async fn start(nodes: usize) -> Net {
        let started = Instant::now();
        let data = tempfile::tempdir().unwrap();
        let relay = Relay::start(relay_config(nodes, &data, "127.0.0.1:0".parse().unwrap()))
            .await
            .expect("relay starts");
        let addr = relay.local_addr();
        let conn = connect(Some(&format!("http://{addr}")), None)
            .await
            .expect("relay answers /relay/v1/info");
        assert_eq!(conn.network, "local");
        Net {
            relay: Some(relay),
            addr,
            nodes,
            data,
            profiles: tempfile::tempdir().unwrap(),
            conn,
            started,
        }
    }

    /// The relay's base URL.
    pub fn relay_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The local network.
    pub fn localnet(&self) -> &LocalNet {
        self.relay
            .as_ref()
            .expect("relay running")
            .local_network()
            .expect("local mode")
            .net()
    }

    /// Fault injection.
    pub fn faults(&self) -> Faults {
        self.localnet().faults()
    }

    /// Stops the relay (and its nodes).
    pub async fn stop_relay(&mut self) {
        if let Some(relay) = self.relay.take() {
            relay.shutdown().await;
        }
    }

    /// Starts the relay again on the same port with the same network data.
    pub async fn start_relay(&mut self) {
        assert!(self.relay.is_none());
        let mut tries = 0;
        let relay = loop {
            match Relay::start(relay_config(self.nodes, &self.data, self.addr)).await {
                Ok(r) => break r,
                // The old sockets may take a moment to be released.
                Err(e) if tries < 50 => {
                    tries += 1;
                    eprintln!("relay restart: {e}; retrying");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("relay restart: {e}"),
            }
        };
        self.relay = Some(relay);
    }

    /// A client engine of a fresh identity on the relay's connection, for tests that call the
    /// engine directly.
    pub fn client(&self) -> Client<&NativeTransport, TokioEnv, OsRng> {
        Client::new(
            Identity::generate(&mut OsRng),
            &self.conn.transport,
            TokioEnv,
            OsRng,
            ClientState::new(),
            self.conn.config.clone(),
        )
    }

    /// A new account (`init`) in a profile named `name`.
    pub async fn init(&self, name: &str) -> User {
        let profile = Profile::new(self.profiles.path().join(name));
        let v = init::init(&profile, None).await.expect("init");
        user(profile, &v)
    }

    /// The account of `words` (`restore`) in a new profile named `name`.
    pub async fn restore(&self, name: &str, words: &str) -> User {
        let profile = Profile::new(self.profiles.path().join(name));
        // Offline: the tests poll when they choose to.
        let offline: Option<
            &session_cli::network::Connection<session_cli::transport::NativeTransport>,
        > = None;
        let v = restore::restore(&profile, words, None, offline)
            .await
            .expect("restore");
        user(profile, &v)
    }

    /// The guards of the user's current paths.
    pub fn guards(&self, u: &User) -> Vec<String> {
        let (state, _) = u.profile.load_state().unwrap().network("local").unwrap();
        state
            .paths()
            .iter()
            .filter_map(|p| p.first())
            .map(|g| g.to_hex())
            .collect()
    }

    /// Members (Ed25519 hex) of the swarm an account lives in now.
    pub fn swarm_of(&self, u: &User) -> Vec<String> {
        let net = self.localnet();
        let id = net.swarm_of(&u.pubkey33()).unwrap();
        net.swarm_members(id)
            .iter()
            .map(|n| n.ed25519_hex())
            .collect()
    }

    /// Swarm id (of the local network) of each node.
    pub fn swarm_ids_by_node(&self) -> HashMap<String, u64> {
        self.localnet()
            .nodes()
            .iter()
            .map(|n| (n.ed25519_hex(), n.swarm_id))
            .collect()
    }

    /// Seconds since start, for the log.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Stops everything.
    pub async fn shutdown(mut self) {
        self.stop_relay().await;
    }
}

fn user(profile: Profile, v: &Value) -> User {
    let id = v["session_id"].as_str().unwrap().to_owned();
    let mnemonic = v["mnemonic"].as_str().unwrap().to_owned();
    assert_eq!(whoami::whoami(&profile).unwrap()["session_id"], id.as_str());
    User {
        profile,
        id,
        mnemonic,
    }
}

/// `send`, which must succeed; returns its JSON.
pub async fn send_ok<T: Transport>(
    conn: &Connection<T>,
    from: &User,
    to: &User,
    text: &str,
) -> Value {
    let v = send::send(&from.profile, conn, &to.id, text)
        .await
        .unwrap_or_else(|e| panic!("send {text:?}: {e}"));
    assert_eq!(v["to"], to.id.as_str());
    assert_eq!(v["hash"].as_str().map(str::len), Some(43), "{v}");
    assert!(v["timestamp"].as_u64().is_some(), "{v}");
    v
}

/// One `receive`: what it printed (checked to be the returned array).
pub async fn receive_once<T: Transport>(conn: &Connection<T>, u: &User) -> Vec<Value> {
    let mut out = Vec::new();
    let got = receive::receive(&u.profile, conn, &mut out)
        .await
        .unwrap_or_else(|e| panic!("receive: {e}"));
    let printed: Value = serde_json::from_slice(&out).expect("receive prints one JSON array");
    assert_eq!(printed, Value::Array(got.clone()));
    assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 1, "one line");
    got
}

/// Calls `receive` until every text of `want` has been printed, then once more; asserts that
/// each was printed exactly once, and nothing else. Returns every message printed.
pub async fn receive_exactly<T: Transport>(
    conn: &Connection<T>,
    u: &User,
    want: &[&str],
) -> Vec<Value> {
    let mut got: Vec<Value> = Vec::new();
    for _ in 0..MAX_POLLS {
        got.extend(receive_once(conn, u).await);
        if want.iter().all(|w| got.iter().any(|m| m["text"] == *w)) {
            break;
        }
        tokio::time::sleep(POLL_PAUSE).await;
    }
    got.extend(receive_once(conn, u).await);
    assert_exactly(&got, want);
    got
}

/// Each text of `want` exactly once in `got`, nothing else, and no hash twice.
pub fn assert_exactly(got: &[Value], want: &[&str]) {
    for w in want {
        let n = got.iter().filter(|m| m["text"] == *w).count();
        assert_eq!(n, 1, "{w:?} printed {n} times; all printed: {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "unexpected messages: {got:#?}");
    let mut hashes: Vec<&str> = got.iter().map(|m| m["hash"].as_str().unwrap()).collect();
    hashes.sort_unstable();
    hashes.dedup();
    assert_eq!(hashes.len(), got.len(), "a hash printed twice: {got:#?}");
    for m in got {
        for key in ["from", "text", "timestamp", "hash"] {
            assert!(!m[key].is_null(), "{key} missing in {m}");
        }
    }
}

/// The messages of `got` from `from` to `to` in `direction`.
pub fn texts_between<'a>(
    got: &'a [Value],
    from: &User,
    to: &User,
    direction: &str,
) -> Vec<&'a str> {
    got.iter()
        .filter(|m| {
            m["from"] == from.id.as_str()
                && m["to"] == to.id.as_str()
                && m["direction"] == direction
        })
        .filter_map(|m| m["text"].as_str())
        .collect()
}
