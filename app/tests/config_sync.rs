//! The account's settings in the app: what the configs say is applied to the stored
//! summaries and the profile, what changes here goes into them, and two browsers of one
//! account agree after one poll each.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;
use session_core::config::contacts;
use session_core::config::convo_info_volatile::{self as civ, Convo};
use session_core::config::fields::NotifyMode;
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_web::state::config_sync::{
    reconcile_name, record_local_changes, synced_conversations, NameSync,
};
use session_web::state::conversation_settings::{mark_unread, mute, toggle_pin, MuteFor};
use session_web::storage::{ConvSettings, ConversationRecord, Notify, ProfileRecord};
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
        ..ProfileRecord::default()
    };
    assert_eq!(
        reconcile_name(&mut configs, &typed),
        NameSync::Adopted("Alice".into())
    );
    // A browser restored without a name takes the account's, and pushes no empty one.
    let nameless = ProfileRecord {
        display_name: String::new(),
        updated_s: 0,
        synced_name: None,
        ..ProfileRecord::default()
    };
    assert_eq!(
        reconcile_name(&mut configs, &nameless),
        NameSync::Adopted("Alice".into())
    );
    let mut blank = AccountConfigs::new(&me());
    assert_eq!(reconcile_name(&mut blank, &nameless), NameSync::Same);
    assert!(!blank.get(Domain::UserProfile).unwrap().needs_push());
    let agreed = ProfileRecord {
        display_name: "Alice 2".into(),
        updated_s: 6,
        synced_name: Some("Alice".into()),
        ..ProfileRecord::default()
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
    // The tab became visible: it polls at once.
    b.session.poller.poll_now();
    b.clock.advance(100).await;
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
    assert_eq!(listed.settings.nickname.as_deref(), Some("Aunt C"));
    assert_eq!(session_web::state::conversations::title(&listed), "Aunt C");
    let list = w.session.views.conversations.get_untracked();
    assert!(list.iter().any(|c| c.id == ConversationId::Direct(carol)));
}

fn bob_conv_id() -> SessionId {
    support::bob().session_id()
}

/// Of one conversation's settings, what changed here since the last agreement stays; every
/// other field follows the account's settings.
#[wasm_bindgen_test]
fn settings_changed_here_stay_and_the_rest_follow_the_account() {
    let agreed = ConvSettings {
        nickname: Some("B".into()),
        ..ConvSettings::default()
    };
    let here = toggle_pin(&agreed);
    let remote = ConvSettings {
        nickname: Some("Bobby".into()),
        mute_until_s: 99,
        ..agreed.clone()
    };
    let merged = here.merged(&agreed, &remote);
    assert!(merged.pinned(), "pinned here");
    assert_eq!(merged.nickname.as_deref(), Some("Bobby"), "renamed there");
    assert_eq!(merged.mute_until_s, 99, "muted there");
    // Nothing changed here: the account's settings win whole.
    assert_eq!(agreed.merged(&agreed, &remote), remote);
}

/// Pin, mute and "marked unread" set here go into the Contacts, UserProfile (Note to Self)
/// and ConvoInfoVolatile configs, and read back as the same settings.
#[wasm_bindgen_test]
fn pin_mute_and_marked_unread_go_into_the_configs_and_back() {
    let me_id = me().session_id();
    let mut configs = AccountConfigs::new(&me());
    let now_s = 1_700_000_000;
    let mut rec = ConversationRecord::new(ConversationId::Direct(bob()));
    rec.settings = mark_unread(&mute(&toggle_pin(&rec.settings), MuteFor::Always, now_s));
    let mut nts = ConversationRecord::new(ConversationId::NoteToSelf);
    nts.settings = toggle_pin(&nts.settings);
    let mut timed =
        ConversationRecord::new(ConversationId::Direct(SessionId::from_x25519([9; 32])));
    timed.settings = mute(&timed.settings, MuteFor::Hour, now_s);
    assert!(record_local_changes(
        &mut configs,
        &[rec, nts, timed],
        &me_id,
        1_700_000_001_000
    ));
    let c = contacts::get(configs.get(Domain::Contacts).unwrap().data(), &bob()).unwrap();
    assert_eq!(
        (c.priority, c.notify, c.approved),
        (1, NotifyMode::Disabled, false)
    );
    let civ_data = configs.get(Domain::ConvoInfoVolatile).unwrap().data();
    assert!(civ::get(civ_data, &Convo::OneToOne(bob())).unwrap().unread);
    let p = configs.get(Domain::UserProfile).unwrap();
    assert_eq!(UserProfile::read(p.data()).nts_priority, 1);

    let synced = synced_conversations(&configs, &me_id);
    let of = |conv: ConversationId| synced.iter().find(|s| s.conv == conv).unwrap().clone();
    let b = of(ConversationId::Direct(bob()));
    assert!(b.settings.pinned() && b.settings.marked_unread);
    assert_eq!(b.settings.notify, Notify::Off);
    assert!(!b.listed, "not a contact we wrote to");
    assert!(of(ConversationId::NoteToSelf).settings.pinned());
    let t = of(ConversationId::Direct(SessionId::from_x25519([9; 32])));
    assert_eq!(t.settings.mute_until_s, now_s + 3600);
    assert!(t.settings.muted(now_s + 3599) && !t.settings.muted(now_s + 3600));
}

/// Browser A pins Bob, mutes him and marks him unread; browser B of the account shows all
/// three after its next poll, stays silent for Bob's next message, and reading Bob there
/// clears "marked unread" on A.
#[wasm_bindgen_test]
async fn conversation_settings_reach_the_other_browser_and_come_back() {
    let a = World::new().await;
    a.engine.swarms.set(Swarms::Up);
    a.next_poll(from_bob("Bob", 1_700_000_000_000, &["hi"]));
    a.lead();
    a.clock.advance(100).await;
    a.session.views.open_chat(bob_conv()).await;
    a.session.views.close_chat();
    a.session
        .views
        .change_settings(&bob_conv(), toggle_pin)
        .await;
    a.session
        .views
        .change_settings(&bob_conv(), |s| mute(s, MuteFor::Always, 0))
        .await;
    a.session
        .views
        .change_settings(&bob_conv(), mark_unread)
        .await;
    a.clock.advance(2_100).await;
    let pushed = a.engine.config_poll();
    let c = contacts::get(
        a.session
            .configs
            .snapshot()
            .unwrap()
            .get(Domain::Contacts)
            .unwrap()
            .data(),
        &bob_conv_id(),
    )
    .unwrap();
    assert_eq!((c.priority, c.notify), (1, NotifyMode::Disabled));

    let b = World::new().await;
    b.engine.swarms.set(Swarms::Up);
    b.platform.hidden.set(true);
    let mut first = from_bob("Bob", 1_700_000_000_000, &["hi"]);
    first.events.extend(pushed.events);
    b.next_poll(first);
    b.lead();
    b.clock.advance(100).await;
    let on_b = b.store.conversation(&bob_conv()).unwrap();
    assert!(on_b.settings.pinned(), "{:?}", on_b.settings);
    assert!(on_b.settings.marked_unread && on_b.shows_unread());
    assert_eq!(on_b.settings.notify, Notify::Off);
    assert_eq!(on_b.settings_agreed, on_b.settings, "nothing pending on B");
    // Muted: Bob's next message makes no notification.
    b.next_poll(from_bob("Bob", 1_700_000_005_000, &["still there?"]));
    b.clock.advance(60_000).await;
    assert_eq!(b.store.conversation(&bob_conv()).unwrap().unread, 1);
    assert!(b.platform.notes.borrow().is_empty());

    // Read on B: "marked unread" is cleared there, and on A after its next poll.
    b.platform.hidden.set(false);
    b.session.views.open_chat(bob_conv()).await;
    assert!(
        !b.store
            .conversation(&bob_conv())
            .unwrap()
            .settings
            .marked_unread
    );
    // The tab became visible: it polls at once.
    b.session.poller.poll_now();
    b.clock.advance(100).await;
    let from_b = b.engine.config_poll();
    a.next_poll(from_b);
    a.clock.advance(2_100).await;
    let on_a = a.store.conversation(&bob_conv()).unwrap();
    assert!(!on_a.settings.marked_unread, "{:?}", on_a.settings);
    assert!(on_a.settings.pinned(), "still pinned");
    let list = a.session.views.conversations.get_untracked();
    assert!(!list
        .iter()
        .find(|c| c.id == bob_conv())
        .unwrap()
        .shows_unread());
}

/// The settings are applied to the stored summaries at the first poll and after polls that
/// changed them, not after every poll.
#[wasm_bindgen_test]
async fn unchanged_settings_are_not_applied_again() {
    let other = World::new().await;
    other.engine.swarms.set(Swarms::Up);
    {
        let mut configs = AccountConfigs::new(&support::me());
        configs
            .get_mut(Domain::UserProfile)
            .unwrap()
            .edit(|d| user_profile::set_name(d, "Alice"))
            .unwrap();
        let pending = configs
            .prepare_push(None, 1_700_000_000_000)
            .unwrap()
            .unwrap();
        use session_web::ports::Engine;
        other.engine.push_configs(&pending).await.unwrap();
    }
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.lead();
    w.clock.advance(100).await;
    assert_eq!(w.store.applied_syncs.get(), 1, "the first poll applies");
    w.clock.advance(2_100).await;
    w.clock.advance(2_100).await;
    assert_eq!(w.store.applied_syncs.get(), 1, "empty polls apply nothing");
    w.next_poll(other.engine.config_poll());
    w.clock.advance(2_100).await;
    assert_eq!(w.store.applied_syncs.get(), 2, "new settings are applied");
    assert_eq!(w.session.profile.me.get_untracked().display_name, "Alice");
    // The same messages again change nothing.
    w.next_poll(other.engine.config_poll());
    w.clock.advance(2_100).await;
    assert_eq!(w.store.applied_syncs.get(), 2);
}
