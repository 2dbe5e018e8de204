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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    /// Node `i` of a test pool: three nodes per /24.
    pub(crate) fn node(i: u8) -> NodeRecord {
        NodeRecord {
            ed25519: NodeId([i; 32]),
            x25519: [i; 32],
            ip: format!("10.0.{}.{}", i / 3, i % 3 + 1),
            port: 20_000 + u16::from(i),
            swarm_id: None,
        }
    }

    pub(crate) fn pool(n: u8) -> Pool {
        let mut p = Pool::default();
        p.replace((0..n).map(node), 1);
        p
    }

    #[test]
    fn replace_drops_unreachable_nodes_and_strikes() {
        let mut p = pool(5);
        p.strike(&NodeId([1; 32]), 3);
        let mut bad = node(9);
        bad.ip = "0.0.0.0".into();
        p.replace((0..5).map(node).chain([bad]), 42);
        assert_eq!(p.len(), 5);
        assert_eq!(p.strikes(&NodeId([1; 32])), 0);
        assert_eq!(p.updated_ms(), Some(42));
    }

    #[test]
    fn strikes_remove_at_the_limit_and_clear_on_success() {
        let mut p = pool(3);
        let id = NodeId([2; 32]);
        assert!(!p.strike(&id, 3));
        p.clear_strikes(&id);
        assert!(!p.strike(&id, 3));
        assert!(!p.strike(&id, 3));
        assert!(p.strike(&id, 3));
        assert!(!p.contains(&id));
        assert!(!p.strike(&id, 3), "unknown nodes are not struck");
    }

    #[test]
    fn pick_is_distinct_and_honours_exclusions() {
        let p = pool(10);
        let mut rng = StdRng::seed_from_u64(3);
        let got = p.pick(4, &mut rng, |id| id.0[0] % 2 == 0);
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|id| id.0[0] % 2 == 1));
        let mut dedup = got.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), 4);
        assert_eq!(p.pick(50, &mut rng, |_| false).len(), 10);
    }

    #[test]
    fn agreement_needs_votes_and_identical_details() {
        let honest: Vec<NodeRecord> = (0..6).map(node).collect();
        let mut liar = honest.clone();
        liar[0].ip = "6.6.6.6".into();
        liar.push(node(99));
        let agreed = agreement(&[honest.clone(), honest.clone(), liar], 2);
        assert_eq!(agreed, honest);
        let agreed = agreement(&[honest.clone(), honest.clone(), honest.clone()], 3);
        assert_eq!(agreed.len(), 6);
        // A node listed twice by one source still counts once.
        let twice = vec![node(1), node(1)];
        assert!(agreement(&[twice], 2).is_empty());
    }
}
