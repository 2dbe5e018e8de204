//! The core's community client (typed requests, signed posts, the poll state, blinded direct
//! messages) against this server: what one builds, the other takes, and back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{account, now_s, start, Server};
use rand_core::OsRng;
use session_core::community::api::{
    self, ApiRequest, BatchReply, DirectMessage, RoomInfo, RoomMessage,
};
use session_core::community::auth::{sign_request, AuthMode};
use session_core::community::dm;
use session_core::community::poll::ServerPoll;
use session_core::community::post;
use session_core::community::url::ServerKey;
use session_core::identity::Identity;
use session_core::message::compose::ContentBuilder;
use session_core::message::decode_content;

/// Sends a core-built request as `who`, signed as the core signs it.
async fn send(server: &Server, who: &Identity, req: &ApiRequest) -> (u16, Vec<u8>) {
    let key = server.sogs.public_key();
    let body = req.body_bytes();
    let headers = sign_request(
        &*who.ed25519_seed(),
        &key,
        AuthMode::Blinded,
        &req.to_sign(&body),
        now_s(),
        &mut OsRng,
    )
    .unwrap();
    let m = reqwest::Method::from_bytes(req.method.as_str().as_bytes()).unwrap();
    let mut rb = server
        .client
        .request(m, format!("{}{}", server.base, req.target));
    for (k, v) in headers.pairs() {
        rb = rb.header(k, v);
    }
    if let Some(ct) = req.content_type() {
        rb = rb.header("content-type", ct).body(body);
    }
    let r = rb.send().await.unwrap();
    (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
}

fn post_text(server: &Server, who: &Identity, text: &str) -> ApiRequest {
    let mut content = ContentBuilder::text(text).build();
    content.sig_timestamp = Some(now_s() * 1000);
    let signed = post::sign_content(
        who,
        &ServerKey(server.sogs.public_key()),
        AuthMode::Blinded,
        &content,
        &mut OsRng,
    )
    .unwrap();
    api::post("lobby", &signed.data, &signed.signature, &[])
}

fn text_of(m: &RoomMessage) -> Option<String> {
    decode_content(m.data.as_deref()?).ok()?.data_message?.body
}

#[tokio::test]
async fn posts_polls_and_direct_messages_round_trip() {
    let server = start().await;
    let key = server.sogs.public_key();
    let (alice, bob) = (account(1), account(2));

    let (code, body) = send(&server, &alice, &api::room("lobby")).await;
    assert_eq!(code, 200);
    let room = RoomInfo::parse(&body).unwrap();
    assert_eq!(
        (room.token.as_str(), room.name.as_str()),
        ("lobby", "Lobby")
    );
    assert!(room.permissions.read && room.permissions.write);

    // A post signed by the core is taken and comes back verified.
    let (code, body) = send(&server, &alice, &post_text(&server, &alice, "hello room")).await;
    assert_eq!(code, 201, "{}", String::from_utf8_lossy(&body));
    let posted = RoomMessage::parse(&body).unwrap();
    let alice_15 = dm::own_blinded_id(&alice, &key, false).unwrap();
    assert_eq!(posted.author, Some(alice_15));

    // Bob's first poll: one batch, read by the poll state.
    let mut poll = ServerPoll::default();
    poll.join("lobby");
    let (code, body) = send(&server, &bob, &api::batch(&poll.requests(), false)).await;
    assert_eq!(code, 200);
    let out = poll.apply(&BatchReply::parse_list(&body).unwrap());
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert!(out.dropped.is_empty());
    assert_eq!(out.events.len(), 1);
    assert_eq!(
        text_of(&out.events[0].message).as_deref(),
        Some("hello room")
    );
    assert!(poll.capabilities.as_ref().unwrap().blinds());

    // Alice posts again and deletes her first post; Bob's next poll sees both.
    let (code, _) = send(&server, &alice, &post_text(&server, &alice, "second")).await;
    assert_eq!(code, 201);
    let (code, _) = send(&server, &alice, &api::delete("lobby", posted.id)).await;
    assert_eq!(code, 200);
    let (_, body) = send(&server, &bob, &api::batch(&poll.requests(), false)).await;
    let out = poll.apply(&BatchReply::parse_list(&body).unwrap());
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    let texts: Vec<Option<String>> = out.events.iter().map(|e| text_of(&e.message)).collect();
    assert!(texts.contains(&Some("second".into())), "{texts:?}");
    assert!(out
        .events
        .iter()
        .any(|e| e.message.id == posted.id && e.message.deleted));

    // Reactions, as the core asks for them.
    let (code, body) = send(&server, &bob, &api::react("lobby", posted.id + 1, "👍")).await;
    assert_eq!(code, 200, "{}", String::from_utf8_lossy(&body));
    assert!(api::ReactionChange::parse(&body).unwrap().changed);

    // A blinded direct message from Bob to Alice, read by her and by him from his outbox.
    let to = alice_15;
    let blob = dm::encrypt(&bob, &key, &to, b"psst", &mut OsRng).unwrap();
    let (code, body) = send(&server, &bob, &api::send_dm(&to, &blob)).await;
    assert_eq!(code, 201, "{}", String::from_utf8_lossy(&body));
    let (_, body) = send(&server, &alice, &api::inbox(None)).await;
    let inbox = DirectMessage::parse_list(&body).unwrap();
    assert_eq!(inbox.len(), 1);
    let opened = dm::decrypt(
        &alice,
        &key,
        &inbox[0].sender,
        &inbox[0].recipient,
        inbox[0].message.as_deref().unwrap(),
    )
    .unwrap();
    assert_eq!(
        (opened.sender, opened.plaintext.as_slice(), opened.outgoing),
        (bob.session_id(), &b"psst"[..], false)
    );
    let (_, body) = send(&server, &bob, &api::outbox(None)).await;
    let outbox = DirectMessage::parse_list(&body).unwrap();
    let mine = dm::decrypt(
        &bob,
        &key,
        &outbox[0].sender,
        &outbox[0].recipient,
        outbox[0].message.as_deref().unwrap(),
    )
    .unwrap();
    assert!(mine.outgoing);
    // Nothing new since: the poll state reads the 304 as an empty page.
    let (code, _) = send(&server, &alice, &api::inbox(Some(inbox[0].id))).await;
    assert_eq!(code, 304);
}
