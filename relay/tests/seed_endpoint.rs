//! The seed endpoint is no amplifier: it answers from the node list the relay keeps, with the
//! fields a client needs only; and what the relay reads from a seed is bounded and checked.

mod common;

use reqwest::StatusCode;
use serde_json::{json, Value};
use session_core::rpc::response::ServiceNodeList;
use session_core::rpc::FromJson;
use session_relay::seed::{node_list_request, SeedClient, SeedEndpoint, SeedError, SeedTrust};
use session_relay::{Limits, Network, Relay};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What core sends (network.md §2.2), which is also what the relay asks its seeds.
fn core_request() -> Value {
    serde_json::from_slice(&node_list_request()).unwrap()
}

#[tokio::test]
async fn the_answer_comes_from_the_relays_list_without_asking_a_seed() {
    let t = common::start(None, Limits::default()).await;
    let net = t.relay.local_network().unwrap().net().clone();
    let before = net.seed_requests();
    for _ in 0..5 {
        let resp = t.seed(core_request().to_string()).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["content-type"], "application/json");
        let body = resp.bytes().await.unwrap();
        let list = ServiceNodeList::from_slice(&body).unwrap();
        assert_eq!(list.nodes.len(), 12);
        assert!(list.height.is_some());
        let v: Value = serde_json::from_slice(&body).unwrap();
        for state in v["result"]["service_node_states"].as_array().unwrap() {
            let mut keys: Vec<&str> = state
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "pubkey_ed25519",
                    "pubkey_x25519",
                    "public_ip",
                    "requested_unlock_height",
                    "storage_port",
                    "swarm_id"
                ]
            );
        }
        let node = &net.nodes()[3];
        let entry = list
            .nodes
            .iter()
            .find(|n| n.pubkey_ed25519 == node.ed25519)
            .unwrap();
        assert_eq!(entry.pubkey_x25519, node.x25519);
        // Clients compute swarms from these.
        assert_eq!(entry.swarm_id, Some(node.swarm_id));
        assert_eq!(entry.port_https, node.port);
    }
    assert_eq!(
        net.seed_requests(),
        before,
        "a client request reached the seed"
    );
    // Only the fields asked for.
    let mut two = core_request();
    two["params"]["fields"] = json!({"pubkey_ed25519": true, "storage_port": true});
    let v: Value = t.seed(two.to_string()).await.json().await.unwrap();
    let first = &v["result"]["service_node_states"][0];
    assert_eq!(first.as_object().unwrap().len(), 2, "{first}");
    t.relay.shutdown().await;
}

#[tokio::test]
async fn requests_for_anything_else_are_refused() {
    let t = common::start(None, Limits::default()).await;
    let mut version = core_request();
    version["params"]["fields"]["storage_server_version"] = json!(true);
    let mut limit = core_request();
    limit["params"]["limit"] = json!(5);
    let mut fields_not_bool = core_request();
    fields_not_bool["params"]["fields"]["public_ip"] = json!("yes");
    for bad in [
        version,
        limit,
        fields_not_bool,
        json!({"method": "get_service_nodes", "params": {}}),
        json!({"method": "get_n_service_nodes", "params": {"fields": [1]}}),
    ] {
        let resp = t.seed(bad.to_string()).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(resp.headers()["x-relay-error"], "seed-request");
    }
    t.relay.shutdown().await;
}

#[tokio::test]
async fn the_seed_endpoint_caps_requests_in_flight() {
    let t = common::start(
        None,
        Limits {
            max_seed_concurrent: 0,
            ..Limits::default()
        },
    )
    .await;
    let resp = t.seed(core_request().to_string()).await;
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(resp.headers()["x-relay-error"], "busy");
    t.relay.shutdown().await;
}

/// A plain-HTTP server on loopback answering every request with `body` as JSON.
async fn fake_seed(body: Vec<u8>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let _ = tcp.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = tcp.write_all(head.as_bytes()).await;
                let _ = tcp.write_all(&body).await;
            });
        }
    });
    addr
}

fn node_list(n: usize) -> Vec<u8> {
    let states: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "public_ip": format!("95.216.{}.{}", i / 250, i % 250 + 1),
                "storage_port": 22021,
                "pubkey_ed25519": format!("{:064x}", i + 1),
                "pubkey_x25519": format!("{:064x}", i + 7),
                "requested_unlock_height": 0,
            })
        })
        .collect();
    json!({"result": {"service_node_states": states, "height": 7}})
        .to_string()
        .into_bytes()
}

#[tokio::test]
async fn what_is_read_from_a_seed_is_bounded() {
    let big = node_list(2000);
    assert!(big.len() > 200_000);
    let addr = fake_seed(big).await;
    let endpoint = SeedEndpoint {
        url: format!("http://{addr}/json_rpc"),
        trust: SeedTrust::Loopback,
    };
    let roomy = SeedClient::new(vec![endpoint.clone()], Duration::from_secs(5), 1 << 20).unwrap();
    assert_eq!(
        roomy.fetch_nodes(Network::Mainnet).await.unwrap().len(),
        2000
    );
    let tight = SeedClient::new(vec![endpoint], Duration::from_secs(5), 64 * 1024).unwrap();
    let read = tight.fetch_nodes(Network::Mainnet).await;
    assert!(
        matches!(read, Err(SeedError::TooLarge)),
        "{:?}",
        read.map(|nodes| nodes.len())
    );
}

#[tokio::test]
async fn a_live_network_list_keeps_only_global_addresses() {
    // A local network's seed names nodes on 127.0.0.1: fine in local mode, refused for mainnet.
    let data = tempfile::TempDir::new().unwrap();
    let (net, seeds) = common::five_node_network(data.path()).await;
    let config = |network| common::config(network, data.path());
    let live = Relay::start_with_seeds(config(Network::Mainnet), seeds.clone(), None)
        .await
        .unwrap();
    assert_eq!(live.directory().len(), 0);
    live.shutdown().await;
    let local = Relay::start_with_seeds(config(Network::Local), seeds, None)
        .await
        .unwrap();
    assert_eq!(local.directory().len(), 5);
    local.shutdown().await;
    net.shutdown().await;
}
