//! The local network is what `cargo xtask run` starts by default, so it must not be a way into
//! the developer's machine: the admin endpoint is off unless asked for, the servers listen on
//! loopback only, and a last hop reaches only a well-formed host that is allowed, without
//! following redirects.

mod common;

use common::onion::hop;
use common::*;
use session_core::onion::{self as core_onion, Destination, EncType, Hop};
use session_localnet::{LocalNet, NodeInfo};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Sends a v4-style request to `host`/`port`/`target` over `path` (the last hop relays it).
async fn to_server(
    net: &LocalNet,
    path: &[NodeInfo],
    host: &str,
    port: u16,
    target: &str,
) -> (u16, Vec<u8>) {
    let hops: Vec<Hop> = path.iter().map(hop).collect();
    let dest = Destination::Server {
        host: host.to_owned(),
        target: target.to_owned(),
        protocol: "http".to_owned(),
        port,
        x25519: [9; 32],
    };
    let payload = core_onion::v4::encode_request("GET", "/file/x", &Default::default(), None);
    let req = core_onion::build(
        &hops,
        &dest,
        &payload,
        EncType::XChaCha20,
        &mut rand_core::OsRng,
    )
    .unwrap();
    send(net, &req).await
}

async fn send(net: &LocalNet, req: &core_onion::OnionRequest) -> (u16, Vec<u8>) {
    common::onion::send(net, req).await
}

/// A plain HTTP server that answers every request with `answer` and counts connections.
async fn canned_server(answer: String) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = tcp.read(&mut buf).await;
                let _ = tcp.write_all(answer.as_bytes()).await;
                let _ = tcp.shutdown().await;
            });
        }
    });
    (addr, hits)
}

#[tokio::test]
async fn the_admin_endpoint_is_off_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let net = LocalNet::start(config(dir.path(), 5)).await.unwrap();
    assert_eq!(net.admin_url(), None);
    net.shutdown().await;

    let mut with_admin = config(dir.path(), 5);
    with_admin.admin = true;
    let net = LocalNet::start(with_admin).await.unwrap();
    assert!(net.admin_url().unwrap().starts_with("http://127.0.0.1:"));
    net.shutdown().await;
}

#[tokio::test]
async fn the_network_listens_on_loopback_only() {
    for ip in [
        std::net::Ipv4Addr::UNSPECIFIED,
        "192.0.2.7".parse().unwrap(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut c = config(dir.path(), 5);
        c.bind_ip = ip;
        let started = LocalNet::start(c).await;
        assert!(
            matches!(started, Err(session_localnet::Error::Config(_))),
            "{ip}: {:?}",
            started.map(|n| n.seed_url())
        );
    }
}

#[tokio::test]
async fn a_last_hop_reaches_only_a_bare_host_that_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 5);
    c.admin = true;
    let net = LocalNet::start(c).await.unwrap();
    let admin: SocketAddr = net.admin_url().unwrap()["http://".len()..].parse().unwrap();
    let victim = net.nodes()[4].clone();
    let path = net.nodes()[..2].to_vec();
    // A fault the attacker would like to clear through the admin endpoint.
    net.faults()
        .set_unavailable(&victim.ed25519_hex(), true)
        .unwrap();
    let tricks = [
        // A host with a port, a path and a fragment that swallows the real target.
        (
            format!("127.0.0.1:{}/admin/clear#", admin.port()),
            80,
            "/oxen/v4/lsrpc",
        ),
        // An allowed-looking target that a URL parser normalises into another path.
        (
            "127.0.0.1".to_owned(),
            admin.port(),
            "/oxen/../admin/clear/lsrpc",
        ),
        (
            "127.0.0.1".to_owned(),
            admin.port(),
            "/oxen/x/%2e%2e/admin#/lsrpc",
        ),
        ("127.0.0.1".to_owned(), admin.port(), "/oxen/v4/lsrpc"),
        (
            format!("user@127.0.0.1:{}", admin.port()),
            80,
            "/oxen/v4/lsrpc",
        ),
        ("0x7f000001".to_owned(), admin.port(), "/oxen/v4/lsrpc"),
        ("localhost".to_owned(), admin.port(), "/oxen/v4/lsrpc"),
    ];
    for (host, port, target) in &tricks {
        // Refused with the encrypted `Invalid url`, or unreachable (502): never forwarded.
        to_server(&net, &path, host, *port, target).await;
        assert!(
            rpc(&victim, "info", serde_json::json!({})).await.status == 503,
            "{host}:{port}{target} reached the admin endpoint"
        );
    }
    // Nor any other service on this machine.
    let (other, hits) =
        canned_server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".into()).await;
    let (status, _) = to_server(&net, &path, "127.0.0.1", other.port(), "/oxen/v4/lsrpc").await;
    assert_eq!(status, 200, "the encrypted Invalid url");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "a loopback service was reached"
    );
    // The network's own file server still is: it answers itself, 400 to a request encrypted to
    // a key that is not its own.
    let fs = net.file_server().unwrap();
    let (status, _) = to_server(&net, &path, &fs.host, fs.port, "/oxen/v4/lsrpc").await;
    assert_eq!(status, 400);
    net.shutdown().await;
}

#[tokio::test]
async fn a_last_hop_does_not_follow_redirects() {
    let (secret, secret_hits) =
        canned_server("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret".into()).await;
    let (redirector, redirector_hits) = canned_server(format!(
        "HTTP/1.1 302 Found\r\nLocation: http://{secret}/oxen/v4/lsrpc\r\nContent-Length: 0\r\n\r\n"
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 5);
    c.extra_servers = vec![redirector];
    let net = LocalNet::start(c).await.unwrap();
    // One hop: the guard is the last hop, so its own answer comes back unchanged.
    let path = net.nodes()[..1].to_vec();
    let (status, body) = to_server(
        &net,
        &path,
        "127.0.0.1",
        redirector.port(),
        "/oxen/v4/lsrpc",
    )
    .await;
    assert_eq!(redirector_hits.load(Ordering::SeqCst), 1);
    assert_eq!(status, 302, "{}", String::from_utf8_lossy(&body));
    assert_eq!(
        secret_hits.load(Ordering::SeqCst),
        0,
        "the redirect was followed"
    );
    net.shutdown().await;
}
