//! The node pool: every service node the client knows, with strikes against unreliable ones
//! (network.md §3.2).

use super::node::{NodeId, NodeRecord};
use super::random;
use rand_core::RngCore;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Known nodes and their strikes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Pool {
    nodes: BTreeMap<NodeId, NodeRecord>,
    #[serde(default)]
    strikes: BTreeMap<NodeId, u8>,
    /// When the whole list was last fetched (seed or refresh from nodes), local ms.
    #[serde(default)]
    updated_ms: Option<u64>,
}

impl Pool {
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn get(&self, id: &NodeId) -> Option<&NodeRecord> {
        self.nodes.get(id)
    }

    pub(crate) fn contains(&self, id: &NodeId) -> bool {
        self.nodes.contains_key(id)
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &NodeId> {
        self.nodes.keys()
    }

    pub(crate) fn records(&self) -> impl Iterator<Item = &NodeRecord> {
        self.nodes.values()
    }

    pub(crate) fn updated_ms(&self) -> Option<u64> {
        self.updated_ms
    }

    /// Replaces the whole list (after a seed fetch or a refresh): unreachable entries are
    /// dropped and every strike is forgotten, as desktop does.
    pub(crate) fn replace(&mut self, nodes: impl IntoIterator<Item = NodeRecord>, now_ms: u64) {
        self.nodes = nodes
            .into_iter()
            .filter(NodeRecord::is_reachable)
            .map(|n| (n.id(), n))
            .collect();
        self.strikes.clear();
        self.updated_ms = Some(now_ms);
    }

    /// Marks the list as current without changing it (a refresh failed; retry later).
    pub(crate) fn touch(&mut self, now_ms: u64) {
        self.updated_ms = Some(now_ms);
    }

    /// Adds or updates one node (e.g. a swarm member a 421 named that the pool lacked).
    pub(crate) fn insert(&mut self, node: NodeRecord) {
        if node.is_reachable() {
            self.nodes.insert(node.id(), node);
        }
    }

    /// Forgets a node. Returns whether it was known.
    pub(crate) fn remove(&mut self, id: &NodeId) -> bool {
        self.strikes.remove(id);
        self.nodes.remove(id).is_some()
    }

    /// Counts a failure against a node; at `threshold` strikes it is removed and `true` is
    /// returned.
    pub(crate) fn strike(&mut self, id: &NodeId, threshold: u8) -> bool {
        if !self.nodes.contains_key(id) {
            return false;
        }
        let s = self.strikes.entry(*id).or_insert(0);
        *s = s.saturating_add(1);
        if *s >= threshold {
            self.remove(id);
            true
        } else {
            false
        }
    }

    /// A node proved itself: its strikes are forgotten.
    pub(crate) fn clear_strikes(&mut self, id: &NodeId) {
        self.strikes.remove(id);
    }

    pub(crate) fn strikes(&self, id: &NodeId) -> u8 {
        self.strikes.get(id).copied().unwrap_or(0)
    }

    /// Up to `n` distinct random nodes, none of them `excluded`.
    pub(crate) fn pick(
        &self,
        n: usize,
        rng: &mut impl RngCore,
        excluded: impl Fn(&NodeId) -> bool,
    ) -> Vec<NodeId> {
        let mut ids: Vec<NodeId> = self
            .nodes
            .keys()
            .filter(|id| !excluded(id))
            .copied()
            .collect();
        random::shuffle(rng, &mut ids);
        ids.truncate(n);
        ids
    }
}

/// The nodes named, with identical details, by at least `min_votes` of the `lists`: a refresh
/// from several nodes only trusts what they agree on, so one lying node can neither add nodes
/// nor redirect a node to another address.
pub(crate) fn agreement(lists: &[Vec<NodeRecord>], min_votes: usize) -> Vec<NodeRecord> {
    let mut votes: HashMap<&NodeRecord, usize> = HashMap::new();
    for list in lists {
        let unique: HashSet<&NodeRecord> = list.iter().collect();
        for node in unique {
            *votes.entry(node).or_insert(0) += 1;
        }
    }
    let mut out: Vec<NodeRecord> = votes
        .into_iter()
        .filter(|(_, n)| *n >= min_votes)
        .map(|(node, _)| node.clone())
        .collect();
    out.sort_by_key(NodeRecord::id);
    out
}
