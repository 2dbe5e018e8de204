//! `/onion_req/v2`: real onion requests built by session-core through three hops, in both
//! suites; final-destination replies; relay errors (unknown next hop, hop limit, bad envelope).

mod common;

use common::onion::*;
use common::*;
use serde_json::{json, Value};
use session_core::onion::{self as core_onion, EncType};
use session_core::rpc as core_rpc;

fn store_request(user: &User, data: &[u8]) -> Value {
    let account = user.pubkey33();
    let msg = core_rpc::StoreMessage {
        account: &account,
        namespace: 0,
        data,
        timestamp_ms: now_ms(),
        ttl_ms: 60_000,
        sig_timestamp_ms: None,
    };
    core_rpc::store(&msg, None).unwrap().to_json()
}

fn retrieve_request(user: &User) -> Value {
    let account = user.pubkey33();
    let q = core_rpc::RetrieveQuery {
        account: &account,
        namespace: 0,
        last_hash: None,
        max_count: None,
        max_size: None,
        timestamp_ms: now_ms(),
    };
    core_rpc::retrieve(&q, Some(&core_rpc::Auth::Owner(&user.key)))
        .unwrap()
        .to_json()
}

#[tokio::test]
async fn store_and_retrieve_through_three_hops_in_both_suites() {
    let (net, _dir) = start().await;
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        let user = User::new();
        let (members, _) = swarm_of(&net, &user.pubkey33());
        let path = path_avoiding(&net, members[0].swarm_id);
        let path: Vec<&_> = path.iter().collect();
        let (status, body) = rpc_via(
            &net,
            &path,
            &members[0],
            &store_request(&user, b"onion!"),
            enc,
        )
        .await;
        assert_eq!(status, 200, "{enc:?}: {body:?}");
        let hash = body["hash"].as_str().unwrap();
        assert_eq!(hash, core_rpc::message_hash(&user.pubkey33(), 0, b"onion!"));
        assert_eq!(body["swarm"].as_object().unwrap().len(), members.len());
        let (status, body) = rpc_via(&net, &path, &members[1], &retrieve_request(&user), enc).await;
        assert_eq!(status, 200);
        assert_eq!(body["messages"][0]["hash"], hash);
    }
    net.shutdown().await;
}

#[tokio::test]
async fn destination_errors_travel_inside_an_http_200() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, outsider) = swarm_of(&net, &user.pubkey33());
    let path = path_avoiding(&net, members[0].swarm_id);
    let path: Vec<&_> = path.iter().filter(|n| n.index != outsider.index).collect();
    // Wrong swarm: 421 with the right swarm, inside the encrypted reply.
    let (status, body) = rpc_via(
        &net,
        &path[..2],
        &outsider,
        &store_request(&user, b"x"),
        EncType::XChaCha20,
    )
    .await;
    assert_eq!(status, 421);
    assert_eq!(body["swarm"], format!("{:x}", members[0].swarm_id));
    // Bad signature: 401 with its text.
    let mut req = retrieve_request(&user);
    req["params"]["signature"] = user.sign(b"wrong").into();
    let (status, body) = rpc_via(&net, &path[..2], &members[0], &req, EncType::AesGcm).await;
    assert_eq!(status, 401);
    assert_eq!(body, session_localnet::rpc::errors::RETRIEVE_SIG);
    // Clock: a store from the future is 406.
    let mut req = store_request(&user, b"y");
    req["params"]["timestamp"] = (now_ms() + 3_600_000).into();
    req["params"]["ttl"] = 60_000.into();
    let (status, _) = rpc_via(&net, &path[..2], &members[0], &req, EncType::AesGcm).await;
    assert_eq!(status, 406);
    // Not JSON at all: 400 "invalid json".
    let onion_req = to_node(&path[..1], &members[0], b"nope", EncType::AesGcm);
    let (status, body) = send(&net, &onion_req).await;
    assert_eq!(status, 200);
    let reply = core_onion::decode_node_reply(&onion_req.reply_key, &body).unwrap();
    assert_eq!((reply.status, reply.body.as_str()), (400, "invalid json"));
    net.shutdown().await;
}

#[tokio::test]
async fn unknown_next_hop_is_502_next_node_not_found() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let nodes = path_avoiding(&net, members[0].swarm_id);
    let stranger_key = ed25519_dalek::SigningKey::from_bytes(&[42u8; 32]);
    let stranger = session_localnet::NodeInfo {
        index: 99,
        ed25519: stranger_key.verifying_key().to_bytes(),
        x25519: stranger_key.verifying_key().to_montgomery().to_bytes(),
        ip: std::net::Ipv4Addr::LOCALHOST,
        port: 1,
        swarm_id: 0,
    };
    let req = to_node(
        &[&nodes[0], &stranger, &nodes[1]],
        &members[0],
        b"{}",
        EncType::AesGcm,
    );
    let (status, body) = send(&net, &req).await;
    assert_eq!(status, 502);
    let text = String::from_utf8(body).unwrap();
    let prefix = in_spec("Next node not found: ");
    assert_eq!(text, format!("{prefix}{}", hex::encode(stranger.ed25519)));
    net.shutdown().await;
}

#[tokio::test]
async fn malformed_envelopes_and_wrong_keys() {
    let (net, _dir) = start().await;
    let n = net.nodes()[0].clone();
    let (status, body) = send_to(&n, b"\x05\x00\x00\x00ab".to_vec()).await;
    assert_eq!(status, 400);
    assert!(String::from_utf8(body)
        .unwrap()
        .starts_with(in_spec("Error parsing onion request: ")));
    // Encrypted for another node: the guard cannot decrypt it.
    let other = net.nodes()[1].clone();
    let dest = net.nodes()[2].clone();
    let req = to_node(&[&other], &dest, b"{}", EncType::XChaCha20);
    let (status, body) = send_to(&n, req.body).await;
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (400, in_spec("Invalid ciphertext"))
    );
    net.shutdown().await;
}

/// Rewrites the guard envelope's starting hop number.
fn with_hop_no(body: &[u8], hop_no: u64) -> Vec<u8> {
    let (blob, mut json) = core_onion::parse_combined(body).unwrap();
    json.insert("hop_no".into(), hop_no.into());
    core_onion::encode_combined(blob, &Value::Object(json))
}

#[tokio::test]
async fn relays_enforce_the_hop_limit() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let p = path_avoiding(&net, members[0].swarm_id);
    let path: Vec<&_> = p.iter().collect();
    // The destination is the fourth node: it receives hop_no start + 3.
    let req = to_node(
        &path,
        &members[0],
        json!({"method": "info", "params": {}})
            .to_string()
            .as_bytes(),
        EncType::AesGcm,
    );
    let (status, body) = send_to(path[0], with_hop_no(&req.body, 12)).await;
    assert_eq!(status, 200);
    assert_eq!(
        core_onion::decode_node_reply(&req.reply_key, &body)
            .unwrap()
            .status,
        200
    );
    let req = to_node(
        &path,
        &members[0],
        json!({"method": "info", "params": {}})
            .to_string()
            .as_bytes(),
        EncType::AesGcm,
    );
    let (status, body) = send_to(path[0], with_hop_no(&req.body, 13)).await;
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (400, in_spec("onion request max path length exceeded"))
    );
    // The largest hop number cannot overflow the counter: the next hop refuses it.
    let (status, body) = send_to(path[0], with_hop_no(&req.body, u64::MAX)).await;
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (400, "onion request max path length exceeded")
    );
    net.shutdown().await;
}

#[test]
fn node_rules_agree_with_session_core() {
    let mut rng = rand_core::OsRng;
    for _ in 0..64 {
        let mut pk = [0u8; 33];
        rand_core::RngCore::fill_bytes(&mut rng, &mut pk);
        pk[0] = 5;
        let data = pk[1..9].to_vec();
        for ns in [0i16, 2, -10, 11] {
            assert_eq!(
                session_localnet::rules::message_hash(&pk, ns, &data),
                core_rpc::message_hash(&pk, ns, &data)
            );
        }
        let mut ids: Vec<u64> = (0..5)
            .map(|_| rand_core::RngCore::next_u64(&mut rng))
            .collect();
        ids.sort_unstable();
        assert_eq!(
            session_localnet::rules::swarm_for(&pk, &ids),
            session_core::swarm::swarm_for(&pk, &ids)
        );
    }
}
