//! The password lock's record (`meta` → `lock`, plain JSON: it holds nothing that opens the
//! data without the password) and the operations on it: set, check (unlock), change and
//! remove the password.
//!
//! Setting the first password seals every record in one transaction ([`seal_everything`]);
//! from then on records stay sealed under the same data key. Changing the password re-wraps
//! that key; removing it keeps the key beside the data (the app opens without asking), so a
//! password set again later only wraps it again. Nothing is re-encrypted after the first time.

use js_sys::Uint8Array;
use rand_core::{OsRng, RngCore};
use rexie::{Store, TransactionMode};
use serde::{Deserialize, Serialize};
use std::fmt;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use super::db::{stores, Db, DATA_VERSION_KEY};
use super::error::StorageError;
use super::seal::{keeping_alive, Place};
use crate::ports::{Boxed, Vault};
use crate::t;
use crate::util::time;
use crate::vault::kdf::{self, KdfParams, SALT_LEN};
use crate::vault::keys::{self, DataKey, WrappingKey};
use crate::vault::VaultError;
use std::rc::Rc;

/// The `meta` key of the lock record.
pub const LOCK_KEY: &str = "lock";

/// The longest wait after wrong passwords.
const MAX_DELAY_MS: u64 = 5 * 60 * 1000;

/// Why the lock could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LockError {
    /// The password was wrong, too soon, empty, or the keys failed.
    Vault(VaultError),
    /// Storage failed (nothing was changed).
    Storage(StorageError),
    /// There is no password to check, change or remove.
    NoPassword,
    /// A password is set already (change it instead).
    PasswordSet,
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Vault(e) => e.fmt(f),
            LockError::Storage(e) => e.fmt(f),
            LockError::NoPassword => f.write_str(&t!("onboarding-password-none")),
            LockError::PasswordSet => f.write_str(&t!("onboarding-password-already-set")),
        }
    }
}

impl std::error::Error for LockError {}

impl From<VaultError> for LockError {
    fn from(e: VaultError) -> LockError {
        LockError::Vault(e)
    }
}

impl From<StorageError> for LockError {
    fn from(e: StorageError) -> LockError {
        LockError::Storage(e)
    }
}

impl From<rexie::Error> for LockError {
    fn from(e: rexie::Error) -> LockError {
        LockError::Storage(e.into())
    }
}

/// The lock record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    /// Format version (1).
    pub v: u8,
    /// The data key wrapped under the password's key (hex), while a password is set.
    #[serde(default)]
    pub wrapped: Option<String>,
    /// The data key itself (hex), after the password was removed.
    #[serde(default)]
    pub open: Option<String>,
    /// Argon2id's cost for this password.
    pub kdf: KdfParams,
    /// Argon2id's salt (hex).
    pub salt: String,
    /// Wrong passwords in a row.
    #[serde(default)]
    pub failures: u32,
    /// No try before this time (ms since the epoch).
    #[serde(default)]
    pub retry_at_ms: u64,
}

impl LockRecord {
    fn salt(&self) -> Result<[u8; SALT_LEN], VaultError> {
        hex::decode(&self.salt)
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or(VaultError::Damaged("salt"))
    }

    fn wrapped(&self) -> Result<Vec<u8>, LockError> {
        let w = self.wrapped.as_ref().ok_or(LockError::NoPassword)?;
        Ok(hex::decode(w).map_err(|_| VaultError::Damaged("wrapped key"))?)
    }

    fn open_key(&self) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        let bytes = Zeroizing::new(
            self.open
                .as_ref()
                .and_then(|o| hex::decode(o).ok())
                .ok_or(VaultError::Damaged("key"))?,
        );
        let mut raw = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return Err(VaultError::Damaged("key"));
        }
        raw.copy_from_slice(&bytes);
        Ok(raw)
    }

    /// A new password's record: a fresh salt, the wrapped key still to fill in.
    fn fresh(params: KdfParams) -> LockRecord {
        let mut salt = [0u8; SALT_LEN];
        OsRng.fill_bytes(&mut salt);
        LockRecord {
            v: 1,
            wrapped: None,
            open: None,
            kdf: params,
            salt: hex::encode(salt),
            failures: 0,
            retry_at_ms: 0,
        }
    }
}

/// How this database opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// Records are plain (no password was ever set).
    Plain,
    /// Records are sealed and the key is kept beside them (the password was removed).
    Open,
    /// Records are sealed under a password: the app asks for it first.
    Locked(LockRecord),
}

impl LockState {
    /// Whether a password is set.
    pub fn has_password(&self) -> bool {
        matches!(self, LockState::Locked(_))
    }
}

async fn read_record(db: &Db) -> Result<Option<LockRecord>, LockError> {
    let Some(v) = super::repo::get_meta_raw(db, LOCK_KEY).await? else {
        return Ok(None);
    };
    let text = v.as_string().ok_or(VaultError::Damaged("not text"))?;
    Ok(Some(
        serde_json::from_str(&text).map_err(|_| VaultError::Damaged("not a lock record"))?,
    ))
}

async fn write_record(db: &Db, rec: &LockRecord) -> Result<(), LockError> {
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    put_record(&tx, rec).await?;
    tx.done().await?;
    Ok(())
}

/// Writes the lock record within `tx` (which covers `meta`).
async fn put_record(tx: &rexie::Transaction, rec: &LockRecord) -> Result<(), LockError> {
    let text = serde_json::to_string(rec).map_err(|e| StorageError::Encode(e.to_string()))?;
    tx.store(stores::META)?
        .put(
            &JsValue::from_str(&text),
            Some(&JsValue::from_str(LOCK_KEY)),
        )
        .await?;
    Ok(())
}

/// How this database opens.
pub async fn state(db: &Db) -> Result<LockState, LockError> {
    Ok(match read_record(db).await? {
        None => LockState::Plain,
        Some(rec) if rec.wrapped.is_some() => LockState::Locked(rec),
        Some(_) => LockState::Open,
    })
}

/// Opens a database whose password was removed (its key is beside the data).
pub async fn open_without_password(db: &Db) -> Result<(), LockError> {
    let rec = read_record(db).await?.ok_or(LockError::NoPassword)?;
    let raw = rec.open_key()?;
    db.set_data_key(Some(DataKey::from_raw(&raw).await?));
    Ok(())
}

/// The wait after `failures` wrong passwords in a row: 1 s, 2 s, 4 s … up to five minutes.
pub fn delay_after(failures: u32) -> u64 {
    if failures == 0 {
        return 0;
    }
    1000u64
        .saturating_mul(1 << failures.saturating_sub(1).min(20))
        .min(MAX_DELAY_MS)
}

/// The wrapping key of `password` under a record's salt and cost.
async fn wrapping_key(rec: &LockRecord, password: &str) -> Result<WrappingKey, LockError> {
    if password.is_empty() {
        return Err(VaultError::EmptyPassword.into());
    }
    let derived = kdf::derive(password, &rec.salt()?, rec.kdf)?;
    Ok(WrappingKey::import(&derived).await?)
}

/// Checks `password` against the record: the data key it wraps, or a counted failure (and the
/// next wait). Too soon after a failure it is not even tried.
async fn check(
    db: &Db,
    rec: &mut LockRecord,
    password: &str,
    now_ms: u64,
) -> Result<WrappingKey, LockError> {
    if now_ms < rec.retry_at_ms {
        return Err(VaultError::TooSoon {
            wait_ms: rec.retry_at_ms - now_ms,
        }
        .into());
    }
    let wrapping = wrapping_key(rec, password).await?;
    match DataKey::unwrap(&wrapping, &rec.wrapped()?).await {
        Ok(key) => {
            if rec.failures > 0 {
                rec.failures = 0;
                rec.retry_at_ms = 0;
                write_record(db, rec).await?;
            }
            db.set_data_key(Some(key));
            Ok(wrapping)
        }
        Err(VaultError::WrongPassword) => {
            // The wait starts when the failure is known, after the derivation.
            let failed_at = time::now_ms().max(now_ms);
            rec.failures = rec.failures.saturating_add(1);
            rec.retry_at_ms = failed_at + delay_after(rec.failures);
            write_record(db, rec).await?;
            Err(VaultError::WrongPassword.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Unlocks with `password`: from now on records are read and written under the data key.
pub async fn unlock(db: &Db, password: &str, now_ms: u64) -> Result<(), LockError> {
    let mut rec = read_record(db).await?.ok_or(LockError::NoPassword)?;
    check(db, &mut rec, password, now_ms).await.map(|_| ())
}

/// Sets a password on a database without one. A plain database has every record sealed
/// under a new data key first, in one transaction with the new record; one whose password
/// was removed has its kept key wrapped again. `params` is Argon2id's cost
/// ([`KdfParams::DEFAULT`]).
pub async fn set_password(db: &Db, password: &str, params: KdfParams) -> Result<(), LockError> {
    let current = read_record(db).await?;
    if current.as_ref().is_some_and(|r| r.wrapped.is_some()) {
        return Err(LockError::PasswordSet);
    }
    let mut rec = LockRecord::fresh(params);
    let wrapping = wrapping_key(&rec, password).await?;
    match current {
        Some(open) => {
            let raw = open.open_key()?;
            rec.wrapped = Some(hex::encode(keys::wrap_raw(&wrapping, &raw).await?));
            let key = DataKey::from_raw(&raw).await?;
            write_record(db, &rec).await?;
            db.set_data_key(Some(key));
        }
        None => {
            let (wrapped, key) = keys::new_data_key(&wrapping).await?;
            rec.wrapped = Some(hex::encode(wrapped));
            seal_everything(db, &key, &rec).await?;
            db.set_data_key(Some(key));
        }
    }
    Ok(())
}

/// Changes the password: the data key is re-wrapped under the new one (with a new salt).
pub async fn change_password(
    db: &Db,
    old: &str,
    new: &str,
    params: KdfParams,
    now_ms: u64,
) -> Result<(), LockError> {
    let mut rec = read_record(db).await?.ok_or(LockError::NoPassword)?;
    let old_key = check(db, &mut rec, old, now_ms).await?;
    let mut next = LockRecord::fresh(params);
    let new_key = wrapping_key(&next, new).await?;
    next.wrapped = Some(hex::encode(
        keys::rewrap(&old_key, &new_key, &rec.wrapped()?).await?,
    ));
    write_record(db, &next).await
}

/// Removes the password (the current one is asked for): the data key is kept beside the data,
/// which opens without asking from then on.
pub async fn remove_password(db: &Db, current: &str, now_ms: u64) -> Result<(), LockError> {
    let mut rec = read_record(db).await?.ok_or(LockError::NoPassword)?;
    let wrapping = check(db, &mut rec, current, now_ms).await?;
    let raw = keys::unwrap_raw(&wrapping, &rec.wrapped()?).await?;
    rec.wrapped = None;
    rec.open = Some(hex::encode(&raw[..]));
    write_record(db, &rec).await
}

/// Seals every record of a plain database under `key` and stores `rec`, in one transaction:
/// after a crash either everything is sealed and the password set, or nothing changed.
async fn seal_everything(db: &Db, key: &DataKey, rec: &LockRecord) -> Result<(), LockError> {
    let tx = db
        .rexie
        .transaction(&stores::ALL, TransactionMode::ReadWrite)?;
    for name in [
        stores::META,
        stores::CONVERSATIONS,
        stores::MESSAGES,
        stores::OUTBOX,
    ] {
        let store = tx.store(name)?;
        let keys = store.get_all_keys(None, None).await?;
        let values = store.get_all(None, None).await?;
        let mut rows = Vec::new();
        for (k, v) in keys.into_iter().zip(values) {
            // The data version is read before unlocking; the lock record is plain by design.
            let plain_meta = name == stores::META
                && k.as_string()
                    .is_some_and(|k| k == DATA_VERSION_KEY || k == LOCK_KEY);
            if let (false, Some(text)) = (plain_meta, v.as_string()) {
                rows.push((k, Zeroizing::new(text)));
            }
        }
        let work = futures::future::join_all(rows.iter().map(|(k, text)| {
            let plain = Uint8Array::from(text.as_bytes());
            let aad = Place {
                store: name,
                key: k,
            }
            .aad();
            async move {
                let out = key.seal(&aad, &plain).await;
                plain.fill(0, 0, plain.length());
                out
            }
        }));
        let sealed = keeping_alive(Some(&store), work).await;
        let mut puts = Vec::with_capacity(rows.len());
        for ((k, _), s) in rows.into_iter().zip(sealed) {
            puts.push((JsValue::from(s?), Some(k)));
        }
        if !puts.is_empty() {
            store.put_all(puts.into_iter()).await?;
        }
    }
    seal_files(&tx.store(stores::FILES)?, key).await?;
    put_record(&tx, rec).await?;
    tx.done().await?;
    Ok(())
}

/// Seals the attachments' bytes (see `files.rs` for the sealed record).
async fn seal_files(store: &Store, key: &DataKey) -> Result<(), LockError> {
    let keys = store.get_all_keys(None, None).await?;
    let values = store.get_all(None, None).await?;
    for (k, v) in keys.into_iter().zip(values) {
        let Some(file) = super::files::PlainFile::read(&v) else {
            continue;
        };
        let work = async {
            let buffer = JsFuture::from(file.blob.array_buffer())
                .await
                .map_err(|_| StorageError::Db("cannot read a stored file".into()))?;
            let bytes = Uint8Array::new(&buffer);
            super::files::seal_file(key, &k, &bytes, &file.mime, file.size, file.saved_ms)
                .await
                .map_err(LockError::from)
        };
        let record = keeping_alive(Some(store), work).await?;
        store.put(&record, Some(&k)).await?;
    }
    Ok(())
}

/// The lock of an open database, as the parts' [`Vault`].
#[derive(Debug, Clone)]
pub struct IdbVault {
    db: Rc<Db>,
}

impl IdbVault {
    /// The lock of `db`.
    pub fn new(db: Rc<Db>) -> IdbVault {
        IdbVault { db }
    }
}

impl Vault for IdbVault {
    fn has_password(&self) -> Boxed<'_, Result<bool, LockError>> {
        Box::pin(async move { Ok(state(&self.db).await?.has_password()) })
    }

    fn set_password<'a>(&'a self, password: &'a str) -> Boxed<'a, Result<(), LockError>> {
        Box::pin(set_password(&self.db, password, KdfParams::DEFAULT))
    }

    fn change_password<'a>(
        &'a self,
        old: &'a str,
        new: &'a str,
    ) -> Boxed<'a, Result<(), LockError>> {
        Box::pin(change_password(
            &self.db,
            old,
            new,
            KdfParams::DEFAULT,
            time::now_ms(),
        ))
    }

    fn remove_password<'a>(&'a self, current: &'a str) -> Boxed<'a, Result<(), LockError>> {
        Box::pin(remove_password(&self.db, current, time::now_ms()))
    }
}
