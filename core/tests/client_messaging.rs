//! Client send and poll end to end over the simulated network (tests/client_sim): delivery,
//! sync copies, note to self, de-duplication, `last_hash`, paging, typed events, forged and
//! undecryptable items, and exactly-once delivery when replies are lost.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use client_sim::*;
use rand::SeedableRng;
use session_core::client::{
    ClientError, ClientState, Event, HttpReply, NodeId, RelayReason, SkipReason, Skipped,
    SyncStatus,
};
use session_core::conversation::ConversationId;
use session_core::message::compose::ContentBuilder;
use session_core::message::receive::{Direction, Incoming, Refusal};
use session_core::proto::session::{
    receipt_message, typing_message, Content, ReceiptMessage, TypingMessage, UnsendRequest,
};

fn text(s: &str) -> Content {
    ContentBuilder::text(s).build()
}

fn messages(events: &[Event]) -> Vec<(String, Direction, Option<String>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Direct(Incoming::Message(m)) => {
                Some((m.to.to_hex(), m.direction, m.text.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn text_message_arrives_once() {
    let sim = Sim::new(24, 6, 1);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 10);
    let b = client(&sim, &bob, 20);
    let report = block_on(a.send_text(&bob.session_id(), "hello bob")).unwrap();
    assert_eq!(report.hash.len(), 43);
    assert!(matches!(report.sync, SyncStatus::Stored(_)));
    assert_eq!(
        sim.stored_hashes(&bob.session_id()),
        vec![report.hash.clone()]
    );
    let polled = block_on(b.poll()).unwrap();
    assert_eq!(polled.events.len(), 1, "{polled:?}");
    assert_eq!(polled.nodes_polled, 2);
    let Event::Direct(Incoming::Message(m)) = &polled.events[0] else {
        panic!("{polled:?}")
    };
    assert_eq!(m.text.as_deref(), Some("hello bob"));
    assert_eq!(m.from, alice.session_id());
    assert_eq!(m.to, bob.session_id());
    assert_eq!(m.conversation(), ConversationId::Direct(alice.session_id()));
    assert_eq!(m.direction, Direction::Incoming);
    assert_eq!(m.timestamp_ms, report.timestamp_ms);
    assert_eq!(m.hash, report.hash);
    assert!(m.expires_ms > m.timestamp_ms);
    let again = block_on(b.poll()).unwrap();
    assert!(again.events.is_empty(), "{again:?}");
}

#[test]
fn stores_use_namespace_0_a_14_day_ttl_and_network_time() {
    let sim = Sim::new(24, 6, 2);
    let (alice, bob) = (identity(1), identity(2));
    // Alice's clock is 30 s fast: within the nodes' window, but stores must carry network time.
    let a = client_with(&sim, &alice, 1, ClientState::new(), config(), 30_000);
    let report = block_on(a.send_text(&bob.session_id(), "x")).unwrap();
    let stores: Vec<_> = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "store")
        .collect();
    assert_eq!(stores.len(), 2, "recipient copy and sync copy");
    let accounts: Vec<&str> = stores
        .iter()
        .map(|l| l.params["pubkey"].as_str().unwrap())
        .collect();
    assert!(accounts.contains(&bob.session_id().to_hex().as_str()));
    assert!(accounts.contains(&alice.session_id().to_hex().as_str()));
    for s in &stores {
        assert_eq!(s.params["namespace"], 0);
        assert_eq!(s.params["ttl"].as_u64(), Some(a.config().message_ttl_ms));
        let ts = s.params["timestamp"].as_u64().unwrap();
        assert!(
            ts.abs_diff(sim.time.now()) < 1_000,
            "store timestamp {ts} is network time"
        );
    }
    assert!(report.timestamp_ms.abs_diff(sim.time.now()) < 31_000);
}

#[test]
fn sync_copy_reaches_our_other_device_as_outgoing() {
    let sim = Sim::new(24, 6, 3);
    let (alice, bob) = (identity(1), identity(2));
    let laptop = client(&sim, &alice, 1);
    let phone = client(&sim, &alice, 2);
    let report = block_on(laptop.send_text(&bob.session_id(), "from laptop")).unwrap();
    let SyncStatus::Stored(sync_hash) = report.sync.clone() else {
        panic!("{report:?}")
    };
    let on_phone = block_on(phone.poll()).unwrap();
    assert_eq!(
        messages(&on_phone.events),
        vec![(
            bob.session_id().to_hex(),
            Direction::Outgoing,
            Some("from laptop".into())
        )]
    );
    let Event::Direct(Incoming::Message(m)) = &on_phone.events[0] else {
        panic!()
    };
    assert_eq!(m.hash, sync_hash);
    assert_eq!(m.from, alice.session_id());
    assert_eq!(m.conversation(), ConversationId::Direct(bob.session_id()));
    assert_eq!(m.timestamp_ms, report.timestamp_ms, "sync copies keep T");
    let dm = m.content.data_message.as_ref().unwrap();
    assert_eq!(
        dm.sync_target.as_deref(),
        Some(bob.session_id().to_hex().as_str())
    );
    assert!(dm.profile.is_none());
    // The sending device already knows its own message.
    let on_laptop = block_on(laptop.poll()).unwrap();
    assert!(on_laptop.events.is_empty(), "{on_laptop:?}");
}

#[test]
fn note_to_self_is_stored_once_and_seen_by_other_devices() {
    let sim = Sim::new(24, 6, 4);
    let alice = identity(1);
    let laptop = client(&sim, &alice, 1);
    let phone = client(&sim, &alice, 2);
    let report = block_on(laptop.send_text(&alice.session_id(), "note")).unwrap();
    assert_eq!(report.sync, SyncStatus::NotNeeded);
    assert_eq!(sim.count("store", &alice.session_id()), 1);
    let polled = block_on(phone.poll()).unwrap();
    assert_eq!(
        messages(&polled.events),
        vec![(
            alice.session_id().to_hex(),
            Direction::NoteToSelf,
            Some("note".into())
        )]
    );
    assert!(block_on(laptop.poll()).unwrap().events.is_empty());
}

#[test]
fn messages_get_distinct_timestamps() {
    let sim = Sim::new(24, 6, 15);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    // No time passes between them, yet each message needs its own T.
    let t: Vec<u64> = (0..3)
        .map(|_| {
            a.prepare(&bob.session_id(), text("same ms"))
                .unwrap()
                .timestamp_ms()
        })
        .collect();
    assert!(t[0] < t[1] && t[1] < t[2], "{t:?}");
    // Also across a restart.
    let a2 = client_with(&sim, &alice, 2, a.state(), config(), 0);
    assert!(
        a2.prepare(&bob.session_id(), text("x"))
            .unwrap()
            .timestamp_ms()
            > t[2]
    );
}

#[test]
fn same_sender_and_timestamp_under_two_hashes_is_delivered_once() {
    let sim = Sim::new(24, 6, 5);
    let (alice, bob) = (identity(1), identity(2));
    let b = client(&sim, &bob, 2);
    // Two encryptions of one message (same T): different bytes, hence different hashes.
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let t = sim.time.now();
    let copies: Vec<Vec<u8>> = (0..2)
        .map(|_| {
            session_core::message::encode_for_recipient(
                &alice,
                &bob.session_id(),
                &text("twice"),
                t,
                &mut rng,
            )
            .unwrap()
        })
        .collect();
    let hashes: Vec<String> = copies
        .iter()
        .map(|c| sim.inject(&bob.session_id(), c))
        .collect();
    assert_ne!(hashes[0], hashes[1]);
    let polled = block_on(b.poll()).unwrap();
    assert_eq!(messages(&polled.events).len(), 1, "{polled:?}");
    assert_eq!(polled.skipped.len(), 1);
    assert_eq!(
        polled.skipped[0].reason,
        SkipReason::Direct(Refusal::Duplicate)
    );
}

#[test]
fn each_node_is_polled_from_its_own_last_hash() {
    let sim = Sim::new(24, 6, 6);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let first = block_on(a.send_text(&bob.session_id(), "one")).unwrap();
    block_on(b.poll()).unwrap();
    let state = b.state();
    let polled_nodes: Vec<_> = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "retrieve")
        .map(|l| l.dest)
        .collect();
    assert_eq!(polled_nodes.len(), 2);
    assert_ne!(polled_nodes[0], polled_nodes[1], "two distinct members");
    for n in &polled_nodes {
        assert_eq!(
            state.last_hash(n, &bob.session_id().to_hex(), 0),
            Some(first.hash.as_str())
        );
    }
    sim.clear_log();
    block_on(a.send_text(&bob.session_id(), "two")).unwrap();
    let polled = block_on(b.poll()).unwrap();
    assert_eq!(messages(&polled.events).len(), 1);
    for l in sim.log().into_iter().filter(|l| l.method == "retrieve") {
        let expected = b
            .state()
            .last_hash(&l.dest, &bob.session_id().to_hex(), 0)
            .map(|_| ());
        // A node polled before is asked from its last hash; a new one from the start.
        let sent = l.params["last_hash"].as_str().filter(|h| !h.is_empty());
        if polled_nodes.contains(&l.dest) {
            assert_eq!(sent, Some(first.hash.as_str()));
        } else {
            assert_eq!(sent, None);
        }
        assert!(expected.is_some());
        assert_eq!(l.params["namespace"], 0);
        assert!(l.params["signature"].is_string());
    }
}

#[test]
fn large_backlogs_are_paged() {
    let sim = Sim::new(24, 6, 7);
    sim.net.borrow_mut().page_size = 3;
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    for i in 0..8 {
        block_on(a.send_text(&bob.session_id(), &format!("m{i}"))).unwrap();
        sim.time.advance(5);
    }
    let polled = block_on(b.poll()).unwrap();
    let texts: Vec<String> = messages(&polled.events)
        .into_iter()
        .filter_map(|(_, _, t)| t)
        .collect();
    let expected: Vec<String> = (0..8).map(|i| format!("m{i}")).collect();
    assert_eq!(texts, expected, "all pages, oldest first");
}

#[test]
fn unsend_receipts_and_typing_become_typed_events() {
    let sim = Sim::new(24, 6, 8);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let sent = block_on(a.send_text(&bob.session_id(), "oops")).unwrap();
    let to_bob = bob.session_id();
    let receipt = Content {
        receipt_message: Some(ReceiptMessage {
            r#type: receipt_message::Type::Read as i32,
            timestamp: vec![sent.timestamp_ms],
        }),
        ..Content::default()
    };
    let typing = Content {
        typing_message: Some(TypingMessage {
            timestamp: sent.timestamp_ms,
            action: typing_message::Action::Started as i32,
        }),
        ..Content::default()
    };
    let unsend = Content {
        unsend_request: Some(UnsendRequest {
            timestamp: sent.timestamp_ms,
            author: alice.session_id().to_hex(),
        }),
        ..Content::default()
    };
    for c in [receipt, typing] {
        sim.time.advance(10);
        let r = block_on(a.send(&to_bob, c)).unwrap();
        assert_eq!(
            r.sync,
            SyncStatus::NotNeeded,
            "receipts and typing are not synced"
        );
    }
    sim.time.advance(10);
    let r = block_on(a.send(&to_bob, unsend)).unwrap();
    assert!(
        matches!(r.sync, SyncStatus::Stored(_)),
        "an unsend reaches our other devices too"
    );
    let events = block_on(b.poll()).unwrap().events;
    assert_eq!(events.len(), 4, "{events:?}");
    assert!(matches!(events[0], Event::Direct(Incoming::Message(_))));
    assert!(matches!(
        &events[1],
        Event::Direct(Incoming::Receipt { read: true, timestamps_ms, from, .. })
            if timestamps_ms == &vec![sent.timestamp_ms] && *from == alice.session_id()
    ));
    assert!(matches!(
        &events[2],
        Event::Direct(Incoming::Typing { started: true, .. })
    ));
    assert!(matches!(
        &events[3],
        Event::Direct(Incoming::Unsend { timestamp_ms, from, .. })
            if *timestamp_ms == sent.timestamp_ms && *from == alice.session_id()
    ));
}

#[test]
fn forged_sync_copies_and_unsends_are_skipped() {
    let sim = Sim::new(24, 6, 9);
    let (alice, bob, mallory) = (identity(1), identity(2), identity(3));
    let m = client(&sim, &mallory, 1);
    let b = client(&sim, &bob, 2);
    let mut forged = text("I am your other device");
    forged.data_message.as_mut().unwrap().sync_target = Some(alice.session_id().to_hex());
    block_on(m.send(&bob.session_id(), forged)).unwrap();
    sim.time.advance(10);
    let unsend = Content {
        unsend_request: Some(UnsendRequest {
            timestamp: 1,
            author: alice.session_id().to_hex(),
        }),
        ..Content::default()
    };
    block_on(m.send(&bob.session_id(), unsend)).unwrap();
    let polled = block_on(b.poll()).unwrap();
    assert!(polled.events.is_empty(), "{polled:?}");
    let reasons: Vec<_> = polled.skipped.iter().map(|s| s.reason.clone()).collect();
    assert_eq!(
        reasons,
        vec![
            SkipReason::Direct(Refusal::ForgedSync),
            SkipReason::Direct(Refusal::ForgedUnsend)
        ]
    );
}

#[test]
fn undecryptable_items_are_skipped_without_failing_the_poll() {
    let sim = Sim::new(24, 6, 10);
    let (alice, bob) = (identity(1), identity(2));
    let b = client(&sim, &bob, 2);
    let junk = sim.inject(&bob.session_id(), b"not a session message");
    let a = client(&sim, &alice, 1);
    block_on(a.send_text(&bob.session_id(), "real")).unwrap();
    let polled = block_on(b.poll()).unwrap();
    assert_eq!(messages(&polled.events).len(), 1);
    assert_eq!(polled.skipped.len(), 1);
    assert_eq!(polled.skipped[0].hash, junk);
    assert!(matches!(
        polled.skipped[0].reason,
        SkipReason::Direct(Refusal::Undecryptable(_))
    ));
    // Skipped items are remembered too.
    let again = block_on(b.poll()).unwrap();
    assert!(
        again.events.is_empty() && again.skipped.is_empty(),
        "{again:?}"
    );
}

#[test]
fn lost_store_reply_then_redelivery_stores_nothing_new() {
    let sim = Sim::new(24, 6, 11);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let mut out = a.prepare(&bob.session_id(), text("exactly once")).unwrap();
    // The store runs, then the guard "dies" before the answer comes back; the client retries.
    sim.push_fault(Fault::AfterExec {
        method: "store",
        reply: HttpReply {
            status: 502,
            body: b"connection reset".to_vec(),
            relay_error: Some(RelayReason::NodeUnreachable),
        },
    });
    let report = block_on(a.deliver(&mut out)).unwrap();
    assert_eq!(sim.faults_left(), 0);
    assert_eq!(report.hash, out.hash());
    assert!(out.is_complete());
    // The host (say after a crash) delivers the same Outgoing once more: nothing is re-stored.
    let again = block_on(a.deliver(&mut out)).unwrap();
    assert_eq!(again.hash, report.hash);
    assert_eq!(
        sim.stored_hashes(&bob.session_id()),
        vec![report.hash.clone()]
    );
    let events = block_on(b.poll()).unwrap().events;
    assert_eq!(messages(&events).len(), 1);
}

#[test]
fn outgoing_survives_serialisation() {
    let sim = Sim::new(24, 6, 12);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let out = a.prepare(&bob.session_id(), text("persist me")).unwrap();
    let json = serde_json::to_string(&out).unwrap();
    let mut back: session_core::client::Outgoing = serde_json::from_str(&json).unwrap();
    assert_eq!(back, out);
    let r = block_on(a.deliver(&mut back)).unwrap();
    assert_eq!(r.hash, out.hash());
    assert_eq!(Some(r.timestamp_ms), Some(out.timestamp_ms()));
}

#[test]
fn failed_sync_copy_is_reported_and_retried_alone() {
    let sim = Sim::new(24, 6, 13);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let mut out = a.prepare(&bob.session_id(), text("sync later")).unwrap();
    block_on(a.connect()).unwrap();
    // Every attempt at our own swarm fails with a server error.
    sim.fail_stores(&alice.session_id(), a.config().attempts);
    let report = block_on(a.deliver(&mut out)).unwrap();
    assert!(matches!(report.sync, SyncStatus::Failed(_)), "{report:?}");
    assert!(out.is_sent() && !out.is_complete());
    assert_eq!(sim.count("store", &bob.session_id()), 1);
    sim.net.borrow_mut().faults.clear();
    let retry = block_on(a.deliver(&mut out)).unwrap();
    assert!(matches!(retry.sync, SyncStatus::Stored(_)));
    assert_eq!(
        sim.count("store", &bob.session_id()),
        1,
        "recipient not stored again"
    );
    assert_eq!(sim.count("store", &alice.session_id()), 1);
}

#[test]
fn invalid_recipients_are_refused() {
    let sim = Sim::new(24, 6, 14);
    let a = client(&sim, &identity(1), 1);
    let group: session_core::identity::SessionId =
        format!("03{}", "ab".repeat(32)).parse().unwrap();
    let e = a.prepare(&group, text("x")).unwrap_err();
    assert!(matches!(e, ClientError::InvalidRecipient(_)), "{e}");
    assert_eq!(sim.net.borrow().onion_calls, 0);
}

#[test]
fn items_retrieved_elsewhere_take_the_poll_path() {
    use session_core::client::NodeId;
    use session_core::message::encode_for_recipient;
    use session_core::rpc::response::RetrievedMessage;
    let sim = Sim::new(24, 6, 11);
    let (alice, bob) = (identity(1), identity(2));
    let b = client(&sim, &bob, 2);
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    // Realistic times: items expired by the client's clock would be forgotten at once.
    let now = b.network_now_ms();
    let data =
        encode_for_recipient(&alice, &bob.session_id(), &text("pushed"), now, &mut rng).unwrap();
    let item = |hash: &str, data: Vec<u8>| RetrievedMessage {
        hash: hash.into(),
        timestamp: now,
        expiration: now + session_core::client::MESSAGE_TTL_MS,
        data,
    };
    let node = NodeId([9; 32]);
    let report = b.receive_retrieved(
        node,
        vec![
            item("h1", data.clone()),
            item("junk", b"not a message".to_vec()),
        ],
    );
    assert_eq!(
        messages(&report.events),
        vec![(
            bob.session_id().to_hex(),
            Direction::Incoming,
            Some("pushed".into())
        )]
    );
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].hash, "junk");
    // The same item again, or the same message under another hash, is not delivered twice.
    let again = b.receive_retrieved(node, vec![item("h1", data.clone()), item("h2", data)]);
    assert!(again.events.is_empty(), "{again:?}");
    assert!(matches!(
        again.skipped[..],
        [Skipped {
            reason: SkipReason::Direct(Refusal::Duplicate),
            ..
        }]
    ));
    let state = b.state();
    assert_eq!(
        state.last_hash(&node, &bob.session_id().to_hex(), 0),
        Some("h2")
    );
}

/// A store answered by lying members until an honest one is reached: every lie is refused,
/// the liars are struck, and the message counts as sent only once a member of the recipient's
/// swarm proved it stored it.
fn lying_members_are_passed_over(
    seed: u64,
    lie: impl Fn(&Sim, &[NodeId], NodeId, &str) -> (u16, String),
) {
    let sim = Sim::new(24, 6, seed);
    let alice = identity(1);
    // A recipient on another swarm than Alice's: her sync copy then goes elsewhere, and the
    // strikes seen below are the recipient's members' alone.
    let bob = (2..50)
        .map(identity)
        .find(|b| sim.swarm_id(&b.session_id()) != sim.swarm_id(&alice.session_id()))
        .unwrap();
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let mut out = a.prepare(&bob.session_id(), text("proven")).unwrap();
    let members = sim.members(&bob.session_id());
    let (liars, honest) = members.split_at(members.len() - 1);
    for liar in liars {
        let (status, body) = lie(&sim, &members, *liar, out.hash());
        sim.push_fault(Fault::Status {
            method: "store",
            node: Some(*liar),
            status,
            body,
        });
    }
    let report = block_on(a.deliver(&mut out)).unwrap();
    assert_eq!(report.hash, out.hash());
    let stores: Vec<_> = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "store" && l.params["pubkey"] == bob.session_id().to_hex())
        .collect();
    let lied_to: Vec<NodeId> = stores
        .iter()
        .map(|l| l.dest)
        .filter(|d| liars.contains(d))
        .collect();
    assert!(
        stores.iter().any(|l| l.dest == honest[0]),
        "the honest member stored it"
    );
    let state = a.state();
    for liar in &lied_to {
        // A strike is forgiven when the node relays for a path that works.
        let relays = state.paths().iter().any(|p| p.contains(liar));
        assert!(
            state.node_strikes(liar) >= 1 || relays,
            "{liar:?} lied and was not struck"
        );
    }
    assert_eq!(
        texts_of(&block_on(b.poll()).unwrap().events),
        vec!["proven".to_owned()]
    );
    // The recipient's swarm is still the real one.
    assert!(state
        .swarm(&bob.session_id().to_hex())
        .iter()
        .all(|m| members.contains(m)));
}

fn texts_of(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| e.message().and_then(|m| m.text.clone()))
        .collect()
}

#[test]
fn an_empty_store_answer_is_no_proof() {
    lying_members_are_passed_over(61, |_, _, _, _| (200, "{}".into()));
}

#[test]
fn a_store_answer_for_another_hash_is_no_proof() {
    lying_members_are_passed_over(62, |sim, _, liar, _| {
        let other = "A".repeat(43);
        let sig = STANDARD.encode(sim.sign_as(&liar, other.as_bytes()));
        let body = serde_json::json!({
            "swarm": { liar.to_hex(): {"hash": other, "signature": sig, "expiry": 1} },
            "hash": other,
        });
        (200, body.to_string())
    });
}

#[test]
fn a_store_answer_with_a_bad_signature_is_no_proof() {
    lying_members_are_passed_over(63, |_, _, liar, hash| {
        let body = serde_json::json!({
            "swarm": { liar.to_hex(): {"hash": hash, "signature": STANDARD.encode([7u8; 64])} },
            "hash": hash,
        });
        (200, body.to_string())
    });
}

#[test]
fn a_signature_from_outside_the_swarm_is_no_proof() {
    lying_members_are_passed_over(64, |sim, members, _, hash| {
        // A real signature, by a node that is not in the recipient's swarm.
        let outsider = *sim
            .node_ids()
            .iter()
            .find(|n| !members.contains(n))
            .unwrap();
        let sig = STANDARD.encode(sim.sign_as(&outsider, hash.as_bytes()));
        let body = serde_json::json!({
            "swarm": { outsider.to_hex(): {"hash": hash, "signature": sig} },
            "hash": hash,
        });
        (200, body.to_string())
    });
}

#[test]
fn a_made_up_swarm_is_not_followed() {
    lying_members_are_passed_over(65, |sim, members, _, _| {
        let elsewhere: Vec<NodeId> = sim
            .node_ids()
            .into_iter()
            .filter(|n| !members.contains(n))
            .take(5)
            .collect();
        (421, sim.swarm_body(&elsewhere))
    });
}
