//! Requests to servers through onion requests (v4) over the simulated network: the server's
//! own status is its answer, a clock complaint (425) is met with a resync and a rebuilt
//! request, a server that is down is retried a bounded number of times, and a server the last
//! hop cannot reach is a path failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use serde_json::Value;
use session_core::client::{ClientError, Failure, ServerRequest};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn a_server_answers_through_three_hops_whatever_its_status() {
    let sim = Sim::new(24, 6, 41);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let files = sim.add_server(
        "files.local",
        8080,
        Box::new(
            |req, _| match (req.method.as_str(), req.endpoint.as_str()) {
                ("POST", "/file") => (200, br#"{"id":"abc","expires":1}"#.to_vec()),
                ("GET", "/file/abc") => (200, b"the bytes".to_vec()),
                _ => (404, br#"{"status_code":404}"#.to_vec()),
            },
        ),
    );
    block_on(a.connect()).unwrap();
    let calls = sim.net.borrow().onion_calls;
    let up = block_on(a.call_server(&files, &mut |_| {
        Ok(ServerRequest::post(
            "/file",
            "application/octet-stream",
            b"the bytes".to_vec(),
        ))
    }))
    .unwrap();
    assert_eq!(up.code, 200);
    let id: Value = serde_json::from_slice(&up.body).unwrap();
    assert_eq!(id["id"], "abc");
    let down =
        block_on(a.call_server(&files, &mut |_| Ok(ServerRequest::get("/file/abc")))).unwrap();
    assert_eq!((down.code, down.body.as_slice()), (200, &b"the bytes"[..]));
    // A 404 is the server's answer, not a failure to retry.
    let missing =
        block_on(a.call_server(&files, &mut |_| Ok(ServerRequest::get("/file/nope")))).unwrap();
    assert_eq!(missing.code, 404);
    assert_eq!(sim.net.borrow().onion_calls - calls, 3, "one request each");
    let seen = sim.server_requests("files.local");
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].body.as_deref(), Some(&b"the bytes"[..]));
    assert_eq!(
        seen[0].headers.get("Content-Type").and_then(Value::as_str),
        Some("application/octet-stream")
    );
    // Every request went through a full path: the guard is a known node, never the server.
    let guards = sim.net.borrow().guards.clone();
    assert!(guards[guards.len() - 3..]
        .iter()
        .all(|g| sim.node_ids().contains(g)));
}

#[test]
fn a_clock_complaint_resyncs_and_rebuilds_the_request() {
    let sim = Sim::new(24, 6, 42);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let refused = Rc::new(RefCell::new(false));
    let first = refused.clone();
    let server = sim.add_server(
        "sogs.local",
        80,
        Box::new(move |_, _| {
            if !*first.borrow() {
                *first.borrow_mut() = true;
                (425, b"Timestamp too far".to_vec())
            } else {
                (200, b"{}".to_vec())
            }
        }),
    );
    block_on(a.connect()).unwrap();
    let mut built = Vec::new();
    let reply = block_on(a.call_server(&server, &mut |now| {
        built.push(now);
        Ok(ServerRequest::get("/capabilities").header("X-SOGS-Timestamp", &now.to_string()))
    }))
    .unwrap();
    assert_eq!(reply.code, 200);
    assert_eq!(
        built.len(),
        2,
        "the request was built again after the resync"
    );
    assert!(*refused.borrow());
    assert_eq!(sim.server_requests("sogs.local").len(), 2);
}

#[test]
fn a_down_server_is_retried_then_reported() {
    let sim = Sim::new(24, 6, 43);
    let alice = identity(1);
    let a = client(&sim, &alice, 1);
    let busy = sim.add_server("busy.local", 80, Box::new(|_, _| (503, Vec::new())));
    block_on(a.connect()).unwrap();
    let e = block_on(a.call_server(&busy, &mut |_| Ok(ServerRequest::get("/")))).unwrap_err();
    assert_eq!(
        e,
        ClientError::Unavailable {
            attempts: a.config().attempts,
            last: Failure::Server { status: 503 }
        }
    );
    assert_eq!(
        sim.server_requests("busy.local").len(),
        a.config().attempts as usize
    );
    // A host the last hop cannot reach fails every path the same way, and costs the paths
    // nothing: the server is offline, not them.
    let paths = a.state().paths();
    let mut nowhere = busy.clone();
    nowhere.host = "nowhere.local".into();
    let e = block_on(a.call_server(&nowhere, &mut |_| Ok(ServerRequest::get("/")))).unwrap_err();
    assert!(
        matches!(
            e,
            ClientError::Unavailable {
                last: Failure::Path { status: 502 },
                ..
            }
        ),
        "{e}"
    );
    let after = a.state();
    assert_eq!(after.paths(), paths);
    for p in &paths {
        assert_eq!(after.path_strikes(&p[0]), Some(0));
        for relay in &p[1..] {
            assert_eq!(after.node_strikes(relay), 0);
        }
    }
}
