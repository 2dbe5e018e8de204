//! delete, delete_all, delete_before, expire, expire_all, get_expiries, revoke/unrevoke with
//! subaccounts, batch/sequence/ifelse and the 421 answer.

mod common;

use base64::Engine;
use common::*;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Map, Value};
use session_localnet::rpc::errors;
use session_localnet::NodeInfo;

/// Stores `n` messages to ns 0 and returns their hashes.
async fn fill(node: &NodeInfo, user: &User, n: u8) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..n {
        let a = rpc(
            node,
            "store",
            store_params(&user.session_id(), &[i, 1, 2], 120_000),
        )
        .await;
        assert_eq!(a.status, 200);
        out.push(a.body["hash"].as_str().unwrap().to_owned());
    }
    out
}

fn with(mut m: Map<String, Value>, extra: Value) -> Value {
    if let Value::Object(e) = extra {
        m.extend(e);
    }
    Value::Object(m)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[tokio::test]
async fn delete_by_hash_signs_each_member_result() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let hashes = fill(&members[0], &user, 3).await;
    let req = vec![hashes[2].clone(), hashes[0].clone()];
    let p = with(
        user.auth(&format!("delete{}", req.concat())),
        json!({"messages": req}),
    );
    let a = rpc(&members[1], "delete", p.clone()).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let deleted = sorted(req.clone());
    for m in &members {
        let e = &a.body["swarm"][m.ed25519_hex()];
        assert_eq!(e["deleted"], json!(deleted));
        let signed = format!("{}{}{}", user.session_id(), req.concat(), deleted.concat());
        assert!(node_signed(
            &m.ed25519_hex(),
            signed.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
    }
    assert!(a.body["t"].is_u64());
    // Nothing left to delete: 200 normally, 404 with `required`.
    assert_eq!(rpc(&members[1], "delete", p.clone()).await.status, 200);
    let mut req404 = p.clone();
    req404["required"] = true.into();
    assert_eq!(rpc(&members[1], "delete", req404).await.status, 404);
    let mut bad = p;
    bad["signature"] = user.sign(b"delete").into();
    let a = rpc(&members[1], "delete", bad).await;
    assert_eq!((a.status, a.text()), (401, errors::DELETE_SIG));
    let p = with(user.auth("deletexyz"), json!({"messages": ["xyz"]}));
    let a = rpc(&members[1], "delete", p).await;
    assert_eq!(
        (a.status, a.text()),
        (400, "invalid request: invalid message hash: xyz")
    );
    let p = with(user.auth("delete"), json!({"messages": []}));
    let a = rpc(&members[1], "delete", p).await;
    assert_eq!(
        a.text(),
        "invalid request: messages does not contain any message hashes"
    );
    let r = rpc(&members[2], "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!(r.body["messages"][0]["hash"], hashes[1]);
    assert_eq!(r.body["messages"].as_array().unwrap().len(), 1);
    net.shutdown().await;
}

#[tokio::test]
async fn delete_all_and_delete_before() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let hashes = fill(n, &user, 2).await;
    // A signed ns-2 message too.
    let now = now_ms();
    let p = with(
        user.auth(&format!("store2{now}")),
        json!({"namespace": 2, "timestamp": now,
        "ttl": 60_000, "data": "Mg=="}),
    );
    let h2 = rpc(n, "store", p).await.body["hash"]
        .as_str()
        .unwrap()
        .to_owned();

    let ts = now_ms() - 61_000;
    let p = with(
        user.auth(&format!("delete_all{ts}")),
        json!({"timestamp": ts}),
    );
    let a = rpc(n, "delete_all", p).await;
    assert_eq!(
        (a.status, a.text()),
        (406, in_spec(errors::DELETE_ALL_TIME))
    );
    let ts = now_ms();
    let p = with(
        user.auth(&format!("delete_all2{ts}")),
        json!({"timestamp": ts}),
    );
    let a = rpc(n, "delete_all", p).await;
    assert_eq!((a.status, a.text()), (401, errors::DELETE_ALL_SIG));

    // delete_before over all namespaces with a `before` in the far future is refused…
    let before = now_ms() + 61_000;
    let p = with(
        user.auth(&format!("delete_beforeall{before}")),
        json!({"before": before, "namespace": "all"}),
    );
    let a = rpc(n, "delete_before", p).await;
    assert_eq!(
        (a.status, a.text()),
        (401, in_spec(errors::DELETE_BEFORE_FUTURE))
    );
    // …but deletes everything up to now in ns 0 only.
    let before = now_ms();
    let p = with(
        user.auth(&format!("delete_before{before}")),
        json!({"before": before}),
    );
    let a = rpc(n, "delete_before", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let want = sorted(hashes.clone());
    for m in &members {
        let e = &a.body["swarm"][m.ed25519_hex()];
        assert_eq!(e["deleted"], json!(want));
        let signed = format!("{}{}{}", user.session_id(), before, want.concat());
        assert!(node_signed(
            &m.ed25519_hex(),
            signed.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
    }
    // delete_all of "all" namespaces lists deletions per namespace.
    let ts = now_ms();
    let p = with(
        user.auth(&format!("delete_allall{ts}")),
        json!({"timestamp": ts, "namespace": "all"}),
    );
    let a = rpc(&members[3], "delete_all", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    for m in &members {
        let e = &a.body["swarm"][m.ed25519_hex()];
        assert_eq!(e["deleted"], json!({"2": [h2.clone()]}));
        let signed = format!("{}{}{}", user.session_id(), ts, h2);
        assert!(node_signed(
            &m.ed25519_hex(),
            signed.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
    }
    net.shutdown().await;
}

#[tokio::test]
async fn expire_single_multi_shorten_extend() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let hashes = fill(n, &user, 2).await;
    let now = now_ms();

    let past = now - 61_000;
    let p = with(
        user.auth(&format!("expire{past}{}", hashes.concat())),
        json!({"messages": hashes, "expiry": past}),
    );
    let a = rpc(n, "expire", p).await;
    assert_eq!((a.status, a.text()), (401, in_spec(errors::EXPIRE_PAST)));
    let exp = now + 300_000;
    let p = with(
        user.auth(&format!("expire{exp}")),
        json!({"messages": hashes, "expiry": exp}),
    );
    let a = rpc(n, "expire", p).await;
    assert_eq!((a.status, a.text()), (401, errors::EXPIRE_SIG));

    // Single expiry for both.
    let p = with(
        user.auth(&format!("expire{exp}{}", hashes.concat())),
        json!({"messages": hashes, "expiry": exp}),
    );
    let a = rpc(n, "expire", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let upd = sorted(hashes.clone());
    for m in &members {
        let e = &a.body["swarm"][m.ed25519_hex()];
        assert_eq!(e["updated"], json!(upd));
        assert_eq!(e["expiry"], exp);
        assert!(e.get("unchanged").is_none());
        let signed = format!(
            "{}{}{}{}",
            user.session_id(),
            exp,
            hashes.concat(),
            upd.concat()
        );
        assert!(node_signed(
            &m.ed25519_hex(),
            signed.as_bytes(),
            e["signature"].as_str().unwrap()
        ));
    }
    // Shorten only lowers: asking a later expiry leaves them unchanged.
    let later = now + 400_000;
    let p = with(
        user.auth(&format!("expireshorten{later}{}", hashes.concat())),
        json!({"messages": hashes, "expiry": later, "shorten": true}),
    );
    let a = rpc(n, "expire", p).await;
    let e = &a.body["swarm"][n.ed25519_hex()];
    assert_eq!(e["updated"], json!([]));
    assert_eq!(e["unchanged"][&hashes[0]], exp);
    let mut signed = format!("{}{}{}", user.session_id(), later, hashes.concat());
    for h in &upd {
        signed.push_str(&format!("{h}{exp}"));
    }
    assert!(node_signed(
        &n.ed25519_hex(),
        signed.as_bytes(),
        e["signature"].as_str().unwrap()
    ));
    // Extend raises.
    let p = with(
        user.auth(&format!("expireextend{later}{}", hashes.concat())),
        json!({"messages": hashes, "expiry": later, "extend": true}),
    );
    let a = rpc(n, "expire", p).await;
    assert_eq!(a.body["swarm"][n.ed25519_hex()]["updated"], json!(upd));
    // Per-message expiries (hard fork 19.4).
    let exps = [now + 100_000, now + 200_000];
    let p = with(
        user.auth(&format!("expire{}{}{}", exps[0], exps[1], hashes.concat())),
        json!({"messages": hashes, "expiry": exps}),
    );
    let a = rpc(n, "expire", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let e = &a.body["swarm"][n.ed25519_hex()];
    assert!(e["expiry"].is_array());
    // Both flags at once, and mismatched lengths, are parse errors.
    let p = with(
        user.auth("x"),
        json!({"messages": hashes, "expiry": exp, "shorten": true, "extend": true}),
    );
    assert_eq!(
        rpc(n, "expire", p).await.text(),
        "invalid request: cannot specify both 'shorten' and 'extend'"
    );
    let p = with(
        user.auth("x"),
        json!({"messages": hashes, "expiry": [exp, exp, exp]}),
    );
    assert_eq!(rpc(n, "expire", p).await.status, 400);

    // get_expiries sees the per-message expiries; stale timestamps are refused.
    let ts = now_ms();
    let p = with(
        user.auth(&format!("get_expiries{ts}{}", hashes.concat())),
        json!({"messages": hashes, "timestamp": ts}),
    );
    let a = rpc(&members[2], "get_expiries", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["expiries"][&hashes[0]], exps[0]);
    assert_eq!(a.body["expiries"][&hashes[1]], exps[1]);
    assert!(a.body.get("t").is_none(), "no t/hf on get_expiries");
    let old = ts - 61_000;
    let p = with(
        user.auth(&format!("get_expiries{old}{}", hashes.concat())),
        json!({"messages": hashes, "timestamp": old}),
    );
    let a = rpc(n, "get_expiries", p).await;
    assert_eq!((a.status, a.text()), (406, errors::GET_EXPIRIES_TIME));
    let p = with(
        user.auth("get_expiries"),
        json!({"messages": hashes, "timestamp": ts}),
    );
    let a = rpc(n, "get_expiries", p).await;
    assert_eq!((a.status, a.text()), (401, errors::GET_EXPIRIES_SIG));

    // expire_all only shortens.
    let to = now_ms() + 50_000;
    let p = with(user.auth(&format!("expire_all{to}")), json!({"expiry": to}));
    let a = rpc(n, "expire_all", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let e = &a.body["swarm"][members[1].ed25519_hex()];
    assert_eq!(e["updated"], json!(upd));
    let signed = format!("{}{}{}", user.session_id(), to, upd.concat());
    assert!(node_signed(
        &members[1].ed25519_hex(),
        signed.as_bytes(),
        e["signature"].as_str().unwrap()
    ));
    let old = now_ms() - 61_000;
    let p = with(
        user.auth(&format!("expire_all{old}")),
        json!({"expiry": old}),
    );
    let a = rpc(n, "expire_all", p).await;
    assert_eq!((a.status, a.text()), (406, errors::EXPIRE_ALL_PAST));
    let p = with(user.auth("expire_all"), json!({"expiry": to}));
    assert_eq!(rpc(n, "expire_all", p).await.text(), errors::EXPIRE_ALL_SIG);
    net.shutdown().await;
}

#[tokio::test]
async fn multi_expiry_needs_hardfork_19_4() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path(), 12);
    cfg.hardfork = [19, 3];
    let net = session_localnet::LocalNet::start(cfg).await.unwrap();
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let hashes = fill(&members[0], &user, 2).await;
    let e = now_ms() + 100_000;
    let p = with(
        user.auth(&format!("expire{e}{e}{}", hashes.concat())),
        json!({"messages": hashes, "expiry": [e, e]}),
    );
    let a = rpc(&members[0], "expire", p).await;
    assert_eq!((a.status, a.text()), (403, errors::EXPIRE_MULTI));
    assert_eq!(
        rpc(&members[0], "info", json!({})).await.body["hf"],
        json!([19, 3])
    );
    net.shutdown().await;
}

/// A group subaccount token for `member` with `flags`, signed by the group key.
fn token(group: &Group, member: &SigningKey, flags: u8) -> (String, String) {
    let mut t = vec![3u8, flags, 0, 0];
    t.extend_from_slice(&member.verifying_key().to_bytes());
    let sig = group.key.sign(&t).to_bytes();
    (B64.encode(&t), B64.encode(sig))
}

#[tokio::test]
async fn subaccounts_flags_and_revocation() {
    let (net, _dir) = start().await;
    let group = Group::new();
    let pk33: [u8; 33] = hex::decode(group.pubkey_hex()).unwrap().try_into().unwrap();
    let (members, _) = swarm_of(&net, &pk33);
    let n = &members[0];
    let member = SigningKey::from_bytes(&[9u8; 32]);
    let store_as = |flags: u8| {
        let (tok, tok_sig) = token(&group, &member, flags);
        let now = now_ms();
        json!({"pubkey": group.pubkey_hex(), "namespace": 11, "timestamp": now, "ttl": 60_000,
               "data": B64.encode([flags]), "subaccount": tok, "subaccount_sig": tok_sig,
               "signature": B64.encode(member.sign(format!("store11{now}").as_bytes()).to_bytes())})
    };
    let retrieve_as = |flags: u8, ns: i16| {
        let (tok, tok_sig) = token(&group, &member, flags);
        let now = now_ms();
        json!({"pubkey": group.pubkey_hex(), "namespace": ns, "timestamp": now,
               "subaccount": tok, "subaccount_sig": tok_sig,
               "signature": B64.encode(member.sign(format!("retrieve{ns}{now}").as_bytes()).to_bytes())})
    };
    assert_eq!(
        rpc(n, "store", store_as(0x02)).await.status,
        200,
        "write flag stores"
    );
    assert_eq!(
        rpc(n, "store", store_as(0x01)).await.status,
        401,
        "read-only cannot store"
    );
    assert_eq!(rpc(n, "retrieve", retrieve_as(0x01, 11)).await.status, 200);
    // A write-only subaccount may extend but not shorten expiries.
    let stored = rpc(n, "store", store_as(0x02)).await;
    let hash = stored.body["hash"].as_str().unwrap().to_owned();
    let expire_as = |mode: &str| {
        let (tok, tok_sig) = token(&group, &member, 0x02);
        let exp = now_ms() + 30_000;
        let mut p = json!({"pubkey": group.pubkey_hex(), "messages": [hash], "expiry": exp,
            "subaccount": tok, "subaccount_sig": tok_sig,
            "signature": B64.encode(member.sign(format!("expire{mode}{exp}{hash}").as_bytes()).to_bytes())});
        if !mode.is_empty() {
            p[mode] = true.into();
        }
        p
    };
    let a = rpc(n, "expire", expire_as("shorten")).await;
    assert_eq!(
        (a.status, a.text()),
        (400, errors::EXPIRE_SHORTEN_SUBACCOUNT)
    );
    let a = rpc(n, "expire", expire_as("")).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(
        a.body["swarm"][n.ed25519_hex()]["updated"],
        json!([]),
        "without Delete a plain expire only extends"
    );
    assert_eq!(
        rpc(n, "retrieve", retrieve_as(0x02, 11)).await.status,
        401,
        "write-only cannot read"
    );
    // A token signed by someone else is rejected.
    let mut forged = retrieve_as(0x01, 11);
    forged["subaccount_sig"] = B64.encode(member.sign(b"x").to_bytes()).into();
    assert_eq!(rpc(n, "retrieve", forged).await.status, 401);

    // Revoke the read token: retrieval fails, except in the unrevocable namespace -11.
    let (tok, _) = token(&group, &member, 0x01);
    let raw = B64.decode(&tok).unwrap();
    let ts = now_ms();
    let mut msg = format!("revoke_subaccount{ts}").into_bytes();
    msg.extend_from_slice(&raw);
    let p = json!({"pubkey": group.pubkey_hex(), "timestamp": ts, "revoke": tok, "signature": group.sign(&msg)});
    let a = rpc(&members[1], "revoke_subaccount", p.clone()).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    for m in &members {
        let mut signed = format!("{}{ts}", group.pubkey_hex()).into_bytes();
        signed.extend_from_slice(&raw);
        let e = &a.body["swarm"][m.ed25519_hex()];
        assert!(node_signed(
            &m.ed25519_hex(),
            &signed,
            e["signature"].as_str().unwrap()
        ));
    }
    assert_eq!(rpc(n, "retrieve", retrieve_as(0x01, 11)).await.status, 401);
    assert_eq!(rpc(n, "retrieve", retrieve_as(0x01, -11)).await.status, 200);
    let mut bad = p.clone();
    bad["signature"] = group.sign(b"revoke_subaccount").into();
    assert_eq!(
        rpc(n, "revoke_subaccount", bad).await.text(),
        errors::REVOKE_SIG
    );
    let mut stale = p;
    stale["timestamp"] = (ts - 61_000).into();
    assert_eq!(
        rpc(n, "revoke_subaccount", stale).await.text(),
        errors::REVOKE_TIME
    );

    let ts = now_ms();
    let mut msg = format!("unrevoke_subaccount{ts}").into_bytes();
    msg.extend_from_slice(&raw);
    let p = json!({"pubkey": group.pubkey_hex(), "timestamp": ts, "unrevoke": [tok], "signature": group.sign(&msg)});
    let a = rpc(n, "unrevoke_subaccount", p).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["swarm"][n.ed25519_hex()]["count"], 1);
    assert_eq!(rpc(n, "retrieve", retrieve_as(0x01, 11)).await.status, 200);
    // At most 50 tokens per revoke.
    let many: Vec<String> = (0..51).map(|_| tok.clone()).collect();
    let p = json!({"pubkey": group.pubkey_hex(), "timestamp": ts, "revoke": many, "signature": group.sign(b"x")});
    let a = rpc(n, "revoke_subaccount", p).await;
    assert_eq!(
        a.text(),
        "invalid request: invalid revoke: cannot revoke more than 50 subaccounts at once"
    );
    net.shutdown().await;
}

#[tokio::test]
async fn wrong_swarm_gets_421_with_the_right_swarm() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, outsider) = swarm_of(&net, &user.pubkey33());
    let ts = now_ms();
    let calls = vec![
        ("store", store_params(&user.session_id(), b"x", 60_000)),
        ("retrieve", retrieve_params(&user, 0)),
        (
            "delete_all",
            with(
                user.auth(&format!("delete_all{ts}")),
                json!({"timestamp": ts}),
            ),
        ),
        (
            "get_expiries",
            with(user.auth("x"), json!({"timestamp": ts, "messages": ["a"]})),
        ),
    ];
    for (method, params) in calls {
        let a = rpc(&outsider, method, params).await;
        assert_eq!(a.status, 421, "{method}");
        assert_eq!(a.body["swarm"], format!("{:x}", members[0].swarm_id));
        assert_eq!(named_members(&a.body), keys(&members));
        assert!(a.body["t"].is_u64() && a.body["hf"].is_array());
    }
    assert_eq!(
        rpc(&outsider, "info", json!({})).await.status,
        200,
        "not account-scoped"
    );
    net.shutdown().await;
}

#[tokio::test]
async fn batch_sequence_and_ifelse() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let bad_retrieve = json!({"pubkey": user.session_id(), "namespace": 2, "timestamp": now_ms(),
        "pubkey_ed25519": user.ed_hex(), "signature": user.sign(b"nope")});
    let reqs = json!([
        {"method": "store", "params": store_params(&user.session_id(), b"b1", 60_000)},
        {"method": "retrieve", "params": bad_retrieve},
        {"method": "info", "params": {}},
    ]);
    let a = rpc(n, "batch", json!({"requests": reqs})).await;
    assert_eq!(a.status, 200);
    let results = a.body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["code"], 200);
    assert!(results[0]["body"]["hash"].is_string());
    assert_eq!(results[1]["code"], 401);
    assert_eq!(results[1]["body"], errors::RETRIEVE_SIG);
    assert_eq!(results[2]["code"], 200);
    assert!(a.body.get("t").is_none(), "no t on the wrapper");

    // sequence stops at the first failure.
    let a = rpc(n, "sequence", json!({"requests": reqs})).await;
    assert_eq!(a.body["results"].as_array().unwrap().len(), 2);

    let a = rpc(n, "batch", json!({"requests": []})).await;
    assert_eq!(
        a.text(),
        "invalid request: Invalid batch request: no valid \"requests\" field"
    );
    let many: Vec<Value> = (0..21)
        .map(|_| json!({"method": "info", "params": {}}))
        .collect();
    let a = rpc(n, "batch", json!({"requests": many})).await;
    assert_eq!(
        a.text(),
        "invalid request: Invalid batch request: subrequest limit exceeded"
    );
    let a = rpc(
        n,
        "batch",
        json!({"requests": [{"method": "batch", "params": {"requests": []}}]}),
    )
    .await;
    assert_eq!(a.status, 400);
    let a = rpc(n, "batch", json!({"requests": [{"method": "sequence", "params": {"requests": [{"method": "info", "params": {}}]}}]})).await;
    assert_eq!(
        a.text(),
        "invalid request: Invalid batch subrequest: subrequests may not contain meta-requests"
    );
    let a = rpc(
        n,
        "batch",
        json!({"requests": [{"method": "nope", "params": {}}]}),
    )
    .await;
    assert_eq!(
        a.text(),
        "invalid request: Invalid batch subrequest: invalid method \"nope\""
    );

    let a = rpc(n, "ifelse", json!({"if": {"hf_at_least": [19, 1]},
        "then": {"method": "info", "params": {}}, "else": {"method": "get_swarm", "params": {"pubkey": user.session_id()}}})).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["condition"], true);
    assert!(a.body["result"]["body"]["version"].is_array());
    let a = rpc(
        n,
        "ifelse",
        json!({"if": {"hf_before": [19, 1]}, "then": {"method": "info", "params": {}}}),
    )
    .await;
    assert_eq!(a.body["condition"], false);
    assert!(a.body.get("result").is_none());
    net.shutdown().await;
}
