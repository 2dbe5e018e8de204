//! A bounded set of keys that are forgotten after a time each: what was already delivered,
//! remembered until the network can no longer return it (messaging.md §5.2).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Keys with a time after which each is forgotten, bounded in number. Serialised as a JSON
/// object of key → time (ms).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct ExpiringSet {
    entries: BTreeMap<String, u64>,
}

impl ExpiringSet {
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Remembers `key` until `until_ms` (the later of two insertions wins).
    pub(crate) fn insert(&mut self, key: &str, until_ms: u64) {
        let e = self.entries.entry(key.to_owned()).or_insert(until_ms);
        *e = (*e).max(until_ms);
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Forgets entries past their time, then the soonest-to-expire ones beyond `cap`.
    pub(crate) fn prune(&mut self, now_ms: u64, cap: usize) {
        let map = &mut self.entries;
        map.retain(|_, until| *until > now_ms);
        if map.len() <= cap {
            return;
        }
        let mut times: Vec<u64> = map.values().copied().collect();
        times.sort_unstable();
        let cut = times.get(map.len() - cap).copied().unwrap_or(0);
        map.retain(|_, until| *until >= cut);
        // Ties at the cut may leave a few more than `cap`; drop them in key order.
        while map.len() > cap {
            let Some(k) = map
                .iter()
                .filter(|(_, u)| **u == cut)
                .map(|(k, _)| k.clone())
                .next()
            else {
                break;
            };
            map.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_later_time_wins() {
        let mut s = ExpiringSet::default();
        s.insert("h", 100);
        s.insert("h", 50);
        assert!(s.contains("h") && !s.contains("g"));
        s.prune(99, 10);
        assert!(s.contains("h"), "kept until 100");
        s.prune(100, 10);
        assert!(!s.contains("h"));
    }

    #[test]
    fn the_cap_drops_what_expires_soonest() {
        let mut s = ExpiringSet::default();
        for i in 0..10u64 {
            s.insert(&format!("h{i}"), 1_000 + i);
        }
        s.prune(0, 4);
        assert_eq!(s.len(), 4);
        for i in 6..10 {
            assert!(s.contains(&format!("h{i}")));
        }
        let mut ties = ExpiringSet::default();
        for i in 0..10u64 {
            ties.insert(&format!("t{i}"), 1_000);
        }
        ties.prune(0, 4);
        assert_eq!(ties.len(), 4);
    }

    #[test]
    fn serialises_as_a_plain_object() {
        let mut s = ExpiringSet::default();
        s.insert("a", 7);
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"a":7}"#);
    }
}
