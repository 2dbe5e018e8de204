//! Client network behaviour over the simulated network (tests/client_sim): bootstrap, paths,
//! strikes and repair, swarm moves, clock resync, node failures, bounded retries, persistence,
//! and exactly-once delivery under injected faults. Time is simulated; nothing sleeps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use session_core::client::{
    ClientError, ClientState, Config, Event, HttpReply, NodeId, RelayReason, TransportError,
};
use session_core::identity::Identity;
use session_core::message::receive::Incoming;
use std::collections::HashSet;

fn subnet(sim: &Sim, id: &NodeId) -> String {
    let ip = sim.record(id).ip;
    ip.rsplit_once('.').unwrap().0.to_owned()
}

fn assert_paths_valid(sim: &Sim, state: &ClientState, hops: usize) {
    let paths = state.paths();
    let mut seen = HashSet::new();
    for p in &paths {
        assert_eq!(p.len(), hops, "{paths:?}");
        let nets: HashSet<String> = p.iter().map(|h| subnet(sim, h)).collect();
        assert_eq!(nets.len(), p.len(), "two hops share a /24: {paths:?}");
        for h in p {
            assert!(seen.insert(*h), "a node is on two paths: {paths:?}");
            assert!(state.nodes().iter().any(|n| n.ed25519 == *h));
        }
    }
}

fn texts(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Direct(Incoming::Message(m)) => m.text.clone(),
            _ => None,
        })
        .collect()
}

#[test]
fn bootstrap_fetches_the_pool_and_builds_two_diverse_paths() {
    for seed in 0..20 {
        let sim = Sim::new(24, 6, seed);
        let c = client(&sim, &identity(1), seed);
        block_on(c.connect()).unwrap();
        let state = c.state();
        assert_eq!(sim.net.borrow().seed_calls, 1);
        assert_eq!(state.nodes().len(), 24);
        assert_eq!(state.paths().len(), 2);
        assert_paths_valid(&sim, &state, 3);
        // Guards were tested with an `info` through them alone.
        let tests: Vec<_> = sim
            .log()
            .into_iter()
            .filter(|l| l.method == "info")
            .collect();
        assert!(tests.len() >= 2);
        assert!(tests
            .iter()
            .all(|l| l.path.len() == 1 && l.path[0] != l.dest));
        let guards: Vec<NodeId> = state.paths().iter().map(|p| p[0]).collect();
        assert!(guards.iter().all(|g| tests.iter().any(|l| l.guard == *g)));
    }
}

#[test]
fn requests_never_route_through_their_destination() {
    let sim = Sim::new(24, 6, 3);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    for i in 0..10 {
        block_on(a.send_text(&bob.session_id(), &format!("{i}"))).unwrap();
        block_on(b.poll()).unwrap();
    }
    for l in sim.log().iter().filter(|l| l.method != "info") {
        assert_eq!(l.path.len(), 3, "{l:?}");
        assert!(!l.path.contains(&l.dest), "{l:?}");
    }
}

#[test]
fn local_network_config_allows_one_address_for_all_nodes() {
    let sim = Sim::new(12, 6, 4);
    for n in sim.net.borrow_mut().nodes.iter_mut() {
        n.record.ip = "127.0.0.1".into();
    }
    let mut strict = Config::default();
    strict.refresh_agreement = 8;
    let c = client_with(&sim, &identity(1), 1, ClientState::new(), strict, 0);
    let e = block_on(c.connect()).unwrap_err();
    assert!(matches!(e, ClientError::NotEnoughNodes { .. }), "{e}");
    let c = client_with(
        &sim,
        &identity(1),
        1,
        ClientState::new(),
        Config::local_network(),
        0,
    );
    block_on(c.connect()).unwrap();
    assert_eq!(c.state().paths().len(), 2);
}

#[test]
fn clock_error_resyncs_and_re_signs() {
    let sim = Sim::new(24, 6, 5);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    sim.clear_log();
    sim.push_fault(Fault::Status {
        method: "store",
        node: None,
        status: 406,
        body: "Timestamp error: check your clock".into(),
    });
    let sent = block_on(a.send_text(&bob.session_id(), "after 406")).unwrap();
    let log = sim.log();
    let stores: Vec<_> = log
        .iter()
        .filter(|l| l.method == "store" && l.params["pubkey"] == bob.session_id().to_hex())
        .collect();
    assert_eq!(stores.len(), 2);
    assert_eq!((stores[0].code, stores[1].code), (406, 200));
    assert_ne!(stores[0].dest, stores[1].dest, "retried on another member");
    let first = log.iter().position(|l| l.code == 406).unwrap();
    let resync = log[first..].iter().filter(|l| l.method == "info").count();
    assert_eq!(resync, 3, "time asked from three nodes");
    let events = block_on(b.poll()).unwrap().events;
    assert_eq!(texts(&events), vec!["after 406"]);
    assert_eq!(sent.hash, events[0].message().unwrap().hash);
}

#[test]
fn a_device_clock_two_minutes_off_is_corrected() {
    for skew in [120_000i64, -120_000] {
        let sim = Sim::new(24, 6, 6);
        let (alice, bob) = (identity(1), identity(2));
        let a = client_with(&sim, &alice, 1, ClientState::new(), config(), skew);
        let b = client_with(&sim, &bob, 2, ClientState::new(), config(), -skew);
        let sent = block_on(a.send_text(&bob.session_id(), "skewed")).unwrap();
        assert!(
            sent.timestamp_ms.abs_diff(sim.time.now()) < 5_000,
            "T is network time"
        );
        assert!(a.state().clock_offset_ms().abs_diff(skew) < 5_000);
        let events = block_on(b.poll()).unwrap().events;
        assert_eq!(texts(&events), vec!["skewed"]);
        assert!(b.state().clock_offset_ms().abs_diff(-skew) < 5_000);
    }
}

#[test]
fn a_node_whose_clock_is_off_does_not_skew_ours() {
    let sim = Sim::new(24, 6, 7);
    let (alice, bob) = (identity(1), identity(2));
    let b = client(&sim, &bob, 2);
    let members = sim.members(&bob.session_id());
    let bad = members[0];
    sim.set_clock_skew(&bad, -120_000);
    let a = client(&sim, &alice, 1);
    let mut got = Vec::new();
    for i in 0..12 {
        block_on(a.send_text(&bob.session_id(), &format!("m{i}"))).unwrap();
        sim.time.advance(1_000);
        got.extend(texts(&block_on(b.poll()).unwrap().events));
    }
    let want: Vec<String> = (0..12).map(|i| format!("m{i}")).collect();
    assert_eq!(got, want);
    assert!(
        b.state().clock_offset_ms().abs() < 2_000,
        "{}",
        b.state().clock_offset_ms()
    );
    // The bad node was asked and refused, and nothing it said moved our clock.
    assert!(sim.log().iter().any(|l| l.dest == bad && l.code == 406));
}

#[test]
fn swarm_moves_are_followed_through_421() {
    let sim = Sim::new(24, 6, 8);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.send_text(&bob.session_id(), "before")).unwrap();
    assert_eq!(texts(&block_on(b.poll()).unwrap().events), vec!["before"]);
    let old = sim.members(&bob.session_id());
    sim.move_swarm(&bob.session_id());
    let new = sim.members(&bob.session_id());
    assert!(old.iter().all(|n| !new.contains(n)));
    block_on(a.send_text(&bob.session_id(), "after")).unwrap();
    assert!(sim.log().iter().any(|l| l.code == 421));
    let mut cached = a.state().swarm(&bob.session_id().to_hex());
    cached.sort();
    let mut want = new.clone();
    want.sort();
    assert_eq!(cached, want, "sender adopted the swarm named by the 421");
    assert_eq!(texts(&block_on(b.poll()).unwrap().events), vec!["after"]);
    assert!(b
        .state()
        .swarm(&bob.session_id().to_hex())
        .iter()
        .all(|n| new.contains(n)));
}

#[test]
fn next_node_not_found_drops_the_node_and_repairs_the_path() {
    let sim = Sim::new(24, 6, 9);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.connect()).unwrap();
    let (guard, relay) = (a.state().paths()[0][0], a.state().paths()[0][1]);
    sim.push_fault(Fault::HttpVia(
        guard,
        HttpReply::new(502, format!("Next node not found: {relay}")),
    ));
    // Sends until the faulty path is chosen.
    for i in 0..20 {
        block_on(a.send_text(&bob.session_id(), &format!("x{i}"))).unwrap();
        if sim.faults_left() == 0 {
            break;
        }
    }
    assert_eq!(sim.faults_left(), 0);
    let state = a.state();
    assert!(!state.nodes().iter().any(|n| n.ed25519 == relay));
    assert_eq!(state.paths().len(), 2);
    assert!(state.paths().iter().all(|p| !p.contains(&relay)));
    assert_paths_valid(&sim, &state, 3);
}

#[test]
fn an_error_body_cannot_make_us_forget_a_node_it_is_not_about() {
    let sim = Sim::new(24, 6, 19);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.connect()).unwrap();
    let paths = a.state().paths();
    // A hop of the first path names the guard of the second, which is on no path of this
    // request: lying or mistaken, it cannot make us drop it.
    let (guard, other_guard) = (paths[0][0], paths[1][0]);
    // And a node that is nobody's destination here: on no path, in neither swarm.
    let busy: Vec<NodeId> = paths
        .iter()
        .flatten()
        .copied()
        .chain(sim.members(&bob.session_id()))
        .chain(sim.members(&alice.session_id()))
        .collect();
    let bystander = *sim.node_ids().iter().find(|n| !busy.contains(n)).unwrap();
    // Each such answer is still a failure of this path (a strike), so two stay under the
    // path's strike limit.
    for (named, prefix) in [
        (other_guard, "Next node not found: "),
        (bystander, "Next node is currently unreachable: "),
    ] {
        sim.push_fault(Fault::HttpVia(
            guard,
            HttpReply::new(502, format!("{prefix}{named}")),
        ));
    }
    for i in 0..40 {
        block_on(a.send_text(&bob.session_id(), &format!("x{i}"))).unwrap();
        if sim.faults_left() == 0 {
            break;
        }
    }
    assert_eq!(sim.faults_left(), 0);
    let state = a.state();
    for named in [other_guard, bystander] {
        assert!(
            state.nodes().iter().any(|n| n.ed25519 == named),
            "{named} was forgotten"
        );
    }
    assert!(state.paths().iter().any(|p| p[0] == other_guard));
}

#[test]
fn a_busy_guard_gets_a_strike_and_the_other_path_is_used() {
    let sim = Sim::new(24, 6, 10);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    // Warm up (swarms cached), then a note to self: a single store request.
    block_on(a.send_text(&bob.session_id(), "x")).unwrap();
    let before = sim.net.borrow().guards.len();
    sim.push_fault(Fault::Http(HttpReply::new(
        503,
        "Server busy, try again later",
    )));
    block_on(a.send_text(&alice.session_id(), "note")).unwrap();
    let guards = sim.net.borrow().guards[before..].to_vec();
    let busy = guards[0];
    assert_ne!(guards[1], busy, "the retry avoids the failed path");
    assert_eq!(a.state().path_strikes(&busy), Some(1));
}

#[test]
fn destination_errors_strike_the_node_and_retry_elsewhere() {
    let sim = Sim::new(24, 6, 11);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.connect()).unwrap();
    sim.clear_log();
    sim.push_fault(Fault::Status {
        method: "store",
        node: None,
        status: 503,
        body: "Snode not ready".into(),
    });
    block_on(a.send_text(&bob.session_id(), "x")).unwrap();
    let stores: Vec<_> = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "store")
        .collect();
    assert_eq!(stores[0].code, 503);
    assert_eq!(a.state().node_strikes(&stores[0].dest), 1);
    assert_ne!(stores[1].dest, stores[0].dest);
}

#[test]
fn a_dead_guard_is_replaced_by_a_tested_one() {
    let sim = Sim::new(24, 6, 12);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let dead = a.state().paths()[0][0];
    sim.set_down(&dead, true);
    let before = sim.net.borrow().guards.len();
    for i in 0..6 {
        block_on(a.send_text(&bob.session_id(), &format!("{i}"))).unwrap();
    }
    let state = a.state();
    assert!(!state.nodes().iter().any(|n| n.ed25519 == dead));
    assert_eq!(state.paths().len(), 2);
    assert!(state.paths().iter().all(|p| p[0] != dead));
    assert_paths_valid(&sim, &state, 3);
    let hits = sim.net.borrow().guards[before..]
        .iter()
        .filter(|g| **g == dead)
        .count();
    assert_eq!(hits, 1, "dropped at the first relay error");
    assert_eq!(texts(&block_on(b.poll()).unwrap().events).len(), 6);
}

#[test]
fn a_hanging_guard_is_dropped_after_three_timeouts() {
    let sim = Sim::new(24, 6, 13);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.connect()).unwrap();
    let slow = a.state().paths()[1][0];
    sim.net.borrow_mut().hanging.push(slow);
    let before = sim.net.borrow().guards.len();
    for i in 0..20 {
        block_on(a.send_text(&bob.session_id(), &format!("{i}"))).unwrap();
    }
    let state = a.state();
    assert!(state.paths().iter().all(|p| p[0] != slow));
    assert!(!state.nodes().iter().any(|n| n.ed25519 == slow));
    let hits = sim.net.borrow().guards[before..]
        .iter()
        .filter(|g| **g == slow)
        .count();
    assert!(hits <= 3, "{hits} requests went to the hanging guard");
    assert_eq!(texts(&block_on(b.poll()).unwrap().events).len(), 20);
}

#[test]
fn down_swarm_members_are_skipped_and_partial_stores_succeed() {
    let sim = Sim::new(24, 6, 14);
    let (alice, bob) = (identity(1), identity(2));
    let members = sim.members(&bob.session_id());
    for m in &members[..2] {
        sim.set_down(m, true);
    }
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    for i in 0..8 {
        block_on(a.send_text(&bob.session_id(), &format!("{i}"))).unwrap();
    }
    let got = texts(&block_on(b.poll()).unwrap().events);
    assert_eq!(got.len(), 8, "{got:?}");
}

#[test]
fn retries_are_bounded_with_exponential_backoff() {
    let sim = Sim::new(24, 6, 15);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let mut out = a.prepare(&bob.session_id(), Default::default()).unwrap();
    block_on(a.connect()).unwrap();
    let before = sim.time.sleeps().len();
    for _ in 0..50 {
        sim.push_fault(Fault::Http(HttpReply::new(504, "Request time out")));
    }
    let e = block_on(a.deliver(&mut out)).unwrap_err();
    let ClientError::Unavailable { attempts, .. } = e else {
        panic!("{e}")
    };
    assert_eq!(attempts, a.config().attempts);
    let sleeps = sim.time.sleeps()[before..].to_vec();
    let want: Vec<u64> = (1..attempts)
        .map(|i| a.config().backoff.delay_ms(i))
        .collect();
    assert_eq!(sleeps, want);
    assert!(want.windows(2).all(|w| w[1] >= w[0]));
    assert!(!out.is_sent());
}

#[test]
fn a_relay_outage_blames_no_node_and_delivery_resumes() {
    let sim = Sim::new(24, 6, 16);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.send_text(&bob.session_id(), "warm up")).unwrap();
    let before = a.state();
    sim.net.borrow_mut().relay_down = true;
    let mut out = a.prepare(&bob.session_id(), Default::default()).unwrap();
    let e = block_on(a.deliver(&mut out)).unwrap_err();
    assert!(
        matches!(
            e,
            ClientError::Unavailable { .. } | ClientError::Transport(_)
        ),
        "{e}"
    );
    let during = a.state();
    assert_eq!(during.nodes(), before.nodes(), "no node dropped");
    assert_eq!(during.paths(), before.paths(), "no path dropped");
    for p in during.paths() {
        assert_eq!(during.path_strikes(&p[0]), Some(0));
    }
    sim.net.borrow_mut().relay_down = false;
    block_on(a.deliver(&mut out)).unwrap();
    let events = block_on(b.poll()).unwrap().events;
    assert_eq!(events.len(), 2);
}

#[test]
fn a_brief_relay_restart_is_ridden_out() {
    for paths in [2, 1] {
        let sim = Sim::new(24, 6, 23);
        let (alice, bob) = (identity(1), identity(2));
        let mut cfg = config();
        cfg.path_count = paths;
        let a = client_with(&sim, &alice, 1, ClientState::new(), cfg, 0);
        let b = client(&sim, &bob, 2);
        block_on(a.send_text(&bob.session_id(), "before")).unwrap();
        // A guard is lost, and the relay is down while a replacement is being tested.
        sim.push_fault(Fault::Http(HttpReply {
            status: 502,
            body: Vec::new(),
            relay_error: Some(RelayReason::NodeUnreachable),
        }));
        for _ in 0..3 {
            sim.push_fault(Fault::Transport(TransportError::Unreachable));
        }
        block_on(a.send_text(&alice.session_id(), "during")).unwrap();
        assert_eq!(sim.faults_left(), 0);
        block_on(a.send_text(&bob.session_id(), "after")).unwrap();
        assert_eq!(a.state().paths().len(), paths);
        let got = texts(&block_on(b.poll()).unwrap().events);
        assert_eq!(got, vec!["before", "after"]);
    }
}

#[test]
fn relay_throttling_blames_no_node() {
    let sim = Sim::new(24, 6, 24);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.send_text(&bob.session_id(), "warm up")).unwrap();
    let before = a.state();
    let sleeps = sim.time.sleeps().len();
    for reason in ["rate", "concurrency", "busy"] {
        sim.push_fault(Fault::Http(HttpReply {
            status: if reason == "busy" { 503 } else { 429 },
            body: b"Too many requests".to_vec(),
            relay_error: Some(RelayReason::from_header(reason)),
        }));
    }
    block_on(a.send_text(&alice.session_id(), "note")).unwrap();
    assert_eq!(sim.faults_left(), 0);
    let after = a.state();
    assert_eq!(after.paths(), before.paths());
    assert_eq!(after.nodes(), before.nodes());
    for p in after.paths() {
        assert_eq!(after.path_strikes(&p[0]), Some(0));
    }
    assert_eq!(
        sim.time.sleeps().len() - sleeps,
        3,
        "backed off before each retry"
    );
}

#[test]
fn bootstrap_fails_cleanly_when_the_seed_is_unreachable() {
    let sim = Sim::new(24, 6, 17);
    sim.net.borrow_mut().relay_down = true;
    let a = client(&sim, &identity(1), 1);
    let e = block_on(a.connect()).unwrap_err();
    assert!(matches!(e, ClientError::Bootstrap(_)), "{e}");
    assert_eq!(sim.net.borrow().seed_calls as u32, a.config().seed_attempts);
    let want: Vec<u64> = (1..a.config().seed_attempts)
        .map(|i| a.config().seed_backoff.delay_ms(i))
        .collect();
    assert_eq!(sim.time.sleeps(), want);
}

#[test]
fn the_pool_is_refreshed_from_nodes_hourly() {
    let sim = Sim::new(30, 6, 18);
    let a = client(&sim, &identity(1), 1);
    block_on(a.connect()).unwrap();
    sim.clear_log();
    block_on(a.connect()).unwrap();
    assert!(sim.log().is_empty(), "nothing to do while fresh");
    sim.time.advance(a.config().refresh_interval_ms + 1);
    block_on(a.connect()).unwrap();
    let asked: Vec<_> = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "oxend_request")
        .map(|l| l.dest)
        .collect();
    assert_eq!(asked.len(), 3);
    assert_eq!(
        asked.iter().collect::<HashSet<_>>().len(),
        3,
        "three distinct nodes"
    );
    assert_eq!(
        sim.net.borrow().seed_calls,
        1,
        "agreement reached, seed not asked"
    );
    assert_eq!(a.state().nodes().len(), 30);
}

#[test]
fn a_refresh_without_agreement_falls_back_to_the_seed() {
    let sim = Sim::new(24, 6, 19);
    let mut cfg = config();
    cfg.refresh_agreement = 25;
    let a = client_with(&sim, &identity(1), 1, ClientState::new(), cfg, 0);
    block_on(a.connect()).unwrap();
    sim.time.advance(a.config().refresh_interval_ms + 1);
    block_on(a.connect()).unwrap();
    assert_eq!(sim.net.borrow().seed_calls, 2);
}

#[test]
fn state_survives_a_restart_without_refetching() {
    let sim = Sim::new(24, 6, 20);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    block_on(a.send_text(&bob.session_id(), "one")).unwrap();
    block_on(b.poll()).unwrap();
    let json = b.state().to_json();
    let restored = ClientState::from_json(&json).unwrap();
    assert_eq!(restored, b.state());
    sim.clear_log();
    let b2 = client_with(&sim, &bob, 3, restored, config(), 0);
    let polled = block_on(b2.poll()).unwrap();
    assert!(
        polled.events.is_empty(),
        "already delivered before the restart"
    );
    assert_eq!(
        sim.net.borrow().seed_calls,
        2,
        "one per client, none on restart"
    );
    let log = sim.log();
    assert!(
        log.iter().all(|l| l.method == "retrieve"),
        "no guard tests, no get_swarm"
    );
    assert!(ClientState::from_json("{\"version\": 99}").is_err());
    assert!(ClientState::from_json("not json").is_err());
    assert_eq!(
        ClientState::from_json("{\"version\": 1}").unwrap(),
        ClientState::new()
    );
}

#[test]
fn concurrent_send_and_poll_share_one_client() {
    let sim = Sim::new(24, 6, 21);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let me = alice.session_id();
    let (sent, polled) = block_on(async {
        let s = a.send_text(&me, "to me");
        let p = a.poll();
        // Driven one after the other here; the point is that both borrow `a` at once.
        (s.await, p.await)
    });
    sent.unwrap();
    polled.unwrap();
}

/// Every message arrives exactly once despite a third of the nodes being down, random path
/// and destination faults, lost replies and a swarm move.
#[test]
fn exactly_once_under_random_faults() {
    for seed in 0..6u64 {
        let sim = Sim::new(30, 6, 100 + seed);
        let mut rng = StdRng::seed_from_u64(seed);
        let (alice, bob) = (identity(1), identity(2));
        let a = client(&sim, &alice, 10 + seed);
        let b = client(&sim, &bob, 20 + seed);
        let ids = sim.node_ids();
        for id in ids.iter().filter(|_| rng.gen_ratio(1, 3)) {
            sim.set_down(id, true);
        }
        let mut sent = Vec::new();
        let mut got = Vec::new();
        let mut pending = Vec::new();
        for i in 0..25 {
            match rng.gen_range(0..8) {
                0 => sim.push_fault(Fault::Http(HttpReply::new(504, "Request time out"))),
                1 => sim.push_fault(Fault::Transport(TransportError::Timeout)),
                2 => sim.push_fault(Fault::Status {
                    method: "store",
                    node: None,
                    status: 503,
                    body: "busy".into(),
                }),
                3 => sim.push_fault(Fault::AfterExec {
                    method: "store",
                    reply: HttpReply {
                        status: 502,
                        body: Vec::new(),
                        relay_error: Some(RelayReason::NodeUnreachable),
                    },
                }),
                4 => sim.push_fault(Fault::Status {
                    method: "retrieve",
                    node: None,
                    status: 406,
                    body: "retrieve timestamp too far from current time".into(),
                }),
                _ => {}
            }
            if i == 12 {
                sim.move_swarm(&bob.session_id());
            }
            let text = format!("msg {i}");
            let mut out = a
                .prepare(
                    &bob.session_id(),
                    session_core::proto::session::Content {
                        data_message: Some(session_core::proto::session::DataMessage {
                            body: Some(text.clone()),
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                )
                .unwrap();
            sent.push(text);
            if block_on(a.deliver(&mut out)).is_err() {
                pending.push(out);
            }
            sim.time.advance(rng.gen_range(0..3_000));
            if let Ok(p) = block_on(b.poll()) {
                got.extend(texts(&p.events));
            }
        }
        // The outbox retries what failed, with the very same bytes.
        sim.net.borrow_mut().faults.clear();
        for mut out in pending {
            block_on(a.deliver(&mut out)).unwrap();
        }
        for _ in 0..3 {
            got.extend(texts(&block_on(b.poll()).unwrap().events));
        }
        let mut sorted = got.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            got.len(),
            "seed {seed}: duplicates in {got:?}"
        );
        let mut want = sent.clone();
        want.sort();
        assert_eq!(sorted, want, "seed {seed}");
    }
}

#[test]
fn identities_differ() {
    // Guard against a sim bug where every account maps to one swarm.
    let sim = Sim::new(24, 6, 22);
    let swarms: HashSet<u64> = (1..=8u8)
        .map(|i| sim.swarm_id(&Identity::from_seed(&[i; 16]).session_id()))
        .collect();
    assert!(swarms.len() > 1);
}

#[test]
fn a_wild_node_answering_a_batch_moves_neither_the_clock_nor_the_timestamps() {
    use session_core::client::{AccountAuth, Decoder, PollEntry, PollPlan};
    use session_core::rpc::namespace;
    let sim = Sim::new(24, 6, 71);
    let (alice, bob) = (identity(1), identity(2));
    let me = alice.session_id();
    // Every member but one of Alice's swarm tells the truth; one answers every request but
    // says it is an hour later.
    let wild = sim.members(&me)[0];
    sim.set_time_lie(&wild, 3_600_000);
    let a = client(&sim, &alice, 1);
    // Several rows: each answer of the wild node carries its time many times over.
    let mut plan = PollPlan::inbox(me);
    for ns in [
        namespace::USER_PROFILE,
        namespace::CONTACTS,
        namespace::CONVO_INFO_VOLATILE,
    ] {
        plan.add(
            PollEntry::new(me, ns, AccountAuth::Identity, Decoder::Raw),
            &me,
        )
        .unwrap();
    }
    a.set_poll_plan(plan);
    let mut wild_answered = false;
    for _ in 0..15 {
        sim.clear_log();
        let _ = block_on(a.poll());
        wild_answered |= sim.log().iter().any(|l| l.dest == wild && l.code == 200);
        assert!(
            a.state().clock_offset_ms().abs() < 1_000,
            "offset {}",
            a.state().clock_offset_ms()
        );
        sim.time.advance(1_000);
    }
    assert!(wild_answered, "the wild node was polled");
    let sent = block_on(a.send_text(&bob.session_id(), "on time")).unwrap();
    assert!(sent.timestamp_ms.abs_diff(sim.time.now()) < 1_000);
}

#[test]
fn a_timestamp_dated_ahead_by_an_old_clock_is_not_followed() {
    let sim = Sim::new(24, 6, 72);
    let (alice, bob) = (identity(1), identity(2));
    let a = client(&sim, &alice, 1);
    block_on(a.send_text(&bob.session_id(), "first")).unwrap();
    // State saved while a bad clock ran a day ahead.
    let ahead = sim.time.now() + 86_400_000;
    let json = a.state().to_json();
    let last = json
        .split("\"last_sent_ms\":")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap()
        .to_owned();
    let state = ClientState::from_json(&json.replace(
        &format!("\"last_sent_ms\":{last}"),
        &format!("\"last_sent_ms\":{ahead}"),
    ))
    .unwrap();
    let a = client_with(&sim, &alice, 1, state, config(), 0);
    let t1 = a
        .prepare(&bob.session_id(), Default::default())
        .unwrap()
        .timestamp_ms();
    let t2 = a
        .prepare(&bob.session_id(), Default::default())
        .unwrap()
        .timestamp_ms();
    assert!(
        t1.abs_diff(sim.time.now()) < 1_000,
        "{t1} vs {}",
        sim.time.now()
    );
    assert!(t2 > t1, "still strictly increasing");
}
