//! The `files` store: decrypted attachments kept so that a reload shows them without a
//! download, and our own files from the moment they are picked (an upload that failed or was
//! cut off by a reload starts again from them). Each record is a plain object
//! `{data: Blob, mime, size, saved_ms}` under a text key: the download URL for someone else's
//! file, `local:` and a random id for ours. Blobs are IndexedDB's own: reading a record does
//! not read the file's bytes.
//!
//! Once records are sealed (see `seal.rs`) a file is `{sealed, size, saved_ms}`: `sealed` is
//! the data key's seal of the type's length (2 bytes, big-endian), the type and the bytes.

use js_sys::{Object, Reflect, Uint8Array};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag};

use super::db::stores;
use super::error::StorageError;
use super::seal::Place;
use super::Db;
use crate::ports::{Boxed, CachedFile, FileStore, FileUsage, Stored};
use crate::vault::keys::DataKey;

type Result<T> = std::result::Result<T, StorageError>;

fn field(v: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(v, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A record as stored, if it is one (anything else is skipped).
fn cached(v: &JsValue) -> Option<CachedFile> {
    let file = PlainFile::read(v)?;
    Some(CachedFile {
        blob: file.blob,
        mime: file.mime,
        size: file.size,
    })
}

/// A file record as stored without a password.
pub(crate) struct PlainFile {
    pub blob: Blob,
    pub mime: String,
    pub size: u64,
    pub saved_ms: u64,
}

impl PlainFile {
    /// The record, when `v` is a plain one.
    pub(crate) fn read(v: &JsValue) -> Option<PlainFile> {
        Some(PlainFile {
            blob: field(v, "data")?.dyn_into().ok()?,
            mime: field(v, "mime")?.as_string()?,
            size: field(v, "size")?.as_f64()? as u64,
            saved_ms: field(v, "saved_ms").and_then(|v| v.as_f64()).unwrap_or(0.0) as u64,
        })
    }
}

fn record(fields: &[(&str, &JsValue)]) -> Result<JsValue> {
    let record = Object::new();
    for (name, value) in fields {
        Reflect::set(&record, &JsValue::from_str(name), value)
            .map_err(|_| StorageError::Encode("cannot build a file record".into()))?;
    }
    Ok(record.into())
}

/// The sealed record of a file's `bytes` under `key` (the record's key `at`).
pub(crate) async fn seal_file(
    key: &DataKey,
    at: &JsValue,
    bytes: &Uint8Array,
    mime: &str,
    size: u64,
    saved_ms: u64,
) -> Result<JsValue> {
    let mime = mime.as_bytes();
    let mime_len =
        u16::try_from(mime.len()).map_err(|_| StorageError::Encode("file type too long".into()))?;
    let plain = Uint8Array::new_with_length(2 + mime.len() as u32 + bytes.length());
    plain.set(&Uint8Array::from(&mime_len.to_be_bytes()[..]), 0);
    plain.set(&Uint8Array::from(mime), 2);
    plain.set(bytes, 2 + mime.len() as u32);
    let aad = Place {
        store: stores::FILES,
        key: at,
    }
    .aad();
    let sealed = key
        .seal(&aad, &plain)
        .await
        .map_err(|e| StorageError::Encode(e.to_string()))?;
    plain.fill(0, 0, plain.length());
    record(&[
        ("sealed", &sealed.into()),
        ("size", &JsValue::from_f64(size as f64)),
        ("saved_ms", &JsValue::from_f64(saved_ms as f64)),
    ])
}

/// A sealed file record opened; `None` when it does not open (logged).
async fn open_file(key: &DataKey, at: &JsValue, v: &JsValue) -> Option<CachedFile> {
    let sealed: Uint8Array = field(v, "sealed")?.dyn_into().ok()?;
    let aad = Place {
        store: stores::FILES,
        key: at,
    }
    .aad();
    let Ok(Some(plain)) = key.open(&aad, &sealed).await else {
        crate::util::log::error("storage: skipped a file that does not open under the data key");
        return None;
    };
    if plain.length() < 2 {
        return None;
    }
    let mut len = [0u8; 2];
    plain.subarray(0, 2).copy_to(&mut len);
    let mime_end = 2 + u32::from(u16::from_be_bytes(len));
    if plain.length() < mime_end {
        return None;
    }
    let mime = String::from_utf8(plain.subarray(2, mime_end).to_vec()).ok()?;
    let data = plain.subarray(mime_end, plain.length());
    let parts = js_sys::Array::of1(&data);
    let bag = BlobPropertyBag::new();
    bag.set_type(&mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &bag).ok()?;
    plain.fill(0, 0, plain.length());
    Some(CachedFile {
        size: u64::from(data.length()),
        blob,
        mime,
    })
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
    let at = JsValue::from_str(key);
    let v = tx.store(stores::FILES)?.get(at.clone()).await?;
    tx.done().await?;
    let Some(v) = v else { return Ok(None) };
    Ok(match db.data_key() {
        Some(k) => open_file(&k, &at, &v).await,
        None => cached(&v),
    })
}

/// Keeps `data` under `key`.
pub async fn put_file(db: &Db, key: &str, data: &[u8], mime: &str, now_ms: u64) -> Result<()> {
    let at = JsValue::from_str(key);
    let size = data.len() as u64;
    let record = match db.data_key() {
        Some(k) => seal_file(&k, &at, &Uint8Array::from(data), mime, size, now_ms).await?,
        None => record(&[
            ("data", &blob_of(data, mime)?.into()),
            ("mime", &JsValue::from_str(mime)),
            ("size", &JsValue::from_f64(size as f64)),
            ("saved_ms", &JsValue::from_f64(now_ms as f64)),
        ])?,
    };
    let tx = db
        .rexie
        .transaction(&[stores::FILES], TransactionMode::ReadWrite)?;
    tx.store(stores::FILES)?.put(&record, Some(&at)).await?;
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
    for size in all.iter().filter_map(|v| field(v, "size")?.as_f64()) {
        u.files += 1;
        u.bytes += size as u64;
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
