//! IndexedDB storage in a real browser: schema and migrations, the outbox, batches,
//! summaries and corrupt records.

#![cfg(target_arch = "wasm32")]

use rand_core::OsRng;
use rexie::TransactionMode;
use session_core::client::{Client, ClientState, Config};
use session_core::identity::{Identity, SessionId};
use session_core::proto::session::{Content, DataMessage};
use session_web::net::{BrowserEnv, FetchTransport};
use session_web::storage::db::{stores, DATA_VERSION};
use session_web::storage::repo::{self, NameUpdate};
use session_web::storage::OutboxRecord;
use session_web::storage::{Db, MessageRecord, MessageStatus, StorageError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Db {
    if let Ok(db) = Db::open_named(name).await {
        let _ = db.delete(name).await;
    }
    Db::open_named(name).await.expect("open")
}

fn msg(conv: &str, author: &str, ts: u64, text: &str, outgoing: bool) -> MessageRecord {
    MessageRecord {
        conv: conv.into(),
        author: author.into(),
        ts,
        text: text.into(),
        outgoing,
        status: if outgoing {
            MessageStatus::Sent
        } else {
            MessageStatus::Received
        },
        hash: None,
        stored_ms: 0,
    }
}

const ME: &str = "05aa";
const BOB: &str = "05bb";
const CAROL: &str = "05cc";

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

#[wasm_bindgen_test]
async fn messages_load_newest_page_in_order_per_conversation() {
    let db = fresh("t-page").await;
    let batch: Vec<_> = (1..=30u64)
        .map(|i| {
            msg(
                if i % 2 == 0 { BOB } else { CAROL },
                BOB,
                i * 1000,
                &format!("m{i}"),
                false,
            )
        })
        .collect();
    repo::store_messages(&db, &batch, &[], None).await.unwrap();
    let page = repo::load_messages(&db, BOB, 5).await.unwrap();
    let texts: Vec<_> = page.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["m22", "m24", "m26", "m28", "m30"]);
    assert!(page.iter().all(|m| m.conv == BOB));
}

#[wasm_bindgen_test]
async fn a_batch_skips_stored_messages_and_updates_summaries_once() {
    let db = fresh("t-batch").await;
    let first = vec![
        msg(BOB, BOB, 1000, "hi", false),
        msg(BOB, BOB, 2000, "there", false),
    ];
    let out = repo::store_messages(&db, &first, &[], Some("{\"v\":1}"))
        .await
        .unwrap();
    assert_eq!(out.new_messages.len(), 2);
    // The same messages again (e.g. re-polled), plus one new, in one batch.
    let again = vec![
        first[0].clone(),
        first[1].clone(),
        msg(BOB, ME, 3000, "mine", true),
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
    assert_eq!(repo::load_messages(&db, BOB, 100).await.unwrap().len(), 3);
}

#[wasm_bindgen_test]
async fn unread_counts_and_mark_read() {
    let db = fresh("t-unread").await;
    let batch = vec![
        msg(BOB, BOB, 1000, "a", false),
        msg(BOB, BOB, 2000, "b", false),
    ];
    repo::store_messages(&db, &batch, &[], None).await.unwrap();
    let c = repo::load_conversation(&db, BOB).await.unwrap().unwrap();
    assert_eq!(c.unread, 2);
    let c = repo::mark_read(&db, BOB).await.unwrap().unwrap();
    assert_eq!((c.unread, c.last_read_ts), (0, 2000));
    repo::store_messages(&db, &[msg(BOB, BOB, 3000, "c", false)], &[], None)
        .await
        .unwrap();
    assert_eq!(
        repo::load_conversation(&db, BOB)
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
        conv: BOB.into(),
        name: n.into(),
        updated_s: s,
    };
    repo::store_messages(
        &db,
        &[msg(BOB, BOB, 1, "x", false)],
        &[name("Bob", 10)],
        None,
    )
    .await
    .unwrap();
    repo::store_messages(&db, &[], &[name("Old Bob", 5)], None)
        .await
        .unwrap();
    let c = repo::load_conversation(&db, BOB).await.unwrap().unwrap();
    assert_eq!(c.name.as_deref(), Some("Bob"));
    repo::store_messages(&db, &[], &[name("Robert", 11)], None)
        .await
        .unwrap();
    let c = repo::load_conversation(&db, BOB).await.unwrap().unwrap();
    assert_eq!(c.name.as_deref(), Some("Robert"));
}

#[wasm_bindgen_test]
async fn corrupt_records_are_skipped_not_fatal() {
    let db = fresh("t-corrupt").await;
    repo::store_messages(&db, &[msg(BOB, BOB, 1000, "good", false)], &[], None)
        .await
        .unwrap();
    let tx = db
        .raw()
        .transaction(
            &[stores::MESSAGES, stores::CONVERSATIONS],
            TransactionMode::ReadWrite,
        )
        .unwrap();
    let key = js_sys::Array::of3(&BOB.into(), &JsValue::from_f64(500.0), &BOB.into());
    tx.store(stores::MESSAGES)
        .unwrap()
        .put(&"{not json".into(), Some(&key))
        .await
        .unwrap();
    let key2 = js_sys::Array::of3(&BOB.into(), &JsValue::from_f64(600.0), &BOB.into());
    tx.store(stores::MESSAGES)
        .unwrap()
        .put(&JsValue::from_f64(3.0), Some(&key2))
        .await
        .unwrap();
    tx.store(stores::CONVERSATIONS)
        .unwrap()
        .put(&"{\"id\": 5}".into(), Some(&"05dd".into()))
        .await
        .unwrap();
    tx.done().await.unwrap();
    let page = repo::load_messages(&db, BOB, 10).await.unwrap();
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
                msg(conv, conv, 10_000 + n, &format!("message {n}"), false)
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
        .map(|c| (c.id.as_str(), c.count, c.unread))
        .collect();
    assert_eq!(counts, [(BOB, 8_000, 8_000), (CAROL, 2_000, 2_000)]);
    assert_eq!(convs[0].last_text, "message 9999");
    let page = repo::load_messages(&db, BOB, 50).await.unwrap();
    assert_eq!(page.len(), 50);
    assert_eq!(page.last().unwrap().text, "message 9999");
    assert!(page.windows(2).all(|w| w[0].ts < w[1].ts));
}

#[wasm_bindgen_test]
async fn outbox_entry_lives_until_delivery_completes() {
    let db = fresh("t-outbox").await;
    let me = Identity::from_seed(&[1u8; 16]);
    let bob = Identity::from_seed(&[2u8; 16]).session_id();
    let client = Client::new(
        me.clone(),
        FetchTransport::new("http://127.0.0.1:9"),
        BrowserEnv,
        OsRng,
        ClientState::new(),
        Config::local_network(),
    );
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hello".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let out = client.prepare(&bob, content).unwrap();
    let conv = bob.to_hex();
    let me_hex = me.session_id().to_hex();
    let record = MessageRecord {
        status: MessageStatus::Sending,
        hash: Some(out.hash().to_owned()),
        ..msg(&conv, &me_hex, out.timestamp_ms(), "hello", true)
    };
    let entry = OutboxRecord {
        key: record.key(),
        outgoing: out.clone(),
        attempts: 0,
        created_ms: 0,
    };
    repo::store_outgoing(&db, &record, &entry).await.unwrap();

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
    let _ = SessionId::parse_standard(&conv).unwrap();
}
