//! Network time: the offset between the local clock and the nodes' (network.md §6).
//!
//! Like desktop, every server time `t` in a response gives a sample `local − t` and the last
//! ten are kept; unlike desktop, the offset is their **median**, so one node whose clock is
//! minutes off cannot drag every timestamp we sign out of the other nodes' ±60 s window.
//! After a 406/425 the samples are replaced by a fresh set (libsession's resync, §6.3).

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Server times at or below this (2021-01-01) are not plausible and are ignored, as desktop does.
pub(crate) const MIN_SERVER_TIME_MS: u64 = 1_609_419_600_000;

/// How many recent samples count.
const WINDOW: usize = 10;

/// Recent offsets `local − network` (ms).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NetTime {
    offsets: VecDeque<i64>,
}

fn offset(local_ms: u64, server_ms: u64) -> Option<i64> {
    if server_ms <= MIN_SERVER_TIME_MS {
        return None;
    }
    i64::try_from(i128::from(local_ms) - i128::from(server_ms)).ok()
}

impl NetTime {
    /// Records a server time `t` seen at local time `local_ms`; implausible times are ignored.
    pub(crate) fn record(&mut self, local_ms: u64, server_ms: u64) -> bool {
        let Some(o) = offset(local_ms, server_ms) else {
            return false;
        };
        if self.offsets.len() >= WINDOW {
            self.offsets.pop_front();
        }
        self.offsets.push_back(o);
        true
    }

    /// Replaces every sample with these `(local, server)` pairs (after a clock error).
    /// Keeps the old samples when none is plausible.
    pub(crate) fn resync(&mut self, samples: &[(u64, u64)]) -> bool {
        let fresh: Vec<i64> = samples.iter().filter_map(|&(l, s)| offset(l, s)).collect();
        if fresh.is_empty() {
            return false;
        }
        self.offsets = fresh.into_iter().rev().take(WINDOW).rev().collect();
        true
    }

    /// `local − network` (ms): the median of the samples (mean of the middle two for an even
    /// count), 0 without samples.
    pub(crate) fn offset_ms(&self) -> i64 {
        let mut v: Vec<i64> = self.offsets.iter().copied().collect();
        if v.is_empty() {
            return 0;
        }
        v.sort_unstable();
        let n = v.len();
        let (lo, hi) = match (v.get((n - 1) / 2), v.get(n / 2)) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => return 0,
        };
        // The mean of two i64s always fits in an i64.
        i64::try_from((i128::from(lo) + i128::from(hi)).div_euclid(2)).unwrap_or(0)
    }

    /// Network time for a local time.
    pub(crate) fn now(&self, local_ms: u64) -> u64 {
        let t = i128::from(local_ms) - i128::from(self.offset_ms());
        u64::try_from(t.max(0)).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: u64 = 1_700_000_000_000;

    #[test]
    fn no_samples_means_no_offset() {
        let c = NetTime::default();
        assert_eq!(c.offset_ms(), 0);
        assert_eq!(c.now(T), T);
    }

    #[test]
    fn the_median_ignores_one_wild_node() {
        let mut c = NetTime::default();
        for (local, server) in [(T, T - 100), (T, T - 120), (T, T + 120_000), (T, T - 110)] {
            assert!(c.record(local, server));
        }
        assert_eq!(c.offset_ms(), 105);
        assert_eq!(c.now(T + 1_000), T + 1_000 - 105);
        assert!(
            !c.record(T, MIN_SERVER_TIME_MS),
            "implausible times are ignored"
        );
    }

    #[test]
    fn only_the_last_ten_samples_count_and_resync_replaces_them() {
        let mut c = NetTime::default();
        for _ in 0..10 {
            c.record(T, T - 5_000);
        }
        for _ in 0..10 {
            c.record(T, T + 7);
        }
        assert_eq!(c.offset_ms(), -7);
        assert!(c.resync(&[(T, T - 1), (T, T - 3), (T, 5)]));
        assert_eq!(c.offset_ms(), 2);
        assert!(!c.resync(&[(T, 1)]));
        assert_eq!(c.offset_ms(), 2, "kept when no sample is plausible");
    }
}
