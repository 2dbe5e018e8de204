//! Time as the host provides it: a wall clock and a way to wait.

use std::rc::Rc;

/// The host's clock and timer. Tests use a simulated clock whose `sleep` only advances virtual
/// time; a browser uses `Date.now()` and `setTimeout`; a native host the system clock and its
/// runtime's timer. Futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Env {
    /// Local wall-clock time, ms since the Unix epoch (the client corrects it to network time).
    fn now_ms(&self) -> u64;

    /// Waits `ms` milliseconds (retry backoff).
    async fn sleep(&self, ms: u64);
}

impl<E: Env + ?Sized> Env for &E {
    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }

    async fn sleep(&self, ms: u64) {
        (**self).sleep(ms).await
    }
}

impl<E: Env + ?Sized> Env for Rc<E> {
    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }

    async fn sleep(&self, ms: u64) {
        (**self).sleep(ms).await
    }
}
