//! # session-localnet
//!
//! A complete Session network in one process, for tests and for local development: a seed
//! endpoint, a set of service nodes with their own Ed25519/X25519 keys on loopback HTTPS
//! (self-signed certificates), swarms, the storage RPC with the real server's validation order,
//! status codes and error strings, onion-request hop processing, and a file server reached as a
//! v4 onion destination. Each node keeps its messages in its own SQLite database under the data
//! directory, together with its keys and address, so restarting the network loses nothing.
//!
//! Faults can be injected through [`Faults`] (Rust) or the admin HTTP endpoint (loopback only,
//! started when [`Config::admin`] asks for it):
//! a node down, a skewed node clock, a swarm move (a new swarm at an account's place on the
//! ring, which every node list shows), 503 answers, a stalled onion hop, a reply dropped after a
//! store, nodes lying about stores. Swarm moves live in memory: a restart starts from the
//! persisted layout's swarms.
//!
//! ```no_run
//! # async fn demo() -> Result<(), session_localnet::Error> {
//! let dir = std::env::temp_dir().join("localnet-demo");
//! let net = session_localnet::LocalNet::start(session_localnet::Config::new(dir)).await?;
//! println!("seed at {}", net.seed_url());
//! for node in net.nodes() {
//!     println!("{} at {} (swarm {:x})", node.ed25519_hex(), node.https_url(), node.swarm_id);
//! }
//! net.shutdown().await;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod addr;
mod admin;
mod clock;
mod config;
mod error;
mod faults;
mod fileserver;
mod http;
mod keys;
mod layout;
pub mod limit;
mod names;
mod net;
mod node;
mod onion;
pub mod rpc;
pub mod rules;
mod seed;
mod store;
mod swarms;
mod tls;

/// Entry points for the fuzz targets in `fuzz/`; not an API.
#[doc(hidden)]
pub mod fuzzing {
    /// Reads a storage-RPC request as a node does before running it: the envelope, then the
    /// method's parameters with the real server's rules. True when it would run.
    pub fn parse_rpc_request(body: &[u8]) -> bool {
        match crate::rpc::envelope(body) {
            Ok((method, params)) => matches!(crate::rpc::parse(&method, &params), Ok(Some(_))),
            Err(_) => false,
        }
    }
}

pub use clock::NodeClock;
pub use config::Config;
pub use error::Error;
pub use faults::{Faults, StoreLie};
pub use keys::NodeKeys;
pub use layout::NodeInfo;
pub use net::{CommunityInfo, FileServerInfo, LocalNet, DEFAULT_ROOMS};
pub use swarms::MoveError;
