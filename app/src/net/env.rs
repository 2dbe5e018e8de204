//! The client's clock and timer in a browser: `Date.now()` and `setTimeout`.

use session_core::client::Env;

/// [`Env`] for the browser.
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserEnv;

impl Env for BrowserEnv {
    fn now_ms(&self) -> u64 {
        crate::util::time::now_ms()
    }

    async fn sleep(&self, ms: u64) {
        crate::util::timer::sleep_ms(ms).await
    }
}
