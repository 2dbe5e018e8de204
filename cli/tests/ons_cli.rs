//! `session-cli ons NAME` as a real process through a relay and its local network: a name the
//! network registered resolves (in any case), an unregistered one is a readable error, and a
//! malformed one is refused before any network is involved.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{json, local_relay, ok_json, path};

#[test]
fn malformed_names_are_refused_before_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    ok_json(&["--profile", path(&a), "init"]);
    let dead = "http://127.0.0.1:9";
    let long = "n".repeat(65);
    for (name, want) in [
        ("alice-", "not an ONS name"),
        ("al ice", "not an ONS name"),
        ("café", "not an ONS name"),
        (long.as_str(), "at most 64"),
    ] {
        let err = json(&["--profile", path(&a), "--relay", dead, "ons", name]).unwrap_err();
        assert!(err.contains(want), "{name}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registered_names_resolve_through_the_relay() {
    let data = tempfile::tempdir().unwrap();
    let relay = local_relay(data.path()).await;
    let url = format!("http://{}", relay.local_addr());
    let net = relay.local_network().unwrap().net();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    let (a, b) = (path(&a), path(&b));
    ok_json(&["--profile", a, "init"]);
    let bob = ok_json(&["--profile", b, "init"])["session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let err = json(&["--profile", a, "--relay", &url, "ons", "bob-the-builder"]).unwrap_err();
    assert!(err.contains("no Session ID is registered"), "{err}");

    assert_eq!(
        net.register_name("Bob-the-Builder", &bob).unwrap(),
        "bob-the-builder"
    );
    let got = ok_json(&["--profile", a, "--relay", &url, "ons", "BOB-the-builder"]);
    assert_eq!(got["name"], "bob-the-builder");
    assert_eq!(got["session_id"], bob.as_str());

    // Resolved, the ID is one a message can go to.
    let sent = ok_json(&[
        "--profile",
        a,
        "--relay",
        &url,
        "send",
        got["session_id"].as_str().unwrap(),
        "found you by name",
    ]);
    assert!(sent["timestamp"].is_u64());
    let got = ok_json(&["--profile", b, "--relay", &url, "receive"]);
    assert_eq!(got[0]["text"], "found you by name");
}
