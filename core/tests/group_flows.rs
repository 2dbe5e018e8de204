//! Group flows on pure state (groups-and-config.md §3.9): an admin creates a group, members
//! join with their auth data, everyone reads what the others store, a removed member reads
//! nothing new, a promoted member becomes an admin, a leaver is removed by the admins, and a
//! 100-member group is made and rekeyed. The "swarm" is a list of stored items.

use rand::rngs::OsRng;
use session_core::group::control::updates;
use session_core::group::info::GroupInfo;
use session_core::group::members::Status;
use session_core::group::state::{GroupItem, GroupPush, GroupRetrieved, GroupState};
use session_core::group::{AdminKey, GroupError};
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::ContentBuilder;
use session_core::message::receive::{Direction, Incoming};
use session_core::rpc::namespace;

/// The group's swarm: everything stored, with a running clock for storage times.
#[derive(Default)]
struct Swarm {
    items: Vec<(i16, GroupItem)>,
    clock: i64,
}

impl Swarm {
    fn store(&mut self, ns: i16, data: Vec<u8>) -> String {
        self.clock += 1000;
        let hash = format!("h{}", self.items.len());
        self.items.push((
            ns,
            GroupItem {
                hash: hash.clone(),
                data,
                timestamp_ms: 1_700_000_000_000 + self.clock,
                expires_ms: u64::MAX,
            },
        ));
        hash
    }

    /// Stores an admin's push and confirms it.
    fn push(&mut self, g: &mut GroupState) {
        let now = 1_700_000_000_000 + self.clock;
        let Some(push): Option<GroupPush> = g.prepare_push(None, now).unwrap() else {
            return;
        };
        let hashes: Vec<String> = push
            .stores
            .iter()
            .map(|s| self.store(s.namespace, s.data.clone()))
            .collect();
        g.confirm_push(&push, &hashes, now);
    }

    /// Everything stored since `from` (an index), as one poll.
    fn poll(&self, from: usize) -> GroupRetrieved {
        let mut r = GroupRetrieved::default();
        for (ns, item) in &self.items[from..] {
            r.add(*ns, item.clone());
        }
        r
    }
}

fn texts(events: &[Incoming]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Incoming::Message(m) => m.text.clone(),
            _ => None,
        })
        .collect()
}

fn say(swarm: &mut Swarm, g: &GroupState, text: &str, t: u64) {
    let blob = g
        .seal(&ContentBuilder::text(text).build(), t, None, &mut OsRng)
        .unwrap();
    swarm.store(namespace::GROUP_MESSAGES, blob);
}

#[test]
fn create_join_chat_remove_promote_and_leave() {
    let (alice, bob, carol) = (
        Identity::generate(&mut OsRng),
        Identity::generate(&mut OsRng),
        Identity::generate(&mut OsRng),
    );
    let key = AdminKey::generate(&mut OsRng);
    let info = GroupInfo {
        name: Some("Tomato Sauce".into()),
        created: Some(1_700_000_000),
        ..GroupInfo::default()
    };
    let mut swarm = Swarm::default();
    let mut a = GroupState::create(
        alice.clone(),
        key.clone(),
        &info,
        "Alice",
        &[
            (bob.session_id(), "Bob".into()),
            (carol.session_id(), "Carol".into()),
        ],
    )
    .unwrap();
    assert!(a.needs_push());
    swarm.push(&mut a);
    assert!(!a.needs_push());
    let gid = *a.id();

    // Invitations carry auth data; a forged one is refused.
    let bob_auth = a.auth_for(&bob.session_id()).unwrap();
    let carol_auth = a.auth_for(&carol.session_id()).unwrap();
    assert!(GroupState::join(bob.clone(), gid, &carol_auth).is_err());
    let mut b = GroupState::join(bob.clone(), gid, &bob_auth).unwrap();
    let mut c = GroupState::join(carol.clone(), gid, &carol_auth).unwrap();
    a.set_status(&bob.session_id(), Some(Status::Sent), None)
        .unwrap();
    a.set_status(&carol.session_id(), Some(Status::Sent), None)
        .unwrap();
    swarm.push(&mut a);

    let got = b.absorb(swarm.poll(0), 0);
    assert!(got.keys_changed && got.info_changed && got.members_changed);
    assert_eq!(b.info().name.as_deref(), Some("Tomato Sauce"));
    assert_eq!(b.members().len(), 3);
    assert!(b
        .members()
        .iter()
        .any(|m| m.admin && m.session_id == alice.session_id()));
    c.absorb(swarm.poll(0), 0);
    // Members cannot write the configs.
    assert_eq!(
        b.set_info(&GroupInfo::default()).unwrap_err(),
        GroupError::NotAdmin
    );
    assert!(b.prepare_push(None, 0).unwrap().is_none());

    // Chat both ways.
    let mark = swarm.items.len();
    say(&mut swarm, &b, "hello from bob", 1_700_000_100_000);
    say(&mut swarm, &a, "hello from alice", 1_700_000_100_001);
    let seen = c.absorb(swarm.poll(mark), 0);
    assert_eq!(texts(&seen.events), ["hello from bob", "hello from alice"]);
    let Incoming::Message(m) = &seen.events[0] else {
        panic!()
    };
    assert_eq!(
        m.direction,
        Direction::Group {
            group: gid.session_id(),
            incoming: true
        }
    );
    assert_eq!(m.from, bob.session_id());

    // A member cannot speak in the admins' name: a member change without their signature
    // (or signed for another time) is refused.
    let mark = swarm.items.len();
    let fake_admin = AdminKey::generate(&mut OsRng);
    let forged = updates::member_change(
        &fake_admin,
        session_core::group::control::MemberChange::Removed,
        &[alice.session_id()],
        false,
        1_700_000_100_005,
    );
    swarm.store(
        namespace::GROUP_MESSAGES,
        b.seal(&forged, 1_700_000_100_005, None, &mut OsRng)
            .unwrap(),
    );
    let real = updates::member_change(
        &key,
        session_core::group::control::MemberChange::Added,
        &[carol.session_id()],
        false,
        1_700_000_100_006,
    );
    swarm.store(
        namespace::GROUP_MESSAGES,
        a.seal(&real, 1_700_000_100_006, None, &mut OsRng).unwrap(),
    );
    let seen = c.absorb(swarm.poll(mark), 0);
    assert_eq!(seen.events.len(), 1, "only the admin's signed change");
    assert!(seen
        .refused
        .iter()
        .any(|(_, e)| *e == GroupError::BadSignature));

    // Carol accepts: the admin clears her invite status.
    let mark = swarm.items.len();
    let content = updates::invite_response(Some(&session_core::message::compose::Profile {
        display_name: "Carol".into(),
        picture: None,
        updated_s: 1,
    }));
    swarm.store(
        namespace::GROUP_MESSAGES,
        c.seal(&content, 1_700_000_100_002, None, &mut OsRng)
            .unwrap(),
    );
    a.absorb(swarm.poll(mark), 0);
    let carol_rec = a
        .members()
        .into_iter()
        .find(|m| m.session_id == carol.session_id())
        .unwrap();
    assert_eq!(carol_rec.invite, None);
    assert_eq!(
        carol_rec.name, "Carol",
        "the admin learns her name from her profile"
    );
    swarm.push(&mut a);

    // Remove Carol: she is told, and reads nothing written after.
    a.remove_members(&[carol.session_id()]).unwrap();
    let mark = swarm.items.len();
    swarm.push(&mut a);
    say(&mut swarm, &a, "carol is gone", 1_700_000_200_000);
    let after = c.absorb(swarm.poll(mark), 0);
    assert!(after.kicked && c.is_gone());
    assert!(texts(&after.events).is_empty());
    assert!(after.refused.iter().any(|(_, e)| *e == GroupError::Decrypt));
    let b_after = b.absorb(swarm.poll(mark), 0);
    assert!(!b_after.kicked);
    assert_eq!(texts(&b_after.events), ["carol is gone"]);
    assert_eq!(b.members().len(), 2);
    assert!(c
        .seal(&ContentBuilder::text("x").build(), 1, None, &mut OsRng)
        .is_err());

    // Promote Bob: with the seed he becomes an admin and can change the name.
    a.promote(&bob.session_id()).unwrap();
    swarm.push(&mut a);
    b.promoted(&key.seed()[..]).unwrap();
    assert!(b.is_admin());
    let mut renamed = b.info();
    renamed.name = Some("Salsa".into());
    b.set_info(&renamed).unwrap();
    let mark = swarm.items.len();
    swarm.push(&mut b);
    a.absorb(swarm.poll(mark), 0);
    assert_eq!(a.info().name.as_deref(), Some("Salsa"));
    assert!(a.members().iter().all(|m| m.admin));

    // A dump restores the same group.
    let restored = GroupState::load(bob.clone(), gid, Some(key.clone()), &b.dump()).unwrap();
    assert_eq!(restored.info(), b.info());
    assert_eq!(restored.members(), b.members());
    assert_eq!(restored.keys().keys(), b.keys().keys());
}

#[test]
fn a_member_who_leaves_is_removed_by_the_admin_and_rekeyed_out() {
    let (alice, bob) = (
        Identity::generate(&mut OsRng),
        Identity::generate(&mut OsRng),
    );
    let key = AdminKey::generate(&mut OsRng);
    let mut swarm = Swarm::default();
    let mut a = GroupState::create(
        alice,
        key,
        &GroupInfo::default(),
        "",
        &[(bob.session_id(), String::new())],
    )
    .unwrap();
    swarm.push(&mut a);
    let mut b = GroupState::join(
        bob.clone(),
        *a.id(),
        &a.auth_for(&bob.session_id()).unwrap(),
    )
    .unwrap();
    b.absorb(swarm.poll(0), 0);
    let generation = a.keys().generation();
    let mark = swarm.items.len();
    swarm.store(
        namespace::GROUP_MESSAGES,
        b.seal(&updates::member_left(), 5, None, &mut OsRng)
            .unwrap(),
    );
    a.absorb(swarm.poll(mark), 0);
    assert_eq!(a.members().len(), 1);
    assert!(a.keys().generation() > generation);
    let push = a.prepare_push(None, 0).unwrap().unwrap();
    assert_eq!(push.revoke.len(), 1);
    assert!(push
        .stores
        .iter()
        .any(|s| s.namespace == namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES));
}

#[test]
fn a_hundred_member_group_is_made_and_rekeyed_and_the_limit_holds() {
    let admin = Identity::generate(&mut OsRng);
    let members: Vec<Identity> = (0..99).map(|_| Identity::generate(&mut OsRng)).collect();
    let others: Vec<(SessionId, String)> = members
        .iter()
        .map(|m| (m.session_id(), String::new()))
        .collect();
    let key = AdminKey::generate(&mut OsRng);
    let mut swarm = Swarm::default();
    let mut a = GroupState::create(admin, key.clone(), &GroupInfo::default(), "", &others).unwrap();
    swarm.push(&mut a);
    assert_eq!(a.members().len(), 100);
    // One more is refused.
    let extra = Identity::generate(&mut OsRng).session_id();
    assert!(a.add_members(&[(extra, String::new())], false).is_err());
    // Remove one: the rekey covers the other 98 members and the admin (padded to 150).
    a.remove_members(&[members[0].session_id()]).unwrap();
    let mark = swarm.items.len();
    swarm.push(&mut a);
    let last = &members[98];
    let mut m = GroupState::join(
        last.clone(),
        *a.id(),
        &a.auth_for(&last.session_id()).unwrap(),
    )
    .unwrap();
    m.absorb(swarm.poll(0), 0);
    assert_eq!(m.keys().generation(), Some(1));
    assert_eq!(m.members().len(), 99);
    let keys_msg = &swarm.items[mark..]
        .iter()
        .find(|(ns, _)| *ns == namespace::GROUP_KEYS)
        .unwrap()
        .1
        .data;
    // 150 entries of 48 bytes plus framing.
    assert!(keys_msg.len() > 150 * 51 && keys_msg.len() < 151 * 51 + 200);
}
