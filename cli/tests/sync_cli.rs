//! Multi-device sync through the real `session-cli` process on the local network: a restored
//! device gets the display name and contacts back from the account's configs, a name changed
//! on one device reaches the other, and a restored device never replaces a newer name.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

mod common;
use common::{local_relay, ok_json, path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_device_gets_its_name_and_contacts_and_names_travel_between_devices() {
    let data = tempfile::tempdir().unwrap();
    let relay = local_relay(data.path()).await;
    let seed = relay.local_network().unwrap().net().seed_url();
    let url = format!("http://{}", relay.local_addr());
    let tmp = tempfile::tempdir().unwrap();
    let (phone, laptop, bob) = (
        tmp.path().join("phone"),
        tmp.path().join("laptop"),
        tmp.path().join("bob"),
    );
    let (phone, laptop, bob) = (path(&phone), path(&laptop), path(&bob));

    let created = ok_json(&["--profile", phone, "init", "--name", "Alice"]);
    let words = created["mnemonic"].as_str().unwrap().to_owned();
    let bob_id = ok_json(&["--profile", bob, "init"])["session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The phone fetches (empty) configs, pushes its name, and writes to Bob: a contact.
    assert_eq!(
        ok_json(&["--seed", &seed, "--profile", phone, "receive"]),
        Value::Array(vec![])
    );
    ok_json(&["--seed", &seed, "--profile", phone, "send", &bob_id, "hi"]);
    let contacts = ok_json(&["--profile", phone, "contacts"]);
    assert_eq!(contacts.as_array().unwrap().len(), 1, "{contacts}");
    assert_eq!(contacts[0]["session_id"], bob_id.as_str());
    assert_eq!(contacts[0]["approved"], true);

    // A laptop restored from the phrase has the name and the contact before any message.
    let restored = ok_json(&[
        "--relay",
        &url,
        "--profile",
        laptop,
        "restore",
        "--words",
        &words,
    ]);
    assert_eq!(restored["display_name"], "Alice");
    assert_eq!(restored["contacts"], 1);
    assert_eq!(
        ok_json(&["--profile", laptop, "whoami"])["display_name"],
        "Alice"
    );
    let listed = ok_json(&["--relay", &url, "--profile", laptop, "contacts"]);
    assert_eq!(listed, contacts);

    // A name changed on the laptop reaches the phone with its next poll.
    let changed = ok_json(&[
        "--relay",
        &url,
        "--profile",
        laptop,
        "profile",
        "--name",
        "Alice on laptop",
    ]);
    assert_eq!(changed["display_name"], "Alice on laptop");
    assert_eq!(
        ok_json(&["--seed", &seed, "--profile", phone, "receive"]),
        Value::Array(vec![])
    );
    assert_eq!(
        ok_json(&["--profile", phone, "whoami"])["display_name"],
        "Alice on laptop"
    );
    let shown = ok_json(&["--seed", &seed, "--profile", phone, "profile"]);
    assert_eq!(shown["display_name"], "Alice on laptop");

    // A third device restored later, offline first, adopts the newer name rather than
    // pushing an empty profile over it.
    let third = tmp.path().join("third");
    let third = path(&third);
    ok_json(&["--profile", third, "restore", "--words", &words]);
    // Its first poll also brings the copy of what the phone sent.
    let got = ok_json(&["--seed", &seed, "--profile", third, "receive"]);
    assert_eq!(got.as_array().unwrap().len(), 1, "{got}");
    assert_eq!(got[0]["direction"], "outgoing");
    assert_eq!(got[0]["text"], "hi");
    assert_eq!(
        ok_json(&["--profile", third, "whoami"])["display_name"],
        "Alice on laptop"
    );
    assert_eq!(
        ok_json(&["--seed", &seed, "--profile", phone, "profile"])["display_name"],
        "Alice on laptop"
    );
    relay.shutdown().await;
}
