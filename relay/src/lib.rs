//! # session-relay
//!
//! The one server a Session Web user talks to. It serves the built web app (static files with a
//! strict Content-Security-Policy) and forwards the app's already-encrypted onion requests to the
//! guard node the app chose. It learns the user's IP address and the guard, exactly what the guard
//! learns anyway: never the destination, the Session ID or the content, because it neither parses
//! nor logs onion bodies.
//!
//! It is not an open proxy: it forwards only to service nodes in its current node list (fetched
//! from the seed nodes, whose certificates are pinned), only to their `/onion_req/v2` endpoint;
//! and it answers the one node-list request a client needs from that list, never passing
//! requests on to a seed.

#![forbid(unsafe_code)]

pub mod app;
pub mod body;
pub mod client;
pub mod config;
pub mod directory;
pub mod error;
pub mod file_server;
pub mod forward;
pub mod headers;
pub mod limits;
pub mod local;
pub mod log;
pub mod pinning;
pub mod respond;
pub mod seed;
mod serve;
pub mod state;
pub mod static_files;

pub use app::Relay;
pub use client::Cidr;
pub use config::{Config, Limits, Network};
pub use error::RelayError;
pub use file_server::FileServer;
