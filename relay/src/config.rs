//! What the relay is told to do on the command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Which Session network the relay serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// The embedded local network on loopback (see `session-localnet`).
    Local,
    /// The live network, through the pinned seed nodes.
    Mainnet,
}

impl Network {
    /// The name reported by `/relay/v1/info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Local => "local",
            Network::Mainnet => "mainnet",
        }
    }
}

/// Bounds that keep one client, or many, from exhausting the relay or using it as a cannon.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest onion body accepted (a node refuses more than 10 MiB anyway).
    pub max_body_bytes: usize,
    /// Requests forwarded at the same time, all clients together.
    pub max_concurrent: usize,
    /// Requests forwarded at the same time for one client address.
    pub max_concurrent_per_client: usize,
    /// Token bucket per client address: burst size.
    pub burst_per_client: u32,
    /// Token bucket per client address: sustained requests per second.
    pub rate_per_client: u32,
    /// Time allowed for a node to answer an onion request (its own hops time out at 30 s).
    pub node_timeout: Duration,
    /// Time allowed for a seed to answer.
    pub seed_timeout: Duration,
    /// Time allowed for a client to send its request body.
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 10 * 1024 * 1024,
            max_concurrent: 512,
            max_concurrent_per_client: 32,
            burst_per_client: 200,
            rate_per_client: 50,
            node_timeout: Duration::from_secs(40),
            seed_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
        }
    }
}

/// Everything the relay needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Local or live network.
    pub network: Network,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// The built web app to serve, if any.
    pub dist: Option<PathBuf>,
    /// Where the embedded local network keeps its nodes' keys and messages.
    pub data_dir: Option<PathBuf>,
    /// Number of service nodes of the embedded local network.
    pub local_nodes: usize,
    /// Request limits.
    pub limits: Limits,
}
