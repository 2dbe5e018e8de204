//! The `files` store: decrypted attachments kept so that a reload shows them without a
//! download, and our own files from the moment they are picked (an upload that failed or was
//! cut off by a reload starts again from them). Each record is a plain object
//! `{data: Blob, mime, size, saved_ms}` under a text key: the download URL for someone else's
//! file, `local:` and a random id for ours. Blobs are IndexedDB's own: reading a record does
//! not read the file's bytes.

use js_sys::{Object, Reflect, Uint8Array};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag};

use super::db::stores;
use super::error::StorageError;
use super::Db;
use crate::ports::{Boxed, CachedFile, FileStore, FileUsage, Stored};

type Result<T> = std::result::Result<T, StorageError>;

fn field(v: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(v, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A record as stored, if it is one (anything else is skipped).
fn cached(v: &JsValue) -> Option<CachedFile> {
    let blob: Blob = field(v, "data")?.dyn_into().ok()?;
    let mime = field(v, "mime")?.as_string()?;
    let size = field(v, "size")?.as_f64()? as u64;
    Some(CachedFile { blob, mime, size })
}

/// A Blob of `data` typed `mime`.
pub fn blob_of(data: &[u8], mime: &str) -> Result<Blob> {
    let parts = js_sys::Array::new();
    parts.push(&Uint8Array::from(data));
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &bag)
        .map_err(|_| StorageError::Encode("cannot make a Blob".into()))
}

/// The file under `key`.
pub async fn get_file(db: &Db, key: &str) -> Result<Option<CachedFile>> {
    let tx = db
        .rexie
        .transaction(&[stores::FILES], TransactionMode::ReadOnly)?;
    let v = tx.store(stores::FILES)?.get(JsValue::from_str(key)).await?;
    tx.done().await?;
    Ok(v.as_ref().and_then(cached))
}

/// Keeps `data` under `key`.
pub async fn put_file(db: &Db, key: &str, data: &[u8], mime: &str, now_ms: u64) -> Result<()> {
    let record = Object::new();
    let set = |name: &str, value: &JsValue| {
        Reflect::set(&record, &JsValue::from_str(name), value)
            .map_err(|_| StorageError::Encode("cannot build a file record".into()))
    };
    set("data", &blob_of(data, mime)?.into())?;
    set("mime", &JsValue::from_str(mime))?;
    set("size", &JsValue::from_f64(data.len() as f64))?;
    set("saved_ms", &JsValue::from_f64(now_ms as f64))?;
    let tx = db
        .rexie
        .transaction(&[stores::FILES], TransactionMode::ReadWrite)?;
    tx.store(stores::FILES)?
        .put(&record.into(), Some(&JsValue::from_str(key)))
        .await?;
    tx.done().await?;
    Ok(())
}

/// How many files are kept and their bytes.
pub async fn usage(db: &Db) -> Result<FileUsage> {
    let tx = db
        .rexie
        .transaction(&[stores::FILES], TransactionMode::ReadOnly)?;
    let all = tx.store(stores::FILES)?.get_all(None, None).await?;
    tx.done().await?;
    let mut u = FileUsage::default();
    for v in all.iter().filter_map(cached) {
        u.files += 1;
        u.bytes += v.size;
    }
    Ok(u)
}

/// Removes every kept file but ours that are still to be uploaded (`keep`).
pub async fn clear_files(db: &Db, keep: &[String]) -> Result<()> {
    let tx = db
        .rexie
        .transaction(&[stores::FILES], TransactionMode::ReadWrite)?;
    let store = tx.store(stores::FILES)?;
    let keys = store.get_all_keys(None, None).await?;
    for key in keys {
        let wanted = key.as_string().is_some_and(|k| keep.contains(&k));
        if !wanted {
            store.delete(key).await?;
        }
    }
    tx.done().await?;
    Ok(())
}

/// [`FileStore`] over the app's database.
#[derive(Debug, Clone)]
pub struct IdbFiles {
    db: std::rc::Rc<Db>,
}

impl IdbFiles {
    /// The files of an open database.
    pub fn new(db: std::rc::Rc<Db>) -> IdbFiles {
        IdbFiles { db }
    }
}

impl FileStore for IdbFiles {
    fn get<'a>(&'a self, key: &'a str) -> Boxed<'a, Stored<Option<CachedFile>>> {
        Box::pin(get_file(&self.db, key))
    }

    fn put<'a>(
        &'a self,
        key: &'a str,
        data: &'a [u8],
        mime: &'a str,
        now_ms: u64,
    ) -> Boxed<'a, Stored<()>> {
        Box::pin(put_file(&self.db, key, data, mime, now_ms))
    }

    fn usage(&self) -> Boxed<'_, Stored<FileUsage>> {
        Box::pin(usage(&self.db))
    }

    fn clear<'a>(&'a self, keep: &'a [String]) -> Boxed<'a, Stored<()>> {
        Box::pin(clear_files(&self.db, keep))
    }
}
