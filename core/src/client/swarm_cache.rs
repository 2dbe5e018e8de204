//! Which nodes hold which account's messages (network.md §3.5, §3.6, §8.3).

use super::node::NodeId;
use super::pool::Pool;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One account's swarm as last learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    members: Vec<NodeId>,
    /// When it was learned (local ms).
    fetched_ms: u64,
}

/// Swarm members per account (66-hex Session ID).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SwarmCache {
    entries: BTreeMap<String, Entry>,
}

impl SwarmCache {
    /// The cached members that are still in the pool, or `None` when fewer than `min` remain
    /// (or, for a smaller swarm, when any was lost) or the entry is older than `max_age_ms`:
    /// then the swarm must be fetched again.
    pub(crate) fn usable(
        &self,
        account: &str,
        pool: &Pool,
        min: usize,
        now_ms: u64,
        max_age_ms: u64,
    ) -> Option<Vec<NodeId>> {
        let e = self.entries.get(account)?;
        if now_ms.saturating_sub(e.fetched_ms) > max_age_ms {
            return None;
        }
        let members: Vec<NodeId> = e
            .members
            .iter()
            .filter(|m| pool.contains(m))
            .copied()
            .collect();
        // A swarm smaller than `min` is usable as long as none of it was lost.
        let needed = min.min(e.members.len()).max(1);
        (members.len() >= needed).then_some(members)
    }

    /// Every cached member, known to the pool or not.
    pub(crate) fn members(&self, account: &str) -> &[NodeId] {
        self.entries.get(account).map_or(&[], |e| &e.members)
    }

    /// Records a freshly learned swarm (from `get_swarm` or a 421).
    pub(crate) fn set(&mut self, account: &str, members: Vec<NodeId>, now_ms: u64) {
        self.entries.insert(
            account.to_owned(),
            Entry {
                members,
                fetched_ms: now_ms,
            },
        );
    }

    /// Drops a node from one account's swarm (it answered 421 without naming a swarm).
    pub(crate) fn remove_member(&mut self, account: &str, id: &NodeId) {
        if let Some(e) = self.entries.get_mut(account) {
            e.members.retain(|m| m != id);
        }
    }

    /// Drops a node from every swarm (it left the pool).
    pub(crate) fn remove_node(&mut self, id: &NodeId) {
        for e in self.entries.values_mut() {
            e.members.retain(|m| m != id);
        }
    }

    /// Keeps at most `cap` accounts, dropping the least recently learned (`keep` is never
    /// dropped: our own account).
    pub(crate) fn trim(&mut self, cap: usize, keep: &str) {
        while self.entries.len() > cap {
            let oldest = self
                .entries
                .iter()
                .filter(|(k, _)| k.as_str() != keep)
                .min_by_key(|(_, e)| e.fetched_ms)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => {
                    self.entries.remove(&k);
                }
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pool::tests::pool;
    use super::*;

    fn ids(v: &[u8]) -> Vec<NodeId> {
        v.iter().map(|i| NodeId([*i; 32])).collect()
    }

    #[test]
    fn usable_members_are_fresh_and_in_the_pool() {
        let mut pool = pool(10);
        let mut c = SwarmCache::default();
        c.set("a", ids(&[1, 2, 3, 4]), 1_000);
        assert_eq!(
            c.usable("a", &pool, 3, 1_500, 1_000),
            Some(ids(&[1, 2, 3, 4]))
        );
        assert_eq!(c.usable("a", &pool, 3, 2_001, 1_000), None, "too old");
        pool.remove(&NodeId([1; 32]));
        pool.remove(&NodeId([2; 32]));
        assert_eq!(c.usable("a", &pool, 3, 1_500, 1_000), None, "too few left");
        assert_eq!(c.usable("b", &pool, 3, 1_500, 1_000), None);
        // A swarm smaller than the minimum is fine while all of it is usable.
        c.set("s", ids(&[5, 6]), 1_000);
        assert_eq!(c.usable("s", &pool, 3, 1_000, 1_000), Some(ids(&[5, 6])));
    }

    #[test]
    fn nodes_leave_swarms() {
        let mut c = SwarmCache::default();
        c.set("a", ids(&[1, 2, 3]), 0);
        c.set("b", ids(&[3, 4]), 0);
        c.remove_node(&NodeId([3; 32]));
        assert_eq!(c.members("a"), ids(&[1, 2]));
        assert_eq!(c.members("b"), ids(&[4]));
        c.remove_member("a", &NodeId([1; 32]));
        assert_eq!(c.members("a"), ids(&[2]));
    }

    #[test]
    fn trim_keeps_our_own_swarm_and_the_newest() {
        let mut c = SwarmCache::default();
        c.set("own", ids(&[1]), 0);
        for i in 0..5u8 {
            c.set(&format!("x{i}"), ids(&[i]), 10 + u64::from(i));
        }
        c.trim(3, "own");
        assert!(!c.members("own").is_empty());
        assert!(!c.members("x4").is_empty() && !c.members("x3").is_empty());
        assert!(c.members("x0").is_empty());
    }
}
