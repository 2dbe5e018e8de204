//! Every fault, through the Rust API and the admin endpoint: node down/up, clock skew, moved
//! account (421), 503, stalled hop (504), reply dropped after storing.

mod common;

use common::onion::*;
use common::*;
use serde_json::{json, Value};
use session_core::onion::{self as core_onion, EncType};
use session_localnet::rpc::errors;
use std::time::Duration;

async fn refused(n: &session_localnet::NodeInfo) -> bool {
    client()
        .post(format!("{}/storage_rpc/v1", n.https_url()))
        .body(r#"{"method":"info","params":{}}"#)
        .send()
        .await
        .is_err()
}

#[tokio::test]
async fn node_down_and_up_keeps_its_port_keys_and_messages() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let (entry, victim) = (&members[0], &members[1]);
    let before = rpc(
        entry,
        "store",
        store_params(&user.session_id(), b"before", 60_000),
    )
    .await;
    assert_eq!(before.status, 200);
    net.faults()
        .set_node_down(&victim.ed25519_hex(), true)
        .await
        .unwrap();
    assert!(refused(victim).await);
    assert!(net
        .faults()
        .is_node_down(&victim.ed25519_hex())
        .await
        .unwrap());
    // The swarm answers without it: its entry failed, the store still succeeds.
    let during = rpc(
        entry,
        "store",
        store_params(&user.session_id(), b"during", 60_000),
    )
    .await;
    assert_eq!(during.status, 200);
    assert_eq!(
        during.body["swarm"][victim.ed25519_hex()],
        json!({"failed": true, "timeout": true})
    );
    assert!(during.body["swarm"][members[2].ed25519_hex()]["hash"].is_string());
    // An onion path through it breaks at the previous hop.
    let path = path_avoiding(&net, victim.swarm_id);
    let req = to_node(
        &[&path[0], victim, &path[1]],
        &members[2],
        b"{}",
        EncType::AesGcm,
    );
    let (status, body) = send(&net, &req).await;
    assert_eq!(status, 502);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!(
            "{}{}",
            in_spec("Next node is currently unreachable: "),
            victim.ed25519_hex()
        )
    );

    net.faults()
        .set_node_down(&victim.ed25519_hex(), false)
        .await
        .unwrap();
    let r = rpc(victim, "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!(r.status, 200);
    let got: Vec<&Value> = r.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["hash"])
        .collect();
    assert_eq!(
        got,
        vec![&before.body["hash"]],
        "kept what it had, missed what came while down"
    );
    net.shutdown().await;
}

#[tokio::test]
async fn clock_skew_gives_406() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    net.faults()
        .set_clock_skew(&n.ed25519_hex(), 120_000)
        .unwrap();
    let a = rpc(n, "retrieve", retrieve_params(&user, 0)).await;
    assert_eq!((a.status, a.text()), (406, errors::RETRIEVE_TIME));
    // A node 20 s behind sees a fresh message as coming from the future.
    net.faults()
        .set_clock_skew(&n.ed25519_hex(), -20_000)
        .unwrap();
    let a = rpc(n, "store", store_params(&user.session_id(), b"x", 60_000)).await;
    assert_eq!((a.status, a.text()), (406, errors::STORE_CLOCK));
    // Its `t` shows the skew.
    let t = rpc(n, "info", json!({})).await.body["t"].as_u64().unwrap();
    assert!(t + 15_000 < now_ms());
    net.faults().set_clock_skew(&n.ed25519_hex(), 0).unwrap();
    assert_eq!(
        rpc(n, "store", store_params(&user.session_id(), b"x", 60_000))
            .await
            .status,
        200
    );
    net.shutdown().await;
}

#[tokio::test]
async fn moved_account_gets_421_with_the_new_swarm() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (old, outsider) = swarm_of(&net, &user.pubkey33());
    let new_id = outsider.swarm_id;
    net.faults()
        .move_account(&user.session_id(), new_id)
        .unwrap();
    let a = rpc(
        &old[0],
        "store",
        store_params(&user.session_id(), b"x", 60_000),
    )
    .await;
    assert_eq!(a.status, 421);
    assert_eq!(a.body["swarm"], format!("{new_id:x}"));
    assert_eq!(
        a.body["snodes"].as_array().unwrap().len(),
        net.swarm_members(new_id).len()
    );
    let a = rpc(
        &outsider,
        "store",
        store_params(&user.session_id(), b"x", 60_000),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        rpc(&old[0], "get_swarm", json!({"pubkey": user.session_id()}))
            .await
            .body["swarm"],
        format!("{new_id:x}")
    );
    assert!(
        net.faults()
            .move_account(&user.session_id(), 12345)
            .is_err(),
        "unknown swarm"
    );
    net.faults().restore_account(&user.session_id()).unwrap();
    assert_eq!(
        rpc(
            &old[0],
            "store",
            store_params(&user.session_id(), b"y", 60_000)
        )
        .await
        .status,
        200
    );
    net.shutdown().await;
}

#[tokio::test]
async fn unavailable_node_answers_503_everywhere() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let sick = &members[1];
    net.faults()
        .set_unavailable(&sick.ed25519_hex(), true)
        .unwrap();
    let a = rpc(sick, "info", json!({})).await;
    assert_eq!(a.status, 503);
    assert!(a.text().starts_with(in_spec("Service node is not ready: ")));
    // As a swarm member: a failed entry with its code.
    let a = rpc(
        &members[0],
        "store",
        store_params(&user.session_id(), b"x", 60_000),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["swarm"][sick.ed25519_hex()]["failed"], true);
    assert_eq!(a.body["swarm"][sick.ed25519_hex()]["code"], "503");
    // As a relay: the previous hop passes the 503 back.
    let path = path_avoiding(&net, sick.swarm_id);
    let req = to_node(
        &[&path[0], sick, &path[1]],
        &members[2],
        b"{}",
        EncType::AesGcm,
    );
    let (status, body) = send(&net, &req).await;
    assert_eq!(status, 503);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!("{}{}", in_spec("Snode not ready: "), sick.ed25519_hex())
    );
    net.shutdown().await;
}

#[tokio::test]
async fn direct_requests_over_the_client_rate_get_429() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 5);
    c.client_burst = 3;
    c.client_rate = 1;
    let net = session_localnet::LocalNet::start(c).await.unwrap();
    let nodes = net.nodes();
    let n = &nodes[0];
    for _ in 0..3 {
        assert_eq!(rpc(n, "info", json!({})).await.status, 200);
    }
    let a = rpc(n, "info", json!({})).await;
    assert_eq!((a.status, a.text()), (429, "Too Many Requests\n"));
    assert_eq!(a.content_type, "text/plain");
    // Each node keeps its own buckets, and onion requests are not limited (network.md §4.9:
    // direct /storage_rpc/v1 only), even with this node as guard.
    assert_eq!(rpc(&nodes[1], "info", json!({})).await.status, 200);
    let info = json!({"method": "info", "params": {}});
    let (status, _) = rpc_via(&net, &[n, &nodes[1]], &nodes[2], &info, EncType::AesGcm).await;
    assert_eq!(status, 200);
    net.shutdown().await;

    // The fault limits every direct request of one node.
    let (net, _dir) = start().await;
    let nodes = net.nodes();
    net.faults()
        .set_rate_limited(&nodes[0].ed25519_hex(), true)
        .unwrap();
    assert_eq!(rpc(&nodes[0], "info", json!({})).await.status, 429);
    assert_eq!(rpc(&nodes[1], "info", json!({})).await.status, 200);
    net.faults().clear().await.unwrap();
    assert_eq!(rpc(&nodes[0], "info", json!({})).await.status, 200);
    net.shutdown().await;
}

#[tokio::test]
async fn an_overloaded_node_answers_server_busy() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let busy = &members[1];
    net.faults().set_busy(&busy.ed25519_hex(), true).unwrap();
    let text = in_spec("Server busy, try again later");
    let a = rpc(busy, "info", json!({})).await;
    assert_eq!((a.status, a.text()), (503, text));
    // As a guard; as a relay it still forwards (only a guard answers busy, network.md §4.9).
    let path = path_avoiding(&net, busy.swarm_id);
    let req = to_node(&[busy, &path[0]], &members[2], b"{}", EncType::AesGcm);
    let (status, body) = send(&net, &req).await;
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (503, text)
    );
    let info = json!({"method": "info", "params": {}});
    let (status, _) = rpc_via(&net, &[&path[0], busy], &members[2], &info, EncType::AesGcm).await;
    assert_eq!(status, 200);
    net.faults().set_busy(&busy.ed25519_hex(), false).unwrap();
    assert_eq!(rpc(busy, "info", json!({})).await.status, 200);
    net.shutdown().await;

    // The same under real overload: more requests at once than a node queues.
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 5);
    c.max_queued_requests = 0;
    let net = session_localnet::LocalNet::start(c).await.unwrap();
    let a = rpc(&net.nodes()[0], "info", json!({})).await;
    assert_eq!((a.status, a.text()), (503, text));
    net.shutdown().await;
}

#[tokio::test]
async fn a_destination_that_is_not_ready_answers_inside_the_encryption() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let dest = &members[0];
    net.faults()
        .set_not_ready_as_destination(&dest.ed25519_hex(), true)
        .unwrap();
    let path = path_avoiding(&net, dest.swarm_id);
    let path: Vec<&_> = path.iter().collect();
    let info = json!({"method": "info", "params": {}});
    let (status, body) = rpc_via(&net, &path, dest, &info, EncType::XChaCha20).await;
    assert_eq!((status, body), (503, json!(in_spec("Snode not ready"))));
    // It still relays for others.
    let (status, _) = rpc_via(&net, &[path[0], dest], path[1], &info, EncType::AesGcm).await;
    assert_eq!(status, 200);
    net.faults().clear().await.unwrap();
    let (status, _) = rpc_via(&net, &path, dest, &info, EncType::AesGcm).await;
    assert_eq!(status, 200);
    net.shutdown().await;
}

#[tokio::test]
async fn stalled_hop_times_out_with_504() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let path = path_avoiding(&net, members[0].swarm_id);
    net.faults()
        .set_onion_stall(&path[1].ed25519_hex(), Some(Duration::from_secs(5)))
        .unwrap();
    let info = json!({"method": "info", "params": {}}).to_string();
    let req = to_node(
        &[&path[0], &path[1], &path[2]],
        &members[0],
        info.as_bytes(),
        EncType::AesGcm,
    );
    let (status, body) = send(&net, &req).await;
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (504, in_spec("Request time out"))
    );
    net.faults()
        .set_onion_stall(&path[1].ed25519_hex(), None)
        .unwrap();
    let req = to_node(
        &[&path[0], &path[1], &path[2]],
        &members[0],
        info.as_bytes(),
        EncType::AesGcm,
    );
    let (status, body) = send(&net, &req).await;
    assert_eq!(status, 200);
    assert_eq!(
        core_onion::decode_node_reply(&req.reply_key, &body)
            .unwrap()
            .status,
        200
    );
    net.shutdown().await;
}

#[tokio::test]
async fn reply_dropped_after_the_message_was_stored() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
    let dropper = &members[0];
    net.faults()
        .set_drop_reply_after_store(&dropper.ed25519_hex(), true)
        .unwrap();
    // Direct: the connection closes without an answer, yet every member stored the message.
    let res = client()
        .post(format!("{}/storage_rpc/v1", dropper.https_url()))
        .body(json!({"method": "store", "params": store_params(&user.session_id(), b"lost reply", 60_000)}).to_string())
        .send()
        .await;
    assert!(res.is_err(), "no reply: {res:?}");
    for m in &members {
        assert_eq!(
            net.message_count(&m.ed25519_hex()),
            Some(1),
            "member {}",
            m.index
        );
    }
    // Reads still answer.
    assert_eq!(
        rpc(dropper, "retrieve", retrieve_params(&user, 0))
            .await
            .status,
        200
    );
    // Through an onion path the last hop sees no reply: 504.
    let path = path_avoiding(&net, dropper.swarm_id);
    let p: Vec<&_> = path.iter().collect();
    let store =
        json!({"method": "store", "params": store_params(&user.session_id(), b"second", 60_000)});
    let req = to_node(
        &p,
        dropper,
        store.to_string().as_bytes(),
        EncType::XChaCha20,
    );
    let (status, _) = send(&net, &req).await;
    assert_eq!(status, 504);
    assert_eq!(net.message_count(&dropper.ed25519_hex()), Some(2));
    // As a swarm member, its entry fails while its copy is kept.
    let a = rpc(
        &members[1],
        "store",
        store_params(&user.session_id(), b"third", 60_000),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["swarm"][dropper.ed25519_hex()]["failed"], true);
    assert_eq!(net.message_count(&dropper.ed25519_hex()), Some(3));
    net.shutdown().await;
}

#[tokio::test]
async fn admin_endpoint_drives_the_same_faults() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 12);
    c.admin = true;
    let net = session_localnet::LocalNet::start(c).await.unwrap();
    let admin = net.admin_url().unwrap();
    assert!(admin.starts_with("http://127.0.0.1:"));
    let http = client();
    let nodes: Value = http
        .get(format!("{admin}/admin/nodes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(nodes["nodes"].as_array().unwrap().len(), 12);
    let user = User::new();
    let (members, outsider) = swarm_of(&net, &user.pubkey33());
    let n = &members[0];
    let post = |path: String, body: Value| {
        let http = http.clone();
        async move {
            http.post(path)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let ed = n.ed25519_hex();
    assert_eq!(
        post(format!("{admin}/admin/nodes/{ed}/down"), json!({})).await,
        200
    );
    assert!(refused(n).await);
    let nodes: Value = http
        .get(format!("{admin}/admin/nodes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(nodes["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["ed25519"] == ed && x["down"] == true));
    assert_eq!(
        post(format!("{admin}/admin/nodes/{ed}/up"), json!({})).await,
        200
    );
    assert!(!refused(n).await);
    assert_eq!(
        post(
            format!("{admin}/admin/nodes/{ed}/clock"),
            json!({"skew_ms": 120_000})
        )
        .await,
        200
    );
    assert_eq!(
        rpc(n, "retrieve", retrieve_params(&user, 0)).await.status,
        406
    );
    assert_eq!(
        post(
            format!("{admin}/admin/nodes/{ed}/unavailable"),
            json!({"on": true})
        )
        .await,
        200
    );
    assert_eq!(rpc(n, "info", json!({})).await.status, 503);
    let sid = user.session_id();
    let to = format!("{:x}", outsider.swarm_id);
    assert_eq!(
        post(
            format!("{admin}/admin/accounts/{sid}/move"),
            json!({"swarm_id": to})
        )
        .await,
        200
    );
    assert_eq!(
        rpc(&members[1], "store", store_params(&sid, b"x", 60_000))
            .await
            .status,
        421
    );
    for action in ["rate_limited", "busy", "not_ready_destination"] {
        assert_eq!(
            post(
                format!("{admin}/admin/nodes/{ed}/{action}"),
                json!({"on": true})
            )
            .await,
            200,
            "{action}"
        );
    }
    assert_eq!(
        post(format!("{admin}/admin/nodes/{ed}/stall"), json!({"ms": 10})).await,
        200
    );
    assert_eq!(
        post(
            format!("{admin}/admin/nodes/{ed}/drop_after_store"),
            json!({"on": true})
        )
        .await,
        200
    );
    assert_eq!(
        post(
            format!("{admin}/admin/nodes/{}/down", "ab".repeat(32)),
            json!({})
        )
        .await,
        404
    );
    assert_eq!(post(format!("{admin}/admin/clear"), json!({})).await, 200);
    assert_eq!(
        rpc(n, "retrieve", retrieve_params(&user, 0)).await.status,
        200
    );
    assert_eq!(
        rpc(&members[1], "store", store_params(&sid, b"x", 60_000))
            .await
            .status,
        200
    );
    net.shutdown().await;
}
