//! Storage errors.

use std::fmt;

use crate::t;

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageError {
    /// IndexedDB is not available (private browsing in some browsers, disabled storage).
    Unavailable(String),
    /// A read or write failed.
    Db(String),
    /// A record could not be encoded.
    Encode(String),
    /// A migration step failed; the data is as it was before it and the step runs again at
    /// the next start.
    Migration {
        /// The data version the step leads to.
        to: u32,
        /// Why it failed.
        cause: Box<StorageError>,
    },
    /// The operation was abandoned before it committed (nothing of it was stored).
    Interrupted,
    /// The browser's storage for the app is full (its quota is used up).
    Full,
    /// The stored account's record cannot be read; it is kept until the user restores the
    /// account from its recovery phrase or deletes the stored data.
    UnreadableAccount,
    /// Another account is stored in this browser: it is never replaced silently.
    AccountStored,
    /// The stored data is newer than this version of the app understands.
    TooNew {
        /// Version found.
        found: u32,
        /// Newest version this app knows.
        supported: u32,
    },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => {
                f.write_str(&t!("onboarding-storage-unavailable", reason = why))
            }
            StorageError::Db(why) => f.write_str(&t!("onboarding-storage-db", reason = why)),
            StorageError::Encode(why) => {
                f.write_str(&t!("onboarding-storage-encode", reason = why))
            }
            StorageError::Migration { to, cause } => f.write_str(&t!(
                "onboarding-storage-migration",
                version = *to,
                reason = cause.to_string()
            )),
            StorageError::Interrupted => f.write_str(&t!("onboarding-storage-interrupted")),
            StorageError::Full => f.write_str(&t!("onboarding-storage-full")),
            StorageError::UnreadableAccount => {
                f.write_str(&t!("onboarding-storage-unreadable-account"))
            }
            StorageError::AccountStored => f.write_str(&t!("onboarding-storage-account-stored")),
            StorageError::TooNew { found, supported } => f.write_str(&t!(
                "onboarding-storage-too-new",
                found = *found,
                supported = *supported
            )),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        // rexie's own text of a browser error is only "idb error": the browser's is inside.
        let text = match &e {
            rexie::Error::IdbError(inner) => inner.to_string(),
            other => other.to_string(),
        };
        // IndexedDB says so with a DOMException named QuotaExceededError.
        if text.contains("QuotaExceeded") {
            StorageError::Full
        } else {
            StorageError::Db(text)
        }
    }
}
