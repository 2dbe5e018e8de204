//! The poller with simulated time: its schedule, its backoff, waking it, what it stores and
//! notifies, the network banner it drives, and the tab election.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::{GetUntracked, Set};

use session_core::client::{ClientError, Failure, RemoteText, TransportError};
use session_web::net::info::NetworkKind;
use session_web::net::tabs::TabMessage;
use session_web::state::net_state::NetState;
use session_web::state::poller::{POLL_HIDDEN_MS, POLL_MAX_BACKOFF_MS, POLL_VISIBLE_MS};
use session_web::storage::MessageStatus;
use std::rc::Rc;
use support::{bob, bob_conv, from_bob, local_info, settle, statuses, MemoryStore, Swarms, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn network_down() -> ClientError {
    ClientError::Unavailable {
        attempts: 6,
        last: Failure::Node {
            status: 503,
            message: RemoteText::new("busy"),
        },
    }
}

#[wasm_bindgen_test]
async fn polls_every_two_seconds_while_visible_and_every_thirty_while_hidden() {
    let w = World::new().await;
    w.lead();
    w.clock.advance(10_000).await;
    assert_eq!(w.engine.poll_gaps(), [POLL_VISIBLE_MS; 5]);
    w.platform.hidden.set(true);
    // The wait already begun ends; from then on the hidden interval.
    w.clock.advance(2_000 + 2 * POLL_HIDDEN_MS).await;
    assert_eq!(
        w.engine.poll_gaps()[5..],
        [POLL_VISIBLE_MS, POLL_HIDDEN_MS, POLL_HIDDEN_MS]
    );
    assert!(w.session.tabs.is_leader());
    assert_eq!(w.session.network.health.get_untracked(), NetState::Online);
}

#[wasm_bindgen_test]
async fn failures_back_off_to_fifteen_seconds_and_recovery_sends_the_outbox() {
    let w = World::new().await;
    let bob = bob_conv();
    // A message that could not be sent while the network was down.
    w.session.outbox.send_text(&bob, "queued").await.unwrap();
    w.clock.advance(120_000).await;
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);

    for _ in 0..5 {
        w.engine.polls.borrow_mut().push_back(Err(network_down()));
    }
    w.lead();
    w.clock.advance(1_000).await;
    assert_eq!(
        w.session.network.health.get_untracked(),
        NetState::NetworkUnreachable
    );
    assert_eq!(w.session.poller.failures(), 1);
    // The swarms come back while polls still fail: nothing is sent until a poll succeeds
    // (five failures: 4 s, 8 s, then 15 s apart).
    w.engine.swarms.set(Swarms::Up);
    let flushes = w.engine.flushes.get();
    w.clock.advance(55_000).await;
    assert_eq!(w.session.poller.failures(), 5);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);
    assert_eq!(w.engine.flushes.get(), flushes);
    w.clock.advance(2_000).await;
    assert_eq!(
        w.engine.poll_gaps(),
        [
            4_000,
            8_000,
            POLL_MAX_BACKOFF_MS,
            POLL_MAX_BACKOFF_MS,
            POLL_MAX_BACKOFF_MS
        ]
    );
    assert_eq!(w.session.poller.failures(), 0);
    assert_eq!(w.session.network.health.get_untracked(), NetState::Online);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    assert!(w.store.outbox.borrow().is_empty());
    // The other tabs saw the same banner changes.
    let states = w.channel.net_states();
    assert_eq!(states.first().map(String::as_str), Some("network"));
    assert_eq!(states.last().map(String::as_str), Some("online"));
}

#[wasm_bindgen_test]
async fn the_banner_tells_offline_relay_and_network_apart() {
    let w = World::new().await;
    w.engine
        .polls
        .borrow_mut()
        .push_back(Err(ClientError::Transport(TransportError::Unreachable)));
    w.lead();
    settle().await;
    assert_eq!(
        w.session.network.health.get_untracked(),
        NetState::RelayUnreachable
    );
    w.platform.online.set(false);
    w.engine.polls.borrow_mut().push_back(Err(network_down()));
    w.clock.advance(4_000).await;
    assert_eq!(w.session.network.health.get_untracked(), NetState::Offline);
    w.platform.online.set(true);
    w.clock.advance(8_000).await;
    assert_eq!(w.session.network.health.get_untracked(), NetState::Online);
}

#[wasm_bindgen_test]
async fn waking_polls_at_once() {
    let w = World::new().await;
    w.platform.hidden.set(true);
    w.lead();
    w.clock.advance(5_000).await;
    assert_eq!(w.engine.polled_at.borrow().len(), 1);
    // The tab comes to the front (or the browser goes online): a poll now, not in 25 s.
    w.session.poller.poll_now();
    settle().await;
    assert_eq!(w.engine.poll_gaps(), [5_000]);
    // Then the schedule goes on from there.
    w.clock.advance(POLL_HIDDEN_MS).await;
    assert_eq!(w.engine.poll_gaps(), [5_000, POLL_HIDDEN_MS]);
}

#[wasm_bindgen_test]
async fn a_hidden_poller_keeps_the_visible_pace_while_another_tab_of_the_account_is_seen() {
    let w = World::new().await;
    w.platform.hidden.set(true);
    w.session.on_tab_message(TabMessage::Visible {
        tab: "tab-2".into(),
        visible: true,
    });
    w.lead();
    settle().await;
    w.clock.advance(3 * POLL_VISIBLE_MS).await;
    assert_eq!(
        w.engine.poll_gaps(),
        [POLL_VISIBLE_MS; 3],
        "the tab seen shows what this one polls"
    );
    // That tab hidden too: the hidden pace, once the wait under way ends.
    w.session.on_tab_message(TabMessage::Visible {
        tab: "tab-2".into(),
        visible: false,
    });
    w.clock.advance(POLL_VISIBLE_MS + POLL_HIDDEN_MS).await;
    assert_eq!(
        w.engine.poll_gaps(),
        [
            POLL_VISIBLE_MS,
            POLL_VISIBLE_MS,
            POLL_VISIBLE_MS,
            POLL_VISIBLE_MS,
            POLL_HIDDEN_MS
        ]
    );
}

#[wasm_bindgen_test]
async fn new_messages_are_stored_listed_and_notified_while_no_tab_is_visible() {
    let w = World::new().await;
    w.platform.hidden.set(true);
    w.engine
        .polls
        .borrow_mut()
        .push_back(Ok(from_bob("Bob", 1_000, &["hi", "are you there?"])));
    w.lead();
    settle().await;
    let bob_id = bob_conv();
    let summary = w.store.conversation(&bob_id).unwrap();
    assert_eq!((summary.unread, summary.name.as_deref()), (2, Some("Bob")));
    // The poll's state was saved with its messages.
    assert!(w.store.client_state.borrow().is_some());
    let listed = w.session.views.conversations.get_untracked();
    assert_eq!(listed.len(), 1);
    let notes = w.platform.notes.borrow().clone();
    assert_eq!(notes.len(), 1, "one per conversation: {notes:?}");
    assert_eq!(notes[0].title, "Bob");
    assert_eq!(notes[0].body, "are you there?");
    assert_eq!(notes[0].tag, bob().session_id().to_hex());
    assert_eq!(notes[0].hash, format!("/c/{}", bob().session_id().to_hex()));

    // Another tab of the account is visible: it shows the message, no notification.
    w.session.on_tab_message(TabMessage::Visible {
        tab: "tab-2".into(),
        visible: true,
    });
    w.engine
        .polls
        .borrow_mut()
        .push_back(Ok(from_bob("Bob", 5_000, &["hello?"])));
    w.clock.advance(POLL_HIDDEN_MS).await;
    assert_eq!(w.store.conversation(&bob_id).unwrap().unread, 3);
    assert_eq!(w.platform.notes.borrow().len(), 1);

    // With several accounts in the browser, the notification names the account.
    w.session.on_tab_message(TabMessage::Visible {
        tab: "tab-2".into(),
        visible: false,
    });
    w.session.profile.account_label.set(Some("Work".into()));
    w.engine
        .polls
        .borrow_mut()
        .push_back(Ok(from_bob("Bob", 9_000, &["still there?"])));
    w.clock.advance(POLL_HIDDEN_MS).await;
    let notes = w.platform.notes.borrow().clone();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(notes[1].title, "Bob · Work");
    assert_eq!(notes[1].body, "still there?");
}

#[wasm_bindgen_test]
async fn a_poll_that_cannot_be_stored_starts_again_from_the_saved_state() {
    let w = World::new().await;
    w.lead();
    settle().await;
    assert!(
        w.store.client_state.borrow().is_some(),
        "saved by the first poll"
    );
    let made = w.engines.made.borrow().len();
    w.store.failing_batches.set(1);
    w.engine
        .polls
        .borrow_mut()
        .push_back(Ok(from_bob("Bob", 1_000, &["lost?"])));
    w.clock.advance(POLL_VISIBLE_MS).await;
    assert!(w.store.conversation(&bob_conv()).is_none());
    let made_now: Vec<_> = w.engines.made.borrow().iter().map(|m| m.0).collect();
    assert_eq!(
        made_now.len(),
        made + 1,
        "a new client from the saved state"
    );
    assert_eq!(made_now[made], NetworkKind::Local);
    // The same messages come again and are stored once.
    w.engine
        .polls
        .borrow_mut()
        .push_back(Ok(from_bob("Bob", 1_000, &["lost?"])));
    w.clock.advance(POLL_VISIBLE_MS).await;
    assert_eq!(statuses(&w.store, &bob_conv()), [MessageStatus::Received]);
}

#[wasm_bindgen_test]
async fn polling_waits_for_the_relays_network() {
    let w = World::over(Rc::new(MemoryStore::default()), Rc::default(), "tab-1").await;
    {
        let mut infos = w.relay.infos.borrow_mut();
        infos.push_back(Err(session_web::net::info::InfoError::Unreachable));
        infos.push_back(Err(session_web::net::info::InfoError::Status(502)));
        infos.push_back(local_info());
    }
    w.session.discover();
    w.lead();
    settle().await;
    assert_eq!(
        w.session.network.health.get_untracked(),
        NetState::RelayUnreachable
    );
    assert!(w.engine.polled_at.borrow().is_empty());
    // Asked again after 1 s, then 2 s.
    w.clock.advance(3_000).await;
    let asked = w.relay.asked_at.borrow().clone();
    assert_eq!(
        asked.windows(2).map(|p| p[1] - p[0]).collect::<Vec<_>>(),
        [1_000, 2_000]
    );
    assert_eq!(w.session.network.kind(), Some(NetworkKind::Local));
    assert_eq!(w.store.network.get(), Some(NetworkKind::Local));
    assert_eq!(
        w.engines.made.borrow().last().map(|m| m.0),
        Some(NetworkKind::Local)
    );
    let first_poll = w.engine.polled_at.borrow().first().copied();
    assert_eq!(
        first_poll,
        Some(support::START_MS + 3_000),
        "polled once known"
    );
    assert_eq!(w.session.network.health.get_untracked(), NetState::Online);
}

#[wasm_bindgen_test]
async fn one_tab_polls_and_another_takes_over_when_it_closes() {
    let (first, second) = World::two_tabs().await;
    first.clock.advance(4_000).await;
    assert_eq!(first.engine.polled_at.borrow().len(), 3);
    assert!(second.engine.polled_at.borrow().is_empty());
    assert!(!second.session.tabs.is_leader());
    // The polling tab's banner is the other's too.
    second.session.on_tab_message(TabMessage::Net {
        state: "relay".into(),
    });
    assert_eq!(
        second.session.network.health.get_untracked(),
        NetState::RelayUnreachable
    );

    let lock = format!("session-web-poller-{}", support::me().session_id());
    first.platform.release(&lock);
    first.clock.advance(2_000).await;
    assert!(second.session.tabs.is_leader());
    assert_eq!(second.engine.polled_at.borrow().len(), 2);
}

#[wasm_bindgen_test]
async fn a_message_that_failed_offline_is_sent_once_the_network_is_back() {
    let w = World::new().await;
    let bob = bob_conv();
    w.lead();
    settle().await;
    // The browser goes offline while a poll starts: its retries last 16 s, and the connection
    // is back before they end, so that poll succeeds and no poll is ever seen failing.
    w.platform.online.set(false);
    w.engine.poll_ms.set(16_000);
    w.clock.advance(POLL_VISIBLE_MS).await;
    w.session.outbox.send_text(&bob, "offline").await.unwrap();
    w.clock.advance(12_000).await;
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Failed]);

    w.platform.online.set(true);
    w.engine.swarms.set(Swarms::Up);
    w.engine.poll_ms.set(0);
    w.clock.advance(4_000).await;
    assert_eq!(w.session.poller.failures(), 0);
    assert_eq!(statuses(&w.store, &bob), [MessageStatus::Sent]);
    assert!(w.store.outbox.borrow().is_empty());
    // Sent once: later polls leave the outbox alone.
    let flushes = w.engine.flushes.get();
    w.clock.advance(10 * POLL_VISIBLE_MS).await;
    assert_eq!(w.engine.flushes.get(), flushes);
}

#[wasm_bindgen_test]
async fn a_message_that_failed_in_a_tab_that_does_not_poll_is_sent_by_the_poller() {
    let (poller, other) = World::two_tabs().await;
    let store = poller.store.clone();
    settle().await;
    assert!(poller.session.tabs.is_leader() && !other.session.tabs.is_leader());
    let bob = bob_conv();
    other
        .session
        .outbox
        .send_text(&bob, "from the other tab")
        .await
        .unwrap();
    poller.clock.advance(12_000).await;
    assert_eq!(statuses(&store, &bob), [MessageStatus::Failed]);
    other.tell(&poller);

    // The network works again: the polling tab's next poll sends it, nobody taps retry.
    poller.engine.swarms.set(Swarms::Up);
    poller.clock.advance(POLL_VISIBLE_MS).await;
    assert_eq!(statuses(&store, &bob), [MessageStatus::Sent]);
    assert!(store.outbox.borrow().is_empty());
    assert_eq!(
        other.engine.flushes.get(),
        1,
        "the other tab only tried once"
    );
}

#[wasm_bindgen_test]
async fn storage_that_keeps_failing_is_shown_not_retried_in_silence() {
    let w = World::new().await;
    w.lead();
    settle().await;
    // One failed write may be a hiccup: the poll is fetched again, nothing shown.
    w.store.failing_batches.set(3);
    w.next_poll(from_bob("Bob", 1_000, &["one"]));
    w.clock.advance(POLL_VISIBLE_MS).await;
    assert_eq!(w.session.storage.problem.get_untracked(), None);
    // It keeps failing: the user is told, and so are the other tabs.
    for _ in 0..2 {
        w.next_poll(from_bob("Bob", 1_000, &["one"]));
        w.clock.advance(POLL_VISIBLE_MS).await;
    }
    let problem = w.session.storage.problem.get_untracked().expect("shown");
    assert!(problem.to_string().contains("cannot be saved"), "{problem}");
    assert!(w
        .channel
        .posted
        .borrow()
        .iter()
        .any(|m| matches!(m, TabMessage::Storage { .. })));
    // Once a write works again, the error goes.
    w.next_poll(from_bob("Bob", 1_000, &["one"]));
    w.clock.advance(POLL_VISIBLE_MS).await;
    assert_eq!(w.session.storage.problem.get_untracked(), None);
    assert_eq!(statuses(&w.store, &bob_conv()), [MessageStatus::Received]);

    // Full storage is shown at once, for a message we send too.
    w.store.full.set(true);
    w.store.failing_outgoing.set(1);
    let sent = w.session.outbox.send_text(&bob_conv(), "no room").await;
    assert!(sent.is_err());
    let problem = w.session.storage.problem.get_untracked().expect("shown");
    assert!(problem.to_string().contains("full"), "{problem}");
}

#[wasm_bindgen_test]
async fn a_tab_that_said_goodbye_is_not_taken_for_a_visible_one() {
    let w = World::new().await;
    let visible = |v: bool| TabMessage::Visible {
        tab: "tab-2".into(),
        visible: v,
    };
    w.session.on_tab_message(visible(true));
    assert!(w.session.tabs.another_visible());
    // A closing tab may announce its visibility once more after its goodbye.
    w.session.on_tab_message(TabMessage::Bye {
        tab: "tab-2".into(),
    });
    w.session.on_tab_message(visible(true));
    assert!(!w.session.tabs.another_visible());
    // Back (from the browser's page cache): it says hello again.
    w.session.on_tab_message(TabMessage::Hello {
        tab: "tab-2".into(),
    });
    w.session.on_tab_message(visible(true));
    assert!(w.session.tabs.another_visible());
}
