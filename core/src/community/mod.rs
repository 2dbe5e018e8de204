//! Communities (SOGS): join links (messaging.md §7.1), request-signing headers (§7.4), posts
//! and their signatures (§7.7) and blinded direct messages (§7.8).

pub mod auth;
pub mod dm;
pub mod post;
pub mod url;
