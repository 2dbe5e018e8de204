//! ONS names: registered through the admin endpoint (and the Rust API), answered by every
//! node's `oxend_request`/`ons_resolve` with the official encryption, kept across restarts.

mod common;

use common::*;
use serde_json::{json, Value};
use session_core::crypto::push_and_ons::decrypt_ons_response;
use session_core::ons::{OnsName, OnsRecord};
use session_localnet::LocalNet;

const ALICE: &str = "05aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const BOB: &str = "05bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

async fn resolve(node: &session_localnet::NodeInfo, name_hash: &str, kind: u64) -> Answer {
    rpc(
        node,
        "oxend_request",
        json!({"endpoint": "ons_resolve", "params": {"type": kind, "name_hash": name_hash}}),
    )
    .await
}

fn b64(name: &OnsName) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(name.hash())
}

#[tokio::test]
async fn registered_names_resolve_on_every_node_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path(), 12);
    c.admin = true;
    let net = LocalNet::start(c).await.unwrap();
    let admin = net.admin_url().unwrap();
    let http = client();
    let register = |name: &str, id: &str| {
        let (http, admin) = (http.clone(), admin.clone());
        let body = json!({"name": name, "session_id": id});
        async move {
            let r = http
                .post(format!("{admin}/admin/ons"))
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, body) = register("Alice-W", ALICE).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["name"],
        "alice-w"
    );
    let name = OnsName::parse("alice-w").unwrap();

    let mut nonces = Vec::new();
    for node in net.nodes().iter().take(4) {
        let a = resolve(node, &b64(&name), 0).await;
        assert_eq!(a.status, 200, "{}", a.text());
        assert!(a.body["t"].is_u64());
        let result = &a.body["result"];
        // The libsession decryption itself opens it: the official encryption.
        let ct = hex::decode(result["encrypted_value"].as_str().unwrap()).unwrap();
        let nonce: [u8; 24] = hex::decode(result["nonce"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let sid = decrypt_ons_response("Alice-W", &ct, &nonce).unwrap();
        assert_eq!(hex::encode(sid), ALICE);
        assert!(!a.text().contains(ALICE), "the ID travels encrypted");
        nonces.push(nonce);
    }
    // A hex name hash works too.
    let a = resolve(&net.nodes()[5], &hex::encode(name.hash()), 0).await;
    let rec = OnsRecord::from_answer(&a.body).unwrap().unwrap();
    assert_eq!(rec.open(&name).unwrap().to_hex(), ALICE);

    // Unknown names, and other record types, answer an empty result as oxend does.
    let other = OnsName::parse("nobody").unwrap();
    let a = resolve(&net.nodes()[0], &b64(&other), 0).await;
    assert_eq!((a.status, a.body["result"].clone()), (200, json!({})));
    let a = resolve(&net.nodes()[0], &b64(&name), 2).await;
    assert_eq!(a.body["result"], json!({}));
    // Malformed requests are refused.
    for (hash, kind) in [("AAAA", 0), ("zz", 0), (b64(&name).as_str(), 7)] {
        let a = resolve(&net.nodes()[0], hash, kind).await;
        assert_eq!(a.status, 400, "{hash} {kind}: {}", a.text());
    }
    let a = rpc(
        &net.nodes()[0],
        "oxend_request",
        json!({"endpoint": "ons_resolve"}),
    )
    .await;
    assert_eq!(a.status, 400);

    // Bad registrations are refused and change nothing.
    for (n, id) in [
        ("-bad", BOB),
        ("good", "05abc"),
        ("", BOB),
        ("good", &BOB[2..]),
    ] {
        let (status, body) = register(n, id).await;
        assert_eq!(status, 400, "{n} {id}: {body}");
    }
    let good = OnsName::parse("good").unwrap();
    let a = resolve(&net.nodes()[0], &b64(&good), 0).await;
    assert_eq!(a.body["result"], json!({}));

    // Moving a name to another ID, and the Rust API, then a restart keeps both.
    let (status, _) = register("alice-w", BOB).await;
    assert_eq!(status, 200);
    assert_eq!(net.register_name("Good", ALICE).unwrap(), "good");
    net.shutdown().await;
    let mut c = config(dir.path(), 12);
    c.admin = true;
    let net = LocalNet::start(c).await.unwrap();
    for (name, id) in [(&name, BOB), (&good, ALICE)] {
        let a = resolve(&net.nodes()[7], &b64(name), 0).await;
        let rec = OnsRecord::from_answer(&a.body).unwrap().unwrap();
        assert_eq!(rec.open(name).unwrap().to_hex(), id);
    }
    net.shutdown().await;
}
