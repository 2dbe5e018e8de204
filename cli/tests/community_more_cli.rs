//! More of `session-cli community`, as real processes through a relay, its local network and
//! the network's community server: reactions, replies that quote a post, deletions (one's own,
//! refused for someone else's, allowed to a moderator the local network's admin interface
//! appoints) and blinded direct messages read from both ends; and the new commands' arguments
//! refused before any network is involved.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json as j, Value};
use session_relay::{Config, Limits, Network, Relay};
use std::path::Path;

mod common;
use common::{json, ok_json, path};

#[test]
fn new_community_arguments_are_checked_before_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    ok_json(&["--profile", path(&a), "init"]);
    let dead = "http://127.0.0.1:9";
    let server = "http://example.org";
    let long = "x".repeat(2001);
    let b15 = format!("15{}", "ab".repeat(32));
    let s05 = format!("05{}", "ab".repeat(32));
    let emoji13 = "👍".repeat(13);
    for (args, want) in [
        (
            vec!["community", "react", server, "lobby", "x", "👍"],
            "not a message ID",
        ),
        (
            vec!["community", "react", server, "lobby", "0", "👍"],
            "not a message ID",
        ),
        (
            vec!["community", "react", server, "lobby", "3", ""],
            "emoji is empty",
        ),
        (
            vec!["community", "react", server, "lobby", "3", &emoji13],
            "at most 12",
        ),
        (
            vec!["community", "react", "ftp://x", "lobby", "3", "👍"],
            "not a community room",
        ),
        (
            vec!["community", "delete", server, "lobby", "1.5"],
            "not a message ID",
        ),
        (
            vec!["community", "delete", server, "bad room", "1"],
            "not a community room",
        ),
        (
            vec!["community", "reply", server, "lobby", "nope", "hi"],
            "not a message ID",
        ),
        (
            vec!["community", "reply", server, "lobby", "4", " "],
            "nothing to post",
        ),
        (
            vec!["community", "reply", server, "lobby", "4", &long],
            "at most 2000",
        ),
        (
            vec!["community", "dm", server, &s05, "hi"],
            "not a blinded ID",
        ),
        (
            vec!["community", "dm", server, "15abc", "hi"],
            "not a blinded ID",
        ),
        (vec!["community", "dm", server, &b15, ""], "nothing to post"),
        (vec!["community", "dm", server, &b15, &long], "at most 2000"),
        (
            vec!["community", "dm", "nonsense", &b15, "hi"],
            "not a community server",
        ),
        (
            vec!["community", "inbox", "ftp://example.org"],
            "not a community server",
        ),
    ] {
        let mut full = vec!["--relay", dead, "--profile", path(&a)];
        full.extend_from_slice(&args);
        let err = json(&full).unwrap_err();
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

/// A relay like `common::local_relay`, with the local network's admin interface on.
async fn relay_with_admin(data_dir: &Path) -> Relay {
    Relay::start(Config {
        network: Network::Local,
        listen: "127.0.0.1:0".parse().unwrap(),
        dist: None,
        data_dir: Some(data_dir.to_path_buf()),
        local_nodes: 12,
        local_admin_port: Some(0),
        limits: Limits::default(),
    })
    .await
    .unwrap()
}

/// The message of a `read` with this ID.
fn by_id(read: &Value, id: i64) -> Option<&Value> {
    read["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reactions_replies_deletions_and_direct_messages() {
    let data = tempfile::tempdir().unwrap();
    let relay = relay_with_admin(data.path()).await;
    let url = format!("http://{}", relay.local_addr());
    let net = relay.local_network().unwrap().net();
    let admin = net.admin_url().unwrap();
    let community = net.community().unwrap();
    let lobby = community.join_link("lobby");
    let server = community.url.clone();

    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    let (a, b) = (path(&a), path(&b));
    let alice_05 = ok_json(&["--profile", a, "init", "--name", "Alice"])["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bob_05 = ok_json(&["--profile", b, "init", "--name", "Bob"])["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let args = |p: &'_ str, rest: &[&'_ str]| -> Vec<String> {
        let mut all = vec!["--relay", url.as_str(), "--profile", p];
        all.extend_from_slice(rest);
        all.into_iter().map(str::to_owned).collect()
    };
    let with = |p: &str, rest: &[&str]| -> Value {
        ok_json(&args(p, rest).iter().map(String::as_str).collect::<Vec<_>>())
    };
    let fails = |p: &str, rest: &[&str]| -> String {
        json(&args(p, rest).iter().map(String::as_str).collect::<Vec<_>>()).unwrap_err()
    };

    let alice_15 = with(a, &["community", "join", &lobby])["blinded_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bob_15 = with(b, &["community", "join", &lobby])["blinded_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Alice posts; Bob reacts to it (once counts once), takes it back and reacts again.
    let first = with(
        a,
        &["community", "send", &server, "lobby", "hello from alice"],
    );
    let first_id = first["id"].as_i64().unwrap();
    let first_seqno = first["seqno"].as_i64().unwrap();
    let fid = first_id.to_string();
    let reacted = with(b, &["community", "react", &server, "lobby", &fid, "👍"]);
    assert_eq!(
        reacted,
        j!({"url": lobby, "room": "lobby", "id": first_id, "emoji": "👍", "added": true, "count": 1})
    );
    let again = with(b, &["community", "react", &lobby, "lobby", &fid, "👍"]);
    assert_eq!((&again["added"], &again["count"]), (&j!(false), &j!(1)));
    let removed = with(
        b,
        &[
            "community",
            "react",
            &server,
            "lobby",
            &fid,
            "👍",
            "--remove",
        ],
    );
    assert_eq!(
        (&removed["added"], &removed["removed"], &removed["count"]),
        (&j!(false), &j!(true), &j!(0))
    );
    with(b, &["community", "react", &server, "lobby", &fid, "👍"]);
    let err = fails(b, &["community", "react", &server, "lobby", "999999", "👍"]);
    assert!(err.contains("has no message 999999"), "{err}");

    // Bob replies quoting Alice's post: the reply names her post by author and time.
    let reply = with(
        b,
        &[
            "community",
            "reply",
            &server,
            "lobby",
            &fid,
            "agreed, alice",
        ],
    );
    assert_eq!(reply["quote"], first_id);
    let reply_id = reply["id"].as_i64().unwrap();
    assert!(reply_id > first_id && reply["seqno"].as_i64().is_some());
    let read = with(a, &["community", "read", &server, "lobby"]);
    let shown = by_id(&read, reply_id).unwrap();
    assert_eq!(shown["text"], "agreed, alice");
    assert_eq!(shown["author"], bob_15.as_str());
    assert_eq!(shown["quote"]["id"], first_id, "{shown}");
    assert_eq!(shown["quote"]["author"], alice_15.as_str());
    let hello = by_id(&read, first_id).unwrap();
    let posted_ms = (hello["posted"].as_f64().unwrap() * 1000.0).floor() as u64;
    assert_eq!(shown["quote"]["timestamp"], posted_ms);
    assert_eq!(hello["quote"], Value::Null);
    assert_eq!(hello["reactions"]["👍"], 1);

    // Alice deletes her post; Bob cannot delete her second one, nor she his reply.
    let deleted = with(a, &["community", "delete", &server, "lobby", &fid]);
    assert_eq!(
        deleted,
        j!({"url": lobby, "room": "lobby", "id": first_id, "deleted": true})
    );
    let since = first_seqno.to_string();
    let changes = with(
        a,
        &["community", "read", &server, "lobby", "--since", &since],
    );
    let gone = by_id(&changes, first_id).unwrap();
    assert_eq!((&gone["deleted"], &gone["text"]), (&j!(true), &Value::Null));
    let recent = with(b, &["community", "read", &server, "lobby"]);
    assert!(by_id(&recent, first_id).is_none(), "{recent}");
    let err = fails(a, &["community", "delete", &server, "lobby", &fid]);
    assert!(err.contains("has no message"), "{err}");

    let second = with(a, &["community", "send", &server, "lobby", "still here"]);
    let sid = second["id"].as_i64().unwrap().to_string();
    let err = fails(b, &["community", "delete", &server, "lobby", &sid]);
    assert!(
        err.contains("only its author or a moderator can delete it"),
        "{err}"
    );
    let rid = reply_id.to_string();
    let err = fails(a, &["community", "delete", &server, "lobby", &rid]);
    assert!(err.contains("only its author or a moderator"), "{err}");

    // Made a moderator of the room, Alice deletes Bob's reply.
    let made = reqwest::Client::new()
        .post(format!("{admin}/admin/community/moderator"))
        .json(&j!({"session_id": alice_05, "room": "lobby", "admin": false}))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success(), "{:?}", made.text().await);
    let deleted = with(a, &["community", "delete", &lobby, "lobby", &rid]);
    assert_eq!(deleted["deleted"], true);
    let recent = with(b, &["community", "read", &server, "lobby"]);
    assert!(by_id(&recent, reply_id).is_none(), "{recent}");
    assert!(by_id(&recent, second["id"].as_i64().unwrap()).is_some());

    // Bob writes to Alice's blinded ID; each reads it from their own side of the server.
    let sent = with(b, &["community", "dm", &server, &alice_15, "psst, alice"]);
    assert_eq!(sent["server"], server.as_str());
    assert_eq!(sent["recipient"], alice_15.as_str());
    let dm_id = sent["id"].as_i64().unwrap();
    assert!(sent["posted"].as_f64().unwrap() > 0.0);

    let inbox = with(a, &["community", "inbox", &server]);
    assert_eq!(inbox["server"], server.as_str());
    assert_eq!(inbox["skipped"], 0);
    assert_eq!(
        inbox["messages"],
        j!([{
            "id": dm_id, "sender": bob_05, "blinded_sender": bob_15, "recipient": alice_15,
            "posted": sent["posted"], "text": "psst, alice", "outgoing": false,
        }])
    );
    let outbox = with(b, &["community", "inbox", &lobby]);
    let mine = &outbox["messages"][0];
    assert_eq!(outbox["messages"].as_array().unwrap().len(), 1, "{outbox}");
    assert_eq!(
        (
            &mine["id"],
            &mine["outgoing"],
            &mine["sender"],
            &mine["recipient"]
        ),
        (&j!(dm_id), &j!(true), &j!(bob_05), &j!(alice_15))
    );
    assert_eq!(mine["text"], "psst, alice");
    let newer = with(
        a,
        &["community", "inbox", &server, "--since", &dm_id.to_string()],
    );
    assert_eq!(newer["messages"], j!([]));

    // A blinded ID the server has never seen is refused by name, and one that is no key at
    // all before anything is sent.
    let key = hex_of(&community.x25519);
    let stranger = ok_json(&[
        "debug",
        "blind",
        "--seed",
        &"07".repeat(16),
        "--server-pubkey",
        &key,
    ]);
    let stranger = stranger["blind15"].as_str().unwrap();
    let err = fails(b, &["community", "dm", &server, stranger, "hello?"]);
    assert!(err.contains("not known to this server"), "{err}");
    let no_key = format!("15{}", "ab".repeat(32));
    let err = fails(b, &["community", "dm", &server, &no_key, "hello?"]);
    assert!(err.contains("could not be encrypted"), "{err}");
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
