//! The chat commands run as the real `session-cli` process: arguments, profile files, exit
//! codes and error messages, and a conversation through a relay and directly to the nodes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
mod common;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A relay URL nobody listens on.
const DEAD_RELAY: &str = "http://127.0.0.1:9";

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("session-cli runs")
}

fn ok_json(args: &[&str]) -> Value {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one JSON document: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Runs a command that must fail with exit code 1; returns its stderr.
fn fails(args: &[&str]) -> String {
    let out = cli(args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    err
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_whoami_and_restore_manage_the_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let created = ok_json(&["--profile", path(&a), "init"]);
    let id = created["session_id"].as_str().unwrap().to_owned();
    assert!(id.len() == 66 && id.starts_with("05"), "{id}");
    let words = created["mnemonic"].as_str().unwrap().to_owned();
    assert_eq!(words.split(' ').count(), 13);
    #[cfg(unix)]
    {
        assert_eq!(mode(&a), 0o700);
        assert_eq!(mode(&a.join("keys.json")), 0o600);
    }
    let err = fails(&["--profile", path(&a), "init"]);
    assert!(
        err.contains("already holds an account") && err.contains(&id),
        "{err}"
    );

    let me = ok_json(&["--profile", path(&a), "whoami"]);
    assert_eq!(me["session_id"], id.as_str());
    assert_eq!(me["ed25519_pubkey"].as_str().map(str::len), Some(64));
    assert_eq!(me["x25519_pubkey"].as_str(), Some(&id[2..]));

    // The same account on a second device, as often as asked; another account is refused.
    let b = tmp.path().join("b");
    for _ in 0..2 {
        let restored = ok_json(&["--profile", path(&b), "restore", "--words", &words]);
        assert_eq!(restored["session_id"], id.as_str());
        assert_eq!(restored["mnemonic"], words.as_str());
    }
    let other = ok_json(&["--profile", path(&tmp.path().join("c")), "init"]);
    let err = fails(&[
        "--profile",
        path(&b),
        "restore",
        "--words",
        other["mnemonic"].as_str().unwrap(),
    ]);
    assert!(err.contains("already holds an account"), "{err}");
    let err = fails(&["--profile", path(&b), "restore", "--words", "not a phrase"]);
    assert!(err.contains("not a valid recovery phrase"), "{err}");

    // Keys others can read are refused, as ssh does.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let keys = a.join("keys.json");
        std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = fails(&["--profile", path(&a), "whoami"]);
        assert!(err.contains("chmod 600"), "{err}");
    }

    let err = fails(&["--profile", path(&tmp.path().join("none")), "whoami"]);
    assert!(err.contains("init"), "{err}");
    let err = fails(&["whoami"]);
    assert!(err.contains("--profile"), "{err}");
}

#[test]
fn send_and_receive_fail_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let me = ok_json(&["--profile", path(&a), "init"]);
    let me = me["session_id"].as_str().unwrap();
    let dir = path(&a);

    // Bad input is refused before any network is involved (the relay given is dead).
    let err = fails(&[
        "--relay",
        DEAD_RELAY,
        "--profile",
        dir,
        "send",
        "05abc",
        "hi",
    ]);
    assert!(err.contains("not a Session ID"), "{err}");
    let blinded = format!("15{}", &me[2..]);
    let err = fails(&[
        "--relay",
        DEAD_RELAY,
        "--profile",
        dir,
        "send",
        &blinded,
        "hi",
    ]);
    assert!(err.contains("not a Session ID"), "{err}");
    let too_long = "é".repeat(2_001);
    let err = fails(&[
        "--relay",
        DEAD_RELAY,
        "--profile",
        dir,
        "send",
        me,
        &too_long,
    ]);
    assert!(
        err.contains("2001 characters") && err.contains("2000"),
        "{err}"
    );
    let err = fails(&["--relay", DEAD_RELAY, "--profile", dir, "send", me, "  "]);
    assert!(err.contains("empty"), "{err}");

    // 2,000 characters are fine: this one fails only on the network.
    let longest = "é".repeat(2_000);
    for args in [
        vec![
            "--relay",
            DEAD_RELAY,
            "--profile",
            dir,
            "send",
            me,
            longest.as_str(),
        ],
        vec!["--relay", DEAD_RELAY, "--profile", dir, "receive"],
    ] {
        let err = fails(&args);
        assert!(
            err.contains("cannot reach the relay at http://127.0.0.1:9"),
            "{err}"
        );
    }

    let err = fails(&["--profile", dir, "receive"]);
    assert!(err.contains("--relay") && err.contains("--seed"), "{err}");
    let err = fails(&[
        "--seed",
        "https://seed1.getsession.org:4443/",
        "--profile",
        dir,
        "receive",
    ]);
    assert!(err.contains("pinned") && err.contains("--relay"), "{err}");
    let err = fails(&[
        "--relay",
        DEAD_RELAY,
        "--seed",
        "https://127.0.0.1:9/",
        "--profile",
        dir,
        "receive",
    ]);
    assert!(err.contains("not both"), "{err}");
    // Nothing was left in the outbox by the failures.
    assert!(
        !a.join("state.json").exists() || {
            let state: Value =
                serde_json::from_str(&std::fs::read_to_string(a.join("state.json")).unwrap())
                    .unwrap();
            state["networks"].as_object().is_none_or(|n| {
                n.values()
                    .all(|v| v["outbox"].as_array().is_none_or(Vec::is_empty))
            })
        }
    );
}

/// Runs a `receive` command until it prints something (at most 10 times).
async fn receive_until_some(args: &[&str]) -> Vec<Value> {
    for _ in 0..10 {
        let batch = ok_json(args);
        let got = batch.as_array().unwrap();
        if !got.is_empty() {
            return got.clone();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Vec::new()
}

/// A relay with its local network, and two new accounts in their own profiles.
struct Pair {
    _data: tempfile::TempDir,
    relay: session_relay::Relay,
    url: String,
    seed: String,
    tmp: tempfile::TempDir,
    a: std::path::PathBuf,
    b: std::path::PathBuf,
    alice: String,
    bob: String,
}

impl Pair {
    async fn start() -> Pair {
        let data = tempfile::tempdir().unwrap();
        let relay = common::local_relay(data.path()).await;
        let url = format!("http://{}", relay.local_addr());
        let seed = relay.local_network().unwrap().net().seed_url();
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
        let id = |p: &Path| {
            ok_json(&["--profile", path(p), "init"])["session_id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (alice, bob) = (id(&a), id(&b));
        Pair {
            _data: data,
            relay,
            url,
            seed,
            tmp,
            a,
            b,
            alice,
            bob,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_chat_through_the_relay_and_directly() {
    let pair = Pair::start().await;
    let (url, seed) = (pair.url.as_str(), pair.seed.as_str());
    let (a, b) = (path(&pair.a), path(&pair.b));
    let (alice, bob) = (pair.alice.clone(), pair.bob.clone());

    // Alice goes through the relay; Bob talks to the nodes directly.
    let sent = ok_json(&["--relay", url, "--profile", a, "send", &bob, "hello", "Bob"]);
    assert_eq!(sent["to"], bob.as_str());
    assert_eq!(sent["sync"], "stored");
    let got = receive_until_some(&["--seed", seed, "--profile", b, "receive"]).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let m = &got[0];
    assert_eq!(m["from"], alice.as_str());
    assert_eq!(m["text"], "hello Bob");
    assert_eq!(m["hash"], sent["hash"]);
    assert_eq!(m["timestamp"], sent["timestamp"]);
    assert_eq!(m["direction"], "incoming");
    assert_eq!(
        ok_json(&["--seed", seed, "--profile", b, "receive"]),
        Value::Array(vec![])
    );

    // Alice listens (a separate process) while Bob answers; Ctrl-C ends it cleanly.
    let mut listener = Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args([
            "--relay",
            url,
            "--profile",
            a,
            "listen",
            "--interval",
            "0.2",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    ok_json(&["--seed", seed, "--profile", b, "send", &alice, "hi Alice"]);
    let mut lines = BufReader::new(listener.stdout.take().unwrap()).lines();
    let line = tokio::task::spawn_blocking(move || lines.next().unwrap().unwrap())
        .await
        .unwrap();
    let m: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(m["from"], bob.as_str());
    assert_eq!(m["text"], "hi Alice");
    let pid = listener.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let status = tokio::task::spawn_blocking(move || listener.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "listen exits 0 on Ctrl-C: {status}");
    // What listen printed is not printed again.
    assert_eq!(
        ok_json(&["--relay", url, "--profile", a, "receive"]),
        Value::Array(vec![])
    );
    pair.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_go_from_process_to_process() {
    let pair = Pair::start().await;
    let (url, seed, tmp) = (pair.url.as_str(), pair.seed.as_str(), &pair.tmp);
    let (a, b) = (path(&pair.a), path(&pair.b));
    let bob = pair.bob.clone();
    let photo = tmp.path().join("photo.jpg");
    let jpeg: Vec<u8> = b"\xff\xd8\xff\xe0"
        .iter()
        .copied()
        .chain((0..50_000u32).map(|i| (i % 256) as u8))
        .collect();
    std::fs::write(&photo, &jpeg).unwrap();
    let doc = tmp.path().join("report.pdf");
    std::fs::write(&doc, b"%PDF-1.4 not much of a report").unwrap();

    // Checked before the network: a missing file, and no file server without a relay.
    let err = fails(&[
        "--relay",
        DEAD_RELAY,
        "--profile",
        a,
        "send",
        &bob,
        "x",
        "--attach",
        "/nonexistent/f",
    ]);
    assert!(err.contains("cannot read /nonexistent/f"), "{err}");
    let err = fails(&[
        "--seed",
        seed,
        "--profile",
        a,
        "send",
        &bob,
        "--attach",
        path(&photo),
    ]);
    assert!(err.contains("--relay"), "{err}");

    let sent = ok_json(&[
        "--relay",
        url,
        "--profile",
        a,
        "send",
        &bob,
        "the photo and the report",
        "--attach",
        path(&photo),
        "--attach",
        path(&doc),
    ]);
    assert_eq!(
        sent["attachments"].as_array().map(Vec::len),
        Some(2),
        "{sent}"
    );

    // Bob reaches the nodes directly and still finds the file server: the URLs name it.
    let downloads = tmp.path().join("downloads");
    let got = receive_until_some(&[
        "--seed",
        seed,
        "--profile",
        b,
        "receive",
        "--download-dir",
        path(&downloads),
    ])
    .await;
    assert_eq!(got.len(), 1, "{got:?}");
    let m = &got[0];
    assert_eq!(m["text"], "the photo and the report");
    let atts = m["attachments"].as_array().unwrap();
    let want = [
        ("photo.jpg", "image/jpeg", &jpeg[..]),
        (
            "report.pdf",
            "application/pdf",
            &b"%PDF-1.4 not much of a report"[..],
        ),
    ];
    for (a, (name, ctype, bytes)) in atts.iter().zip(want) {
        assert_eq!(a["name"], name, "{a}");
        assert_eq!(a["content_type"], ctype, "{a}");
        assert_eq!(a["size"], bytes.len(), "{a}");
        assert_eq!(a["digest_ok"], true, "{a}");
        let p = Path::new(a["path"].as_str().unwrap());
        assert_eq!(p, downloads.join(name));
        assert_eq!(std::fs::read(p).unwrap(), bytes);
    }
    pair.relay.shutdown().await;
}
