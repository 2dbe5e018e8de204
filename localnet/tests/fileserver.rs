//! The file server as a v4 onion destination: upload, download, info, extend, the
//! 10,000,000-byte limit and expiry.

mod common;

use common::onion::hop;
use common::*;
use serde_json::{json, Map, Value};
use session_core::attachment::file_server::MAX_UPLOAD_BYTES;
use session_core::onion::v4::{self, V4Response};
use session_core::onion::{self as core_onion, Destination, EncType, Hop};
use session_localnet::{FileServerInfo, LocalNet};

async fn v4_call(
    net: &LocalNet,
    fs: &FileServerInfo,
    method: &str,
    endpoint: &str,
    headers: Value,
    body: Option<&[u8]>,
    enc: EncType,
) -> V4Response {
    v4_call_hops(net, 3, fs, method, endpoint, headers, body, enc).await
}

/// The same through `hops` nodes (one hop keeps the 10 MB tests quick in debug builds).
#[allow(clippy::too_many_arguments)]
async fn v4_call_hops(
    net: &LocalNet,
    hops: usize,
    fs: &FileServerInfo,
    method: &str,
    endpoint: &str,
    headers: Value,
    body: Option<&[u8]>,
    enc: EncType,
) -> V4Response {
    let path: Vec<Hop> = net.nodes().iter().take(hops).map(hop).collect();
    let dest = Destination::Server {
        host: fs.host.clone(),
        target: "/oxen/v4/lsrpc".into(),
        protocol: fs.protocol.clone(),
        port: fs.port,
        x25519: fs.x25519,
    };
    let headers: Map<String, Value> = headers.as_object().cloned().unwrap_or_default();
    let payload = v4::encode_request(method, endpoint, &headers, body);
    let req = core_onion::build(&path, &dest, &payload, enc, &mut rand_core::OsRng).unwrap();
    let (status, body) = common::onion::send(net, &req).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    core_onion::decode_server_reply(&req.reply_key, &body).expect("v4 reply decrypts")
}

fn json_body(r: &V4Response) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

#[tokio::test]
async fn upload_download_info_extend_in_both_suites() {
    let (net, _dir) = start().await;
    let fs = net.file_server().unwrap();
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        let data = format!("attachment bytes {enc:?}").into_bytes();
        let up = v4_call(
            &net,
            &fs,
            "POST",
            "/file",
            json!({"Content-Type": "application/octet-stream"}),
            Some(&data),
            enc,
        )
        .await;
        assert_eq!(up.code, 200);
        let meta = json_body(&up);
        let id = meta["id"].as_str().unwrap().to_owned();
        assert_eq!(id.len(), 44);
        assert!(meta["expires"].as_f64().unwrap() > meta["uploaded"].as_f64().unwrap());
        let down = v4_call(
            &net,
            &fs,
            "GET",
            &format!("/file/{id}"),
            json!({}),
            None,
            enc,
        )
        .await;
        assert_eq!(down.code, 200);
        assert_eq!(down.body, data);
        assert_eq!(down.headers["content-type"], "application/octet-stream");
        let info = v4_call(
            &net,
            &fs,
            "GET",
            &format!("/file/{id}/info"),
            json!({}),
            None,
            enc,
        )
        .await;
        assert_eq!(json_body(&info)["size"], data.len());
        // The same bytes give the same id.
        let again = v4_call(&net, &fs, "POST", "/file", json!({}), Some(&data), enc).await;
        assert_eq!(json_body(&again)["id"], id);
        let ext = v4_call(
            &net,
            &fs,
            "POST",
            &format!("/file/{id}/extend"),
            json!({"X-FS-TTL": "9999999"}),
            None,
            enc,
        )
        .await;
        assert_eq!(ext.code, 200);
        assert!(json_body(&ext)["expires"].as_f64() >= meta["expires"].as_f64());
    }
    let missing = v4_call(
        &net,
        &fs,
        "GET",
        "/file/nope",
        json!({}),
        None,
        EncType::AesGcm,
    )
    .await;
    assert_eq!(missing.code, 404);
    assert_eq!(json_body(&missing), json!({"status_code": 404}));
    net.shutdown().await;
}

#[tokio::test]
async fn the_largest_encrypted_attachment_is_the_limit() {
    // Ten megabytes through three hops in a debug build needs more than the tests' short hop
    // timeouts.
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path(), 12);
    cfg.hop_timeout = std::time::Duration::from_secs(30);
    cfg.server_timeout = std::time::Duration::from_secs(25);
    let net = LocalNet::start(cfg).await.unwrap();
    let fs = net.file_server().unwrap();
    // The largest blob a client makes of a 10,000,000-byte file.
    let big = vec![0xa5u8; MAX_UPLOAD_BYTES];
    let up = v4_call_hops(
        &net,
        1,
        &fs,
        "POST",
        "/file",
        json!({}),
        Some(&big),
        EncType::XChaCha20,
    )
    .await;
    assert_eq!(up.code, 200);
    assert_eq!(json_body(&up)["size"], MAX_UPLOAD_BYTES);
    let mut over = big;
    over.push(1);
    let up = v4_call_hops(
        &net,
        1,
        &fs,
        "POST",
        "/file",
        json!({}),
        Some(&over),
        EncType::XChaCha20,
    )
    .await;
    assert_eq!(up.code, 413);
    let empty = v4_call(
        &net,
        &fs,
        "POST",
        "/file",
        json!({}),
        Some(b""),
        EncType::AesGcm,
    )
    .await;
    assert_eq!(empty.code, 413);
    net.shutdown().await;
}

#[tokio::test]
async fn files_expire() {
    let (net, _dir) = start().await;
    let fs = net.file_server().unwrap();
    let up = v4_call(
        &net,
        &fs,
        "POST",
        "/file",
        json!({"X-FS-TTL": "60"}),
        Some(b"brief"),
        EncType::AesGcm,
    )
    .await;
    let meta = json_body(&up);
    let id = meta["id"].as_str().unwrap().to_owned();
    let ttl = meta["expires"].as_f64().unwrap() - meta["uploaded"].as_f64().unwrap();
    assert!((ttl - 60.0).abs() < 0.01, "ttl {ttl}");
    net.faults().set_file_server_clock_skew(59_000);
    let down = v4_call(
        &net,
        &fs,
        "GET",
        &format!("/file/{id}"),
        json!({}),
        None,
        EncType::AesGcm,
    )
    .await;
    assert_eq!(down.code, 200);
    net.faults().set_file_server_clock_skew(61_000);
    let down = v4_call(
        &net,
        &fs,
        "GET",
        &format!("/file/{id}"),
        json!({}),
        None,
        EncType::AesGcm,
    )
    .await;
    assert_eq!(down.code, 404);
    net.shutdown().await;
}

#[tokio::test]
async fn unreachable_server_is_502_from_the_last_hop() {
    // A server the network may reach (loopback ones must be listed), but that is not running.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_addr = closed.local_addr().unwrap();
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 12);
    c.extra_servers = vec![closed_addr];
    let net = LocalNet::start(c).await.unwrap();
    let mut fs = net.file_server().unwrap();
    fs.port = closed_addr.port();
    let path: Vec<Hop> = net.nodes().iter().take(3).map(hop).collect();
    let dest = Destination::Server {
        host: fs.host.clone(),
        target: "/oxen/v4/lsrpc".into(),
        protocol: "http".into(),
        port: fs.port,
        x25519: fs.x25519,
    };
    let payload = v4::encode_request("GET", "/file/x", &Map::new(), None);
    let req = core_onion::build(
        &path,
        &dest,
        &payload,
        EncType::AesGcm,
        &mut rand_core::OsRng,
    )
    .unwrap();
    let (status, _) = common::onion::send(&net, &req).await;
    assert_eq!(status, 502);
    net.shutdown().await;
}
