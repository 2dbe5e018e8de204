//! Opening the database: the IndexedDB schema (stores) and the data migrations.
//!
//! Two versions are kept apart: [`SCHEMA_VERSION`] is IndexedDB's own version, which creates
//! stores and indexes (rexie applies the declared schema in `onupgradeneeded`);
//! [`DATA_VERSION`] is the version of the records' format, stored in `meta`, and each step up
//! to it runs once as a migration after the database is open.

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::error::StorageError;
use crate::util::log;

/// The database's name.
pub const DB_NAME: &str = "session-web";

/// IndexedDB version (stores and indexes).
pub const SCHEMA_VERSION: u32 = 1;

/// Version of the stored records' format.
pub const DATA_VERSION: u32 = 1;

/// Store names.
pub mod stores {
    /// Single named records.
    pub const META: &str = "meta";
    /// Conversation summaries.
    pub const CONVERSATIONS: &str = "conversations";
    /// Messages, keyed `[conv, ts, author]`.
    pub const MESSAGES: &str = "messages";
    /// Messages not yet fully delivered.
    pub const OUTBOX: &str = "outbox";
    /// All of them.
    pub const ALL: [&str; 4] = [META, CONVERSATIONS, MESSAGES, OUTBOX];
}

/// Key of the data version in `meta`.
pub const DATA_VERSION_KEY: &str = "data_version";

/// An open database.
#[derive(Debug)]
pub struct Db {
    pub(crate) rexie: Rexie,
}

impl Db {
    /// Opens (creating or upgrading) the app's database.
    pub async fn open() -> Result<Db, StorageError> {
        Db::open_named(DB_NAME).await
    }

    /// Opens the database `name` (tests use their own).
    pub async fn open_named(name: &str) -> Result<Db, StorageError> {
        let rexie = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(ObjectStore::new(stores::META))
            .add_object_store(ObjectStore::new(stores::CONVERSATIONS))
            .add_object_store(ObjectStore::new(stores::MESSAGES))
            .add_object_store(ObjectStore::new(stores::OUTBOX))
            .build()
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let db = Db { rexie };
        db.migrate().await?;
        Ok(db)
    }

    /// Closes this connection.
    pub fn close(self) {
        self.rexie.close();
    }

    /// Deletes the database `name` (closing this connection first).
    pub async fn delete(self, name: &str) -> Result<(), StorageError> {
        self.rexie.close();
        Rexie::delete(name).await.map_err(StorageError::from)
    }

    /// The underlying rexie database (tests write raw records through it).
    #[doc(hidden)]
    pub fn raw(&self) -> &Rexie {
        &self.rexie
    }

    /// The stored data version (0 for a database that has none yet).
    pub async fn data_version(&self) -> Result<u32, StorageError> {
        let tx = self
            .rexie
            .transaction(&[stores::META], TransactionMode::ReadOnly)?;
        let v = tx
            .store(stores::META)?
            .get(JsValue::from_str(DATA_VERSION_KEY))
            .await?;
        tx.done().await?;
        Ok(v.and_then(|v| v.as_f64()).map(|v| v as u32).unwrap_or(0))
    }

    #[doc(hidden)]
    pub async fn set_data_version(&self, version: u32) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[stores::META], TransactionMode::ReadWrite)?;
        tx.store(stores::META)?
            .put(
                &JsValue::from_f64(version as f64),
                Some(&JsValue::from_str(DATA_VERSION_KEY)),
            )
            .await?;
        tx.done().await?;
        Ok(())
    }

    /// Brings stored records up to [`DATA_VERSION`], one step at a time.
    async fn migrate(&self) -> Result<(), StorageError> {
        let mut version = self.data_version().await?;
        if version > DATA_VERSION {
            return Err(StorageError::TooNew {
                found: version,
                supported: DATA_VERSION,
            });
        }
        while version < DATA_VERSION {
            let next = version + 1;
            self.migrate_to(next).await?;
            self.set_data_version(next).await?;
            log::info(&format!("storage: data migrated to version {next}"));
            version = next;
        }
        Ok(())
    }

    /// One migration step: rewrites records from format `version - 1` to `version`. Each
    /// step runs once; a step that fails leaves the version unchanged, to run again.
    async fn migrate_to(&self, version: u32) -> Result<(), StorageError> {
        // Version 1 is the first format: a new database has nothing to transform. Later
        // versions add a step here (e.g. `2 => self.split_names().await?`).
        debug_assert!(version <= DATA_VERSION);
        Ok(())
    }
}
