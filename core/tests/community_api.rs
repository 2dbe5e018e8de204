//! The community API's requests and answers (messaging.md §7.5–§7.6).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use proptest::prelude::*;
use serde_json::{json, Value};
use session_core::community::api::{
    self, ApiError, BatchReply, Body, Capabilities, DirectMessage, Method, PollInfo,
    ReactionChange, RoomInfo, RoomMessage,
};
use session_core::community::auth::signing_path;
use session_core::identity::SessionId;

fn id(fill: char, prefix: &str) -> String {
    format!("{prefix}{}", fill.to_string().repeat(64))
}

#[test]
fn requests_have_the_official_paths() {
    let cases = [
        (api::capabilities(), "GET", "/capabilities"),
        (api::rooms(), "GET", "/rooms"),
        (api::room("Lobby"), "GET", "/room/Lobby"),
        (api::poll_info("lobby", 7), "GET", "/room/lobby/pollInfo/7"),
        (
            api::recent("lobby", 1000),
            "GET",
            "/room/lobby/messages/recent?limit=256&reactors=5",
        ),
        (
            api::since("lobby", 42, 100),
            "GET",
            "/room/lobby/messages/since/42?t=r&limit=100&reactors=5",
        ),
        (
            api::before("lobby", 9, 50),
            "GET",
            "/room/lobby/messages/before/9?limit=50&reactors=5",
        ),
        (api::message("lobby", 9), "GET", "/room/lobby/message/9"),
        (api::delete("lobby", 9), "DELETE", "/room/lobby/message/9"),
        (
            api::react("lobby", 9, "👍"),
            "PUT",
            "/room/lobby/reaction/9/%F0%9F%91%8D",
        ),
        (
            api::unreact("lobby", 9, "👍"),
            "DELETE",
            "/room/lobby/reaction/9/%F0%9F%91%8D",
        ),
        (api::download("lobby", 3), "GET", "/room/lobby/file/3"),
        (api::inbox(None), "GET", "/inbox"),
        (api::inbox(Some(5)), "GET", "/inbox/since/5"),
        (api::outbox(Some(6)), "GET", "/outbox/since/6"),
    ];
    for (req, method, target) in cases {
        assert_eq!(req.method.as_str(), method);
        assert_eq!(req.target, target);
    }
    // The signer sees the emoji decoded, as the server does.
    assert_eq!(
        signing_path(&api::react("lobby", 9, "👍").target).unwrap(),
        "/room/lobby/reaction/9/👍"
    );
}

#[test]
fn bodies_carry_what_the_server_reads() {
    let sig = [7u8; 64];
    let post = api::post("lobby", b"padded", &sig, &[]);
    assert_eq!(post.method, Method::Post);
    assert_eq!(post.content_type(), Some("application/json"));
    let body: Value = serde_json::from_slice(&post.body_bytes()).unwrap();
    assert_eq!(
        body,
        json!({"data": B64.encode(b"padded"), "signature": B64.encode(sig)})
    );
    let with_files: Value =
        serde_json::from_slice(&api::post("lobby", b"x", &sig, &[4, 5]).body_bytes()).unwrap();
    assert_eq!(with_files["files"], json!([4, 5]));

    let upload = api::upload("lobby", vec![1, 2, 3]);
    assert_eq!(upload.body, Body::Bytes(vec![1, 2, 3]));
    assert_eq!(upload.content_type(), Some("application/octet-stream"));

    let to: SessionId = id('a', "15").parse().unwrap();
    let dm = api::send_dm(&to, b"blob");
    assert_eq!(dm.target, format!("/inbox/{to}"));
    let body: Value = serde_json::from_slice(&dm.body_bytes()).unwrap();
    assert_eq!(body, json!({"message": B64.encode(b"blob")}));

    let batch = api::batch(&[api::capabilities(), post, upload], false);
    assert_eq!(batch.target, "/batch");
    let entries: Value = serde_json::from_slice(&batch.body_bytes()).unwrap();
    assert_eq!(
        entries[0],
        json!({"method": "GET", "path": "/capabilities"})
    );
    assert_eq!(entries[1]["json"]["data"], B64.encode(b"padded"));
    assert_eq!(entries[2]["b64"], B64.encode([1, 2, 3]));
    assert_eq!(api::batch(&[], true).target, "/sequence");
}

#[test]
fn answers_read_into_typed_values() {
    let caps = Capabilities::parse(br#"{"capabilities":["sogs","blind","reactions"]}"#).unwrap();
    assert!(caps.blinds() && caps.has("reactions") && !caps.has("x"));
    assert!(
        !Capabilities::parse(br#"{"capabilities":["sogs"],"missing":["blind"]}"#)
            .unwrap()
            .blinds()
    );

    let mod_id = id('b', "15");
    let room = json!({
        "token": "lobby", "name": "Lobby", "info_updates": 3, "message_sequence": 12,
        "created": 1.7e9, "active_users": 4, "moderators": [mod_id], "admins": [],
        "read": true, "write": true, "upload": false
    });
    let info = RoomInfo::parse(room.to_string().as_bytes()).unwrap();
    assert_eq!(
        (
            info.token.as_str(),
            info.info_updates,
            info.message_sequence
        ),
        ("lobby", 3, 12)
    );
    assert!(info.is_moderator(&mod_id.parse().unwrap()));
    assert!(info.permissions.write && !info.permissions.upload && info.description.is_none());
    let list =
        RoomInfo::parse_list(json!([room.clone(), room.clone()]).to_string().as_bytes()).unwrap();
    assert_eq!(list.len(), 2);

    let poll = PollInfo::parse(json!({"token": "lobby", "active_users": 2, "read": true, "write": false, "upload": false, "details": room}).to_string().as_bytes()).unwrap();
    assert_eq!(poll.details.unwrap().name, "Lobby");
    assert!(PollInfo::parse(
        br#"{"token":"lobby","active_users":2,"read":true,"write":true,"upload":true}"#
    )
    .unwrap()
    .details
    .is_none());

    let author = id('c', "15");
    let messages = json!([
        {"id": 1, "session_id": author, "posted": 1.5, "seqno": 10, "data": B64.encode(b"padded"),
         "signature": B64.encode([1u8; 64]),
         "reactions": {"👍": {"index": 0, "count": 2, "reactors": [author], "you": true}}},
        {"id": 2, "session_id": author, "seqno": 11, "deleted": true, "data": null},
        {"id": 1, "seqno": 12, "reactions": {}}
    ]);
    let got = RoomMessage::parse_list(messages.to_string().as_bytes()).unwrap();
    assert_eq!(got[0].data.as_deref(), Some(&b"padded"[..]));
    assert_eq!(got[0].signature, Some([1u8; 64]));
    let thumbs = &got[0].reactions.as_ref().unwrap()["👍"];
    assert_eq!((thumbs.count, thumbs.you), (2, true));
    assert!(got[1].deleted && got[1].data.is_none());
    assert!(got[2].author.is_none() && got[2].reactions.as_ref().unwrap().is_empty());

    let dms = json!([{"id": 4, "posted_at": 1.0, "expires_at": 2.0, "sender": id('d', "15"),
        "recipient": id('e', "15"), "message": B64.encode(b"sealed")}]);
    let got = DirectMessage::parse_list(dms.to_string().as_bytes()).unwrap();
    assert_eq!(got[0].message.as_deref(), Some(&b"sealed"[..]));
    assert!(DirectMessage::parse_list(b"").unwrap().is_empty());

    assert_eq!(
        ReactionChange::parse(br#"{"added":true,"seqno":5}"#).unwrap(),
        ReactionChange {
            changed: true,
            seqno: 5
        }
    );
    assert_eq!(
        ReactionChange::parse(br#"{"removed":false,"seqno":6}"#).unwrap(),
        ReactionChange {
            changed: false,
            seqno: 6
        }
    );
    assert_eq!(api::parse_file_id(br#"{"id":77}"#).unwrap(), 77);

    let replies = BatchReply::parse_list(json!([
        {"code": 200, "headers": {"content-type": "application/json"}, "body": {"a": 1}},
        {"code": 200, "headers": {"content-type": "application/octet-stream"}, "body": B64.encode(b"raw")},
        {"code": 404, "headers": {}, "body": null}
    ]).to_string().as_bytes()).unwrap();
    assert_eq!(replies[0].ok().unwrap(), br#"{"a":1}"#);
    assert_eq!(replies[1].ok().unwrap(), b"raw");
    assert_eq!(replies[2].ok(), Err(ApiError::Status(404)));
}

#[test]
fn malformed_answers_are_typed_errors() {
    let bad_sig =
        json!([{"id": 1, "seqno": 1, "data": "AA==", "signature": B64.encode([0u8; 10])}]);
    assert_eq!(
        RoomMessage::parse_list(bad_sig.to_string().as_bytes()),
        Err(ApiError::Field("signature"))
    );
    let bad_author = json!({"id": 1, "seqno": 1, "session_id": "15zz"});
    assert_eq!(
        RoomMessage::parse(bad_author.to_string().as_bytes()),
        Err(ApiError::Field("author ID"))
    );
    let bad_b64 = json!({"id": 1, "seqno": 1, "data": "***"});
    assert_eq!(
        RoomMessage::parse(bad_b64.to_string().as_bytes()),
        Err(ApiError::Field("message data"))
    );
    assert!(matches!(
        Capabilities::parse(b"[1,2"),
        Err(ApiError::Json(_))
    ));
    assert!(matches!(
        RoomInfo::parse(br#"{"token":"x"}"#),
        Err(ApiError::Json(_))
    ));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Capabilities::parse(&body);
        let _ = RoomInfo::parse_list(&body);
        let _ = PollInfo::parse(&body);
        let _ = RoomMessage::parse_list(&body);
        let _ = DirectMessage::parse_list(&body);
        let _ = BatchReply::parse_list(&body);
        let _ = ReactionChange::parse(&body);
    }

    #[test]
    fn any_emoji_path_signs_as_the_text(emoji in "\\PC{1,8}") {
        let req = api::react("lobby", 1, &emoji);
        prop_assert!(req.target.is_ascii());
        prop_assert_eq!(signing_path(&req.target).unwrap(), format!("/room/lobby/reaction/1/{emoji}"));
    }
}

#[test]
fn signed_v4_requests_verify_as_the_server_checks_them() {
    use ed25519_dalek::{Signature, VerifyingKey};
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use session_core::community::auth::{message_to_sign, AuthMode};
    use session_core::community::url::ServerKey;
    use session_core::identity::Identity;

    let account = Identity::from_seed(&[5; 16]);
    let server = ServerKey([9; 32]);
    let req = api::react("lobby", 3, "🎉");
    let v4 = req
        .to_v4(
            &account,
            &server,
            AuthMode::Blinded,
            1_700_000_000,
            &mut StdRng::seed_from_u64(2),
        )
        .unwrap();
    assert_eq!(
        (v4.method.as_str(), v4.endpoint.as_str()),
        ("PUT", req.target.as_str())
    );
    assert_eq!(v4.headers["Content-Type"], "application/json");
    assert_eq!(v4.body.as_deref(), Some(&b"{}"[..]));
    let header = |name: &str| v4.headers[name].as_str().unwrap().to_owned();
    let pubkey = hex::decode(header("X-SOGS-Pubkey")).unwrap();
    assert_eq!(pubkey[0], 0x15);
    let nonce: [u8; 16] = B64
        .decode(header("X-SOGS-Nonce"))
        .unwrap()
        .try_into()
        .unwrap();
    let sig: [u8; 64] = B64
        .decode(header("X-SOGS-Signature"))
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(header("X-SOGS-Timestamp"), "1700000000");
    let signed = message_to_sign(
        &server.0,
        &nonce,
        1_700_000_000,
        "PUT",
        &signing_path(&v4.endpoint).unwrap(),
        b"{}",
    );
    let key = VerifyingKey::from_bytes(&pubkey[1..].try_into().unwrap()).unwrap();
    assert!(key
        .verify_strict(&signed, &Signature::from_bytes(&sig))
        .is_ok());
    // A GET carries no body and no content type.
    let get = api::rooms()
        .to_v4(
            &account,
            &server,
            AuthMode::Unblinded,
            1,
            &mut StdRng::seed_from_u64(3),
        )
        .unwrap();
    assert!(get.body.is_none() && !get.headers.contains_key("Content-Type"));
    assert!(get.headers["X-SOGS-Pubkey"]
        .as_str()
        .unwrap()
        .starts_with("00"));
}
