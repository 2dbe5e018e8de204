//! Communities run as real `session-cli` processes through a relay, its local network and the
//! network's community server: the relay offers the default rooms, alice and bob join one,
//! post and read each other, the joined room rides in the account's settings to another
//! device, and bad arguments are refused before any network is involved.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

mod common;
use common::{json, local_relay, ok_json, path};

#[test]
fn community_arguments_are_checked_before_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    ok_json(&["--profile", path(&a), "init"]);
    let dead = "http://127.0.0.1:9";
    let long = "x".repeat(2001);
    for (args, want) in [
        (
            vec!["community", "join", "http://example.org/lobby"],
            "not a community link",
        ),
        (
            vec!["community", "join", "nonsense"],
            "not a community link",
        ),
        (
            vec!["community", "send", "ftp://example.org", "lobby", "hi"],
            "not a community room",
        ),
        (
            vec!["community", "send", "http://example.org", "bad room", "hi"],
            "not a community room",
        ),
        (
            vec!["community", "send", "http://example.org", "lobby", "  "],
            "nothing to post",
        ),
        (
            vec!["community", "send", "http://example.org", "lobby", &long],
            "at most 2000",
        ),
        (
            vec!["community", "read", "http://example.org/x/y", "lobby"],
            "not a community room",
        ),
    ] {
        let mut full = vec!["--relay", dead, "--profile", path(&a)];
        full.extend_from_slice(&args);
        let err = json(&full).unwrap_err();
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_through_the_local_network() {
    let data = tempfile::tempdir().unwrap();
    let relay = local_relay(data.path()).await;
    let url = format!("http://{}", relay.local_addr());
    let info: Value = reqwest::get(format!("{url}/relay/v1/info"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let links: Vec<String> = info["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(links.len(), 2, "{info}");
    let lobby = links
        .iter()
        .find(|l| l.contains("/lobby?public_key="))
        .unwrap();
    let server = lobby.split("/lobby?").next().unwrap().to_owned();

    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    let (a, b) = (path(&a), path(&b));
    let made = ok_json(&["--profile", a, "init", "--name", "Alice"]);
    let phrase = made["mnemonic"].as_str().unwrap().to_owned();
    ok_json(&["--profile", b, "init", "--name", "Bob"]);
    let with = |p: &str, rest: &[&str]| -> Value {
        let mut args = vec!["--relay", url.as_str(), "--profile", p];
        args.extend_from_slice(rest);
        ok_json(&args)
    };

    // Alice joins by the link the relay offers and posts.
    let joined = with(a, &["community", "join", lobby]);
    assert_eq!(joined["name"], "Lobby");
    assert_eq!(joined["room"], "lobby");
    assert_eq!(joined["url"], lobby.as_str());
    let alice_15 = joined["blinded_id"].as_str().unwrap().to_owned();
    assert!(alice_15.starts_with("15"));
    let sent = with(a, &["community", "send", &server, "lobby", "hello room"]);
    assert!(sent["id"].as_i64().unwrap() > 0);
    let first_seqno = sent["seqno"].as_i64().unwrap();

    // Bob cannot post before joining; then joins, reads Alice's post and answers.
    let mut args = vec!["--relay", url.as_str(), "--profile", b];
    args.extend_from_slice(&["community", "send", &server, "lobby", "hi"]);
    assert!(json(&args).unwrap_err().contains("not joined"));
    with(b, &["community", "join", lobby]);
    let read = with(b, &["community", "read", &server, "lobby"]);
    let msgs = read["messages"].as_array().unwrap();
    let hello = msgs.iter().find(|m| m["text"] == "hello room").unwrap();
    assert_eq!(hello["author"], alice_15.as_str());
    assert_eq!(hello["name"], "Alice");
    with(b, &["community", "send", lobby, "lobby", "hi alice"]);

    // Alice reads only what came after her post.
    let since = first_seqno.to_string();
    let newer = with(
        a,
        &["community", "read", &server, "lobby", "--since", &since],
    );
    let texts: Vec<&str> = newer["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(texts, ["hi alice"]);

    let list = with(b, &["community", "list"]);
    assert_eq!(list["communities"][0]["url"], lobby.as_str());

    // The joined room is in Alice's settings: a second device of hers has it.
    {
        let a2 = tmp.path().join("alice2");
        let a2 = path(&a2);
        with(a2, &["restore", "--words", &phrase]);
        let mut rooms = Value::Null;
        for _ in 0..20 {
            rooms = with(a2, &["community", "list"]);
            if rooms["communities"]
                .as_array()
                .is_some_and(|r| !r.is_empty())
            {
                break;
            }
            with(a2, &["receive"]);
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert_eq!(rooms["communities"][0]["url"], lobby.as_str(), "{rooms}");
    }
}
