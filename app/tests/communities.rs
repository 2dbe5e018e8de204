//! Community rooms in the browser: a room's events become stored posts (signed as clients
//! sign them), later events restate or delete them in real IndexedDB, the joined rooms and
//! UserGroups stay in step, a room's counted reactions show and toggle, and blinded direct
//! messages find their conversation (or are refused as requests).

#![cfg(target_arch = "wasm32")]

use rand_core::OsRng;
use session_core::community::api::{DirectMessage, Reaction, RoomMessage};
use session_core::community::auth::AuthMode;
use session_core::community::dm::{self, own_blinded_id};
use session_core::community::post;
use session_core::community::url::{JoinLink, ServerKey};
use session_core::config::user_groups::{self as ug, Community, Membership};
use session_core::config::value::Dict;
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::message::{encode_content, MessageRef};
use session_web::state::blinded_dms::{placement, record_of as dm_record, Placement};
use session_web::state::communities::{post_author, reconcile_user_communities, room_line, toggle};
use session_web::state::effects::Effect;
use session_web::state::reactions::{room_chips, who};
use session_web::state::room_posts::{batch_of, post_time};
use session_web::storage::repo;
use session_web::storage::{CommunityRecord, Db, RoomReaction};
use std::collections::BTreeMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SERVER: &str = "http://127.0.0.1:8088";

fn key() -> ServerKey {
    ServerKey([0x4a; 32])
}

fn link(token: &str) -> JoinLink {
    JoinLink::new(SERVER, token, key()).unwrap()
}

fn lobby() -> ConversationId {
    ConversationId::Community(link("lobby").room().clone())
}

/// A post by `who` as the server lists it: signed with their blinded key, with `reactions`.
fn event(
    who: &Identity,
    id: i64,
    seqno: i64,
    text: &str,
    quote: Option<MessageRef>,
) -> RoomMessage {
    let mut builder = ContentBuilder::text(text).profile(&Profile {
        display_name: "Carol".into(),
        picture: None,
        updated_s: 0,
    });
    if let Some(q) = quote {
        builder = builder.reply_to(&q);
    }
    let signed =
        post::sign_content(who, &key(), AuthMode::Blinded, &builder.build(), &mut OsRng).unwrap();
    let author = own_blinded_id(who, &key().0, false).unwrap();
    let reaction = |index, count, you| Reaction {
        index,
        count,
        reactors: Vec::new(),
        you,
    };
    RoomMessage {
        id,
        author: Some(author),
        posted: Some(1_700_000_000.25 + id as f64),
        edited: None,
        seqno,
        data: Some(signed.data),
        signature: Some(signed.signature),
        deleted: false,
        whisper: false,
        whisper_mods: false,
        whisper_to: None,
        reactions: Some(BTreeMap::from([
            ("👍".to_owned(), reaction(1, 3, true)),
            ("❤️".to_owned(), reaction(0, 1, false)),
        ])),
    }
}

fn deletion(of: &RoomMessage, seqno: i64) -> RoomMessage {
    RoomMessage {
        seqno,
        data: None,
        signature: None,
        deleted: true,
        reactions: None,
        ..of.clone()
    }
}

#[wasm_bindgen_test]
fn a_rooms_events_become_posts_with_their_authors_counts_and_quotes() {
    let (me, carol) = (Identity::from_seed(&[1; 16]), Identity::from_seed(&[2; 16]));
    let my_id = own_blinded_id(&me, &key().0, false).unwrap();
    let first = event(&carol, 7, 10, "Hello room", None);
    let quoted = MessageRef::new(first.author.unwrap(), post_time(first.posted.unwrap()));
    let reply = event(&me, 8, 11, "Hi Carol", Some(quoted));
    let batch = batch_of(
        &lobby(),
        &[first.clone(), reply, deletion(&first, 12)],
        &my_id,
        5,
    );
    assert_eq!(batch.messages.len(), 2);
    let (theirs, ours) = (&batch.messages[0], &batch.messages[1]);
    assert_eq!(theirs.text, "Hello room");
    assert_eq!(theirs.author, first.author.unwrap());
    assert_eq!(theirs.ts, 1_700_000_007_250);
    assert!(
        !theirs.outgoing && ours.outgoing,
        "ours is told apart by our blinded ID"
    );
    assert_eq!(
        post_author(theirs),
        format!("Carol ({})", &short(&theirs.author))
    );
    let post = theirs.post.as_ref().unwrap();
    assert_eq!(
        (post.id, post.seqno, post.name.as_deref()),
        (7, 10, Some("Carol"))
    );
    // The server's order of reactions (its index), its counts, and ours among them.
    let emojis: Vec<&str> = post.reactions.iter().map(|r| r.emoji.as_str()).collect();
    assert_eq!(emojis, ["❤️", "👍"]);
    assert_eq!((post.reactions[1].count, post.reactions[1].mine), (3, true));
    let quote = ours.quote.unwrap();
    assert_eq!((quote.author, quote.ts), (theirs.author, theirs.ts));
    // Each post is restated over a stored copy; the deletion names the first post's key.
    assert_eq!(batch.effects.len(), 3);
    assert!(
        matches!(&batch.effects[2], Effect::Unsend { candidates } if candidates == &vec![theirs.key()])
    );
}

#[wasm_bindgen_test]
fn a_post_signed_by_someone_else_is_not_made_a_post() {
    let (me, carol, mallory) = (
        Identity::from_seed(&[1; 16]),
        Identity::from_seed(&[2; 16]),
        Identity::from_seed(&[3; 16]),
    );
    let mut forged = event(&mallory, 9, 20, "I am Carol", None);
    forged.author = event(&carol, 1, 1, "x", None).author;
    assert!(session_core::community::poll::check_post(&forged).is_err());
    // Data that is no visible message (nothing to show) is skipped, not stored empty.
    let mut empty = event(&carol, 10, 21, "", None);
    empty.reactions = None;
    let my_id = own_blinded_id(&me, &key().0, false).unwrap();
    assert!(batch_of(&lobby(), &[empty], &my_id, 0).messages.is_empty());
}

fn short(id: &SessionId) -> String {
    session_web::state::conversations::short_id(&id.to_hex())
}

async fn fresh(name: &str) -> Db {
    if let Ok(db) = Db::open_named(name).await {
        let _ = db.delete(name).await;
    }
    Db::open_named(name).await.expect("open")
}

#[wasm_bindgen_test]
async fn stored_posts_take_their_servers_later_word_in_indexeddb() {
    let db = fresh("t-room-posts").await;
    let (me, carol) = (Identity::from_seed(&[1; 16]), Identity::from_seed(&[2; 16]));
    let my_id = own_blinded_id(&me, &key().0, false).unwrap();
    let first = event(&carol, 7, 10, "Hello room", None);
    let b = batch_of(&lobby(), std::slice::from_ref(&first), &my_id, 5);
    repo::store_poll(&db, &b.messages, &[], &b.effects, None)
        .await
        .unwrap();
    // Edited and counted anew: the same key, the new text and counts.
    let mut edited = event(&carol, 7, 11, "Hello, room!", None);
    edited.posted = first.posted;
    edited.edited = Some(1_700_000_100.0);
    edited.reactions = None;
    let b = batch_of(&lobby(), &[edited], &my_id, 6);
    let stored = repo::store_poll(&db, &b.messages, &[], &b.effects, None)
        .await
        .unwrap();
    assert!(
        stored.new_messages.is_empty(),
        "nothing new: the post was restated"
    );
    let list = repo::load_messages(&db, &lobby(), 10).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].text, "Hello, room!");
    let post = list[0].post.as_ref().unwrap();
    assert!(post.edited && post.reactions.is_empty() && post.seqno == 11);
    // Deleted on the server: only the notice stays.
    let b = batch_of(&lobby(), &[deletion(&first, 12)], &my_id, 7);
    repo::store_poll(&db, &b.messages, &[], &b.effects, None)
        .await
        .unwrap();
    let list = repo::load_messages(&db, &lobby(), 10).await.unwrap();
    assert!(list[0].deleted && list[0].text.is_empty());
    let summary = repo::load_conversation(&db, &lobby())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.count, 1);
    let _ = db.delete("t-room-posts").await;
}

fn record(token: &str, left: bool) -> CommunityRecord {
    CommunityRecord {
        joined_s: 100,
        left,
        ..CommunityRecord::for_link(&link(token))
    }
}

#[wasm_bindgen_test]
fn user_groups_and_the_stored_rooms_stay_in_step() {
    let mut data = Dict::new();
    // Another device joined "dev"; this one left "old" (still in the config) and joined "lobby".
    for token in ["dev", "old"] {
        ug::set_community(
            &mut data,
            &Community {
                room: link(token).room().clone(),
                room_display: token.into(),
                pubkey: key().0,
                membership: Membership {
                    joined_at: 50,
                    ..Membership::default()
                },
            },
        );
    }
    // "gone" was in the config once (synced) and another device has left it since.
    let gone = CommunityRecord {
        synced: true,
        ..record("gone", false)
    };
    let records = [record("lobby", false), record("old", true), gone];
    let sync = reconcile_user_communities(&mut data, &records, 1_000);
    assert_eq!(sync.removed, [link("gone").to_string()]);
    assert_eq!(sync.synced, [link("lobby").to_string()]);
    let rooms: Vec<String> = ug::all(&data)
        .communities
        .iter()
        .map(|c| c.room.clone())
        .collect();
    assert_eq!(rooms, ["dev", "lobby"]);
    assert_eq!(sync.forgotten, [link("old").to_string()]);
    assert_eq!(sync.joined.len(), 1);
    assert_eq!(sync.joined[0].link, link("dev").to_string());
    assert_eq!(sync.joined[0].joined_s, 50);
    // Ours keeps the time it was joined; a second pass changes nothing.
    let lobby = ug::all(&data)
        .communities
        .into_iter()
        .find(|c| c.room == "lobby")
        .unwrap();
    assert_eq!(lobby.membership.joined_at, 100);
    let lobby = CommunityRecord {
        synced: true,
        ..record("lobby", false)
    };
    let again = reconcile_user_communities(&mut data, &[lobby, sync.joined[0].clone()], 2_000);
    assert_eq!(again, Default::default());
    assert!(room_line(&records[0]).ends_with("127.0.0.1:8088"));
}

#[wasm_bindgen_test]
fn counted_reactions_show_and_toggle() {
    let mut counts = vec![RoomReaction {
        emoji: "👍".into(),
        count: 4,
        mine: false,
    }];
    toggle(&mut counts, "👍", true);
    assert_eq!((counts[0].count, counts[0].mine), (5, true));
    toggle(&mut counts, "👍", true);
    assert_eq!(counts[0].count, 5, "ours is counted once");
    toggle(&mut counts, "🎉", true);
    toggle(&mut counts, "🎉", false);
    assert_eq!(counts.len(), 1, "a reaction nobody has left goes");
    let me = Identity::from_seed(&[1; 16]).session_id();
    let chips = room_chips(&counts);
    assert_eq!(chips[0].count(), 5);
    assert_eq!(who(&chips[0], &me, |_| String::new()), "you and 4 others");
    toggle(&mut counts, "👍", false);
    assert_eq!(
        who(&room_chips(&counts)[0], &me, |_| String::new()),
        "4 people"
    );
}

/// A blinded direct message from `from` to `to` as the server lists it, sent at `sent_ms`.
fn direct(
    from: &Identity,
    to: &SessionId,
    text: &str,
    sent_ms: u64,
    posted_s: f64,
) -> DirectMessage {
    let mut content = ContentBuilder::text(text)
        .profile(&Profile {
            display_name: "Carol".into(),
            picture: None,
            updated_s: 7,
        })
        .build();
    content.sig_timestamp = Some(sent_ms);
    let blob = dm::encrypt(from, &key().0, to, &encode_content(&content), &mut OsRng).unwrap();
    DirectMessage {
        id: 1,
        posted_at: posted_s,
        expires_at: None,
        sender: own_blinded_id(from, &key().0, false).unwrap(),
        recipient: *to,
        message: Some(blob),
    }
}

#[wasm_bindgen_test]
fn blinded_messages_continue_ours_or_come_as_requests_when_taken() {
    let (me, carol) = (Identity::from_seed(&[1; 16]), Identity::from_seed(&[2; 16]));
    let my_blinded = own_blinded_id(&me, &key().0, false).unwrap();
    let item = direct(
        &carol,
        &my_blinded,
        "Hi from the room",
        1_700_000_000_500,
        1_700_000_001.0,
    );
    let opened = dm::decrypt(
        &me,
        &key().0,
        &item.sender,
        &item.recipient,
        item.message.as_deref().unwrap(),
    )
    .unwrap();
    assert_eq!(
        opened.sender,
        carol.session_id(),
        "opening reveals the real Session ID"
    );
    let real = ConversationId::Direct(carol.session_id());
    let ours = ConversationId::Blinded(item.sender);
    // Someone new: a request under their real ID, only while requests are taken.
    assert_eq!(
        placement(&item, &opened, &[], true),
        Placement::Into(real.clone())
    );
    assert_eq!(placement(&item, &opened, &[], false), Placement::Refused);
    // A contact already, or someone we wrote to by their blinded ID: always.
    assert_eq!(
        placement(&item, &opened, std::slice::from_ref(&real), false),
        Placement::Into(real.clone())
    );
    assert_eq!(
        placement(&item, &opened, &[ours.clone(), real], false),
        Placement::Into(ours.clone())
    );
    let (record, name) = dm_record(ours.clone(), &item, &opened, &me.session_id(), 9).unwrap();
    assert_eq!(
        (record.text.as_str(), record.author, record.outgoing),
        ("Hi from the room", carol.session_id(), false)
    );
    assert_eq!(
        record.ts, 1_700_000_000_500,
        "the sender's time, near the server's"
    );
    assert_eq!(name.unwrap().name, "Carol");
    // Our own copy (the outbox, from another device): ours, to their blinded conversation.
    let mine = direct(
        &me,
        &item.sender,
        "Hello Carol",
        1_700_000_002_000,
        1_700_000_002.0,
    );
    let opened = dm::decrypt(
        &me,
        &key().0,
        &mine.sender,
        &mine.recipient,
        mine.message.as_deref().unwrap(),
    )
    .unwrap();
    assert!(opened.outgoing);
    assert_eq!(
        placement(&mine, &opened, &[], false),
        Placement::Into(ours.clone())
    );
    let (record, name) = dm_record(ours, &mine, &opened, &me.session_id(), 9).unwrap();
    assert!(record.outgoing && record.author == me.session_id() && name.is_none());
    // A time far from the server's is not believed.
    let late = direct(
        &carol,
        &my_blinded,
        "From the future",
        1_800_000_000_000,
        1_700_000_003.0,
    );
    let opened = dm::decrypt(
        &me,
        &key().0,
        &late.sender,
        &late.recipient,
        late.message.as_deref().unwrap(),
    )
    .unwrap();
    let (record, _) = dm_record(
        ConversationId::Direct(carol.session_id()),
        &late,
        &opened,
        &me.session_id(),
        9,
    )
    .unwrap();
    assert_eq!(record.ts, 1_700_000_003_000);
}

#[wasm_bindgen_test]
fn someone_elses_post_offers_a_message_to_its_author() {
    use session_web::state::message_actions::{actions_for, MessageAction};
    use session_web::storage::MessageStatus;
    let (me, carol) = (Identity::from_seed(&[1; 16]), Identity::from_seed(&[2; 16]));
    let my_id = own_blinded_id(&me, &key().0, false).unwrap();
    let theirs = event(&carol, 7, 10, "Hello room", None);
    let ours = event(&me, 8, 11, "Hi", None);
    let b = batch_of(&lobby(), &[theirs, ours], &my_id, 0);
    let offers =
        |m| actions_for(m, MessageStatus::Received).contains(&MessageAction::MessageAuthor);
    assert!(offers(&b.messages[0]));
    assert!(!offers(&b.messages[1]), "not to ourselves");
}

#[wasm_bindgen_test]
fn a_rooms_files_are_fetched_from_that_room_only() {
    use session_web::storage::RoomFile;
    let f = RoomFile::parse(&format!("{SERVER}/room/Lobby/file/42"), SERVER, "lobby").unwrap();
    assert_eq!((f.id, f.room.as_str()), (42, "lobby"));
    assert_eq!(f.url("Lobby"), format!("{SERVER}/room/Lobby/file/42"));
    for elsewhere in [
        "http://evil.example/room/lobby/file/42".to_owned(),
        format!("{SERVER}/room/dev/file/42"),
        format!("{SERVER}/room/lobby/file/-1"),
        format!("{SERVER}/room/lobby/file/4x"),
        format!("{SERVER}.evil/room/lobby/file/42"),
        format!("{SERVER}/file/42"),
    ] {
        assert_eq!(
            RoomFile::parse(&elsewhere, SERVER, "lobby"),
            None,
            "{elsewhere}"
        );
    }
}
