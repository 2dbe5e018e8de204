//! Room file upload and download.

mod common;

use common::{account, start, Signing};

#[tokio::test]
async fn upload_then_download_and_expiry() {
    let s = start().await;
    let alice = account(1);
    let data = b"\x00\x01binary file".to_vec();
    let target = "/room/lobby/file";
    let mut h = s.auth_headers(Signing::new(&alice), "POST", target, &data);
    h.push((
        "Content-Disposition".into(),
        "attachment; filename=\"cat.png\"".into(),
    ));
    let r = s.raw("POST", target, &h, data.clone()).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();

    let got = s
        .call(None, "GET", &format!("/room/lobby/file/{id}"), None)
        .await;
    assert_eq!((got.status, got.body), (200, data.clone()));
    let got = s
        .call(None, "GET", &format!("/room/lobby/file/{id}/cat.png"), None)
        .await;
    assert_eq!(got.body, data);
    assert_eq!(
        s.call(None, "GET", "/room/lobby/file/999", None)
            .await
            .status,
        404
    );
    assert_eq!(
        s.call(None, "GET", "/room/lobby/file/abc", None)
            .await
            .status,
        404
    );

    // Unauthenticated uploads are refused; empty ones are a bad request.
    assert_eq!(s.raw("POST", target, &[], data).await.status, 401);
    assert_eq!(s.as_user(&alice, "POST", target, None).await.status, 400);

    // Unclaimed by any post, the upload is gone after its hour (16 days here).
    s.sogs.advance_clock(16 * 86400);
    assert_eq!(
        s.call(None, "GET", &format!("/room/lobby/file/{id}"), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn room_image_is_listed_and_kept() {
    let s = start().await;
    let alice = account(1);
    let target = "/room/lobby/file";
    let h = s.auth_headers(Signing::new(&alice), "POST", target, b"png");
    let id = s.raw("POST", target, &h, b"png".to_vec()).await.json()["id"]
        .as_i64()
        .unwrap();
    assert!(session_sogs::admin::set_room_image(&s.sogs, "lobby", 12345).is_err());
    session_sogs::admin::set_room_image(&s.sogs, "lobby", id).unwrap();
    let info = s.call(None, "GET", "/room/lobby", None).await.json();
    assert_eq!(info["image_id"], id);
    assert_eq!(info["info_updates"], 1);
    s.sogs.advance_clock(30 * 86400);
    let got = s
        .call(None, "GET", &format!("/room/lobby/file/{id}"), None)
        .await;
    assert_eq!((got.status, got.body), (200, b"png".to_vec()));
}
