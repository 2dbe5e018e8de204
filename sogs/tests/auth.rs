//! X-SOGS authentication rules: signatures, nonces, timestamps, blinding, bans.

mod common;

use common::{account, start, Signing};
use session_core::community::auth::AuthMode;

#[tokio::test]
async fn valid_signature_is_accepted_and_bad_one_refused() {
    let s = start().await;
    let alice = account(1);
    let ok = s.as_user(&alice, "GET", "/room/lobby", None).await;
    assert_eq!(ok.status, 200, "{}", ok.text());

    // Signed for another path: the signature does not verify.
    let mut h = s.auth_headers(Signing::new(&alice), "GET", "/room/other", &[]);
    let r = s.raw("GET", "/room/lobby", &h, Vec::new()).await;
    assert_eq!(r.status, 401);
    assert!(
        r.text().contains("Signature verification failed"),
        "{}",
        r.text()
    );

    // Garbled signature encoding: 400.
    h.retain(|(k, _)| k != "X-SOGS-Signature");
    h.push(("X-SOGS-Signature".into(), "nope".into()));
    assert_eq!(
        s.raw("GET", "/room/lobby", &h, Vec::new()).await.status,
        400
    );
}

#[tokio::test]
async fn missing_some_headers_is_400() {
    let s = start().await;
    let mut h = s.auth_headers(Signing::new(&account(1)), "GET", "/rooms", &[]);
    h.retain(|(k, _)| k != "X-SOGS-Nonce");
    let r = s.raw("GET", "/rooms", &h, Vec::new()).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("missing 1/4"), "{}", r.text());
}

#[tokio::test]
async fn replayed_nonce_is_refused_with_425() {
    let s = start().await;
    let alice = account(1);
    let sign = Signing::new(&alice);
    assert_eq!(s.call(Some(sign), "GET", "/rooms", None).await.status, 200);
    let again = s.call(Some(sign), "GET", "/rooms", None).await;
    assert_eq!(again.status, 425);
    assert!(again.text().contains("Nonce cannot be reused"));
    // Another account may use the same nonce.
    let bob = account(2);
    let other = Signing { who: &bob, ..sign };
    assert_eq!(s.call(Some(other), "GET", "/rooms", None).await.status, 200);
}

#[tokio::test]
async fn timestamp_outside_24h_window_is_refused() {
    let s = start().await;
    let alice = account(1);
    let mut sign = Signing::new(&alice);
    sign.ts -= 24 * 3600 + 60;
    let r = s.call(Some(sign), "GET", "/rooms", None).await;
    assert_eq!(r.status, 425);
    assert!(r.text().contains("too far from current time"));
    // Within the window (23 h old) is fine.
    let mut sign = Signing::new(&alice);
    sign.ts -= 23 * 3600;
    assert_eq!(s.call(Some(sign), "GET", "/rooms", None).await.status, 200);
    // Moving the server clock a day ahead makes a fresh timestamp stale.
    s.sogs.advance_clock(2 * 86400);
    assert_eq!(s.as_user(&alice, "GET", "/rooms", None).await.status, 425);
}

#[tokio::test]
async fn unblinded_requests_are_refused() {
    let s = start().await;
    let alice = account(1);
    let mut sign = Signing::new(&alice);
    sign.mode = AuthMode::Unblinded;
    let body = s.post_body(&alice, b"hello");
    let r = s
        .call(Some(sign), "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("requires the use of blinded ids"),
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn a_05_pubkey_is_refused() {
    let s = start().await;
    let mut h = s.auth_headers(Signing::new(&account(1)), "GET", "/rooms", &[]);
    for (k, v) in h.iter_mut() {
        if k == "X-SOGS-Pubkey" {
            v.replace_range(0..2, "05");
        }
    }
    let r = s.raw("GET", "/rooms", &h, Vec::new()).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("00- or 15- prefixed"));
}

#[tokio::test]
async fn banned_users_are_refused() {
    let s = start().await;
    let alice = account(1);
    let sid = alice.session_id().to_string();
    session_sogs::admin::ban(&s.sogs, None, &sid).unwrap();
    let r = s.as_user(&alice, "GET", "/rooms", None).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.text(), "Banned");
    session_sogs::admin::unban(&s.sogs, None, &sid).unwrap();
    assert_eq!(s.as_user(&alice, "GET", "/rooms", None).await.status, 200);

    // A room ban refuses that room only.
    session_sogs::admin::ban(&s.sogs, Some("lobby"), &s.blinded_id(&alice)).unwrap();
    assert_eq!(
        s.as_user(&alice, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        403
    );
    let body = s.post_body(&alice, b"hi");
    assert_eq!(
        s.as_user(&alice, "POST", "/room/lobby/message", Some(&body))
            .await
            .status,
        403
    );
    assert_eq!(s.as_user(&alice, "GET", "/rooms", None).await.status, 200);
}

#[tokio::test]
async fn posting_requires_authentication() {
    let s = start().await;
    let body = s.post_body(&account(1), b"hi");
    let r = s
        .call(None, "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(s.call(None, "GET", "/inbox", None).await.status, 401);
}
