//! The password lock's keys. A password, stretched by Argon2id ([`kdf`]), becomes a key that
//! wraps the data key; the data key seals every stored record ([`crate::storage::seal`]).
//! While the app is unlocked the data key lives only as a non-extractable WebCrypto key
//! ([`keys::DataKey`]): script can use it but never read it.
//!
//! Changing or removing the password re-wraps the data key; the records stay as they are.

pub mod kdf;
pub mod keys;

use std::fmt;

use crate::t;
use crate::util::webcrypto::WebCryptoError;

/// Why a password could not be set, changed, checked or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultError {
    /// The password does not open the data key.
    WrongPassword,
    /// Too many wrong passwords: the next try is allowed in `wait_ms`.
    TooSoon {
        /// Milliseconds left.
        wait_ms: u64,
    },
    /// An empty password (a password lock needs a password).
    EmptyPassword,
    /// Argon2id refused its parameters (a damaged lock record).
    Kdf,
    /// The lock record cannot be read.
    Damaged(&'static str),
    /// WebCrypto failed.
    Crypto(WebCryptoError),
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::WrongPassword => f.write_str(&t!("onboarding-password-wrong")),
            VaultError::TooSoon { wait_ms } => f.write_str(&t!(
                "onboarding-password-too-soon",
                count = wait_ms.div_ceil(1000)
            )),
            VaultError::EmptyPassword => f.write_str(&t!("onboarding-password-empty")),
            VaultError::Kdf => f.write_str(&t!("onboarding-password-kdf-damaged")),
            VaultError::Damaged(why) => {
                f.write_str(&t!("onboarding-password-record-damaged", reason = *why))
            }
            VaultError::Crypto(e) => f.write_str(&t!(
                "onboarding-password-crypto-failed",
                reason = e.to_string()
            )),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<WebCryptoError> for VaultError {
    fn from(e: WebCryptoError) -> VaultError {
        VaultError::Crypto(e)
    }
}
