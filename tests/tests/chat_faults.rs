//! Every message arrives exactly once when the local network misbehaves: a third of the nodes
//! down, a forced swarm move, members of the recipient's swarm lying about stores, a node's
//! clock two minutes off, a guard dying mid-request, a reply dropped after the store, and the
//! relay restarted between send and receive. All over real HTTPS and real onion requests,
//! through the CLI's own commands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{receive_exactly, receive_once, send_ok, texts_between, Net, User};
use session_cli::commands::send;
use session_cli::network::Connection;
use session_cli::transport::NativeTransport;
use session_core::client::{HttpReply, NodeRecord, Transport, TransportError};
use session_localnet::{Faults, StoreLie};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

/// Alice and Bob, each having talked to the network once (node list, paths, both swarms
/// cached), and a first message each way delivered.
async fn warmed_up(net: &Net) -> (User, User) {
    let alice = net.init("alice").await;
    let bob = net.init("bob").await;
    send_ok(&net.conn, &alice, &bob, "warm-up a").await;
    send_ok(&net.conn, &bob, &alice, "warm-up b").await;
    receive_exactly(&net.conn, &bob, &["warm-up a"]).await;
    receive_exactly(&net.conn, &alice, &["warm-up b"]).await;
    (alice, bob)
}

/// Alice sends `a_texts` to Bob and Bob `b_texts` to Alice (over `conn`), then each receives:
/// every message exactly once.
async fn exchange<T: Transport>(
    conn: &Connection<T>,
    plain: &Connection<NativeTransport>,
    alice: &User,
    bob: &User,
    a_texts: &[&str],
    b_texts: &[&str],
) {
    for t in a_texts {
        send_ok(conn, alice, bob, t).await;
    }
    for t in b_texts {
        send_ok(plain, bob, alice, t).await;
    }
    let got = receive_exactly(plain, bob, a_texts).await;
    assert_eq!(texts_between(&got, alice, bob, "incoming"), a_texts);
    let got = receive_exactly(plain, alice, b_texts).await;
    assert_eq!(texts_between(&got, bob, alice, "incoming"), b_texts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_third_of_the_nodes_down() {
    let net = Net::start(18).await;
    let (alice, bob) = warmed_up(&net).await;
    // The victims: both users' guards first (their paths must be rebuilt), then others, never
    // more than half of one swarm (a swarm with no live member holds nothing).
    let swarm_of = net.swarm_ids_by_node();
    let mut down_per_swarm: HashMap<u64, usize> = HashMap::new();
    let mut victims: Vec<String> = Vec::new();
    let mut candidates = net.guards(&alice);
    candidates.extend(net.guards(&bob));
    candidates.extend(net.localnet().nodes().iter().map(|n| n.ed25519_hex()));
    for node in candidates {
        let swarm = swarm_of[&node];
        let members = swarm_of.values().filter(|s| **s == swarm).count();
        let down = down_per_swarm.entry(swarm).or_default();
        if victims.len() < 6 && !victims.contains(&node) && (*down + 1) * 2 <= members {
            *down += 1;
            victims.push(node);
        }
    }
    assert_eq!(victims.len(), 6, "a third of 18");
    let faults = net.faults();
    for v in &victims {
        faults.set_node_down(v, true).await.unwrap();
    }
    exchange(
        &net.conn,
        &net.conn,
        &alice,
        &bob,
        &["down 1", "down 2", "down 3"],
        &["down 4", "down 5"],
    )
    .await;
    for g in net.guards(&alice).iter().chain(&net.guards(&bob)) {
        assert!(!victims.contains(g), "a dead guard is still in use");
    }
    eprintln!("third-down test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// The members (Ed25519 hex, sorted) `u` has cached for `account`'s swarm.
fn cached_swarm(u: &User, account: &User) -> Vec<String> {
    let (state, _) = u.profile.load_state().unwrap().network("local").unwrap();
    let mut cached: Vec<String> = state
        .swarm(&account.id)
        .iter()
        .map(|n| n.to_hex())
        .collect();
    cached.sort();
    cached
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forced_swarm_move() {
    let net = Net::start(12).await;
    let (alice, bob) = warmed_up(&net).await;
    let localnet = net.localnet();
    let from = localnet.swarm_of(&bob.pubkey33()).unwrap();
    // The network changes: a new swarm of three nodes at Bob's place on the ring. Neither
    // client hears of it but from the nodes (the relay's own list is ten minutes old at best).
    let to = net.faults().move_account(&bob.id).unwrap();
    assert_ne!(to, from);
    assert_eq!(localnet.swarm_of(&bob.pubkey33()), Some(to));
    exchange(
        &net.conn,
        &net.conn,
        &alice,
        &bob,
        &["moved 1", "moved 2", "moved 3"],
        &["moved 4"],
    )
    .await;
    // Both clients follow the move: Bob's own cache and Alice's cache of Bob's swarm are the
    // new swarm.
    let mut members = net.swarm_of(&bob);
    members.sort();
    assert_eq!(members.len(), 3);
    assert_eq!(cached_swarm(&bob, &bob), members, "Bob's own cache moved");
    assert_eq!(cached_swarm(&alice, &bob), members, "Alice's cache moved");
    eprintln!("swarm-move test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// Alice and Bob on different swarms (her sync copies then meet none of the liars of Bob's
/// swarm, and every lie counted is about a message to Bob), a first message delivered.
async fn apart(net: &Net) -> (User, User) {
    let alice = net.init("alice").await;
    let mut bob = net.init("bob").await;
    for i in 0.. {
        if net.swarm_of(&bob) != net.swarm_of(&alice) {
            break;
        }
        assert!(i < 20, "no account outside Alice's swarm");
        bob = net.init(&format!("bob-{i}")).await;
    }
    send_ok(&net.conn, &alice, &bob, "warm-up").await;
    receive_exactly(&net.conn, &bob, &["warm-up"]).await;
    (alice, bob)
}

/// With `liars` (members of Bob's swarm) telling `lie` to every store and the rest honest,
/// Alice sends to Bob until one of the liars was asked (the client may reach an honest member
/// first): every send succeeds, each message arrives exactly once, and Alice's cache of Bob's
/// swarm holds only its real members.
async fn sent_past_liars(net: &Net, alice: &User, bob: &User, lie: StoreLie, liars: &[String]) {
    let faults = net.faults();
    let members = net.swarm_of(bob);
    for m in &members {
        faults
            .set_store_lie(m, liars.contains(m).then_some(lie))
            .unwrap();
    }
    let told = || -> u64 { liars.iter().map(|n| faults.lies_told(n).unwrap()).sum() };
    let before = told();
    let mut sent = Vec::new();
    while told() == before {
        assert!(sent.len() < 20, "{lie:?}: no liar was ever asked");
        let text = format!("{} {}", lie.name(), sent.len());
        let reply = send_ok(&net.conn, alice, bob, &text).await;
        sent.push((text, reply));
    }
    let want: Vec<&str> = sent.iter().map(|(t, _)| t.as_str()).collect();
    let got = receive_exactly(&net.conn, bob, &want).await;
    for (text, reply) in &sent {
        let m = got.iter().find(|m| m["text"] == text.as_str()).unwrap();
        assert_eq!(m["hash"], reply["hash"], "{text}");
    }
    // Alice still places Bob where he lives: no liar's word moved him.
    let cached = cached_swarm(alice, bob);
    assert!(!cached.is_empty(), "{lie:?}");
    assert!(
        cached.iter().all(|n| members.contains(n)),
        "{lie:?}: Alice's cache of Bob's swarm is {cached:?}, not within {members:?}"
    );
    for m in &members {
        faults.set_store_lie(m, None).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lying_members_are_passed_over() {
    let net = Net::start(12).await;
    let (alice, bob) = apart(&net).await;
    let members = net.swarm_of(&bob);
    // Claims of a store without its proof, and a 421 naming another swarm: every member but
    // one lies, another one each time.
    for (i, lie) in [
        StoreLie::EmptyResults,
        StoreLie::WrongHash,
        StoreLie::BadSignature,
        StoreLie::MadeUpSwarm,
    ]
    .into_iter()
    .enumerate()
    {
        let honest = &members[i % members.len()];
        let liars: Vec<String> = members.iter().filter(|m| *m != honest).cloned().collect();
        sent_past_liars(&net, &alice, &bob, lie, &liars).await;
    }
    eprintln!("lying-members test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_node_two_minutes_off() {
    let net = Net::start(12).await;
    let (alice, bob) = warmed_up(&net).await;
    // A member of Bob's swarm, two minutes behind: it refuses stores (their timestamps are in
    // its future) and signed retrieves (outside its ±60 s window). Stores to Bob and Bob's
    // polls (two of its members each time) meet it.
    let skewed = net.swarm_of(&bob)[0].clone();
    net.faults().set_clock_skew(&skewed, -120_000).unwrap();
    exchange(
        &net.conn,
        &net.conn,
        &alice,
        &bob,
        &["skew 1", "skew 2", "skew 3", "skew 4"],
        &["skew 5", "skew 6"],
    )
    .await;
    // More polls, each meeting the skewed node with some chance, still print nothing twice.
    for _ in 0..3 {
        assert!(receive_once(&net.conn, &bob).await.is_empty());
    }
    // One skewed node does not drag the clients' clocks along.
    let (state, _) = bob.profile.load_state().unwrap().network("local").unwrap();
    assert!(
        state.clock_offset_ms().abs() < 60_000,
        "{}",
        state.clock_offset_ms()
    );
    eprintln!("clock-skew test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// The real transport, except that the first onion request sent while armed is held at its
/// guard (a stall) and the guard is then taken down: the guard dies mid-request.
struct GuardDies {
    inner: NativeTransport,
    faults: Faults,
    armed: Cell<bool>,
    killed: RefCell<Option<String>>,
}

impl Transport for GuardDies {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        if !self.armed.replace(false) {
            return self.inner.send_onion(guard, body).await;
        }
        let node = guard.ed25519.to_hex();
        self.faults
            .set_onion_stall(&node, Some(Duration::from_secs(20)))
            .unwrap();
        let kill = async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            self.faults.set_node_down(&node, true).await.unwrap();
            self.faults.set_onion_stall(&node, None).unwrap();
        };
        let (reply, ()) = tokio::join!(self.inner.send_onion(guard, body), kill);
        *self.killed.borrow_mut() = Some(node);
        reply
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        self.inner.seed(body).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guard_dying_mid_request() {
    let net = Net::start(12).await;
    let (alice, bob) = warmed_up(&net).await;
    let dying = net.conn.with_transport(GuardDies {
        inner: net.conn.transport.clone(),
        faults: net.faults(),
        armed: Cell::new(true),
        killed: RefCell::new(None),
    });
    // Alice's send: its first onion request (the store, since the swarm is cached) dies with
    // its guard; the client drops that path and stores the same bytes over the other one.
    let reply = send_ok(&dying, &alice, &bob, "guard 1").await;
    let killed = dying
        .transport
        .killed
        .borrow()
        .clone()
        .expect("the fault fired");
    assert_eq!(reply["sync"], "stored", "{reply}");
    assert!(
        !net.guards(&alice).contains(&killed),
        "the dead guard's path is gone"
    );
    receive_exactly(&net.conn, &bob, &["guard 1"]).await;
    // Carrying on with the guard still dead: its other users (perhaps Bob) route around it.
    exchange(
        &net.conn,
        &net.conn,
        &alice,
        &bob,
        &["guard 2", "guard 3"],
        &["guard 4"],
    )
    .await;
    eprintln!("guard-death test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// The real transport, except that once armed, every member of the recipient's swarm drops
/// its reply after storing, until the first failed reply comes back: the first store is
/// guaranteed to land with its reply lost.
struct ReplyDropped {
    inner: NativeTransport,
    faults: Faults,
    nodes: Vec<String>,
    dropped: Cell<u32>,
}

impl ReplyDropped {
    fn set(&self, on: bool) {
        for n in &self.nodes {
            self.faults.set_drop_reply_after_store(n, on).unwrap();
        }
    }
}

impl Transport for ReplyDropped {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        let reply = self.inner.send_onion(guard, body).await;
        let failed = !matches!(&reply, Ok(r) if r.status == 200 && r.relay_error.is_none());
        if failed && self.dropped.get() == 0 {
            self.dropped.set(1);
            self.set(false);
        }
        reply
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        self.inner.seed(body).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_dropped_after_the_store() {
    let net = Net::start(12).await;
    let (alice, bob) = warmed_up(&net).await;
    let dropping = net.conn.with_transport(ReplyDropped {
        inner: net.conn.transport.clone(),
        faults: net.faults(),
        nodes: net.swarm_of(&bob),
        dropped: Cell::new(0),
    });
    dropping.transport.set(true);
    // The first store lands but its answer is lost; the client stores the same bytes again
    // elsewhere (same hash, which the swarm keeps once) and reports success.
    let first = send_ok(&dropping, &alice, &bob, "dropped 1").await;
    assert_eq!(dropping.transport.dropped.get(), 1, "the fault fired");
    let got = receive_exactly(&net.conn, &bob, &["dropped 1"]).await;
    assert_eq!(got[0]["hash"], first["hash"]);
    // The same again, the other way round.
    let back = net.conn.with_transport(ReplyDropped {
        inner: net.conn.transport.clone(),
        faults: net.faults(),
        nodes: net.swarm_of(&alice),
        dropped: Cell::new(0),
    });
    back.transport.set(true);
    send_ok(&back, &bob, &alice, "dropped 2").await;
    assert_eq!(back.transport.dropped.get(), 1, "the fault fired");
    receive_exactly(&net.conn, &alice, &["dropped 2"]).await;
    eprintln!("dropped-reply test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_restarted_between_send_and_receive() {
    let mut net = Net::start(12).await;
    let (alice, bob) = warmed_up(&net).await;
    send_ok(&net.conn, &alice, &bob, "before restart 1").await;
    send_ok(&net.conn, &alice, &bob, "before restart 2").await;
    net.stop_relay().await;
    // While it is down, sending fails with a clear message and nothing is half-sent.
    let err = send::send(&bob.profile, &net.conn, &alice.id, "while down")
        .await
        .unwrap_err();
    assert!(err.0.contains("message not sent"), "{err}");
    let (_, outbox) = bob.profile.load_state().unwrap().network("local").unwrap();
    assert!(
        outbox.is_empty(),
        "a reported failure is not retried behind the user's back"
    );
    net.start_relay().await;
    let got = receive_exactly(&net.conn, &bob, &["before restart 1", "before restart 2"]).await;
    assert_eq!(
        texts_between(&got, &alice, &bob, "incoming"),
        ["before restart 1", "before restart 2"]
    );
    exchange(
        &net.conn,
        &net.conn,
        &alice,
        &bob,
        &["after 1"],
        &["after 2"],
    )
    .await;
    eprintln!("relay-restart test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}

/// The storage server's overload answers (network.md §4.9, §8.2–§8.3), as the official apps
/// take them: a guard answering `503 Server busy` costs its path a strike and another path is
/// used; a destination answering the encrypted `503 Snode not ready` is struck and another
/// member of the swarm stores the message. Nothing is lost or doubled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_guards_and_members_that_are_not_ready_are_passed_over() {
    let net = Net::start(12).await;
    let (alice, bob) = apart(&net).await;
    let faults = net.faults();
    // Two members of Bob's swarm are not ready as destinations.
    let members = net.swarm_of(&bob);
    for m in &members[..2] {
        faults.set_not_ready_as_destination(m, true).unwrap();
    }
    // And one of Alice's guards is overloaded.
    let busy = net.guards(&alice)[0].clone();
    faults.set_busy(&busy, true).unwrap();
    let texts = ["busy 1", "busy 2", "busy 3", "busy 4"];
    for t in texts {
        send_ok(&net.conn, &alice, &bob, t).await;
    }
    for m in &members[..2] {
        faults.set_not_ready_as_destination(m, false).unwrap();
    }
    faults.set_busy(&busy, false).unwrap();
    receive_exactly(&net.conn, &bob, &texts).await;
    eprintln!("overload test done in {:.1} s", net.elapsed());
    net.shutdown().await;
}
