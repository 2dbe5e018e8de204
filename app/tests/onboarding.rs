//! Start-up over the doubles: an account record that cannot be read is never replaced by a
//! new account; its phrase restores it with its data; another account's phrase is refused;
//! deleting the stored data is a choice of the user.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;
use session_core::identity::Identity;
use session_web::state::onboarding::{stored_summary, Onboarding, OnboardingError};
use session_web::state::ui::{OnboardingStep, Phase, Ui};
use session_web::storage::{StorageError, StoredData};
use std::rc::Rc;
use support::{bob, bob_conv, me, MemoryStore, Swarms, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn phrase(identity: &Identity) -> String {
    identity.mnemonic().unwrap().to_string()
}

/// A browser where `me` wrote to Bob (one message still in the outbox), then the account's
/// record was damaged; and onboarding started over it.
async fn damaged() -> (Rc<MemoryStore>, Onboarding, Ui) {
    let w = World::new().await;
    w.session
        .outbox
        .send_text(&bob_conv(), "hello")
        .await
        .unwrap();
    let store = w.store.clone();
    *store.identity.borrow_mut() = Some(me());
    store.account.set(Some(me().session_id()));
    store.identity_unreadable.set(true);
    // A profile that never had a display name stored.
    *store.profile.borrow_mut() = None;
    let ui = Ui::new();
    let onboarding = Onboarding::new(ui);
    onboarding.start_with(store.clone()).await;
    (store, onboarding, ui)
}

#[wasm_bindgen_test]
async fn an_unreadable_account_offers_its_restore_and_no_new_account() {
    let (store, onboarding, ui) = damaged().await;
    let data = StoredData {
        owner: Some(me().session_id()),
        conversations: 1,
        waiting: 1,
    };
    assert_eq!(
        ui.phase.get_untracked(),
        Phase::Onboarding(OnboardingStep::Recover(data.clone()))
    );
    assert!(stored_summary(&data).contains("1 conversation and 1 message waiting"));

    // A new account cannot take its place, nor its outbox.
    onboarding.create_account();
    let created = onboarding.confirm_created().await;
    assert_eq!(
        created,
        Err(OnboardingError::SaveAccount(
            StorageError::UnreadableAccount
        ))
    );
    assert!(store.identity_unreadable.get());
    assert_eq!(store.outbox.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn the_accounts_phrase_restores_it_with_its_data_and_another_is_refused() {
    let (store, onboarding, ui) = damaged().await;
    let other = onboarding.restore(&phrase(&bob())).await;
    assert!(
        matches!(other, Err(OnboardingError::OtherAccount { stored, entered })
            if stored == me().session_id() && entered == bob().session_id()),
        "{other:?}"
    );
    assert!(other
        .unwrap_err()
        .to_string()
        .contains("delete the stored data"));
    assert!(store.identity_unreadable.get());

    onboarding.restore(&phrase(&me())).await.unwrap();
    assert!(!store.identity_unreadable.get());
    assert_eq!(
        store.identity.borrow().as_ref().map(Identity::session_id),
        Some(me().session_id())
    );
    assert_eq!(store.messages_of(&bob_conv()).len(), 1);
    assert_eq!(store.outbox.borrow().len(), 1);
    // No display name was stored: the session starts without one (the account's settings
    // bring it, or the home screen asks for one).
    assert_eq!(ui.phase.get_untracked(), Phase::Ready);
    let profile = store.profile.borrow().clone().unwrap();
    assert_eq!(
        (profile.display_name.as_str(), profile.synced_name),
        ("", None)
    );
    let session = onboarding.session().unwrap();
    assert!(
        session.profile.outgoing().is_none(),
        "no empty name is sent"
    );
}

#[wasm_bindgen_test]
async fn deleting_the_stored_data_is_what_lets_another_account_in() {
    let (store, onboarding, ui) = damaged().await;
    onboarding.delete_stored_data().await.unwrap();
    assert_eq!(
        ui.phase.get_untracked(),
        Phase::Onboarding(OnboardingStep::Welcome)
    );
    assert!(store.outbox.borrow().is_empty() && store.messages_of(&bob_conv()).is_empty());
    onboarding.restore(&phrase(&bob())).await.unwrap();
    assert_eq!(
        store.identity.borrow().as_ref().map(Identity::session_id),
        Some(bob().session_id())
    );
    // A restored account is signed in at once, its name to come from its settings.
    assert_eq!(ui.phase.get_untracked(), Phase::Ready);
    assert_eq!(
        store
            .profile
            .borrow()
            .as_ref()
            .map(|p| p.display_name.clone()),
        Some(String::new())
    );
}

#[wasm_bindgen_test]
async fn another_accounts_outbox_is_never_sent_under_this_one() {
    // A message of Bob's account waits in this browser's outbox; we are signed in.
    let bobs = World::new().await;
    bobs.session
        .outbox
        .send_text(&bob_conv(), "mine")
        .await
        .unwrap();
    let mut entry = bobs.store.outbox.borrow().values().next().cloned().unwrap();
    bobs.store.outbox.borrow_mut().clear();
    entry.key.author = bob().session_id();
    bobs.store
        .outbox
        .borrow_mut()
        .insert(entry.key.clone(), entry);
    bobs.engine.swarms.set(Swarms::Up);
    bobs.session.outbox.flush().await;
    assert_eq!(bobs.engine.flushes.get(), 0, "nothing of ours to send");
    assert_eq!(bobs.store.outbox.borrow().len(), 1, "kept as it was");
}

#[wasm_bindgen_test]
async fn restoring_an_account_another_slot_of_this_browser_holds_is_refused() {
    use session_web::accounts::{self, AccountSlot};
    let (store, onboarding, ui) = damaged().await;
    onboarding.delete_stored_data().await.unwrap();
    // Bob is already this browser's other account.
    let bob_slot = AccountSlot::numbered(0xb0b);
    accounts::set_current(bob_slot.clone());
    accounts::show_in_tab(bob().session_id(), "Bob", false);
    accounts::set_current(AccountSlot::default());
    let refused = onboarding.restore(&phrase(&bob())).await;
    assert_eq!(
        refused,
        Err(OnboardingError::AlreadyHere {
            label: "Bob".into()
        })
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("already in this browser"));
    assert!(store.identity.borrow().is_none(), "nothing stored");
    assert_eq!(
        ui.phase.get_untracked(),
        Phase::Onboarding(OnboardingStep::Welcome)
    );
    // Once that account is removed, its phrase restores it here.
    accounts::forget(&bob_slot);
    onboarding.restore(&phrase(&bob())).await.unwrap();
    assert_eq!(ui.phase.get_untracked(), Phase::Ready);
    session_web::util::browser::local_remove("session-web.accounts");
}
