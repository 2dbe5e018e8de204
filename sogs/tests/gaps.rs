//! Post attachments, the sweep of expired rows, pins, room-info edits, timed bans and per-room
//! permission overrides, as pysogs has them.

mod common;

use common::{account, now_s, start, start_with, Server, Signing};
use serde_json::{json, Value};
use session_core::identity::Identity;
use session_sogs::admin;
use std::time::Duration;

const HOUR: i64 = 3600;
const DAY: i64 = 86400;

/// Uploads `bytes` to a room as `who`; the file id.
async fn upload(s: &Server, who: &Identity, room: &str, bytes: &[u8]) -> i64 {
    let r = upload_raw(s, who, room, bytes).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

async fn upload_raw(s: &Server, who: &Identity, room: &str, bytes: &[u8]) -> common::Answer {
    let target = format!("/room/{room}/file");
    let h = s.auth_headers(Signing::new(who), "POST", &target, bytes);
    s.raw("POST", &target, &h, bytes.to_vec()).await
}

/// Posts `text` to the lobby as `who`, listing `files`; the post id.
async fn post(s: &Server, who: &Identity, text: &str, files: Value) -> i64 {
    let mut body = s.post_body(who, text.as_bytes());
    body["files"] = files;
    let r = s
        .as_user(who, "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// Status of an anonymous download of a lobby file.
async fn fetch(s: &Server, id: i64) -> u16 {
    s.call(None, "GET", &format!("/room/lobby/file/{id}"), None)
        .await
        .status
}

/// A request signed by `who` with a timestamp `skew` seconds past the real clock (to keep up
/// with a server clock moved forward).
async fn skewed(
    s: &Server,
    who: &Identity,
    skew: i64,
    method: &str,
    target: &str,
    body: Option<&Value>,
) -> common::Answer {
    let mut signing = Signing::new(who);
    signing.ts = (now_s() as i64 + skew) as u64;
    s.call(Some(signing), method, target, body).await
}

async fn details(s: &Server, who: Option<&Identity>) -> Value {
    let r = match who {
        Some(w) => s.as_user(w, "GET", "/room/lobby", None).await,
        None => s.call(None, "GET", "/room/lobby", None).await,
    };
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

/// A server whose periodic sweep never runs, so a test's own sweep sees everything.
async fn quiet() -> Server {
    start_with(|s| s.set_cleanup_interval(None)).await
}

#[tokio::test]
async fn uploads_expire_in_an_hour_unless_a_post_claims_them() {
    let s = quiet().await;
    admin::create_room(&s.sogs, "dev", "Dev", None).unwrap();
    let (alice, bob) = (account(1), account(2));
    let claimed = upload(&s, &alice, "lobby", b"claimed").await;
    let loose = upload(&s, &alice, "lobby", b"loose").await;
    let bobs = upload(&s, &bob, "lobby", b"bob's").await;
    let elsewhere = upload(&s, &alice, "dev", b"other room").await;
    let later = upload(&s, &alice, "lobby", b"added by an edit").await;

    // Unknown ids, someone else's upload and another room's upload are ignored, as pysogs does.
    let msg = post(
        &s,
        &alice,
        "with files",
        json!([claimed, 999_999, bobs, elsewhere]),
    )
    .await;
    // An edit claims new uploads too; a file already owned stays with its first post.
    let mut edit = s.post_body(&alice, b"edited");
    edit["files"] = json!([later, claimed]);
    let r = s
        .as_user(
            &alice,
            "PUT",
            &format!("/room/lobby/message/{msg}"),
            Some(&edit),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let other = post(&s, &alice, "steals nothing", json!([claimed])).await;
    assert_ne!(other, msg);
    // `files` must be a list of ids.
    let mut bad = s.post_body(&alice, b"bad");
    bad["files"] = json!(["x"]);
    let r = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&bad))
        .await;
    assert_eq!(r.status, 400);

    // Two hours on: only the claimed files are left.
    s.sogs.advance_clock(2 * HOUR);
    assert_eq!(fetch(&s, claimed).await, 200);
    assert_eq!(fetch(&s, later).await, 200);
    assert_eq!(fetch(&s, loose).await, 404);
    assert_eq!(fetch(&s, bobs).await, 404);
    let r = s
        .call(None, "GET", &format!("/room/dev/file/{elsewhere}"), None)
        .await;
    assert_eq!(r.status, 404);
    // An upload older than an hour can no longer be claimed.
    let stale = upload(&s, &alice, "lobby", b"stale").await;
    s.sogs.advance_clock(HOUR + 60);
    let mut body = s.post_body(&alice, b"too late");
    body["files"] = json!([stale]);
    let r = skewed(
        &s,
        &alice,
        3 * HOUR + 60,
        "POST",
        "/room/lobby/message",
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(fetch(&s, stale).await, 404);
    let swept = admin::cleanup(&s.sogs).unwrap();
    assert_eq!(swept.files, 4, "{swept:?}");

    // Post files live 15 days from the post.
    s.sogs.advance_clock(14 * DAY);
    assert_eq!(fetch(&s, claimed).await, 200);
    s.sogs.advance_clock(DAY);
    assert_eq!(fetch(&s, claimed).await, 404);
    assert_eq!(admin::cleanup(&s.sogs).unwrap().files, 2);
}

#[tokio::test]
async fn deleting_a_post_expires_its_files_at_once() {
    let s = quiet().await;
    let alice = account(1);
    let f = upload(&s, &alice, "lobby", b"attached").await;
    let msg = post(&s, &alice, "hello", json!([f])).await;
    assert_eq!(fetch(&s, f).await, 200);
    let r = s
        .as_user(
            &alice,
            "DELETE",
            &format!("/room/lobby/message/{msg}"),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(fetch(&s, f).await, 404);
    assert_eq!(admin::cleanup(&s.sogs).unwrap().files, 1);
}

#[tokio::test]
async fn cleanup_sweeps_files_inbox_nonces_activity_and_lapsed_bans() {
    let s = quiet().await;
    let (alice, bob) = (account(1), account(2));
    // Nothing to sweep on a fresh server.
    assert_eq!(
        admin::cleanup(&s.sogs).unwrap(),
        admin::CleanupReport::default()
    );
    let loose = upload(&s, &alice, "lobby", b"loose").await;
    let image = upload(&s, &alice, "lobby", b"room picture").await;
    admin::set_room_image(&s.sogs, "lobby", image).unwrap();
    // Bob reads the room (so he is known and active), then Alice writes to his inbox.
    let r = s
        .as_user(&bob, "GET", "/room/lobby/messages/recent", None)
        .await;
    assert_eq!(r.status, 200);
    let dm = json!({"message": "aGVsbG8="});
    let r = s
        .as_user(
            &alice,
            "POST",
            &format!("/inbox/{}", s.blinded_id(&bob)),
            Some(&dm),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    admin::ban_for(&s.sogs, Some("lobby"), &s.blinded_id(&bob), Some(60.0)).unwrap();
    admin::ban_for(&s.sogs, None, &s.blinded_id(&alice), Some(60.0)).unwrap();
    admin::ban(&s.sogs, Some("lobby"), &s.blinded_id(&account(3))).unwrap();

    // An hour on: the loose upload and both timed bans; the room image stays.
    s.sogs.advance_clock(HOUR + 1);
    let r = admin::cleanup(&s.sogs).unwrap();
    assert_eq!((r.files, r.inbox, r.nonces, r.bans), (1, 0, 0, 2), "{r:?}");
    assert_eq!(fetch(&s, loose).await, 404);

    // 16 days on: the direct message and every nonce (each signed request left one).
    s.sogs.advance_clock(16 * DAY);
    let r = admin::cleanup(&s.sogs).unwrap();
    assert_eq!((r.files, r.inbox, r.bans), (0, 1, 0), "{r:?}");
    assert_eq!(r.nonces, 4, "{r:?}");
    // 60 days of quiet: the room activity records go too.
    s.sogs.advance_clock(60 * DAY);
    let r = admin::cleanup(&s.sogs).unwrap();
    assert_eq!(r.room_activity, 2, "{r:?}");
    assert_eq!(fetch(&s, image).await, 200);
    // The permanent ban is kept.
    let perms = admin::cleanup(&s.sogs).unwrap();
    assert_eq!(perms, admin::CleanupReport::default());
}

#[tokio::test]
async fn the_server_sweeps_by_itself() {
    let s = start_with(|s| s.set_cleanup_interval(Some(Duration::from_millis(50)))).await;
    let alice = account(1);
    upload(&s, &alice, "lobby", b"short-lived").await;
    s.sogs.advance_clock(2 * HOUR);
    tokio::time::sleep(Duration::from_millis(600)).await;
    // Stop the server's sweep (letting one under way finish): ours then finds nothing left.
    s.sogs.set_cleanup_interval(None);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(admin::cleanup(&s.sogs).unwrap().files, 0);
}

/// Lobby admin, lobby moderator, member.
fn staff(s: &Server) -> (Identity, Identity, Identity) {
    let (admin_, moderator, alice) = (account(10), account(11), account(1));
    admin::add_moderator(&s.sogs, Some("lobby"), &s.blinded_id(&admin_), true).unwrap();
    admin::add_moderator(&s.sogs, Some("lobby"), &s.blinded_id(&moderator), false).unwrap();
    (admin_, moderator, alice)
}

#[tokio::test]
async fn admins_pin_and_unpin_posts() {
    let s = quiet().await;
    let (adm, moderator, alice) = staff(&s);
    let first = post(&s, &alice, "first", json!([])).await;
    let second = post(&s, &alice, "second", json!([])).await;
    let start_updates = details(&s, None).await["info_updates"].as_i64().unwrap();
    assert!(details(&s, None).await.get("pinned_messages").is_none());

    let pin = |id: i64| format!("/room/lobby/pin/{id}");
    // Only admins pin (403 for everyone else, anonymous callers included, as pysogs).
    assert_eq!(
        s.call(None, "POST", &pin(first), Some(&json!({})))
            .await
            .status,
        403
    );
    for who in [&alice, &moderator] {
        let r = s.as_user(who, "POST", &pin(first), Some(&json!({}))).await;
        assert_eq!(r.status, 403);
    }
    let r = s.as_user(&adm, "POST", &pin(first), Some(&json!({}))).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"info_updates": start_updates + 1}));
    let r = s
        .as_user(&adm, "POST", &pin(second), Some(&json!({})))
        .await;
    assert_eq!(r.json()["info_updates"], start_updates + 2);
    // Pinning again moves a pin to the end.
    s.as_user(&adm, "POST", &pin(first), Some(&json!({}))).await;
    let d = details(&s, None).await;
    assert_eq!(d["info_updates"], start_updates + 3);
    let pinned = d["pinned_messages"].as_array().unwrap();
    let ids: Vec<i64> = pinned.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [second, first]);
    assert_eq!(pinned[0]["pinned_by"], s.blinded_id(&adm));
    assert!(pinned[0]["pinned_at"].as_f64().unwrap() <= pinned[1]["pinned_at"].as_f64().unwrap());
    assert_eq!(pinned[0].as_object().unwrap().len(), 3);
    // No such post: 404.
    let r = s
        .as_user(&adm, "POST", &pin(424_242), Some(&json!({})))
        .await;
    assert_eq!(r.status, 404);

    // Unpinning.
    let r = s
        .as_user(
            &adm,
            "POST",
            &format!("/room/lobby/unpin/{second}"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(
        r.json(),
        json!({"unpinned": true, "info_updates": start_updates + 4})
    );
    let r = s
        .as_user(
            &adm,
            "POST",
            &format!("/room/lobby/unpin/{second}"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(
        r.json(),
        json!({"unpinned": false, "info_updates": start_updates + 4})
    );
    let r = s
        .as_user(
            &moderator,
            "POST",
            "/room/lobby/unpin/all",
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .as_user(&adm, "POST", "/room/lobby/unpin/all", Some(&json!({})))
        .await;
    assert_eq!(
        r.json(),
        json!({"unpinned": 1, "info_updates": start_updates + 5})
    );
    assert!(details(&s, None).await.get("pinned_messages").is_none());

    // A deleted post cannot be pinned, and deleting a pinned post unpins it.
    s.as_user(&adm, "POST", &pin(second), Some(&json!({})))
        .await;
    let r = s
        .as_user(
            &alice,
            "DELETE",
            &format!("/room/lobby/message/{second}"),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    let d = details(&s, None).await;
    assert!(d.get("pinned_messages").is_none(), "{d}");
    assert_eq!(d["info_updates"], start_updates + 7);
    let r = s
        .as_user(&adm, "POST", &pin(second), Some(&json!({})))
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn a_pinned_posts_files_outlive_the_post_lifetime_until_unpinned() {
    let s = quiet().await;
    let (adm, _, alice) = staff(&s);
    let f = upload(&s, &alice, "lobby", b"pinned attachment").await;
    let msg = post(&s, &alice, "pin me", json!([f])).await;
    let r = s
        .as_user(
            &adm,
            "POST",
            &format!("/room/lobby/pin/{msg}"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, 200);
    s.sogs.advance_clock(20 * DAY);
    admin::cleanup(&s.sogs).unwrap();
    assert_eq!(fetch(&s, f).await, 200);
    // Unpinned, it expires 15 days after its upload: long past.
    let r = skewed(
        &s,
        &adm,
        20 * DAY,
        "POST",
        &format!("/room/lobby/unpin/{msg}"),
        Some(&json!({})),
    )
    .await;
    assert_eq!(r.json()["unpinned"], true);
    assert_eq!(fetch(&s, f).await, 404);
}

#[tokio::test]
async fn admins_edit_the_room_info() {
    let s = quiet().await;
    admin::create_room(&s.sogs, "dev", "Dev", None).unwrap();
    let (adm, moderator, alice) = staff(&s);
    // 401 anonymous, 403 for members and plain moderators.
    let r = s
        .call(None, "PUT", "/room/lobby", Some(&json!({"name": "x"})))
        .await;
    assert_eq!(r.status, 401);
    for who in [&alice, &moderator] {
        let r = s
            .as_user(who, "PUT", "/room/lobby", Some(&json!({"name": "x"})))
            .await;
        assert_eq!(r.status, 403);
    }
    // 400: nothing to change, or values of the wrong type.
    for body in [
        json!({}),
        json!({"name": 5}),
        json!({"description": 5}),
        json!({"image": "1"}),
        json!({"default_write": "no"}),
    ] {
        let r = s.as_user(&adm, "PUT", "/room/lobby", Some(&body)).await;
        assert_eq!(r.status, 400, "{body}");
    }
    let before = details(&s, None).await["info_updates"].as_i64().unwrap();
    let r = s
        .as_user(
            &adm,
            "PUT",
            "/room/lobby",
            Some(&json!({"name": "Front\u{1}door", "description": "Tabs\tand\nlines\u{2} stay"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"info_updates": before + 2}));
    let d = details(&s, None).await;
    assert_eq!(d["name"], "Frontdoor");
    assert_eq!(d["description"], "Tabs\tand\nlines stay");
    // The same name again changes nothing; an empty description removes it.
    let r = s
        .as_user(
            &adm,
            "PUT",
            "/room/lobby",
            Some(&json!({"name": "Frontdoor"})),
        )
        .await;
    assert_eq!(r.json(), json!({"info_updates": before + 2}));
    let r = s
        .as_user(
            &adm,
            "PUT",
            "/room/lobby",
            Some(&json!({"description": ""})),
        )
        .await;
    assert_eq!(r.json(), json!({"info_updates": before + 3}));
    assert!(details(&s, None).await.get("description").is_none());

    // The image: a file of this room (406 otherwise), kept forever.
    let other = upload(&s, &adm, "dev", b"dev picture").await;
    for img in [other, 999_999] {
        let r = s
            .as_user(&adm, "PUT", "/room/lobby", Some(&json!({"image": img})))
            .await;
        assert_eq!(r.status, 406, "{img}");
    }
    let pic = upload(&s, &adm, "lobby", b"lobby picture").await;
    let r = s
        .as_user(&adm, "PUT", "/room/lobby", Some(&json!({"image": pic})))
        .await;
    assert_eq!(r.json(), json!({"info_updates": before + 4}));
    let d = details(&s, Some(&alice)).await;
    assert_eq!(d["image_id"], pic);
    // Replacing it: the old picture gets a post file's lifetime, the new one lives forever.
    let pic2 = upload(&s, &adm, "lobby", b"new picture").await;
    let r = s
        .as_user(&adm, "PUT", "/room/lobby", Some(&json!({"image": pic2})))
        .await;
    assert_eq!(r.json(), json!({"info_updates": before + 5}));
    s.sogs.advance_clock(30 * DAY);
    admin::cleanup(&s.sogs).unwrap();
    assert_eq!(fetch(&s, pic2).await, 200);
    assert_eq!(fetch(&s, pic).await, 404);
    s.sogs.advance_clock(-30 * DAY);

    // Room defaults: moderators see them; members lose what the room no longer grants.
    let r = s
        .as_user(
            &adm,
            "PUT",
            "/room/lobby",
            Some(&json!({"default_write": false})),
        )
        .await;
    assert_eq!(r.status, 200);
    let d = details(&s, Some(&alice)).await;
    assert_eq!(
        (d["read"].clone(), d["write"].clone(), d["upload"].clone()),
        (json!(true), json!(false), json!(false))
    );
    assert!(d.get("default_write").is_none());
    let d = details(&s, Some(&moderator)).await;
    assert_eq!(d["default_write"], false);
    assert_eq!(d["default_read"], true);
    assert_eq!(d["write"], true);
    let body = s.post_body(&alice, b"muted");
    let r = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn timed_bans_lift_by_themselves() {
    let s = quiet().await;
    let (_, moderator, alice) = staff(&s);
    let alice_id = s.blinded_id(&alice);
    let ban = |t: Value| json!({"rooms": ["lobby"], "timeout": t});
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/ban"),
            Some(&ban(json!("soon"))),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = s
        .as_user(
            &moderator,
            "POST",
            &format!("/user/{alice_id}/ban"),
            Some(&ban(json!(60))),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({}));
    let recent = "/room/lobby/messages/recent";
    assert_eq!(s.as_user(&alice, "GET", recent, None).await.status, 403);
    // A banned user does not see the room at all (pysogs' `accessible_required`).
    assert_eq!(
        s.as_user(&alice, "GET", "/room/lobby", None).await.status,
        404
    );
    let rooms = s.as_user(&alice, "GET", "/rooms", None).await.json();
    assert_eq!(rooms, json!([]));
    let perms = s
        .as_user(
            &moderator,
            "GET",
            &format!("/room/lobby/permissions/{alice_id}"),
            None,
        )
        .await;
    assert_eq!(perms.json(), json!({"banned": true}));

    s.sogs.advance_clock(61);
    assert_eq!(
        skewed(&s, &alice, 61, "GET", recent, None).await.status,
        200
    );
    // A ban without timeout is for good; one with a timeout replaces it.
    let r = skewed(
        &s,
        &moderator,
        61,
        "POST",
        &format!("/user/{alice_id}/ban"),
        Some(&ban(Value::Null)),
    )
    .await;
    assert_eq!(r.status, 200);
    s.sogs.advance_clock(DAY);
    assert_eq!(
        skewed(&s, &alice, 61 + DAY, "GET", recent, None)
            .await
            .status,
        403
    );

    // Server-wide timed bans (global moderators).
    let (global, bob) = (account(20), account(2));
    admin::add_moderator(&s.sogs, None, &s.blinded_id(&global), false).unwrap();
    let skew = 61 + DAY;
    let r = skewed(
        &s,
        &global,
        skew,
        "POST",
        &format!("/user/{}/ban", s.blinded_id(&bob)),
        Some(&json!({"global": true, "timeout": 30.5})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = skewed(&s, &bob, skew, "GET", "/rooms", None).await;
    assert_eq!((r.status, r.text()), (403, "Banned".to_owned()));
    s.sogs.advance_clock(31);
    assert_eq!(
        skewed(&s, &bob, skew + 31, "GET", "/rooms", None)
            .await
            .status,
        200
    );
    // Bob's lapsed ban is swept; Alice's first one was replaced by the permanent one.
    assert_eq!(admin::cleanup(&s.sogs).unwrap().bans, 1);
}

#[tokio::test]
async fn moderators_override_read_write_and_upload() {
    let s = quiet().await;
    let (adm, moderator, alice) = staff(&s);
    let (bob, carol) = (account(2), account(3));
    let (alice_id, bob_id, carol_id) = (
        s.blinded_id(&alice),
        s.blinded_id(&bob),
        s.blinded_id(&carol),
    );
    let path = |id: &str| format!("/room/lobby/permissions/{id}");

    // Moderators only: 401 anonymous, 403 members.
    let body = json!({"write": false});
    assert_eq!(
        s.call(None, "POST", &path(&alice_id), Some(&body))
            .await
            .status,
        401
    );
    assert_eq!(
        s.as_user(&bob, "POST", &path(&alice_id), Some(&body))
            .await
            .status,
        403
    );
    assert_eq!(
        s.as_user(&bob, "GET", "/room/lobby/permissions", None)
            .await
            .status,
        403
    );
    // 400: nothing to change, a value and its default at once, a non-boolean.
    for bad in [
        json!({}),
        json!({"write": true, "default_write": true}),
        json!({"read": "no"}),
    ] {
        let r = s
            .as_user(&moderator, "POST", &path(&alice_id), Some(&bad))
            .await;
        assert_eq!(r.status, 400, "{bad}");
    }

    // Alice may no longer write (nor upload, which needs write).
    let r = s
        .as_user(&moderator, "POST", &path(&alice_id), Some(&body))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"write": false}));
    let d = details(&s, Some(&alice)).await;
    assert_eq!(
        (d["read"].clone(), d["write"].clone(), d["upload"].clone()),
        (json!(true), json!(false), json!(false))
    );
    let p = s
        .as_user(&alice, "GET", "/room/lobby/pollInfo/0", None)
        .await
        .json();
    assert_eq!(
        (p["read"].clone(), p["write"].clone(), p["upload"].clone()),
        (json!(true), json!(false), json!(false))
    );
    let msg = s.post_body(&alice, b"hello");
    let r = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&msg))
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(upload_raw(&s, &alice, "lobby", b"x").await.status, 403);
    assert_eq!(
        s.as_user(&alice, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        200
    );

    // Bob may post but not upload.
    let r = s
        .as_user(
            &moderator,
            "POST",
            &path(&bob_id),
            Some(&json!({"upload": false})),
        )
        .await;
    assert_eq!(r.json(), json!({"upload": false}));
    let d = details(&s, Some(&bob)).await;
    assert_eq!(
        (d["write"].clone(), d["upload"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(upload_raw(&s, &bob, "lobby", b"x").await.status, 403);
    post(&s, &bob, "still talking", json!([])).await;

    // Carol may not read: she still sees the room, unless it is made inaccessible to her too.
    s.as_user(
        &moderator,
        "POST",
        &path(&carol_id),
        Some(&json!({"read": false})),
    )
    .await;
    assert_eq!(
        s.as_user(&carol, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        403
    );
    assert_eq!(
        s.as_user(&carol, "GET", "/room/lobby/pollInfo/0", None)
            .await
            .status,
        403
    );
    let d = details(&s, Some(&carol)).await;
    assert_eq!(d["read"], false);
    let r = s
        .as_user(
            &moderator,
            "POST",
            &path(&carol_id),
            Some(&json!({"accessible": false})),
        )
        .await;
    assert_eq!(r.json(), json!({"read": false, "accessible": false}));
    assert_eq!(
        s.as_user(&carol, "GET", "/room/lobby", None).await.status,
        404
    );
    assert_eq!(
        s.as_user(&carol, "GET", "/rooms", None).await.json(),
        json!([])
    );

    // Overrides beat room defaults both ways: a closed room still lets Alice write if granted.
    s.as_user(
        &adm,
        "PUT",
        "/room/lobby",
        Some(&json!({"default_write": false})),
    )
    .await;
    let r = s
        .as_user(
            &moderator,
            "POST",
            &path(&alice_id),
            Some(&json!({"write": true})),
        )
        .await;
    assert_eq!(r.json(), json!({"write": true}));
    assert_eq!(details(&s, Some(&alice)).await["write"], true);
    assert_eq!(details(&s, Some(&account(4))).await["write"], false);
    // Back to the room default: the override is gone.
    let r = s
        .as_user(
            &moderator,
            "POST",
            &path(&alice_id),
            Some(&json!({"default_write": true})),
        )
        .await;
    assert_eq!(r.json(), json!({}));
    assert_eq!(details(&s, Some(&alice)).await["write"], false);

    // The listing (moderators and admins show their rank).
    let all = s
        .as_user(&moderator, "GET", "/room/lobby/permissions", None)
        .await;
    assert_eq!(all.status, 200);
    let all = all.json();
    assert_eq!(all[&bob_id], json!({"upload": false}));
    assert_eq!(all[&carol_id], json!({"read": false, "accessible": false}));
    assert_eq!(all[s.blinded_id(&adm)], json!({"admin": true}));
    assert_eq!(all[s.blinded_id(&moderator)], json!({"moderator": true}));
    assert!(all.get(&alice_id).is_none(), "{all}");
    let one = s.as_user(&moderator, "GET", &path(&bob_id), None).await;
    assert_eq!(one.json(), json!({"upload": false}));
    // An account's unblinded ID reaches its blinded one.
    let r = s
        .as_user(
            &moderator,
            "POST",
            &path(&account(5).session_id().to_string()),
            Some(&json!({"write": true})),
        )
        .await;
    assert_eq!(r.json(), json!({"write": true}));
    assert_eq!(details(&s, Some(&account(5))).await["write"], true);
    assert_eq!(
        s.as_user(&moderator, "GET", &path("nonsense"), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn anonymous_details_follow_the_room_defaults() {
    let s = start().await;
    let (adm, _, _) = staff(&s);
    let d = details(&s, None).await;
    assert_eq!(
        (d["read"].clone(), d["write"].clone(), d["upload"].clone()),
        (json!(true), json!(true), json!(true))
    );
    s.as_user(
        &adm,
        "PUT",
        "/room/lobby",
        Some(&json!({"default_upload": false, "default_read": false})),
    )
    .await;
    let d = details(&s, None).await;
    assert_eq!(
        (d["read"].clone(), d["write"].clone(), d["upload"].clone()),
        (json!(false), json!(true), json!(false))
    );
    assert_eq!(
        s.call(None, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        403
    );
    // Admins read whatever the defaults.
    assert_eq!(
        s.as_user(&adm, "GET", "/room/lobby/messages/recent", None)
            .await
            .status,
        200
    );
}
