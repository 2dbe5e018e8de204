//! Network clock offset (network.md §6).
//!
//! Every server time `t` seen in a response (above 2021-01-01) gives an offset
//! `local_now − t`; the last 10 are kept, and network time is `local_now − offset`. After a
//! 406/425 the history is stale and a resync replaces it with fresh samples (§6.3).
//!
//! How the kept offsets become one is the estimator: desktop takes their mean, rounded down
//! ([`Mean`], §6.2), or their [`Median`].
//!
//! The client itself keeps a [`ConfirmedClock`]: one sample per node, a sample far from the
//! current estimate held back until another node confirms it, and a bounded offset, so that
//! no single node (nor one batched reply full of times) can move the time we sign with.

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

/// How far (ms) a sample may be from the current estimate and still count at once.
pub const OUTLIER_MS: i64 = 10_000;

/// How close (ms) two held-back samples of different nodes must be to confirm each other.
pub const AGREEMENT_MS: i64 = 5_000;

/// The largest correction of the local clock (one day): a device further off must have its
/// clock set, and no answer can push our time beyond it.
pub const MAX_OFFSET_MS: i64 = 24 * 60 * 60 * 1000;

/// One node's latest offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Sample {
    /// The node's key (hex); empty for samples of older stored states.
    #[serde(default)]
    from: String,
    offset: i64,
}

/// The stored form: `samples` and `held`, or the plain `offsets` older versions wrote.
#[derive(Deserialize)]
struct ClockWire {
    #[serde(default)]
    samples: VecDeque<Sample>,
    #[serde(default)]
    held: Vec<Sample>,
    #[serde(default)]
    offsets: VecDeque<i64>,
}

impl From<ClockWire> for ConfirmedClock {
    fn from(w: ClockWire) -> Self {
        let mut samples = w.samples;
        samples.extend(w.offsets.into_iter().map(|offset| Sample {
            from: String::new(),
            offset,
        }));
        samples.retain(|s| s.offset.unsigned_abs() <= MAX_OFFSET_MS.unsigned_abs());
        while samples.len() > WINDOW {
            samples.pop_front();
        }
        let mut held = w.held;
        held.retain(|s| s.offset.unsigned_abs() <= MAX_OFFSET_MS.unsigned_abs());
        held.truncate(WINDOW);
        ConfirmedClock { samples, held }
    }
}

/// What became of a server time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// It counts now.
    Accepted,
    /// Far from the estimate: held until another node confirms it.
    Held,
    /// Two nodes agree on a new time: it replaced the old samples.
    Confirmed,
    /// Not a plausible server time (before 2021, or more than a day from ours).
    Ignored,
}

/// The client's network clock: at most one sample per node among the last [`WINDOW`], their
/// median as the offset, samples more than [`OUTLIER_MS`] from it held back until a second node
/// agrees, and the offset bounded by [`MAX_OFFSET_MS`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ClockWire")]
pub struct ConfirmedClock {
    samples: VecDeque<Sample>,
    held: Vec<Sample>,
}

/// `local − server` if plausible and within the bound.
fn bounded_offset(local_now_ms: u64, server_t_ms: u64) -> Option<i64> {
    offset(local_now_ms, server_t_ms).filter(|o| o.unsigned_abs() <= MAX_OFFSET_MS.unsigned_abs())
}

impl ConfirmedClock {
    /// Records the time `server_t_ms` that node `from` (its key) gave at `local_now_ms`.
    pub fn record(&mut self, local_now_ms: u64, server_t_ms: u64, from: &[u8; 32]) -> Recorded {
        let Some(offset) = bounded_offset(local_now_ms, server_t_ms) else {
            return Recorded::Ignored;
        };
        let from = hex::encode(from);
        if (offset - self.offset_ms()).abs() <= OUTLIER_MS {
            self.held.retain(|h| h.from != from);
            self.accept(Sample { from, offset });
            return Recorded::Accepted;
        }
        self.held.retain(|h| h.from != from);
        self.held.push(Sample {
            from: from.clone(),
            offset,
        });
        // Held samples of other nodes that agree with this one confirm a new time (the
        // device's clock jumped, or every sample so far was wrong).
        let agreeing: Vec<Sample> = self
            .held
            .iter()
            .filter(|h| (h.offset - offset).abs() <= AGREEMENT_MS)
            .cloned()
            .collect();
        if agreeing.len() < 2 {
            while self.held.len() > WINDOW {
                self.held.remove(0);
            }
            return Recorded::Held;
        }
        self.samples = agreeing.into_iter().collect();
        self.held.clear();
        Recorded::Confirmed
    }

    fn accept(&mut self, sample: Sample) {
        if !sample.from.is_empty() {
            self.samples.retain(|s| s.from != sample.from);
        }
        if self.samples.len() >= WINDOW {
            self.samples.pop_front();
        }
        self.samples.push_back(sample);
    }

    /// After a 406/425: replaces every sample with these `(local, server, node)` times, which
    /// the caller asked of several nodes at once (their median decides). Returns false,
    /// keeping the old samples, when none is plausible.
    pub fn resync_all(&mut self, times: &[(u64, u64, [u8; 32])]) -> bool {
        let mut fresh: VecDeque<Sample> = VecDeque::new();
        for (local, server, from) in times {
            if let Some(offset) = bounded_offset(*local, *server) {
                let from = hex::encode(from);
                fresh.retain(|s: &Sample| s.from != from);
                fresh.push_back(Sample { from, offset });
            }
        }
        if fresh.is_empty() {
            return false;
        }
        while fresh.len() > WINDOW {
            fresh.pop_front();
        }
        self.samples = fresh;
        self.held.clear();
        true
    }

    /// How many samples count now.
    pub fn samples(&self) -> usize {
        self.samples.len()
    }

    /// `local − network` in ms: the median of the samples (0 without samples).
    pub fn offset_ms(&self) -> i64 {
        if self.samples.is_empty() {
            return 0;
        }
        let offsets: VecDeque<i64> = self.samples.iter().map(|s| s.offset).collect();
        Median::estimate(&offsets).clamp(-MAX_OFFSET_MS, MAX_OFFSET_MS)
    }

    /// Network time for a local time: `local_now − offset` (clamped to the u64 range).
    pub fn now(&self, local_now_ms: u64) -> u64 {
        let t = i128::from(local_now_ms) - i128::from(self.offset_ms());
        u64::try_from(t.max(0)).unwrap_or(u64::MAX)
    }
}
