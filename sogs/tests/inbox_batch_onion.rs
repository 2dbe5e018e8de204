//! Blinded DMs, batch/sequence, and the onion v4 entry point.

mod common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use common::{account, start, Signing};
use serde_json::{json, Map, Value};
use session_core::community::auth::{sign_request, AuthMode, SogsRequest};
use session_core::onion::{self, v4, Destination, EncType, Hop, Instruction};

#[tokio::test]
async fn inbox_and_outbox_between_two_accounts() {
    let s = start().await;
    let (alice, bob) = (account(1), account(2));
    let bob_id = s.blinded_id(&bob);
    let msg = json!({"message": B64.encode(b"secret")});
    // Bob has never been seen by the server: 404.
    let r = s
        .as_user(&alice, "POST", &format!("/inbox/{bob_id}"), Some(&msg))
        .await;
    assert_eq!(r.status, 404);
    // Empty inbox: 304.
    assert_eq!(s.as_user(&bob, "GET", "/inbox", None).await.status, 304);

    let r = s
        .as_user(&alice, "POST", &format!("/inbox/{bob_id}"), Some(&msg))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let sent = r.json();
    assert_eq!(sent["sender"], s.blinded_id(&alice));
    assert_eq!(sent["recipient"], bob_id);
    assert!(sent.get("message").is_none());
    let expiry = sent["expires_at"].as_f64().unwrap() - sent["posted_at"].as_f64().unwrap();
    assert!((expiry - 15.0 * 86400.0).abs() < 1.0);

    let inbox = s.as_user(&bob, "GET", "/inbox", None).await.json();
    assert_eq!(inbox[0]["message"], B64.encode(b"secret"));
    assert_eq!(inbox[0]["sender"], s.blinded_id(&alice));
    let id = inbox[0]["id"].as_i64().unwrap();
    assert_eq!(
        s.as_user(&bob, "GET", &format!("/inbox/since/{id}"), None)
            .await
            .status,
        304
    );
    let outbox = s.as_user(&alice, "GET", "/outbox", None).await.json();
    assert_eq!(outbox[0]["id"], id);
    assert_eq!(
        s.as_user(&alice, "GET", &format!("/outbox/since/{id}"), None)
            .await
            .status,
        304
    );
    assert_eq!(s.as_user(&alice, "GET", "/inbox", None).await.status, 304);

    // No message field: 400.
    let r = s
        .as_user(
            &alice,
            "POST",
            &format!("/inbox/{bob_id}"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = s.as_user(&bob, "DELETE", "/inbox", None).await;
    assert_eq!(r.json(), json!({"deleted": 1}));
    assert_eq!(s.as_user(&bob, "GET", "/inbox", None).await.status, 304);
}

#[tokio::test]
async fn batch_runs_all_and_sequence_stops_at_first_failure() {
    let s = start().await;
    let alice = account(1);
    let post = s.post_body(&alice, b"batched");
    let list = json!([
        {"method": "GET", "path": "/capabilities"},
        {"method": "GET", "path": "/room/missing"},
        {"method": "POST", "path": "/room/lobby/message", "json": post},
    ]);
    let r = s.as_user(&alice, "POST", "/batch", Some(&list)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let out = r.json();
    let codes: Vec<u64> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [200, 404, 201]);
    assert_eq!(out[0]["body"]["capabilities"][0], "blind");
    assert_eq!(out[2]["body"]["session_id"], s.blinded_id(&alice));

    let r = s.as_user(&alice, "POST", "/sequence", Some(&list)).await;
    let codes: Vec<u64> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [200, 404]);
    // Only the batch's post landed.
    let recent = s
        .call(None, "GET", "/room/lobby/messages/recent", None)
        .await
        .json();
    assert_eq!(recent.as_array().unwrap().len(), 1);

    assert_eq!(
        s.as_user(&alice, "POST", "/batch", Some(&json!([])))
            .await
            .status,
        400
    );
    assert_eq!(
        s.as_user(&alice, "POST", "/batch", Some(&json!([{"path": "/rooms"}])))
            .await
            .status,
        400
    );
    // Without auth, subrequests that need it answer 401 inside the batch.
    let r = s
        .call(
            None,
            "POST",
            "/batch",
            Some(&json!([{"method": "GET", "path": "/inbox"}])),
        )
        .await;
    assert_eq!(r.json()[0]["code"], 401);
}

/// Wraps a v4 request for the server through one hop, peels the hop as a node would, and
/// returns the exit's payload plus the reply key.
fn onion_request(server_pk: [u8; 32], payload: &[u8]) -> (Vec<u8>, onion::LayerKey) {
    let hop_secret = [7u8; 32];
    let hop = Hop {
        ed25519: [9u8; 32],
        x25519: session_core::crypto::keys::x25519_public(&hop_secret),
    };
    let dest = Destination::Server {
        host: "127.0.0.1".into(),
        target: "/oxen/v4/lsrpc".into(),
        protocol: "http".into(),
        port: 80,
        x25519: server_pk,
    };
    let req = onion::build(
        &[hop],
        &dest,
        payload,
        EncType::XChaCha20,
        &mut rand_core::OsRng,
    )
    .unwrap();
    let layer = onion::peel(&hop_secret, &req.body).unwrap();
    match onion::route(&layer.plaintext).unwrap() {
        Instruction::ToServer { payload, .. } => (payload, req.reply_key),
        other => panic!("unexpected instruction {other:?}"),
    }
}

#[tokio::test]
async fn onion_v4_requests_reach_the_same_handlers() {
    let s = start().await;
    let alice = account(1);
    let post = s.post_body(&alice, b"via onion").to_string().into_bytes();
    let target = "/room/lobby/message";
    let auth = sign_request(
        &*alice.ed25519_seed(),
        &s.pk(),
        AuthMode::Blinded,
        &SogsRequest {
            method: "POST",
            target,
            body: &post,
        },
        common::now_s(),
        &mut rand_core::OsRng,
    )
    .unwrap();
    let mut headers: Map<String, Value> = auth.to_json();
    headers.insert("Content-Type".into(), "application/json".into());
    let payload = v4::encode_request("POST", target, &headers, Some(&post));
    let (body, key) = onion_request(s.pk(), &payload);
    let r = s.raw("POST", "/oxen/v4/lsrpc", &[], body).await;
    assert_eq!(r.status, 200);
    let reply = onion::decode_server_reply(&key, &r.body).unwrap();
    assert_eq!(reply.code, 201, "{}", String::from_utf8_lossy(&reply.body));
    let msg: Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(msg["session_id"], s.blinded_id(&alice));

    // An unauthenticated GET through the onion, and a failing one keeps its status.
    let (body, key) = onion_request(
        s.pk(),
        &v4::encode_request("GET", "/room/nope", &Map::new(), None),
    );
    let r = s.raw("POST", "/oxen/v4/lsrpc", &[], body).await;
    assert_eq!(onion::decode_server_reply(&key, &r.body).unwrap().code, 404);

    // Garbage is a plain 400, not a panic.
    let r = s
        .raw("POST", "/oxen/v4/lsrpc", &[], b"garbage".to_vec())
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn hex_nonce_and_tampered_body_handling() {
    let s = start().await;
    let alice = account(1);
    let body = s.post_body(&alice, b"x").to_string().into_bytes();
    let mut h = s.auth_headers(Signing::new(&alice), "POST", "/room/lobby/message", &body);
    // The body hash is signed: a different body fails verification.
    let other = s.post_body(&alice, b"y").to_string().into_bytes();
    assert_eq!(
        s.raw("POST", "/room/lobby/message", &h, other).await.status,
        401
    );
    // The same nonce in hex is still the same nonce: replay.
    for (k, v) in h.iter_mut() {
        if k == "X-SOGS-Nonce" {
            *v = hex::encode(B64.decode(&*v).unwrap());
        }
    }
    assert_eq!(
        s.raw("POST", "/room/lobby/message", &h, body).await.status,
        425
    );
}
