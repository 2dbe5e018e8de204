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
