//! Polling a community server: the batch asked for, and what its answers give.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Value};
use session_core::community::api::{ApiError, BatchReply};
use session_core::community::auth::AuthMode;
use session_core::community::dm::own_blinded_id;
use session_core::community::poll::{is_author, DropReason, ServerPoll};
use session_core::community::post;
use session_core::community::url::ServerKey;
use session_core::identity::Identity;

const SERVER: ServerKey = ServerKey([0x33; 32]);

fn ok(body: Value) -> BatchReply {
    BatchReply {
        code: 200,
        body: body.to_string().into_bytes(),
    }
}

/// A post by `who` as the server lists it.
fn posted(who: &Identity, id: i64, seqno: i64, text: &[u8]) -> Value {
    let signed = post::sign(
        who,
        &SERVER,
        AuthMode::Blinded,
        text,
        &mut StdRng::seed_from_u64(1),
    )
    .unwrap();
    json!({
        "id": id, "seqno": seqno, "posted": 1.7e9,
        "session_id": own_blinded_id(who, &SERVER.0, false).unwrap().to_hex(),
        "data": B64.encode(&signed.data), "signature": B64.encode(signed.signature),
    })
}

fn room(token: &str, updates: i64) -> Value {
    json!({"token": token, "name": token, "info_updates": updates, "message_sequence": 0,
           "read": true, "write": true, "upload": true})
}

#[test]
fn a_first_poll_asks_for_recent_history_and_the_next_only_for_changes() {
    let mut poll = ServerPoll::default();
    poll.join("Lobby");
    poll.join("lobby");
    let targets: Vec<String> = poll.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/capabilities",
            "/room/Lobby/pollInfo/0",
            "/room/Lobby/messages/recent?limit=100&reactors=5",
            "/inbox",
            "/outbox",
        ]
    );

    let alice = Identity::from_seed(&[1; 16]);
    let replies = [
        ok(json!({"capabilities": ["sogs", "blind", "reactions"]})),
        ok(
            json!({"token": "Lobby", "active_users": 1, "read": true, "write": true, "upload": true, "details": room("Lobby", 2)}),
        ),
        // Newest first, as recent pages come.
        ok(json!([
            posted(&alice, 2, 6, b"second"),
            posted(&alice, 1, 5, b"first")
        ])),
        ok(
            json!([{"id": 9, "posted_at": 1.0, "sender": own_blinded_id(&alice, &SERVER.0, false).unwrap().to_hex(),
                   "recipient": own_blinded_id(&Identity::from_seed(&[2; 16]), &SERVER.0, false).unwrap().to_hex(),
                   "message": B64.encode(b"x")}]),
        ),
        BatchReply {
            code: 304,
            body: Vec::new(),
        },
    ];
    let out = poll.apply(&replies);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    let ids: Vec<i64> = out.events.iter().map(|e| e.message.id).collect();
    assert_eq!(ids, [1, 2], "oldest first");
    assert_eq!(out.rooms_changed, ["lobby"]);
    assert_eq!(out.inbox.len(), 1);
    assert!(out.outbox.is_empty());

    let targets: Vec<String> = poll.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/capabilities",
            "/room/Lobby/pollInfo/2",
            "/room/Lobby/messages/since/6?t=r&limit=256&reactors=5",
            "/inbox/since/9",
            "/outbox",
        ]
    );
}

#[test]
fn forged_and_unsigned_posts_are_dropped_and_the_rest_stands() {
    let mut poll = ServerPoll::default();
    poll.join("lobby");
    let _ = poll.requests();
    let alice = Identity::from_seed(&[1; 16]);
    let mallory = Identity::from_seed(&[6; 16]);
    let mut forged = posted(&mallory, 3, 7, b"i am alice");
    forged["session_id"] = own_blinded_id(&alice, &SERVER.0, false)
        .unwrap()
        .to_hex()
        .into();
    let mut unsigned = posted(&alice, 4, 8, b"no signature");
    unsigned.as_object_mut().unwrap().remove("signature");
    let deletion = json!({"id": 1, "seqno": 9, "deleted": true, "data": null, "session_id": forged["session_id"]});
    let replies = [
        ok(json!({"capabilities": ["sogs", "blind"]})),
        BatchReply {
            code: 403,
            body: Vec::new(),
        },
        ok(json!([
            posted(&alice, 2, 6, b"fine"),
            forged,
            unsigned,
            deletion
        ])),
        ok(json!([])),
        ok(json!([])),
    ];
    let out = poll.apply(&replies);
    let kept: Vec<i64> = out.events.iter().map(|e| e.message.id).collect();
    assert_eq!(kept, [2, 1]);
    assert!(out.events[1].message.deleted);
    let dropped: Vec<(i64, DropReason)> = out.dropped.iter().map(|d| (d.id, d.reason)).collect();
    assert_eq!(
        dropped,
        [(3, DropReason::BadSignature), (4, DropReason::Unsigned)]
    );
    assert_eq!(
        out.failures,
        [("room lobby".to_owned(), ApiError::Status(403))]
    );
    // Every seen event moves the cursor, dropped or not.
    assert_eq!(poll.rooms["lobby"].seqno, Some(9));
}

#[test]
fn a_server_that_does_not_blind_has_no_inbox_to_poll() {
    let mut poll = ServerPoll::default();
    poll.join("lobby");
    let _ = poll.requests();
    let _ = poll.apply(&[ok(json!({"capabilities": ["sogs"]}))]);
    let targets: Vec<String> = poll.requests().into_iter().map(|r| r.target).collect();
    assert!(!targets.iter().any(|t| t.contains("box")), "{targets:?}");
    poll.leave("LOBBY");
    assert_eq!(poll.requests().len(), 1);
}

#[test]
fn authors_are_matched_through_their_blinded_ids() {
    let alice = Identity::from_seed(&[1; 16]);
    let bob = Identity::from_seed(&[2; 16]);
    for blind25 in [false, true] {
        let id = own_blinded_id(&alice, &SERVER.0, blind25).unwrap();
        assert!(is_author(&id, &alice.session_id(), &SERVER.0));
        assert!(!is_author(&id, &bob.session_id(), &SERVER.0));
    }
    assert!(is_author(
        &alice.session_id(),
        &alice.session_id(),
        &SERVER.0
    ));
}

#[test]
fn garbage_answers_fail_their_part_only() {
    let mut poll = ServerPoll::default();
    poll.join("a");
    let n = poll.requests().len();
    let replies: Vec<BatchReply> = (0..n)
        .map(|i| BatchReply {
            code: 200,
            body: format!("{{garbage {i}").into_bytes(),
        })
        .collect();
    let out = poll.apply(&replies);
    assert_eq!(out.failures.len(), n);
    assert!(out.events.is_empty());
    // A short batch (a stopped sequence) leaves the rest unanswered, not failed.
    let _ = poll.requests();
    let out = poll.apply(&[]);
    assert!(out.failures.is_empty());
}
