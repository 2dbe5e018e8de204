//! The legacy attachment scheme (messaging.md §6.2–§6.3), which the official apps send by
//! default: the file is zero-padded to a size step, encrypted with AES-256-CBC (PKCS#7) under a
//! random IV, and authenticated with HMAC-SHA256 over IV and ciphertext. The blob is
//! `iv(16) ‖ ciphertext ‖ mac(32)`; the pointer carries the 64-byte key (AES key ‖ MAC key),
//! the SHA-256 of the blob as its digest, and the file's real size.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::{AttachmentError, MAX_ATTACHMENT_BYTES};

/// Length of the pointer's key: AES-256 key, then HMAC-SHA256 key.
pub const KEY_LEN: usize = 64;
const IV_LEN: usize = 16;
const MAC_LEN: usize = 32;
const BLOCK: usize = 16;
/// The smallest padded size.
const MIN_PADDED: usize = 541;

type Encryptor = cbc::Encryptor<aes::Aes256>;
type Decryptor = cbc::Decryptor<aes::Aes256>;

/// An encrypted attachment and what its pointer needs.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    /// What is uploaded.
    pub blob: Vec<u8>,
    /// The pointer's key.
    pub key: Zeroizing<[u8; KEY_LEN]>,
    /// SHA-256 of `blob`: the pointer's digest.
    pub digest: [u8; 32],
    /// The file's size before padding: the pointer's size.
    pub size: usize,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealed")
            .field("blob_len", &self.blob.len())
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// The size a file of `n` bytes is zero-padded to before encryption (§6.3): the next power of
/// 1.05 at or above it (at least 541), never past the 10 MB limit for a file within it. The
/// arithmetic is the same IEEE double arithmetic the official apps do in JavaScript.
pub fn padded_size(n: usize) -> usize {
    let x = n.max(1) as f64;
    let step = (1.05f64.powf((x.ln() / 1.05f64.ln()).ceil())).floor() as usize;
    let padded = step.max(MIN_PADDED).max(n);
    if padded > MAX_ATTACHMENT_BYTES && n <= MAX_ATTACHMENT_BYTES {
        MAX_ATTACHMENT_BYTES
    } else {
        padded
    }
}

/// Encrypts `file` with a fresh key and IV from `rng`; `pad` zero-pads it first (attachments
/// are padded, link-preview images are not).
pub fn encrypt(
    file: &[u8],
    pad: bool,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Sealed, AttachmentError> {
    if file.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge { size: file.len() });
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    rng.fill_bytes(&mut key[..]);
    let mut iv = [0u8; IV_LEN];
    rng.fill_bytes(&mut iv);
    Ok(encrypt_with(file, pad, &key, &iv))
}

/// [`encrypt`] with a given key and IV (for tests and vectors).
pub fn encrypt_with(file: &[u8], pad: bool, key: &[u8; KEY_LEN], iv: &[u8; IV_LEN]) -> Sealed {
    let mut plain = Zeroizing::new(file.to_vec());
    if pad {
        plain.resize(padded_size(file.len()), 0);
    }
    let (aes_key, mac_key) = key.split_at(32);
    let cipher = Encryptor::new(aes_key.into(), iv.into());
    let ct = cipher.encrypt_padded_vec_mut::<Pkcs7>(&plain);
    let mut blob = Vec::with_capacity(IV_LEN + ct.len() + MAC_LEN);
    blob.extend_from_slice(iv);
    blob.extend_from_slice(&ct);
    let mac = mac_of(mac_key, &blob);
    blob.extend_from_slice(&mac);
    let digest: [u8; 32] = Sha256::digest(&blob).into();
    Sealed {
        blob,
        key: Zeroizing::new(*key),
        digest,
        size: file.len(),
    }
}

/// Opens a downloaded `blob` with the pointer's `key`, `digest` and `size`: the digest and MAC
/// are checked before anything is decrypted, and the padding is cut at `size` (a pointer
/// without a size keeps everything decrypted).
pub fn decrypt(
    blob: &[u8],
    key: &[u8],
    digest: Option<&[u8]>,
    size: Option<usize>,
) -> Result<Vec<u8>, AttachmentError> {
    if key.len() != KEY_LEN {
        return Err(AttachmentError::BadKey { len: key.len() });
    }
    if blob.len() < IV_LEN + BLOCK + MAC_LEN || (blob.len() - IV_LEN - MAC_LEN) % BLOCK != 0 {
        return Err(AttachmentError::Truncated { len: blob.len() });
    }
    let digest = digest.ok_or(AttachmentError::MissingDigest)?;
    let actual = Sha256::digest(blob);
    if !bool::from(actual.as_slice().ct_eq(digest)) {
        return Err(AttachmentError::DigestMismatch);
    }
    let (aes_key, mac_key) = key.split_at(32);
    let (body, mac) = blob.split_at(blob.len() - MAC_LEN);
    if !bool::from(mac_of(mac_key, body).as_slice().ct_eq(mac)) {
        return Err(AttachmentError::BadMac);
    }
    let (iv, ct) = body.split_at(IV_LEN);
    let cipher = Decryptor::new(aes_key.into(), iv.into());
    let mut plain = cipher
        .decrypt_padded_vec_mut::<Pkcs7>(ct)
        .map_err(|_| AttachmentError::BadPadding)?;
    if let Some(size) = size {
        if plain.len() < size {
            return Err(AttachmentError::SizeMismatch {
                expected: size,
                got: plain.len(),
            });
        }
        plain.truncate(size);
    }
    Ok(plain)
}

/// HMAC-SHA256 under the 32-byte MAC key. HMAC zero-pads a key shorter than the hash's
/// 64-byte block, so the key is given padded, which cannot fail.
fn mac_of(key: &[u8], data: &[u8]) -> [u8; MAC_LEN] {
    let mut block = Zeroizing::new([0u8; 64]);
    block[..key.len().min(64)].copy_from_slice(&key[..key.len().min(64)]);
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&(*block).into());
    mac.update(data);
    mac.finalize().into_bytes().into()
}
