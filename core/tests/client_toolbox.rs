//! The conversation toolbox over the simulated network (tests/client_sim): unsend for
//! everyone (our swarm's copy deleted, the request to the contact and to our other devices),
//! reactions and replies with their sync copies, typing indicators' short life, shortening an
//! expiry, and accepting a message request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use session_core::client::{ClientError, Event, SyncStatus};
use session_core::conversation::ConversationId;
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::message::control::{self, TYPING_TTL_MS};
use session_core::message::reaction::{Reaction, ReactionAction};
use session_core::message::receive::{Direction, Incoming};
use session_core::message::MessageRef;

fn direct(events: &[Event]) -> Vec<&Incoming> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Direct(i) => Some(i),
            _ => None,
        })
        .collect()
}

#[test]
fn unsend_deletes_our_copy_and_reaches_the_contact_and_our_other_devices() {
    let sim = Sim::new(24, 6, 31);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let a2 = client(&sim, &alice, 2);
    let b = client(&sim, &bob, 3);
    let sent = block_on(a.send_text(&bob.session_id(), "oops")).unwrap();
    let SyncStatus::Stored(sync_hash) = sent.sync.clone() else {
        panic!("{sent:?}")
    };
    assert!(sim.stored_hashes(&alice.session_id()).contains(&sync_hash));
    // The other device has the sync copy before the unsend.
    assert_eq!(direct(&block_on(a2.poll()).unwrap().events).len(), 1);

    // Delete for everyone: our swarm's copy first, then the request to both swarms.
    block_on(a.delete_own(std::slice::from_ref(&sync_hash))).unwrap();
    assert!(!sim.stored_hashes(&alice.session_id()).contains(&sync_hash));
    sim.time.advance(10);
    let target = MessageRef::new(alice.session_id(), sent.timestamp_ms);
    let r = block_on(a.send(&bob.session_id(), control::unsend(&target))).unwrap();
    assert!(matches!(r.sync, SyncStatus::Stored(_)), "{r:?}");

    let at_bob = block_on(b.poll()).unwrap();
    let bob_events = direct(&at_bob.events);
    assert!(matches!(bob_events[0], Incoming::Message(_)));
    assert!(matches!(
        bob_events[1],
        Incoming::Unsend { from, timestamp_ms, .. }
            if *from == alice.session_id() && *timestamp_ms == sent.timestamp_ms
    ));
    let at_a2 = block_on(a2.poll()).unwrap();
    let [Incoming::Unsend {
        from, timestamp_ms, ..
    }] = direct(&at_a2.events)[..]
    else {
        panic!("{at_a2:?}")
    };
    assert_eq!(
        (*from, *timestamp_ms),
        (alice.session_id(), sent.timestamp_ms)
    );
}

#[test]
fn deleting_what_is_already_gone_succeeds_and_bad_hashes_fail_before_sending() {
    let sim = Sim::new(24, 6, 32);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let gone = "A".repeat(43);
    block_on(a.delete_own(std::slice::from_ref(&gone))).unwrap();
    let before = sim.count("delete", &alice.session_id());
    let bad = block_on(a.delete_own(&["not a hash".to_owned()])).unwrap_err();
    assert!(matches!(bad, ClientError::Request(_)), "{bad:?}");
    assert_eq!(sim.count("delete", &alice.session_id()), before);
}

#[test]
fn reactions_and_replies_name_their_message_and_sync_to_our_devices() {
    let sim = Sim::new(24, 6, 33);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let b2 = client(&sim, &bob, 3);
    let sent = block_on(a.send_text(&bob.session_id(), "lunch?")).unwrap();
    let target = MessageRef::new(alice.session_id(), sent.timestamp_ms);
    let me = Profile {
        display_name: "Bob".into(),
        picture: None,
        updated_s: 5,
    };
    let like = Reaction {
        target,
        emoji: "👍".into(),
        action: ReactionAction::Add,
    };
    sim.time.advance(10);
    let react = ContentBuilder::reaction(&like).profile(&me).build();
    let r = block_on(b.send(&alice.session_id(), react)).unwrap();
    assert!(matches!(r.sync, SyncStatus::Stored(_)));
    sim.time.advance(10);
    let reply = ContentBuilder::text("yes!")
        .reply_to(&target)
        .profile(&me)
        .build();
    block_on(b.send(&alice.session_id(), reply)).unwrap();
    sim.time.advance(10);
    let unlike = Reaction {
        action: ReactionAction::Remove,
        ..like.clone()
    };
    block_on(b.send(
        &alice.session_id(),
        ContentBuilder::reaction(&unlike).build(),
    ))
    .unwrap();

    let at_alice = block_on(a.poll()).unwrap();
    let events = direct(&at_alice.events);
    assert_eq!(events.len(), 3, "{events:?}");
    let Incoming::Reaction(r) = events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(r.reaction, like);
    assert_eq!(r.from, bob.session_id());
    assert_eq!(r.conversation(), ConversationId::Direct(bob.session_id()));
    let Incoming::Message(m) = events[1] else {
        panic!("{events:?}")
    };
    assert_eq!(m.text.as_deref(), Some("yes!"));
    assert_eq!(m.quote(), Some(target));
    let Incoming::Reaction(r) = events[2] else {
        panic!("{events:?}")
    };
    assert_eq!(r.reaction.action, ReactionAction::Remove);

    // Bob's other device files his reaction under the chat with Alice.
    let at_b2 = block_on(b2.poll()).unwrap();
    let mine = direct(&at_b2.events);
    let Some(Incoming::Reaction(r)) = mine.iter().find(|e| matches!(e, Incoming::Reaction(_)))
    else {
        panic!("{mine:?}")
    };
    assert_eq!(r.direction, Direction::Outgoing);
    assert_eq!(r.conversation(), ConversationId::Direct(alice.session_id()));
    assert_eq!(r.reaction, like);
}

#[test]
fn typing_indicators_live_twenty_seconds_and_are_not_synced() {
    let sim = Sim::new(24, 6, 34);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let mut out = a
        .prepare_ttl(&bob.session_id(), control::typing(true), TYPING_TTL_MS)
        .unwrap();
    assert_eq!(out.sync_hash(), None);
    let report = block_on(a.deliver(&mut out)).unwrap();
    let expiries = sim.expiries_of(&report.hash);
    assert_eq!(expiries, vec![out.timestamp_ms() + TYPING_TTL_MS]);
    let events = block_on(b.poll()).unwrap().events;
    assert!(matches!(
        direct(&events)[..],
        [Incoming::Typing { started: true, timestamp_ms, .. }] if *timestamp_ms == out.timestamp_ms()
    ));
}

#[test]
fn an_expiry_is_only_ever_shortened() {
    let sim = Sim::new(24, 6, 35);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let sent = block_on(a.send_text(&bob.session_id(), "read me once")).unwrap();
    let SyncStatus::Stored(hash) = sent.sync else {
        panic!()
    };
    let original = sim.expiries_of(&hash)[0];
    let sooner = sent.timestamp_ms + 60_000;
    block_on(a.shorten_own(std::slice::from_ref(&hash), sooner)).unwrap();
    assert_eq!(sim.expiries_of(&hash), vec![sooner]);
    // A later time leaves it as it is.
    block_on(a.shorten_own(std::slice::from_ref(&hash), original)).unwrap();
    assert_eq!(sim.expiries_of(&hash), vec![sooner]);
}

#[test]
fn accepting_a_request_carries_our_profile() {
    let sim = Sim::new(24, 6, 36);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let me = Profile {
        display_name: "Alice".into(),
        picture: None,
        updated_s: 9,
    };
    let r = block_on(a.send(&bob.session_id(), control::accept_request(Some(&me)))).unwrap();
    assert_eq!(r.sync, SyncStatus::NotNeeded);
    let events = block_on(b.poll()).unwrap().events;
    let [Incoming::RequestAccepted { from, profile, .. }] = direct(&events)[..] else {
        panic!("{events:?}")
    };
    assert_eq!(*from, alice.session_id());
    let p = profile.as_ref().unwrap();
    assert_eq!((p.display_name.as_str(), p.updated_s), ("Alice", 9));
}

#[test]
fn disappearing_messages_are_kept_as_long_as_their_mode_says_and_timer_changes_arrive() {
    use session_core::config::fields::Disappearing;
    use session_core::message::expiration::{stamp, timer_update};
    let sim = Sim::new(24, 6, 37);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let a2 = client(&sim, &alice, 2);
    let b = client(&sim, &bob, 3);
    block_on(a.connect()).unwrap();
    let mode = Disappearing::AfterRead(300);
    // The announcement first, synced to our other device.
    let r = block_on(a.send(&bob.session_id(), timer_update(mode))).unwrap();
    assert!(matches!(r.sync, SyncStatus::Stored(_)));
    sim.time.advance(10);
    let mut content = ContentBuilder::text("read me once").build();
    stamp(&mut content, mode);
    let mut out = a
        .prepare(&bob.session_id(), content)
        .unwrap()
        .disappearing(mode);
    let report = block_on(a.deliver(&mut out)).unwrap();
    let SyncStatus::Stored(sync) = report.sync else {
        panic!()
    };
    let t = out.timestamp_ms();
    // The recipient has 14 days to read it; our own copy (read already) lasts the timer.
    assert_eq!(sim.expiries_of(&report.hash), vec![t + 14 * 86_400_000]);
    assert_eq!(sim.expiries_of(&sync), vec![t + 300_000]);

    let at_bob = block_on(b.poll()).unwrap();
    let events = direct(&at_bob.events);
    let Incoming::TimerChanged(change) = events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(change.mode, mode);
    assert_eq!(
        change.conversation(),
        ConversationId::Direct(alice.session_id())
    );
    let Incoming::Message(m) = events[1] else {
        panic!("{events:?}")
    };
    assert_eq!(m.disappearing(), mode);
    let at_a2 = block_on(a2.poll()).unwrap();
    let Incoming::TimerChanged(mine) = direct(&at_a2.events)[0] else {
        panic!("{at_a2:?}")
    };
    assert_eq!(mine.direction, Direction::Outgoing);
    assert_eq!(
        mine.conversation(),
        ConversationId::Direct(bob.session_id())
    );
}
