//! The password lock in a real browser: a password seals every stored record (the raw
//! IndexedDB records hold no seed, no message text, no file bytes), unlocking needs it, wrong
//! passwords wait longer and longer, and changing or removing it re-wraps the key without
//! touching a record.

#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::GetUntracked;
use rexie::TransactionMode;
use session_core::client::OutboxEntry;
use session_core::conversation::ConversationId;
use session_core::identity::Identity;
use session_core::message::compose::ContentBuilder;
use session_web::ports::FileStore;
use session_web::storage::db::stores;
use session_web::storage::files::IdbFiles;
use session_web::storage::lock::{self, LockError, LockState};
use session_web::storage::repo::{self, NameUpdate};
use session_web::storage::{Db, MessageRecord, MessageStatus, OutboxRecord};
use session_web::vault::kdf::KdfParams;
use session_web::vault::VaultError;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

mod support;

use support::fresh_db as fresh;

wasm_bindgen_test_configure!(run_in_browser);

const CHEAP: KdfParams = KdfParams::TESTING;
const SECRET_TEXT: &str = "meet me at the old lighthouse";
const FILE_BYTES: &[u8] = b"FILE-CONTENT-MARKER 1234567890";
// Far ahead of the real clock: the lock takes the later of the two as the time of a failure.
const NOW: u64 = 4_000_000_000_000;

fn me() -> Identity {
    Identity::from_seed(&[9u8; 16])
}

fn seed_hex() -> String {
    hex::encode([9u8; 16])
}

fn bob() -> ConversationId {
    ConversationId::Direct(Identity::from_seed(&[2u8; 16]).session_id())
}

fn message(ts: u64, text: &str, outgoing: bool) -> MessageRecord {
    let author = if outgoing {
        me().session_id()
    } else {
        Identity::from_seed(&[2u8; 16]).session_id()
    };
    support::text_record(&bob(), &author, ts, text, outgoing)
}

/// A database with an account, a conversation, messages, an outbox entry, a file and settings.
async fn filled(name: &str) -> (Db, OutboxRecord) {
    let db = fresh(name).await;
    repo::save_identity(&db, &me()).await.unwrap();
    let name_update = NameUpdate {
        conv: bob(),
        name: "Bob Lighthouse".into(),
        updated_s: 1,
        picture: None,
    };
    repo::store_messages(
        &db,
        &[message(1_000, SECRET_TEXT, false)],
        &[name_update],
        Some("{}"),
    )
    .await
    .unwrap();
    let client = support::offline_client(me());
    let bob_id = Identity::from_seed(&[2u8; 16]).session_id();
    let out = client
        .prepare(&bob_id, ContentBuilder::text("outgoing words").build())
        .unwrap();
    let record = MessageRecord {
        status: MessageStatus::Sending,
        hash: Some(out.hash().to_owned()),
        ..message(out.timestamp_ms(), "outgoing words", true)
    };
    let entry = OutboxRecord::new(record.key(), OutboxEntry::new(out, 0));
    repo::store_outgoing(&db, &record, Some(&entry))
        .await
        .unwrap();
    repo::save_configs(&db, &[(2, b"config dump bytes".to_vec())])
        .await
        .unwrap();
    (db, entry)
}

/// Everything a record holds that could carry text, as text: strings, bytes (as read) and
/// the bytes of Blobs, through objects.
async fn raw_text(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return String::from_utf8_lossy(&bytes.to_vec()).into_owned();
    }
    if let Some(blob) = v.dyn_ref::<web_sys::Blob>() {
        let buf = JsFuture::from(blob.array_buffer()).await.unwrap();
        return String::from_utf8_lossy(&Uint8Array::new(&buf).to_vec()).into_owned();
    }
    if v.is_object() {
        let mut out = String::new();
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let field = Reflect::get(v, &key).unwrap();
            out.push_str(&Box::pin(raw_text(&field)).await);
            out.push('\n');
        }
        return out;
    }
    String::new()
}

/// Every raw record of every store: `(store, key as JSON, value)`.
async fn raw_records(db: &Db) -> Vec<(String, String, JsValue)> {
    let mut out = Vec::new();
    for name in stores::ALL {
        let tx = db
            .raw()
            .transaction(&[name], TransactionMode::ReadOnly)
            .unwrap();
        let store = tx.store(name).unwrap();
        let keys = store.get_all_keys(None, None).await.unwrap();
        let values = store.get_all(None, None).await.unwrap();
        tx.done().await.unwrap();
        for (k, v) in keys.into_iter().zip(values) {
            let key = js_sys::JSON::stringify(&k).unwrap().as_string().unwrap();
            out.push((name.to_owned(), key, v));
        }
    }
    out
}

/// Whether any raw record shows one of `needles`.
async fn shows_any(db: &Db, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (store, key, v) in raw_records(db).await {
        let text = raw_text(&v).await;
        for n in needles {
            if text.contains(n) {
                found.push(format!("{store} {key}: {n}"));
            }
        }
    }
    found
}

fn needles() -> Vec<&'static str> {
    vec![
        SECRET_TEXT,
        "outgoing words",
        "Bob Lighthouse",
        "FILE-CONTENT-MARKER",
        "config dump",
    ]
}

#[wasm_bindgen_test]
async fn a_password_seals_every_record_and_the_raw_database_shows_no_secret() {
    let (db, _) = filled("t-lock-seal").await;
    let files = IdbFiles::new(Rc::new(Db::open_named("t-lock-seal").await.unwrap()));
    files
        .put("local:f1", FILE_BYTES, "text/plain", NOW)
        .await
        .unwrap();
    let seed = seed_hex();
    let mut secrets = needles();
    secrets.push(&seed);
    // Before: the plain records show them (the check can fail).
    assert!(!shows_any(&db, &secrets).await.is_empty());

    lock::set_password(&db, "correct horse", CHEAP)
        .await
        .unwrap();
    let found = shows_any(&db, &secrets).await;
    assert!(found.is_empty(), "plain text left: {found:?}");
    // Everything but the data version and the lock record is sealed bytes.
    for (store, key, v) in raw_records(&db).await {
        let plain_ok = store == "meta" && (key == "\"data_version\"" || key == "\"lock\"");
        if store == "files" {
            assert!(Reflect::get(&v, &"sealed".into())
                .unwrap()
                .is_instance_of::<Uint8Array>());
            assert!(Reflect::get(&v, &"data".into()).unwrap().is_undefined());
        } else if !plain_ok {
            assert!(
                v.is_instance_of::<Uint8Array>(),
                "{store} {key} is not sealed"
            );
        }
    }

    // This connection keeps working, sealed: reads, and read-change-write transactions.
    let back = repo::load_identity(&db).await.unwrap().unwrap();
    assert_eq!(back.session_id(), me().session_id());
    let msgs = repo::load_messages(&db, &bob(), 10).await.unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0].text.as_str(), SECRET_TEXT);
    repo::store_messages(
        &db,
        &[message(4_000_000_000_000, "a newer secret", false)],
        &[],
        None,
    )
    .await
    .unwrap();
    let conv = repo::load_conversation(&db, &bob()).await.unwrap().unwrap();
    assert_eq!(conv.name.as_deref(), Some("Bob Lighthouse"));
    assert_eq!(conv.unread, 1, "the new message, after our own");
    repo::mark_read(&db, &bob()).await.unwrap();
    assert_eq!(
        repo::load_conversation(&db, &bob())
            .await
            .unwrap()
            .unwrap()
            .unread,
        0
    );
    assert!(shows_any(&db, &["a newer secret"]).await.is_empty());
    let configs = repo::load_configs(&db).await.unwrap();
    assert!(configs
        .iter()
        .any(|(ns, d)| *ns == 2 && d.as_slice() == b"config dump bytes"));
}

#[wasm_bindgen_test]
async fn a_reload_needs_the_password_and_wrong_ones_wait_longer_each_time() {
    let (db, _) = filled("t-lock-unlock").await;
    lock::set_password(&db, "correct horse", CHEAP)
        .await
        .unwrap();
    db.close();

    let db = Db::open_named("t-lock-unlock").await.unwrap();
    assert!(matches!(
        lock::state(&db).await.unwrap(),
        LockState::Locked(_)
    ));
    // Locked: nothing reads.
    assert!(repo::load_identity(&db).await.is_err());
    assert!(repo::load_messages(&db, &bob(), 10)
        .await
        .unwrap()
        .is_empty());

    let wrong = lock::unlock(&db, "battery staple", NOW).await;
    assert_eq!(wrong, Err(LockError::Vault(VaultError::WrongPassword)));
    // Right away, even the right password waits (1 s after one failure).
    match lock::unlock(&db, "correct horse", NOW + 10).await {
        Err(LockError::Vault(VaultError::TooSoon { wait_ms })) => assert_eq!(wait_ms, 990),
        other => panic!("expected a wait, got {other:?}"),
    }
    let second = lock::unlock(&db, "nope", NOW + 1_000).await;
    assert_eq!(second, Err(LockError::Vault(VaultError::WrongPassword)));
    match lock::unlock(&db, "correct horse", NOW + 2_000).await {
        Err(LockError::Vault(VaultError::TooSoon { wait_ms })) => assert_eq!(wait_ms, 1_000),
        other => panic!("expected a longer wait, got {other:?}"),
    }
    assert_eq!(
        lock::unlock(&db, "", NOW + 10_000).await,
        Err(LockError::Vault(VaultError::EmptyPassword))
    );
    lock::unlock(&db, "correct horse", NOW + 10_000)
        .await
        .unwrap();
    assert_eq!(
        repo::load_identity(&db)
            .await
            .unwrap()
            .unwrap()
            .session_id(),
        me().session_id()
    );
    let msgs = repo::load_messages(&db, &bob(), 10).await.unwrap();
    assert_eq!(msgs[0].text.as_str(), SECRET_TEXT);
    // A success clears the count.
    match lock::state(&db).await.unwrap() {
        LockState::Locked(rec) => assert_eq!((rec.failures, rec.retry_at_ms), (0, 0)),
        other => panic!("{other:?}"),
    }
}

/// Every sealed record but the lock record, as `store key bytes-hex`.
async fn sealed_bytes(db: &Db) -> Vec<String> {
    raw_records(db)
        .await
        .into_iter()
        .filter(|(s, k, _)| !(s == "meta" && k == "\"lock\""))
        .map(|(s, k, v)| {
            let bytes = v.dyn_ref::<Uint8Array>().map(|b| b.to_vec());
            format!("{s} {k} {}", hex::encode(bytes.unwrap_or_default()))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn changing_and_removing_the_password_rewrap_the_key_and_leave_records_alone() {
    let (db, entry) = filled("t-lock-change").await;
    lock::set_password(&db, "first", CHEAP).await.unwrap();
    let before = sealed_bytes(&db).await;

    assert_eq!(
        lock::change_password(&db, "wrong", "second", CHEAP, NOW).await,
        Err(LockError::Vault(VaultError::WrongPassword))
    );
    lock::change_password(&db, "first", "second", CHEAP, NOW + 5_000)
        .await
        .unwrap();
    let after = sealed_bytes(&db).await;
    assert_eq!(before, after, "no record was re-encrypted");
    db.close();

    let db = Db::open_named("t-lock-change").await.unwrap();
    assert_eq!(
        lock::unlock(&db, "first", NOW + 10_000).await,
        Err(LockError::Vault(VaultError::WrongPassword))
    );
    lock::unlock(&db, "second", NOW + 20_000).await.unwrap();
    // The read-change-write of a delivery works on sealed records.
    repo::record_delivery(&db, &entry, MessageStatus::Sent, true)
        .await
        .unwrap();
    assert!(repo::load_outbox(&db).await.unwrap().is_empty());

    lock::remove_password(&db, "second", NOW + 30_000)
        .await
        .unwrap();
    db.close();
    let db = Db::open_named("t-lock-change").await.unwrap();
    assert_eq!(lock::state(&db).await.unwrap(), LockState::Open);
    lock::open_without_password(&db).await.unwrap();
    let msgs = repo::load_messages(&db, &bob(), 10).await.unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[1].status, MessageStatus::Sent);

    // A password set again only wraps the kept key.
    lock::set_password(&db, "third", CHEAP).await.unwrap();
    assert_eq!(
        lock::set_password(&db, "fourth", CHEAP).await,
        Err(LockError::PasswordSet)
    );
    match lock::state(&db).await.unwrap() {
        LockState::Locked(rec) => assert!(rec.open.is_none(), "the raw key is gone"),
        other => panic!("{other:?}"),
    }
    db.close();
    let db = Db::open_named("t-lock-change").await.unwrap();
    lock::unlock(&db, "third", NOW + 40_000).await.unwrap();
    assert_eq!(repo::load_messages(&db, &bob(), 10).await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn a_sealed_record_moved_to_another_key_or_a_plain_record_added_is_not_read() {
    let (db, _) = filled("t-lock-moved").await;
    lock::set_password(&db, "pw", CHEAP).await.unwrap();
    let records = raw_records(&db).await;
    let (_, _, sealed_conv) = records
        .iter()
        .find(|(s, _, _)| s == "conversations")
        .unwrap()
        .clone();
    let other = ConversationId::Direct(Identity::from_seed(&[3u8; 16]).session_id());
    let tx = db
        .raw()
        .transaction(&[stores::CONVERSATIONS], TransactionMode::ReadWrite)
        .unwrap();
    let store = tx.store(stores::CONVERSATIONS).unwrap();
    store
        .put(&sealed_conv, Some(&JsValue::from_str(&other.to_string())))
        .await
        .unwrap();
    let third = ConversationId::Direct(Identity::from_seed(&[4u8; 16]).session_id());
    store
        .put(
            &JsValue::from_str("{\"not\":\"sealed\"}"),
            Some(&JsValue::from_str(&third.to_string())),
        )
        .await
        .unwrap();
    tx.done().await.unwrap();
    assert!(repo::load_conversation(&db, &other)
        .await
        .unwrap()
        .is_none());
    assert!(repo::load_conversation(&db, &third)
        .await
        .unwrap()
        .is_none());
    let all = repo::load_conversations(&db).await.unwrap();
    assert_eq!(all.len(), 1, "only the real summary reads");
    assert_eq!(all[0].id, bob());
}

#[wasm_bindgen_test]
async fn a_sealed_file_comes_back_as_it_was_stored() {
    let db = Rc::new(fresh("t-lock-files").await);
    lock::set_password(&db, "pw", CHEAP).await.unwrap();
    let files = IdbFiles::new(db.clone());
    files
        .put("local:f2", FILE_BYTES, "image/png", NOW)
        .await
        .unwrap();
    let back = files.get("local:f2").await.unwrap().unwrap();
    assert_eq!(back.mime, "image/png");
    assert_eq!(back.size, FILE_BYTES.len() as u64);
    let buf = JsFuture::from(back.blob.array_buffer()).await.unwrap();
    assert_eq!(Uint8Array::new(&buf).to_vec(), FILE_BYTES);
    assert!(shows_any(&db, &["FILE-CONTENT-MARKER"]).await.is_empty());
    let usage = files.usage().await.unwrap();
    assert_eq!((usage.files, usage.bytes), (1, FILE_BYTES.len() as u64));
}

#[wasm_bindgen_test]
fn new_passwords_are_checked_and_waits_rise_to_five_minutes() {
    use session_web::state::password::{auto_lock_label, check_new, PasswordProblem};
    assert_eq!(check_new("12345", "12345"), Err(PasswordProblem::TooShort));
    assert_eq!(
        check_new("123456", "123457"),
        Err(PasswordProblem::Mismatch)
    );
    assert_eq!(
        check_new(&"x".repeat(65), &"x".repeat(65)),
        Err(PasswordProblem::TooLong)
    );
    assert_eq!(check_new("ünïcödé", "ünïcödé"), Ok(()));
    let waits: Vec<u64> = (0..12).map(lock::delay_after).collect();
    assert_eq!(&waits[..5], &[0, 1_000, 2_000, 4_000, 8_000]);
    assert_eq!(waits[11], 300_000);
    assert!(waits.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(lock::delay_after(u32::MAX), 300_000);
    assert_eq!(auto_lock_label(0), "Never");
    assert_eq!(auto_lock_label(1), "After 1 minute");
    assert_eq!(auto_lock_label(60), "After 1 hour");
    assert_eq!(auto_lock_label(240), "After 4 hours");
}

#[wasm_bindgen_test]
fn the_real_cost_derives_a_stable_key_and_salts_separate_keys() {
    use session_web::vault::kdf;
    let a = kdf::derive("pw", &[1; 16], KdfParams::TESTING).unwrap();
    let b = kdf::derive("pw", &[1; 16], KdfParams::TESTING).unwrap();
    let c = kdf::derive("pw", &[2; 16], KdfParams::TESTING).unwrap();
    let d = kdf::derive("pw2", &[1; 16], KdfParams::TESTING).unwrap();
    assert_eq!(*a, *b);
    assert_ne!(*a, *c);
    assert_ne!(*a, *d);
    // The default cost works in a tab; an absurd one from a damaged record is refused.
    assert!(kdf::derive("pw", &[1; 16], KdfParams::DEFAULT).is_ok());
    let absurd = KdfParams {
        m_kib: 8 << 20,
        t: 1,
        p: 1,
    };
    assert_eq!(
        kdf::derive("pw", &[1; 16], absurd).unwrap_err(),
        VaultError::Kdf
    );
}

#[wasm_bindgen_test]
async fn settings_sync_clearing_and_groups_read_and_write_sealed_records() {
    use session_web::storage::{ConvSettings, SyncedConversation};
    let (db, _) = filled("t-lock-more").await;
    lock::set_password(&db, "pw", CHEAP).await.unwrap();
    // The read state of another device: counted over sealed messages in one transaction.
    let synced = [SyncedConversation {
        conv: bob(),
        name: Some("Robert".into()),
        settings: ConvSettings {
            nickname: Some("Bobby Lighthouse".into()),
            ..ConvSettings::default()
        },
        last_read_ms: Some(500),
        listed: true,
    }];
    let changed = repo::apply_synced(&db, &synced).await.unwrap();
    assert_eq!(changed.len(), 1);
    let c = repo::load_conversation(&db, &bob()).await.unwrap().unwrap();
    assert_eq!(c.settings.nickname.as_deref(), Some("Bobby Lighthouse"));
    assert!(shows_any(&db, &["Bobby Lighthouse"]).await.is_empty());

    let group = session_web::storage::GroupRecord {
        id: "03aa".into(),
        admin_seed: None,
        dump: "group dump".into(),
        invited: false,
        inviter: None,
        name: "The Lighthouse Keepers".into(),
        left: false,
        respond: false,
    };
    repo::save_group(&db, &group, false).await.unwrap();
    let groups = repo::load_groups(&db).await.unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "The Lighthouse Keepers");
    assert!(shows_any(&db, &["Lighthouse Keepers"]).await.is_empty());

    repo::clear_conversation(&db, &bob(), false).await.unwrap();
    assert!(repo::load_messages(&db, &bob(), 10)
        .await
        .unwrap()
        .is_empty());
    let c = repo::load_conversation(&db, &bob()).await.unwrap().unwrap();
    assert_eq!(c.count, 0);
}

/// A vault that only says whether a password is set.
struct SetVault;

impl session_web::ports::Vault for SetVault {
    fn has_password(&self) -> session_web::ports::Boxed<'_, Result<bool, LockError>> {
        Box::pin(async { Ok(true) })
    }
    fn set_password<'a>(
        &'a self,
        _: &'a str,
    ) -> session_web::ports::Boxed<'a, Result<(), LockError>> {
        Box::pin(async { Err(LockError::PasswordSet) })
    }
    fn change_password<'a>(
        &'a self,
        _: &'a str,
        _: &'a str,
    ) -> session_web::ports::Boxed<'a, Result<(), LockError>> {
        Box::pin(async { Ok(()) })
    }
    fn remove_password<'a>(
        &'a self,
        _: &'a str,
    ) -> session_web::ports::Boxed<'a, Result<(), LockError>> {
        Box::pin(async { Ok(()) })
    }
}

#[wasm_bindgen_test]
async fn an_idle_tab_locks_itself_and_lock_now_locks_every_tab() {
    use session_web::net::tabs::TabMessage;
    use session_web::state::password::PasswordLock;
    use session_web::state::tabs::Tabs;
    let clock = Rc::new(support::SimClock::new());
    let platform = Rc::new(support::FakePlatform::default());
    let channel = Rc::new(support::FakeChannel::default());
    let tabs = Rc::new(Tabs::new("t1".into(), channel.clone(), platform.clone()));
    let lock = Rc::new(PasswordLock::new(
        Some(Rc::new(SetVault)),
        tabs,
        platform.clone(),
        clock.clone(),
    ));
    lock.load().await;
    assert!(lock.has_password.get_untracked());
    lock.set_auto_lock(1);
    lock.set_auto_lock(7); // not a choice: ignored
    assert_eq!(lock.auto_lock_min.get_untracked(), 1);
    lock.watch_idle();
    clock.advance(45_000).await;
    lock.note_activity();
    clock.advance(45_000).await;
    assert!(!lock.idle_expired(), "active 45 s ago");
    assert!(!platform.restarted.get());
    clock.advance(30_000).await;
    assert!(platform.restarted.get(), "locked after a minute idle");
    assert!(
        channel.posted.borrow().is_empty(),
        "an idle lock is this tab's alone"
    );

    platform.restarted.set(false);
    lock.lock_now();
    assert!(platform.restarted.get());
    assert_eq!(*channel.posted.borrow(), vec![TabMessage::Restart]);
}
