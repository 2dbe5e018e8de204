//! Rooms, capabilities and the message lifecycle over real HTTP.

mod common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use common::{account, start};
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::json;

#[tokio::test]
async fn capabilities_and_required() {
    let s = start().await;
    let r = s.call(None, "GET", "/capabilities", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["capabilities"],
        json!(["blind", "reactions", "sogs"])
    );
    let r = s
        .call(None, "GET", "/capabilities?required=sogs,magic", None)
        .await;
    assert_eq!(r.status, 412);
    assert_eq!(r.json()["missing"], json!(["magic"]));
    assert_eq!(
        s.call(None, "GET", "/capabilities?required=blind", None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn rooms_list_and_details() {
    let s = start().await;
    session_sogs::admin::create_room(&s.sogs, "dev", "Developers", None).unwrap();
    assert!(session_sogs::admin::create_room(&s.sogs, "dev", "again", None).is_err());
    assert!(session_sogs::admin::create_room(&s.sogs, "bad token", "x", None).is_err());
    let rooms = s.call(None, "GET", "/rooms", None).await.json();
    let tokens: Vec<&str> = rooms
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["token"].as_str().unwrap())
        .collect();
    assert_eq!(tokens, ["lobby", "dev"]);
    let lobby = s.call(None, "GET", "/room/lobby", None).await.json();
    assert_eq!(lobby["name"], "Lobby");
    assert_eq!(lobby["description"], "Say hi");
    assert_eq!(lobby["message_sequence"], 0);
    assert_eq!(lobby["read"], true);
    assert_eq!(s.call(None, "GET", "/room/nope", None).await.status, 404);
    assert_eq!(
        s.call(None, "GET", "/no/such/route", None).await.status,
        404
    );
}

#[tokio::test]
async fn poll_info_includes_details_only_when_changed() {
    let s = start().await;
    let alice = account(1);
    let p = s
        .as_user(&alice, "GET", "/room/lobby/pollInfo/0", None)
        .await
        .json();
    assert!(p.get("details").is_none(), "{p}");
    assert_eq!(p["active_users"], 1);
    let p = s
        .as_user(&alice, "GET", "/room/lobby/pollInfo/7", None)
        .await
        .json();
    assert_eq!(p["details"]["token"], "lobby");
    assert_eq!(
        s.call(None, "GET", "/room/lobby/pollInfo/x", None)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn post_and_read_back_with_a_verifying_signature() {
    let s = start().await;
    let alice = account(1);
    let body = s.post_body(&alice, b"hello world");
    let r = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let posted = r.json();
    assert_eq!(posted["session_id"], s.blinded_id(&alice));
    assert_eq!(posted["seqno"], 1);
    let id = posted["id"].as_i64().unwrap();

    let got = s
        .call(None, "GET", &format!("/room/lobby/message/{id}"), None)
        .await
        .json();
    let data = B64.decode(got["data"].as_str().unwrap()).unwrap();
    assert_eq!(data, b"hello world");
    // The stored signature verifies under the blinded key named by session_id.
    let sid = hex::decode(got["session_id"].as_str().unwrap()).unwrap();
    let key = VerifyingKey::from_bytes(sid[1..].try_into().unwrap()).unwrap();
    let sig =
        Signature::from_slice(&B64.decode(got["signature"].as_str().unwrap()).unwrap()).unwrap();
    key.verify_strict(&data, &sig).unwrap();

    let recent = s
        .call(None, "GET", "/room/lobby/messages/recent", None)
        .await
        .json();
    assert_eq!(recent.as_array().unwrap().len(), 1);
    assert_eq!(
        s.call(None, "GET", "/room/lobby", None).await.json()["message_sequence"],
        1
    );
}

#[tokio::test]
async fn a_post_signed_by_someone_else_is_refused() {
    let s = start().await;
    let body = s.post_body(&account(2), b"forged");
    let r = s
        .as_user(&account(1), "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 400);
    let r = s
        .as_user(
            &account(1),
            "POST",
            "/room/lobby/message",
            Some(&json!({"data": "!!"})),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = s
        .raw("POST", "/room/lobby/message", &[], b"not json".to_vec())
        .await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn paging_since_before_and_limit() {
    let s = start().await;
    let alice = account(1);
    let mut ids = Vec::new();
    for i in 0..5u8 {
        let body = s.post_body(&alice, &[b'm', i]);
        ids.push(
            s.as_user(&alice, "POST", "/room/lobby/message", Some(&body))
                .await
                .json()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let recent = s
        .call(None, "GET", "/room/lobby/messages/recent?limit=2", None)
        .await
        .json();
    let got: Vec<i64> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, [ids[4], ids[3]]);
    let before = s
        .call(
            None,
            "GET",
            &format!("/room/lobby/messages/before/{}", ids[2]),
            None,
        )
        .await
        .json();
    let got: Vec<i64> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, [ids[1], ids[0]]);
    let since = s
        .call(None, "GET", "/room/lobby/messages/since/3", None)
        .await
        .json();
    let seqs: Vec<i64> = since
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seqno"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, [4, 5]);
    assert_eq!(
        s.call(None, "GET", "/room/lobby/messages/recent?limit=x", None)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn edit_and_delete_own_messages() {
    let s = start().await;
    let (alice, bob) = (account(1), account(2));
    let body = s.post_body(&alice, b"first");
    let id = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/room/lobby/message/{id}");

    let edit = s.post_body(&alice, b"second");
    let r = s.as_user(&alice, "PUT", &path, Some(&edit)).await;
    assert_eq!((r.status, r.json()), (200, json!({})));
    let got = s.call(None, "GET", &path, None).await.json();
    assert_eq!(
        B64.decode(got["data"].as_str().unwrap()).unwrap(),
        b"second"
    );
    assert!(got["edited"].is_number());
    assert_eq!(got["seqno"], 2);

    // Bob may neither edit nor delete it.
    let bob_edit = s.post_body(&bob, b"mine now");
    assert_eq!(
        s.as_user(&bob, "PUT", &path, Some(&bob_edit)).await.status,
        403
    );
    assert_eq!(s.as_user(&bob, "DELETE", &path, None).await.status, 403);

    assert_eq!(s.as_user(&alice, "DELETE", &path, None).await.status, 200);
    assert_eq!(s.call(None, "GET", &path, None).await.status, 404);
    assert_eq!(s.as_user(&alice, "DELETE", &path, None).await.status, 404);
    // The deletion shows in /since as a tombstone.
    let since = s
        .call(None, "GET", "/room/lobby/messages/since/2", None)
        .await
        .json();
    assert_eq!(since[0]["id"], id);
    assert_eq!(since[0]["deleted"], true);
    assert!(since[0].get("data").is_none());
}

#[tokio::test]
async fn moderators_delete_others_messages_and_manage_bans() {
    let s = start().await;
    let (alice, moderator) = (account(1), account(3));
    session_sogs::admin::add_moderator(
        &s.sogs,
        Some("lobby"),
        &moderator.session_id().to_string(),
        false,
    )
    .unwrap();
    let info = s
        .as_user(&moderator, "GET", "/room/lobby", None)
        .await
        .json();
    assert_eq!(info["moderator"], true);
    assert!(info.get("admin").is_none());
    // The room lists its moderators to everyone (the moderator's blinded ID among them), and
    // naming one changed the room's details for pollers.
    let seen_by_alice = s.as_user(&alice, "GET", "/room/lobby", None).await.json();
    let listed: Vec<&str> = seen_by_alice["moderators"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        listed.contains(&s.blinded_id(&moderator).as_str()),
        "{listed:?}"
    );
    assert_eq!(seen_by_alice["admins"].as_array().map(Vec::len), Some(0));
    assert!(seen_by_alice.get("hidden_moderators").is_none());
    assert!(seen_by_alice["info_updates"].as_i64().unwrap() > 0);

    let body = s.post_body(&alice, b"spam");
    let id = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let r = s
        .as_user(
            &moderator,
            "DELETE",
            &format!("/room/lobby/message/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, 200);

    // Ban through the API: Alice can no longer read the room; she cannot ban back.
    let alice_id = s.blinded_id(&alice);
    let ban = json!({"rooms": ["lobby"]});
    let r = s
        .as_user(
            &alice,
            "POST",
            &format!("/user/{}/ban", s.blinded_id(&moderator)),
            Some(&ban),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/ban"),
            Some(&ban),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        s.as_user(&alice, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        403
    );
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/unban"),
            Some(&ban),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        s.as_user(&alice, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        200
    );
    // Making moderators takes an admin.
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/moderator"),
            Some(&json!({"rooms": ["lobby"], "moderator": true})),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/ban"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, 400);
}
