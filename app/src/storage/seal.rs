//! Records at rest. Without a password lock a record is its JSON text. Once a password was
//! set, every record is sealed under the data key ([`crate::vault`]): `nonce ‖ AES-256-GCM`
//! of its JSON text, with the store's name and the record's key as associated data, so a
//! record moved to another key or store no longer opens. Keys themselves (conversation IDs,
//! times, authors) stay readable: IndexedDB orders and ranges by them.
//!
//! WebCrypto answers asynchronously and an IndexedDB transaction commits as soon as it has no
//! request pending when the page goes back to its event loop. A record opened or sealed in the
//! middle of a transaction (read, change, write) is therefore awaited with
//! [`keeping_alive`], which keeps a cheap read pending on the transaction until the cipher
//! is done, so every read-change-write stays one transaction.

use futures::future::{join_all, select, Either};
use js_sys::Uint8Array;
use rexie::Store;
use std::future::Future;
use std::pin::pin;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

use super::error::StorageError;
use super::Db;
use crate::util::log;
use crate::vault::keys::DataKey;

type Result<T> = std::result::Result<T, StorageError>;

/// Where a record lives: its store and its key (bound into a sealed record).
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The object store.
    pub store: &'a str,
    /// The record's key.
    pub key: &'a JsValue,
}

impl Place<'_> {
    /// The associated data that binds a sealed record to this place.
    pub(crate) fn aad(&self) -> Vec<u8> {
        let key = js_sys::JSON::stringify(self.key)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(self.store.len() + 1 + key.len());
        out.extend_from_slice(self.store.as_bytes());
        out.push(0);
        out.extend_from_slice(key.as_bytes());
        out
    }
}

/// Awaits `work` (WebCrypto) while keeping the transaction of `store` open: a read of a key
/// that is never stored stays pending, and each time it completes (inside IndexedDB's
/// callback, where the transaction is active) another is made, until `work` is done; then the
/// last read is awaited too, so the caller goes on inside a callback and may use the
/// transaction. Without `store` (no transaction) it is a plain await.
pub async fn keeping_alive<F: Future>(store: Option<&Store>, work: F) -> F::Output {
    let Some(store) = store else {
        return work.await;
    };
    let mut work = pin!(work);
    loop {
        let ping = pin!(store.key_exists(JsValue::from_str("\u{0}keep-alive")));
        match select(work.as_mut(), ping).await {
            Either::Left((out, ping)) => {
                let _ = ping.await;
                return out;
            }
            Either::Right((Ok(_), _)) => {}
            // The transaction is gone (aborted): pinging again would fail at once, forever.
            // The caller's next request reports it.
            Either::Right((Err(_), _)) => return work.await,
        }
    }
}

impl Db {
    /// The data key, when records are sealed (and the app is unlocked).
    pub fn data_key(&self) -> Option<DataKey> {
        self.data_key.borrow().clone()
    }

    /// Seals from now on under `key` (after unlocking, or setting a password); `None` forgets
    /// the key (the bench locks a database without reloading).
    #[doc(hidden)]
    pub fn set_data_key(&self, key: Option<DataKey>) {
        *self.data_key.borrow_mut() = key;
    }

    /// Whether this database's records are sealed.
    pub fn is_sealed(&self) -> bool {
        self.data_key.borrow().is_some()
    }
}

/// `text` as stored at `place`: itself, or sealed.
pub async fn seal_text(
    db: &Db,
    place: Place<'_>,
    text: &str,
    alive: Option<&Store>,
) -> Result<JsValue> {
    let Some(key) = db.data_key() else {
        return Ok(JsValue::from_str(text));
    };
    let plain = Uint8Array::from(text.as_bytes());
    let sealed = keeping_alive(alive, key.seal(&place.aad(), &plain)).await;
    plain.fill(0, 0, plain.length());
    Ok(sealed
        .map_err(|e| StorageError::Encode(e.to_string()))?
        .into())
}

/// Several texts sealed at once (one round of WebCrypto calls for a batch).
pub async fn seal_texts(
    db: &Db,
    store_name: &str,
    items: &[(JsValue, String)],
    alive: Option<&Store>,
) -> Result<Vec<JsValue>> {
    let work = join_all(items.iter().map(|(key, text)| {
        let place = Place {
            store: store_name,
            key,
        };
        seal_text(db, place, text, None)
    }));
    // Plain records need no cipher, so no transaction to keep open.
    let alive = alive.filter(|_| db.is_sealed());
    keeping_alive(alive, work).await.into_iter().collect()
}

/// The text stored at `place`; `None` (logged) for a value that is not a record of this
/// database: not text while records are plain, not sealed or not opening while they are
/// sealed (a plain record among sealed ones is refused: it was not written by this app).
pub async fn open_text(
    db: &Db,
    place: Place<'_>,
    value: &JsValue,
    alive: Option<&Store>,
) -> Option<Zeroizing<String>> {
    let Some(key) = db.data_key() else {
        let text = value.as_string();
        if text.is_none() {
            log::error(&format!(
                "storage: skipped a {} record that is not text",
                place.store
            ));
        }
        return text.map(Zeroizing::new);
    };
    let Some(sealed) = value.dyn_ref::<Uint8Array>() else {
        log::error(&format!(
            "storage: skipped a {} record that is not sealed",
            place.store
        ));
        return None;
    };
    let opened = keeping_alive(alive, key.open(&place.aad(), sealed)).await;
    let plain = match opened {
        Ok(Some(p)) => p,
        Ok(None) | Err(_) => {
            log::error(&format!(
                "storage: skipped a {} record that does not open under the data key",
                place.store
            ));
            return None;
        }
    };
    let bytes = Zeroizing::new(plain.to_vec());
    plain.fill(0, 0, plain.length());
    match std::str::from_utf8(&bytes) {
        Ok(s) => Some(Zeroizing::new(s.to_owned())),
        Err(_) => None,
    }
}

/// Several stored values opened at once, in order.
pub async fn open_texts(
    db: &Db,
    store_name: &str,
    items: &[(JsValue, JsValue)],
    alive: Option<&Store>,
) -> Vec<Option<Zeroizing<String>>> {
    let work = join_all(items.iter().map(|(key, value)| {
        let place = Place {
            store: store_name,
            key,
        };
        open_text(db, place, value, None)
    }));
    let alive = alive.filter(|_| db.is_sealed());
    keeping_alive(alive, work).await
}
