//! What has already been delivered, so each message is yielded once (messaging.md §5.2).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Delivered message hashes and `(sender, timestamp)` identities, each kept until a time after
/// which the network cannot return it again; bounded in number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Seen {
    /// Message hash → forget after (ms).
    hashes: BTreeMap<String, u64>,
    /// `"<sender hex>:<timestamp>"` → forget after (ms).
    ids: BTreeMap<String, u64>,
}

fn id_key(sender_hex: &str, timestamp_ms: u64) -> String {
    format!("{sender_hex}:{timestamp_ms}")
}

impl Seen {
    pub(crate) fn has_hash(&self, hash: &str) -> bool {
        self.hashes.contains_key(hash)
    }

    /// Remembers a hash until `until_ms` (the later of two insertions wins).
    pub(crate) fn add_hash(&mut self, hash: &str, until_ms: u64) {
        let e = self.hashes.entry(hash.to_owned()).or_insert(until_ms);
        *e = (*e).max(until_ms);
    }

    pub(crate) fn has_id(&self, sender_hex: &str, timestamp_ms: u64) -> bool {
        self.ids.contains_key(&id_key(sender_hex, timestamp_ms))
    }

    /// Remembers a message identity until `until_ms`.
    pub(crate) fn add_id(&mut self, sender_hex: &str, timestamp_ms: u64, until_ms: u64) {
        let e = self
            .ids
            .entry(id_key(sender_hex, timestamp_ms))
            .or_insert(until_ms);
        *e = (*e).max(until_ms);
    }

    pub(crate) fn len(&self) -> (usize, usize) {
        (self.hashes.len(), self.ids.len())
    }

    /// Forgets entries past their time, then the soonest-to-expire ones beyond `cap` each.
    pub(crate) fn prune(&mut self, now_ms: u64, cap: usize) {
        for map in [&mut self.hashes, &mut self.ids] {
            map.retain(|_, until| *until > now_ms);
            if map.len() > cap {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_later_time_wins() {
        let mut s = Seen::default();
        s.add_hash("h", 100);
        s.add_hash("h", 50);
        s.add_id("05ab", 7, 100);
        assert!(s.has_hash("h") && s.has_id("05ab", 7));
        assert!(!s.has_id("05ab", 8) && !s.has_id("05ac", 7));
        s.prune(99, 10);
        assert!(s.has_hash("h"), "kept until 100");
        s.prune(100, 10);
        assert!(!s.has_hash("h") && !s.has_id("05ab", 7));
    }

    #[test]
    fn the_cap_drops_what_expires_soonest() {
        let mut s = Seen::default();
        for i in 0..10u64 {
            s.add_hash(&format!("h{i}"), 1_000 + i);
            s.add_id("05", i, 1_000);
        }
        s.prune(0, 4);
        assert_eq!(s.len(), (4, 4));
        for i in 6..10 {
            assert!(s.has_hash(&format!("h{i}")));
        }
    }
}
