//! What the relay answers is bounded and inert: a node's reply is capped, sent as an opaque
//! download for this origin only, and other sites' pages cannot make a browser POST to it.

mod common;

use rand_core::OsRng;
use reqwest::StatusCode;
use session_core::onion::{self, Destination, EncType, Hop};
use session_core::rpc;
use session_relay::Limits;

fn info_request(net: &session_localnet::LocalNet) -> onion::OnionRequest {
    let nodes = net.nodes();
    let hop = |i: usize| Hop {
        ed25519: nodes[i].ed25519,
        x25519: nodes[i].x25519,
    };
    onion::build(
        &[hop(0), hop(1), hop(2)],
        &Destination::Node(hop(5)),
        &rpc::info().to_bytes(),
        EncType::XChaCha20,
        &mut OsRng,
    )
    .unwrap()
}

async fn send_onion(
    t: &common::TestRelay,
    req: &onion::OnionRequest,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut r = common::http()
        .post(format!(
            "{}/relay/v1/onion/{}",
            t.base,
            hex::encode(req.guard_ed25519)
        ))
        .body(req.body.clone());
    for (name, value) in headers {
        r = r.header(*name, *value);
    }
    r.send().await.unwrap()
}

/// The headers the web app's fetch sends (the browser adds Sec-Fetch-Site itself).
const APP: [(&str, &str); 2] = [
    ("content-type", "application/octet-stream"),
    ("sec-fetch-site", "same-origin"),
];

#[tokio::test]
async fn a_reply_is_an_opaque_download_for_this_origin() {
    let t = common::start(None, Limits::default()).await;
    let req = info_request(t.relay.local_network().unwrap().net());
    let resp = send_onion(&t, &req, &APP).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers();
    assert_eq!(h["content-type"], "application/octet-stream");
    assert_eq!(h["content-disposition"], "attachment");
    assert_eq!(h["cross-origin-resource-policy"], "same-origin");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let reply = onion::decode_node_reply(&req.reply_key, &resp.bytes().await.unwrap()).unwrap();
    assert_eq!(reply.status, 200);
    // Relay-made errors too are for this origin only.
    let resp = t.onion(&"ab".repeat(32), &b"x"[..]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        resp.headers()["cross-origin-resource-policy"],
        "same-origin"
    );
    t.relay.shutdown().await;
}

#[tokio::test]
async fn a_reply_past_the_cap_is_a_502() {
    let t = common::start(
        None,
        Limits {
            max_reply_bytes: 64,
            ..Limits::default()
        },
    )
    .await;
    let req = info_request(t.relay.local_network().unwrap().net());
    let resp = send_onion(&t, &req, &APP).await;
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(resp.headers()["x-relay-error"], "reply-too-large");
    t.relay.shutdown().await;
}

#[tokio::test]
async fn other_sites_cannot_post_through_a_visitors_browser() {
    let t = common::start(None, Limits::default()).await;
    let req = info_request(t.relay.local_network().unwrap().net());
    let seed_body = r#"{"method":"get_n_service_nodes","params":{}}"#;
    for headers in [
        vec![
            ("content-type", "application/octet-stream"),
            ("sec-fetch-site", "cross-site"),
        ],
        vec![
            ("content-type", "application/octet-stream"),
            ("sec-fetch-site", "same-site"),
        ],
        vec![("content-type", "text/plain")],
        vec![("content-type", "application/x-www-form-urlencoded")],
        vec![("content-type", "multipart/form-data; boundary=x")],
        vec![],
    ] {
        let resp = send_onion(&t, &req, &headers).await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(resp.headers()["x-relay-error"], "cross-site", "{headers:?}");
        let mut seed = common::http()
            .post(format!("{}/relay/v1/seed", t.base))
            .body(seed_body);
        for (name, value) in &headers {
            seed = seed.header(*name, *value);
        }
        let resp = seed.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "seed {headers:?}");
    }
    // What the app and the CLI send passes: octet-stream onions, JSON seed requests (with or
    // without a charset), from this origin or from no browser at all.
    for headers in [
        APP.to_vec(),
        vec![("content-type", "application/octet-stream")],
        vec![
            ("content-type", "application/octet-stream"),
            ("sec-fetch-site", "none"),
        ],
    ] {
        let req = info_request(t.relay.local_network().unwrap().net());
        let resp = send_onion(&t, &req, &headers).await;
        assert_eq!(resp.status(), StatusCode::OK, "{headers:?}");
    }
    for content_type in ["application/json", "application/json; charset=utf-8"] {
        let resp = common::http()
            .post(format!("{}/relay/v1/seed", t.base))
            .header("content-type", content_type)
            .header("sec-fetch-site", "same-origin")
            .body(seed_body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{content_type}");
    }
    t.relay.shutdown().await;
}
