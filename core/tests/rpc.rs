//! Storage RPC: the spec's signing and hash vectors, request builders, response parsers, and
//! parsers fed random and mutated bytes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Value};
use session_core::rpc::response::*;
use session_core::rpc::*;
use session_testkit::{spec, spec_table};

const T: u64 = 1_700_000_000_000;

fn row<'a>(table: &'a [Vec<String>], label: &str) -> &'a str {
    &table
        .iter()
        .find(|r| r[0].starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}"))[1]
}

fn section(start: &str, end: &str) -> String {
    let text = spec("network.md");
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &text[from..];
    let to = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    rest[..to].to_owned()
}

fn backticks(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The spec's §5.3 key (seed 00 01 … 1f) and its Session ID.
fn spec_user() -> (SigningKey, [u8; 33]) {
    let seed: [u8; 32] = std::array::from_fn(|i| i as u8);
    let key = SigningKey::from_bytes(&seed);
    let mut id = [0x05; 33];
    id[1..].copy_from_slice(key.verifying_key().to_montgomery().as_bytes());
    (key, id)
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(11)
}

fn verify(vk: &[u8; 32], msg: &[u8], sig_b64: &Value) -> bool {
    let sig: [u8; 64] = STANDARD
        .decode(sig_b64.as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    ed25519_dalek::VerifyingKey::from_bytes(vk)
        .unwrap()
        .verify(msg, &Signature::from_bytes(&sig))
        .is_ok()
}

fn hash(i: u8) -> String {
    message_hash(&[5; 33], 0, &[i])
}

// ---- spec §5.3, §5.11 ----

#[test]
fn spec_signing_table() {
    let t = spec_table("network.md", "**DERIVED** signing vectors");
    let (key, id) = spec_user();
    assert_eq!(
        hex::encode(key.verifying_key().as_bytes()),
        row(&t, "Ed25519 pubkey")
    );
    assert_eq!(hex::encode(&id[1..]), row(&t, "X25519 pubkey"));
    assert_eq!(hex::encode(id), row(&t, "Session ID"));

    let sig_rows: Vec<(String, String)> = t
        .iter()
        .filter_map(|r| {
            let msg = r[0].strip_prefix("sig(\"")?.split("\")").next()?;
            Some((msg.to_owned(), r[1].clone()))
        })
        .collect();
    assert_eq!(sig_rows.len(), 5);
    for (msg, expected) in &sig_rows {
        assert_eq!(&sign(&key, msg.as_bytes()), expected, "{msg}");
    }
    let ts: u64 = sig_rows[0]
        .0
        .trim_start_matches(|c: char| !c.is_ascii_digit())[..13]
        .parse()
        .unwrap();
    let ours = [
        sig::retrieve(0, ts),
        sig::retrieve(2, ts),
        sig::store(3, ts),
        sig::delete_all(NamespaceSel::All, ts),
        sig::get_expiries::<&str>(ts, &[]),
    ];
    for m in &ours {
        let m = String::from_utf8(m.clone()).unwrap();
        assert!(
            sig_rows.iter().any(|(msg, _)| *msg == m),
            "{m} not in the table"
        );
    }

    // The builders put exactly those signatures into the requests.
    let auth = Auth::Owner(&key);
    let expected = |m: &[u8]| {
        let m = String::from_utf8(m.to_vec()).unwrap();
        sig_rows
            .iter()
            .find(|(msg, _)| *msg == m)
            .unwrap()
            .1
            .clone()
    };
    let store_req = store(
        &StoreMessage {
            account: &id,
            namespace: 3,
            data: b"config",
            timestamp_ms: ts,
            ttl_ms: 86_400_000,
            sig_timestamp_ms: None,
        },
        Some(&auth),
    )
    .unwrap();
    assert_eq!(store_req.params()["signature"], expected(&ours[2]));
    assert_eq!(
        store_req.params()["pubkey_ed25519"],
        row(&t, "Ed25519 pubkey")
    );
    assert_eq!(store_req.params()["pubkey"], row(&t, "Session ID"));
    for (ns, msg) in [(0, &ours[0]), (2, &ours[1])] {
        let q = RetrieveQuery {
            account: &id,
            namespace: ns,
            last_hash: None,
            max_count: None,
            max_size: None,
            timestamp_ms: ts,
        };
        let r = retrieve(&q, Some(&auth)).unwrap();
        assert_eq!(r.params()["signature"], expected(msg));
        assert_eq!(r.params()["timestamp"], ts);
    }
    let d = delete_all(&id, NamespaceSel::All, ts, &auth).unwrap();
    assert_eq!(d.params()["signature"], expected(&ours[3]));
    assert_eq!(d.params()["namespace"], "all");
    let g = get_expiries::<&str>(&id, &[], ts, &auth).unwrap();
    assert_eq!(g.params()["signature"], expected(&ours[4]));
}

#[test]
fn spec_namespace_rendering_rule() {
    let text = section("### 5.3", "| Method");
    assert!(text.contains("**empty string when the namespace is 0**"));
    assert_eq!(sig::retrieve(0, 5), b"retrieve5");
    assert_eq!(sig::retrieve(-10, 5), b"retrieve-105");
    assert_eq!(sig::delete_all(NamespaceSel::One(0), 5), b"delete_all5");
    assert_eq!(
        sig::delete_before(NamespaceSel::All, 5),
        b"delete_beforeall5"
    );
    assert_eq!(
        sig::expire("shorten", &[7, 8], &["a", "b"]),
        b"expireshorten78ab"
    );
    assert_eq!(sig::delete(&["h1", "h2"]), b"deleteh1h2");
    assert_eq!(sig::expire_all(NamespaceSel::One(3), 9), b"expire_all39");
    let tok = [7u8; 36];
    let mut expected = b"revoke_subaccount5".to_vec();
    expected.extend_from_slice(&tok);
    assert_eq!(sig::revoke_subaccount(5, &[tok]), expected);
    assert!(sig::unrevoke_subaccount(5, &[tok]).starts_with(b"unrevoke_subaccount5"));
}

#[test]
fn spec_message_hashes() {
    let text = section("### 5.11", "Consequences");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The storage server's vector: pubkey, base64 data → hash.
    let ss = flat.split("Vectors: SS").nth(1).unwrap();
    let ticks = backticks(ss);
    let pubkey: [u8; 33] = hex::decode(&ticks[1]).unwrap().try_into().unwrap();
    let data = STANDARD.decode(&ticks[2]).unwrap();
    assert_eq!(message_hash(&pubkey, 0, &data), ticks[3]);
    assert_eq!(ticks[3].len(), HASH_LEN);
    assert!(is_valid_hash(&ticks[3]));
    // The derived ones: the §5.3 Session ID, data "hello".
    let (_, id) = spec_user();
    let derived = flat.split("**DERIVED**").nth(1).unwrap();
    let data = backticks(derived)[0].clone();
    let mut found = 0;
    for part in derived.split("ns ").skip(1) {
        let (ns, rest) = part.split_once(" → ").unwrap();
        let ns: i16 = ns.replace('−', "-").parse().unwrap();
        let expected = backticks(rest)[0].clone();
        assert_eq!(message_hash(&id, ns, data.as_bytes()), expected, "ns {ns}");
        found += 1;
    }
    assert_eq!(found, 3);
}

#[test]
fn hash_validity() {
    assert!(is_valid_hash(&hash(1)));
    assert!(!is_valid_hash(&hash(1)[1..]));
    assert!(!is_valid_hash(&format!("{}=", &hash(1)[1..])));
    assert!(!is_valid_hash(&format!("-{}", &hash(1)[1..])));
}

#[test]
fn namespace_classes_follow_the_spec_table() {
    let table = spec_table("network.md", "### 5.12");
    let rule = |class: &str| row(&table, class).to_owned();
    assert!(rule("public inbox").contains("n mod 10 = 0"));
    assert!(rule("public outbox").contains("(−n) mod 20 = 1"));
    assert!(rule("unrevocable").contains("(−n) mod 100 = 11"));
    for ns in [0, -10, 10, 20, -20] {
        assert!(namespace::is_public_inbox(ns));
        assert!(!namespace::store_requires_signature(ns));
    }
    for ns in [-1, -21, -41] {
        assert!(namespace::is_public_outbox(ns));
        assert!(!namespace::retrieve_requires_signature(ns));
    }
    for ns in [-11, -111] {
        assert!(namespace::is_unrevocable(ns));
    }
    assert!(!namespace::retrieve_requires_signature(-10));
    for ns in [0, 2, 3, 11, -11, i16::MIN, i16::MAX] {
        assert!(namespace::retrieve_requires_signature(ns));
    }
    assert!(!namespace::is_public_outbox(1) && !namespace::is_unrevocable(11));
}

// ---- request builders ----

#[test]
fn store_builder() {
    let (key, id) = spec_user();
    let msg = StoreMessage {
        account: &id,
        namespace: 0,
        data: b"hello",
        timestamp_ms: T,
        ttl_ms: 1000,
        sig_timestamp_ms: None,
    };
    let r = store(&msg, None).unwrap();
    assert_eq!(r.method(), "store");
    let p = r.params();
    assert_eq!(p["data"], STANDARD.encode(b"hello"));
    assert_eq!(
        (
            p["timestamp"].as_u64(),
            p["ttl"].as_u64(),
            p["namespace"].as_i64()
        ),
        (Some(T), Some(1000), Some(0))
    );
    assert!(!p.contains_key("signature"));
    let back: Value = serde_json::from_slice(&r.to_bytes()).unwrap();
    assert_eq!(back, json!({"method": "store", "params": p}));

    let signed = StoreMessage {
        namespace: 2,
        sig_timestamp_ms: Some(T + 5),
        ..msg
    };
    assert_eq!(
        store(&signed, None).unwrap_err(),
        RpcError::AuthRequired {
            method: "store",
            namespace: 2
        }
    );
    let r = store(&signed, Some(&Auth::Owner(&key))).unwrap();
    assert_eq!(r.params()["sig_timestamp"], T + 5);
    assert!(verify(
        key.verifying_key().as_bytes(),
        &sig::store(2, T + 5),
        &r.params()["signature"]
    ));

    let stranger = SigningKey::from_bytes(&[9; 32]);
    assert_eq!(
        store(&signed, Some(&Auth::Owner(&stranger))).unwrap_err(),
        RpcError::KeyMismatch
    );
    let big = vec![0u8; MAX_MESSAGE_SIZE + 1];
    assert!(matches!(
        store(&StoreMessage { data: &big, ..msg }, None),
        Err(RpcError::DataTooLarge { .. })
    ));
}

#[test]
fn retrieve_builder() {
    let (key, id) = spec_user();
    let h = hash(1);
    let q = RetrieveQuery {
        account: &id,
        namespace: -10,
        last_hash: Some(&h),
        max_count: Some(5),
        max_size: Some(-2),
        timestamp_ms: T,
    };
    let r = retrieve(&q, None).unwrap();
    assert_eq!(r.params()["last_hash"], h.as_str());
    assert_eq!(
        (
            r.params()["max_count"].as_u64(),
            r.params()["max_size"].as_i64()
        ),
        (Some(5), Some(-2))
    );
    assert!(!r.params().contains_key("signature") && !r.params().contains_key("timestamp"));

    let own = RetrieveQuery {
        namespace: 0,
        last_hash: Some(""),
        ..q
    };
    assert!(matches!(
        retrieve(&own, None),
        Err(RpcError::AuthRequired {
            method: "retrieve",
            ..
        })
    ));
    let r = retrieve(&own, Some(&Auth::Owner(&key))).unwrap();
    assert_eq!(r.params()["last_hash"], "");
    assert!(verify(
        key.verifying_key().as_bytes(),
        &sig::retrieve(0, T),
        &r.params()["signature"]
    ));
    let bad = RetrieveQuery {
        last_hash: Some("short"),
        ..own
    };
    assert_eq!(
        retrieve(&bad, Some(&Auth::Owner(&key))).unwrap_err(),
        RpcError::InvalidHash("short".into())
    );
}

#[test]
fn delete_and_expire_builders() {
    let (key, id) = spec_user();
    let vk = *key.verifying_key().as_bytes();
    let auth = Auth::Owner(&key);
    let hashes = [hash(1), hash(2)];

    let r = delete(&id, &hashes, true, &auth).unwrap();
    assert_eq!(r.params()["messages"], json!(hashes));
    assert_eq!(r.params()["required"], true);
    assert!(verify(&vk, &sig::delete(&hashes), &r.params()["signature"]));
    assert_eq!(
        delete::<&str>(&id, &[], false, &auth).unwrap_err(),
        RpcError::NoMessages
    );
    assert!(matches!(
        delete(&id, &["nope"], false, &auth),
        Err(RpcError::InvalidHash(_))
    ));

    let r = expire(&id, &hashes, Expiry::At(T), ExpireMode::Extend, &auth).unwrap();
    assert_eq!(
        (r.params()["expiry"].as_u64(), &r.params()["extend"]),
        (Some(T), &json!(true))
    );
    assert!(verify(
        &vk,
        &sig::expire("extend", &[T], &hashes),
        &r.params()["signature"]
    ));
    let per = [T, T + 1];
    let r = expire(
        &id,
        &hashes,
        Expiry::PerMessage(&per),
        ExpireMode::Shorten,
        &auth,
    )
    .unwrap();
    assert_eq!(r.params()["expiry"], json!(per));
    assert!(verify(
        &vk,
        &sig::expire("shorten", &per, &hashes),
        &r.params()["signature"]
    ));
    let r = expire(&id, &hashes, Expiry::At(T), ExpireMode::Set, &auth).unwrap();
    assert!(!r.params().contains_key("shorten") && !r.params().contains_key("extend"));
    assert_eq!(
        expire(
            &id,
            &hashes,
            Expiry::PerMessage(&[T]),
            ExpireMode::Set,
            &auth
        )
        .unwrap_err(),
        RpcError::ExpiryCountMismatch {
            hashes: 2,
            expiries: 1
        }
    );

    let r = expire_all(&id, NamespaceSel::One(2), T, &auth).unwrap();
    assert!(verify(
        &vk,
        &sig::expire_all(NamespaceSel::One(2), T),
        &r.params()["signature"]
    ));
    let r = delete_before(&id, NamespaceSel::All, T, &auth).unwrap();
    assert_eq!(
        (r.params()["before"].as_u64(), &r.params()["namespace"]),
        (Some(T), &json!("all"))
    );
    assert!(verify(
        &vk,
        &sig::delete_before(NamespaceSel::All, T),
        &r.params()["signature"]
    ));
}

struct Sub(SigningKey);
impl Signer for Sub {
    fn sign_message(&self, msg: &[u8]) -> [u8; 64] {
        self.0.sign(msg).to_bytes()
    }
}

#[test]
fn group_and_subaccount_auth() {
    let admin = SigningKey::from_bytes(&[4; 32]);
    let mut group = [0x03; 33];
    group[1..].copy_from_slice(admin.verifying_key().as_bytes());
    let q = RetrieveQuery {
        account: &group,
        namespace: 11,
        last_hash: None,
        max_count: None,
        max_size: None,
        timestamp_ms: T,
    };
    let r = retrieve(&q, Some(&Auth::Owner(&admin))).unwrap();
    assert!(
        !r.params().contains_key("pubkey_ed25519"),
        "03 accounts never send it"
    );
    assert!(verify(
        admin.verifying_key().as_bytes(),
        &sig::retrieve(11, T),
        &r.params()["signature"]
    ));
    let (user, _) = spec_user();
    assert_eq!(
        retrieve(&q, Some(&Auth::Owner(&user))).unwrap_err(),
        RpcError::KeyMismatch
    );

    let member = Sub(SigningKey::from_bytes(&[6; 32]));
    let token = [1u8; 36];
    let token_sig = admin.sign(&token).to_bytes();
    let auth = Auth::Subaccount {
        token: &token,
        token_signature: &token_sig,
        signer: &member,
    };
    assert!(format!("{auth:?}").contains("Subaccount"));
    let r = retrieve(&q, Some(&auth)).unwrap();
    let p = r.params();
    assert_eq!(
        STANDARD.decode(p["subaccount"].as_str().unwrap()).unwrap(),
        token
    );
    assert_eq!(
        STANDARD
            .decode(p["subaccount_sig"].as_str().unwrap())
            .unwrap(),
        token_sig
    );
    assert!(verify(
        member.0.verifying_key().as_bytes(),
        &sig::retrieve(11, T),
        &p["signature"]
    ));

    let tokens = [[2u8; 36], [3u8; 36]];
    let r = revoke_subaccount(&group, &tokens, T, &admin).unwrap();
    assert_eq!(r.params()["revoke"].as_array().unwrap().len(), 2);
    assert!(verify(
        admin.verifying_key().as_bytes(),
        &sig::revoke_subaccount(T, &tokens),
        &r.params()["signature"]
    ));
    let r = unrevoke_subaccount(&group, &tokens, T, &admin).unwrap();
    assert!(r.params().contains_key("unrevoke"));
    assert!(matches!(
        revoke_subaccount(&group, &[], T, &admin),
        Err(RpcError::CountOutOfRange { .. })
    ));
    let many = vec![[0u8; 36]; MAX_REVOKE_TOKENS + 1];
    assert!(matches!(
        revoke_subaccount(&group, &many, T, &admin),
        Err(RpcError::CountOutOfRange { .. })
    ));
}

#[test]
fn batch_and_simple_builders() {
    let (_, id) = spec_user();
    let b = batch(vec![get_swarm(&id), info()]).unwrap();
    assert_eq!(
        b.to_json(),
        json!({"method": "batch", "params": {"requests": [
            {"method": "get_swarm", "params": {"pubkey": hex::encode(id)}},
            {"method": "info", "params": {}}
        ]}})
    );
    assert_eq!(sequence(vec![info()]).unwrap().method(), "sequence");
    assert!(matches!(
        batch(vec![]),
        Err(RpcError::CountOutOfRange { count: 0, .. })
    ));
    assert!(matches!(
        batch(vec![info(); MAX_BATCH + 1]),
        Err(RpcError::CountOutOfRange { .. })
    ));
    assert!(batch(vec![info(); MAX_BATCH]).is_ok());
    let nested = batch(vec![info()]).unwrap();
    assert_eq!(
        sequence(vec![nested]).unwrap_err(),
        RpcError::NestedBatch("batch".into())
    );
    let sn = get_service_nodes();
    assert_eq!(sn.params()["endpoint"], "get_service_nodes");
    assert_eq!(sn.params()["params"]["active_only"], true);
}

// ---- responses ----

fn node_keys(n: usize) -> Vec<SigningKey> {
    let mut rng = rng();
    (0..n).map(|_| SigningKey::generate(&mut rng)).collect()
}

#[test]
fn store_response_and_member_signatures() {
    let keys = node_keys(3);
    let h = hash(7);
    let mut swarm = serde_json::Map::new();
    swarm.insert(
        hex::encode(keys[0].verifying_key().as_bytes()),
        json!({"hash": h, "signature": STANDARD.encode(keys[0].sign(h.as_bytes()).to_bytes()), "expiry": T, "already": true, "t": T}),
    );
    swarm.insert(
        hex::encode(keys[1].verifying_key().as_bytes()),
        json!({"hash": h, "signature": STANDARD.encode(keys[0].sign(h.as_bytes()).to_bytes()), "expiry": T}),
    );
    swarm.insert(
        hex::encode(keys[2].verifying_key().as_bytes()),
        json!({"failed": true, "code": "503", "reason": "busy"}),
    );
    let body = json!({"swarm": swarm, "hash": h, "t": T, "hf": [19, 3]});
    let r: StoreResponse = parse_response(200, body.to_string().as_bytes()).unwrap();
    assert_eq!(r.hash, h);
    assert_eq!((r.t(), r.swarm.hf), (Some(T), Some((19, 3))));
    assert_eq!(r.swarm.successes().count(), 2);
    assert_eq!(
        r.verified_members(),
        vec![*keys[0].verifying_key().as_bytes()]
    );
    let failed = &r.swarm.members[keys[2].verifying_key().as_bytes()];
    assert_eq!(
        failed,
        &MemberResult::Failed(MemberFailure {
            code: Some(503),
            reason: Some("busy".into()),
            ..Default::default()
        })
    );
    // Without the top-level copy the hash comes from a member.
    let mut no_top = body.clone();
    no_top.as_object_mut().unwrap().remove("hash");
    assert_eq!(StoreResponse::from_json(&no_top).unwrap().hash, h);
    let mut bad_key = body;
    bad_key["swarm"] = json!({"zz": {"failed": true}});
    assert!(matches!(
        StoreResponse::from_json(&bad_key),
        Err(RpcError::InvalidField { field: "swarm", .. })
    ));
}

#[test]
fn retrieve_response() {
    let body = json!({
        "messages": [
            {"hash": hash(1), "timestamp": T, "expiration": T + 10, "data": STANDARD.encode(b"one")},
            {"hash": hash(2), "timestamp": T, "expiration": T + 10, "data": "dHdv"}
        ],
        "more": true, "t": T, "hf": [19, 3]
    });
    let r = RetrieveResponse::from_json(&body).unwrap();
    assert_eq!(r.messages.len(), 2);
    assert_eq!(
        (r.messages[0].data.as_slice(), r.messages[1].data.as_slice()),
        (&b"one"[..], &b"two"[..])
    );
    assert!(r.more);
    assert_eq!(r.t, Some(T));

    let mut no_exp = body.clone();
    no_exp["messages"][0]
        .as_object_mut()
        .unwrap()
        .remove("expiration");
    assert_eq!(
        RetrieveResponse::from_json(&no_exp).unwrap_err(),
        RpcError::MissingField("expiration")
    );
    let mut bad_data = body.clone();
    bad_data["messages"][1]["data"] = json!("%%%");
    assert!(matches!(
        RetrieveResponse::from_json(&bad_data),
        Err(RpcError::InvalidField { field: "data", .. })
    ));
    let mut bad_hash = body;
    bad_hash["messages"][1]["hash"] = json!("x");
    assert!(matches!(
        RetrieveResponse::from_json(&bad_hash),
        Err(RpcError::InvalidField { field: "hash", .. })
    ));
    assert!(matches!(
        RetrieveResponse::from_slice(b"[]"),
        Err(RpcError::InvalidJson(_))
    ));
}

fn snode_json(i: u8, ip: &str) -> Value {
    json!({
        "address": "x.snode", "pubkey_legacy": hex::encode([i; 32]),
        "pubkey_x25519": hex::encode([i + 1; 32]), "pubkey_ed25519": hex::encode([i; 32]),
        "port": "22021", "port_https": 22021, "port_omq": 22020, "port_quic": 22020, "ip": ip
    })
}

#[test]
fn swarm_responses_and_421() {
    let body = json!({"snodes": [snode_json(1, "1.2.3.4"), snode_json(2, "0.0.0.0")], "swarm": "1a2b3c4d5e6f7081", "t": T, "hf": [19, 3]});
    let s = SwarmInfo::from_json(&body).unwrap();
    assert_eq!(s.swarm, Some(0x1a2b_3c4d_5e6f_7081));
    assert_eq!(s.snodes[0].port_https, 22021);
    assert_eq!(s.snodes[0].pubkey_x25519, [2; 32]);
    assert_eq!(s.reachable().count(), 1);

    let mut legacy = snode_json(3, "5.6.7.8");
    legacy.as_object_mut().unwrap().remove("port_https");
    legacy["port"] = json!("1234");
    let s = SwarmInfo::from_json(&json!({"snodes": [legacy]})).unwrap();
    assert_eq!(s.snodes[0].port_https, 1234);

    match parse_response::<InfoResponse>(421, body.to_string().as_bytes()).unwrap_err() {
        RpcError::WrongSwarm(s) => assert_eq!(s.snodes.len(), 2),
        other => panic!("{other:?}"),
    }
    match parse_response::<InfoResponse>(421, b"Misdirected").unwrap_err() {
        RpcError::WrongSwarm(s) => assert!(s.snodes.is_empty()),
        other => panic!("{other:?}"),
    }
    let e = parse_response::<InfoResponse>(406, b"Timestamp error: check your clock").unwrap_err();
    assert_eq!(
        e,
        RpcError::ClockOutOfSync {
            code: 406,
            message: "Timestamp error: check your clock".into()
        }
    );
    let e =
        parse_response::<InfoResponse>(401, b"retrieve signature verification failed").unwrap_err();
    assert_eq!(e.status(), Some(401));
    assert!(e
        .to_string()
        .contains("retrieve signature verification failed"));

    let list = json!({"result": {"service_node_states": [
        {"public_ip": "1.1.1.1", "storage_port": 443, "pubkey_ed25519": hex::encode([7; 32]), "pubkey_x25519": hex::encode([8; 32]), "swarm_id": 5}
    ], "height": 9}, "t": T});
    let l = ServiceNodeList::from_json(&list).unwrap();
    assert_eq!(
        (l.nodes[0].swarm_id, l.height, l.t),
        (Some(5), Some(9), Some(T))
    );
}

#[test]
fn batch_response() {
    let body = json!({"results": [
        {"code": 200, "body": {"messages": [], "more": false, "t": T}},
        {"code": 421, "body": {"snodes": [snode_json(1, "1.2.3.4")]}},
        {"code": 401, "body": "retrieve signature verification failed"}
    ]});
    let b = BatchResponse::from_json(&body).unwrap();
    assert_eq!(b.results.len(), 3);
    assert!(b.results[0]
        .parse::<RetrieveResponse>()
        .unwrap()
        .messages
        .is_empty());
    assert_eq!(b.results[0].t(), Some(T));
    assert!(matches!(
        b.results[1].parse::<RetrieveResponse>(),
        Err(RpcError::WrongSwarm(_))
    ));
    assert_eq!(b.results[2].error().unwrap().status(), Some(401));
    assert!(b.common_error().is_none());
    let all421 = json!({"results": [{"code": 421, "body": {}}, {"code": 421, "body": {}}]});
    assert_eq!(
        BatchResponse::from_json(&all421)
            .unwrap()
            .common_error()
            .unwrap()
            .status(),
        Some(421)
    );
    assert!(BatchResponse::from_json(&json!({"results": [{"body": 1}]})).is_err());
    assert!(BatchResponse::from_json(&json!({"results": [{"code": 70000}]})).is_err());
}

#[test]
fn delete_responses_verify() {
    let (_, id) = spec_user();
    let pk = hex::encode(id);
    let keys = node_keys(2);
    let requested = [hash(3), hash(1), hash(2)];
    let mut deleted = vec![hash(3), hash(1)];
    deleted.sort();
    let sign_entry = |k: &SigningKey, msg: Vec<u8>| STANDARD.encode(k.sign(&msg).to_bytes());
    let body = json!({"swarm": {
        hex::encode(keys[0].verifying_key().as_bytes()): {"deleted": deleted, "signature": sign_entry(&keys[0], sig::delete_result(&pk, &requested, &deleted))},
        hex::encode(keys[1].verifying_key().as_bytes()): {"deleted": deleted, "signature": sign_entry(&keys[1], sig::delete_result(&pk, &requested[..2], &deleted))},
    }, "t": T});
    let r = DeleteResponse::from_json(&body).unwrap();
    assert_eq!(
        r.verify_delete(&id, &requested),
        vec![*keys[0].verifying_key().as_bytes()]
    );

    // delete_all over every namespace: one global sort.
    let mut all = vec![hash(5), hash(6), hash(7)];
    all.sort();
    let by_ns = json!({"0": [all[2]], "2": [all[0], all[1]]});
    let body = json!({"swarm": {
        hex::encode(keys[0].verifying_key().as_bytes()): {"deleted": by_ns, "signature": sign_entry(&keys[0], sig::delete_all_result(&pk, T, &all))},
    }});
    let r = DeleteResponse::from_json(&body).unwrap();
    let (_, entry) = r.successes().next().unwrap();
    assert_eq!(entry.hashes, all);
    assert_eq!(entry.by_namespace.as_ref().unwrap()[&2].len(), 2);
    assert_eq!(r.verify_delete_all(&id, T).len(), 1);
    assert!(r.verify_delete_all(&id, T + 1).is_empty());
    let body = json!({"swarm": {
        hex::encode(keys[1].verifying_key().as_bytes()): {"deleted": [], "signature": sign_entry(&keys[1], sig::delete_before_result::<&str>(&pk, T, &[]))},
    }});
    assert_eq!(
        DeleteResponse::from_json(&body)
            .unwrap()
            .verify_delete_before(&id, T)
            .len(),
        1
    );
    assert!(DeleteResponse::from_json(
        &json!({"swarm": {hex::encode([1; 32]): {"deleted": {"x": []}, "signature": ""}}})
    )
    .is_err());
}

#[test]
fn expire_responses_verify() {
    let (_, id) = spec_user();
    let pk = hex::encode(id);
    let k = &node_keys(1)[0];
    let requested = [hash(1), hash(2), hash(3)];
    let updated = vec![hash(1)];
    let unchanged = [(hash(2), T + 9)];
    let msg = sig::expire_result(&pk, &[T], &requested, &updated, &unchanged);
    let body = json!({"swarm": {hex::encode(k.verifying_key().as_bytes()): {
        "updated": updated, "unchanged": {unchanged[0].0.clone(): unchanged[0].1}, "expiry": T,
        "signature": STANDARD.encode(k.sign(&msg).to_bytes())
    }}, "t": T});
    let r = ExpireResponse::from_json(&body).unwrap();
    assert_eq!(r.verify_expire(&id, &requested).len(), 1);
    assert!(r.verify_expire(&id, &requested[..2]).is_empty());
    let (_, e) = r.successes().next().unwrap();
    assert_eq!((e.expiries.as_slice(), e.unchanged.len()), (&[T][..], 1));

    let msg = sig::expire_all_result(&pk, T, &updated);
    let body = json!({"swarm": {hex::encode(k.verifying_key().as_bytes()): {
        "updated": {"3": updated}, "signature": STANDARD.encode(k.sign(&msg).to_bytes())
    }}});
    assert_eq!(
        ExpireResponse::from_json(&body)
            .unwrap()
            .verify_expire_all(&id, T)
            .len(),
        1
    );

    let g = GetExpiriesResponse::from_json(&json!({"expiries": {hash(1): T}})).unwrap();
    assert_eq!(g.expiries[&hash(1)], T);
    assert!(GetExpiriesResponse::from_json(&json!({"expiries": {"bad": T}})).is_err());
}

#[test]
fn info_and_revoke_responses() {
    let i = InfoResponse::from_json(&json!({"version": [2, 8, 0], "timestamp": T, "hf": [19, 3]}))
        .unwrap();
    assert_eq!((i.version, i.t), (vec![2, 8, 0], Some(T)));
    assert!(InfoResponse::from_json(&json!({"version": [2], "hf": [19]})).is_err());

    let admin = SigningKey::from_bytes(&[4; 32]);
    let mut group = [0x03; 33];
    group[1..].copy_from_slice(admin.verifying_key().as_bytes());
    let k = &node_keys(1)[0];
    let tokens = [[2u8; 36]];
    let msg = sig::revoke_result(&hex::encode(group), T, &tokens);
    let body = json!({"swarm": {hex::encode(k.verifying_key().as_bytes()): {"signature": STANDARD.encode(k.sign(&msg).to_bytes())}}});
    let r = RevokeResponse::from_json(&body).unwrap();
    assert_eq!(r.verify(&group, T, &tokens).len(), 1);
    assert!(r.verify(&group, T + 1, &tokens).is_empty());
}

// ---- parsers never panic ----

fn parse_all(bytes: &[u8]) {
    let _ = StoreResponse::from_slice(bytes);
    let _ = RetrieveResponse::from_slice(bytes);
    let _ = SwarmInfo::from_slice(bytes);
    let _ = ServiceNodeList::from_slice(bytes);
    let _ = BatchResponse::from_slice(bytes).map(|b| {
        for r in &b.results {
            let _ = r.parse::<RetrieveResponse>();
            let _ = r.parse::<StoreResponse>();
        }
        b.common_error()
    });
    let _ = DeleteResponse::from_slice(bytes);
    let _ = ExpireResponse::from_slice(bytes);
    let _ = GetExpiriesResponse::from_slice(bytes);
    let _ = InfoResponse::from_slice(bytes);
    let _ = RevokeResponse::from_slice(bytes);
    for status in [200, 401, 406, 421, 500] {
        let _ = parse_response::<StoreResponse>(status, bytes);
        let _ = parse_response::<SwarmInfo>(status, bytes);
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            "[a-z_]{0,12}",
            Just(hash(1)),
            Just(hex::encode([1u8; 32])),
            Just("0.0.0.0".to_owned())
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("swarm".to_owned()),
                    Just("snodes".to_owned()),
                    Just("messages".to_owned()),
                    Just("results".to_owned()),
                    Just("code".to_owned()),
                    Just("body".to_owned()),
                    Just("hash".to_owned()),
                    Just("deleted".to_owned()),
                    Just("updated".to_owned()),
                    Just("failed".to_owned()),
                    Just("signature".to_owned()),
                    Just("t".to_owned()),
                    Just(hex::encode([1u8; 32])),
                    "[a-z]{1,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        parse_all(&data);
    }

    #[test]
    fn random_json_never_panics(v in any_json()) {
        parse_all(v.to_string().as_bytes());
        let _ = status_error(421, &v);
    }

    #[test]
    fn mutated_responses_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4), which in 0usize..3) {
        let samples = [
            json!({"messages": [{"hash": hash(1), "timestamp": T, "expiration": T, "data": "AA=="}], "more": false, "t": T}),
            json!({"snodes": [snode_json(1, "1.2.3.4")], "swarm": "ff", "t": T}),
            json!({"results": [{"code": 200, "body": {"swarm": {hex::encode([1u8; 32]): {"hash": hash(1)}}, "hash": hash(1)}}]}),
        ];
        let mut bytes = samples[which].to_string().into_bytes();
        for (i, b) in edits {
            let i = i % bytes.len();
            bytes[i] = b;
        }
        parse_all(&bytes);
    }
}
