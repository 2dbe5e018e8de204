//! Per-node wall clock with an injectable skew, so clock faults (406 answers) can be tested.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// System time plus a skew in milliseconds (positive: the node runs ahead).
#[derive(Debug, Default)]
pub struct NodeClock {
    skew_ms: AtomicI64,
}

impl NodeClock {
    /// A clock without skew.
    pub fn new() -> NodeClock {
        NodeClock::default()
    }

    /// Milliseconds since the Unix epoch as this node sees them.
    pub fn now_ms(&self) -> u64 {
        let sys = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        sys.saturating_add(self.skew_ms()).max(0) as u64
    }

    /// The injected skew.
    pub fn skew_ms(&self) -> i64 {
        self.skew_ms.load(Ordering::Relaxed)
    }

    /// Sets the skew (0 restores real time).
    pub fn set_skew_ms(&self, skew: i64) {
        self.skew_ms.store(skew, Ordering::Relaxed);
    }
}

/// The real system time in milliseconds (used where no node clock applies).
pub(crate) fn system_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
