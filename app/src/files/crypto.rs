//! Attachment encryption through WebCrypto, byte for byte the core's legacy scheme
//! ([`session_core::attachment::legacy`]): the file zero-padded to
//! [`padded_size`], AES-256-CBC with PKCS#7, `iv ‖ ciphertext ‖ HMAC-SHA256(iv ‖ ciphertext)`,
//! the digest SHA-256 of that blob. Opening checks in the core's order: key length, blob shape,
//! digest present, digest, MAC, and only then decrypts and cuts the padding at the pointer's
//! size. Deterministic attachments (a stream cipher WebCrypto lacks) are the core's.
//!
//! A 10 MB file must not block the page: WebCrypto hashes, MACs and encrypts off the main
//! thread, so what is left on it is copying, and every copy is one pass (a memcpy, milliseconds
//! for 10 MB). The file goes into JavaScript once, into a zero-filled buffer, so the padding
//! costs no pass of its own; the blob is assembled in JavaScript and comes back once. A
//! downloaded blob goes into JavaScript once, and only the file, its padding cut by a view,
//! comes back. No padded copy or concatenation is ever made in wasm memory.
//!
//! Without WebCrypto (no `crypto.subtle`, as in an insecure context) the core's pure-Rust
//! functions do the same work, so attachments still work there, only on the main thread.

use js_sys::Uint8Array;
use rand_core::{OsRng, RngCore};
use session_core::attachment::legacy::{self, padded_size, KEY_LEN};
use session_core::attachment::pointer::{Attachment, AttachmentKey, SealedFile};
use session_core::attachment::{deterministic, AttachmentError, MAX_ATTACHMENT_BYTES};
use zeroize::Zeroizing;

use crate::util::webcrypto::{self, Op, WebCryptoError};

/// The legacy scheme's IV length.
pub const IV_LEN: usize = 16;
const MAC_LEN: usize = 32;
const BLOCK: usize = 16;

/// Encrypts a file for upload as the core's [`session_core::attachment::pointer::seal`] does,
/// under a fresh key and IV from the system's generator. Files over the limit are refused
/// before anything else.
pub async fn seal(data: &[u8]) -> Result<SealedFile, AttachmentError> {
    if data.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge { size: data.len() });
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    OsRng.fill_bytes(&mut key[..]);
    let mut iv = [0u8; IV_LEN];
    OsRng.fill_bytes(&mut iv);
    seal_with(data, &key, &iv).await
}

/// [`seal`] with a given key and IV (for tests and benches): the same blob as the core's
/// [`legacy::encrypt_with`] with padding.
pub async fn seal_with(
    data: &[u8],
    key: &[u8; KEY_LEN],
    iv: &[u8; IV_LEN],
) -> Result<SealedFile, AttachmentError> {
    if data.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge { size: data.len() });
    }
    let sealed = match seal_webcrypto(data, key, iv).await {
        Ok(sealed) => sealed,
        // Our own file is no untrusted input: WebCrypto missing or failing is the browser's
        // doing, and the core makes the same bytes.
        Err(_) => legacy::encrypt_with(data, true, key, iv),
    };
    SealedFile::from_legacy(sealed)
}

/// Decrypts a downloaded blob with its pointer, as [`Attachment::open`] does; an error keeps
/// nothing.
pub async fn open(a: &Attachment, blob: &[u8]) -> Result<Vec<u8>, AttachmentError> {
    let size = a.size.map(|s| s as usize);
    match &a.key {
        AttachmentKey::Legacy(k) => {
            open_legacy(blob, &k[..], a.digest.as_ref().map(|d| &d[..]), size).await
        }
        AttachmentKey::Deterministic(k) => deterministic::decrypt(blob, &k[..], size),
    }
}

/// [`legacy::decrypt`] through WebCrypto: the same checks in the same order, the same errors.
///
/// A WebCrypto failure other than a refused decryption (a browser out of memory, say) becomes
/// [`AttachmentError::BadPadding`]: the core's errors have no "crypto engine failed", the file
/// must be refused all the same, and BadPadding ("malformed") is the one that does not blame
/// the sender or the network for tampering as DigestMismatch and BadMac would.
pub async fn open_legacy(
    blob: &[u8],
    key: &[u8],
    digest: Option<&[u8]>,
    size: Option<usize>,
) -> Result<Vec<u8>, AttachmentError> {
    if !webcrypto::available() {
        return legacy::decrypt(blob, key, digest, size);
    }
    let key: &[u8; KEY_LEN] = key
        .try_into()
        .map_err(|_| AttachmentError::BadKey { len: key.len() })?;
    if blob.len() < IV_LEN + BLOCK + MAC_LEN
        || !(blob.len() - IV_LEN - MAC_LEN).is_multiple_of(BLOCK)
    {
        return Err(AttachmentError::Truncated { len: blob.len() });
    }
    let digest = digest.ok_or(AttachmentError::MissingDigest)?;
    let (aes_key, mac_key) = split_key(key);
    let body_len = blob.len() - MAC_LEN;
    let body_end = js_len(body_len).ok_or(AttachmentError::Truncated { len: blob.len() })?;
    let mut iv = [0u8; IV_LEN];
    iv.copy_from_slice(&blob[..IV_LEN]);

    // The blob's one copy into JavaScript; the hash, MAC and decryption read views of it.
    let js = Uint8Array::from(blob);
    let actual = webcrypto::sha256_js(&js).await.map_err(engine_failed)?;
    if !ct_eq(&actual, digest) {
        return Err(AttachmentError::DigestMismatch);
    }
    let mac = webcrypto::hmac_sha256_js(&mac_key[..], &js.subarray(0, body_end))
        .await
        .map_err(engine_failed)?;
    if !ct_eq(&mac, &blob[body_len..]) {
        return Err(AttachmentError::BadMac);
    }
    let plain = webcrypto::aes_cbc_decrypt_js(&aes_key, &iv, &js.subarray(IV_LEN as u32, body_end))
        .await
        .map_err(engine_failed)?;
    let got = plain.length();
    let keep = match size {
        None => Ok(got),
        Some(s) => match u32::try_from(s) {
            Ok(s) if s <= got => Ok(s),
            _ => Err(AttachmentError::SizeMismatch {
                expected: s,
                got: got as usize,
            }),
        },
    };
    // Only the file comes back into wasm memory, its padding cut by the view.
    let out = keep.map(|keep| plain.subarray(0, keep).to_vec());
    plain.fill(0, 0, got);
    out
}

/// What a WebCrypto failure while opening means for the file: a refused decryption is a bad
/// padding, and every other failure is refused as one too (see [`open_legacy`]).
fn engine_failed(_: WebCryptoError) -> AttachmentError {
    AttachmentError::BadPadding
}

/// [`seal_with`] through WebCrypto only: no size limit and no fallback to the core, for tests
/// and benches that must know WebCrypto did the work. The result is what the core's
/// [`legacy::encrypt_with`] gives with padding.
pub async fn seal_webcrypto(
    data: &[u8],
    key: &[u8; KEY_LEN],
    iv: &[u8; IV_LEN],
) -> Result<legacy::Sealed, WebCryptoError> {
    // Nothing is copied when there is no WebCrypto.
    webcrypto::subtle()?;
    let (aes_key, mac_key) = split_key(key);
    // Lengths past 4 GiB cannot occur in wasm32; the error only avoids a cast.
    let misfit = || WebCryptoError::Unexpected { op: Op::Encrypt };
    // A new Uint8Array is zeros: the file copied to its front is the padded plaintext.
    let plain = Uint8Array::new_with_length(js_len(padded_size(data.len())).ok_or_else(misfit)?);
    put(&plain, 0, data)?;
    let ct = webcrypto::aes_cbc_encrypt_js(&aes_key, iv, &plain).await;
    // encrypt copied the plaintext when called; this copy of the file goes now.
    plain.fill(0, 0, plain.length());
    let ct = ct?;
    let body_len = IV_LEN + ct.length() as usize;
    let body_end = js_len(body_len).ok_or_else(misfit)?;
    let blob = Uint8Array::new_with_length(js_len(body_len + MAC_LEN).ok_or_else(misfit)?);
    put(&blob, 0, iv)?;
    blob.set(&ct, IV_LEN as u32);
    let mac = webcrypto::hmac_sha256_js(&mac_key[..], &blob.subarray(0, body_end)).await?;
    put(&blob, body_len, &mac)?;
    let digest = webcrypto::sha256_js(&blob).await?;
    Ok(legacy::Sealed {
        blob: blob.to_vec(),
        key: Zeroizing::new(*key),
        digest,
        size: data.len(),
    })
}

/// The AES key and the MAC key of a legacy key.
fn split_key(key: &[u8; KEY_LEN]) -> (Zeroizing<[u8; 32]>, Zeroizing<[u8; 32]>) {
    let (mut aes, mut mac) = (Zeroizing::new([0u8; 32]), Zeroizing::new([0u8; 32]));
    aes.copy_from_slice(&key[..32]);
    mac.copy_from_slice(&key[32..]);
    (aes, mac)
}

/// A length as JavaScript typed arrays take it (wasm32's memory is under 4 GiB, so always).
fn js_len(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

/// Copies `src` into `dst` at `at`; a `src` that does not fit is refused (never the case for
/// the lengths computed here) rather than panicking in `copy_from`.
fn put(dst: &Uint8Array, at: usize, src: &[u8]) -> Result<(), WebCryptoError> {
    let misfit = WebCryptoError::Unexpected { op: Op::Encrypt };
    let start = js_len(at).ok_or(misfit.clone())?;
    let end = at
        .checked_add(src.len())
        .and_then(js_len)
        .filter(|end| *end <= dst.length())
        .ok_or(misfit)?;
    dst.subarray(start, end).copy_from(src);
    Ok(())
}

/// Equality that takes the same time wherever the bytes differ (the lengths are public).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    a.len() == b.len() && std::hint::black_box(diff) == 0
}
