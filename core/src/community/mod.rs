//! Communities (SOGS): request-signing headers (messaging.md §7.4) and blinded direct messages
//! (§7.8).

pub mod auth;
pub mod dm;
