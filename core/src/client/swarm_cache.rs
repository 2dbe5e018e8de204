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
    /// or the entry is older than `max_age_ms` (then the swarm must be fetched again).
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
        (members.len() >= min.max(1)).then_some(members)
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
