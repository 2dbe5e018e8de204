//! Slow and idle clients cannot tie the relay up: half-sent headers, idle sockets, stalled
//! bodies and stalled readers are cut off after their timeouts, one address cannot hold more
//! than its share of connections, and other clients are served all along.

mod common;

use reqwest::StatusCode;
use session_relay::Limits;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// How long a test waits for something the relay should do within a fraction of it.
const PATIENCE: Duration = Duration::from_secs(5);

/// A connection from `from` (any 127.x address works on Linux's loopback).
async fn connect_from(from: &str, to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    socket.connect(to).await.unwrap()
}

/// Reads until the relay closes the connection; None if it stays open past `PATIENCE`.
async fn read_until_closed(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(PATIENCE, async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok().map(|()| out)
}

async fn info_status(base: &str) -> StatusCode {
    common::http()
        .get(format!("{base}/relay/v1/info"))
        .send()
        .await
        .unwrap()
        .status()
}

fn quick() -> Limits {
    Limits {
        header_read_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_millis(300),
        body_timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

#[tokio::test]
async fn half_sent_headers_and_idle_sockets_are_closed_while_others_are_served() {
    let t = common::start(
        None,
        Limits {
            max_connections_per_client: 4,
            ..quick()
        },
    )
    .await;
    let addr = t.relay.local_addr();
    let mut held = Vec::new();
    for i in 0..4 {
        let mut s = connect_from("127.0.0.2", addr).await;
        if i % 2 == 0 {
            s.write_all(b"POST /relay/v1/seed HTTP/1.1\r\nHost: relay\r\n")
                .await
                .unwrap();
        }
        held.push(s);
    }
    // A fifth connection from the same address is closed unanswered…
    let mut fifth = connect_from("127.0.0.2", addr).await;
    let _ = fifth
        .write_all(b"GET /relay/v1/info HTTP/1.1\r\nHost: relay\r\n\r\n")
        .await;
    let answer = read_until_closed(&mut fifth).await;
    assert_eq!(answer.as_deref(), Some(&b""[..]), "over the per-client cap");
    // …while another client is served.
    assert_eq!(info_status(&t.base).await, StatusCode::OK);
    // The held connections are closed by the header-read timeout.
    for (i, s) in held.iter_mut().enumerate() {
        let answer = read_until_closed(s).await;
        assert!(answer.is_some(), "connection {i} still open");
    }
    // Then the address may connect again.
    let mut again = connect_from("127.0.0.2", addr).await;
    again
        .write_all(b"GET /relay/v1/info HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut again).await.unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_stalled_seed_body_times_out() {
    let t = common::start(None, quick()).await;
    let mut s = connect_from("127.0.0.1", t.relay.local_addr()).await;
    s.write_all(
        b"POST /relay/v1/seed HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\n\r\n{",
    )
    .await
    .unwrap();
    let answer = read_until_closed(&mut s)
        .await
        .expect("answered and closed");
    assert!(
        answer.starts_with(b"HTTP/1.1 408"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_slow_onion_body_holds_no_forwarding_slot() {
    let t = common::start(
        None,
        Limits {
            max_concurrent: 1,
            ..Limits::default()
        },
    )
    .await;
    let key = t.relay.local_network().unwrap().net().nodes()[0].ed25519_hex();
    let mut slow = connect_from("127.0.0.2", t.relay.local_addr()).await;
    slow.write_all(
        format!(
            "POST /relay/v1/onion/{key} HTTP/1.1\r\nHost: relay\r\n\
             Content-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\nabc"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The one forwarding slot is free for a client whose body is complete: the node's own
    // answer to garbage comes back, not the relay's 503.
    let resp = t.onion(&key, &b"garbage"[..]).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(resp.headers().get("x-relay-error").is_none());
    drop(slow);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_client_that_stops_reading_is_cut_off() {
    let dist = tempfile::TempDir::new().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let size = 32 * 1024 * 1024;
    std::fs::write(dist.path().join("big.bin"), vec![7u8; size]).unwrap();
    let t = common::start(Some(dist.path().to_path_buf()), quick()).await;
    let mut s = connect_from("127.0.0.1", t.relay.local_addr()).await;
    s.write_all(b"GET /big.bin HTTP/1.1\r\nHost: relay\r\n\r\n")
        .await
        .unwrap();
    // Read nothing while the relay's writes stall, long past the idle timeout.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let got = read_until_closed(&mut s).await.expect("closed");
    assert!(got.starts_with(b"HTTP/1.1 200"));
    assert!(got.len() < size, "the whole file came through");
    t.relay.shutdown().await;
}
