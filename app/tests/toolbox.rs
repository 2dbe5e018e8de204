//! The conversation toolbox in a session over the test doubles: reactions sent and received,
//! deleting here and for everyone, incoming unsends (a forged one does nothing), read
//! receipts both ways with their privacy switch, and what a blocked contact's toolbox
//! messages do (nothing).

#![cfg(target_arch = "wasm32")]

mod support;

use session_core::client::{Event, PollReport};
use session_core::conversation::ConversationId;
use session_core::message::reaction::{Reaction, ReactionAction};
use session_core::message::receive::{Direction, Incoming, ReactionEvent};
use session_core::message::MessageRef;
use session_web::state::conversation_settings::toggle_pin;
use session_web::state::edits::EditError;
use session_web::state::privacy::Privacy;
use session_web::storage::{MessageRecord, MessageStatus, ReactionRecord};
use support::{
    bob, bob_conv, delivered_content, empty_poll, from_bob, me, outbox_keys, settle, Swarms, World,
    START_MS,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn poll_of(events: Vec<Incoming>) -> PollReport {
    PollReport {
        events: events.into_iter().map(Event::Direct).collect(),
        ..empty_poll()
    }
}

fn bob_reacts(target: MessageRef, emoji: &str, action: ReactionAction, t: u64) -> Incoming {
    Incoming::Reaction(ReactionEvent {
        hash: format!("reaction-{t}"),
        from: bob().session_id(),
        to: me().session_id(),
        direction: Direction::Incoming,
        timestamp_ms: t,
        reaction: Reaction {
            target,
            emoji: emoji.into(),
            action,
        },
    })
}

/// Our (first) message to Bob, as stored.
fn ours(w: &World) -> MessageRecord {
    w.store
        .messages_of(&bob_conv())
        .into_iter()
        .find(|m| m.outgoing)
        .unwrap()
}

/// A session polling, with one message from Bob stored.
async fn with_bobs_message() -> (World, MessageRecord) {
    Privacy::default().save();
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.next_poll(from_bob("Bob", START_MS + 1_000, &["lunch?"]));
    w.lead();
    w.clock.advance(3_000).await;
    let m = w.store.only_message(&bob_conv());
    (w, m)
}

#[wasm_bindgen_test]
async fn our_reaction_is_stored_with_the_message_that_carries_it_and_toggles() {
    let (w, m) = with_bobs_message().await;
    w.session.edits.toggle_reaction(&m, "👍").await.unwrap();
    let reacted = w.store.message(&m.key()).unwrap();
    assert_eq!(
        reacted.reactions,
        vec![ReactionRecord {
            emoji: "👍".into(),
            from: me().session_id()
        }]
    );
    // What Bob opens: a reaction to his message, at its own fresh time.
    let keys = outbox_keys(&w.store);
    let key = keys.values().next().unwrap().clone();
    let content = delivered_content(&w.store, &key, &bob());
    let r = content.data_message.unwrap().reaction.unwrap();
    assert_eq!(
        (r.id, r.author.as_str()),
        (m.ts, &*bob().session_id().to_hex())
    );
    assert_ne!(key.ts, m.ts);
    // Delivered by the outbox.
    w.clock.advance(1_000).await;
    assert!(w.store.outbox.borrow().is_empty());

    let fresh = w.store.message(&m.key()).unwrap();
    w.session.edits.toggle_reaction(&fresh, "👍").await.unwrap();
    assert!(w.store.message(&m.key()).unwrap().reactions.is_empty());
    assert_eq!(
        w.session.edits.toggle_reaction(&fresh, "ok").await,
        Err(EditError::NotAnEmoji)
    );
}

#[wasm_bindgen_test]
async fn reactions_from_the_contact_apply_to_our_message_and_come_off_again() {
    let (w, _) = with_bobs_message().await;
    w.session
        .outbox
        .send_text(&bob_conv(), "sure")
        .await
        .unwrap();
    w.clock.advance(1_000).await;
    let ours = ours(&w);
    let target = MessageRef::new(me().session_id(), ours.ts);
    w.next_poll(poll_of(vec![
        bob_reacts(target, "🎉", ReactionAction::Add, START_MS + 5_000),
        bob_reacts(target, "❤️", ReactionAction::Add, START_MS + 5_001),
    ]));
    w.clock.advance(3_000).await;
    let emoji: Vec<String> = w
        .store
        .message(&ours.key())
        .unwrap()
        .reactions
        .into_iter()
        .map(|r| r.emoji)
        .collect();
    assert_eq!(emoji, ["🎉", "❤️"]);
    w.next_poll(poll_of(vec![bob_reacts(
        target,
        "🎉",
        ReactionAction::Remove,
        START_MS + 6_000,
    )]));
    w.clock.advance(3_000).await;
    let left = w.store.message(&ours.key()).unwrap().reactions;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].emoji, "❤️");
}

#[wasm_bindgen_test]
async fn an_unsend_from_the_author_leaves_a_notice_and_a_forged_one_does_nothing() {
    let (w, bobs) = with_bobs_message().await;
    w.session
        .outbox
        .send_text(&bob_conv(), "mine")
        .await
        .unwrap();
    w.clock.advance(1_000).await;
    let mine = ours(&w);
    // Bob asks to delete *our* message, naming himself as its author: it names no message of
    // his, so nothing happens.
    w.next_poll(poll_of(vec![Incoming::Unsend {
        hash: "forged".into(),
        from: bob().session_id(),
        timestamp_ms: mine.ts,
    }]));
    w.clock.advance(3_000).await;
    assert_eq!(w.store.message(&mine.key()).unwrap(), mine);
    // Bob unsends his own message.
    w.next_poll(poll_of(vec![Incoming::Unsend {
        hash: "real".into(),
        from: bob().session_id(),
        timestamp_ms: bobs.ts,
    }]));
    w.clock.advance(3_000).await;
    let gone = w.store.message(&bobs.key()).unwrap();
    assert!(gone.deleted);
    assert!(gone.text.is_empty());
    settle().await;
    // Our swarm's copy of his message goes too.
    assert_eq!(
        *w.engine.deleted_own.borrow(),
        vec![bobs.hash.clone().unwrap()]
    );
}

#[wasm_bindgen_test]
async fn deleting_for_everyone_needs_our_swarm_first_then_tells_the_contact() {
    let (w, _) = with_bobs_message().await;
    w.session
        .outbox
        .send_text(&bob_conv(), "oops")
        .await
        .unwrap();
    w.clock.advance(1_000).await;
    let mine = ours(&w);
    assert_eq!(mine.status, MessageStatus::Sent);
    let own = mine.own_hash.clone().expect("the sync copy's hash is kept");
    // Offline: nothing changes.
    w.engine.swarms.set(Swarms::Down);
    let err = w
        .session
        .edits
        .delete_for_everyone(&mine)
        .await
        .unwrap_err();
    assert!(matches!(err, EditError::Network(_)), "{err:?}");
    assert_eq!(w.store.message(&mine.key()).unwrap(), mine);
    assert!(w.store.outbox.borrow().is_empty());

    w.engine.swarms.set(Swarms::Down);
    w.engine.swarms.set(Swarms::Up);
    w.session.edits.delete_for_everyone(&mine).await.unwrap();
    assert_eq!(*w.engine.deleted_own.borrow(), vec![own]);
    let notice = w.store.message(&mine.key()).unwrap();
    assert!(notice.deleted && notice.text.is_empty());
    assert_eq!(
        w.store.conversation(&bob_conv()).unwrap().last_text,
        "This message was deleted"
    );
    let keys = outbox_keys(&w.store);
    let key = keys.values().next().unwrap().clone();
    let unsend = delivered_content(&w.store, &key, &bob())
        .unsend_request
        .unwrap();
    assert_eq!(unsend.timestamp, mine.ts);
    assert_eq!(unsend.author, me().session_id().to_hex());
    // Someone else's message is not ours to delete for everyone.
    let bobs = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .find(|m| !m.outgoing)
        .unwrap();
    assert_eq!(
        w.session.edits.delete_for_everyone(&bobs).await,
        Err(EditError::NotDeletable)
    );
    // Deleting here removes it and its summary follows.
    w.session.edits.delete_for_me(&bobs).await.unwrap();
    assert!(w.store.message(&bobs.key()).is_none());
    assert_eq!(w.store.conversation(&bob_conv()).unwrap().count, 1);
}

#[wasm_bindgen_test]
async fn read_receipts_follow_the_privacy_switch_both_ways() {
    let (w, bobs) = with_bobs_message().await;
    w.session
        .outbox
        .send_text(&bob_conv(), "read me")
        .await
        .unwrap();
    w.clock.advance(1_000).await;
    let mine = ours(&w);
    let receipt = |t: u64| Incoming::Receipt {
        hash: format!("receipt-{t}"),
        from: bob().session_id(),
        read: true,
        timestamps_ms: vec![mine.ts],
    };
    // Off (the default): Bob's receipt is not shown.
    w.next_poll(poll_of(vec![receipt(1)]));
    w.clock.advance(3_000).await;
    assert!(!w.store.message(&mine.key()).unwrap().read_by_peer);
    Privacy {
        read_receipts: true,
        typing_indicators: false,
        community_requests: false,
    }
    .save();
    w.next_poll(poll_of(vec![receipt(2)]));
    w.clock.advance(3_000).await;
    assert!(w.store.message(&mine.key()).unwrap().read_by_peer);

    // Reading Bob's new message sends him a receipt with the time he gave it.
    w.next_poll(from_bob("Bob", START_MS + 20_000, &["did you see?"]));
    w.clock.advance(3_000).await;
    w.session.views.open_chat(bob_conv()).await;
    settle().await;
    let sent = w.engine.delivered.borrow().clone();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let json = serde_json::to_value(&sent[0]).unwrap();
    let binary = web_sys::window()
        .unwrap()
        .atob(json["recipient"]["data"].as_str().unwrap())
        .unwrap();
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    let opened = session_core::message::decode_incoming(&bob(), &bytes).unwrap();
    let r = opened.content.receipt_message.unwrap();
    assert_eq!(r.timestamp, vec![START_MS + 20_000]);
    assert!(!r.timestamp.contains(&bobs.ts), "already read before");
    Privacy::default().save();
}

#[wasm_bindgen_test]
async fn a_blocked_contacts_reactions_and_unsends_do_nothing() {
    let (w, bobs) = with_bobs_message().await;
    w.session
        .views
        .change_settings(&bob_conv(), |s| {
            let mut s = toggle_pin(s);
            s.blocked = true;
            s
        })
        .await;
    let target = MessageRef::new(bob().session_id(), bobs.ts);
    w.next_poll(poll_of(vec![
        bob_reacts(target, "👍", ReactionAction::Add, START_MS + 9_000),
        Incoming::Unsend {
            hash: "u".into(),
            from: bob().session_id(),
            timestamp_ms: bobs.ts,
        },
    ]));
    w.clock.advance(3_000).await;
    assert_eq!(w.store.message(&bobs.key()).unwrap(), bobs);
}

#[wasm_bindgen_test]
fn typing_starts_refreshes_every_ten_seconds_and_stops() {
    use session_web::state::typing::{Sender, Shown};
    let mut s = Sender::default();
    assert_eq!(s.input(0, false), Some(true));
    assert_eq!(s.input(3_000, false), None);
    assert_eq!(s.input(10_000, false), Some(true), "refreshed while typing");
    assert_eq!(s.tick(15_000), None);
    assert_eq!(s.tick(20_000), Some(false), "10 s without a keystroke");
    assert_eq!(s.tick(30_000), None);
    assert_eq!(s.input(31_000, false), Some(true));
    assert_eq!(s.input(32_000, true), Some(false), "the composer emptied");
    assert_eq!(s.input(33_000, false), Some(true));
    s.sent();
    assert_eq!(s.tick(60_000), None, "sending ends it without a STOPPED");

    let bob = bob_conv();
    let mut shown = Shown::default();
    assert!(shown.heard(&bob, true, 0));
    assert!(shown.typing(&bob, 14_999));
    assert!(
        !shown.typing(&bob, 15_000),
        "gone after 15 s without a refresh"
    );
    assert!(shown.heard(&bob, true, 20_000));
    assert!(shown.message(&bob), "their message ends it");
    assert!(!shown.typing(&bob, 20_001));
}

#[wasm_bindgen_test]
async fn a_first_message_from_a_stranger_is_a_request_until_answered() {
    Privacy::default().save();
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.next_poll(from_bob("Bob", START_MS + 1_000, &["hello?"]));
    w.lead();
    w.clock.advance(3_000).await;
    let c = w.store.conversation(&bob_conv()).unwrap();
    assert!(c.is_request() && !c.is_listed());
    // Replying accepts: the acceptance goes first, with our profile.
    w.session
        .outbox
        .send_text(&bob_conv(), "hi Bob")
        .await
        .unwrap();
    let c = w.store.conversation(&bob_conv()).unwrap();
    assert!(!c.is_request() && c.accepted && c.is_listed());
    let mut contents: Vec<_> = outbox_keys(&w.store).into_values().collect();
    contents.sort();
    let first = delivered_content(&w.store, &contents[0], &bob());
    let accept = first
        .message_request_response
        .expect("the acceptance first");
    assert!(accept.is_approved);
    assert_eq!(accept.profile.unwrap().display_name.as_deref(), Some("Me"));
    w.clock.advance(1_000).await;
    assert!(w.store.outbox.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn declining_or_blocking_a_request_clears_it() {
    Privacy::default().save();
    let w = World::new().await;
    w.next_poll(from_bob("Bob", START_MS + 1_000, &["buy coins"]));
    w.lead();
    w.clock.advance(3_000).await;
    w.session.requests.block(&bob_conv()).await.unwrap();
    let c = w.store.conversation(&bob_conv()).unwrap();
    assert!(c.settings.blocked && !c.is_request() && c.count == 0);
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    // A blocked sender's next message is not stored at all.
    w.next_poll(from_bob("Bob", START_MS + 9_000, &["still there?"]));
    w.clock.advance(3_000).await;
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    assert!(
        w.store.outbox.borrow().is_empty(),
        "declining sends nothing"
    );
}

fn bob_sets_timer(mode: session_core::config::fields::Disappearing, t: u64) -> Incoming {
    Incoming::TimerChanged(session_core::message::receive::TimerEvent {
        hash: format!("timer-{t}"),
        from: bob().session_id(),
        to: me().session_id(),
        direction: Direction::Incoming,
        timestamp_ms: t,
        mode,
    })
}

#[wasm_bindgen_test]
async fn a_timer_set_here_is_announced_and_stamps_what_follows() {
    use session_core::config::fields::Disappearing;
    use session_core::message::expiration::of_content;
    let (w, _) = with_bobs_message().await;
    // A short timer: the wire takes any (the official apps offer 12 hours and more).
    let mode = Disappearing::AfterSend(60);
    w.session
        .outbox
        .send_timer(&bob_conv(), mode)
        .await
        .unwrap();
    let c = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!(c.settings.expire.disappearing(), mode);
    let notice = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .find(|m| m.timer_notice.is_some())
        .unwrap();
    let announced = delivered_content(&w.store, &notice.key(), &bob());
    assert!(session_core::message::expiration::is_timer_update(
        &announced
    ));
    assert_eq!(of_content(&announced), mode);
    // What we send next disappears a minute after it was sent.
    w.session
        .outbox
        .send_text(&bob_conv(), "soon gone")
        .await
        .unwrap();
    let m = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .find(|m| m.text == "soon gone")
        .unwrap();
    assert_eq!(m.expire.unwrap().until_ms, Some(m.ts + 60_000));
    let sent = delivered_content(&w.store, &m.key(), &bob());
    assert_eq!(of_content(&sent), mode);
    let entry = w.store.outbox_entry(&m.key()).unwrap();
    assert_eq!(entry.outgoing.ttl_ms(), 60_000);
    // Gone from the chat at its end, and from storage by the next sweep.
    w.clock.advance(60_000 + 20_000).await;
    assert!(w.store.message(&m.key()).is_none());
}

#[wasm_bindgen_test]
async fn after_read_messages_start_when_read_and_the_swarm_follows() {
    use session_core::config::fields::Disappearing;
    use session_core::message::compose::ContentBuilder;
    use session_core::message::expiration::stamp;
    use session_core::message::receive::MessageEvent;
    let (w, _) = with_bobs_message().await;
    let mode = Disappearing::AfterRead(300);
    let t = START_MS + 50_000;
    let mut content = ContentBuilder::text("read me once").build();
    stamp(&mut content, mode);
    w.next_poll(poll_of(vec![
        bob_sets_timer(mode, t),
        Incoming::Message(MessageEvent {
            hash: "dar".into(),
            from: bob().session_id(),
            to: me().session_id(),
            direction: Direction::Incoming,
            timestamp_ms: t + 1,
            expires_ms: t + 14 * 86_400_000,
            text: Some("read me once".into()),
            content: Box::new(content),
        }),
    ]));
    w.clock.advance(3_000).await;
    let c = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!(c.settings.expire.disappearing(), mode);
    let m = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .find(|m| m.text == "read me once")
        .unwrap();
    assert_eq!(m.expire.unwrap().until_ms, None, "not read yet");
    // Nothing goes while unread.
    w.clock.advance(600_000).await;
    assert!(w.store.message(&m.key()).is_some());
    w.session.views.open_chat(bob_conv()).await;
    settle().await;
    let started = w
        .store
        .message(&m.key())
        .unwrap()
        .expire
        .unwrap()
        .until_ms
        .unwrap();
    assert!(started > m.ts + 600_000, "the timer starts at the reading");
    assert_eq!(
        *w.engine.shortened.borrow(),
        vec![("dar".to_owned(), started)]
    );
    w.clock.advance(320_000).await;
    assert!(w.store.message(&m.key()).is_none());
}

#[wasm_bindgen_test]
fn note_to_self_only_disappears_after_send() {
    use session_core::config::fields::Disappearing;
    use session_core::conversation::ConversationId;
    use session_web::state::disappearing::{choices, expiry_for, notice};
    let e = expiry_for(
        Disappearing::AfterRead(60),
        &ConversationId::NoteToSelf,
        false,
        1_000,
        None,
    )
    .unwrap();
    assert_eq!(e.setting.disappearing(), Disappearing::AfterSend(60));
    assert_eq!(e.until_ms, Some(61_000));
    // Someone else's after send ends when the swarm says, never past the timer.
    let e = expiry_for(
        Disappearing::AfterSend(60),
        &bob_conv(),
        false,
        1_000,
        Some(30_000),
    );
    assert_eq!(e.unwrap().until_ms, Some(30_000));
    assert!(!choices(&ConversationId::NoteToSelf)
        .iter()
        .any(|d| matches!(d, Disappearing::AfterRead(_))));
    assert_eq!(choices(&bob_conv()).len(), 11);
    let setting = session_web::storage::ExpireSetting::of(Disappearing::AfterRead(86_400));
    assert_eq!(
        notice(setting, false, Some("Bob")),
        "Bob set messages to disappear 1 day after they have been read."
    );
}

#[wasm_bindgen_test]
async fn search_finds_what_is_stored_and_follows_what_arrives_and_goes() {
    use leptos::prelude::{GetUntracked, Set};
    let (w, _) = with_bobs_message().await;
    let search = w.session.search.clone();
    let find = |q: &str| {
        let search = search.clone();
        let q = q.to_owned();
        async move {
            search.query.set(q);
            search.run().await;
            search.results.get_untracked()
        }
    };
    // Built from storage at the first search; case and the word's end do not matter.
    let hits = find("LUN").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].conv(), &bob_conv());
    assert_eq!(hits[0].matches[0].text, "lunch?");
    assert_eq!(hits[0].matches[0].ranges, vec![0..3]);
    assert!(find("dinner").await.is_empty());

    // A message arriving later is found (the index follows the stored messages).
    w.next_poll(from_bob("Bob", START_MS + 10_000, &["Café at noon?"]));
    w.clock.advance(3_000).await;
    settle().await;
    let hits = find("cafe noon").await;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].matches[0].text, "Café at noon?");
    assert_eq!(hits[0].matches[0].ranges, vec![0.."Café".len(), 9..13]);
    // Newest first, and within one conversation only when scoped.
    w.next_poll(from_bob("Bob", START_MS + 20_000, &["lunch again"]));
    w.clock.advance(3_000).await;
    settle().await;
    let hits = find("lunch").await;
    assert_eq!(hits.len(), 2);
    assert!(hits[0].ts() > hits[1].ts());
    search.scope.set(Some(ConversationId::NoteToSelf));
    assert!(find("lunch").await.is_empty());
    search.scope.set(Some(bob_conv()));
    assert_eq!(find("lunch").await.len(), 2);

    // Cleared messages leave the results.
    w.session.requests.clear(&bob_conv(), false).await.unwrap();
    settle().await;
    assert!(find("lunch").await.is_empty());
    search.clear();
    assert!(search.results.get_untracked().is_empty());
}
