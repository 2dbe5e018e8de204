//! The relay's API over real HTTP, with real onion requests to the embedded local network.

mod common;

use rand_core::OsRng;
use reqwest::StatusCode;
use session_core::onion::{self, Destination, EncType, Hop};
use session_core::rpc;
use session_relay::Limits;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn hops(net: &session_localnet::LocalNet, n: usize) -> Vec<Hop> {
    net.nodes()
        .iter()
        .take(n)
        .map(|n| Hop {
            ed25519: n.ed25519,
            x25519: n.x25519,
        })
        .collect()
}

#[tokio::test]
async fn info_names_the_network_and_version() {
    let t = common::start(None, Limits::default()).await;
    let resp = common::http()
        .get(format!("{}/relay/v1/info", t.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(v["network"], "local");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["nodes"], 12);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn seed_requests_are_answered_and_nothing_else() {
    let t = common::start(None, Limits::default()).await;
    let body = r#"{"jsonrpc":"2.0","method":"get_n_service_nodes","params":{"active_only":true,
        "fields":{"public_ip":true,"storage_port":true,"pubkey_ed25519":true,"pubkey_x25519":true}}}"#;
    let resp = t.seed(body).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let v: serde_json::Value = resp.json().await.unwrap();
    let states = v["result"]["service_node_states"].as_array().unwrap();
    assert_eq!(states.len(), 12);
    let net = t.relay.local_network().unwrap().net();
    let first = hex::encode(net.nodes()[0].ed25519);
    assert!(states.iter().any(|s| s["pubkey_ed25519"] == first.as_str()));

    for bad in [
        r#"{"method":"get_service_nodes","params":{}}"#,
        "not json",
        r#"{"method":"get_n_service_nodes","params":1}"#,
    ] {
        let resp = t.seed(bad).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(resp.headers()["x-relay-error"], "seed-request");
    }
    t.relay.shutdown().await;
}

#[tokio::test]
async fn onion_request_passes_through_to_the_destination_and_back() {
    let t = common::start(None, Limits::default()).await;
    let net = t.relay.local_network().unwrap().net();
    let path = hops(net, 3);
    let dest = net.nodes()[5].clone();
    let dest = Destination::Node(Hop {
        ed25519: dest.ed25519,
        x25519: dest.x25519,
    });
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        let req = onion::build(&path, &dest, &rpc::info().to_bytes(), enc, &mut OsRng).unwrap();
        let resp = t
            .onion(&hex::encode(req.guard_ed25519), req.body.clone())
            .await;
        assert_eq!(resp.status(), StatusCode::OK, "{enc:?}");
        assert!(resp.headers().get("x-relay-error").is_none());
        let body = resp.bytes().await.unwrap();
        let reply = onion::decode_node_reply(&req.reply_key, &body).unwrap();
        assert_eq!(reply.status, 200, "{enc:?}: {}", reply.body);
        let info: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert!(info["t"].as_u64().unwrap() > 1_600_000_000_000, "{info}");
    }
    t.relay.shutdown().await;
}

#[tokio::test]
async fn node_errors_come_back_unchanged() {
    let t = common::start(None, Limits::default()).await;
    let net = t.relay.local_network().unwrap().net();
    let node = net.nodes()[0].clone();
    // What the node itself says to garbage…
    let direct = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("https://{}/onion_req/v2", node.addr()))
        .body(&b"garbage"[..])
        .send()
        .await
        .unwrap();
    let direct_status = direct.status();
    let direct_body = direct.bytes().await.unwrap();
    assert_eq!(direct_status, StatusCode::BAD_REQUEST);
    // …is exactly what the relay passes back.
    let relayed = t.onion(&node.ed25519_hex(), &b"garbage"[..]).await;
    assert_eq!(relayed.status(), direct_status);
    assert!(relayed.headers().get("x-relay-error").is_none());
    assert_eq!(relayed.bytes().await.unwrap(), direct_body);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn unknown_or_malformed_keys_are_refused() {
    let t = common::start(None, Limits::default()).await;
    let unknown = "ab".repeat(32);
    let resp = t.onion(&unknown, &b"x"[..]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(resp.headers()["x-relay-error"], "unknown-node");
    for bad in ["zz", "abcd", &"g".repeat(64)] {
        let resp = t.onion(bad, &b"x"[..]).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    // Nothing else under /relay/ exists, and only POST reaches the forwarder.
    let resp = common::http()
        .get(format!("{}/relay/v1/onion/{unknown}", t.base))
        .send()
        .await;
    assert_eq!(resp.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
    let resp = common::http()
        .get(format!("{}/relay/v2/anything", t.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let t = common::start(None, Limits::default()).await;
    let key = t.relay.local_network().unwrap().net().nodes()[0].ed25519_hex();
    let addr = t.relay.local_addr();
    // Declare 20 MiB, send none of it: the answer must come at once.
    let answer = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "POST /relay/v1/onion/{key} HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            20 * 1024 * 1024
        )
        .unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        (
            String::from_utf8_lossy(&buf[..n]).into_owned(),
            started.elapsed(),
        )
    })
    .await
    .unwrap();
    assert!(answer.0.starts_with("HTTP/1.1 413"), "{}", answer.0);
    assert!(answer.1 < Duration::from_secs(5));

    // A chunked body with no declared length is cut off at the limit.
    let big = vec![0u8; 10 * 1024 * 1024 + 1];
    let stream = futures_stream(big);
    let key = t.relay.local_network().unwrap().net().nodes()[0].ed25519_hex();
    let resp = t.onion(&key, reqwest::Body::wrap_stream(stream)).await;
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    t.relay.shutdown().await;
}

fn futures_stream(
    data: Vec<u8>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        data.chunks(1 << 20).map(|c| Ok(c.to_vec())).collect();
    tokio_stream::iter(chunks)
}

#[tokio::test]
async fn a_down_node_gets_a_502_and_others_keep_working() {
    let t = common::start(None, Limits::default()).await;
    let net = t.relay.local_network().unwrap().net();
    let nodes = net.nodes();
    net.faults()
        .set_node_down(&nodes[0].ed25519_hex(), true)
        .await
        .unwrap();
    let resp = t.onion(&nodes[0].ed25519_hex(), &b"x"[..]).await;
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(resp.headers()["x-relay-error"], "node-unreachable");

    let path: Vec<Hop> = nodes[1..4]
        .iter()
        .map(|n| Hop {
            ed25519: n.ed25519,
            x25519: n.x25519,
        })
        .collect();
    let dest = Destination::Node(Hop {
        ed25519: nodes[6].ed25519,
        x25519: nodes[6].x25519,
    });
    let req = onion::build(
        &path,
        &dest,
        &rpc::info().to_bytes(),
        EncType::XChaCha20,
        &mut OsRng,
    )
    .unwrap();
    let resp = t.onion(&hex::encode(req.guard_ed25519), req.body).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let reply = onion::decode_node_reply(&req.reply_key, &resp.bytes().await.unwrap()).unwrap();
    assert_eq!(reply.status, 200);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn one_client_cannot_flood_the_relay() {
    let limits = Limits {
        burst_per_client: 5,
        rate_per_client: 1,
        ..Limits::default()
    };
    let t = common::start(None, limits).await;
    let unknown = "ab".repeat(32);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let resp = t.onion(&unknown, &b"x"[..]).await;
        statuses.push(resp.status());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::FORBIDDEN)
            .count(),
        5
    );
    assert!(
        statuses[5..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_restarted_relay_serves_the_same_network() {
    let data = tempfile::TempDir::new().unwrap();
    let config = |listen| session_relay::Config {
        network: session_relay::Network::Local,
        listen,
        dist: None,
        data_dir: Some(data.path().to_path_buf()),
        local_nodes: 12,
        local_admin_port: None,
        limits: Limits::default(),
    };
    let relay = session_relay::Relay::start(config("127.0.0.1:0".parse().unwrap()))
        .await
        .unwrap();
    let addr = relay.local_addr();
    let before = relay.local_network().unwrap().net().nodes();
    relay.shutdown().await;
    let relay = session_relay::Relay::start(config(addr)).await.unwrap();
    assert_eq!(relay.local_addr(), addr);
    let after = relay.local_network().unwrap().net().nodes();
    assert_eq!(
        before
            .iter()
            .map(|n| (n.ed25519, n.port))
            .collect::<Vec<_>>(),
        after
            .iter()
            .map(|n| (n.ed25519, n.port))
            .collect::<Vec<_>>()
    );
    let resp = common::http()
        .post(format!(
            "http://{addr}/relay/v1/onion/{}",
            after[0].ed25519_hex()
        ))
        .header("content-type", "application/octet-stream")
        .body(&b"garbage"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::BAD_REQUEST,
        "known node reached after restart"
    );
    relay.shutdown().await;
}
