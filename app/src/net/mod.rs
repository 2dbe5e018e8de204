//! The network side of the browser: `fetch` through the relay, the clock and timers the
//! client needs, and coordination between tabs of the same account.

pub mod env;
pub mod info;
pub mod tabs;
pub mod transport;

pub use env::BrowserEnv;
pub use transport::FetchTransport;
