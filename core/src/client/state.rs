//! Everything the client learns that should survive a restart, as one serialisable value.

use super::error::StateError;
use super::node::{NodeId, NodeRecord};
use super::path::Paths;
use super::pool::Pool;
use super::swarm_cache::SwarmCache;
use super::ClientError;
use crate::clock::ConfirmedClock;
use crate::expiring::ExpiringSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Current layout of [`ClientState`]; older layouts are migrated on load.
pub const STATE_VERSION: u32 = 1;

/// What was already delivered, so each item is yielded once (messaging.md §5.2): item hashes
/// (every namespace), and one-to-one message identities `(sender, T)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Seen {
    #[serde(default)]
    pub(crate) hashes: ExpiringSet,
    #[serde(default)]
    pub(crate) ids: ExpiringSet,
}

/// The client's persistent knowledge: node pool and strikes, paths (guards), swarm cache,
/// `last_hash` per node, what was already delivered, and clock offset samples.
///
/// The host saves it after each operation (the CLI as a JSON file, the web app in IndexedDB):
/// [`Client::state`](super::Client::state) gives a snapshot, [`ClientState::to_json`] /
/// [`ClientState::from_json`] convert it. Save it *after* handling a poll's events, so that a
/// crash in between makes the next poll deliver them again rather than lose them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientState {
    version: u32,
    #[serde(default)]
    pub(crate) pool: Pool,
    #[serde(default)]
    pub(crate) paths: Paths,
    #[serde(default)]
    pub(crate) swarms: SwarmCache,
    /// `"<node hex>/<account hex>/<namespace>"` → last hash that node returned.
    #[serde(default)]
    pub(crate) last_hashes: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) seen: Seen,
    #[serde(default)]
    pub(crate) clock: ConfirmedClock,
    /// Timestamp T of the last message prepared: T must never repeat (messaging.md §5.1).
    #[serde(default)]
    pub(crate) last_sent_ms: u64,
}

impl Default for ClientState {
    fn default() -> Self {
        ClientState {
            version: STATE_VERSION,
            pool: Pool::default(),
            paths: Paths::default(),
            swarms: SwarmCache::default(),
            last_hashes: BTreeMap::new(),
            seen: Seen::default(),
            clock: ConfirmedClock::default(),
            last_sent_ms: 0,
        }
    }
}

pub(crate) fn last_hash_key(node: &NodeId, account_hex: &str, namespace: i16) -> String {
    format!("{node}/{account_hex}/{namespace}")
}

impl ClientState {
    /// An empty state: the first operation fetches everything.
    pub fn new() -> Self {
        ClientState::default()
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain maps, strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads JSON written by [`ClientState::to_json`] (this or an older version).
    pub fn from_json(json: &str) -> Result<ClientState, ClientError> {
        let state: ClientState =
            serde_json::from_str(json).map_err(|e| ClientError::State(StateError::from(&e)))?;
        if state.version > STATE_VERSION {
            return Err(ClientError::State(StateError::TooNew {
                found: state.version,
                supported: STATE_VERSION,
            }));
        }
        Ok(ClientState {
            version: STATE_VERSION,
            ..state
        })
    }

    /// Adds nodes to the pool without a seed fetch (e.g. a bundled fallback list); they are
    /// replaced by the next fetch.
    pub fn add_nodes(&mut self, nodes: impl IntoIterator<Item = NodeRecord>) {
        for n in nodes {
            self.pool.insert(n);
        }
    }

    /// The nodes known.
    pub fn nodes(&self) -> Vec<NodeRecord> {
        self.pool.records().cloned().collect()
    }

    /// The current paths, guard first (for diagnostics).
    pub fn paths(&self) -> Vec<Vec<NodeId>> {
        self.paths.all().iter().map(|p| p.hops().to_vec()).collect()
    }

    /// Cached swarm members of an account (66-hex Session ID), for diagnostics.
    pub fn swarm(&self, account_hex: &str) -> Vec<NodeId> {
        self.swarms.members(account_hex).to_vec()
    }

    /// Failures counted against a node (0 for unknown nodes).
    pub fn node_strikes(&self, id: &NodeId) -> u8 {
        self.pool.strikes(id)
    }

    /// Failures counted against the path behind `guard`, if there is such a path.
    pub fn path_strikes(&self, guard: &NodeId) -> Option<u8> {
        self.paths.get(guard).map(|p| p.strikes())
    }

    /// How many message hashes and `(sender, timestamp)` identities are remembered as
    /// delivered.
    pub fn seen_counts(&self) -> (usize, usize) {
        (self.seen.hashes.len(), self.seen.ids.len())
    }

    /// The last hash a node returned for an account (66 hex) and namespace.
    pub fn last_hash(&self, node: &NodeId, account_hex: &str, namespace: i16) -> Option<&str> {
        self.last_hashes
            .get(&last_hash_key(node, account_hex, namespace))
            .map(String::as_str)
    }

    /// The current estimate of `local − network` time (ms).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock.offset_ms()
    }

    /// Network time for a local time.
    pub fn network_time_ms(&self, local_ms: u64) -> u64 {
        self.clock.now(local_ms)
    }

    /// Forgets the last hashes of nodes no longer in the pool (bounds the map).
    pub(crate) fn prune_last_hashes(&mut self) {
        let pool = &self.pool;
        self.last_hashes.retain(|k, _| {
            k.split('/')
                .next()
                .and_then(NodeId::from_hex)
                .is_some_and(|id| pool.contains(&id))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::pool::tests::node;
    use super::*;

    #[test]
    fn json_round_trip_and_versions() {
        let mut s = ClientState::new();
        s.add_nodes((0..4).map(node));
        s.seen.hashes.insert("h", 9);
        s.clock
            .record(1_700_000_000_000, 1_700_000_000_100, &[7; 32]);
        let id = NodeId([1; 32]);
        s.last_hashes
            .insert(last_hash_key(&id, "05aa", 0), "x".repeat(43));
        let back = ClientState::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
        assert_eq!(
            back.last_hash(&id, "05aa", 0),
            Some("x".repeat(43).as_str())
        );
        assert_eq!(back.clock_offset_ms(), -100);
        let newer = s.to_json().replacen("\"version\":1", "\"version\":2", 1);
        assert_eq!(
            ClientState::from_json(&newer),
            Err(ClientError::State(StateError::TooNew {
                found: 2,
                supported: STATE_VERSION
            }))
        );
        assert!(matches!(
            ClientState::from_json("{\"version\": 1, \"pool\": 7}"),
            Err(ClientError::State(StateError::Unreadable { line: 1, .. }))
        ));
    }

    #[test]
    fn last_hashes_of_departed_nodes_are_forgotten() {
        let mut s = ClientState::new();
        s.add_nodes((0..2).map(node));
        for i in 0..3u8 {
            s.last_hashes
                .insert(last_hash_key(&NodeId([i; 32]), "05aa", 0), "h".into());
        }
        s.last_hashes.insert("garbage".into(), "h".into());
        s.prune_last_hashes();
        assert_eq!(s.last_hashes.len(), 2);
    }
}
