//! Groups in a session over the test doubles: making a group (its keys and configs pushed,
//! invitations sent one-to-one, its chat listed with a notice), a member's message and an
//! invitation arriving through polls, sending to a group, leaving, and the account's
//! UserGroups config carrying groups to another device.

#![cfg(target_arch = "wasm32")]

mod support;

use rand_core::OsRng;
use session_core::client::{Event, PollReport};
use session_core::config::value::Dict;
use session_core::group::control::updates;
use session_core::group::info::GroupInfo;
use session_core::group::state::GroupState;
use session_core::group::AdminKey;
use session_core::message::compose::ContentBuilder;
use session_core::message::receive::{Direction, Incoming, MessageEvent};
use session_core::rpc::namespace;
use session_web::ports::Engine;
use session_web::state::groups::{conversation, reconcile_user_groups, MemberRole};
use session_web::storage::{GroupNotice, MessageStatus};
use support::{bob, empty_poll, group_poll_from, me, Swarms, World, START_MS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn polling_world() -> World {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.lead();
    w.clock.advance(3_000).await;
    w
}

#[wasm_bindgen_test]
async fn a_new_group_is_pushed_listed_and_its_members_invited() {
    let w = polling_world().await;
    let bob_id = bob().session_id().to_hex();
    let id = w
        .session
        .groups
        .create("Tomato Sauce", "red", &[bob_id.clone(), "05nope".into()])
        .await;
    assert!(
        id.is_err(),
        "an invalid member is refused before anything is made"
    );
    let id = w
        .session
        .groups
        .create("Tomato Sauce", "red", std::slice::from_ref(&bob_id))
        .await
        .unwrap();
    let stored: Vec<i16> = w
        .engine
        .group_swarm
        .borrow()
        .iter()
        .map(|(_, ns, _, _)| *ns)
        .collect();
    for ns in [
        namespace::GROUP_KEYS,
        namespace::GROUP_INFO,
        namespace::GROUP_MEMBERS,
    ] {
        assert!(stored.contains(&ns), "namespace {ns} stored: {stored:?}");
    }
    // Bob's invitation went one-to-one, signed for him at its time.
    let invite = w
        .engine
        .delivered
        .borrow()
        .iter()
        .find(|o| *o.to() == bob().session_id())
        .cloned()
        .expect("an invitation to Bob");
    let view = w.session.groups.view(&id).await.unwrap();
    assert_eq!(view.name, "Tomato Sauce");
    assert_eq!(view.description, "red");
    assert!(view.admin && !view.invited);
    let roles: Vec<MemberRole> = view.members.iter().map(|m| m.role).collect();
    assert_eq!(roles, vec![MemberRole::Admin, MemberRole::Invited]);
    drop(invite);
    // Its chat is listed with the group's name and a notice.
    let conv = conversation(&id);
    let summary = w.store.conversation(&conv).unwrap();
    assert_eq!(summary.name.as_deref(), Some("Tomato Sauce"));
    assert!(!summary.is_request());
    let notices: Vec<_> = w
        .store
        .messages_of(&conv)
        .into_iter()
        .filter_map(|m| m.group_notice)
        .collect();
    assert!(notices.contains(&GroupNotice::Created));

    // Sending to it: stored as ours and sent to the group's swarm.
    let before = w.engine.group_swarm.borrow().len();
    w.session
        .groups
        .send_text(&conv, "hello group", None)
        .await
        .unwrap();
    let sent = w
        .store
        .messages_of(&conv)
        .into_iter()
        .find(|m| m.text == "hello group")
        .unwrap();
    assert_eq!(sent.status, MessageStatus::Sent);
    {
        let after = w.engine.group_swarm.borrow();
        assert_eq!(after.len(), before + 1);
        assert_eq!(after.last().unwrap().1, namespace::GROUP_MESSAGES);
    }
    // A reaction shows here at once and goes to the group.
    w.session.edits.toggle_reaction(&sent, "👍").await.unwrap();
    let reacted = w.store.message(&sent.key()).unwrap();
    assert_eq!(reacted.reactions.len(), 1);
    assert_eq!(w.engine.group_swarm.borrow().len(), before + 2);
}

#[wasm_bindgen_test]
async fn an_invitation_arrives_as_a_request_and_members_messages_follow() {
    let w = polling_world().await;
    // Bob's group, with us invited.
    let key = AdminKey::generate(&mut OsRng);
    let mut group = GroupState::create(
        bob(),
        key.clone(),
        &GroupInfo {
            name: Some("Bob's".into()),
            ..GroupInfo::default()
        },
        "Bob",
        &[(me().session_id(), String::new())],
    )
    .unwrap();
    let push = group.prepare_push(None, 0).unwrap().unwrap();
    let pushed = w.engine.push_group(&key, &push).await.unwrap();
    group.confirm_push(&push, &pushed, 0);
    let t = START_MS + 5_000;
    let auth = group.auth_for(&me().session_id()).unwrap();
    let invite = updates::invite(&key, "Bob's", &me().session_id(), &auth, t as i64);
    let invite_event = Incoming::Message(MessageEvent {
        hash: "invite".into(),
        from: bob().session_id(),
        to: me().session_id(),
        direction: Direction::Incoming,
        timestamp_ms: t,
        expires_ms: t + 86_400_000,
        text: None,
        content: Box::new(invite),
    });
    w.next_poll(PollReport {
        events: vec![Event::Direct(invite_event)],
        ..empty_poll()
    });
    w.clock.advance(3_000).await;
    let conv = conversation(&key.group());
    let summary = w
        .store
        .conversation(&conv)
        .expect("the invitation is listed");
    assert!(summary.is_request());
    let view = w.session.groups.view(&key.group()).await.unwrap();
    assert!(view.invited && !view.admin);
    assert_eq!(view.inviter, Some(bob().session_id()));

    // Bob writes; the next poll brings the group's keys, configs and his message.
    let blob = group
        .seal(
            &ContentBuilder::text("welcome").build(),
            t + 10,
            None,
            &mut OsRng,
        )
        .unwrap();
    w.engine.group_swarm.borrow_mut().push((
        key.group().session_id(),
        namespace::GROUP_MESSAGES,
        "bob-msg".into(),
        blob,
    ));
    w.next_poll(group_poll_from(&w.engine, 0));
    w.clock.advance(3_000).await;
    let msgs = w.store.messages_of(&conv);
    let welcome = msgs
        .iter()
        .find(|m| m.text == "welcome")
        .expect("Bob's message");
    assert_eq!(welcome.author, bob().session_id());
    assert!(!welcome.outgoing);
    let view = w.session.groups.view(&key.group()).await.unwrap();
    assert_eq!(view.name, "Bob's");
    assert_eq!(view.members.len(), 2);

    // Accepting tells the group; declining another time would forget it.
    w.session.groups.accept(&key.group()).await.unwrap();
    assert!(!w.store.conversation(&conv).unwrap().is_request());
    assert!(!w.session.groups.view(&key.group()).await.unwrap().invited);
    w.session.groups.leave(&key.group()).await.unwrap();
    assert!(w.session.groups.view(&key.group()).await.is_none());
}

#[wasm_bindgen_test]
fn user_groups_carry_groups_to_another_device_and_forget_left_ones() {
    let key = AdminKey::generate(&mut OsRng);
    let mut state = GroupState::create(me(), key.clone(), &GroupInfo::default(), "", &[]).unwrap();
    let record = session_web::storage::GroupRecord {
        id: key.group().to_hex(),
        admin_seed: Some(hex::encode(&key.seed()[..])),
        dump: hex::encode(state.dump()),
        invited: false,
        inviter: None,
        name: "Ours".into(),
        left: false,
        respond: false,
    };
    let mut config = Dict::new();
    let sync = reconcile_user_groups(
        &mut config,
        std::slice::from_ref(&record),
        &me(),
        1_700_000_000,
    );
    assert!(sync.joined.is_empty() && sync.forgotten.is_empty());
    // Another device with no record joins it from the config, as its admin.
    let other = reconcile_user_groups(&mut config.clone(), &[], &me(), 1_700_000_100);
    assert_eq!(other.joined.len(), 1);
    assert_eq!(other.joined[0].id, record.id);
    assert_eq!(other.joined[0].admin_seed, record.admin_seed);
    // Left here: erased from the config, and the tombstone can go.
    let left = session_web::storage::GroupRecord {
        left: true,
        ..record
    };
    let sync = reconcile_user_groups(&mut config, &[left], &me(), 1_700_000_200);
    assert_eq!(sync.forgotten.len(), 1);
    let gone = reconcile_user_groups(&mut config, &[], &me(), 1_700_000_300);
    assert!(gone.joined.is_empty());
}
