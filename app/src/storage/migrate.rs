//! Record migrations that rewrite stored data (see [`super::db`] for when they run).

use rexie::TransactionMode;
use serde::{de::DeserializeOwned, Serialize};
use session_core::conversation::{ConversationId, NOTE_TO_SELF};
use wasm_bindgen::JsValue;

use super::db::{put_data_version, stores, Db, Fault};
use super::error::StorageError;
use super::records::{ConversationRecord, MessageRecord, OutboxRecord};
use super::repo::{self, conv_range};
use crate::util::{browser, log};

/// Version 2: conversations are named by `ConversationId`'s text form. A direct chat's text
/// form is the peer's Session ID hex, as before; only Note to Self moves, from our own ID to
/// `self`: its summary (`id`), its messages (`conv`, and the key `[conv, ts, author]`), its
/// outbox entries (`key.conv`, same key) and its draft. Every field of these records is known
/// (version 1 had no others), so each is read as its type and written back renamed.
pub(crate) async fn typed_conversations(db: &Db, fault: Option<Fault>) -> Result<(), StorageError> {
    let own = match repo::load_identity(db).await {
        Ok(identity) => identity.map(|i| i.session_id().to_hex()),
        // Its Note to Self stays under the account's ID: the data itself is kept.
        Err(StorageError::UnreadableAccount) => None,
        Err(e) => return Err(e),
    };
    // The draft is copied first and its old key removed only once the records moved: a
    // failure in between leaves it readable under its old key, and the copy is made again.
    let old_draft = own.as_deref().map(browser::draft_key);
    if let Some(text) = old_draft.as_deref().and_then(browser::local_get) {
        browser::local_set(&browser::draft_key(NOTE_TO_SELF), &text);
    }
    let tx = db
        .rexie
        .transaction(&stores::ALL, TransactionMode::ReadWrite)?;
    let written = async {
        if let Some(own) = &own {
            move_note_to_self(&tx, own).await?;
        }
        put_data_version(&tx, 2).await
    }
    .await;
    let result = match (written, fault) {
        (Ok(()), None) => tx.done().await.map(drop).map_err(StorageError::from),
        (Ok(()), Some(Fault::AfterWrites)) => {
            abort(tx).await;
            Err(StorageError::Interrupted)
        }
        (Err(e), _) => {
            abort(tx).await;
            Err(e)
        }
    };
    if result.is_ok() {
        if let Some(key) = old_draft {
            browser::local_remove(&key);
        }
    }
    result
}

/// Aborts `tx`: IndexedDB would otherwise commit the writes made before a failure.
async fn abort(tx: rexie::Transaction) {
    if let Err(e) = tx.abort().await {
        log::error(&format!("storage: could not abort a migration: {e}"));
    }
}

/// Moves the records stored under our own ID to Note to Self's text form.
async fn move_note_to_self(tx: &rexie::Transaction, own: &str) -> Result<(), StorageError> {
    let convs = tx.store(stores::CONVERSATIONS)?;
    let old_key = JsValue::from_str(own);
    if let Some(value) = convs.get(old_key.clone()).await? {
        match retarget(&value, |c: &mut ConversationRecord| &mut c.id) {
            Some(moved) => {
                convs
                    .put(&moved, Some(&JsValue::from_str(NOTE_TO_SELF)))
                    .await?;
                convs.delete(old_key).await?;
            }
            None => log::warn("storage: left an unreadable Note to Self summary in place"),
        }
    }
    for store in [stores::MESSAGES, stores::OUTBOX] {
        let s = tx.store(store)?;
        for (key, value) in s.scan(Some(conv_range(own)?), None, None, None).await? {
            let moved = if store == stores::MESSAGES {
                retarget(&value, |m: &mut MessageRecord| &mut m.conv)
            } else {
                retarget(&value, |e: &mut OutboxRecord| &mut e.key.conv)
            };
            let Some(moved) = moved else {
                log::warn(&format!(
                    "storage: left an unreadable {store} record in place"
                ));
                continue;
            };
            let new_key = js_sys::Array::from(&key);
            new_key.set(0, JsValue::from_str(NOTE_TO_SELF));
            s.put(&moved, Some(&new_key.into())).await?;
            s.delete(key).await?;
        }
    }
    Ok(())
}

/// The stored record `value` with its conversation (`field`) set to Note to Self, or `None`
/// when it does not read as a `T`.
fn retarget<T: DeserializeOwned + Serialize>(
    value: &JsValue,
    field: impl FnOnce(&mut T) -> &mut ConversationId,
) -> Option<JsValue> {
    let mut record: T = serde_json::from_str(&value.as_string()?).ok()?;
    *field(&mut record) = ConversationId::NoteToSelf;
    serde_json::to_string(&record)
        .ok()
        .map(|text| JsValue::from_str(&text))
}
