//! The data key and its wrapping, in WebCrypto.
//!
//! The data key is an AES-256-GCM key. Wrapped, it is AES-KW (RFC 3394) under the key that
//! Argon2id derives from the password: 40 bytes whose integrity check fails under any other
//! password, which is how a wrong password is told apart. Unwrapped for use it is
//! non-extractable; only changing or removing the password unwraps an extractable copy, for
//! the one call that wraps or exports it again.

use js_sys::{Array, Object, Reflect, Uint8Array};
use rand_core::{OsRng, RngCore};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};
use zeroize::Zeroizing;

use super::VaultError;
use crate::util::webcrypto::{subtle, Op, WebCryptoError};

/// Length of a wrapped data key (AES-KW adds 8 bytes to the 32).
pub const WRAPPED_LEN: usize = 40;

/// Length of a sealed value's nonce.
pub const NONCE_LEN: usize = 12;

/// The data key, usable but not readable by script.
#[derive(Debug, Clone)]
pub struct DataKey {
    key: CryptoKey,
}

/// A key-wrapping key derived from a password.
#[derive(Debug, Clone)]
pub struct WrappingKey {
    key: CryptoKey,
}

async fn call(promise: Result<js_sys::Promise, JsValue>, op: Op) -> Result<JsValue, VaultError> {
    let promise = promise.map_err(|_| WebCryptoError::Rejected { op })?;
    JsFuture::from(promise)
        .await
        .map_err(|_| VaultError::Crypto(WebCryptoError::Rejected { op }))
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

fn crypto_key(value: JsValue, op: Op) -> Result<CryptoKey, VaultError> {
    value
        .dyn_into::<CryptoKey>()
        .map_err(|_| VaultError::Crypto(WebCryptoError::Unexpected { op }))
}

async fn import_raw(
    subtle: &SubtleCrypto,
    raw: &[u8],
    algorithm: &str,
    extractable: bool,
    uses: &[&str],
) -> Result<CryptoKey, VaultError> {
    let js = Uint8Array::from(raw);
    let algo = Object::new();
    Reflect::set(&algo, &"name".into(), &algorithm.into())
        .map_err(|_| WebCryptoError::Unexpected { op: Op::ImportKey })?;
    let promise = subtle.import_key_with_object("raw", &js, &algo, extractable, &usages(uses));
    // importKey took its own copy.
    js.fill(0, 0, js.length());
    crypto_key(call(promise, Op::ImportKey).await?, Op::ImportKey)
}

impl WrappingKey {
    /// The wrapping key of Argon2id's output (which the caller wipes).
    pub async fn import(derived: &[u8; 32]) -> Result<WrappingKey, VaultError> {
        let subtle = subtle()?;
        let key = import_raw(&subtle, derived, "AES-KW", false, &["wrapKey", "unwrapKey"]).await?;
        Ok(WrappingKey { key })
    }

    /// `key` (extractable) wrapped under this key.
    async fn wrap(&self, key: &CryptoKey) -> Result<Vec<u8>, VaultError> {
        let subtle = subtle()?;
        let out = call(
            subtle.wrap_key_with_str("raw", key, &self.key, "AES-KW"),
            Op::Encrypt,
        )
        .await?;
        let bytes = Uint8Array::new(&out).to_vec();
        if bytes.len() != WRAPPED_LEN {
            return Err(VaultError::Crypto(WebCryptoError::Unexpected {
                op: Op::Encrypt,
            }));
        }
        Ok(bytes)
    }

    /// The data key in `wrapped`; [`VaultError::WrongPassword`] when this key did not wrap it.
    async fn unwrap(&self, wrapped: &[u8], extractable: bool) -> Result<CryptoKey, VaultError> {
        if wrapped.len() != WRAPPED_LEN {
            return Err(VaultError::Damaged("wrapped key of the wrong length"));
        }
        let subtle = subtle()?;
        let promise = subtle
            .unwrap_key_with_js_u8_array_and_str_and_str(
                "raw",
                &Uint8Array::from(wrapped),
                &self.key,
                "AES-KW",
                "AES-GCM",
                extractable,
                &usages(&["encrypt", "decrypt"]),
            )
            .map_err(|_| WebCryptoError::Rejected { op: Op::Decrypt })?;
        // AES-KW's integrity check is the only way unwrapping a well-formed key fails.
        let value = JsFuture::from(promise)
            .await
            .map_err(|_| VaultError::WrongPassword)?;
        crypto_key(value, Op::Decrypt)
    }
}

/// A new random data key: its wrapped form under `wrapping` and the key itself.
pub async fn new_data_key(wrapping: &WrappingKey) -> Result<(Vec<u8>, DataKey), VaultError> {
    let mut raw = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(&mut raw[..]);
    let wrapped = wrap_raw(wrapping, &raw).await?;
    let key = DataKey::from_raw(&raw).await?;
    Ok((wrapped, key))
}

/// `raw` (a data key kept without a password) wrapped under `wrapping`.
pub async fn wrap_raw(wrapping: &WrappingKey, raw: &[u8; 32]) -> Result<Vec<u8>, VaultError> {
    let subtle = subtle()?;
    let extractable = import_raw(&subtle, raw, "AES-GCM", true, &["encrypt", "decrypt"]).await?;
    wrapping.wrap(&extractable).await
}

/// The data key in `wrapped` re-wrapped under `new` (a changed password).
pub async fn rewrap(
    old: &WrappingKey,
    new: &WrappingKey,
    wrapped: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let key = old.unwrap(wrapped, true).await?;
    new.wrap(&key).await
}

/// The raw data key in `wrapped` (a removed password: the key is kept beside the data).
pub async fn unwrap_raw(
    wrapping: &WrappingKey,
    wrapped: &[u8],
) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let key = wrapping.unwrap(wrapped, true).await?;
    let subtle = subtle()?;
    let out = call(subtle.export_key("raw", &key), Op::Decrypt).await?;
    let js = Uint8Array::new(&out);
    let mut raw = Zeroizing::new([0u8; 32]);
    if js.length() != 32 {
        return Err(VaultError::Crypto(WebCryptoError::Unexpected {
            op: Op::Decrypt,
        }));
    }
    js.copy_to(&mut raw[..]);
    js.fill(0, 0, js.length());
    Ok(raw)
}

impl DataKey {
    /// The data key in `wrapped`, non-extractable.
    pub async fn unwrap(wrapping: &WrappingKey, wrapped: &[u8]) -> Result<DataKey, VaultError> {
        Ok(DataKey {
            key: wrapping.unwrap(wrapped, false).await?,
        })
    }

    /// A data key from its raw bytes (kept without a password), non-extractable.
    pub async fn from_raw(raw: &[u8; 32]) -> Result<DataKey, VaultError> {
        let subtle = subtle()?;
        let key = import_raw(&subtle, raw, "AES-GCM", false, &["encrypt", "decrypt"]).await?;
        Ok(DataKey { key })
    }

    fn params(nonce: &[u8], aad: &[u8]) -> Result<Object, WebCryptoError> {
        let params = Object::new();
        let set = |name: &str, value: &JsValue| Reflect::set(&params, &name.into(), value);
        set("name", &"AES-GCM".into())
            .and_then(|_| set("iv", &Uint8Array::from(nonce)))
            .and_then(|_| set("additionalData", &Uint8Array::from(aad)))
            .map_err(|_| WebCryptoError::Unexpected { op: Op::Encrypt })?;
        Ok(params)
    }

    /// `nonce ‖ AES-GCM(plain, aad)` under a fresh random nonce, left in JavaScript.
    pub async fn seal(&self, aad: &[u8], plain: &Uint8Array) -> Result<Uint8Array, VaultError> {
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let subtle = subtle()?;
        let promise = subtle.encrypt_with_object_and_js_u8_array(
            &Self::params(&nonce, aad)?,
            &self.key,
            plain,
        );
        let sealed = Uint8Array::new(&call(promise, Op::Encrypt).await?);
        let out = Uint8Array::new_with_length(NONCE_LEN as u32 + sealed.length());
        out.set(&Uint8Array::from(&nonce[..]), 0);
        out.set(&sealed, NONCE_LEN as u32);
        Ok(out)
    }

    /// The plaintext of [`DataKey::seal`]'s output; `None` when it does not authenticate
    /// (another key, another place, or altered bytes).
    pub async fn open(
        &self,
        aad: &[u8],
        sealed: &Uint8Array,
    ) -> Result<Option<Uint8Array>, VaultError> {
        if sealed.length() < NONCE_LEN as u32 + 16 {
            return Ok(None);
        }
        let nonce = sealed.subarray(0, NONCE_LEN as u32).to_vec();
        let body = sealed.subarray(NONCE_LEN as u32, sealed.length());
        let subtle = subtle()?;
        let promise = subtle.decrypt_with_object_and_js_u8_array(
            &Self::params(&nonce, aad)?,
            &self.key,
            &body,
        );
        let promise = promise.map_err(|_| WebCryptoError::Rejected { op: Op::Decrypt })?;
        match JsFuture::from(promise).await {
            Ok(plain) => Ok(Some(Uint8Array::new(&plain))),
            Err(_) => Ok(None),
        }
    }
}
