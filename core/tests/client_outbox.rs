//! The engine's outbox over the simulated network: oldest first, outcomes recorded with the
//! host as they come, expiry after the message's TTL, no endless trying while the network is
//! down, and the sync copy retried alone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use session_core::client::{
    ClientError, Delivery, MemoryOutbox, OutboxEntry, OutboxStore, SyncStatus, MESSAGE_TTL_MS,
};
use session_core::message::compose::ContentBuilder;
use std::cell::RefCell;
use std::convert::Infallible;

fn texts(who: &SimClient) -> Vec<String> {
    block_on(who.poll())
        .unwrap()
        .events
        .iter()
        .filter_map(|e| e.message().and_then(|m| m.text.clone()))
        .collect()
}

/// A host store that logs every record call, to check what the engine tells the host.
struct Recording {
    inner: MemoryOutbox,
    log: RefCell<Vec<(String, String)>>,
}

impl OutboxStore for Recording {
    type Error = Infallible;

    async fn pending(&self) -> Result<Vec<OutboxEntry>, Infallible> {
        self.inner.pending().await
    }

    async fn record(&self, entry: &OutboxEntry, d: &Delivery) -> Result<(), Infallible> {
        let what = match d {
            Delivery::Sent(_) => "sent",
            Delivery::Failed(_) => "failed",
            Delivery::Expired => "expired",
            _ => "other",
        };
        self.log
            .borrow_mut()
            .push((entry.hash().to_owned(), what.to_owned()));
        self.inner.record(entry, d).await
    }
}

#[test]
fn the_outbox_goes_out_oldest_first_and_empties() {
    let sim = Sim::new(24, 6, 31);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let mut entries = Vec::new();
    for t in ["first", "second", "third"] {
        let out = a
            .prepare(&bob.session_id(), ContentBuilder::text(t).build())
            .unwrap();
        entries.push(OutboxEntry::new(out, sim.time.now()));
        sim.time.advance(5);
    }
    let order: Vec<String> = entries.iter().map(|e| e.hash().to_owned()).collect();
    entries.reverse();
    let store = Recording {
        inner: MemoryOutbox::new(entries),
        log: RefCell::new(Vec::new()),
    };
    let report = block_on(a.flush_outbox(&store)).unwrap();
    let handled: Vec<String> = report.outcomes.iter().map(|(h, _)| h.clone()).collect();
    assert_eq!(handled, order);
    assert!(report
        .outcomes
        .iter()
        .all(|(_, d)| matches!(d, Delivery::Sent(r) if matches!(r.sync, SyncStatus::Stored(_)))));
    assert_eq!(store.log.borrow().len(), 3, "each outcome recorded once");
    assert!(store.inner.entries().is_empty(), "complete entries leave");
    assert_eq!(texts(&b), vec!["first", "second", "third"]);
    // A second flush has nothing to do.
    assert!(block_on(a.flush_outbox(&store))
        .unwrap()
        .outcomes
        .is_empty());
}

#[test]
fn a_message_past_its_ttl_expires_instead_of_being_sent() {
    let sim = Sim::new(24, 6, 32);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let out = a
        .prepare(&bob.session_id(), ContentBuilder::text("too late").build())
        .unwrap();
    assert_eq!(out.ttl_ms(), MESSAGE_TTL_MS);
    let outbox = MemoryOutbox::new(vec![OutboxEntry::new(out, sim.time.now())]);
    sim.time.advance(MESSAGE_TTL_MS + 1);
    let report = block_on(a.flush_outbox(&outbox)).unwrap();
    assert_eq!(report.outcomes.len(), 1);
    assert_eq!(report.outcomes[0].1, Delivery::Expired);
    assert!(
        outbox.entries().is_empty(),
        "an expired message leaves the outbox"
    );
    assert_eq!(
        sim.count("store", &bob.session_id()),
        0,
        "nothing was stored"
    );
    assert!(texts(&b).is_empty());
}

#[test]
fn a_network_outage_is_tried_once_not_per_message() {
    let sim = Sim::new(24, 6, 33);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let outbox = MemoryOutbox::default();
    for t in ["one", "two", "three"] {
        let out = a
            .prepare(&bob.session_id(), ContentBuilder::text(t).build())
            .unwrap();
        outbox.push(OutboxEntry::new(out, sim.time.now()));
    }
    sim.net.borrow_mut().relay_down = true;
    let calls = sim.net.borrow().onion_calls;
    let report = block_on(a.flush_outbox(&outbox)).unwrap();
    let made = sim.net.borrow().onion_calls - calls;
    assert!(
        made <= a.config().attempts as usize,
        "{made} onion requests for one message's attempts"
    );
    let errors: Vec<&ClientError> = report
        .outcomes
        .iter()
        .map(|(_, d)| match d {
            Delivery::Failed(e) => e,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(errors.len(), 3);
    assert!(errors.iter().all(|e| e.is_link_down()), "{errors:?}");
    assert!(errors.windows(2).all(|w| w[0] == w[1]));
    let kept = outbox.entries();
    assert_eq!(kept.len(), 3, "nothing is lost");
    let mut attempts: Vec<u32> = kept.iter().map(|e| e.attempts).collect();
    attempts.sort_unstable();
    assert_eq!(attempts, vec![0, 0, 1], "only the oldest was tried");

    sim.net.borrow_mut().relay_down = false;
    let report = block_on(a.flush_outbox(&outbox)).unwrap();
    assert!(report
        .outcomes
        .iter()
        .all(|(_, d)| matches!(d, Delivery::Sent(_))));
    assert!(outbox.entries().is_empty());
    assert_eq!(texts(&b), vec!["one", "two", "three"]);
}

#[test]
fn a_missing_sync_copy_keeps_its_entry_until_stored() {
    let sim = Sim::new(24, 6, 34);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.connect()).unwrap();
    let out = a
        .prepare(
            &bob.session_id(),
            ContentBuilder::text("sync later").build(),
        )
        .unwrap();
    let outbox = MemoryOutbox::new(vec![OutboxEntry::new(out, sim.time.now())]);
    // Every attempt at our own swarm fails with a server error.
    sim.fail_stores(&alice.session_id(), a.config().attempts);
    let report = block_on(a.flush_outbox(&outbox)).unwrap();
    assert!(matches!(
        &report.outcomes[0].1,
        Delivery::Sent(r) if matches!(r.sync, SyncStatus::Failed(_))
    ));
    let kept = outbox.entries();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].outgoing.is_sent() && !kept[0].is_complete());
    sim.net.borrow_mut().faults.clear();
    block_on(a.flush_outbox(&outbox)).unwrap();
    assert!(outbox.entries().is_empty());
    assert_eq!(
        sim.count("store", &bob.session_id()),
        1,
        "recipient stored once"
    );
    assert_eq!(sim.count("store", &alice.session_id()), 1);
}
