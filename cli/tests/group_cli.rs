//! Groups v2 run as real `session-cli` processes through a relay and its local network:
//! alice makes a group with bob and carol, who join from their invitations; messages go both
//! ways; carol is removed and reads nothing written after; bob is promoted and renames the
//! group; bob leaves; and the arguments refused before any network is involved.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::time::Duration;

mod common;
use common::{local_relay, ok_json, path, run};

/// Runs `receive --events` until what it printed, all batches together, satisfies `done`
/// (at most 40 times); returns everything printed.
async fn receive_until(url: &str, profile: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut all = Vec::new();
    for _ in 0..40 {
        let batch = ok_json(&["--relay", url, "--profile", profile, "receive", "--events"]);
        all.extend(batch.as_array().unwrap().iter().cloned());
        if done(&all) {
            return all;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{profile}: receive never printed what was expected: {all:#?}");
}

fn has_text(items: &[Value], text: &str) -> bool {
    items
        .iter()
        .any(|v| v["kind"] == "message" && v["text"] == text)
}

fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn group_arguments_are_checked_before_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    ok_json(&["--profile", path(&a), "init"]);
    let dir = path(&a);
    let dead = "http://127.0.0.1:9";
    let bob = format!("05{}", "b".repeat(64));
    let group = format!("03{}", "c".repeat(64));
    for (args, want) in [
        (vec!["group", "create", " "], "needs a name"),
        (
            vec!["group", "create", "x", "--member", "05abc"],
            "not a Session ID",
        ),
        (vec!["group", "invite", "05abc", &bob], "not a group ID"),
        (vec!["group", "remove", &group, "15abc"], "not a Session ID"),
        (vec!["send", "03abc", "hi"], "not a group ID"),
    ] {
        let mut full = vec!["--relay", dead, "--profile", dir];
        full.extend_from_slice(&args);
        let err = fails(&full);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let long = "n".repeat(101);
    let err = fails(&["--relay", dead, "--profile", dir, "group", "create", &long]);
    assert!(err.contains("at most 100 bytes"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_through_the_local_network() {
    let data = tempfile::tempdir().unwrap();
    let relay = local_relay(data.path()).await;
    let url = format!("http://{}", relay.local_addr());
    let url = url.as_str();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("alice"),
        tmp.path().join("bob"),
        tmp.path().join("carol"),
    );
    let (a, b, c) = (path(&a), path(&b), path(&c));
    let id = |p: &str, name: &str| {
        ok_json(&["--profile", p, "init", "--name", name])["session_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (alice, bob, carol) = (id(a, "Alice"), id(b, "Bob"), id(c, "Carol"));
    let with = |p: &str, rest: &[&str]| -> Value {
        let mut args = vec!["--relay", url, "--profile", p];
        args.extend_from_slice(rest);
        ok_json(&args)
    };

    // Alice makes the group; her invitations go out.
    let made = with(
        a,
        &[
            "group",
            "create",
            "Tomato Sauce",
            "--member",
            &bob,
            "--member",
            &carol,
        ],
    );
    let group = made["group"].as_str().unwrap().to_owned();
    assert!(group.starts_with("03") && group.len() == 66);
    assert_eq!(made["name"], "Tomato Sauce");
    assert_eq!(made["members"].as_array().unwrap().len(), 3);
    let invites = made["invites"].as_array().unwrap();
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|i| i["sent"] == true), "{invites:?}");

    // Bob and Carol join from their invitations.
    for p in [b, c] {
        let got = receive_until(url, p, |all| {
            all.iter()
                .any(|v| v["kind"] == "group-invite" && v["group"] == group.as_str())
        })
        .await;
        let inv = got.iter().find(|v| v["kind"] == "group-invite").unwrap();
        assert_eq!(inv["from"], alice.as_str());
        assert_eq!(inv["name"], "Tomato Sauce");
        assert!(
            !got.iter()
                .any(|v| v["kind"] == "message" && v["from"] == alice.as_str()),
            "an invitation is no message"
        );
    }
    let listed = with(b, &["group", "list"]);
    let g = &listed["groups"][0];
    assert_eq!(g["group"], group.as_str());
    assert_eq!(g["name"], "Tomato Sauce");
    assert_eq!(g["admin"], false);

    // Messages both ways.
    let sent = with(a, &["send", &group, "hello group"]);
    assert_eq!(sent["group"], group.as_str());
    for p in [b, c] {
        let got = receive_until(url, p, |all| has_text(all, "hello group")).await;
        let m = got.iter().find(|v| v["text"] == "hello group").unwrap();
        assert_eq!(m["direction"], "group");
        assert_eq!(m["to"], group.as_str());
        assert_eq!(m["from"], alice.as_str());
    }
    with(b, &["send", &group, "hi from bob"]);
    receive_until(url, a, |all| has_text(all, "hi from bob")).await;
    // Their acceptances reached the admin, with their names.
    receive_until(url, a, |_| {
        let listed = with(a, &["group", "list"]);
        let members = listed["groups"][0]["members"].as_array().unwrap().clone();
        members.iter().all(|m| m["invite_status"].is_null())
            && members.iter().any(|m| m["name"] == "Bob")
            && members.iter().any(|m| m["name"] == "Carol")
    })
    .await;

    // Carol is removed: she is told, and reads nothing written after.
    let removed = with(a, &["group", "remove", &group, &carol]);
    assert_eq!(removed["removed"][0], carol.as_str());
    receive_until(url, c, |all| {
        all.iter().any(|v| v["kind"] == "group-kicked")
    })
    .await;
    with(a, &["send", &group, "after carol"]);
    let got = receive_until(url, b, |all| has_text(all, "after carol")).await;
    // The admin's signed notice of the removal reaches the others.
    assert!(
        got.iter().any(|v| v["kind"] == "group-update"
            && v["update"] == "member-removed"
            && v["members"][0] == carol.as_str()),
        "{got:#?}"
    );
    for _ in 0..4 {
        let got = with(c, &["receive", "--events"]);
        assert!(!has_text(got.as_array().unwrap(), "after carol"));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Carol can no longer write, and non-admins cannot remove.
    let err = fails(&[
        "--relay",
        url,
        "--profile",
        b,
        "group",
        "remove",
        &group,
        &alice,
    ]);
    assert!(err.contains("only the admins"), "{err}");

    // Bob is promoted, then renames the group.
    with(a, &["group", "promote", &group, &bob]);
    receive_until(url, b, |_| {
        let listed = with(b, &["group", "list"]);
        listed["groups"][0]["admin"] == true
    })
    .await;
    with(b, &["group", "rename", &group, "Salsa"]);
    receive_until(url, a, |_| {
        let listed = with(a, &["group", "list"]);
        listed["groups"][0]["name"] == "Salsa"
    })
    .await;

    // Bob leaves (an admin, but not the last one): Alice's list no longer has him.
    let left = with(b, &["group", "leave", &group]);
    assert_eq!(left["destroyed"], false);
    receive_until(url, a, |_| {
        let listed = with(a, &["group", "list"]);
        let members = listed["groups"][0]["members"].as_array().unwrap().clone();
        !members.iter().any(|m| m["session_id"] == bob.as_str())
    })
    .await;
    assert!(with(b, &["group", "list"])["groups"]
        .as_array()
        .unwrap()
        .is_empty());
}
