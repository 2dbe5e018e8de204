//! Two accounts chat through the CLI's commands over a real relay and local network (real
//! HTTPS, real onion requests), and a second device restored from the same recovery phrase
//! sees the sync copies of what the first sent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{receive_exactly, receive_once, send_ok, texts_between, Net};
use session_cli::commands::listen;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accounts_chat_both_ways_and_a_restored_device_sees_the_sync_copies() {
    let net = Net::start(12).await;
    let conn = &net.conn;
    let alice = net.init("alice").await;
    let bob = net.init("bob").await;
    assert_ne!(alice.id, bob.id);

    // Nothing yet.
    assert!(receive_once(conn, &bob).await.is_empty());

    let first = send_ok(conn, &alice, &bob, "hello Bob").await;
    assert_eq!(first["sync"], "stored", "{first}");
    send_ok(conn, &alice, &bob, "are you there?").await;
    let got = receive_exactly(conn, &bob, &["hello Bob", "are you there?"]).await;
    assert_eq!(
        texts_between(&got, &alice, &bob, "incoming"),
        ["hello Bob", "are you there?"],
        "in the order sent"
    );
    let hello = got.iter().find(|m| m["text"] == "hello Bob").unwrap();
    assert_eq!(hello["hash"], first["hash"]);
    assert_eq!(hello["timestamp"], first["timestamp"]);

    send_ok(conn, &bob, &alice, "yes, hi Alice").await;
    let got = receive_exactly(conn, &alice, &["yes, hi Alice"]).await;
    assert_eq!(
        texts_between(&got, &bob, &alice, "incoming"),
        ["yes, hi Alice"]
    );

    // A second device of Alice's, restored from her phrase, sees both sides of the chat: Bob's
    // message, and the sync copies of what the first device sent (to Bob).
    let alice2 = net.restore("alice-phone", &alice.mnemonic).await;
    assert_eq!(alice2.id, alice.id);
    let got = receive_exactly(
        conn,
        &alice2,
        &["hello Bob", "are you there?", "yes, hi Alice"],
    )
    .await;
    assert_eq!(
        texts_between(&got, &alice, &bob, "outgoing"),
        ["hello Bob", "are you there?"]
    );
    assert_eq!(
        texts_between(&got, &bob, &alice, "incoming"),
        ["yes, hi Alice"]
    );

    // What the second device sends reaches Bob, and its sync copy reaches the first device.
    send_ok(conn, &alice2, &bob, "typed on my phone").await;
    let got = receive_exactly(conn, &bob, &["typed on my phone"]).await;
    assert_eq!(
        texts_between(&got, &alice, &bob, "incoming"),
        ["typed on my phone"]
    );
    let got = receive_exactly(conn, &alice, &["typed on my phone"]).await;
    assert_eq!(
        texts_between(&got, &alice, &bob, "outgoing"),
        ["typed on my phone"]
    );
    // The sender's own device never shows its own sync copy.
    assert!(receive_once(conn, &alice2).await.is_empty());

    eprintln!("chat test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// A `Write` the test can read while `listen` holds it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn lines(&self) -> Vec<serde_json::Value> {
        let bytes = self.0.borrow();
        let text = std::str::from_utf8(&bytes).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).expect("each line is one JSON message"))
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listen_prints_each_message_once_while_send_uses_the_same_profile() {
    let net = Net::start(12).await;
    let conn = &net.conn;
    let alice = net.init("alice").await;
    let bob = net.init("bob").await;
    // Bob's first contact sets up his node list and paths.
    assert!(receive_once(conn, &bob).await.is_empty());

    let out = Shared::default();
    let mut writer = out.clone();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let listening = listen::listen(
        &bob.profile,
        conn,
        &mut writer,
        Duration::from_millis(200),
        async {
            let _ = stop_rx.await;
        },
    );
    let texts = ["one", "two", "three"];
    let driving = async {
        for t in texts {
            send_ok(conn, &alice, &bob, t).await;
        }
        // Bob answers from the profile `listen` is using: the two take turns on its lock.
        send_ok(conn, &bob, &alice, "got them").await;
        for _ in 0..100 {
            if out.lines().len() >= texts.len() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A few more rounds must print nothing new.
        tokio::time::sleep(Duration::from_millis(700)).await;
        stop_tx.send(()).unwrap();
    };
    let (listened, ()) = tokio::join!(listening, driving);
    listened.expect("listen ends cleanly when stopped");
    let lines = out.lines();
    common::assert_exactly(&lines, &texts);
    // Bob's own reply is not shown to him, and what listen printed receive does not repeat.
    assert!(receive_once(conn, &bob).await.is_empty());
    receive_exactly(conn, &alice, &["got them"]).await;
    net.shutdown().await;
}

/// The real transport until it has forwarded one onion request; then it never answers again,
/// like a process killed while waiting for the reply to a store that did land.
struct DiesAfterForwarding {
    inner: session_cli::transport::NativeTransport,
    forwarded: std::cell::Cell<bool>,
}

impl session_core::client::Transport for DiesAfterForwarding {
    async fn send_onion(
        &self,
        guard: &session_core::client::NodeRecord,
        body: Vec<u8>,
    ) -> Result<session_core::client::HttpReply, session_core::client::TransportError> {
        if !self.forwarded.get() {
            let _ = self.inner.send_onion(guard, body).await;
            self.forwarded.set(true);
        }
        std::future::pending().await
    }

    async fn seed(
        &self,
        body: Vec<u8>,
    ) -> Result<session_core::client::HttpReply, session_core::client::TransportError> {
        self.inner.seed(body).await
    }
}

/// Output whose reader went away (a closed pipe): what is written is kept here, but the
/// flush fails, as writing to a closed pipe does.
#[derive(Default)]
struct LostOutput(Vec<u8>);

impl Write for LostOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_commands_lose_nothing_and_duplicate_nothing() {
    let net = Net::start(12).await;
    let conn = &net.conn;
    let alice = net.init("alice").await;
    let bob = net.init("bob").await;
    send_ok(conn, &alice, &bob, "first").await;
    receive_exactly(conn, &bob, &["first"]).await;

    // Alice's send is cut off after its store reached the swarm but before the answer: the
    // command never reports anything.
    let dying = conn.with_transport(DiesAfterForwarding {
        inner: conn.transport.clone(),
        forwarded: std::cell::Cell::new(false),
    });
    let cut = tokio::time::timeout(
        Duration::from_secs(3),
        session_cli::commands::send::send(&alice.profile, &dying, &bob.id, "cut off"),
    )
    .await;
    assert!(cut.is_err(), "the send was interrupted");
    assert!(dying.transport.forwarded.get());
    let (_, outbox) = alice
        .profile
        .load_state()
        .unwrap()
        .network("local")
        .unwrap();
    assert_eq!(outbox.len(), 1, "the message waits in the outbox");

    // Alice's next command stores the same bytes again; Bob gets the message once.
    assert!(receive_once(conn, &alice).await.is_empty());
    let (_, outbox) = alice
        .profile
        .load_state()
        .unwrap()
        .network("local")
        .unwrap();
    assert!(outbox.is_empty(), "delivered");
    // Bob's output goes nowhere: the message is polled, but not recorded as delivered.
    let mut polled = false;
    for _ in 0..12 {
        let mut lost = LostOutput::default();
        let err = session_cli::commands::receive::receive(&bob.profile, conn, &mut lost)
            .await
            .unwrap_err();
        assert!(err.0.contains("cannot write the output"), "{err}");
        if String::from_utf8_lossy(&lost.0).contains("cut off") {
            polled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(polled, "the message was polled while the output was lost");
    let got = receive_exactly(conn, &bob, &["cut off"]).await;
    assert_eq!(texts_between(&got, &alice, &bob, "incoming"), ["cut off"]);
    net.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_display_name_travels_with_messages_but_not_with_sync_copies() {
    use rand_core::OsRng;
    use session_cli::commands::set_name;
    use session_cli::env::TokioEnv;
    use session_core::client::{Client, ClientState};
    use session_core::identity::Identity;
    use session_core::message::receive::Direction;

    let net = Net::start(9).await;
    let conn = &net.conn;
    let alice = net.init("alice").await;
    let bob = net.init("bob").await;
    let named = set_name::set_name(&alice.profile, "  Alice Liddell ")
        .await
        .unwrap();
    assert_eq!(named["display_name"], "Alice Liddell");
    send_ok(conn, &alice, &bob, "who am I?").await;

    // Read what arrived with the engine itself, to see the whole Content.
    let poll_as = |mnemonic: &str| {
        Client::new(
            Identity::from_mnemonic(mnemonic).unwrap(),
            &conn.transport,
            TokioEnv,
            OsRng,
            ClientState::new(),
            conn.config.clone(),
        )
    };
    let bobs = poll_as(&bob.mnemonic);
    let report = bobs.poll().await.unwrap();
    let m = report.events[0].message().expect("a message");
    assert_eq!(m.text.as_deref(), Some("who am I?"));
    let profile = m
        .content
        .data_message
        .as_ref()
        .and_then(|d| d.profile.clone());
    let profile = profile.expect("the profile is attached");
    assert_eq!(profile.display_name.as_deref(), Some("Alice Liddell"));
    assert!(profile.last_profile_update_seconds.unwrap_or(0) > 1_700_000_000);

    // Her other devices get the sync copy without it.
    let alices = poll_as(&alice.mnemonic);
    let report = alices.poll().await.unwrap();
    let sync = report.events[0].message().expect("the sync copy");
    assert_eq!(sync.direction, Direction::Outgoing);
    assert!(sync
        .content
        .data_message
        .as_ref()
        .unwrap()
        .profile
        .is_none());

    // A name is checked before it is stored.
    assert!(set_name::set_name(&alice.profile, "   ").await.is_err());
    assert!(set_name::set_name(&alice.profile, &"n".repeat(101))
        .await
        .is_err());
    net.shutdown().await;
}
