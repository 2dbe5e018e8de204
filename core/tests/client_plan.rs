//! The engine's poll plan and general store over the simulated network: every namespace of a
//! swarm in one batched request, each row's items to its decoder, signed stores to any
//! namespace with the account's key, a group's admin key or a member's sub-account, per-message
//! TTLs, and namespaces that fail alone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use ed25519_dalek::{Signer as _, SigningKey};
use session_core::client::{
    AccountAuth, ClientError, Decoder, Event, PollEntry, PollError, PollPlan, StoreRequest,
    Subaccount,
};
use session_core::identity::{IdPrefix, SessionId};
use session_core::rpc::{namespace, RpcError};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

const DAY_MS: u64 = 86_400_000;

/// A group: its `03` ID and admin key.
fn group(seed: u8) -> (SessionId, Rc<SigningKey>) {
    let key = SigningKey::from_bytes(&[seed; 32]);
    let id = SessionId::from_parts(IdPrefix::Group, key.verifying_key().to_bytes());
    (id, Rc::new(key))
}

/// A sub-account of `group` signed by `admin`, allowed to read and write.
fn subaccount(group: &SessionId, admin: &SigningKey, seed: u8) -> Rc<Subaccount> {
    let member = SigningKey::from_bytes(&[seed; 32]);
    let mut token = [0u8; 36];
    token[0] = group.prefix();
    token[1] = 0x01 | 0x02;
    token[4..].copy_from_slice(member.verifying_key().as_bytes());
    let token_signature = admin.sign(&token).to_bytes();
    Rc::new(Subaccount {
        token,
        token_signature,
        signer: Box::new(member),
    })
}

fn raw(events: &[Event]) -> BTreeMap<(String, i16), Vec<Vec<u8>>> {
    let mut out = BTreeMap::new();
    for e in events {
        if let Event::Retrieved(b) = e {
            out.insert(
                (b.account.to_hex(), b.namespace),
                b.items.iter().map(|m| m.data.clone()).collect(),
            );
        }
    }
    out
}

fn store(data: &[u8], account: SessionId, ns: i16, auth: AccountAuth) -> StoreRequest<'_> {
    StoreRequest {
        account,
        namespace: ns,
        data,
        ttl_ms: 30 * DAY_MS,
        auth,
    }
}

#[test]
fn a_plan_polls_every_namespace_of_a_swarm_in_one_request() {
    let sim = Sim::new(24, 6, 21);
    let (alice, bob) = (identity(1), identity(2));
    let (gid, admin) = group(7);
    let a = client(&sim, &alice, 1);
    let b = client(&sim, &bob, 2);
    let me = alice.session_id();
    block_on(a.store(&store(
        b"profile v1",
        me,
        namespace::USER_PROFILE,
        AccountAuth::Identity,
    )))
    .unwrap();
    let owner = AccountAuth::Owner(admin.clone());
    block_on(a.store(&store(
        b"hello group",
        gid,
        namespace::GROUP_MESSAGES,
        owner.clone(),
    )))
    .unwrap();
    block_on(a.store(&store(
        b"group info",
        gid,
        namespace::GROUP_INFO,
        owner.clone(),
    )))
    .unwrap();
    block_on(b.send_text(&me, "hi alice")).unwrap();

    let mut plan = PollPlan::inbox(me);
    let rows = [
        (me, namespace::USER_PROFILE, AccountAuth::Identity),
        (gid, namespace::GROUP_MESSAGES, owner.clone()),
        (gid, namespace::GROUP_INFO, owner),
    ];
    for (account, ns, auth) in rows {
        plan.add(PollEntry::new(account, ns, auth, Decoder::Raw), &me)
            .unwrap();
    }
    a.set_poll_plan(plan);
    sim.clear_log();
    let calls_before = sim.net.borrow().onion_calls;
    let report = block_on(a.poll()).unwrap();
    // Two members of each of the two swarms, one request each.
    assert_eq!(sim.net.borrow().onion_calls - calls_before, 4);
    assert_eq!(report.nodes_polled, 4);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut per_member: BTreeMap<(String, String), BTreeSet<i64>> = BTreeMap::new();
    for l in sim.log().iter().filter(|l| l.method == "retrieve") {
        let account = l.params["pubkey"].as_str().unwrap().to_owned();
        let ns = l.params["namespace"].as_i64().unwrap();
        // Messages get half the answer, the config namespaces share the other half.
        assert_eq!(l.params["max_size"].as_i64(), Some(-2), "{:?}", l.params);
        per_member
            .entry((l.dest.to_hex(), account))
            .or_default()
            .insert(ns);
    }
    assert_eq!(per_member.len(), 4, "{per_member:?}");
    for ((_, account), namespaces) in &per_member {
        let want: BTreeSet<i64> = if *account == me.to_hex() {
            [0, 2].into()
        } else {
            [11, 13].into()
        };
        assert_eq!(namespaces, &want);
    }
    let texts: Vec<_> = report
        .events
        .iter()
        .filter_map(|e| e.message().and_then(|m| m.text.clone()))
        .collect();
    assert_eq!(texts, vec!["hi alice"]);
    let got = raw(&report.events);
    assert_eq!(got[&(me.to_hex(), 2)], vec![b"profile v1".to_vec()]);
    assert_eq!(got[&(gid.to_hex(), 11)], vec![b"hello group".to_vec()]);
    assert_eq!(got[&(gid.to_hex(), 13)], vec![b"group info".to_vec()]);

    // Nothing new afterwards, and a member polled before is asked from the last hash it
    // returned, row by row (members are chosen at random: poll until one comes again).
    let mut polled = per_member;
    let mut resumed = 0;
    for _ in 0..10 {
        sim.clear_log();
        let again = block_on(a.poll()).unwrap();
        assert!(again.events.is_empty(), "{:?}", again.events);
        let before = polled.clone();
        for l in sim.log().iter().filter(|l| l.method == "retrieve") {
            let member = (
                l.dest.to_hex(),
                l.params["pubkey"].as_str().unwrap().to_owned(),
            );
            if before.contains_key(&member) {
                assert!(
                    l.params["last_hash"]
                        .as_str()
                        .is_some_and(|h| h.len() == 43),
                    "{:?}",
                    l.params
                );
                resumed += 1;
            }
            polled.entry(member).or_default();
        }
        if resumed >= 2 {
            break;
        }
    }
    assert!(resumed >= 2, "no member was polled twice");
}

#[test]
fn stores_name_any_namespace_authentication_and_ttl() {
    let sim = Sim::new(24, 6, 22);
    let alice = identity(1);
    let (gid, admin) = group(8);
    let a = client(&sim, &alice, 1);
    let me = alice.session_id();
    let stored = block_on(a.store(&StoreRequest {
        account: me,
        namespace: namespace::CONTACTS,
        data: b"contacts",
        ttl_ms: 30 * DAY_MS,
        auth: AccountAuth::Identity,
    }))
    .unwrap();
    {
        let net = sim.net.borrow();
        let copy = net
            .nodes
            .iter()
            .flat_map(|n| n.store.iter())
            .find(|m| m.hash == stored.hash)
            .unwrap();
        assert_eq!(copy.namespace, namespace::CONTACTS);
        assert_eq!(copy.expiry - copy.timestamp, 30 * DAY_MS);
    }
    // Refused before anything is sent: unsigned where a signature is needed, a key that does
    // not own the account.
    let calls = sim.net.borrow().onion_calls;
    let unsigned = block_on(a.store(&store(b"x", me, namespace::CONTACTS, AccountAuth::Public)));
    assert_eq!(
        unsigned,
        Err(ClientError::Request(RpcError::AuthRequired {
            method: "store",
            namespace: 3
        }))
    );
    let (_, stranger) = group(9);
    let wrong = block_on(a.store(&store(
        b"x",
        gid,
        namespace::GROUP_MESSAGES,
        AccountAuth::Owner(stranger),
    )));
    assert_eq!(wrong, Err(ClientError::Request(RpcError::KeyMismatch)));
    assert_eq!(sim.net.borrow().onion_calls, calls);

    // A member writes and reads the group through its sub-account.
    let member = AccountAuth::Subaccount(subaccount(&gid, &admin, 30));
    block_on(a.store(&store(
        b"from a member",
        gid,
        namespace::GROUP_MESSAGES,
        member.clone(),
    )))
    .unwrap();
    let mut plan = PollPlan::new();
    plan.add(
        PollEntry::new(gid, namespace::GROUP_MESSAGES, member, Decoder::Raw),
        &me,
    )
    .unwrap();
    a.set_poll_plan(plan);
    let report = block_on(a.poll()).unwrap();
    assert_eq!(
        raw(&report.events)[&(gid.to_hex(), 11)],
        vec![b"from a member".to_vec()]
    );
    // A token the admin did not sign is refused by the nodes.
    let (_, forger) = group(10);
    let forged = AccountAuth::Subaccount(subaccount(&gid, &forger, 31));
    let e = block_on(a.store(&store(b"x", gid, namespace::GROUP_MESSAGES, forged))).unwrap_err();
    assert!(
        matches!(e, ClientError::Rejected { status: 401, .. }),
        "{e}"
    );
}

#[test]
fn a_namespace_that_fails_does_not_sink_the_others() {
    let sim = Sim::new(24, 6, 23);
    let alice = identity(1);
    let (gid, admin) = group(11);
    let a = client(&sim, &alice, 1);
    let me = alice.session_id();
    let owner = AccountAuth::Owner(admin);
    block_on(a.store(&store(b"notice", gid, namespace::GROUP_INFO, owner.clone()))).unwrap();
    // A kicked member: the messages namespace refuses it, the others still answer.
    sim.net
        .borrow_mut()
        .refused
        .push((namespace::GROUP_MESSAGES, 401));
    let mut plan = PollPlan::inbox(me);
    for ns in [namespace::GROUP_MESSAGES, namespace::GROUP_INFO] {
        plan.add(PollEntry::new(gid, ns, owner.clone(), Decoder::Raw), &me)
            .unwrap();
    }
    a.set_poll_plan(plan);
    let report = block_on(a.poll()).unwrap();
    assert_eq!(
        raw(&report.events)[&(gid.to_hex(), 13)],
        vec![b"notice".to_vec()]
    );
    let failed: Vec<_> = report
        .errors
        .iter()
        .map(|e| match e {
            PollError::Namespace {
                account,
                namespace,
                error,
            } => (*account, *namespace, error.status()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(failed, vec![(gid, 11, Some(401))]);

    // When a whole swarm refuses, the poll still succeeds for the other accounts.
    sim.net
        .borrow_mut()
        .refused
        .push((namespace::GROUP_INFO, 401));
    let report = block_on(a.poll()).unwrap();
    assert!(report.errors.iter().any(|e| matches!(
        e,
        PollError::Account { account, error: ClientError::Rejected { status: 401, .. } }
            if *account == gid
    )));
    // With only the refusing swarm in the plan, the poll fails with its error.
    let mut only_group = PollPlan::new();
    only_group
        .add(
            PollEntry::new(gid, namespace::GROUP_INFO, owner, Decoder::Raw),
            &me,
        )
        .unwrap();
    a.set_poll_plan(only_group);
    assert!(matches!(
        block_on(a.poll()),
        Err(ClientError::Rejected { status: 401, .. })
    ));
}
