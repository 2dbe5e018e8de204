//! Communities (SOGS): request-signing headers (messaging.md §7.4).

pub mod auth;
