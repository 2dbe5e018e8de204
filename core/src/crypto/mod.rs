//! Cryptographic building blocks, each byte-compatible with the libsodium call libsession
//! makes: key conversions, sealed boxes, BLAKE2b, community blinding, push/ONS payloads.

pub mod blinding;
pub mod drg;
pub mod ed25519;
pub mod hash;
pub mod key_memo;
pub mod keys;
pub mod push_and_ons;
pub mod sealed_box;
pub mod secretstream;
pub mod xed25519;

use std::fmt;

/// Why a cryptographic operation failed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// A public key that is not a usable curve point (malformed, small order, or with a
    /// torsion component).
    InvalidPublicKey,
    /// An input of the wrong size.
    InvalidLength {
        /// What the input is.
        what: &'static str,
        /// Its length in bytes.
        got: usize,
    },
    /// Encryption failed (only for inputs too large for the cipher).
    Encryption,
    /// The ciphertext was not made for this key or was altered.
    Decryption,
    /// A signature that does not verify.
    BadSignature,
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::InvalidPublicKey => f.write_str("invalid public key"),
            CryptoError::InvalidLength { what, got } => {
                write!(f, "{what} has an invalid length ({got} bytes)")
            }
            CryptoError::Encryption => f.write_str("encryption failed"),
            CryptoError::Decryption => {
                f.write_str("decryption failed: not encrypted for this key, or altered")
            }
            CryptoError::BadSignature => f.write_str("the signature does not verify"),
        }
    }
}

impl std::error::Error for CryptoError {}
