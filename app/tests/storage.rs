//! IndexedDB storage in a real browser: schema and migrations, the outbox, batches,
//! summaries and corrupt records.

#![cfg(target_arch = "wasm32")]

use rexie::TransactionMode;
use session_core::client::OutboxEntry;
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::ContentBuilder;
use session_web::storage::db::{stores, DATA_VERSION, SCHEMA_VERSION};
use session_web::storage::repo::{self, NameUpdate};
use session_web::storage::{ConvSettings, OutboxRecord, SyncedConversation};
use session_web::storage::{Db, MessageRecord, MessageStatus, StorageError};
use session_web::util::browser;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod support;

use support::{fresh_db as fresh, text_record as msg};

wasm_bindgen_test_configure!(run_in_browser);

fn id(fill: &str) -> SessionId {
    format!("05{}", fill.repeat(32)).parse().unwrap()
}

fn direct(fill: &str) -> ConversationId {
    ConversationId::Direct(id(fill))
}

const ME: &str = "aa";
const BOB: &str = "bb";
const CAROL: &str = "cc";

#[wasm_bindgen_test]
async fn new_database_is_at_the_current_data_version() {
    let db = fresh("t-version").await;
    assert_eq!(db.data_version().await.unwrap(), DATA_VERSION);
}

#[wasm_bindgen_test]
async fn data_from_a_newer_app_is_refused_not_overwritten() {
    let db = fresh("t-too-new").await;
    db.set_data_version(DATA_VERSION + 1).await.unwrap();
    db.close();
    match Db::open_named("t-too-new").await {
        Err(StorageError::TooNew { found, supported }) => {
            assert_eq!((found, supported), (DATA_VERSION + 1, DATA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn identity_round_trips_through_its_seed() {
    let db = fresh("t-identity").await;
    assert!(repo::load_identity(&db).await.unwrap().is_none());
    let id = Identity::from_seed(&[7u8; 16]);
    repo::save_identity(&db, &id).await.unwrap();
    let back = repo::load_identity(&db).await.unwrap().expect("stored");
    assert_eq!(back.session_id(), id.session_id());
    assert_eq!(
        back.mnemonic().map(|m| m.to_string()),
        id.mnemonic().map(|m| m.to_string())
    );
}

/// Writes `value` as the stored account record, as a damaged browser profile might hold it.
async fn put_raw_identity(db: &Db, value: &JsValue) {
    let tx = db
        .raw()
        .transaction(&[stores::META], TransactionMode::ReadWrite)
        .unwrap();
    tx.store(stores::META)
        .unwrap()
        .put(value, Some(&"identity".into()))
        .await
        .unwrap();
    tx.done().await.unwrap();
}

#[wasm_bindgen_test]
async fn an_unreadable_account_is_an_error_and_no_other_account_replaces_it() {
    let db = fresh("t-unreadable-identity").await;
    let me = Identity::from_seed(&[7u8; 16]);
    let other = Identity::from_seed(&[8u8; 16]);
    repo::save_identity(&db, &me).await.unwrap();
    // Saving the same account again is harmless; another one never replaces it.
    repo::save_identity(&db, &me).await.unwrap();
    assert!(repo::save_identity(&db, &other).await.is_err());
    assert_eq!(
        repo::load_identity(&db)
            .await
            .unwrap()
            .map(|i| i.session_id()),
        Some(me.session_id())
    );

    for damaged in [
        JsValue::from_str("{not json"),
        JsValue::from_str("{\"seed\": \"zz\"}"),
        JsValue::from_str("{\"seed\": \"0102\"}"),
        JsValue::from_f64(3.0),
    ] {
        put_raw_identity(&db, &damaged).await;
        let loaded = repo::load_identity(&db).await;
        assert!(
            loaded.is_err(),
            "{damaged:?} read as {:?}",
            loaded.map(|i| i.is_some())
        );
        assert!(repo::save_identity(&db, &other).await.is_err());
        assert!(repo::save_identity(&db, &me).await.is_err());
    }
    // Whose the data is stays known; only that account's phrase repairs the record.
    let data = repo::stored_data(&db).await.unwrap();
    assert_eq!(data.owner, Some(me.session_id()));
    assert_eq!(
        repo::repair_identity(&db, &other).await,
        Err(StorageError::AccountStored)
    );
    repo::repair_identity(&db, &me).await.unwrap();
    let back = repo::load_identity(&db).await.unwrap().unwrap();
    assert_eq!(back.session_id(), me.session_id());
}

#[wasm_bindgen_test]
async fn messages_load_newest_page_in_order_per_conversation() {
    let db = fresh("t-page").await;
    let batch: Vec<_> = (1..=30u64)
        .map(|i| {
            msg(
                &direct(if i % 2 == 0 { BOB } else { CAROL }),
                &id(BOB),
                i * 1000,
                &format!("m{i}"),
                false,
            )
        })
        .collect();
    repo::store_messages(&db, &batch, &[], None).await.unwrap();
    let page = repo::load_messages(&db, &direct(BOB), 5).await.unwrap();
    let texts: Vec<_> = page.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["m22", "m24", "m26", "m28", "m30"]);
    assert!(page.iter().all(|m| m.conv == direct(BOB)));
}

#[wasm_bindgen_test]
async fn a_batch_skips_stored_messages_and_updates_summaries_once() {
    let db = fresh("t-batch").await;
    let first = vec![
        msg(&direct(BOB), &id(BOB), 1000, "hi", false),
        msg(&direct(BOB), &id(BOB), 2000, "there", false),
    ];
    let out = repo::store_messages(&db, &first, &[], Some("{\"v\":1}"))
        .await
        .unwrap();
    assert_eq!(out.new_messages.len(), 2);
    // The same messages again (e.g. re-polled), plus one new, in one batch.
    let again = vec![
        first[0].clone(),
        first[1].clone(),
        msg(&direct(BOB), &id(ME), 3000, "mine", true),
    ];
    let out = repo::store_messages(&db, &again, &[], None).await.unwrap();
    assert_eq!(out.new_messages.len(), 1);
    let convs = repo::load_conversations(&db).await.unwrap();
    assert_eq!(convs.len(), 1);
    let c = &convs[0];
    assert_eq!(
        (c.count, c.last_ts, c.last_text.as_str()),
        (3, 3000, "mine")
    );
    // Our own message reads what came before it.
    assert_eq!(c.unread, 0);
    assert_eq!(
        repo::load_messages(&db, &direct(BOB), 100)
            .await
            .unwrap()
            .len(),
        3
    );
}

#[wasm_bindgen_test]
async fn unread_counts_and_mark_read() {
    let db = fresh("t-unread").await;
    let batch = vec![
        msg(&direct(BOB), &id(BOB), 1000, "a", false),
        msg(&direct(BOB), &id(BOB), 2000, "b", false),
    ];
    repo::store_messages(&db, &batch, &[], None).await.unwrap();
    let c = repo::load_conversation(&db, &direct(BOB))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.unread, 2);
    let c = repo::mark_read(&db, &direct(BOB)).await.unwrap().unwrap();
    assert_eq!((c.unread, c.last_read_ts), (0, 2000));
    repo::store_messages(
        &db,
        &[msg(&direct(BOB), &id(BOB), 3000, "c", false)],
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        repo::load_conversation(&db, &direct(BOB))
            .await
            .unwrap()
            .unwrap()
            .unread,
        1
    );
}

#[wasm_bindgen_test]
async fn names_follow_the_profile_update_rule() {
    let db = fresh("t-names").await;
    let name = |n: &str, s: u64| NameUpdate {
        conv: direct(BOB),
        name: n.into(),
        updated_s: s,
        picture: None,
    };
    repo::store_messages(
        &db,
        &[msg(&direct(BOB), &id(BOB), 1, "x", false)],
        &[name("Bob", 10)],
        None,
    )
    .await
    .unwrap();
    repo::store_messages(&db, &[], &[name("Old Bob", 5)], None)
        .await
        .unwrap();
    let c = repo::load_conversation(&db, &direct(BOB))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.name.as_deref(), Some("Bob"));
    repo::store_messages(&db, &[], &[name("Robert", 11)], None)
        .await
        .unwrap();
    let c = repo::load_conversation(&db, &direct(BOB))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.name.as_deref(), Some("Robert"));
}

#[wasm_bindgen_test]
async fn corrupt_records_are_skipped_not_fatal() {
    let db = fresh("t-corrupt").await;
    repo::store_messages(
        &db,
        &[msg(&direct(BOB), &id(BOB), 1000, "good", false)],
        &[],
        None,
    )
    .await
    .unwrap();
    let tx = db
        .raw()
        .transaction(
            &[stores::MESSAGES, stores::CONVERSATIONS],
            TransactionMode::ReadWrite,
        )
        .unwrap();
    let bob = JsValue::from_str(&id(BOB).to_hex());
    let key = js_sys::Array::of3(&bob, &JsValue::from_f64(500.0), &bob);
    tx.store(stores::MESSAGES)
        .unwrap()
        .put(&"{not json".into(), Some(&key))
        .await
        .unwrap();
    let key2 = js_sys::Array::of3(&bob, &JsValue::from_f64(600.0), &bob);
    tx.store(stores::MESSAGES)
        .unwrap()
        .put(&JsValue::from_f64(3.0), Some(&key2))
        .await
        .unwrap();
    tx.store(stores::CONVERSATIONS)
        .unwrap()
        .put(&"{\"id\": 5}".into(), Some(&id("dd").to_hex().into()))
        .await
        .unwrap();
    tx.done().await.unwrap();
    let page = repo::load_messages(&db, &direct(BOB), 10).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].text, "good");
    let convs = repo::load_conversations(&db).await.unwrap();
    assert_eq!(convs.len(), 1);
}

#[wasm_bindgen_test]
async fn ten_thousand_messages_store_in_batches_and_start_from_summaries() {
    let db = fresh("t-large").await;
    // Two batches of 5,000 (one transaction each), over two conversations.
    for part in 0..2u64 {
        let batch: Vec<_> = (0..5_000u64)
            .map(|i| {
                let n = part * 5_000 + i;
                let conv = if n % 5 == 0 { CAROL } else { BOB };
                msg(
                    &direct(conv),
                    &id(conv),
                    10_000 + n,
                    &format!("message {n}"),
                    false,
                )
            })
            .collect();
        let out = repo::store_messages(&db, &batch, &[], None).await.unwrap();
        assert_eq!(out.new_messages.len(), 5_000);
    }
    // What a start reads: the summaries, and one page of the open conversation.
    let mut convs = repo::load_conversations(&db).await.unwrap();
    convs.sort_by(|a, b| a.id.cmp(&b.id));
    let counts: Vec<_> = convs
        .iter()
        .map(|c| (c.id.clone(), c.count, c.unread))
        .collect();
    assert_eq!(
        counts,
        [(direct(BOB), 8_000, 8_000), (direct(CAROL), 2_000, 2_000)]
    );
    assert_eq!(convs[0].last_text, "message 9999");
    let page = repo::load_messages(&db, &direct(BOB), 50).await.unwrap();
    assert_eq!(page.len(), 50);
    assert_eq!(page.last().unwrap().text, "message 9999");
    assert!(page.windows(2).all(|w| w[0].ts < w[1].ts));
}

#[wasm_bindgen_test]
async fn outbox_entry_lives_until_delivery_completes() {
    let db = fresh("t-outbox").await;
    let me = Identity::from_seed(&[1u8; 16]);
    let bob = Identity::from_seed(&[2u8; 16]).session_id();
    let client = support::offline_client(me.clone());
    let out = client
        .prepare(&bob, ContentBuilder::text("hello").build())
        .unwrap();
    let conv = ConversationId::Direct(bob);
    let record = MessageRecord {
        status: MessageStatus::Sending,
        hash: Some(out.hash().to_owned()),
        ..msg(&conv, &me.session_id(), out.timestamp_ms(), "hello", true)
    };
    let entry = OutboxRecord::new(record.key(), OutboxEntry::new(out.clone(), 0));
    repo::store_outgoing(&db, &record, Some(&entry))
        .await
        .unwrap();

    // After a reload: the same encrypted bytes come back from the outbox.
    let pending = repo::load_outbox(&db).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].outgoing, out);
    assert_eq!(pending[0].outgoing.hash(), out.hash());

    repo::record_delivery(&db, &entry, MessageStatus::Failed, false)
        .await
        .unwrap();
    assert_eq!(repo::load_outbox(&db).await.unwrap().len(), 1);
    let stored = repo::load_messages(&db, &conv, 10).await.unwrap();
    assert_eq!(stored[0].status, MessageStatus::Failed);
    assert_eq!(
        repo::load_conversation(&db, &conv)
            .await
            .unwrap()
            .unwrap()
            .last_status,
        MessageStatus::Failed
    );

    repo::record_delivery(&db, &entry, MessageStatus::Sent, true)
        .await
        .unwrap();
    assert!(repo::load_outbox(&db).await.unwrap().is_empty());
    let stored = repo::load_messages(&db, &conv, 10).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, MessageStatus::Sent);
}

/// Writes `value` (JSON text, as stored) under `key` in `store`.
async fn put_raw(db: &Db, store: &str, key: &JsValue, value: &str) {
    let tx = db
        .raw()
        .transaction(&[store], TransactionMode::ReadWrite)
        .unwrap();
    tx.store(store)
        .unwrap()
        .put(&JsValue::from_str(value), Some(key))
        .await
        .unwrap();
    tx.done().await.unwrap();
}

fn raw_key(conv: &str, ts: u64, author: &str) -> JsValue {
    js_sys::Array::of3(&conv.into(), &JsValue::from_f64(ts as f64), &author.into()).into()
}

/// Every key of `store`, as text.
async fn raw_keys(db: &rexie::Rexie, store: &str) -> Vec<String> {
    let tx = db.transaction(&[store], TransactionMode::ReadOnly).unwrap();
    let keys = tx
        .store(store)
        .unwrap()
        .get_all_keys(None, None)
        .await
        .unwrap();
    keys.iter()
        .map(|k| match k.as_string() {
            Some(s) => s,
            None => js_sys::Array::from(k)
                .iter()
                .map(|p| {
                    p.as_string()
                        .unwrap_or_else(|| format!("{}", p.as_f64().unwrap()))
                })
                .collect::<Vec<_>>()
                .join("|"),
        })
        .collect()
}

/// A database of data version 1, as the app wrote it before conversations were typed: a
/// chat with Bob (two messages from him, unread, and one of ours that failed, still in the
/// outbox), Note to Self under our own ID (a sent note, and one waiting in the outbox), and
/// drafts for both.
async fn version_1_database(name: &str) -> (Identity, Identity, String) {
    let db = fresh(name).await;
    let me = Identity::from_seed(&[1u8; 16]);
    let bob = Identity::from_seed(&[2u8; 16]);
    let (me_hex, bob_hex) = (me.session_id().to_hex(), bob.session_id().to_hex());
    repo::save_identity(&db, &me).await.unwrap();
    db.set_data_version(1).await.unwrap();
    let client = support::offline_client(me.clone());
    let to_bob = client
        .prepare(
            &bob.session_id(),
            ContentBuilder::text("failed one").build(),
        )
        .unwrap();
    let note = client
        .prepare(
            &me.session_id(),
            ContentBuilder::text("note pending").build(),
        )
        .unwrap();
    let (t_bob, t_note) = (to_bob.timestamp_ms(), note.timestamp_ms());
    let msg = |conv: &str, author: &str, ts: u64, text: &str, out: bool, status: &str| {
        format!(
            r#"{{"conv":"{conv}","author":"{author}","ts":{ts},"text":"{text}","outgoing":{out},"status":"{status}","hash":"h{ts}","stored_ms":5}}"#
        )
    };
    for (conv, author, ts, text, out, status) in [
        (&bob_hex, &bob_hex, 1_000, "hi", false, "received"),
        (&bob_hex, &bob_hex, 2_000, "hello?", false, "received"),
        (&bob_hex, &me_hex, t_bob, "failed one", true, "failed"),
        (&me_hex, &me_hex, 3_000, "note sent", true, "sent"),
        (&me_hex, &me_hex, t_note, "note pending", true, "sending"),
    ] {
        put_raw(
            &db,
            stores::MESSAGES,
            &raw_key(conv, ts, author),
            &msg(conv, author, ts, text, out, status),
        )
        .await;
    }
    let outbox = |conv: &str, ts: u64, out: &session_core::client::Outgoing| {
        format!(
            r#"{{"key":{{"conv":"{conv}","ts":{ts},"author":"{me_hex}"}},"outgoing":{},"attempts":2,"created_ms":7}}"#,
            serde_json::to_string(out).unwrap()
        )
    };
    put_raw(
        &db,
        stores::OUTBOX,
        &raw_key(&bob_hex, t_bob, &me_hex),
        &outbox(&bob_hex, t_bob, &to_bob),
    )
    .await;
    put_raw(
        &db,
        stores::OUTBOX,
        &raw_key(&me_hex, t_note, &me_hex),
        &outbox(&me_hex, t_note, &note),
    )
    .await;
    let summary = |id: &str,
                   name: &str,
                   last: &str,
                   ts: u64,
                   out: bool,
                   status: &str,
                   unread: u32,
                   read: u64,
                   count: u64| {
        format!(
            r#"{{"id":"{id}","name":{name},"name_updated_s":4,"last_text":"{last}","last_ts":{ts},"last_outgoing":{out},"last_status":"{status}","unread":{unread},"last_read_ts":{read},"count":{count}}}"#
        )
    };
    put_raw(
        &db,
        stores::CONVERSATIONS,
        &JsValue::from_str(&bob_hex),
        &summary(
            &bob_hex,
            "\"Bob\"",
            "failed one",
            t_bob,
            true,
            "failed",
            2,
            500,
            3,
        ),
    )
    .await;
    put_raw(
        &db,
        stores::CONVERSATIONS,
        &JsValue::from_str(&me_hex),
        &summary(
            &me_hex,
            "null",
            "note pending",
            t_note,
            true,
            "sending",
            0,
            t_note,
            2,
        ),
    )
    .await;
    browser::local_set(&format!("session-web.draft.{me_hex}"), "note draft");
    browser::local_set(&format!("session-web.draft.{bob_hex}"), "bob draft");
    db.close();
    (me, bob, me_hex)
}

#[wasm_bindgen_test]
async fn version_1_data_is_found_under_typed_conversations() {
    let (me, bob, me_hex) = version_1_database("t-migrate").await;
    let db = Db::open_named("t-migrate").await.expect("migrated");
    assert_eq!(db.data_version().await.unwrap(), DATA_VERSION);
    let bob_conv = ConversationId::Direct(bob.session_id());
    let nts = ConversationId::NoteToSelf;

    // Summaries, with names, statuses and unread counts as they were.
    let mut convs = repo::load_conversations(&db).await.unwrap();
    convs.sort_by(|a, b| a.id.cmp(&b.id));
    let seen: Vec<_> = convs
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.name.as_deref(),
                c.unread,
                c.count,
                c.last_status,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (bob_conv.clone(), Some("Bob"), 2, 3, MessageStatus::Failed),
            (nts.clone(), None, 0, 2, MessageStatus::Sending),
        ]
    );
    // Messages, by conversation, with their statuses.
    let texts = |m: &[MessageRecord]| {
        m.iter()
            .map(|m| (m.text.clone(), m.status, m.conv.clone()))
            .collect::<Vec<_>>()
    };
    let bobs = repo::load_messages(&db, &bob_conv, 10).await.unwrap();
    assert_eq!(
        texts(&bobs),
        [
            ("hi".into(), MessageStatus::Received, bob_conv.clone()),
            ("hello?".into(), MessageStatus::Received, bob_conv.clone()),
            ("failed one".into(), MessageStatus::Failed, bob_conv.clone()),
        ]
    );
    let notes = repo::load_messages(&db, &nts, 10).await.unwrap();
    assert_eq!(
        texts(&notes),
        [
            ("note sent".into(), MessageStatus::Sent, nts.clone()),
            ("note pending".into(), MessageStatus::Sending, nts.clone()),
        ]
    );
    assert!(notes.iter().all(|m| m.author == me.session_id()));
    // Outbox entries under the new keys, with their progress.
    let mut outbox = repo::load_outbox(&db).await.unwrap();
    outbox.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(outbox.len(), 2);
    assert_eq!(outbox[0].key, bobs[2].key());
    assert_eq!(outbox[1].key, notes[1].key());
    assert!(outbox.iter().all(|e| e.attempts == 2 && e.created_ms == 7));
    assert_eq!(outbox[1].outgoing.to(), &me.session_id());
    // Nothing is left under our own ID.
    for store in [stores::CONVERSATIONS, stores::MESSAGES, stores::OUTBOX] {
        let keys = raw_keys(db.raw(), store).await;
        assert!(
            keys.iter().all(|k| !k.starts_with(&me_hex)),
            "{store}: {keys:?}"
        );
    }
    // Drafts: Note to Self's moved, Bob's where it was.
    assert_eq!(browser::draft_get(&nts), "note draft");
    assert_eq!(browser::draft_get(&bob_conv), "bob draft");
    assert_eq!(
        browser::local_get(&format!("session-web.draft.{me_hex}")),
        None
    );
    // The account itself is untouched.
    let back = repo::load_identity(&db).await.unwrap().unwrap();
    assert_eq!(back.session_id(), me.session_id());
    browser::draft_set(&nts, "");
    browser::draft_set(&bob_conv, "");
}

#[wasm_bindgen_test]
async fn a_failed_migration_leaves_version_1_data_and_runs_again() {
    let (_, bob, me_hex) = version_1_database("t-migrate-fail").await;
    match Db::open_named_failing_migration("t-migrate-fail").await {
        Err(StorageError::Migration { to: 2, cause }) => {
            assert_eq!(*cause, StorageError::Interrupted)
        }
        other => panic!("expected a failed migration, got {other:?}"),
    }
    // Still version 1, every record where it was (the moves were rolled back).
    let mut schema = rexie::Rexie::builder("t-migrate-fail").version(SCHEMA_VERSION);
    for store in stores::ALL {
        schema = schema.add_object_store(rexie::ObjectStore::new(store));
    }
    let raw = schema.build().await.unwrap();
    let tx = raw
        .transaction(&[stores::META], TransactionMode::ReadOnly)
        .unwrap();
    let version = tx
        .store(stores::META)
        .unwrap()
        .get(JsValue::from_str("data_version"))
        .await
        .unwrap()
        .and_then(|v| v.as_f64());
    tx.done().await.unwrap();
    assert_eq!(version, Some(1.0));
    let messages = raw_keys(&raw, stores::MESSAGES).await;
    assert_eq!(
        messages.iter().filter(|k| k.starts_with(&me_hex)).count(),
        2,
        "{messages:?}"
    );
    for store in [stores::CONVERSATIONS, stores::MESSAGES, stores::OUTBOX] {
        let keys = raw_keys(&raw, store).await;
        assert!(
            keys.iter().all(|k| !k.starts_with("self")),
            "{store}: {keys:?}"
        );
        assert!(
            keys.iter().any(|k| k.starts_with(&me_hex)),
            "{store}: {keys:?}"
        );
    }
    raw.close();
    assert_eq!(
        browser::local_get(&format!("session-web.draft.{me_hex}")).as_deref(),
        Some("note draft")
    );

    // The next start migrates.
    let db = Db::open_named("t-migrate-fail").await.expect("migrated");
    let convs = repo::load_conversations(&db).await.unwrap();
    assert_eq!(convs.len(), 2);
    assert!(convs.iter().any(|c| c.id == ConversationId::NoteToSelf));
    assert!(convs
        .iter()
        .any(|c| c.id == ConversationId::Direct(bob.session_id())));
    let keys = raw_keys(db.raw(), stores::MESSAGES).await;
    assert_eq!(
        keys.iter().filter(|k| k.starts_with("self|")).count(),
        2,
        "{keys:?}"
    );
    assert!(keys.iter().all(|k| !k.starts_with(&me_hex)));
    browser::draft_set(&ConversationId::NoteToSelf, "");
    browser::draft_set(&ConversationId::Direct(bob.session_id()), "");
}

#[wasm_bindgen_test]
async fn the_settings_apply_names_read_state_and_listed_contacts_in_one_write() {
    let db = fresh("sync-apply").await;
    let bob = direct("b2");
    let carol = direct("c3");
    let them = id("b2");
    let batch = [
        msg(&bob, &them, 1_000, "one", false),
        msg(&bob, &them, 2_000, "two", false),
        msg(&bob, &them, 3_000, "three", false),
    ];
    repo::store_messages(&db, &batch, &[], None).await.unwrap();
    assert_eq!(
        repo::load_conversation(&db, &bob)
            .await
            .unwrap()
            .unwrap()
            .unread,
        3
    );

    let synced = [
        // Read on another device up to 2 000: one message stays unread.
        SyncedConversation {
            conv: bob.clone(),
            name: Some("Bob".into()),
            settings: ConvSettings {
                nickname: Some("Bobby".into()),
                ..ConvSettings::default()
            },
            last_read_ms: Some(2_000),
            listed: true,
        },
        // An approved contact without messages here is listed.
        SyncedConversation {
            conv: carol.clone(),
            name: Some("Carol".into()),
            settings: ConvSettings::default(),
            last_read_ms: None,
            listed: true,
        },
        // Read state of a chat this browser has no message of yet: kept in a summary that is
        // not listed, for the messages of the same poll to find.
        SyncedConversation {
            conv: direct("d4"),
            name: None,
            settings: ConvSettings::default(),
            last_read_ms: Some(9),
            listed: false,
        },
    ];
    let changed = repo::apply_synced(&db, &synced).await.unwrap();
    assert_eq!(changed.len(), 3);
    let b = repo::load_conversation(&db, &bob).await.unwrap().unwrap();
    assert_eq!((b.unread, b.last_read_ts), (1, 2_000));
    assert_eq!(b.settings.nickname.as_deref(), Some("Bobby"));
    assert_eq!(b.name.as_deref(), Some("Bob"));
    let c = repo::load_conversation(&db, &carol).await.unwrap().unwrap();
    assert!(c.listed && c.count == 0);
    let d = repo::load_conversation(&db, &direct("d4"))
        .await
        .unwrap()
        .unwrap();
    assert!(!d.is_listed() && d.last_read_ts == 9);
    // Applying the same again changes nothing.
    assert!(repo::apply_synced(&db, &synced).await.unwrap().is_empty());

    // Settings changed here (a pin) survive the next sync until the settings say them too;
    // a conversation without a summary gets one.
    let pin = |s: &ConvSettings| ConvSettings {
        priority: 1,
        ..s.clone()
    };
    assert!(repo::change_settings(&db, &bob, pin).await.unwrap());
    assert!(
        !repo::change_settings(&db, &bob, pin).await.unwrap(),
        "unchanged"
    );
    repo::apply_synced(&db, &synced).await.unwrap();
    let b = repo::load_conversation(&db, &bob).await.unwrap().unwrap();
    assert!(b.settings.pinned() && !b.settings_agreed.pinned());
    assert!(repo::change_settings(&db, &direct("d5"), pin)
        .await
        .unwrap());
    assert!(repo::load_conversation(&db, &direct("d5"))
        .await
        .unwrap()
        .is_some_and(|c| c.settings.pinned() && c.count == 0));

    // The configs' dumps are kept beside each other.
    repo::save_configs(&db, &[(2, vec![1, 2]), (3, vec![3])])
        .await
        .unwrap();
    repo::save_configs(&db, &[(3, vec![4, 5])]).await.unwrap();
    assert_eq!(
        repo::load_configs(&db).await.unwrap(),
        [(2, vec![1, 2]), (3, vec![4, 5])]
    );
}

#[wasm_bindgen_test]
async fn a_schema_1_database_gains_the_files_store_and_keeps_its_messages() {
    let name = "t-schema-2";
    let _ = rexie::Rexie::delete(name).await;
    // As the previous version made it: four stores, a message.
    let old = rexie::Rexie::builder(name)
        .version(1)
        .add_object_store(rexie::ObjectStore::new(stores::META))
        .add_object_store(rexie::ObjectStore::new(stores::CONVERSATIONS))
        .add_object_store(rexie::ObjectStore::new(stores::MESSAGES))
        .add_object_store(rexie::ObjectStore::new(stores::OUTBOX))
        .build()
        .await
        .unwrap();
    old.close();
    let db = Db::open_named(name).await.unwrap();
    let bob = direct(BOB);
    let m = msg(&bob, &id(BOB), 5, "kept", false);
    repo::store_outgoing(&db, &m, None).await.unwrap();
    assert_eq!(repo::load_messages(&db, &bob, 10).await.unwrap(), vec![m]);

    // The files store: Blobs in and out, usage, clearing all but what is kept back.
    use session_web::storage::files;
    files::put_file(&db, "local:1", b"\x89PNG....", "image/png", 1)
        .await
        .unwrap();
    files::put_file(
        &db,
        "http://f/file/2",
        &[7; 3000],
        "application/octet-stream",
        2,
    )
    .await
    .unwrap();
    let got = files::get_file(&db, "local:1").await.unwrap().unwrap();
    assert_eq!((got.mime.as_str(), got.size), ("image/png", 8));
    assert_eq!(
        browser::blob_bytes(&got.blob).await.unwrap(),
        b"\x89PNG....".to_vec()
    );
    assert!(files::get_file(&db, "nope").await.unwrap().is_none());
    let u = files::usage(&db).await.unwrap();
    assert_eq!((u.files, u.bytes), (2, 3008));
    files::clear_files(&db, &["local:1".to_owned()])
        .await
        .unwrap();
    let u = files::usage(&db).await.unwrap();
    assert_eq!((u.files, u.bytes), (1, 8));
    let _ = db.delete(name).await;
}

#[wasm_bindgen_test]
async fn effects_apply_in_the_polls_transaction_with_files_and_summaries() {
    use session_core::message::MessageRef;
    use session_web::state::effects::Effect;
    use session_web::storage::files::put_file;
    use session_web::storage::AttachmentRecord;
    let db = fresh("t-effects").await;
    let (me, bob) = (id(ME), id(BOB));
    let conv = direct(BOB);
    let mut photo = msg(&conv, &bob, 10, "look", false);
    photo.hash = Some("h-photo".into());
    photo.attachments.push(AttachmentRecord {
        pointer: None,
        file: Some("file-1".into()),
        name: None,
        content_type: Some("image/png".into()),
        size: 3,
        voice: false,
        width: None,
        height: None,
        room_file: None,
    });
    put_file(&db, "file-1", b"png", "image/png", 0)
        .await
        .unwrap();
    let mine = msg(&conv, &me, 20, "nice", true);
    repo::store_messages(&db, &[photo.clone(), mine.clone()], &[], None)
        .await
        .unwrap();

    // One poll: Bob's new message, his reaction to ours, and his unsend of the photo.
    let later = msg(&conv, &bob, 30, "later", false);
    let effects = [
        Effect::React {
            target: mine.key(),
            from: bob,
            emoji: "🎉".into(),
            add: true,
        },
        Effect::Unsend {
            candidates: vec![photo.key()],
        },
    ];
    let out = repo::store_poll(&db, std::slice::from_ref(&later), &[], &effects, None)
        .await
        .unwrap();
    assert_eq!(out.applied.conversations, vec![conv.clone()]);
    assert_eq!(out.applied.unsent_hashes, vec!["h-photo".to_owned()]);
    let all = repo::load_messages(&db, &conv, 10).await.unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[0].deleted && all[0].attachments.is_empty() && all[0].text.is_empty());
    assert_eq!(all[0].preview(), "This message was deleted");
    assert_eq!(all[1].reactions.len(), 1);
    let files = session_web::storage::files::usage(&db).await.unwrap();
    assert_eq!(files.files, 0, "the photo's bytes went with it");

    // In Note to Self a deleted message goes entirely, and the summary follows.
    let nts = ConversationId::NoteToSelf;
    let a = msg(&nts, &me, 40, "first", true);
    let b = msg(&nts, &me, 50, "second", true);
    repo::store_messages(&db, &[a.clone(), b.clone()], &[], None)
        .await
        .unwrap();
    let unsend = Effect::Unsend {
        candidates: vec![ConversationId::NoteToSelf, conv.clone()]
            .into_iter()
            .map(|c| session_web::storage::MessageKey {
                conv: c,
                ts: MessageRef::new(me, 50).timestamp_ms,
                author: me,
            })
            .collect(),
    };
    repo::apply_effects(&db, &[unsend], None).await.unwrap();
    let left = repo::load_messages(&db, &nts, 10).await.unwrap();
    assert_eq!(left, vec![a.clone()]);
    let summary = repo::load_conversation(&db, &nts).await.unwrap().unwrap();
    assert_eq!((summary.count, summary.last_text.as_str()), (1, "first"));
}
