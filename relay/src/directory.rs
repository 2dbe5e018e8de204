//! The relay's list of service nodes: the only places it forwards onion requests to, and what
//! its seed endpoint answers.

use crate::config::Network;
use crate::seed::{seed_result, FieldSet, NodeList, SeedClient, SeedError, FIELD_SETS};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Least time between two refreshes triggered by a client (an unknown key, an empty list), so
/// that clients cannot make the relay hammer the seeds.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// One node list and what is derived from it.
#[derive(Debug)]
struct Snapshot {
    list: NodeList,
    by_key: HashMap<[u8; 32], SocketAddr>,
    /// The seed endpoint's `result` for each field set, made on first use.
    results: [OnceLock<Arc<str>>; FIELD_SETS],
}

impl Snapshot {
    fn new(list: NodeList) -> Self {
        Snapshot {
            by_key: list.nodes.iter().map(|n| (n.ed25519, n.addr)).collect(),
            list,
            results: std::array::from_fn(|_| OnceLock::new()),
        }
    }
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot::new(NodeList::default())
    }
}

/// Known service nodes by Ed25519 key, refreshed from the seeds.
#[derive(Debug)]
pub struct Directory {
    seeds: SeedClient,
    network: Network,
    nodes: RwLock<Arc<Snapshot>>,
    last_refresh: Mutex<Option<Instant>>,
}

impl Directory {
    /// An empty directory fed by these seeds, keeping the nodes whose address suits `network`.
    pub fn new(seeds: SeedClient, network: Network) -> Self {
        Directory {
            seeds,
            network,
            nodes: RwLock::new(Arc::new(Snapshot::default())),
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
        let list = self.seeds.fetch_nodes(self.network).await?;
        let len = list.len();
        let snapshot = Arc::new(Snapshot::new(list));
        match self.nodes.write() {
            Ok(mut guard) => *guard = snapshot,
            Err(poisoned) => *poisoned.into_inner() = snapshot,
        }
        Ok(len)
    }

    /// Refreshes unless the last refresh was less than [`MIN_REFRESH_INTERVAL`] ago.
    async fn refresh_if_due(&self) {
        let due = {
            let last = self.last_refresh.lock().await;
            last.is_none_or(|t| t.elapsed() >= MIN_REFRESH_INTERVAL)
        };
        if due {
            let _ = self.refresh().await;
        }
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        match self.nodes.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Number of known nodes.
    pub fn len(&self) -> usize {
        self.snapshot().list.len()
    }

    /// Whether no node is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where to reach a node. An unknown key triggers one refresh (at most every 30 s), since
    /// the app may have learnt of a new node before the relay did.
    pub async fn lookup(&self, key: &[u8; 32]) -> Option<SocketAddr> {
        if let Some(addr) = self.snapshot().by_key.get(key) {
            return Some(*addr);
        }
        self.refresh_if_due().await;
        self.snapshot().by_key.get(key).copied()
    }

    /// The seed endpoint's `result` JSON for `fields`, from the current list (refreshed first,
    /// at most every 30 s, when it is empty); None while no node is known.
    pub async fn seed_result(&self, fields: FieldSet) -> Option<Arc<str>> {
        let mut snapshot = self.snapshot();
        if snapshot.list.is_empty() {
            self.refresh_if_due().await;
            snapshot = self.snapshot();
            if snapshot.list.is_empty() {
                return None;
            }
        }
        let result = snapshot.results[fields.index()]
            .get_or_init(|| Arc::from(seed_result(&snapshot.list, fields)));
        Some(result.clone())
    }
}
