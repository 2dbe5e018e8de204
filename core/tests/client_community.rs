//! Community requests through the engine over the simulated network: signed by the account
//! (blinded on blinding servers) with the network time of each attempt, checked here as the
//! server checks them, and a poll batch read back through the poll state.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use client_sim::*;
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{json, Value};
use session_core::community::api::{self, BatchReply};
use session_core::community::auth::{message_to_sign, signing_path, AuthMode};
use session_core::community::dm::own_blinded_id;
use session_core::community::poll::ServerPoll;
use session_core::community::url::{JoinLink, ServerKey};
use session_core::onion::v4::V4Request;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// What a community server checks of a request: the X-SOGS signature over the request under
/// the key it names, and a nonce never seen before. Returns the key's ID.
fn verified(req: &V4Request, server: &[u8; 32], nonces: &mut HashSet<String>) -> Option<String> {
    let header = |name: &str| {
        req.headers
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let pubkey = hex::decode(header("X-SOGS-Pubkey")?).ok()?;
    let nonce_text = header("X-SOGS-Nonce")?;
    let nonce: [u8; 16] = B64.decode(&nonce_text).ok()?.try_into().ok()?;
    let ts: u64 = header("X-SOGS-Timestamp")?.parse().ok()?;
    let sig: [u8; 64] = B64
        .decode(header("X-SOGS-Signature")?)
        .ok()?
        .try_into()
        .ok()?;
    let body = req.body.clone().unwrap_or_default();
    let msg = message_to_sign(
        server,
        &nonce,
        ts,
        &req.method,
        &signing_path(&req.endpoint).ok()?,
        &body,
    );
    let key = VerifyingKey::from_bytes(pubkey.get(1..)?.try_into().ok()?).ok()?;
    key.verify_strict(&msg, &Signature::from_bytes(&sig)).ok()?;
    nonces.insert(nonce_text).then(|| hex::encode(&pubkey))
}

#[test]
fn requests_are_signed_blinded_and_fresh_for_every_attempt() {
    let sim = Sim::new(24, 6, 51);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let seen = Rc::new(RefCell::new(Vec::<Option<String>>::new()));
    let key = Rc::new(RefCell::new([0u8; 32]));
    let (log, server_key) = (seen.clone(), key.clone());
    let mut nonces = HashSet::new();
    let mut refused_once = false;
    let server = sim.add_server(
        "sogs.local",
        80,
        Box::new(move |req, _| {
            let who = verified(req, &server_key.borrow(), &mut nonces);
            log.borrow_mut().push(who.clone());
            match who {
                None => (401, b"bad signature".to_vec()),
                // The first post is refused for its time: the engine resyncs and signs again.
                Some(_) if req.method == "POST" && !refused_once => {
                    refused_once = true;
                    (425, b"Timestamp too far".to_vec())
                }
                Some(id) => (200, json!({ "you": id }).to_string().into_bytes()),
            }
        }),
    );
    *key.borrow_mut() = server.x25519;
    let link = JoinLink::new("http://sogs.local", "Lobby", ServerKey(server.x25519)).unwrap();
    block_on(a.connect()).unwrap();

    let ours = own_blinded_id(&alice, &server.x25519, false)
        .unwrap()
        .to_hex();
    let reply =
        block_on(a.community_call(&alice, &link, AuthMode::Blinded, &api::room(link.token())))
            .unwrap();
    assert_eq!(reply.code, 200);
    let answer: Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(answer["you"], ours.as_str(), "the blinded key signed it");

    let post = api::post(link.token(), b"data", &[0; 64], &[]);
    let reply = block_on(a.community_call(&alice, &link, AuthMode::Blinded, &post)).unwrap();
    assert_eq!(reply.code, 200, "the rebuilt request went through");
    let requests = sim.server_requests("sogs.local");
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].endpoint, "/room/Lobby");
    assert_ne!(
        requests[1].headers["X-SOGS-Nonce"], requests[2].headers["X-SOGS-Nonce"],
        "a new nonce for the new attempt"
    );
    assert!(
        seen.borrow().iter().all(Option::is_some),
        "every request verified"
    );

    let unblinded =
        block_on(a.community_call(&alice, &link, AuthMode::Unblinded, &api::rooms())).unwrap();
    let answer: Value = serde_json::from_slice(&unblinded.body).unwrap();
    assert_eq!(
        answer["you"],
        format!("00{}", hex::encode(alice.ed25519_public()))
    );
}

#[test]
fn a_poll_batch_goes_out_and_comes_back_as_events() {
    let sim = Sim::new(24, 6, 52);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let server = sim.add_server(
        "rooms.local",
        8080,
        Box::new(|req, _| {
            let asked: Vec<Value> = serde_json::from_slice(req.body.as_deref().unwrap_or(b"[]")).unwrap_or_default();
            let answers: Vec<Value> = asked
                .iter()
                .map(|r| match r["path"].as_str().unwrap_or("") {
                    "/capabilities" => json!({"code": 200, "headers": {"content-type": "application/json"}, "body": {"capabilities": ["sogs", "blind"]}}),
                    p if p.contains("/messages/recent") => json!({"code": 200, "headers": {"content-type": "application/json"},
                        "body": [{"id": 7, "seqno": 3, "deleted": true, "data": null}]}),
                    p if p.contains("/pollInfo/") => json!({"code": 200, "headers": {"content-type": "application/json"},
                        "body": {"token": "lobby", "active_users": 1, "read": true, "write": true, "upload": true}}),
                    _ => json!({"code": 304, "headers": {}, "body": null}),
                })
                .collect();
            (200, Value::Array(answers).to_string().into_bytes())
        }),
    );
    let link = JoinLink::new("http://rooms.local:8080", "lobby", ServerKey(server.x25519)).unwrap();
    block_on(a.connect()).unwrap();
    let mut poll = ServerPoll::default();
    poll.join(link.token());
    let batch = api::batch(&poll.requests(), false);
    let reply = block_on(a.community_call(&alice, &link, AuthMode::Blinded, &batch)).unwrap();
    let out = poll.apply(&BatchReply::parse_list(&reply.body).unwrap());
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(out.events.len(), 1);
    assert!(out.events[0].message.deleted);
    assert_eq!(poll.rooms["lobby"].seqno, Some(3));
    assert!(poll.capabilities.as_ref().unwrap().blinds());
    let seen = sim.server_requests("rooms.local");
    assert_eq!(seen[0].endpoint, "/batch");
    assert_eq!(seen[0].headers["Content-Type"], "application/json");
}
