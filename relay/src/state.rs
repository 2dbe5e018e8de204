//! State shared by the relay's handlers.

use crate::config::Config;
use crate::directory::Directory;
use crate::file_server::FileServer;
use crate::limits::{Concurrency, Gate, RateLimiter};
use std::sync::Arc;

/// State shared by the handlers.
#[derive(Debug)]
pub struct AppState {
    /// The configuration the relay was started with.
    pub config: Config,
    /// Known service nodes.
    pub directory: Arc<Directory>,
    /// The network's file server, as `/relay/v1/info` names it (none when a local network runs
    /// without one).
    pub file_server: Option<FileServer>,
    /// Join links of the rooms a new user is offered (`/relay/v1/info` `communities`): the
    /// embedded network's default rooms in local mode.
    pub communities: Vec<String>,
    /// HTTPS client for service nodes (self-signed certificates, no redirects, no proxy).
    pub node_client: reqwest::Client,
    /// Per-client request rate.
    pub limiter: RateLimiter,
    /// Requests in flight.
    pub concurrency: Concurrency,
    /// Seed-endpoint requests being answered.
    pub seed_gate: Gate,
}
