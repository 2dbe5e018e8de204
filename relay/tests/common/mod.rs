//! Starting a relay on the embedded local network for a test.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use session_relay::{Config, Limits, Network, Relay};
use std::path::PathBuf;
use tempfile::TempDir;

/// A relay in local mode with its own data folder.
pub struct TestRelay {
    pub relay: Relay,
    pub base: String,
    _data: TempDir,
}

pub async fn start(dist: Option<PathBuf>, limits: Limits) -> TestRelay {
    let data = TempDir::new().unwrap();
    let config = Config {
        network: Network::Local,
        listen: "127.0.0.1:0".parse().unwrap(),
        dist,
        data_dir: Some(data.path().to_path_buf()),
        local_nodes: 12,
        local_admin_port: None,
        limits,
    };
    let relay = Relay::start(config).await.expect("relay starts");
    let base = format!("http://{}", relay.local_addr());
    TestRelay {
        relay,
        base,
        _data: data,
    }
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A relay configuration for `network` with its data in `data`.
pub fn config(network: Network, data: &std::path::Path) -> Config {
    Config {
        network,
        listen: "127.0.0.1:0".parse().unwrap(),
        dist: None,
        data_dir: Some(data.to_path_buf()),
        local_nodes: 12,
        local_admin_port: None,
        limits: Limits::default(),
    }
}

/// A local network of five nodes on its own, and its seed for a relay started separately.
pub async fn five_node_network(
    data: &std::path::Path,
) -> (
    session_localnet::LocalNet,
    Vec<session_relay::seed::SeedEndpoint>,
) {
    let mut net_config = session_localnet::Config::new(data);
    net_config.nodes = 5;
    let net = session_localnet::LocalNet::start(net_config).await.unwrap();
    let seeds = vec![session_relay::local::LocalNetwork::from_net(net.clone()).seed_endpoint()];
    (net, seeds)
}

impl TestRelay {
    /// POSTs `body` to `/relay/v1/onion/{key}` as the app does.
    pub async fn onion(&self, key: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.post(&format!("onion/{key}"), "application/octet-stream", body)
            .await
    }

    /// POSTs `body` to `/relay/v1/seed` as the app does.
    pub async fn seed(&self, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.post("seed", "application/json", body).await
    }

    async fn post(
        &self,
        endpoint: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        http()
            .post(format!("{}/relay/v1/{endpoint}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }
}
