//! Onion paths: two disjoint 3-hop paths, each behind its own guard, with /24 diversity,
//! strikes and in-place repair (network.md §8.1, §8.2).

use super::node::{NodeId, NodeRecord};
use super::pool::Pool;
use super::random;
use rand_core::RngCore;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One path: the guard first, then the relays; the destination comes after the last hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Path {
    hops: Vec<NodeId>,
    #[serde(default)]
    strikes: u8,
}

impl Path {
    /// The guard: the first hop, which also names the path.
    pub(crate) fn guard(&self) -> Option<NodeId> {
        self.hops.first().copied()
    }

    pub(crate) fn hops(&self) -> &[NodeId] {
        &self.hops
    }

    pub(crate) fn contains(&self, id: &NodeId) -> bool {
        self.hops.contains(id)
    }

    pub(crate) fn strikes(&self) -> u8 {
        self.strikes
    }
}

/// The rules a path must follow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PathRules {
    /// Hops per path, guard included.
    pub(crate) hops: usize,
    /// No two hops of a path may share an IPv4 /24.
    pub(crate) subnet_diversity: bool,
}

/// What removing a node did to the paths.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Removal {
    /// Paths whose relay was replaced in place.
    pub(crate) repaired: usize,
    /// Paths dropped (the node was their guard, or no replacement was available).
    pub(crate) dropped: usize,
}

/// The client's paths.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Paths {
    paths: Vec<Path>,
}

impl Paths {
    pub(crate) fn len(&self) -> usize {
        self.paths.len()
    }

    pub(crate) fn all(&self) -> &[Path] {
        &self.paths
    }

    /// Every node on some path (a new path may reuse none of them).
    pub(crate) fn used(&self) -> HashSet<NodeId> {
        self.paths
            .iter()
            .flat_map(|p| p.hops.iter().copied())
            .collect()
    }

    pub(crate) fn get(&self, guard: &NodeId) -> Option<&Path> {
        self.paths
            .iter()
            .find(|p| p.guard().as_ref() == Some(guard))
    }

    /// Keeps only paths whose every hop is still in the pool, repairing relays that left it.
    pub(crate) fn retain_known(&mut self, pool: &Pool, rules: PathRules, rng: &mut impl RngCore) {
        let missing: Vec<NodeId> = self
            .used()
            .into_iter()
            .filter(|id| !pool.contains(id))
            .collect();
        for id in missing {
            self.remove_node(&id, pool, rules, rng);
        }
    }

    /// Builds a path behind `guard` from random pool nodes on no other path and (with
    /// diversity) in /24s distinct from each other and from the guard's, then adds it.
    /// Returns false when the pool has too few suitable nodes.
    pub(crate) fn add(
        &mut self,
        guard: NodeId,
        pool: &Pool,
        rules: PathRules,
        rng: &mut impl RngCore,
    ) -> bool {
        let mut used = self.used();
        if used.contains(&guard) || !pool.contains(&guard) {
            return false;
        }
        used.insert(guard);
        let mut hops = vec![guard];
        while hops.len() < rules.hops {
            match pick_relay(&hops, &used, pool, rules, rng) {
                Some(id) => {
                    used.insert(id);
                    hops.push(id);
                }
                None => return false,
            }
        }
        self.paths.push(Path { hops, strikes: 0 });
        true
    }

    /// A path to reach `target` through: never one containing it; among the others, one at
    /// random, preferring those whose guard is not in `avoid` (failed earlier in this
    /// operation). Strikes do not steer the choice: a failing path must keep being tried to
    /// reach its strike limit and be replaced.
    pub(crate) fn choose(
        &self,
        target: Option<&NodeId>,
        avoid: &[NodeId],
        rng: &mut impl RngCore,
    ) -> Option<Path> {
        let usable: Vec<&Path> = self
            .paths
            .iter()
            .filter(|p| target.is_none_or(|t| !p.contains(t)))
            .collect();
        let rank = |p: &Path| p.guard().is_some_and(|g| avoid.contains(&g));
        let best = usable.iter().map(|p| rank(p)).min()?;
        let best: Vec<&Path> = usable.into_iter().filter(|p| rank(p) == best).collect();
        random::choose(rng, &best).map(|p| (*p).clone())
    }

    /// Counts a failure against the path behind `guard`; at `threshold` the path is dropped
    /// (the caller drops the guard from the pool too) and returned.
    pub(crate) fn strike(&mut self, guard: &NodeId, threshold: u8) -> Option<Path> {
        let i = self
            .paths
            .iter()
            .position(|p| p.guard().as_ref() == Some(guard))?;
        let path = self.paths.get_mut(i)?;
        path.strikes = path.strikes.saturating_add(1);
        if path.strikes >= threshold {
            Some(self.paths.remove(i))
        } else {
            None
        }
    }

    /// Drops the path behind `guard`, whatever its strikes.
    pub(crate) fn drop_path(&mut self, guard: &NodeId) {
        self.paths.retain(|p| p.guard().as_ref() != Some(guard));
    }

    /// The path behind `guard` just worked: its strikes are forgotten.
    pub(crate) fn reward(&mut self, guard: &NodeId) {
        if let Some(p) = self
            .paths
            .iter_mut()
            .find(|p| p.guard().as_ref() == Some(guard))
        {
            p.strikes = 0;
        }
    }

    /// Takes a node out of every path: a path it guarded is dropped; elsewhere it is replaced
    /// in place by a random pool node (untested: testing would show it our address), or the
    /// path is dropped when no node fits.
    pub(crate) fn remove_node(
        &mut self,
        id: &NodeId,
        pool: &Pool,
        rules: PathRules,
        rng: &mut impl RngCore,
    ) -> Removal {
        let mut out = Removal::default();
        let mut i = 0;
        while let Some(path) = self.paths.get(i) {
            let Some(pos) = path.hops.iter().position(|h| h == id) else {
                i += 1;
                continue;
            };
            let mut used = self.used();
            used.insert(*id);
            let others: Vec<NodeId> = path.hops.iter().filter(|h| *h != id).copied().collect();
            let replacement = (pos > 0)
                .then(|| pick_relay(&others, &used, pool, rules, rng))
                .flatten();
            match (replacement, self.paths.get_mut(i)) {
                (Some(new), Some(path)) => {
                    if let Some(slot) = path.hops.get_mut(pos) {
                        *slot = new;
                    }
                    out.repaired += 1;
                    i += 1;
                }
                _ => {
                    self.paths.remove(i);
                    out.dropped += 1;
                }
            }
        }
        out
    }
}

/// A random pool node usable as a relay next to `hops`: not `used`, and with diversity not in
/// the /24 of any of `hops`.
fn pick_relay(
    hops: &[NodeId],
    used: &HashSet<NodeId>,
    pool: &Pool,
    rules: PathRules,
    rng: &mut impl RngCore,
) -> Option<NodeId> {
    let taken: HashSet<[u8; 3]> = if rules.subnet_diversity {
        hops.iter()
            .filter_map(|h| pool.get(h).and_then(NodeRecord::subnet24))
            .collect()
    } else {
        HashSet::new()
    };
    let candidates: Vec<NodeId> = pool
        .records()
        .filter(|n| !used.contains(&n.id()))
        .filter(|n| n.subnet24().is_none_or(|s| !taken.contains(&s)))
        .map(NodeRecord::id)
        .collect();
    random::choose(rng, &candidates).copied()
}
