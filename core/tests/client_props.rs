//! Property tests: the client survives arbitrary bytes wherever the network or the disk can
//! hand it some (saved state, HTTP answers, destination answers, stored messages), always
//! ending with `Ok` or a typed error, within a bounded number of requests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use proptest::prelude::*;
use session_core::client::{ClientState, HttpReply, RelayReason, TransportError};

const METHODS: [&str; 5] = ["store", "retrieve", "get_swarm", "info", "oxend_request"];

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(400),
        Just(401),
        Just(406),
        Just(421),
        Just(500),
        Just(502),
        Just(503),
        Just(504),
        0u16..1000,
    ]
}

/// Bodies that are sometimes JSON shaped like real answers, sometimes anything.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        Just("{}".to_owned()),
        Just(r#"{"results": [{"code": 200, "body": {}}]}"#.to_owned()),
        Just(r#"{"snodes": [{"ip": "1.2.3.4"}], "swarm": "zz"}"#.to_owned()),
        Just(r#"{"snodes": [], "t": 1700000000000}"#.to_owned()),
        Just(r#"{"messages": [{"hash": "x"}], "more": true}"#.to_owned()),
        Just(format!("Next node not found: {}", "ab".repeat(32))),
        Just(r#"{"result": {"service_node_states": "no"}}"#.to_owned()),
    ]
}

#[derive(Debug, Clone)]
enum Injected {
    Http(u16, Vec<u8>, bool),
    Transport(u8),
    Dest(usize, u16, String),
}

fn injected() -> impl Strategy<Value = Injected> {
    prop_oneof![
        (
            status(),
            proptest::collection::vec(any::<u8>(), 0..64),
            any::<bool>()
        )
            .prop_map(|(s, b, r)| Injected::Http(s, b, r)),
        (0u8..3).prop_map(Injected::Transport),
        (0..METHODS.len(), status(), body()).prop_map(|(m, s, b)| Injected::Dest(m, s, b)),
    ]
}

fn inject(sim: &Sim, faults: &[Injected]) {
    for f in faults {
        sim.push_fault(match f.clone() {
            Injected::Http(status, body, relay) => Fault::Http(HttpReply {
                status,
                body,
                relay_error: relay.then_some(RelayReason::Other),
            }),
            Injected::Transport(k) => Fault::Transport(match k {
                0 => TransportError::Timeout,
                1 => TransportError::Unreachable,
                _ => TransportError::Malformed,
            }),
            Injected::Dest(m, status, body) => Fault::Status {
                method: METHODS[m],
                node: None,
                status,
                body,
            },
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn hostile_answers_end_in_ok_or_a_typed_error(
        seed in 0u64..1000,
        faults in proptest::collection::vec(injected(), 0..40),
    ) {
        let sim = Sim::new(24, 6, seed);
        let (alice, bob) = (identity(1), identity(2));
        let a = client(&sim, &alice, seed);
        let b = client(&sim, &bob, seed + 1);
        inject(&sim, &faults);
        let sent = block_on(a.send_text(&bob.session_id(), "hi"));
        let polled = block_on(b.poll());
        if let Err(e) = &sent {
            prop_assert!(!e.to_string().is_empty());
        }
        if let Err(e) = &polled {
            prop_assert!(!e.to_string().is_empty());
        }
        // Retries are bounded: a handful of attempts per request, a few requests per call.
        prop_assert!(sim.net.borrow().onion_calls < 400, "{} requests", sim.net.borrow().onion_calls);
        // Whatever happened, the state still round-trips.
        let st = a.state();
        prop_assert_eq!(ClientState::from_json(&st.to_json()).unwrap(), st);
    }

    #[test]
    fn arbitrary_stored_bytes_are_skipped(
        items in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 1..6),
    ) {
        let sim = Sim::new(24, 6, 1);
        let bob = identity(2);
        let b = client(&sim, &bob, 1);
        for data in &items {
            sim.inject(&bob.session_id(), data);
        }
        let polled = block_on(b.poll()).unwrap();
        prop_assert!(polled.events.is_empty());
        let mut distinct = items.clone();
        distinct.sort();
        distinct.dedup();
        prop_assert_eq!(polled.skipped.len(), distinct.len());
    }

    #[test]
    fn saved_state_never_panics_on_load(text in ".{0,200}") {
        let _ = ClientState::from_json(&text);
    }

    #[test]
    fn mutated_saved_state_never_panics_on_load(
        at in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let sim = Sim::new(24, 6, 2);
        let c = client(&sim, &identity(1), 2);
        block_on(c.send_text(&identity(1).session_id(), "note")).unwrap();
        let mut json = c.state().to_json().into_bytes();
        let i = at.index(json.len());
        json[i] = byte;
        if let Ok(text) = String::from_utf8(json) {
            let _ = ClientState::from_json(&text);
        }
    }
}
