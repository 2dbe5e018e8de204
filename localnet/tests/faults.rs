//! Every fault, through the Rust API and the admin endpoint: node down/up, clock skew, a swarm
//! move (421), 503, stalled hop (504), reply dropped after storing, nodes lying about stores.

mod common;

use common::onion::*;
use common::*;
use serde_json::{json, Value};
use session_core::onion::{self as core_onion, EncType};
use session_localnet::rpc::errors;
use session_localnet::{rules, Error, MoveError, NodeInfo, StoreLie};
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

/// Hashes of the messages a retrieve from `node` lists for `user`.
async fn hashes_at(node: &NodeInfo, user: &User) -> Vec<String> {
    let r = rpc(node, "retrieve", retrieve_params(user, 0)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["hash"].as_str().unwrap().to_owned())
        .collect()
}

/// Every node's swarm as a node list gives it: `(ed25519 hex, swarm_id)` of each state.
fn listed(result: &Value) -> Vec<(String, u64)> {
    result["service_node_states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["pubkey_ed25519"].as_str().unwrap().to_owned(),
                s["swarm_id"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_swarm_move_changes_the_network_and_every_node_list_shows_it() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (sid, pk) = (user.session_id(), user.pubkey33());
    let (old, _) = swarm_of(&net, &pk);
    let old_id = old[0].swarm_id;
    let kept = rpc(&old[0], "store", store_params(&sid, b"before", 60_000)).await;
    assert_eq!(kept.status, 200);
    let kept = kept.body["hash"].as_str().unwrap().to_owned();
    let before = net.nodes();

    let new_id = net.faults().move_account(&sid).unwrap();
    // A new swarm at the account's own place on the ring (network.md §3.3) ...
    assert_eq!(new_id, rules::swarm_space(&pk));
    assert!(before.iter().all(|n| n.swarm_id != new_id));
    assert_eq!(net.swarm_of(&pk), Some(new_id));
    assert_eq!(rules::swarm_for(&pk, &net.swarm_ids()), Some(new_id));
    // ... of three nodes from the other swarm, which keeps enough members.
    let members = net.swarm_members(new_id);
    assert_eq!(members.len(), 3);
    for m in &members {
        let was = before.iter().find(|n| n.ed25519 == m.ed25519).unwrap();
        assert_ne!(was.swarm_id, old_id, "taken from another swarm");
    }
    assert_eq!(net.swarm_members(old_id).len(), old.len());
    for id in net.swarm_ids() {
        assert!(net.swarm_members(id).len() >= 3, "swarm {id:x}");
    }
    let now: Vec<(String, u64)> = net
        .nodes()
        .iter()
        .map(|n| (n.ed25519_hex(), n.swarm_id))
        .collect();
    // The seed and every node's get_service_nodes list the new assignment.
    let seed = post_raw(
        &format!("{}json_rpc", net.seed_url()),
        json!({"jsonrpc": "2.0", "id": 0, "method": "get_n_service_nodes",
               "params": {"fields": {"pubkey_ed25519": true, "swarm_id": true}}})
        .to_string()
        .into_bytes(),
    )
    .await;
    assert_eq!(listed(&seed.body["result"]), now);
    let oxend = rpc(
        &old[0],
        "oxend_request",
        json!({"endpoint": "get_service_nodes",
               "params": {"fields": {"pubkey_ed25519": true, "swarm_id": true}}}),
    )
    .await;
    assert_eq!(listed(&oxend.body["result"]), now);

    // The old members refuse the account, naming the new swarm; get_swarm agrees.
    let a = rpc(&old[0], "store", store_params(&sid, b"x", 60_000)).await;
    assert_eq!(a.status, 421);
    assert_eq!(a.body["swarm"], format!("{new_id:x}"));
    let hexes = keys(&members);
    assert_eq!(named_members(&a.body), hexes);
    assert_eq!(
        rpc(&old[1], "get_swarm", json!({"pubkey": sid})).await.body["swarm"],
        format!("{new_id:x}")
    );
    // The new members hold what was stored before, and store among themselves.
    for m in &members {
        assert_eq!(
            hashes_at(m, &user).await,
            [kept.as_str()],
            "node {}",
            m.index
        );
    }
    let during = rpc(&members[0], "store", store_params(&sid, b"during", 60_000)).await;
    assert_eq!(during.status, 200);
    let mut entries: Vec<&String> = during.body["swarm"].as_object().unwrap().keys().collect();
    entries.sort();
    let mut sorted = hexes.iter().collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(entries, sorted);
    let during = during.body["hash"].as_str().unwrap().to_owned();

    // No second swarm for the same account; no room for an account of the full swarm (the
    // other two have three members each); no such account.
    assert!(matches!(
        net.faults().move_account(&sid),
        Err(Error::Move(MoveError::PlaceTaken { .. }))
    ));
    let neighbour = (0..200)
        .map(|_| User::new())
        .find(|u| net.swarm_of(&u.pubkey33()) == Some(old_id))
        .expect("an account of the old swarm");
    let err = net
        .faults()
        .move_account(&neighbour.session_id())
        .unwrap_err();
    assert!(
        matches!(err, Error::Move(MoveError::NotEnoughNodes { spare: 0 })),
        "{err}"
    );
    assert!(matches!(
        net.faults().move_account("05zz"),
        Err(Error::Config(_))
    ));
    assert_eq!(net.swarm_ids().len(), 3, "failed moves change nothing");

    // Restored: the layout's swarms, with what was stored meanwhile handed back.
    net.faults().restore_swarms().unwrap();
    assert_eq!(net.nodes(), before);
    for m in &old {
        assert_eq!(
            hashes_at(m, &user).await,
            [kept.as_str(), during.as_str()],
            "node {}",
            m.index
        );
    }
    net.shutdown().await;
}

#[tokio::test]
async fn a_lying_node_answers_stores_as_told_and_stores_nothing() {
    let (net, _dir) = start().await;
    let user = User::new();
    let (sid, pk) = (user.session_id(), user.pubkey33());
    let (members, _) = swarm_of(&net, &pk);
    let (liar, honest) = (&members[0], &members[1]);
    let liar_hex = liar.ed25519_hex();
    let stored = || {
        members
            .iter()
            .map(|m| net.message_count(&m.ed25519_hex()).unwrap())
            .sum::<u64>()
    };
    for lie in StoreLie::ALL {
        assert_eq!(StoreLie::from_name(lie.name()), Some(lie));
        net.faults().set_store_lie(&liar_hex, Some(lie)).unwrap();
        let data = lie.name().as_bytes();
        let hash = rules::message_hash(&pk, 0, data);
        let store = json!({"method": "store", "params": store_params(&sid, data, 60_000)});
        // In a sequence, as clients send it, and alone.
        let seq = rpc(liar, "sequence", json!({"requests": [store]})).await;
        assert_eq!(seq.status, 200);
        let bare = rpc(liar, "store", store["params"].clone()).await;
        let (code, body) = match lie {
            StoreLie::EmptyResults => {
                assert_eq!(seq.body, json!({"results": []}));
                (bare.status, bare.body.clone())
            }
            _ => {
                let r = &seq.body["results"][0];
                assert_eq!(r["code"].as_u64(), Some(u64::from(bare.status)), "{lie:?}");
                (bare.status, r["body"].clone())
            }
        };
        let entry = &body["swarm"][liar_hex.as_str()];
        match lie {
            StoreLie::EmptyResults => {
                assert_eq!(code, 200);
                assert_eq!(body["swarm"], json!({}));
            }
            StoreLie::WrongHash => {
                assert_eq!(code, 200);
                let other = body["hash"].as_str().unwrap();
                assert_ne!(other, hash);
                assert_eq!(entry["hash"], other);
                let sig = entry["signature"].as_str().unwrap();
                assert!(
                    node_signed(&liar_hex, other.as_bytes(), sig),
                    "honestly signed"
                );
            }
            StoreLie::BadSignature => {
                assert_eq!(code, 200);
                assert_eq!(
                    (body["hash"].as_str(), entry["hash"].as_str()),
                    (Some(hash.as_str()), Some(hash.as_str()))
                );
                let sig = entry["signature"].as_str().unwrap();
                assert!(!node_signed(&liar_hex, hash.as_bytes(), sig));
            }
            StoreLie::MadeUpSwarm => {
                assert_eq!(code, 421);
                let named = u64::from_str_radix(body["swarm"].as_str().unwrap(), 16).unwrap();
                assert_ne!(Some(named), net.swarm_of(&pk));
                let snodes = named_members(&body);
                assert!(!snodes.is_empty());
                assert_eq!(snodes, keys(&net.swarm_members(named)), "another swarm's");
            }
            _ => unreachable!("every lie is checked"),
        }
        assert_eq!(stored(), 0, "{lie:?}: nothing stored anywhere");
    }
    assert_eq!(net.faults().lies_told(&liar_hex).unwrap(), 8, "two per lie");
    // Honest to its peers and in everything else: a store through an honest member reaches
    // it, and it lists that message.
    let a = rpc(honest, "store", store_params(&sid, b"honest", 60_000)).await;
    assert_eq!(a.status, 200);
    assert!(a.body["swarm"][liar_hex.as_str()]["hash"].is_string());
    assert_eq!(
        hashes_at(liar, &user).await,
        [a.body["hash"].as_str().unwrap()]
    );
    // Truthful again.
    net.faults().set_store_lie(&liar_hex, None).unwrap();
    let a = rpc(liar, "store", store_params(&sid, b"truth", 60_000)).await;
    assert_eq!(a.status, 200);
    let hash = a.body["hash"].as_str().unwrap();
    let sig = a.body["swarm"][liar_hex.as_str()]["signature"]
        .as_str()
        .unwrap();
    assert!(node_signed(&liar_hex, hash.as_bytes(), sig));
    assert!(matches!(
        net.faults()
            .set_store_lie(&"ab".repeat(32), Some(StoreLie::WrongHash)),
        Err(Error::UnknownNode(_))
    ));
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
    // The node listing: `{"nodes": [{"ed25519", "swarm_id", "down", …}]}`.
    let listing = || async {
        let v: Value = http
            .get(format!("{admin}/admin/nodes"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["nodes"].as_array().unwrap().clone()
    };
    assert_eq!(listing().await.len(), 12);
    let user = User::new();
    let (members, _) = swarm_of(&net, &user.pubkey33());
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
    assert!(listing()
        .await
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
    // A move needs no body and names the new swarm; the node listing shows it.
    let moved = http
        .post(format!("{admin}/admin/accounts/{sid}/move"))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let moved: Value = moved.json().await.unwrap();
    let new_id = net.swarm_of(&user.pubkey33()).unwrap();
    assert_eq!(moved["swarm_id"], format!("{new_id:x}"));
    assert_eq!(moved["members"], json!(keys(&net.swarm_members(new_id))));
    let listed_new = listing()
        .await
        .iter()
        .filter(|x| x["swarm_id"] == format!("{new_id:x}"))
        .count();
    assert_eq!(listed_new, 3);
    let old_member_stores = || async {
        let a = rpc(&members[1], "store", store_params(&sid, b"x", 60_000)).await;
        a.status
    };
    assert_eq!(old_member_stores().await, 421);
    // The same account cannot get a second swarm of its own; after a restore it can.
    let (move_it, restore) = (
        format!("{admin}/admin/accounts/{sid}/move"),
        format!("{admin}/admin/swarms/restore"),
    );
    assert_eq!(post(move_it.clone(), json!({})).await, 409);
    assert_eq!(post(restore, json!({})).await, 200);
    assert_eq!(old_member_stores().await, 200);
    assert_eq!(post(move_it, json!({})).await, 200);
    for (lie, status) in [("bad_signature", 200), ("no_such_lie", 400)] {
        assert_eq!(
            post(
                format!("{admin}/admin/nodes/{ed}/store_lie"),
                json!({"lie": lie})
            )
            .await,
            status,
            "{lie}"
        );
    }
    assert_eq!(
        net.nodes().iter().filter(|n| n.swarm_id == new_id).count(),
        3,
        "moved again"
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
    // Clear undoes the move and the lie: the old member stores again, and signs truly.
    let a = rpc(n, "store", store_params(&sid, b"y", 60_000)).await;
    assert_eq!(a.status, 200);
    let hash = a.body["hash"].as_str().unwrap();
    let sig = a.body["swarm"][ed.as_str()]["signature"].as_str().unwrap();
    assert!(node_signed(&ed, hash.as_bytes(), sig));
    assert!(net.swarm_ids().iter().all(|id| *id != new_id));
    net.shutdown().await;
}
