//! Per-client rate limiting and concurrency caps.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Buckets kept before idle ones are dropped.
const MAX_TRACKED_CLIENTS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// A token bucket per client address.
#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    rate: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    /// `burst` requests at once, `rate` per second sustained, per client.
    pub fn new(burst: u32, rate: u32) -> Self {
        RateLimiter {
            burst: f64::from(burst.max(1)),
            rate: f64::from(rate.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client` at time `now`; false when the client is over its rate.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let mut buckets = match self.buckets.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if buckets.len() >= MAX_TRACKED_CLIENTS {
            let (burst, rate) = (self.burst, self.rate);
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate < burst
            });
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
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
}

/// Why a request could not get a forwarding slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// This client already has its share of requests in flight.
    Client,
    /// The relay as a whole is at capacity.
    Relay,
}

/// Caps requests in flight, overall and per client.
#[derive(Debug)]
pub struct Concurrency {
    global: Arc<Semaphore>,
    per_client_max: usize,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// Holds a forwarding slot until dropped.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
    client: IpAddr,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = match self.per_client.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if let Some(n) = map.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.client);
            }
        }
    }
}

impl Concurrency {
    /// At most `global` requests in flight, and `per_client` for one address.
    pub fn new(global: usize, per_client: usize) -> Self {
        Concurrency {
            global: Arc::new(Semaphore::new(global.max(1))),
            per_client_max: per_client.max(1),
            per_client: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Takes a slot without waiting.
    pub fn try_acquire(&self, client: IpAddr) -> Result<Slot, Busy> {
        let mut map = match self.per_client.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let count = map.get(&client).copied().unwrap_or(0);
        if count >= self.per_client_max {
            return Err(Busy::Client);
        }
        let permit = self
            .global
            .clone()
            .try_acquire_owned()
            .map_err(|_| Busy::Relay)?;
        map.insert(client, count + 1);
        Ok(Slot {
            _permit: permit,
            client,
            per_client: self.per_client.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_allows_burst_then_refills() {
        let limiter = RateLimiter::new(3, 2);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        assert!(limiter.allow(ip, t0));
        assert!(limiter.allow(ip, t0));
        assert!(limiter.allow(ip, t0));
        assert!(!limiter.allow(ip, t0), "burst exhausted");
        assert!(limiter.allow(other, t0), "other clients are unaffected");
        assert!(
            limiter.allow(ip, t0 + Duration::from_millis(500)),
            "one token after 0.5 s at 2/s"
        );
        assert!(!limiter.allow(ip, t0 + Duration::from_millis(500)));
    }

    #[test]
    fn slots_are_capped_per_client_and_released_on_drop() {
        let c = Concurrency::new(3, 2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let s1 = c.try_acquire(a).unwrap();
        let _s2 = c.try_acquire(a).unwrap();
        assert_eq!(c.try_acquire(a).unwrap_err(), Busy::Client);
        let _s3 = c.try_acquire(b).unwrap();
        assert_eq!(c.try_acquire(b).unwrap_err(), Busy::Relay);
        drop(s1);
        assert!(c.try_acquire(a).is_ok());
    }
}
