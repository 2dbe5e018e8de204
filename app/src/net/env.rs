//! The clock and timer in a browser: `Date.now()` and `setTimeout`, for the client
//! ([`Env`]) and for the app's parts ([`Clock`]).

use session_core::client::Env;

use crate::ports::{Boxed, Clock};

/// [`Env`] and [`Clock`] for the browser.
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

impl Clock for BrowserEnv {
    fn now_ms(&self) -> u64 {
        crate::util::time::now_ms()
    }

    fn sleep(&self, ms: u64) -> Boxed<'static, ()> {
        Box::pin(crate::util::timer::sleep_ms(ms))
    }
}
