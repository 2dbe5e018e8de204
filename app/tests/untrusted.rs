//! What other people send is tamed: a sender's time cannot pin a conversation on top of the
//! list, stick its preview or stop its unread count; display names are cleaned and none can
//! pass for Note to Self.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;
use session_core::client::Event;
use session_core::conversation::ConversationId;
use session_core::message::receive::Incoming;
use session_web::state::conversations::{short_id, subtitle, title, title_for};
use session_web::state::poller::POLL_VISIBLE_MS;
use session_web::state::receive::{received_time, records_of, TIME_TOLERANCE_MS};
use session_web::storage::{ConversationRecord, MessageStatus};
use support::{bob, bob_conv, from_bob, me, settle, Swarms, World, START_MS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Beyond JavaScript's safe integers: IndexedDB keys and `f64` would round it.
const HUGE: u64 = (1 << 60) + 1;
const YEAR_MS: u64 = 365 * 86_400_000;

#[wasm_bindgen_test]
fn a_senders_time_counts_up_to_when_it_arrived_plus_a_tolerance() {
    let now = START_MS;
    assert_eq!(received_time(now - 5_000, now), now - 5_000);
    assert_eq!(
        received_time(now + 1_000, now),
        now + 1_000,
        "a clock a little ahead"
    );
    assert_eq!(received_time(now + YEAR_MS, now), now + TIME_TOLERANCE_MS);
    assert_eq!(received_time(HUGE, now), now + TIME_TOLERANCE_MS);
    assert!(received_time(u64::MAX, u64::MAX) < 1 << 53);

    let poll = from_bob("Bob", HUGE, &["from the future", "and again"]);
    let (messages, _) = records_of(&poll.events, now);
    let times: Vec<u64> = messages.iter().map(|m| m.ts).collect();
    // Both kept, in their order, at the latest time that is believable, with what the sender
    // said kept beside it.
    assert_eq!(
        times,
        [now + TIME_TOLERANCE_MS, now + TIME_TOLERANCE_MS + 1]
    );
    assert_eq!(messages[0].sent_ms, Some(HUGE));
    let fine = from_bob("Bob", now - 1_000, &["on time"]);
    let (messages, _) = records_of(&fine.events, now);
    assert_eq!((messages[0].ts, messages[0].sent_ms), (now - 1_000, None));
}

#[wasm_bindgen_test]
async fn a_message_from_the_future_neither_pins_the_list_nor_stops_unread_counts() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.next_poll(from_bob("Bob", HUGE, &["pinned?"]));
    w.lead();
    settle().await;
    w.session.views.open_chat(bob_conv()).await;
    w.session.views.close_chat();
    assert_eq!(w.store.conversation(&bob_conv()).unwrap().unread, 0);

    // Later, Note to Self gets a message: it is the newest conversation.
    w.clock.advance(6 * 60_000).await;
    w.session
        .outbox
        .send_text(&ConversationId::NoteToSelf, "later")
        .await
        .unwrap();
    let list = w.session.views.conversations.get_untracked();
    assert_eq!(list[0].id, ConversationId::NoteToSelf, "{list:?}");

    // Bob writes again, on time: it counts as unread and is his newest message.
    let now = w.clock.now();
    w.next_poll(from_bob("Bob", now, &["on time"]));
    w.clock.advance(POLL_VISIBLE_MS).await;
    let bob = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!((bob.unread, bob.last_text.as_str()), (1, "on time"));
    let texts: Vec<String> = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["pinned?", "on time"]);
    assert!(w
        .store
        .messages_of(&bob_conv())
        .iter()
        .all(|m| m.ts < 1 << 53 && m.status == MessageStatus::Received));
}

/// A poll from Bob named `name`.
fn named(name: &str) -> Vec<Event> {
    from_bob(name, START_MS, &["hi"]).events
}

#[wasm_bindgen_test]
fn display_names_are_cleaned_before_they_are_stored() {
    let (_, names) = records_of(&named("Bob\u{202E}gnp.exe\u{200B}"), START_MS);
    assert_eq!(names[0].name, "Bobgnp.exe");
    let (_, names) = records_of(&named(&"é".repeat(300)), START_MS);
    assert!(names[0].name.len() <= 100, "{} bytes", names[0].name.len());
    let (_, names) = records_of(&named("\u{200B}\u{202E} "), START_MS);
    assert!(names.is_empty(), "nothing visible is no name");
    // Our own messages carry our name: not a contact's.
    let mut ours = named("Me");
    if let Event::Direct(Incoming::Message(m)) = &mut ours[0] {
        m.from = me().session_id();
        m.to = bob().session_id();
        m.direction = session_core::message::receive::Direction::Outgoing;
    }
    assert!(records_of(&ours, START_MS).1.is_empty());
}

#[wasm_bindgen_test]
fn nobody_passes_for_note_to_self() {
    let mut fake = ConversationRecord::new(bob_conv());
    let short = short_id(&bob().session_id().to_hex());
    for name in [
        "Note to Self",
        "note to self",
        "NOTE  TO  SELF",
        "Note-to-Self.",
    ] {
        fake.name = Some(name.into());
        let shown = title(&fake);
        assert_ne!(shown, "Note to Self");
        assert!(shown.starts_with(&short), "{name:?} shows as {shown:?}");
        assert_eq!(
            subtitle(&bob_conv(), &shown),
            None,
            "the ID is not shown twice"
        );
    }
    fake.name = Some("Notes to myself".into());
    assert_eq!(title(&fake), "Notes to myself");
    assert_eq!(subtitle(&bob_conv(), "Notes to myself"), Some(short));
    assert_eq!(
        title_for(&ConversationId::NoteToSelf, &[]),
        "Note to Self",
        "the real one"
    );
}
