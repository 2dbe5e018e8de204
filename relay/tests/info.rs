//! `GET /relay/v1/info`: the network, and the file server the web app should use.

mod common;

use curve25519_dalek::edwards::CompressedEdwardsY;
use serde_json::Value;
use session_relay::local::LocalNetwork;
use session_relay::{Limits, Network, Relay};

async fn info(base: &str) -> Value {
    let resp = common::http()
        .get(format!("{base}/relay/v1/info"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), reqwest::StatusCode::OK);
    resp.json().await.unwrap()
}

fn key(v: &Value) -> [u8; 32] {
    let text = v.as_str().unwrap();
    assert_eq!(text, text.to_lowercase(), "keys are lowercase hex");
    hex::decode(text).unwrap().try_into().unwrap()
}

fn montgomery(ed25519: [u8; 32]) -> [u8; 32] {
    CompressedEdwardsY(ed25519)
        .decompress()
        .expect("an Ed25519 point")
        .to_montgomery()
        .to_bytes()
}

#[tokio::test]
async fn local_mode_names_the_local_file_server() {
    let t = common::start(None, Limits::default()).await;
    let v = info(&t.base).await;
    eprintln!("/relay/v1/info: {v}");
    let fs = &v["file_server"];
    let mut keys: Vec<&str> = fs.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["ed25519", "host", "port", "scheme", "url", "x25519"]);
    let local = t
        .relay
        .local_network()
        .unwrap()
        .net()
        .file_server()
        .unwrap();
    let port = local.port;
    assert_eq!(fs["url"], format!("http://127.0.0.1:{port}"));
    assert_eq!(fs["scheme"], "http");
    assert_eq!(fs["host"], "127.0.0.1");
    assert_eq!(fs["port"], port);
    let (x25519, ed25519) = (key(&fs["x25519"]), key(&fs["ed25519"]));
    assert_eq!(x25519, montgomery(ed25519));
    assert_eq!(x25519, local.x25519);
    assert_eq!(ed25519, local.ed25519);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_local_network_without_file_server_names_none() {
    let data = tempfile::TempDir::new().unwrap();
    let mut net_config = session_localnet::Config::new(data.path());
    net_config.nodes = 5;
    net_config.file_server = false;
    let net = session_localnet::LocalNet::start(net_config).await.unwrap();
    let local = LocalNetwork::from_net(net);
    let seeds = vec![local.seed_endpoint()];
    let relay = Relay::start_with_seeds(
        common::config(Network::Local, data.path()),
        seeds,
        Some(local),
    )
    .await
    .unwrap();
    let v = info(&format!("http://{}", relay.local_addr())).await;
    assert_eq!(v["network"], "local");
    assert!(v.get("file_server").is_none(), "{v}");
    relay.shutdown().await;
}

#[tokio::test]
async fn mainnet_mode_names_the_official_file_server() {
    // Seeds from a local network stand in for mainnet's, which this test cannot reach.
    let data = tempfile::TempDir::new().unwrap();
    let (net, seeds) = common::five_node_network(data.path()).await;
    let relay = Relay::start_with_seeds(common::config(Network::Mainnet, data.path()), seeds, None)
        .await
        .unwrap();
    let v = info(&format!("http://{}", relay.local_addr())).await;
    assert_eq!(v["network"], "mainnet");
    let fs = &v["file_server"];
    assert_eq!(fs["url"], "http://filev2.getsession.org");
    assert_eq!(fs["scheme"], "http");
    assert_eq!(fs["host"], "filev2.getsession.org");
    assert_eq!(fs["port"], 80);
    assert_eq!(key(&fs["x25519"]), montgomery(key(&fs["ed25519"])));
    assert_eq!(fs.as_object().unwrap().len(), 6);
    relay.shutdown().await;
    net.shutdown().await;
}
