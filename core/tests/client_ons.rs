//! ONS lookups over the simulated network: a name resolves only when three different nodes,
//! each reached through an onion path, give the same Session ID; a name nobody registered, a
//! garbled record and nodes that disagree are typed errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use client_sim::*;
use serde_json::json;
use session_core::client::ClientError;
use session_core::identity::SessionId;
use session_core::ons::{OnsError, OnsName, OnsRecord};
use session_testkit::curated;
use std::collections::HashSet;

fn register(sim: &Sim, name: &str, id: &SessionId, nonce: u8) {
    let name = OnsName::parse(name).unwrap();
    let record = OnsRecord::seal(&name, id, [nonce; 24]).unwrap();
    sim.net
        .borrow_mut()
        .names
        .insert(STANDARD.encode(name.hash()), record.to_result());
}

fn id(byte: u8) -> SessionId {
    format!("05{}", hex::encode([byte; 32])).parse().unwrap()
}

#[test]
fn a_registered_name_resolves_from_three_different_nodes() {
    for seed in 0..8 {
        let sim = Sim::new(24, 6, seed);
        let bob = identity(2).session_id();
        register(&sim, "bob_99", &bob, 9);
        let c = client(&sim, &identity(1), seed);
        let name = OnsName::parse("Bob_99").unwrap();
        assert_eq!(block_on(c.resolve_ons(&name)).unwrap(), bob);

        let net = sim.net.borrow();
        let asks: Vec<_> = net
            .log
            .iter()
            .filter(|l| l.method == "oxend_request" && l.params["endpoint"] == "ons_resolve")
            .collect();
        assert_eq!(asks.len(), 3, "seed {seed}");
        let dests: HashSet<_> = asks.iter().map(|l| l.dest).collect();
        assert_eq!(dests.len(), 3, "the same node asked twice (seed {seed})");
        for l in &asks {
            assert!(!l.path.is_empty(), "asked without an onion path");
            assert!(!l.path.contains(&l.dest));
            // Nodes see the name's hash, never the name.
            assert!(!l.params.to_string().contains("bob_99"));
            assert_eq!(l.params["params"]["type"], 0);
        }
    }
}

#[test]
fn libsessions_record_resolves_as_the_official_apps_resolve_it() {
    for v in curated("ons_response_decrypt") {
        let sim = Sim::new(18, 6, 3);
        let name = OnsName::parse(&v.input_str("lowercase_name").to_uppercase()).unwrap();
        let result = json!({
            "encrypted_value": hex::encode(v.input_hex("ciphertext_hex")),
            "nonce": hex::encode(v.input_hex("nonce_hex")),
        });
        sim.net
            .borrow_mut()
            .names
            .insert(STANDARD.encode(name.hash()), result);
        let c = client(&sim, &identity(1), 3);
        let got = block_on(c.resolve_ons(&name)).unwrap();
        assert_eq!(got.to_hex(), v.expected_str("session_id"));
    }
}

#[test]
fn an_unregistered_name_is_not_found() {
    let sim = Sim::new(18, 6, 4);
    register(&sim, "alice", &id(1), 1);
    let c = client(&sim, &identity(1), 4);
    let err = block_on(c.resolve_ons(&OnsName::parse("alicia").unwrap())).unwrap_err();
    assert_eq!(err, ClientError::Ons(OnsError::NotFound));
    assert!(err.is_specific_to_request());
}

#[test]
fn nodes_that_disagree_resolve_nothing() {
    for seed in 0..8 {
        let sim = Sim::new(18, 6, seed);
        let name = OnsName::parse("carol").unwrap();
        register(&sim, "carol", &id(3), 3);
        // All nodes but two lie, each with a different ID: any three asked include a liar.
        let nodes = sim.node_ids();
        for (i, node) in nodes.iter().enumerate().skip(2) {
            let lie = OnsRecord::seal(&name, &id(100 + i as u8), [i as u8; 24]).unwrap();
            sim.net
                .borrow_mut()
                .name_liars
                .insert(*node, lie.to_result());
        }
        let c = client(&sim, &identity(1), seed);
        let err = block_on(c.resolve_ons(&name)).unwrap_err();
        assert_eq!(err, ClientError::Ons(OnsError::Disagreement), "seed {seed}");
    }
}

#[test]
fn garbled_records_are_typed_errors() {
    let sim = Sim::new(18, 6, 5);
    let name = OnsName::parse("dave").unwrap();
    let wrong_key = OnsRecord::seal(&OnsName::parse("eve").unwrap(), &id(5), [5; 24]).unwrap();
    for node in sim.node_ids() {
        sim.net
            .borrow_mut()
            .name_liars
            .insert(node, json!({"encrypted_value": "zz", "nonce": "00"}));
    }
    let c = client(&sim, &identity(1), 5);
    let err = block_on(c.resolve_ons(&name)).unwrap_err();
    assert!(
        matches!(err, ClientError::Ons(OnsError::Malformed(_))),
        "{err}"
    );

    for node in sim.node_ids() {
        sim.net
            .borrow_mut()
            .name_liars
            .insert(node, wrong_key.to_result());
    }
    let err = block_on(c.resolve_ons(&name)).unwrap_err();
    assert!(
        matches!(err, ClientError::Ons(OnsError::Payload(_))),
        "{err}"
    );
}
