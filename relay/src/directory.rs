//! The relay's list of service nodes: the only places it forwards onion requests to.

use crate::seed::{NodeEntry, SeedClient, SeedError};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::RwLock;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Least time between two refreshes triggered by an unknown key, so that a client sending
/// random keys cannot make the relay hammer the seeds.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// Known service nodes by Ed25519 key, refreshed from the seeds.
#[derive(Debug)]
pub struct Directory {
    seeds: SeedClient,
    nodes: RwLock<HashMap<[u8; 32], SocketAddr>>,
    last_refresh: Mutex<Option<Instant>>,
}

impl Directory {
    /// An empty directory fed by these seeds.
    pub fn new(seeds: SeedClient) -> Self {
        Directory {
            seeds,
            nodes: RwLock::new(HashMap::new()),
            last_refresh: Mutex::new(None),
        }
    }

    /// The seeds behind this directory.
    pub fn seeds(&self) -> &SeedClient {
        &self.seeds
    }

    /// Fetches the node list now and replaces the current one; returns how many nodes it has.
    /// On failure the current list is kept, so a seed outage does not stop forwarding.
    pub async fn refresh(&self) -> Result<usize, SeedError> {
        let mut last = self.last_refresh.lock().await;
        *last = Some(Instant::now());
        let nodes = self.seeds.fetch_nodes().await?;
        Ok(self.replace(nodes))
    }

    /// Replaces the node list (used by refresh, and by tests).
    pub fn replace(&self, nodes: Vec<NodeEntry>) -> usize {
        let map: HashMap<[u8; 32], SocketAddr> =
            nodes.into_iter().map(|n| (n.ed25519, n.addr)).collect();
        let len = map.len();
        match self.nodes.write() {
            Ok(mut guard) => *guard = map,
            Err(poisoned) => *poisoned.into_inner() = map,
        }
        len
    }

    /// Number of known nodes.
    pub fn len(&self) -> usize {
        match self.nodes.read() {
            Ok(g) => g.len(),
            Err(p) => p.into_inner().len(),
        }
    }

    /// Whether no node is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &[u8; 32]) -> Option<SocketAddr> {
        match self.nodes.read() {
            Ok(g) => g.get(key).copied(),
            Err(p) => p.into_inner().get(key).copied(),
        }
    }

    /// Where to reach a node. An unknown key triggers one refresh (at most every 30 s), since
    /// the app may have learnt of a new node before the relay did.
    pub async fn lookup(&self, key: &[u8; 32]) -> Option<SocketAddr> {
        if let Some(addr) = self.get(key) {
            return Some(addr);
        }
        let due = {
            let last = self.last_refresh.lock().await;
            last.is_none_or(|t| t.elapsed() >= MIN_REFRESH_INTERVAL)
        };
        if due && self.refresh().await.is_ok() {
            return self.get(key);
        }
        None
    }
}
