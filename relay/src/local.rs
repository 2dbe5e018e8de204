//! `--network local`: the embedded local Session network, started inside the relay's process.

use crate::config::Config;
use crate::error::RelayError;
use crate::file_server::FileServer;
use crate::seed::{SeedEndpoint, SeedTrust};
use std::path::PathBuf;

/// The running local network and what the relay needs from it.
#[derive(Debug)]
pub struct LocalNetwork {
    net: session_localnet::LocalNet,
}

impl LocalNetwork {
    /// Starts the network with the relay's node count and data folder (a fixed folder under the
    /// system temp dir by default, so that a restart keeps accounts' messages and swarms).
    pub async fn start(config: &Config) -> Result<Self, RelayError> {
        let dir = config
            .data_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("session-web-localnet"));
        let mut net_config = session_localnet::Config::new(dir);
        net_config.nodes = config.local_nodes;
        if let Some(port) = config.local_admin_port {
            net_config.admin = true;
            net_config.admin_port = Some(port);
        }
        let net = session_localnet::LocalNet::start(net_config)
            .await
            .map_err(RelayError::LocalNetwork)?;
        Ok(LocalNetwork { net })
    }

    /// Wraps a network started elsewhere (with its own `session_localnet::Config`).
    pub fn from_net(net: session_localnet::LocalNet) -> Self {
        LocalNetwork { net }
    }

    /// The local seed, trusted because it is on loopback.
    pub fn seed_endpoint(&self) -> SeedEndpoint {
        SeedEndpoint {
            url: format!("{}json_rpc", self.net.seed_url()),
            trust: SeedTrust::Loopback,
        }
    }

    /// Its file server, unless it runs without one.
    pub fn file_server(&self) -> Option<FileServer> {
        self.net.file_server().as_ref().map(FileServer::from)
    }

    /// The network itself, for tests that inject faults.
    pub fn net(&self) -> &session_localnet::LocalNet {
        &self.net
    }

    /// Where the network keeps its data.
    pub fn data_dir(&self) -> PathBuf {
        self.net.data_dir().to_path_buf()
    }

    /// Stops every node.
    pub async fn shutdown(self) {
        self.net.shutdown().await;
    }
}
