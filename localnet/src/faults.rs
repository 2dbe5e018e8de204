//! Fault injection, shared by the Rust API and the admin endpoint.

use crate::error::Error;
use crate::net::NetInner;
use crate::node::NodeFaults;
use crate::swarms::{plan_move, View};
use std::collections::{BTreeSet, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How a node lies in its answer to `store` ([`Faults::set_store_lie`]), each a way a broken
/// or malicious node could claim a message was stored when it was not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreLie {
    /// `{"results": []}` for the whole `batch` or `sequence` holding the store (a store
    /// outside one: 200 with no member entry).
    EmptyResults,
    /// A result for another message's hash, signed by the node (over that other hash).
    WrongHash,
    /// The message's hash with a member signature that does not verify (the node's
    /// signature of something else).
    BadSignature,
    /// 421 naming a swarm the account does not belong to: another swarm's id and members.
    MadeUpSwarm,
}

impl StoreLie {
    /// Every lie.
    pub const ALL: [StoreLie; 4] = [
        StoreLie::EmptyResults,
        StoreLie::WrongHash,
        StoreLie::BadSignature,
        StoreLie::MadeUpSwarm,
    ];

    /// Its name in the admin endpoint: `empty_results`, `wrong_hash`, `bad_signature`,
    /// `made_up_swarm`.
    pub fn name(self) -> &'static str {
        match self {
            StoreLie::EmptyResults => "empty_results",
            StoreLie::WrongHash => "wrong_hash",
            StoreLie::BadSignature => "bad_signature",
            StoreLie::MadeUpSwarm => "made_up_swarm",
        }
    }

    /// The lie of this name.
    pub fn from_name(name: &str) -> Option<StoreLie> {
        StoreLie::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Non-zero code kept in a node's faults (0: no lie).
    pub(crate) fn code(self) -> u8 {
        match self {
            StoreLie::EmptyResults => 1,
            StoreLie::WrongHash => 2,
            StoreLie::BadSignature => 3,
            StoreLie::MadeUpSwarm => 4,
        }
    }

    pub(crate) fn from_code(code: u8) -> Option<StoreLie> {
        StoreLie::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Handle to inject faults into a running network. Cheap to clone. Nodes are named by their
/// Ed25519 key in hex.
#[derive(Debug, Clone)]
pub struct Faults {
    pub(crate) inner: Arc<NetInner>,
}

fn parse_pubkey(hex_key: &str) -> Result<[u8; 33], Error> {
    hex::decode(hex_key)
        .ok()
        .and_then(|v| <[u8; 33]>::try_from(v).ok())
        .ok_or_else(|| Error::Config(format!("{hex_key} is not a 66-hex account key")))
}

impl Faults {
    fn index(&self, node: &str) -> Result<usize, Error> {
        self.inner
            .nodes
            .iter()
            .position(|n| n.info.ed25519_hex().eq_ignore_ascii_case(node))
            .ok_or_else(|| Error::UnknownNode(node.to_owned()))
    }

    /// Turns one of a node's on/off faults on or off.
    fn set_flag(
        &self,
        node: &str,
        flag: fn(&NodeFaults) -> &AtomicBool,
        on: bool,
    ) -> Result<(), Error> {
        let i = self.index(node)?;
        flag(&self.inner.nodes[i].faults).store(on, Ordering::Relaxed);
        Ok(())
    }

    /// Takes a node down (its port refuses connections, open connections close) or back up on
    /// the same port with the same keys and messages.
    pub async fn set_node_down(&self, node: &str, down: bool) -> Result<(), Error> {
        let i = self.index(node)?;
        let server = &self.inner.servers[i];
        if down {
            server.down().await;
        } else {
            server.up().await?;
        }
        Ok(())
    }

    /// Whether a node is down.
    pub async fn is_node_down(&self, node: &str) -> Result<bool, Error> {
        let i = self.index(node)?;
        Ok(!self.inner.servers[i].is_up().await)
    }

    /// Skews a node's clock by `skew_ms` (positive: ahead); 0 restores real time.
    pub fn set_clock_skew(&self, node: &str, skew_ms: i64) -> Result<(), Error> {
        let i = self.index(node)?;
        self.inner.nodes[i].clock.set_skew_ms(skew_ms);
        Ok(())
    }

    /// Makes a node answer 503 (not ready) to clients, relays and swarm peers.
    pub fn set_unavailable(&self, node: &str, on: bool) -> Result<(), Error> {
        self.set_flag(node, |f| &f.unavailable, on)
    }

    /// Makes a node answer every direct `/storage_rpc/v1` request with its rate-limit answer,
    /// `429 Too Many Requests`.
    pub fn set_rate_limited(&self, node: &str, on: bool) -> Result<(), Error> {
        self.set_flag(node, |f| &f.rate_limited, on)
    }

    /// Makes a node answer direct requests, and onion requests it is the guard of,
    /// `503 Server busy, try again later`, as an overloaded node does.
    pub fn set_busy(&self, node: &str, on: bool) -> Result<(), Error> {
        self.set_flag(node, |f| &f.busy, on)
    }

    /// Makes a node, as the destination of an onion request, answer the encrypted
    /// `{"status":503,"body":"Snode not ready"}` (as a real node that stopped being ready while
    /// the request travelled); it still relays for others.
    pub fn set_not_ready_as_destination(&self, node: &str, on: bool) -> Result<(), Error> {
        self.set_flag(node, |f| &f.not_ready_as_destination, on)
    }

    /// Delays every onion request the node handles (as guard, relay or destination) by
    /// `stall`, so the previous hop times out (504); `None` removes the delay.
    pub fn set_onion_stall(&self, node: &str, stall: Option<Duration>) -> Result<(), Error> {
        let i = self.index(node)?;
        let ms = stall.map(|d| d.as_millis().max(1) as u64).unwrap_or(0);
        self.inner.nodes[i]
            .faults
            .stall_ms
            .store(ms, Ordering::Relaxed);
        Ok(())
    }

    /// Makes a node close the connection instead of answering any request that stored a
    /// message on it (the message stays stored).
    pub fn set_drop_reply_after_store(&self, node: &str, on: bool) -> Result<(), Error> {
        self.set_flag(node, |f| &f.drop_after_store, on)
    }

    /// Makes a node lie in its answers to `store` (see [`StoreLie`]), or tell the truth again
    /// (`None`). A lying node stores nothing it is asked to store and forwards nothing; as a
    /// member receiving a peer's copy, and in every other method, it stays honest, so the
    /// honest members of its swarm still hold every message.
    pub fn set_store_lie(&self, node: &str, lie: Option<StoreLie>) -> Result<(), Error> {
        let i = self.index(node)?;
        self.inner.nodes[i]
            .faults
            .store_lie
            .store(lie.map_or(0, StoreLie::code), Ordering::Relaxed);
        Ok(())
    }

    /// How many store answers a node has lied in since the network started.
    pub fn lies_told(&self, node: &str) -> Result<u64, Error> {
        let i = self.index(node)?;
        Ok(self.inner.nodes[i].faults.lies_told.load(Ordering::Relaxed))
    }

    /// Moves an account (66 hex) to a swarm of its own, as the network does when swarms
    /// change: a new swarm id at the account's place on the ring (network.md §3.3), made of
    /// three nodes taken one at a time from the largest swarms other than the account's (none
    /// left with fewer than three members). Every node list (seed, `get_service_nodes`,
    /// [`crate::LocalNet::nodes`]) shows the new assignment, the nodes enforce it (421), and
    /// the messages of every account whose swarm gained members are copied to them first.
    /// Returns the new swarm's id. Other accounts near this one on the ring may move too.
    pub fn move_account(&self, pubkey: &str) -> Result<u64, Error> {
        let pk = parse_pubkey(pubkey)?;
        // Held until the data has moved: no node acts on the new swarms before.
        let mut change = self.inner.shared.swarms.change();
        let before = change.view();
        let planned = plan_move(&before, &pk).map_err(Error::Move)?;
        self.hand_over(&before, &change.preview(&planned))?;
        change.apply(&planned);
        Ok(planned.swarm_id)
    }

    /// Undoes every swarm move: each node back in the swarm the layout gave it, with the
    /// messages stored meanwhile handed back to the members their accounts return to.
    pub fn restore_swarms(&self) -> Result<(), Error> {
        let mut change = self.inner.shared.swarms.change();
        self.hand_over(&change.view(), &change.layout())?;
        change.reset();
        Ok(())
    }

    /// Copies each account's messages from the members of its swarm in `before` to the
    /// members its swarm has in `after` that did not serve it before, as nodes push data to
    /// the new members of a changed swarm.
    fn hand_over(&self, before: &View, after: &View) -> Result<(), Error> {
        let nodes = &self.inner.nodes;
        let node = |ed: &[u8; 32]| nodes.iter().find(|n| &n.info.ed25519 == ed);
        let mut accounts = BTreeSet::new();
        for n in nodes {
            accounts.extend(n.store.accounts(n.now())?);
        }
        for pk in accounts {
            let (Some(from), Some(to)) = (before.swarm_of(&pk), after.swarm_of(&pk)) else {
                continue;
            };
            let holders = before.members(from);
            let newcomers: Vec<_> = after
                .members(to)
                .into_iter()
                .filter(|n| !holders.iter().any(|h| h.ed25519 == n.ed25519))
                .filter_map(|n| node(&n.ed25519))
                .collect();
            if newcomers.is_empty() {
                continue;
            }
            let mut seen = HashSet::new();
            let mut messages = Vec::new();
            for h in holders.iter().filter_map(|h| node(&h.ed25519)) {
                for m in h.store.export(&pk, h.now())? {
                    if seen.insert(m.hash.clone()) {
                        messages.push(m);
                    }
                }
            }
            for n in newcomers {
                n.store.import(&pk, &messages, n.now())?;
            }
        }
        Ok(())
    }

    /// Skews the file server's clock (for expiry tests).
    pub fn set_file_server_clock_skew(&self, skew_ms: i64) {
        if let Some(fs) = &self.inner.file_server {
            fs.clock.set_skew_ms(skew_ms);
        }
    }

    /// Makes the file server change one byte of every file it serves (`false`: serve them
    /// as stored).
    pub fn set_file_server_corrupt(&self, on: bool) {
        if let Some(fs) = &self.inner.file_server {
            fs.corrupt.store(on, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Removes every fault: all nodes up, clocks true, swarms as the layout made them (see
    /// [`Faults::restore_swarms`]), no stalls, drops, rate limits, lies, busy or not-ready
    /// nodes.
    pub async fn clear(&self) -> Result<(), Error> {
        for (node, server) in self.inner.nodes.iter().zip(&self.inner.servers) {
            server.up().await?;
            node.clock.set_skew_ms(0);
            node.faults.clear();
        }
        self.restore_swarms()?;
        self.set_file_server_clock_skew(0);
        self.set_file_server_corrupt(false);
        Ok(())
    }
}
