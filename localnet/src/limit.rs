//! Token buckets per client, in a table whose memory and per-request work stay bounded however
//! many clients come: the nodes' direct-request limit (network.md §5.1, 429) and the relay's
//! per-client rate both use it.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Two generations of buckets: lookups move a bucket from `previous` into `current`, and a
/// rotation drops `previous` whole. Each bucket is dropped once, so the work per request is
/// O(1) amortised, with no sweep of the table.
#[derive(Debug)]
struct Generations<K> {
    current: HashMap<K, Bucket>,
    previous: HashMap<K, Bucket>,
    since: Instant,
}

/// A token bucket per key (`burst` tokens, refilled at `rate` per second), for at most about
/// `2 × capacity` keys at a time.
#[derive(Debug)]
pub struct TokenBuckets<K> {
    burst: f64,
    rate: f64,
    capacity: usize,
    /// Time for an empty bucket to fill up.
    refill: Duration,
    table: Mutex<Generations<K>>,
}

impl<K: Hash + Eq + Copy> TokenBuckets<K> {
    /// `burst` requests at once and `rate` per second sustained for each key; about
    /// `capacity` keys tracked per generation.
    pub fn new(burst: u32, rate: u32, capacity: usize, now: Instant) -> Self {
        let burst = f64::from(burst.max(1));
        let rate = f64::from(rate.max(1));
        TokenBuckets {
            burst,
            rate,
            capacity: capacity.max(1),
            refill: Duration::from_secs_f64(burst / rate),
            table: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
                since: now,
            }),
        }
    }

    /// Takes one token for `key` at time `now`; false when the key is over its rate.
    pub fn allow(&self, key: K, now: Instant) -> bool {
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        // A bucket untouched for a whole refill time is full, as good as absent, so dropping a
        // generation that old loses nothing. A flood of new keys rotates sooner, which keeps
        // memory bounded at the cost of giving some limited key a fresh bucket.
        if now.saturating_duration_since(table.since) >= self.refill
            || table.current.len() >= self.capacity
        {
            table.previous = std::mem::take(&mut table.current);
            table.since = now;
        }
        let Generations {
            current, previous, ..
        } = &mut *table;
        let bucket = match current.entry(key) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(previous.remove(&key).unwrap_or(Bucket {
                tokens: self.burst,
                at: now,
            })),
        };
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Keys currently tracked (both generations).
    pub fn tracked(&self) -> usize {
        let table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        table.current.len() + table.previous.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_refills() {
        let t0 = Instant::now();
        let b = TokenBuckets::new(2, 1, 100, t0);
        assert!(b.allow(1u32, t0));
        assert!(b.allow(1, t0));
        assert!(!b.allow(1, t0));
        assert!(b.allow(2, t0), "other keys are unaffected");
        let t1 = t0 + Duration::from_millis(1500);
        assert!(b.allow(1, t1));
        assert!(!b.allow(1, t1));
        // Rotations keep what a key has spent: 0.5 token left at t1, 1.1 at t1 + 0.6 s.
        let t2 = t1 + Duration::from_millis(600);
        assert!(b.allow(1, t2));
        assert!(!b.allow(1, t2));
    }

    #[test]
    fn many_keys_stay_within_bounded_memory() {
        let t0 = Instant::now();
        let capacity = 1000;
        let b = TokenBuckets::new(5, 1, capacity, t0);
        for k in 0..20 * capacity as u32 {
            assert!(b.allow(k, t0));
            assert!(b.tracked() <= 2 * capacity, "{} keys at {k}", b.tracked());
        }
        // A key seen in the last generation is still limited.
        let last = 20 * capacity as u32 - 1;
        for _ in 0..4 {
            assert!(b.allow(last, t0));
        }
        assert!(!b.allow(last, t0));
    }
}
