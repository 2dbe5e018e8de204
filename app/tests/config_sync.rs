//! The account's settings in the app: what the configs say is applied to the stored
//! summaries and the profile, what changes here goes into them, and two browsers of one
//! account agree after one poll each.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;
use session_core::config::contacts;
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_web::state::config_sync::{
    reconcile_name, record_local_changes, synced_conversations, NameSync,
};
use session_web::storage::{ConversationRecord, ProfileRecord};
use support::{bob_conv, from_bob, Swarms, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn me() -> Identity {
    Identity::from_seed(&[1; 16])
}

fn bob() -> SessionId {
    SessionId::from_x25519([2; 32])
}

#[wasm_bindgen_test]
fn a_new_device_adopts_the_accounts_name_and_a_name_set_here_is_pushed() {
    let mut configs = AccountConfigs::new(&me());
    configs
        .get_mut(Domain::UserProfile)
        .unwrap()
        .edit(|d| user_profile::set_name(d, "Alice"))
        .unwrap();
    let typed = ProfileRecord {
        display_name: "typed at restore".into(),
        updated_s: 5,
        synced_name: None,
    };
    assert_eq!(
        reconcile_name(&mut configs, &typed),
        NameSync::Adopted("Alice".into())
    );
    let agreed = ProfileRecord {
        display_name: "Alice 2".into(),
        updated_s: 6,
        synced_name: Some("Alice".into()),
    };
    assert_eq!(reconcile_name(&mut configs, &agreed), NameSync::Pushed);
    let p = configs.get(Domain::UserProfile).unwrap();
    assert_eq!(UserProfile::read(p.data()).name.as_deref(), Some("Alice 2"));
}

#[wasm_bindgen_test]
fn contacts_and_read_state_go_both_ways() {
    let me_id = me().session_id();
    let mut configs = AccountConfigs::new(&me());
    let mut rec = ConversationRecord::new(ConversationId::Direct(bob()));
    rec.name = Some("Bob".into());
    rec.last_outgoing = true;
    rec.last_read_ts = 1_700_000_000_000;
    let mut nts = ConversationRecord::new(ConversationId::NoteToSelf);
    nts.last_read_ts = 1_700_000_000_500;
    assert!(record_local_changes(
        &mut configs,
        &[rec, nts],
        &me_id,
        1_700_000_001_000
    ));
    let synced = synced_conversations(&configs, &me_id);
    assert_eq!(synced.len(), 2, "{synced:?}");
    let b = synced
        .iter()
        .find(|s| s.conv == ConversationId::Direct(bob()))
        .unwrap();
    assert!(b.listed);
    assert_eq!(b.name.as_deref(), Some("Bob"));
    assert_eq!(b.last_read_ms, Some(1_700_000_000_000));
    let n = synced
        .iter()
        .find(|s| s.conv == ConversationId::NoteToSelf)
        .unwrap();
    assert_eq!(n.last_read_ms, Some(1_700_000_000_500));
    // Nothing new here: nothing changes.
    let again = ConversationRecord {
        last_read_ts: 1_700_000_000_000,
        last_outgoing: true,
        name: Some("Bob".into()),
        ..ConversationRecord::new(ConversationId::Direct(bob()))
    };
    assert!(!record_local_changes(
        &mut configs,
        &[again],
        &me_id,
        1_700_000_002_000
    ));
}

/// The name another device of the account pushed reaches this browser with its next poll,
/// with the contacts and how far they were read; what this browser changes goes back.
#[wasm_bindgen_test]
async fn two_browsers_of_one_account_agree_after_one_poll() {
    // Browser A: named, has written to Bob and read his messages.
    let a = World::new().await;
    a.engine.swarms.set(Swarms::Up);
    a.session.profile.set_display_name("Alice").await.unwrap();
    a.next_poll(from_bob("Bob", 1_700_000_000_000, &["hi", "there"]));
    a.lead();
    a.clock.advance(100).await;
    a.session
        .outbox
        .send_text(&bob_conv(), "hello Bob")
        .await
        .unwrap();
    a.clock.advance(2_100).await;
    assert!(a.engine.config_pushes.get() >= 1);
    let pushed = a.engine.config_poll();

    // Browser B, just restored with the name typed there: its first poll brings the
    // account's settings with Bob's messages, which A has read.
    let b = World::new().await;
    b.engine.swarms.set(Swarms::Up);
    let mut first = from_bob("Bob", 1_700_000_000_000, &["hi", "there"]);
    first.events.extend(pushed.events);
    b.next_poll(first);
    b.lead();
    b.clock.advance(100).await;
    assert_eq!(b.session.profile.me.get_untracked().display_name, "Alice");
    let stored = b.store.profile.borrow().clone().unwrap();
    assert_eq!(stored.synced_name.as_deref(), Some("Alice"));
    let bob = b.store.conversation(&bob_conv()).unwrap();
    assert_eq!(bob.unread, 0, "read on the other browser");

    // A name changed on B goes back to A.
    b.session.profile.set_display_name("Alice B").await.unwrap();
    b.clock.advance(2_100).await;
    let from_b = b.engine.config_poll();
    a.next_poll(from_b);
    a.clock.advance(2_100).await;
    assert_eq!(a.session.profile.me.get_untracked().display_name, "Alice B");
    let synced = a.session.configs.snapshot().unwrap();
    let p = synced.get(Domain::UserProfile).unwrap();
    assert_eq!(UserProfile::read(p.data()).name.as_deref(), Some("Alice B"));
    let c = contacts::get(synced.get(Domain::Contacts).unwrap().data(), &bob_conv_id()).unwrap();
    assert!(c.approved);
    assert_eq!(c.name, "Bob");
}

/// An approved contact in the settings is listed on a browser that has no message of theirs,
/// under our nickname for them.
#[wasm_bindgen_test]
async fn a_contact_from_the_settings_is_listed_with_its_nickname() {
    let other = World::new().await;
    other.engine.swarms.set(Swarms::Up);
    let carol = SessionId::from_x25519([7; 32]);
    {
        // Another device made Carol a contact with a nickname.
        let mut configs = AccountConfigs::new(&support::me());
        configs.get_mut(Domain::Contacts).unwrap().edit(|d| {
            let mut c = contacts::Contact::new(carol);
            c.name = "Carol".into();
            c.nickname = "Aunt C".into();
            c.approved = true;
            contacts::set(d, &c);
        });
        let pending = configs
            .prepare_push(None, 1_700_000_000_000)
            .unwrap()
            .unwrap();
        use session_web::ports::Engine;
        other.engine.push_configs(&pending).await.unwrap();
    }
    let w = World::new().await;
    w.next_poll(other.engine.config_poll());
    w.lead();
    w.clock.advance(100).await;
    let listed = w
        .store
        .conversation(&ConversationId::Direct(carol))
        .unwrap();
    assert_eq!(listed.nickname.as_deref(), Some("Aunt C"));
    assert_eq!(session_web::state::conversations::title(&listed), "Aunt C");
    let list = w.session.views.conversations.get_untracked();
    assert!(list.iter().any(|c| c.id == ConversationId::Direct(carol)));
}

fn bob_conv_id() -> SessionId {
    support::bob().session_id()
}
