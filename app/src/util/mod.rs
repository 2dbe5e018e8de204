//! Small wrappers around browser APIs.

pub mod browser;
pub mod focus;
pub mod log;
pub mod picture;
pub mod qr;
pub mod time;
pub mod timer;
pub mod webcrypto;
