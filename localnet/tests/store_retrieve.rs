//! `store` and `retrieve`: replication with per-member signatures, hashes, duplicates, the
//! validation order, TTL and clock windows, authentication, paging and expiry.

mod common;

use common::*;
use serde_json::{json, Value};
use session_localnet::rpc::errors;
use session_localnet::rules;

fn spec_hash_vector() -> (String, String, String) {
    let spec = session_testkit::spec("network.md");
    let start = spec.find("### 5.11").unwrap();
    let end = spec[start..].find("### 5.12").unwrap() + start;
    let ticks: Vec<&str> = spec[start..end].split('`').skip(1).step_by(2).collect();
    let pk = ticks
        .iter()
        .find(|t| t.len() == 66 && t.starts_with("05"))
        .unwrap();
    let data = ticks.iter().max_by_key(|t| t.len()).unwrap();
    let pos = ticks.iter().position(|t| t == data).unwrap();
    let hash = ticks[pos + 1..].iter().find(|t| t.len() == 43).unwrap();
    (pk.to_string(), data.to_string(), hash.to_string())
}

#[tokio::test]
async fn store_reaches_every_member_and_each_signs_the_hash() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let a = rpc(
        &members[1],
        "store",
        store_params(&user.session_id(), b"hi there", 60_000),
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let hash = a.body["hash"].as_str().unwrap();
    assert_eq!(hash, rules::message_hash(&user.pubkey33(), 0, b"hi there"));
    assert_eq!(hash.len(), 43);
    let swarm = a.body["swarm"].as_object().unwrap();
    assert_eq!(swarm.len(), members.len());
    for m in &members {
        let e = &swarm[&m.ed25519_hex()];
        assert_eq!(e["hash"], hash);
        assert!(e.get("already").is_none());
        assert!(node_signed(
            &m.ed25519_hex(),
            hash.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
        // A member's signature does not verify under another member's key.
        let other = members.iter().find(|o| o.index != m.index).unwrap();
        assert!(!node_signed(
            &other.ed25519_hex(),
            hash.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
    }
    assert!(
        swarm[&members[1].ed25519_hex()]["t"].is_u64(),
        "entry node's own t"
    );
    assert!(a.body["t"].is_u64() && a.body["hf"].is_array());
    for m in &members {
        assert_eq!(
            net.message_count(&m.ed25519_hex()),
            Some(1),
            "member {}",
            m.index
        );
        let r = rpc(m, "retrieve", retrieve_params(&user, 0)).await;
        assert_eq!(r.status, 200);
        let msg = &r.body["messages"][0];
        assert_eq!(msg["hash"], hash);
        assert_eq!(B64.decode_str(&msg["data"]), b"hi there");
        assert!(msg["expiration"].as_u64().unwrap() > msg["timestamp"].as_u64().unwrap());
    }
    net.shutdown().await;
}

trait DecodeStr {
    fn decode_str(&self, v: &Value) -> Vec<u8>;
}
impl DecodeStr for base64::engine::GeneralPurpose {
    fn decode_str(&self, v: &Value) -> Vec<u8> {
        use base64::Engine;
        self.decode(v.as_str().unwrap()).unwrap()
    }
}

#[tokio::test]
async fn stored_hash_matches_the_spec_vector() {
    let (net, _dir) = start().await;
    let (pk, data, hash) = spec_hash_vector();
    let pk33: [u8; 33] = hex::decode(&pk).unwrap().try_into().unwrap();
    let (members, _) = swarm_of(&net, &pk33);
    let p = json!({"pubkey": pk, "timestamp": now_ms(), "ttl": 60_000, "data": data});
    let a = rpc(&members[0], "store", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["hash"], hash);
    net.shutdown().await;
}

#[tokio::test]
async fn duplicate_store_says_already_and_only_extends_expiry() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let ts = now_ms();
    let p = |ttl: u64| json!({"pubkey": user.session_id(), "timestamp": ts, "ttl": ttl, "data": "aGVsbG8="});
    let first = rpc(&members[0], "store", p(60_000)).await;
    assert_eq!(first.status, 200);
    let again = rpc(&members[2], "store", p(120_000)).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["hash"], first.body["hash"]);
    for m in &members {
        let e = &again.body["swarm"][m.ed25519_hex()];
        assert_eq!(e["already"], true);
        assert_eq!(e["expiry"], ts + 120_000, "later expiry extends");
    }
    let shorter = rpc(&members[0], "store", p(30_000)).await;
    assert_eq!(
        shorter.body["swarm"][members[0].ed25519_hex()]["expiry"],
        ts + 120_000
    );
    let r = rpc(&members[3], "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!(
        r.body["messages"].as_array().unwrap().len(),
        1,
        "no second row"
    );
    net.shutdown().await;
}

#[tokio::test]
async fn store_ttl_and_clock_windows() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, outsider) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let now = now_ms();
    let store = |ts: u64, ttl: u64| json!({"pubkey": user.session_id(), "timestamp": ts, "ttl": ttl, "data": "eA=="});
    let day = 24 * 3600 * 1000u64;

    for ttl in [9_999, 14 * day + 1] {
        let a = rpc(n, "store", store(now, ttl)).await;
        assert_eq!(
            (a.status, a.text()),
            (403, in_spec(errors::STORE_TTL)),
            "ttl {ttl}"
        );
    }
    assert_eq!(rpc(n, "store", store(now, 14 * day)).await.status, 200);
    // Order: wrong swarm before TTL, TTL before clock.
    assert_eq!(rpc(&outsider, "store", store(now, 1)).await.status, 421);
    assert_eq!(rpc(n, "store", store(now + 3_600_000, 1)).await.status, 403);

    let a = rpc(n, "store", store(now + 11_000, 60_000)).await;
    assert_eq!((a.status, a.text()), (406, in_spec(errors::STORE_CLOCK)));
    let a = rpc(n, "store", store(now - 100_000, 80_000)).await;
    assert_eq!(a.status, 406, "expiry more than 10 s in the past");
    assert_eq!(
        rpc(n, "store", store(now + 8_000, 60_000)).await.status,
        200
    );
    let a = rpc(n, "store", store(now - 100_000, 95_000)).await;
    assert_eq!(a.status, 200, "expiry 5 s ago is within the tolerance");

    // Legacy stringified timestamp and ttl.
    let p = json!({"pubkey": user.session_id(), "timestamp": now.to_string(),
                   "ttl": "60000", "data": "eQ=="});
    assert_eq!(rpc(n, "store", p).await.status, 200);
    // Absolute expiry instead of ttl; both at once is an error.
    let p = json!({"pubkey": user.session_id(), "timestamp": now, "expiry": now + 60_000, "data": "eg=="});
    assert_eq!(rpc(n, "store", p).await.status, 200);
    let p = json!({"pubkey": user.session_id(), "timestamp": now, "expiry": now + 60_000, "ttl": 5, "data": "eg=="});
    let a = rpc(n, "store", p).await;
    assert_eq!(
        a.text(),
        "invalid request: Cannot specify both 'expiry' and 'ttl'"
    );
    let p = json!({"pubkey": user.session_id(), "timestamp": now, "data": "eg=="});
    let a = rpc(n, "store", p).await;
    assert_eq!(
        a.text(),
        "invalid request: Required field 'expiry' or 'ttl' missing"
    );
    net.shutdown().await;
}

#[tokio::test]
async fn store_data_rules() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let mut p = store_params(&user.session_id(), b"x", 60_000);
    p["data"] = "not base64!".into();
    let a = rpc(n, "store", p.clone()).await;
    assert_eq!(
        (a.status, a.text()),
        (
            400,
            "invalid request: Invalid 'data' value: not base64 encoded"
        )
    );
    let a = rpc(
        n,
        "store",
        store_params(&user.session_id(), &vec![7u8; 76_800], 60_000),
    )
    .await;
    assert_eq!(a.status, 200, "76 800 bytes is the limit");
    let a = rpc(
        n,
        "store",
        store_params(&user.session_id(), &vec![7u8; 76_801], 60_000),
    )
    .await;
    assert_eq!(a.status, 400);
    assert!(a.text().contains(in_spec(
        "Message body exceeds maximum allowed length of 76800 bytes"
    )));
    p["data"] = "eA==".into();
    p["timestamp"] = json!(1.5e12);
    let a = rpc(n, "store", p).await;
    assert_eq!(a.status, 400, "floats are not timestamps");
    net.shutdown().await;
}

#[tokio::test]
async fn signed_namespaces_need_a_valid_fresh_signature() {
    let (net, _dir) = start().await;
    let user = User::new();
    let other = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let now = now_ms();
    let signed = |signer: &User, sig_ts: u64| {
        let mut p = signer.auth(&format!("store2{sig_ts}"));
        p.insert("pubkey".into(), user.session_id().into());
        p.insert("namespace".into(), 2.into());
        p.insert("timestamp".into(), now.into());
        p.insert("sig_timestamp".into(), sig_ts.into());
        p.insert("ttl".into(), (30u64 * 24 * 3600 * 1000).into());
        p.insert("data".into(), "Y29uZmln".into());
        Value::Object(p)
    };
    let unsigned = json!({"pubkey": user.session_id(), "namespace": 2, "timestamp": now,
                          "ttl": 60_000, "data": "eA=="});
    let a = rpc(n, "store", unsigned).await;
    assert_eq!(
        (a.status, a.text()),
        (401, "store: signature required to store to namespace 2")
    );
    in_spec("store: signature required to store to namespace");
    let a = rpc(n, "store", signed(&user, now - 61_000)).await;
    assert_eq!((a.status, a.text()), (406, in_spec(errors::STORE_SIG_TIME)));
    let a = rpc(n, "store", signed(&user, now + 61_000)).await;
    assert_eq!(a.status, 406);
    let mut bad = signed(&user, now);
    bad["signature"] = user.sign(b"store3whatever").into();
    let a = rpc(n, "store", bad).await;
    assert_eq!((a.status, a.text()), (401, in_spec(errors::STORE_SIG)));
    // Someone else's Ed25519 key does not convert to this Session ID.
    let mut forged = signed(&other, now);
    forged["pubkey"] = user.session_id().into();
    assert_eq!(rpc(n, "store", forged).await.status, 401);
    let a = rpc(n, "store", signed(&user, now)).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    // Retrieve of ns 2 returns it to the owner.
    let r = rpc(&members[1], "retrieve", retrieve_params(&user, 2)).await;
    assert_eq!(r.body["messages"].as_array().unwrap().len(), 1);
    // A malformed signature is a parse error.
    let mut p = signed(&user, now);
    p["signature"] = "abc".into();
    let a = rpc(n, "store", p).await;
    assert_eq!(
        a.text(),
        format!(
            "invalid request: {}",
            in_spec("invalid signature: expected base64 encoded Ed25519 signature")
        )
    );
    net.shutdown().await;
}

#[tokio::test]
async fn group_accounts_sign_with_their_key_and_reject_pubkey_ed25519() {
    let (net, _dir) = start().await;
    let group = Group::new();
    let pk33: [u8; 33] = hex::decode(group.pubkey_hex()).unwrap().try_into().unwrap();
    let (members, _) = swarm_of(&net, &pk33);
    let now = now_ms();
    let p = json!({"pubkey": group.pubkey_hex(), "namespace": 11, "timestamp": now, "ttl": 60_000,
                   "data": "Z3JvdXA=", "signature": group.sign(format!("store11{now}").as_bytes())});
    let a = rpc(&members[0], "store", p.clone()).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let mut with_ed = p;
    with_ed["pubkey_ed25519"] = hex::encode([1u8; 32]).into();
    let a = rpc(&members[0], "store", with_ed).await;
    assert_eq!(a.status, 400);
    assert!(a.text().ends_with(in_spec(
        "pubkey_ed25519 is only permitted for 05[...] pubkeys"
    )));
    net.shutdown().await;
}

#[tokio::test]
async fn retrieve_authentication_rules() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let a = rpc(n, "retrieve", json!({"pubkey": user.session_id()})).await;
    assert_eq!(
        (a.status, a.text()),
        (401, in_spec(errors::RETRIEVE_NEEDS_SIG))
    );
    let a = rpc(
        n,
        "retrieve",
        json!({"pubkey": user.session_id(), "namespace": 2}),
    )
    .await;
    assert_eq!(
        (a.status, a.text()),
        (400, "invalid request: Required field 'signature' missing")
    );
    let ts = now_ms() - 61_000;
    let mut p = user.auth(&format!("retrieve{ts}"));
    p.insert("timestamp".into(), ts.into());
    let a = rpc(n, "retrieve", Value::Object(p)).await;
    assert_eq!((a.status, a.text()), (406, in_spec(errors::RETRIEVE_TIME)));
    let ts = now_ms();
    let mut p = user.auth(&format!("retrieve2{ts}"));
    p.insert("timestamp".into(), ts.into());
    let a = rpc(n, "retrieve", Value::Object(p)).await;
    assert_eq!(
        (a.status, a.text()),
        (401, in_spec(errors::RETRIEVE_SIG)),
        "signed ns 2, asked ns 0"
    );
    let mut p = retrieve_params(&user, 0);
    p["timestamp"] = 999_999_999u64.into();
    let a = rpc(n, "retrieve", p).await;
    assert_eq!(
        a.text(),
        format!(
            "invalid request: {}",
            "Invalid timestamp for 'timestamp': timestamp must be in milliseconds"
        )
    );
    in_spec("timestamp must be in milliseconds");
    // Legacy closed groups and public outboxes need no authentication.
    for ns in [-10, -21] {
        let a = rpc(
            n,
            "retrieve",
            json!({"pubkey": user.session_id(), "namespace": ns}),
        )
        .await;
        assert_eq!(a.status, 200, "ns {ns}: {:?}", a.body);
    }
    net.shutdown().await;
}

#[tokio::test]
async fn retrieve_pages_by_last_hash_and_limits() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let mut hashes = Vec::new();
    for i in 0..5u8 {
        let a = rpc(
            n,
            "store",
            store_params(&user.session_id(), &[i; 10], 60_000),
        )
        .await;
        hashes.push(a.body["hash"].as_str().unwrap().to_owned());
    }
    let got = |v: &Value| -> Vec<String> {
        v["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["hash"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = rpc(&members[2], "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!(got(&all.body), hashes, "insertion order");
    assert_eq!(all.body["more"], false);
    let mut p = retrieve_params(&user, 0);
    p["last_hash"] = hashes[1].clone().into();
    p["max_count"] = 2.into();
    let a = rpc(n, "retrieve", p.clone()).await;
    assert_eq!(got(&a.body), hashes[2..4].to_vec());
    assert_eq!(a.body["more"], true);
    p["last_hash"] = hashes[3].clone().into();
    let a = rpc(n, "retrieve", p.clone()).await;
    assert_eq!(got(&a.body), hashes[4..].to_vec());
    assert_eq!(a.body["more"], false);
    // An unknown last hash starts again from the beginning; an empty one is ignored.
    p["last_hash"] = rules::message_hash(&user.pubkey33(), 0, b"never stored").into();
    p["max_count"] = 0.into();
    assert_eq!(got(&rpc(n, "retrieve", p.clone()).await.body), hashes);
    p["last_hash"] = "".into();
    assert_eq!(got(&rpc(n, "retrieve", p.clone()).await.body), hashes);
    p["last_hash"] = "short".into();
    let a = rpc(n, "retrieve", p.clone()).await;
    assert_eq!(
        a.text(),
        "invalid request: Invalid last_hash: expected base64 (43 chars)"
    );
    in_spec("Invalid last_hash: expected base64 (43 chars)");
    // A byte limit returns at least one message and says there is more.
    p["last_hash"] = "".into();
    p["max_size"] = 1.into();
    let a = rpc(n, "retrieve", p.clone()).await;
    assert_eq!(got(&a.body), hashes[..1].to_vec());
    assert_eq!(a.body["more"], true);
    // The extremes of the integers are limits like any other, not a crash.
    for (count, size) in [(i64::MAX, i64::MIN), (i64::MIN, i64::MAX), (i64::MAX, -1)] {
        p["max_count"] = count.into();
        p["max_size"] = size.into();
        let a = rpc(n, "retrieve", p.clone()).await;
        assert_eq!(
            a.status, 200,
            "max_count {count}, max_size {size}: {:?}",
            a.body
        );
    }
    net.shutdown().await;
}

#[tokio::test]
async fn messages_disappear_at_expiry_and_outboxes_keep_one() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let a = rpc(
        n,
        "store",
        store_params(&user.session_id(), b"short lived", 10_000),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        rpc(n, "retrieve", retrieve_params(&user, 0)).await.body["messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Ten seconds later as the node sees it, the message is gone.
    net.faults()
        .set_clock_skew(&n.ed25519_hex(), 10_500)
        .unwrap();
    let r = rpc(n, "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!(r.status, 200);
    assert!(r.body["messages"].as_array().unwrap().is_empty());
    assert_eq!(net.message_count(&n.ed25519_hex()), Some(0));
    net.faults().set_clock_skew(&n.ed25519_hex(), 0).unwrap();

    // Public outbox (-21): a new message replaces the previous one.
    for body in [b"first".as_slice(), b"second"] {
        let now = now_ms();
        let mut p = user.auth(&format!("store-21{now}"));
        p.insert("namespace".into(), (-21).into());
        p.insert("timestamp".into(), now.into());
        p.insert("ttl".into(), 60_000.into());
        p.insert("data".into(), B64.encode_str(body).into());
        let a = rpc(n, "store", Value::Object(p)).await;
        assert_eq!(a.status, 200, "{:?}", a.body);
    }
    let a = rpc(
        n,
        "retrieve",
        json!({"pubkey": user.session_id(), "namespace": -21}),
    )
    .await;
    let msgs = a.body["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1);
    assert_eq!(B64.decode_str(&msgs[0]["data"]), b"second");
    net.shutdown().await;
}

trait EncodeStr {
    fn encode_str(&self, b: &[u8]) -> String;
}
impl EncodeStr for base64::engine::GeneralPurpose {
    fn encode_str(&self, b: &[u8]) -> String {
        use base64::Engine;
        self.encode(b)
    }
}

#[tokio::test]
async fn envelope_errors() {
    let (net, _dir) = start().await;
    let n = &net.nodes()[0];
    let url = format!("{}/storage_rpc/v1", n.https_url());
    let a = post_raw(&url, b"{not json".to_vec()).await;
    assert_eq!((a.status, a.text()), (400, in_spec(errors::INVALID_JSON)));
    assert_eq!(a.content_type, "text/plain");
    let a = post_raw(&url, br#"{"params": {}}"#.to_vec()).await;
    assert_eq!((a.status, a.text()), (400, in_spec(errors::NO_METHOD)));
    let a = post_raw(&url, br#"{"method": "info", "params": []}"#.to_vec()).await;
    assert_eq!((a.status, a.text()), (400, in_spec(errors::NO_PARAMS)));
    let a = post_raw(&url, br#"{"method": "frobnicate", "params": {}}"#.to_vec()).await;
    assert_eq!((a.status, a.text()), (400, "no method frobnicate"));
    let a = post_raw(
        &url,
        br#"{"jsonrpc": "2.0", "method": "info", "params": {}}"#.to_vec(),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.content_type, "application/json");
    let res = client()
        .post(&url)
        .header("X-Loki-Long-Poll", "true")
        .body(r#"{"method": "info", "params": {}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 410);
    assert_eq!(res.text().await.unwrap(), in_spec(errors::LONG_POLL));
    let a = post_raw(&url, vec![b' '; 10 * 1024 * 1024 + 1]).await;
    assert_eq!((a.status, a.text()), (413, in_spec(errors::TOO_LARGE)));
    net.shutdown().await;
}
