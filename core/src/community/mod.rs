//! Communities (SOGS): join links (messaging.md §7.1), request-signing headers (§7.4), the
//! API's requests and answers (§7.5–§7.6), a server's poll, posts and their signatures (§7.7)
//! and blinded direct messages (§7.8).

pub mod api;
pub mod auth;
pub mod dm;
pub mod poll;
pub mod post;
pub mod url;
