//! Two small XChaCha20-Poly1305 decryptions of server-provided payloads, as libsession
//! `src/session_encrypt.cpp` does them: an ONS (Session name) lookup response, and a push
//! notification payload.

use blake2::digest::consts::U32;
use blake2::digest::{FixedOutput, Update};
use blake2::{Blake2b, Blake2bMac, Digest};
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use std::fmt;
use zeroize::Zeroizing;

/// Poly1305 tag length.
const TAG_LEN: usize = 16;
/// XChaCha20 nonce length.
const NONCE_LEN: usize = 24;

/// Why a payload could not be decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadError {
    /// The payload is shorter than its nonce and authentication tag (given length).
    TooShort(usize),
    /// Authentication failed: wrong key (or name), or a corrupted payload.
    DecryptionFailed,
    /// An ONS response decrypted to something other than a 33-byte Session ID (given length).
    NotASessionId(usize),
    /// Encryption failed (only a name whose key cannot be derived).
    EncryptionFailed,
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort(n) => write!(f, "encrypted payload too short ({n} bytes)"),
            Self::DecryptionFailed => {
                f.write_str("decryption failed: wrong key or name, or a corrupted payload")
            }
            Self::NotASessionId(n) => {
                write!(
                    f,
                    "the name resolved to {n} bytes, not a 33-byte Session ID"
                )
            }
            Self::EncryptionFailed => f.write_str("encryption failed"),
        }
    }
}

impl std::error::Error for PayloadError {}

/// The hash a node is asked for: `H_32(name)` over the lower-cased name, so the name itself
/// never leaves the device.
pub fn ons_name_hash(name: &str) -> [u8; 32] {
    Blake2b::<U32>::new()
        .chain_update(name.to_lowercase().as_bytes())
        .finalize()
        .into()
}

/// The ONS key of a name: `H_32(name, key = H_32(name))` over the lower-cased name.
fn ons_key(name: &str) -> Result<Zeroizing<[u8; 32]>, PayloadError> {
    let name = name.to_lowercase();
    let name_hash = ons_name_hash(&name);
    // A 32-byte key is always within BLAKE2b's 64-byte limit.
    let mut mac = Blake2bMac::<U32>::new_from_slice(&name_hash)
        .map_err(|_| PayloadError::DecryptionFailed)?;
    mac.update(name.as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&mac.finalize_fixed());
    Ok(key)
}

/// Decrypts the `encrypted_value` of an ONS lookup for `name` (case-insensitive) with the
/// response's 24-byte `nonce`, giving the 33-byte Session ID it resolves to.
pub fn decrypt_ons_response(
    name: &str,
    ciphertext: &[u8],
    nonce: &[u8; 24],
) -> Result<[u8; 33], PayloadError> {
    if ciphertext.len() < TAG_LEN {
        return Err(PayloadError::TooShort(ciphertext.len()));
    }
    let key = ons_key(name)?;
    let plain = XChaCha20Poly1305::new((&*key).into())
        .decrypt(XNonce::from_slice(nonce), ciphertext)
        .map_err(|_| PayloadError::DecryptionFailed)?;
    let len = plain.len();
    plain
        .try_into()
        .map_err(|_| PayloadError::NotASessionId(len))
}

/// Encrypts a Session ID as the ONS record of `name` (what a registration stores and a node
/// answers): the inverse of [`decrypt_ons_response`].
pub fn encrypt_ons_value(
    name: &str,
    session_id: &[u8; 33],
    nonce: &[u8; 24],
) -> Result<Vec<u8>, PayloadError> {
    let key = ons_key(name).map_err(|_| PayloadError::EncryptionFailed)?;
    XChaCha20Poly1305::new((&*key).into())
        .encrypt(XNonce::from_slice(nonce), session_id.as_slice())
        .map_err(|_| PayloadError::EncryptionFailed)
}

/// Decrypts a push notification payload (`nonce(24) ‖ ciphertext ‖ tag`) with the 32-byte
/// notification key, dropping trailing zero padding (an all-zero plaintext is kept as is).
pub fn decrypt_push_notification(
    payload: &[u8],
    enc_key: &[u8; 32],
) -> Result<Vec<u8>, PayloadError> {
    let Some((nonce, ciphertext)) = payload
        .split_at_checked(NONCE_LEN)
        .filter(|(_, c)| c.len() >= TAG_LEN)
    else {
        return Err(PayloadError::TooShort(payload.len()));
    };
    let mut plain = XChaCha20Poly1305::new(enc_key.into())
        .decrypt(XNonce::from_slice(nonce), ciphertext)
        .map_err(|_| PayloadError::DecryptionFailed)?;
    if let Some(last) = plain.iter().rposition(|&b| b != 0) {
        plain.truncate(last + 1);
    }
    Ok(plain)
}
