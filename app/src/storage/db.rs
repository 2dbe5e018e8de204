//! Opening the database: the IndexedDB schema (stores) and the data migrations.
//!
//! Two versions are kept apart: [`SCHEMA_VERSION`] is IndexedDB's own version, which creates
//! stores and indexes (rexie applies the declared schema in `onupgradeneeded`);
//! [`DATA_VERSION`] is the version of the records' format, stored in `meta`, and each step up
//! to it runs once as a migration after the database is open. A step rewrites records and
//! bumps the version in one transaction: it happens completely or not at all, and a step that
//! failed runs again at the next start.
//!
//! | data version | format |
//! |---|---|
//! | 1 | conversations named by the peer's Session ID hex (our own for Note to Self) |
//! | 2 | conversations named by `ConversationId`'s text form (`self` for Note to Self) |

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::error::StorageError;
use crate::util::log;

/// The first account's database name (others add a suffix: see [`crate::accounts`]).
pub const DB_NAME: &str = "session-web";

/// IndexedDB version (stores and indexes): 2 added `files`.
pub const SCHEMA_VERSION: u32 = 2;

/// Version of the stored records' format.
pub const DATA_VERSION: u32 = 2;

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
    /// Attachments' bytes (see `files.rs`).
    pub const FILES: &str = "files";
    /// All of them.
    pub const ALL: [&str; 5] = [META, CONVERSATIONS, MESSAGES, OUTBOX, FILES];
}

/// Key of the data version in `meta`.
pub const DATA_VERSION_KEY: &str = "data_version";

/// An open database.
#[derive(Debug)]
pub struct Db {
    pub(crate) rexie: Rexie,
    /// The data key while records are sealed and the app is unlocked (see `seal.rs`).
    pub(crate) data_key: std::cell::RefCell<Option<crate::vault::keys::DataKey>>,
}

impl Db {
    /// Opens (creating or upgrading) the database of this tab's account.
    pub async fn open() -> Result<Db, StorageError> {
        Db::open_named(crate::accounts::current().db_name()).await
    }

    /// Opens the database `name` (tests use their own).
    pub async fn open_named(name: &str) -> Result<Db, StorageError> {
        Db::open_with(name, None).await
    }

    /// Opens the database `name` with a migration step that fails after its writes (tests
    /// check that nothing of it remains and that it runs again).
    #[doc(hidden)]
    pub async fn open_named_failing_migration(name: &str) -> Result<Db, StorageError> {
        Db::open_with(name, Some(Fault::AfterWrites)).await
    }

    async fn open_with(name: &str, fault: Option<Fault>) -> Result<Db, StorageError> {
        let rexie = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(ObjectStore::new(stores::META))
            .add_object_store(ObjectStore::new(stores::CONVERSATIONS))
            .add_object_store(ObjectStore::new(stores::MESSAGES))
            .add_object_store(ObjectStore::new(stores::OUTBOX))
            .add_object_store(ObjectStore::new(stores::FILES))
            .build()
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let db = Db {
            rexie,
            data_key: std::cell::RefCell::new(None),
        };
        if let Err(e) = db.migrate(fault).await {
            db.rexie.close();
            return Err(e);
        }
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

    /// Sets the stored data version (tests set up older databases with it).
    #[doc(hidden)]
    pub async fn set_data_version(&self, version: u32) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[stores::META], TransactionMode::ReadWrite)?;
        put_data_version(&tx, version).await?;
        tx.done().await?;
        Ok(())
    }

    /// Brings stored records up to [`DATA_VERSION`], one step at a time.
    async fn migrate(&self, fault: Option<Fault>) -> Result<(), StorageError> {
        let mut version = self.data_version().await?;
        if version > DATA_VERSION {
            return Err(StorageError::TooNew {
                found: version,
                supported: DATA_VERSION,
            });
        }
        while version < DATA_VERSION {
            let next = version + 1;
            self.migrate_to(next, fault)
                .await
                .map_err(|cause| StorageError::Migration {
                    to: next,
                    cause: Box::new(cause),
                })?;
            log::info(&format!("storage: data migrated to version {next}"));
            version = next;
        }
        Ok(())
    }

    /// One migration step: rewrites records from format `version - 1` to `version` and
    /// stores the new version, in one transaction.
    async fn migrate_to(&self, version: u32, fault: Option<Fault>) -> Result<(), StorageError> {
        match version {
            // The first format: a new database has nothing to transform.
            1 => self.set_data_version(1).await,
            2 => super::migrate::typed_conversations(self, fault).await,
            _ => Err(StorageError::TooNew {
                found: version,
                supported: DATA_VERSION,
            }),
        }
    }
}

/// A failure injected into a migration step (tests only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// The step aborts its transaction after all its writes.
    AfterWrites,
}

/// Writes the data version within `tx` (which must cover `meta`).
pub(crate) async fn put_data_version(
    tx: &rexie::Transaction,
    version: u32,
) -> Result<(), StorageError> {
    tx.store(stores::META)?
        .put(
            &JsValue::from_f64(version as f64),
            Some(&JsValue::from_str(DATA_VERSION_KEY)),
        )
        .await?;
    Ok(())
}
