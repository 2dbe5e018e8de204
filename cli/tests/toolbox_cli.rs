//! The conversation toolbox run as real `session-cli` processes through a relay and its local
//! network: replies, reactions, unsend for everyone, read receipts, typing indicators and
//! accepting a message request, as `receive --events` and `listen --events` show them on the
//! other side; and the arguments refused before any network is involved.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::{local_relay, ok_json, path, run};

/// A relay URL nobody listens on.
const DEAD_RELAY: &str = "http://127.0.0.1:9";

/// Runs a command that must fail; returns its exit code and stderr.
fn fails(args: &[&str]) -> (i32, String) {
    let out = run(args);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `receive` (with the given arguments) until what it printed, all batches together,
/// satisfies `done` (at most 20 times); returns everything printed.
async fn receive_until(args: &[&str], done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut all = Vec::new();
    for _ in 0..20 {
        let batch = ok_json(args);
        all.extend(batch.as_array().unwrap().iter().cloned());
        if done(&all) {
            return all;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{args:?} never printed what was expected: {all:#?}");
}

fn kinds<'a>(items: &'a [Value], kind: &str) -> Vec<&'a Value> {
    items.iter().filter(|v| v["kind"] == kind).collect()
}

#[test]
fn toolbox_arguments_are_checked_before_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let me = ok_json(&["--profile", path(&a), "init"]);
    let me = me["session_id"].as_str().unwrap().to_owned();
    let bob = format!("05{}", "b".repeat(64));
    let dir = path(&a);
    let with = |rest: &[&str]| {
        let mut args = vec!["--relay", DEAD_RELAY, "--profile", dir];
        args.extend_from_slice(rest);
        fails(&args)
    };
    let ts = "1700000000000";

    // Our own checks exit 1 with `error: …`.
    for (args, want) in [
        (vec!["react", &bob, ts, "ok"], "not an emoji"),
        (vec!["react", &bob, ts, "👍 👍"], "not an emoji"),
        (vec!["react", "05abc", ts, "👍"], "not a Session ID"),
        (
            vec!["react", &bob, ts, "👍", "--author", "15abc"],
            "--author \"15abc\" is not a Session ID",
        ),
        (vec!["unsend", "05abc", ts], "not a Session ID"),
        (
            vec!["unsend", &bob, ts, "--hash", "not-a-hash"],
            "not a message hash",
        ),
        (
            vec![
                "send",
                &bob,
                "hi",
                "--reply-to",
                ts,
                "--reply-author",
                "05x",
            ],
            "--reply-author \"05x\" is not a Session ID",
        ),
        (vec!["read", "05abc", ts], "not a Session ID"),
        (vec!["read", &me, ts], "not to your own Session ID"),
        (vec!["typing", &me], "not to your own Session ID"),
        (vec!["accept", &me], "not to your own Session ID"),
    ] {
        let (code, err) = with(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(want),
            "{args:?}: {err}"
        );
    }

    // Usage errors (clap) exit 2 and name the problem.
    for (args, want) in [
        (vec!["react", &bob, "yesterday", "👍"], "not a message time"),
        (vec!["react", &bob, "0", "👍"], "not a message time"),
        (vec!["unsend", &bob, "-5"], "unexpected argument"),
        (vec!["read", &bob, "12x"], "not a message time"),
        (vec!["read", &bob], "TIMESTAMP"),
        (
            vec!["send", &bob, "hi", "--reply-author", &bob],
            "--reply-to",
        ),
        (
            vec!["send", &bob, "hi", "--reply-to", "soon"],
            "not a message time",
        ),
    ] {
        let (code, err) = with(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }

    // Good arguments get as far as the (dead) network.
    for args in [
        vec!["react", &bob, ts, "👍", "--remove"],
        vec!["unsend", &bob, ts],
        vec!["read", &bob, ts, "1700000000001"],
        vec!["typing", &bob, "--stop"],
        vec!["accept", &bob],
        vec!["send", &bob, "hi", "--reply-to", ts],
        vec!["receive", "--events"],
    ] {
        let (code, err) = with(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("cannot reach the relay"), "{args:?}: {err}");
    }
    // Nothing was recorded as sent.
    assert!(!a.join("sent.json").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_reactions_unsend_receipts_typing_and_acceptance_between_two_processes() {
    let data = tempfile::tempdir().unwrap();
    let relay = local_relay(data.path()).await;
    let url = format!("http://{}", relay.local_addr());
    let url = url.as_str();
    let tmp = tempfile::tempdir().unwrap();
    let (a, a2, a3, b) = (
        tmp.path().join("alice"),
        tmp.path().join("alice-laptop"),
        tmp.path().join("alice-fresh"),
        tmp.path().join("bob"),
    );
    let (a, a2, a3, b) = (path(&a), path(&a2), path(&a3), path(&b));
    let created = ok_json(&["--profile", a, "init", "--name", "Alice"]);
    let alice = created["session_id"].as_str().unwrap().to_owned();
    let words = created["mnemonic"].as_str().unwrap().to_owned();
    let bob = ok_json(&["--profile", b, "init", "--name", "Bob"])["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (alice, bob) = (alice.as_str(), bob.as_str());
    // Alice's second device.
    ok_json(&[
        "--relay",
        url,
        "--profile",
        a2,
        "restore",
        "--words",
        &words,
    ]);

    // Alice writes; Bob sees a message that quotes nothing.
    let lunch = ok_json(&["--relay", url, "--profile", a, "send", bob, "lunch?"]);
    let lunch_t = lunch["timestamp"].as_u64().unwrap();
    let lunch_sync = lunch["sync_hash"].as_str().unwrap().to_owned();
    assert_eq!(lunch["sync"], "stored", "{lunch}");
    let got = receive_until(&["--relay", url, "--profile", b, "receive"], |v| {
        !v.is_empty()
    })
    .await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["kind"], "message");
    assert_eq!(got[0]["text"], "lunch?");
    assert_eq!(got[0]["quote"], Value::Null);

    // Bob replies (the quoted author defaults to the recipient), reacts, and takes it back.
    let lunch_ts = lunch_t.to_string();
    let reply = ok_json(&[
        "--relay",
        url,
        "--profile",
        b,
        "send",
        alice,
        "yes!",
        "--reply-to",
        &lunch_ts,
    ]);
    assert!(reply["sync_hash"].is_string(), "{reply}");
    let like = ok_json(&[
        "--relay",
        url,
        "--profile",
        b,
        "react",
        alice,
        &lunch_ts,
        "👍",
    ]);
    assert_eq!(like["to"], alice);
    assert_eq!(like["sync"], "stored", "{like}");
    assert!(
        like["hash"].is_string() && like["timestamp"].is_u64(),
        "{like}"
    );
    let unlike = ok_json(&[
        "--relay",
        url,
        "--profile",
        b,
        "react",
        alice,
        &lunch_ts,
        "👍",
        "--remove",
        "--author",
        alice,
    ]);

    // Alice's receive --events: the reply with its quote, both reactions naming her message.
    let got = receive_until(
        &["--relay", url, "--profile", a, "receive", "--events"],
        |v| kinds(v, "message").len() == 1 && kinds(v, "reaction").len() == 2,
    )
    .await;
    let m = kinds(&got, "message")[0];
    assert_eq!(m["text"], "yes!");
    assert_eq!(m["from"], bob);
    assert_eq!(m["hash"], reply["hash"]);
    assert_eq!(m["quote"]["author"], alice);
    assert_eq!(m["quote"]["timestamp"], lunch_t);
    assert!(m["attachments"].is_array());
    let reactions = kinds(&got, "reaction");
    for (r, (sent, action)) in reactions.iter().zip([(&like, "add"), (&unlike, "remove")]) {
        assert_eq!(r["from"], bob, "{r}");
        assert_eq!(r["to"], alice, "{r}");
        assert_eq!(r["direction"], "incoming", "{r}");
        assert_eq!(r["emoji"], "👍", "{r}");
        assert_eq!(r["action"], action, "{r}");
        assert_eq!(r["target"]["author"], alice, "{r}");
        assert_eq!(r["target"]["timestamp"], lunch_t, "{r}");
        assert_eq!(r["hash"], sent["hash"], "{r}");
        assert_eq!(r["timestamp"], sent["timestamp"], "{r}");
    }
    // In poll order: the reply was sent before the reactions.
    let pos = |h: &Value| got.iter().position(|v| v["hash"] == *h).unwrap();
    assert!(pos(&reply["hash"]) < pos(&like["hash"]));
    assert!(pos(&like["hash"]) < pos(&unlike["hash"]));

    // Without --events, Alice's other device sees messages only (her own sync copy and the
    // reply), each with its kind and quote.
    let other = receive_until(&["--relay", url, "--profile", a2, "receive"], |v| {
        v.len() >= 2
    })
    .await;
    assert!(other.iter().all(|v| v["kind"] == "message"), "{other:?}");
    assert_eq!(other.len(), 2, "{other:?}");
    assert_eq!(other[0]["direction"], "outgoing");
    assert_eq!(other[0]["hash"], lunch_sync.as_str());
    assert_eq!(other[0]["quote"], Value::Null);
    assert_eq!(other[1]["quote"]["timestamp"], lunch_t);

    // Alice unsends "lunch?": her swarm's copy is deleted, Bob gets the request.
    let gone = ok_json(&["--relay", url, "--profile", a, "unsend", bob, &lunch_ts]);
    assert_eq!(gone["to"], bob);
    assert_eq!(gone["timestamp"], lunch_t);
    assert_eq!(gone["deleted"], serde_json::json!([lunch_sync]));
    assert_eq!(gone["sync"], "stored", "{gone}");
    let got = receive_until(
        &["--relay", url, "--profile", b, "receive", "--events"],
        |v| !kinds(v, "unsend").is_empty(),
    )
    .await;
    let u = kinds(&got, "unsend")[0];
    assert_eq!(u["from"], alice);
    assert_eq!(u["timestamp"], lunch_t);
    assert_eq!(u["hash"], gone["hash"]);
    // A device restored afterwards finds the request, not the deleted copy.
    ok_json(&[
        "--relay",
        url,
        "--profile",
        a3,
        "restore",
        "--words",
        &words,
    ]);
    let fresh = receive_until(
        &["--relay", url, "--profile", a3, "receive", "--events"],
        |v| !kinds(v, "unsend").is_empty(),
    )
    .await;
    assert!(
        !fresh
            .iter()
            .any(|v| v["hash"] == lunch_sync.as_str() || v["text"] == "lunch?"),
        "{fresh:#?}"
    );
    assert_eq!(kinds(&fresh, "unsend")[0]["timestamp"], lunch_t);
    // The record is forgotten: a second unsend deletes nothing more, and says so.
    let again = run(&["--relay", url, "--profile", a, "unsend", bob, &lunch_ts]);
    assert!(again.status.success());
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["deleted"], serde_json::json!([]));

    // Note to Self: the note itself is our swarm's copy; unsending it involves only our swarm.
    let note = ok_json(&["--relay", url, "--profile", a, "send", alice, "a note"]);
    assert_eq!(note["sync_hash"], Value::Null, "{note}");
    assert_eq!(note["sync"], "not-needed", "{note}");
    let note_ts = note["timestamp"].as_u64().unwrap().to_string();
    let gone = ok_json(&["--relay", url, "--profile", a, "unsend", alice, &note_ts]);
    assert_eq!(gone["deleted"], serde_json::json!([note["hash"]]), "{gone}");
    assert_eq!(gone["sync"], "not-needed", "{gone}");
    // (The second unsend of "lunch?" above reaches this device first.)
    let fresh = receive_until(
        &["--relay", url, "--profile", a3, "receive", "--events"],
        |v| {
            kinds(v, "unsend")
                .iter()
                .any(|u| u["timestamp"] == note["timestamp"])
        },
    )
    .await;
    assert!(!fresh.iter().any(|v| v["text"] == "a note"), "{fresh:#?}");

    // Bob reads, types and accepts; Alice listens with --events.
    let mut listener = Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args([
            "--relay",
            url,
            "--profile",
            a,
            "listen",
            "--events",
            "--interval",
            "0.2",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let reply_ts = m["timestamp"].as_u64().unwrap();
    let read = ok_json(&[
        "--relay",
        url,
        "--profile",
        b,
        "read",
        alice,
        &reply_ts.to_string(),
    ]);
    let typing = ok_json(&["--relay", url, "--profile", b, "typing", alice]);
    let accept = ok_json(&["--relay", url, "--profile", b, "accept", alice]);
    for sent in [&read, &typing, &accept] {
        assert_eq!(sent["to"], alice, "{sent}");
        assert!(
            sent["hash"].is_string() && sent["timestamp"].is_u64(),
            "{sent}"
        );
    }
    let mut lines = BufReader::new(listener.stdout.take().unwrap()).lines();
    let heard = tokio::task::spawn_blocking(move || {
        let mut heard: Vec<Value> = Vec::new();
        while heard.len() < 3 {
            let line = lines.next().unwrap().unwrap();
            heard.push(serde_json::from_str(&line).unwrap());
        }
        heard
    })
    .await
    .unwrap();
    let pid = listener.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let status = tokio::task::spawn_blocking(move || listener.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status}");

    let r = kinds(&heard, "receipt");
    assert_eq!(r.len(), 1, "{heard:?}");
    assert_eq!(r[0]["from"], bob);
    assert_eq!(r[0]["read"], true);
    assert_eq!(r[0]["timestamps"], serde_json::json!([reply_ts]));
    assert_eq!(r[0]["hash"], read["hash"]);
    let t = kinds(&heard, "typing");
    assert_eq!(t.len(), 1, "{heard:?}");
    assert_eq!(t[0]["from"], bob);
    assert_eq!(t[0]["started"], true);
    assert_eq!(t[0]["timestamp"], typing["timestamp"]);
    let acc = kinds(&heard, "request-accepted");
    assert_eq!(acc.len(), 1, "{heard:?}");
    assert_eq!(acc[0]["from"], bob);
    assert_eq!(acc[0]["name"], "Bob");
    assert_eq!(acc[0]["timestamp"], accept["timestamp"]);
    assert_eq!(acc[0]["hash"], accept["hash"]);

    relay.shutdown().await;
}
