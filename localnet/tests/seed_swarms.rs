//! Seed endpoint, swarm layout and mapping, get_swarm, info, oxend_request, restarts.

mod common;

use common::*;
use serde_json::{json, Value};
use session_localnet::{rules, LocalNet};
use std::collections::HashSet;

#[tokio::test]
async fn seed_lists_every_node_with_the_fields_clients_need() {
    let (net, _dir) = start().await;
    let body = json!({
        "jsonrpc": "2.0",
        "method": "get_n_service_nodes",
        "params": {"active_only": true, "fields": {
            "public_ip": true, "storage_port": true, "pubkey_x25519": true,
            "pubkey_ed25519": true, "requested_unlock_height": true, "height": true}}
    });
    let a = post_raw(
        &format!("{}json_rpc", net.seed_url()),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.content_type, "application/json",
        "desktop needs exactly this type"
    );
    let result = &a.body["result"];
    assert!(result["height"].is_u64());
    let states = result["service_node_states"].as_array().unwrap();
    assert_eq!(states.len(), net.nodes().len());
    // The field names of the spec's §2.3 table, read from the spec itself.
    let table = session_testkit::spec_table("network.md", "### 2.3");
    let spec_fields: Vec<&str> = table[1..].iter().map(|r| r[0].as_str()).collect();
    for (s, n) in states.iter().zip(net.nodes()) {
        for f in [
            "public_ip",
            "storage_port",
            "pubkey_ed25519",
            "pubkey_x25519",
            "requested_unlock_height",
        ] {
            assert!(spec_fields.contains(&f));
            assert!(s.get(f).is_some(), "missing {f}");
        }
        // Only requested fields come back.
        assert!(s.get("swarm_id").is_none());
        assert_eq!(s["pubkey_ed25519"], n.ed25519_hex());
        assert_eq!(s["pubkey_x25519"], n.x25519_hex());
        assert_eq!(s["storage_port"], n.port);
        assert_eq!(s["public_ip"], "127.0.0.1");
    }
    // Without a field list every field is there, including libsession's swarm_id.
    let a = post_raw(
        &format!("{}json_rpc", net.seed_url()),
        json!({"method": "get_n_service_nodes", "params": {}})
            .to_string()
            .into_bytes(),
    )
    .await;
    let first = &a.body["result"]["service_node_states"][0];
    assert_eq!(first["swarm_id"], net.nodes()[0].swarm_id);
    assert!(first["storage_server_version"].is_array());
    net.shutdown().await;
}

#[tokio::test]
async fn x25519_keys_are_the_montgomery_form_of_ed25519() {
    let (net, _dir) = start().await;
    for n in net.nodes() {
        let ed = ed25519_dalek::VerifyingKey::from_bytes(&n.ed25519).unwrap();
        assert_eq!(ed.to_montgomery().to_bytes(), n.x25519);
    }
    let keys: HashSet<_> = net.nodes().iter().map(|n| n.ed25519).collect();
    assert_eq!(keys.len(), 12, "every node has its own key");
    net.shutdown().await;
}

#[tokio::test]
async fn swarms_have_five_to_ten_members() {
    for n in [12usize, 23] {
        let dir = tempfile::tempdir().unwrap();
        let net = LocalNet::start(config(dir.path(), n)).await.unwrap();
        let ids = net.swarm_ids();
        assert!(ids.len() >= 2);
        assert!(!ids.contains(&u64::MAX));
        let mut total = 0;
        for id in &ids {
            let m = net.swarm_members(*id).len();
            assert!((5..=10).contains(&m), "swarm of {m} with {n} nodes");
            total += m;
        }
        assert_eq!(total, n);
        net.shutdown().await;
    }
}

#[test]
fn swarm_space_matches_the_spec_vectors() {
    let table = session_testkit::spec_table("network.md", "### 3.3");
    assert!(table.len() > 5);
    for row in &table[1..] {
        let pk: [u8; 33] = hex::decode(&row[0]).unwrap().try_into().unwrap();
        let want: u64 = row[1].parse().unwrap();
        assert_eq!(rules::swarm_space(&pk), want, "{}", row[0]);
    }
}

#[test]
fn swarm_mapping_wraps_and_breaks_ties_to_the_left() {
    let pk = |space: u64| {
        let mut k = [5u8; 33];
        k[1..25].fill(0);
        k[25..].copy_from_slice(&space.to_be_bytes());
        k
    };
    let ids = [10u64, 20, 30, u64::MAX - 10];
    assert_eq!(rules::swarm_for(&pk(15), &ids), Some(10), "tie goes left");
    assert_eq!(rules::swarm_for(&pk(16), &ids), Some(20));
    assert_eq!(rules::swarm_for(&pk(u64::MAX), &ids), Some(u64::MAX - 10));
    assert_eq!(
        rules::swarm_for(&pk(0), &ids),
        Some(10),
        "wraps: 0 is 10 from 10, 11 from max"
    );
    assert_eq!(rules::swarm_for(&pk(0), &[7]), Some(7));
    assert_eq!(rules::swarm_for(&pk(0), &[]), None);
}

#[tokio::test]
async fn get_swarm_names_the_mapped_swarm_from_any_node() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, outsider) = swarm_of(&net, &user.pubkey33());
    let expected_id = rules::swarm_for(&user.pubkey33(), &net.swarm_ids()).unwrap();
    for asked in [&members[0], &outsider] {
        let a = rpc(asked, "get_swarm", json!({"pubkey": user.session_id()})).await;
        assert_eq!(a.status, 200);
        assert_eq!(a.body["swarm"], format!("{expected_id:x}"));
        let snodes = a.body["snodes"].as_array().unwrap();
        assert_eq!(snodes.len(), members.len());
        for (s, m) in snodes.iter().zip(&members) {
            assert_eq!(s["pubkey_ed25519"], m.ed25519_hex());
            assert_eq!(s["pubkey_x25519"], m.x25519_hex());
            assert_eq!(s["port"], m.port.to_string(), "port is a string");
            assert_eq!(s["port_https"], m.port);
            assert_eq!(s["ip"], "127.0.0.1");
            assert!(s["address"].as_str().unwrap().ends_with(".snode"));
        }
        assert!(a.body["t"].is_u64());
        assert_eq!(a.body["hf"].as_array().unwrap().len(), 2);
    }
    // The alias and the pubKey spelling work; both spellings at once do not.
    let a = rpc(
        &outsider,
        "get_snodes_for_pubkey",
        json!({"pubKey": user.session_id()}),
    )
    .await;
    assert_eq!(a.status, 200);
    let a = rpc(
        &outsider,
        "get_swarm",
        json!({"pubKey": user.session_id(), "pubkey": user.session_id()}),
    )
    .await;
    assert_eq!(a.status, 400);
    let a = rpc(&outsider, "get_swarm", json!({"pubkey": "05abcd"})).await;
    assert_eq!(a.status, 400);
    assert!(a.text().starts_with("invalid request: "));
    net.shutdown().await;
}

#[tokio::test]
async fn info_and_oxend_request() {
    let (net, _dir) = start().await;
    let n = &net.nodes()[3];
    let before = now_ms();
    let a = rpc(n, "info", json!({})).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["version"].as_array().unwrap().len(), 3);
    let t = a.body["t"].as_u64().unwrap();
    assert!(t >= before && t <= now_ms());
    assert_eq!(a.body["timestamp"], a.body["t"]);

    let a = rpc(
        n,
        "oxend_request",
        json!({"endpoint": "get_service_nodes", "params": {"active_only": true,
               "fields": {"public_ip": true, "storage_port": true, "pubkey_ed25519": true}}}),
    )
    .await;
    assert_eq!(a.status, 200);
    let states = a.body["result"]["service_node_states"].as_array().unwrap();
    assert_eq!(states.len(), 12);
    assert!(states[0].get("pubkey_x25519").is_none());
    assert!(a.body["t"].is_u64());

    let a = rpc(n, "oxend_request", json!({"endpoint": "get_block"})).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.text(),
        "invalid request: Invalid oxend endpoint 'get_block'"
    );
    in_spec("Invalid oxend endpoint '");
    net.shutdown().await;
}

#[tokio::test]
async fn restart_keeps_keys_ports_swarms_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let net = LocalNet::start(config(dir.path(), 12)).await.unwrap();
    let nodes = net.nodes();
    let seed = net.seed_url();
    let fs = net.file_server();
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let a = rpc(
        &members[0],
        "store",
        store_params(&user.session_id(), b"persist me", 60_000),
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let hash = a.body["hash"].as_str().unwrap().to_owned();
    net.shutdown().await;

    let net = LocalNet::start(config(dir.path(), 5)).await.unwrap();
    assert_eq!(
        net.nodes(),
        nodes,
        "same keys, addresses and swarms (node count is persisted)"
    );
    assert_eq!(net.seed_url(), seed);
    assert_eq!(net.file_server(), fs);
    for m in &members {
        let a = rpc(m, "retrieve", retrieve_params(&user, 0)).await;
        assert_eq!(a.status, 200);
        let msgs = a.body["messages"].as_array().unwrap();
        assert_eq!(msgs.len(), 1, "member {} kept the message", m.index);
        assert_eq!(msgs[0]["hash"], hash);
    }
    net.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_and_helper_endpoints() {
    let (net, _dir) = start().await;
    let n = &net.nodes()[0];
    let res = client()
        .get(format!("{}/nope", n.https_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(res.text().await.unwrap(), "GET /nope Not Found");
    let res = client()
        .post(format!("{}/ping_test/v1", n.https_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().contains_key("x-oxen-snode-pubkey"));
    let res = client()
        .get(format!("{}/get_stats/v1", n.https_url()))
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert!(v["version"].is_string());
    net.shutdown().await;
}
