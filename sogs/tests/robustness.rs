//! Persistence across restarts and hostile input answered with typed errors, never a panic.

mod common;

use common::{account, start, Signing};
use serde_json::json;
use session_sogs::Sogs;

#[test]
fn reopening_keeps_key_rooms_and_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let pk = {
        let s = Sogs::open(dir.path()).unwrap();
        session_sogs::admin::create_room(&s, "kept", "Kept", None).unwrap();
        s.public_key()
    };
    let s = Sogs::open(dir.path()).unwrap();
    assert_eq!(s.public_key(), pk);
    // The room survived: creating it again collides.
    assert!(session_sogs::admin::create_room(&s, "kept", "Kept", None).is_err());
}

#[tokio::test]
async fn hostile_input_gets_4xx() {
    let s = start().await;
    let alice = account(1);
    for (method, path) in [
        ("GET", "/room/lobby/message/99999999999999999999999"),
        ("GET", "/room/lobby/messages/since/-x"),
        ("GET", "/room/lobby/messages/before/%00"),
        ("PATCH", "/rooms"),
        ("GET", "/inbox/since/abc"),
        ("DELETE", "/room/lobby/reactions/abc"),
    ] {
        let r = s.as_user(&alice, method, path, None).await;
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: {}",
            r.status
        );
    }
    // A path that is not UTF-8 once decoded: unsigned it is just unknown; signed it cannot verify.
    let bad_path = "/room/%FF%FE/messages/recent";
    assert_eq!(s.call(None, "GET", bad_path, None).await.status, 404);
    let h = s.auth_headers(Signing::new(&alice), "GET", "/rooms", &[]);
    assert_eq!(s.raw("GET", bad_path, &h, Vec::new()).await.status, 400);
    // Bodies that are not what they claim to be.
    for body in [
        json!(null),
        json!([1, 2]),
        json!({"data": 5, "signature": []}),
    ] {
        let r = s
            .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
            .await;
        assert_eq!(r.status, 400, "{body}");
    }
    let r = s
        .as_user(&alice, "POST", "/batch", Some(&json!({"not": "a list"})))
        .await;
    assert_eq!(r.status, 400);
    // Header values of the wrong shape.
    let mut h = s.auth_headers(Signing::new(&alice), "GET", "/rooms", &[]);
    for (k, v) in h.iter_mut() {
        match k.as_str() {
            "X-SOGS-Timestamp" => *v = "12abc".into(),
            "X-SOGS-Pubkey" => v.truncate(40),
            _ => {}
        }
    }
    assert_eq!(s.raw("GET", "/rooms", &h, Vec::new()).await.status, 400);
    // An over-large limit is truncated to 256, not refused.
    let r = s
        .call(
            None,
            "GET",
            "/room/lobby/messages/recent?limit=100000",
            None,
        )
        .await;
    assert_eq!(r.status, 200);
}
