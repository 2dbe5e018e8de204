//! Network clock offset (network.md §6).
//!
//! Every server time `t` seen in a response (above 2021-01-01) gives an offset
//! `local_now − t`; the last 10 are kept, and network time is `local_now − offset`. After a
//! 406/425 the history is stale and a resync replaces it with fresh samples (§6.3).
//!
//! How the kept offsets become one is the estimator: desktop takes their mean, rounded down
//! ([`Mean`], §6.2); the client takes their [`Median`], so that one node whose clock is
//! minutes off cannot pull every timestamp it signs out of the other nodes' ±60 s window.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::VecDeque;
use std::marker::PhantomData;

/// Server times at or below this (2021-01-01 in UTC+11, in ms) are ignored, as desktop does.
pub const MIN_SERVER_TIME_MS: u64 = 1_609_419_600_000;

/// How many recent offsets count.
pub const WINDOW: usize = 10;

/// Turns the kept offsets (never empty) into one.
pub trait Estimate {
    /// The offset `local − network` in ms.
    fn estimate(offsets: &VecDeque<i64>) -> i64;
}

/// Desktop's estimator: the floor of the mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mean;

impl Estimate for Mean {
    fn estimate(offsets: &VecDeque<i64>) -> i64 {
        let n = i128::try_from(offsets.len()).unwrap_or(i128::MAX).max(1);
        let sum: i128 = offsets.iter().map(|&o| i128::from(o)).sum();
        // The mean of i64 values fits an i64.
        i64::try_from(sum.div_euclid(n)).unwrap_or(0)
    }
}

/// The median (the floor of the mean of the middle two for an even count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Median;

impl Estimate for Median {
    fn estimate(offsets: &VecDeque<i64>) -> i64 {
        let mut v: Vec<i64> = offsets.iter().copied().collect();
        v.sort_unstable();
        let n = v.len();
        match (v.get(n.saturating_sub(1) / 2), v.get(n / 2)) {
            // The mean of two i64s fits an i64.
            (Some(&lo), Some(&hi)) => {
                i64::try_from((i128::from(lo) + i128::from(hi)).div_euclid(2)).unwrap_or(0)
            }
            _ => 0,
        }
    }
}

/// The offset between the local clock and the network's, from recent server times. Serialised
/// as its offsets only, so a stored clock reads back under either estimator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct NetworkClock<E = Mean> {
    offsets: VecDeque<i64>,
    #[serde(skip)]
    estimator: PhantomData<E>,
}

impl NetworkClock {
    /// Desktop's clock with no samples (offset 0).
    pub fn new() -> Self {
        NetworkClock::default()
    }
}

/// `local − server`, or None for an implausible server time; saturated to the i64 range.
fn offset(local_now_ms: u64, server_t_ms: u64) -> Option<i64> {
    if server_t_ms <= MIN_SERVER_TIME_MS {
        return None;
    }
    let offset = i128::from(local_now_ms) - i128::from(server_t_ms);
    Some(i64::try_from(offset).unwrap_or(if offset < 0 { i64::MIN } else { i64::MAX }))
}

impl<E: Estimate> NetworkClock<E> {
    /// Records a server time `t` seen at `local_now_ms`. Returns false (and records nothing)
    /// when `t` is not after [`MIN_SERVER_TIME_MS`].
    pub fn record(&mut self, local_now_ms: u64, server_t_ms: u64) -> bool {
        let Some(offset) = offset(local_now_ms, server_t_ms) else {
            return false;
        };
        if self.offsets.len() >= WINDOW {
            self.offsets.pop_front();
        }
        self.offsets.push_back(offset);
        true
    }

    /// Records every server time in a response body: its own `t`, and the `t` of each
    /// `results[i].body` of a batch. Returns how many were recorded.
    pub fn record_response(&mut self, local_now_ms: u64, body: &Value) -> usize {
        let mut n = 0;
        if let Some(t) = body.get("t").and_then(Value::as_u64) {
            n += usize::from(self.record(local_now_ms, t));
        }
        if let Some(results) = body.get("results").and_then(Value::as_array) {
            for r in results {
                if let Some(t) = r.pointer("/body/t").and_then(Value::as_u64) {
                    n += usize::from(self.record(local_now_ms, t));
                }
            }
        }
        n
    }

    /// Forgets all samples and starts again from this one (after a 406/425). Returns false,
    /// keeping the old samples, when `t` is not a plausible server time.
    pub fn resync(&mut self, local_now_ms: u64, server_t_ms: u64) -> bool {
        self.resync_all(&[(local_now_ms, server_t_ms)])
    }

    /// Replaces every sample with these `(local, server)` pairs (the last [`WINDOW`] that are
    /// plausible). Returns false, keeping the old samples, when none is plausible.
    pub fn resync_all(&mut self, samples: &[(u64, u64)]) -> bool {
        let fresh: Vec<i64> = samples.iter().filter_map(|&(l, s)| offset(l, s)).collect();
        if fresh.is_empty() {
            return false;
        }
        self.offsets = fresh[fresh.len().saturating_sub(WINDOW)..]
            .iter()
            .copied()
            .collect();
        true
    }

    /// Forgets all samples (offset 0).
    pub fn reset(&mut self) {
        self.offsets.clear();
    }

    /// How many samples count now.
    pub fn samples(&self) -> usize {
        self.offsets.len()
    }

    /// `local − network` in ms, by the estimator (0 without samples).
    pub fn offset_ms(&self) -> i64 {
        if self.offsets.is_empty() {
            return 0;
        }
        E::estimate(&self.offsets)
    }

    /// Network time for a local time: `local_now − offset` (clamped to the u64 range).
    pub fn now(&self, local_now_ms: u64) -> u64 {
        let t = i128::from(local_now_ms) - i128::from(self.offset_ms());
        u64::try_from(t.max(0)).unwrap_or(u64::MAX)
    }
}
