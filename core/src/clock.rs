//! Network clock offset (network.md §6).
//!
//! Desktop's algorithm (§6.2): every server time `t` seen in a response (above 2021-01-01)
//! gives an offset `local_now − t`; the last 10 offsets are kept and their mean, rounded down,
//! is the offset; network time is `local_now − offset`. After a 406/425 the history is stale:
//! [`NetworkClock::resync`] replaces it with a fresh sample (e.g. from `info`).
//!
//! [`NetworkClock::record`] returns whether the sample was kept (callers may ignore it).

use serde_json::Value;
use std::collections::VecDeque;

/// Server times at or below this (2021-01-01 in UTC+11, in ms) are ignored, as desktop does.
pub const MIN_SERVER_TIME_MS: u64 = 1_609_419_600_000;

/// How many recent offsets are averaged.
pub const WINDOW: usize = 10;

/// The offset between the local clock and the network's, from recent server times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkClock {
    offsets: VecDeque<i64>,
}

impl NetworkClock {
    /// A clock with no samples (offset 0).
    pub fn new() -> Self {
        NetworkClock::default()
    }

    /// Records a server time `t` seen at `local_now_ms`. Returns false (and records nothing)
    /// when `t` is not after [`MIN_SERVER_TIME_MS`].
    pub fn record(&mut self, local_now_ms: u64, server_t_ms: u64) -> bool {
        if server_t_ms <= MIN_SERVER_TIME_MS {
            return false;
        }
        let offset = i128::from(local_now_ms) - i128::from(server_t_ms);
        let offset = i64::try_from(offset).unwrap_or(if offset < 0 { i64::MIN } else { i64::MAX });
        if self.offsets.len() == WINDOW {
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
        if server_t_ms <= MIN_SERVER_TIME_MS {
            return false;
        }
        self.offsets.clear();
        self.record(local_now_ms, server_t_ms)
    }

    /// Forgets all samples (offset 0).
    pub fn reset(&mut self) {
        self.offsets.clear();
    }

    /// How many samples are averaged now.
    pub fn samples(&self) -> usize {
        self.offsets.len()
    }

    /// `local − network` in ms: the floor of the mean of the recorded offsets (0 without any).
    pub fn offset_ms(&self) -> i64 {
        let Ok(n) = i128::try_from(self.offsets.len()) else {
            return 0;
        };
        if n == 0 {
            return 0;
        }
        let sum: i128 = self.offsets.iter().map(|&o| i128::from(o)).sum();
        // The mean of i64 values fits an i64.
        i64::try_from(sum.div_euclid(n)).unwrap_or(0)
    }

    /// Network time for a local time: `local_now − offset` (clamped to the u64 range).
    pub fn now(&self, local_now_ms: u64) -> u64 {
        let t = i128::from(local_now_ms) - i128::from(self.offset_ms());
        u64::try_from(t.max(0)).unwrap_or(u64::MAX)
    }
}
