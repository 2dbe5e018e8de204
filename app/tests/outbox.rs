//! The outbox part with simulated time: a message is stored as sending with its outbox entry
//! before any network attempt, then the engine's flush decides: sent, failed (kept for a
//! retry) or expired (failed for good).

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;

use session_core::conversation::ConversationId;
use session_web::state::net_state::NetState;
use session_web::state::outbox::{RetryError, SendError, NETWORK_WAIT_MS};
use session_web::storage::MessageStatus;
use support::{bob_conv, me, settle, statuses, Swarms, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAY_MS: u64 = 86_400_000;

#[wasm_bindgen_test]
async fn a_message_is_stored_as_sending_then_sent() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let bob = bob_conv();
    w.session.outbox.send_text(&bob, "hello").await.unwrap();

    // Stored before any network attempt: the message, its outbox entry and the summary.
    let msg = w.store.only_message(&bob);
    assert_eq!(
        (msg.text.as_str(), msg.status),
        ("hello", MessageStatus::Sending)
    );
    assert!(msg.outgoing);
    let entry = w.store.outbox_entry(&msg.key()).expect("in the outbox");
    assert_eq!(msg.hash.as_deref(), Some(entry.outgoing.hash()));
    assert_eq!(entry.outgoing.to(), &bob.peer().copied().unwrap());
    let summary = w.store.conversation(&bob).unwrap();
    assert_eq!(summary.last_status, MessageStatus::Sending);
    assert_eq!(w.engine.flushes.get(), 0);

    settle().await;
    assert_eq!(w.engine.flushes.get(), 1);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    assert!(w.store.outbox.borrow().is_empty());
    assert_eq!(
        w.store.conversation(&bob).unwrap().last_status,
        MessageStatus::Sent
    );
    // The screen shows it, and the other tabs heard about it.
    let listed = w.session.views.conversations.get_untracked();
    assert_eq!(listed[0].last_status, MessageStatus::Sent);
    assert!(w
        .channel
        .posted
        .borrow()
        .iter()
        .any(|m| matches!(m, session_web::net::tabs::TabMessage::Changed { convs } if convs.as_slice() == std::slice::from_ref(&bob))));
}

#[wasm_bindgen_test]
async fn a_message_that_fails_stays_in_the_outbox_and_is_sent_on_retry() {
    let w = World::new().await;
    let bob = bob_conv();
    w.session
        .outbox
        .send_text(&bob, "are you there?")
        .await
        .unwrap();
    // The real client tries the relay with its retries and gives up.
    w.clock.advance(120_000).await;
    let msg = w.store.only_message(&bob);
    assert_eq!(msg.status, MessageStatus::Failed);
    let entry = w.store.outbox_entry(&msg.key()).expect("kept for a retry");
    assert!(entry.attempts >= 1, "{entry:?}");
    assert_eq!(
        w.session.network.health.get_untracked(),
        NetState::RelayUnreachable
    );
    assert_eq!(
        w.store.conversation(&bob).unwrap().last_status,
        MessageStatus::Failed
    );

    w.engine.swarms.set(Swarms::Up);
    w.session.outbox.retry(&msg.key()).await.unwrap();
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    assert!(w.store.outbox.borrow().is_empty());
    // The same encrypted message: same hash as when it was first stored.
    assert_eq!(w.store.only_message(&bob).hash, msg.hash);
}

#[wasm_bindgen_test]
async fn an_expired_message_fails_for_good() {
    let w = World::new().await;
    let bob = bob_conv();
    w.session.outbox.send_text(&bob, "too late").await.unwrap();
    w.clock.advance(120_000).await;
    let key = w.store.only_message(&bob).key();
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);

    // Fifteen days later its lifetime (14 days) has ended: the engine gives it up.
    w.clock.advance(15 * DAY_MS).await;
    let flushes = w.engine.flushes.get();
    w.session.outbox.retry(&key).await.unwrap();
    assert_eq!(w.engine.flushes.get(), flushes + 1);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);
    assert!(
        w.store.outbox_entry(&key).is_none(),
        "dropped from the outbox"
    );

    // Nothing is left to retry, and later flushes leave it alone.
    let again = w.session.outbox.retry(&key).await;
    assert_eq!(again, Err(RetryError::Gone));
    assert_eq!(
        again.unwrap_err().to_string(),
        "This message can no longer be retried."
    );
    w.engine.swarms.set(Swarms::Up);
    w.session.outbox.flush().await;
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);
}

#[wasm_bindgen_test]
async fn a_missing_sync_copy_keeps_the_entry_until_it_is_stored() {
    let w = World::new().await;
    let bob = bob_conv();
    w.engine.swarms.set(Swarms::UpWithoutSync);
    w.session
        .outbox
        .send_text(&bob, "synced later")
        .await
        .unwrap();
    settle().await;
    let key = w.store.only_message(&bob).key();
    // Bob has it: shown as sent; the entry stays for the sync copy.
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    let entry = w.store.outbox_entry(&key).expect("kept for the sync copy");
    assert!(entry.outgoing.is_sent() && !entry.outgoing.is_complete());

    // A flush while the network is down does not make it look failed.
    w.engine.swarms.set(Swarms::Down);
    let outbox = w.session.outbox.clone();
    wasm_bindgen_futures::spawn_local(async move { outbox.flush().await });
    w.clock.advance(120_000).await;
    assert_eq!(w.engine.flushes.get(), 2);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    assert!(w.store.outbox_entry(&key).is_some());

    w.engine.swarms.set(Swarms::Up);
    w.session.outbox.flush().await;
    assert!(w.store.outbox_entry(&key).is_none());
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
}

#[wasm_bindgen_test]
async fn without_the_relays_network_a_message_fails_after_ten_seconds() {
    let store = support::MemoryStore::default();
    let w = World::over(
        std::rc::Rc::new(store),
        std::rc::Rc::new(support::FakePlatform::default()),
        "tab-1",
    )
    .await;
    w.engine.swarms.set(Swarms::Up);
    let bob = bob_conv();
    w.session.outbox.send_text(&bob, "anyone?").await.unwrap();
    w.clock.advance(NETWORK_WAIT_MS - 500).await;
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sending]);
    w.clock.advance(1_000).await;
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);
    assert_eq!(w.engine.flushes.get(), 0, "no client without a network");
    assert_eq!(w.store.outbox.borrow().len(), 1);
    assert_eq!(
        w.session.network.health.get_untracked(),
        NetState::RelayUnreachable
    );
}

#[wasm_bindgen_test]
async fn note_to_self_is_stored_under_its_own_name_and_groups_are_refused() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let nts = ConversationId::NoteToSelf;
    w.session
        .outbox
        .send_text(&nts, "remember the milk")
        .await
        .unwrap();
    settle().await;
    let msg = w.store.only_message(&nts);
    assert_eq!(msg.author, me().session_id());
    assert_eq!(msg.status, MessageStatus::Sent);
    let group: ConversationId = format!("03{}", "ab".repeat(32)).parse().unwrap();
    let err = w.session.outbox.send_text(&group, "hi all").await;
    assert_eq!(err, Err(SendError::Unsupported(group.clone())));
    assert!(w.store.conversation(&group).is_none());
}
