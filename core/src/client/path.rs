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

#[cfg(test)]
mod tests {
    use super::super::pool::tests::pool;
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const RULES: PathRules = PathRules {
        hops: 3,
        subnet_diversity: true,
    };

    fn subnets(pool: &Pool, p: &Path) -> HashSet<[u8; 3]> {
        p.hops()
            .iter()
            .filter_map(|h| pool.get(h).and_then(NodeRecord::subnet24))
            .collect()
    }

    fn two_paths(pool: &Pool, rng: &mut StdRng) -> Paths {
        let mut paths = Paths::default();
        assert!(paths.add(NodeId([0; 32]), pool, RULES, rng));
        let used = paths.used();
        let second = pool.ids().find(|id| !used.contains(id)).copied().unwrap();
        assert!(paths.add(second, pool, RULES, rng));
        paths
    }

    #[test]
    fn paths_are_disjoint_and_diverse() {
        for seed in 0..50 {
            let pool = pool(18);
            let mut rng = StdRng::seed_from_u64(seed);
            let paths = two_paths(&pool, &mut rng);
            assert_eq!(paths.used().len(), 6);
            for p in paths.all() {
                assert_eq!(subnets(&pool, p).len(), 3, "{p:?}");
            }
        }
    }

    #[test]
    fn too_few_subnets_means_no_path() {
        // Nodes 0, 1, 2 share one /24 and 3, 4, 5 another: no 3-hop path fits.
        let pool = pool(6);
        let mut rng = StdRng::seed_from_u64(1);
        let mut paths = Paths::default();
        assert!(!paths.add(NodeId([0; 32]), &pool, RULES, &mut rng));
        let loose = PathRules {
            subnet_diversity: false,
            ..RULES
        };
        assert!(paths.add(NodeId([0; 32]), &pool, loose, &mut rng));
        assert!(
            !paths.add(NodeId([0; 32]), &pool, loose, &mut rng),
            "guard reused"
        );
    }

    #[test]
    fn choose_avoids_the_target_and_failed_guards() {
        let pool = pool(18);
        let mut rng = StdRng::seed_from_u64(2);
        let paths = two_paths(&pool, &mut rng);
        let first = paths.all()[0].clone();
        let second = paths.all()[1].clone();
        for _ in 0..20 {
            let p = paths.choose(Some(&first.hops()[2]), &[], &mut rng).unwrap();
            assert_eq!(p, second);
            let p = paths
                .choose(None, &[second.guard().unwrap()], &mut rng)
                .unwrap();
            assert_eq!(p, first);
        }
        // Avoidance is a preference; containing the target is a hard rule.
        let only = paths
            .choose(Some(&first.hops()[1]), &[second.guard().unwrap()], &mut rng)
            .unwrap();
        assert_eq!(only, second);
    }

    #[test]
    fn strikes_drop_a_path_at_the_limit_and_reward_resets() {
        let pool = pool(18);
        let mut rng = StdRng::seed_from_u64(3);
        let mut paths = two_paths(&pool, &mut rng);
        let g = paths.all()[0].guard().unwrap();
        assert!(paths.strike(&g, 3).is_none());
        paths.reward(&g);
        assert_eq!(paths.get(&g).unwrap().strikes(), 0);
        assert!(paths.strike(&g, 3).is_none());
        assert!(paths.strike(&g, 3).is_none());
        assert!(paths.strike(&g, 3).is_some());
        assert_eq!(paths.len(), 1);
        assert!(paths.get(&g).is_none());
    }

    #[test]
    fn removing_a_relay_repairs_in_place_and_removing_a_guard_drops() {
        let mut pool = pool(18);
        let mut rng = StdRng::seed_from_u64(4);
        let mut paths = two_paths(&pool, &mut rng);
        let relay = paths.all()[0].hops()[1];
        pool.remove(&relay);
        let r = paths.remove_node(&relay, &pool, RULES, &mut rng);
        assert_eq!(
            r,
            Removal {
                repaired: 1,
                dropped: 0
            }
        );
        let p = &paths.all()[0];
        assert!(!p.contains(&relay));
        assert_eq!(p.guard(), Some(NodeId([0; 32])), "guard kept in place");
        assert_eq!(subnets(&pool, p).len(), 3);
        assert_eq!(paths.used().len(), 6);
        let second = paths.all()[1].guard().unwrap();
        let r = paths.remove_node(&second, &pool, RULES, &mut rng);
        assert_eq!(
            r,
            Removal {
                repaired: 0,
                dropped: 1
            }
        );
        assert_eq!(paths.len(), 1);
    }

    #[test]
    fn paths_through_departed_nodes_are_repaired() {
        let mut pool = pool(18);
        let mut rng = StdRng::seed_from_u64(5);
        let mut paths = two_paths(&pool, &mut rng);
        let gone: Vec<NodeId> = paths.all().iter().map(|p| p.hops()[2]).collect();
        for g in &gone {
            pool.remove(g);
        }
        paths.retain_known(&pool, RULES, &mut rng);
        assert_eq!(paths.len(), 2);
        assert!(paths.used().iter().all(|id| pool.contains(id)));
    }
}
