//! Per-client rate limiting, and caps on what clients hold at once (requests in flight,
//! connections), each counted per [`ClientKey`].

use crate::client::ClientKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A token bucket per client, in a table that stays bounded under many client addresses.
pub type RateLimiter = session_localnet::limit::TokenBuckets<ClientKey>;

/// Why a request could not get a forwarding slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Busy {
    /// This client already has its share of requests in flight.
    Client,
    /// The relay as a whole is at capacity.
    Relay,
}

/// At most a fixed number of holders at once, all clients together (0 lets nobody in).
#[derive(Debug, Clone)]
pub struct Gate(Arc<Semaphore>);

impl Gate {
    /// A gate for `capacity` holders.
    pub fn new(capacity: usize) -> Self {
        Gate(Arc::new(Semaphore::new(
            capacity.min(Semaphore::MAX_PERMITS),
        )))
    }

    /// A place now, or None when the gate is full.
    pub fn try_enter(&self) -> Option<OwnedSemaphorePermit> {
        self.0.clone().try_acquire_owned().ok()
    }

    /// A place, waiting for one if need be (None only if the gate was closed).
    pub async fn enter(&self) -> Option<OwnedSemaphorePermit> {
        self.0.clone().acquire_owned().await.ok()
    }
}

/// At most `max` holders per client.
#[derive(Debug, Clone)]
pub struct PerClient {
    max: usize,
    counts: Arc<Mutex<HashMap<ClientKey, usize>>>,
}

/// A client's place in a [`PerClient`] count, given back when dropped.
#[derive(Debug)]
pub struct ClientShare {
    client: ClientKey,
    counts: Arc<Mutex<HashMap<ClientKey, usize>>>,
}

impl Drop for ClientShare {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = counts.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

impl PerClient {
    /// `max` holders per client. Only clients holding something are in the table, so its size
    /// is bounded by what is held overall.
    pub fn new(max: usize) -> Self {
        PerClient {
            max,
            counts: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// A place for `client`, or None when it holds its share already.
    pub fn try_take(&self, client: ClientKey) -> Option<ClientShare> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let n = counts.entry(client).or_insert(0);
        if *n >= self.max {
            if *n == 0 {
                counts.remove(&client);
            }
            return None;
        }
        *n += 1;
        Some(ClientShare {
            client,
            counts: self.counts.clone(),
        })
    }
}

/// Caps requests in flight: per client, taken before a request's body is read (a slow client
/// only holds its own places), and overall, taken once the body is in (so slow clients cannot
/// hold the relay's).
#[derive(Debug)]
pub struct Concurrency {
    global: Gate,
    per_client: PerClient,
}

impl Concurrency {
    /// At most `global` requests in flight, and `per_client` for one client.
    pub fn new(global: usize, per_client: usize) -> Self {
        Concurrency {
            global: Gate::new(global),
            per_client: PerClient::new(per_client),
        }
    }

    /// The client's place.
    pub fn try_client(&self, client: ClientKey) -> Result<ClientShare, Busy> {
        self.per_client.try_take(client).ok_or(Busy::Client)
    }

    /// A place among all forwarded requests.
    pub fn try_global(&self) -> Result<OwnedSemaphorePermit, Busy> {
        self.global.try_enter().ok_or(Busy::Relay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};
    use std::time::{Duration, Instant};

    fn key(s: &str) -> ClientKey {
        ClientKey::of(s.parse().unwrap())
    }

    #[test]
    fn bucket_allows_burst_then_refills() {
        let t0 = Instant::now();
        let limiter = RateLimiter::new(3, 2, 1000, t0);
        let (ip, other) = (key("192.0.2.1"), key("192.0.2.2"));
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
    fn an_ipv6_client_is_one_client_per_64() {
        let t0 = Instant::now();
        let limiter = RateLimiter::new(2, 1, 1000, t0);
        assert!(limiter.allow(key("2001:db8:0:1::1"), t0));
        assert!(limiter.allow(key("2001:db8:0:1::2"), t0));
        assert!(!limiter.allow(key("2001:db8:0:1:ffff::3"), t0));
        assert!(limiter.allow(key("2001:db8:0:2::1"), t0));
        let c = Concurrency::new(10, 1);
        let _held = c.try_client(key("2001:db8:0:1::1")).unwrap();
        assert_eq!(
            c.try_client(key("2001:db8:0:1::2")).unwrap_err(),
            Busy::Client
        );
    }

    #[test]
    fn many_client_addresses_keep_the_table_bounded() {
        let t0 = Instant::now();
        let capacity = 10_000;
        let limiter = RateLimiter::new(5, 1, capacity, t0);
        for i in 0..30_000u32 {
            let ip = IpAddr::from(Ipv4Addr::from(0x5f00_0000 + i));
            assert!(limiter.allow(ClientKey::of(ip), t0));
            assert!(limiter.tracked() <= 2 * capacity, "{i}");
        }
    }

    #[test]
    fn slots_are_capped_per_client_and_released_on_drop() {
        let c = Concurrency::new(3, 2);
        let (a, b) = (key("192.0.2.1"), key("192.0.2.2"));
        let s1 = c.try_client(a).unwrap();
        let _s2 = c.try_client(a).unwrap();
        assert_eq!(c.try_client(a).unwrap_err(), Busy::Client);
        let _s3 = c.try_client(b).unwrap();
        drop(s1);
        assert!(c.try_client(a).is_ok());
        let held: Vec<_> = (0..3).map(|_| c.try_global().unwrap()).collect();
        assert_eq!(c.try_global().unwrap_err(), Busy::Relay);
        drop(held);
        assert!(c.try_global().is_ok());
    }

    #[test]
    fn a_gate_of_zero_lets_nobody_in() {
        assert!(Gate::new(0).try_enter().is_none());
        let g = Gate::new(1);
        let held = g.try_enter().unwrap();
        assert!(g.try_enter().is_none());
        drop(held);
        assert!(g.try_enter().is_some());
    }
}
