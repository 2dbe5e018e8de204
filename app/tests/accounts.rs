//! Several accounts in one browser: each in its own slot (database, preferences, drafts), the
//! tab's account chosen as a user expects, and removing one leaving the others whole.

#![cfg(target_arch = "wasm32")]

use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_web::accounts::{self, AccountList, AccountSlot};
use session_web::storage::repo;
use session_web::storage::Db;
use session_web::util::browser;
use wasm_bindgen_test::*;

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn id(seed: u8) -> SessionId {
    Identity::from_seed(&[seed; 16]).session_id()
}

fn slot(n: u64) -> AccountSlot {
    AccountSlot::numbered(n)
}

#[wasm_bindgen_test]
fn slots_are_only_ours_and_scope_their_keys_apart() {
    let first = AccountSlot::default();
    assert!(first.is_default());
    assert_eq!(first.db_name(), "session-web");
    let other = slot(0xabc);
    assert_eq!(other.db_name(), "session-web@0000000000000abc");
    assert_eq!(AccountSlot::parse(other.db_name()), Some(other.clone()));
    for bad in [
        "",
        "session-webx",
        "session-web@",
        "session-web@12345",
        "session-web@000000000000zabc",
        "other@0000000000000abc",
        "session-web@0000000000000abc.draft",
    ] {
        assert_eq!(AccountSlot::parse(bad), None, "{bad:?}");
    }
    // The first account keeps the keys it always had; another's start with none of them.
    assert_eq!(
        first.scope("session-web.draft."),
        "session-web.draft.".to_string()
    );
    let scoped = other.scope("session-web.draft.");
    assert_eq!(scoped, "session-web@0000000000000abc.draft.");
    assert!(!scoped.starts_with("session-web.draft."));
    assert!(!scoped.starts_with(&slot(0xab).scope("session-web.draft.")));
    // A key of another kind is left as it is (never collides with a scoped one).
    assert_eq!(other.scope("theme"), "theme");
}

#[wasm_bindgen_test]
fn a_damaged_or_foreign_list_reads_as_empty_and_the_first_account_is_still_found() {
    for stored in [
        None,
        Some(""),
        Some("{"),
        Some("[{\"slot\":\"elsewhere\"}]"),
        Some("[{\"slot\":\"session-web\",\"id\":\"zz\"}]"),
        Some("42"),
    ] {
        let list = AccountList::parse(stored);
        assert!(list.entries().is_empty(), "{stored:?}");
        assert_eq!(list.choose(None, None), AccountSlot::default());
    }
    // A slot listed twice is listed once.
    let twice = format!(
        "[{{\"slot\":\"{0}\"}},{{\"slot\":\"{0}\",\"name\":\"dup\"}}]",
        slot(1).db_name()
    );
    assert_eq!(AccountList::parse(Some(&twice)).entries().len(), 1);
}

#[wasm_bindgen_test]
fn a_tab_opens_its_own_account_else_the_last_used_else_the_first() {
    let mut list = AccountList::default();
    list.ensure(&AccountSlot::default());
    let mut n = 0;
    let b = list.add(|| {
        n += 1;
        n
    });
    let c = list.add(|| 2);
    // `add` never reuses a slot, even when the random numbers repeat.
    let d = list.add(|| {
        if n < 4 {
            n += 1;
            2
        } else {
            9
        }
    });
    assert_eq!(list.entries().len(), 4);
    assert!(b != c && c != d);
    assert_eq!(list.choose(Some(c.db_name()), Some(b.db_name())), c);
    assert_eq!(list.choose(None, Some(b.db_name())), b);
    assert_eq!(list.choose(Some("garbage"), Some(b.db_name())), b);
    // A removed account is passed over.
    list.remove(&c);
    assert_eq!(list.choose(Some(c.db_name()), None), AccountSlot::default());
    list.remove(&AccountSlot::default());
    assert_eq!(list.choose(None, None), b);
}

#[wasm_bindgen_test]
fn the_list_names_accounts_and_keeps_no_name_under_a_password() {
    let mut list = AccountList::default();
    let a = AccountSlot::default();
    let b = slot(7);
    list.update(&a, id(1), "Alice", false);
    list.ensure(&b);
    assert!(list.several());
    let rows = list.rows(&b, None);
    assert_eq!(rows[0].label, "Alice");
    assert!(rows[0].detail.as_deref().is_some_and(|d| d.contains('…')));
    assert_eq!(
        (rows[1].label.as_str(), rows[1].current),
        ("New account", true)
    );
    list.update(&b, id(2), "Bob", true);
    let entry = list.get(&b).unwrap();
    assert_eq!((entry.name.as_deref(), entry.locked), (None, true));
    // Locked: the list shows its short ID, the tab that has it open its name.
    let short = list.rows(&a, None)[1].label.clone();
    assert!(short.starts_with(&id(2).to_hex()[..6]), "{short}");
    assert_eq!(list.rows(&b, Some("Bob"))[1].label, "Bob");
    // Restoring an account twice is refused: another slot holds it.
    assert_eq!(
        list.holder_of(&id(1), &b).map(|e| e.slot.clone()),
        Some(a.clone())
    );
    assert!(list.holder_of(&id(1), &a).is_none());
    // It survives a round trip through its stored form.
    assert_eq!(AccountList::parse(Some(&list.to_json())), list);
    list.clear(&b);
    assert_eq!(list.get(&b).unwrap().id, None);
}

#[wasm_bindgen_test]
async fn each_account_has_its_own_database_drafts_and_settings_and_removing_one_keeps_the_others() {
    let a = slot(0xa11ce);
    let b = slot(0xb0b);
    for s in [&a, &b] {
        support::fresh_db(s.db_name()).await.close();
    }
    let alice = Identity::from_seed(&[0xa1; 16]);
    let bob = Identity::from_seed(&[0xb0; 16]);
    let note = ConversationId::NoteToSelf;

    accounts::set_current(a.clone());
    let db_a = Db::open().await.unwrap();
    repo::save_identity(&db_a, &alice).await.unwrap();
    browser::draft_set(&note, "alice's draft");
    browser::local_set(&accounts::scoped("session-web.read-receipts"), "on");

    accounts::set_current(b.clone());
    let db_b = Db::open().await.unwrap();
    assert!(
        repo::load_identity(&db_b).await.unwrap().is_none(),
        "B starts empty"
    );
    assert_eq!(browser::draft_get(&note), "", "A's draft is not B's");
    repo::save_identity(&db_b, &bob).await.unwrap();
    browser::draft_set(&note, "bob's draft");

    // Both listed, B removed: its data and keys go, A's stay.
    accounts::set_current(a.clone());
    accounts::show_in_tab(alice.session_id(), "Alice", false);
    accounts::set_current(b.clone());
    let label = accounts::show_in_tab(bob.session_id(), "Bob", false);
    assert_eq!(label.as_deref(), Some("Bob"), "several accounts: named");
    assert_eq!(
        browser::document().unwrap().title(),
        "Bob · Session",
        "the tab shows its account"
    );
    assert_eq!(
        accounts::holder_of(&alice.session_id()).as_deref(),
        Some("Alice")
    );
    repo::wipe(&db_b).await.unwrap();
    let next = accounts::forget(&b);
    assert_eq!(
        next,
        Some(a.clone()),
        "the tab goes on to the account it came from"
    );
    assert!(accounts::load().get(&b).is_none());
    assert_eq!(browser::draft_get(&note), "", "B's drafts are gone");
    db_b.close();

    accounts::set_current(a.clone());
    assert_eq!(browser::draft_get(&note), "alice's draft");
    assert_eq!(
        browser::local_get(&accounts::scoped("session-web.read-receipts")).as_deref(),
        Some("on")
    );
    let kept = repo::load_identity(&db_a).await.unwrap().unwrap();
    assert_eq!(kept.session_id(), alice.session_id());
    // Alone again, the tab's title names no account.
    assert_eq!(
        accounts::show_in_tab(alice.session_id(), "Alice", false),
        None
    );
    // The default slot's entry was never added here: only A is listed.
    assert_eq!(accounts::load().entries().len(), 1);
    db_a.close();
    browser::local_remove("session-web.accounts");
    accounts::set_current(AccountSlot::default());
}

#[wasm_bindgen_test]
fn a_lost_list_is_rebuilt_from_the_databases_and_only_removed_accounts_are_deleted() {
    let first = AccountSlot::default();
    let (a, b) = (slot(0xa), slot(0xb));
    let found = [first.clone(), a.clone(), b.clone()];
    // The list was damaged or cleared: every account's database is listed again.
    let mut list = AccountList::parse(Some("not json"));
    let (delete, removed) = list.reconcile(&[], &found);
    assert!(delete.is_empty() && removed.is_empty());
    assert_eq!(list.entries().len(), 3);
    // B was removed: its database goes, and it is not listed again.
    let mut list = AccountList::default();
    list.ensure(&a);
    let (delete, removed) = list.reconcile(&[b.clone(), first.clone()], &found);
    assert_eq!(delete, std::slice::from_ref(&b));
    // The first account's database is never deleted: it stays marked removed.
    assert_eq!(removed, [b.clone(), first.clone()]);
    assert!(list.get(&b).is_none() && list.get(&first).is_none());
    // Once gone, or listed again, a slot is no longer remembered as removed.
    list.ensure(&first);
    let (delete, removed) =
        list.reconcile(&[b.clone(), first.clone()], &[first.clone(), a.clone()]);
    assert!(
        delete.is_empty() && removed.is_empty(),
        "{delete:?} {removed:?}"
    );
}

#[wasm_bindgen_test]
async fn start_up_deletes_a_removed_accounts_database_and_lists_again_one_the_list_lost() {
    let kept = slot(0xcee9);
    let gone = slot(0x90e);
    for s in [&kept, &gone] {
        support::fresh_db(s.db_name()).await.close();
    }
    browser::local_remove("session-web.accounts");
    accounts::set_current(kept.clone());
    accounts::show_in_tab(id(3), "Kept", false);
    accounts::set_current(gone.clone());
    accounts::show_in_tab(id(4), "Gone", false);
    accounts::forget(&gone);
    accounts::set_current(AccountSlot::default());
    // The list is lost as well (cleared by hand, say).
    browser::local_remove("session-web.accounts");
    accounts::sweep().await;
    let names = browser::database_names().await;
    assert!(!names.iter().any(|n| n == gone.db_name()), "{names:?}");
    assert!(names.iter().any(|n| n == kept.db_name()), "{names:?}");
    let list = accounts::load();
    assert!(list.get(&kept).is_some(), "listed again");
    assert!(list.get(&gone).is_none(), "a removed account stays removed");
    // Nothing is left to delete: a second start changes nothing.
    accounts::sweep().await;
    assert!(browser::local_get("session-web.accounts-removed").is_none());
    assert_eq!(accounts::load(), list);
    browser::local_remove("session-web.accounts");
}
