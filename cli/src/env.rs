//! The client's clock and timer on a native host: the system clock and tokio's timer.

use session_core::client::Env;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// [`Env`] for the CLI: wall-clock time from the system, waits on the tokio runtime.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioEnv;

impl Env for TokioEnv {
    fn now_ms(&self) -> u64 {
        // A clock set before 1970 reads as 0; the network clock offset corrects the rest.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }

    async fn sleep(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}
