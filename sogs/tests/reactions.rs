//! Reactions: add/remove, listing in messages, reactors, moderator clearing.

mod common;

use common::{account, start};
use serde_json::json;

#[tokio::test]
async fn react_unreact_and_see_reactions_in_messages() {
    let s = start().await;
    let (alice, bob, moderator) = (account(1), account(2), account(3));
    session_sogs::admin::add_moderator(&s.sogs, Some("lobby"), &s.blinded_id(&moderator), false)
        .unwrap();
    let body = s.post_body(&alice, b"react to me");
    let id = s
        .as_user(&alice, "POST", "/room/lobby/message", Some(&body))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    // 🍍 percent-encoded in the path, as clients send it.
    let pineapple = "%F0%9F%8D%8D";
    let path = format!("/room/lobby/reaction/{id}/{pineapple}");
    let r = s.as_user(&bob, "PUT", &path, None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"added": true, "seqno": 2}));
    assert_eq!(
        s.as_user(&bob, "PUT", &path, None).await.json()["added"],
        false
    );
    s.as_user(
        &alice,
        "PUT",
        &format!("/room/lobby/reaction/{id}/ok"),
        None,
    )
    .await;

    let msg = s
        .as_user(&bob, "GET", &format!("/room/lobby/message/{id}"), None)
        .await
        .json();
    let r = &msg["reactions"]["🍍"];
    assert_eq!(r["count"], 1);
    assert_eq!(r["index"], 0);
    assert_eq!(r["you"], true);
    assert_eq!(r["reactors"], json!([s.blinded_id(&bob)]));
    assert_eq!(msg["reactions"]["ok"]["index"], 1);
    let msg = s
        .call(
            None,
            "GET",
            &format!("/room/lobby/message/{id}?reactors=0"),
            None,
        )
        .await
        .json();
    assert!(msg["reactions"]["🍍"].get("reactors").is_none());
    assert!(msg["reactions"]["🍍"].get("you").is_none());

    let reactors = s
        .as_user(
            &alice,
            "GET",
            &format!("/room/lobby/reactors/{id}/{pineapple}"),
            None,
        )
        .await
        .json();
    assert_eq!(reactors[0][0], s.blinded_id(&bob));

    // Too long a reaction, and reacting to a missing message.
    let long = "x".repeat(13);
    assert_eq!(
        s.as_user(
            &bob,
            "PUT",
            &format!("/room/lobby/reaction/{id}/{long}"),
            None
        )
        .await
        .status,
        400
    );
    assert_eq!(
        s.as_user(&bob, "PUT", "/room/lobby/reaction/999/ok", None)
            .await
            .status,
        404
    );

    let r = s.as_user(&bob, "DELETE", &path, None).await.json();
    assert_eq!(r["removed"], true);
    // Clearing all reactions takes a moderator.
    assert_eq!(
        s.as_user(&bob, "DELETE", &format!("/room/lobby/reactions/{id}"), None)
            .await
            .status,
        403
    );
    let r = s
        .as_user(
            &moderator,
            "DELETE",
            &format!("/room/lobby/reactions/{id}"),
            None,
        )
        .await;
    assert_eq!(r.json()["removed"], 1);
    let msg = s
        .call(None, "GET", &format!("/room/lobby/message/{id}"), None)
        .await
        .json();
    assert_eq!(msg["reactions"], json!({}));
}
