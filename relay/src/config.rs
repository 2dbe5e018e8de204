//! What the relay is told to do on the command line.

use crate::client::Cidr;
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
    /// Time allowed for a client to send a request's headers, counted from when the relay is
    /// ready for the request: on a new connection, and after each answer on a kept-alive one.
    pub header_read_timeout: Duration,
    /// A connection with no request being handled and no byte moving either way for this long is
    /// closed (a client that stopped reading its answer).
    pub idle_timeout: Duration,
    /// Open connections, all clients together.
    pub max_connections: usize,
    /// Open connections from one client address.
    pub max_connections_per_client: usize,
    /// Largest node reply passed back; a longer one is answered 502 `reply-too-large` (a
    /// 10 MB attachment download is about 10 MiB once encrypted).
    pub max_reply_bytes: usize,
    /// Largest seed answer read (a live network's node list is under 1 MiB).
    pub max_seed_reply_bytes: usize,
    /// Seed-endpoint requests answered at the same time, all clients together (0 turns the
    /// endpoint off).
    pub max_seed_concurrent: usize,
    /// Client addresses whose request rate is tracked at once (memory stays bounded past it).
    pub max_tracked_clients: usize,
    /// Reverse proxies whose `X-Forwarded-For`/`Forwarded` headers name the client; on any
    /// other connection those headers are ignored.
    pub trusted_proxies: Vec<Cidr>,
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
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 2048,
            max_connections_per_client: 64,
            max_reply_bytes: 12 * 1024 * 1024,
            max_seed_reply_bytes: 8 * 1024 * 1024,
            max_seed_concurrent: 16,
            max_tracked_clients: 65_536,
            trusted_proxies: Vec::new(),
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
    /// Port on 127.0.0.1 of the local network's admin endpoint (fault injection for tests;
    /// `None`: not started).
    pub local_admin_port: Option<u16>,
    /// Request limits.
    pub limits: Limits,
}
