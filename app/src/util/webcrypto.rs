//! Thin async wrappers over WebCrypto (`crypto.subtle`): SHA-256, HMAC-SHA256, AES-256-CBC and
//! AES-256-GCM.
//!
//! `crypto` is read from `js_sys::global()`, so the same code runs in a window and in a worker.
//! WebCrypto runs its operations off the calling thread; the cost left on it is copying bytes
//! between wasm memory and JavaScript. Data reaches JavaScript as a copy (`Uint8Array::from`),
//! never as a view into wasm memory, which a growing heap would detach across an `await`.
//!
//! Every function has a `_js` form over `Uint8Array`s already in JavaScript, so a caller that
//! chains operations on megabytes copies them into JavaScript once.

use js_sys::{Array, ArrayBuffer, Promise, Reflect, Uint8Array};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesCbcParams, Algorithm, CryptoKey, HmacImportParams, SubtleCrypto};

/// The WebCrypto call that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Op {
    /// `digest`.
    Digest,
    /// `importKey`.
    ImportKey,
    /// `sign`.
    Sign,
    /// `encrypt`.
    Encrypt,
    /// `decrypt`.
    Decrypt,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Digest => "digest",
            Op::ImportKey => "importKey",
            Op::Sign => "sign",
            Op::Encrypt => "encrypt",
            Op::Decrypt => "decrypt",
        })
    }
}

/// Why a WebCrypto operation gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebCryptoError {
    /// There is no `crypto.subtle` here (an insecure context, or no WebCrypto at all).
    Unavailable,
    /// AES-CBC decryption refused the ciphertext. The key (32 bytes) and IV (16 bytes) are
    /// valid by their types, so WebCrypto refuses only a ciphertext that is not whole blocks
    /// or whose PKCS#7 padding is wrong; which call failed decides this, not the error's text.
    BadPadding,
    /// WebCrypto refused the call for another reason (out of memory, a browser bug).
    Rejected {
        /// The call.
        op: Op,
    },
    /// WebCrypto answered with something other than the bytes expected.
    Unexpected {
        /// The call.
        op: Op,
    },
}

impl fmt::Display for WebCryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebCryptoError::Unavailable => {
                f.write_str("WebCrypto is not available here (crypto.subtle is missing)")
            }
            WebCryptoError::BadPadding => {
                f.write_str("AES-CBC decryption failed: the ciphertext's padding is wrong")
            }
            WebCryptoError::Rejected { op } => write!(f, "WebCrypto refused {op}"),
            WebCryptoError::Unexpected { op } => write!(f, "WebCrypto's {op} gave no bytes"),
        }
    }
}

impl std::error::Error for WebCryptoError {}

/// `crypto.subtle` of this window or worker. Read through `Reflect` because web-sys's
/// `Crypto::subtle` assumes the member exists, and it does not outside secure contexts.
pub fn subtle() -> Result<SubtleCrypto, WebCryptoError> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .map_err(|_| WebCryptoError::Unavailable)?;
    if !crypto.is_object() {
        return Err(WebCryptoError::Unavailable);
    }
    Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .map_err(|_| WebCryptoError::Unavailable)?
        .dyn_into::<SubtleCrypto>()
        .map_err(|_| WebCryptoError::Unavailable)
}

/// Whether WebCrypto can be used here.
pub fn available() -> bool {
    subtle().is_ok()
}

/// Awaits a call's promise; `on_reject` is the error of a rejected one.
async fn settle(
    call: Result<Promise, JsValue>,
    op: Op,
    on_reject: WebCryptoError,
) -> Result<JsValue, WebCryptoError> {
    let promise = call.map_err(|_| WebCryptoError::Rejected { op })?;
    JsFuture::from(promise).await.map_err(|_| on_reject)
}

/// The bytes of an operation's `ArrayBuffer` result, still in JavaScript.
fn bytes_of(value: JsValue, op: Op) -> Result<Uint8Array, WebCryptoError> {
    value
        .dyn_into::<ArrayBuffer>()
        .map(|b| Uint8Array::new(&b))
        .map_err(|_| WebCryptoError::Unexpected { op })
}

/// A 32-byte result (a SHA-256 digest or an HMAC-SHA256 tag) into wasm memory.
fn array32(value: JsValue, op: Op) -> Result<[u8; 32], WebCryptoError> {
    let bytes = bytes_of(value, op)?;
    if bytes.length() != 32 {
        return Err(WebCryptoError::Unexpected { op });
    }
    let mut out = [0u8; 32];
    bytes.copy_to(&mut out);
    Ok(out)
}

/// Imports raw key bytes, not extractable, for the one `usage`. The JavaScript copy of the
/// key is wiped once WebCrypto has taken its own.
async fn import_key(
    subtle: &SubtleCrypto,
    key: &[u8],
    algorithm: &js_sys::Object,
    usage: &str,
) -> Result<CryptoKey, WebCryptoError> {
    let op = Op::ImportKey;
    let raw = Uint8Array::from(key);
    let usages = Array::of1(&JsValue::from_str(usage));
    let call = subtle.import_key_with_object("raw", &raw, algorithm, false, &usages);
    // importKey copies the key data before it returns.
    raw.fill(0, 0, raw.length());
    settle(call, op, WebCryptoError::Rejected { op })
        .await?
        .dyn_into::<CryptoKey>()
        .map_err(|_| WebCryptoError::Unexpected { op })
}

async fn aes_key(
    subtle: &SubtleCrypto,
    key: &[u8; 32],
    usage: &str,
) -> Result<CryptoKey, WebCryptoError> {
    import_key(subtle, key, &Algorithm::new("AES-CBC"), usage).await
}

fn aes_params(iv: &[u8; 16]) -> AesCbcParams {
    AesCbcParams::new_with_u8_array("AES-CBC", &Uint8Array::from(&iv[..]))
}

/// SHA-256 of bytes already in JavaScript.
pub async fn sha256_js(data: &Uint8Array) -> Result<[u8; 32], WebCryptoError> {
    let op = Op::Digest;
    let subtle = subtle()?;
    let call = subtle.digest_with_str_and_js_u8_array("SHA-256", data);
    array32(settle(call, op, WebCryptoError::Rejected { op }).await?, op)
}

/// SHA-256 of `data`.
pub async fn sha256(data: &[u8]) -> Result<[u8; 32], WebCryptoError> {
    sha256_js(&Uint8Array::from(data)).await
}

/// HMAC-SHA256 under `key` of bytes already in JavaScript.
pub async fn hmac_sha256_js(key: &[u8], data: &Uint8Array) -> Result<[u8; 32], WebCryptoError> {
    let subtle = subtle()?;
    let params = HmacImportParams::new_with_str("HMAC", "SHA-256");
    let key = import_key(&subtle, key, &params, "sign").await?;
    let op = Op::Sign;
    let call = subtle.sign_with_str_and_js_u8_array("HMAC", &key, data);
    array32(settle(call, op, WebCryptoError::Rejected { op }).await?, op)
}

/// HMAC-SHA256 under `key` (any length; HMAC pads or hashes it as the standard says).
pub async fn hmac_sha256(key: &[u8], data: &[u8]) -> Result<[u8; 32], WebCryptoError> {
    hmac_sha256_js(key, &Uint8Array::from(data)).await
}

/// AES-256-CBC encryption of bytes already in JavaScript; the result stays there.
pub async fn aes_cbc_encrypt_js(
    key: &[u8; 32],
    iv: &[u8; 16],
    plain: &Uint8Array,
) -> Result<Uint8Array, WebCryptoError> {
    let subtle = subtle()?;
    let key = aes_key(&subtle, key, "encrypt").await?;
    let op = Op::Encrypt;
    let call = subtle.encrypt_with_object_and_js_u8_array(&aes_params(iv), &key, plain);
    bytes_of(settle(call, op, WebCryptoError::Rejected { op }).await?, op)
}

/// AES-256-CBC encryption of `plain`, which WebCrypto pads with PKCS#7.
pub async fn aes_cbc_encrypt(
    key: &[u8; 32],
    iv: &[u8; 16],
    plain: &[u8],
) -> Result<Vec<u8>, WebCryptoError> {
    let js = Uint8Array::from(plain);
    let out = aes_cbc_encrypt_js(key, iv, &js).await;
    // encrypt copied its input when called: the JavaScript copy of the plaintext goes now.
    js.fill(0, 0, js.length());
    Ok(out?.to_vec())
}

/// AES-256-CBC decryption of bytes already in JavaScript; the plaintext, its PKCS#7 padding
/// removed, stays there. A wrong padding is [`WebCryptoError::BadPadding`].
pub async fn aes_cbc_decrypt_js(
    key: &[u8; 32],
    iv: &[u8; 16],
    ciphertext: &Uint8Array,
) -> Result<Uint8Array, WebCryptoError> {
    let subtle = subtle()?;
    let key = aes_key(&subtle, key, "decrypt").await?;
    let op = Op::Decrypt;
    let call = subtle.decrypt_with_object_and_js_u8_array(&aes_params(iv), &key, ciphertext);
    bytes_of(settle(call, op, WebCryptoError::BadPadding).await?, op)
}

/// AES-256-CBC decryption of `ciphertext`; a wrong padding is [`WebCryptoError::BadPadding`].
pub async fn aes_cbc_decrypt(
    key: &[u8; 32],
    iv: &[u8; 16],
    ciphertext: &[u8],
) -> Result<Vec<u8>, WebCryptoError> {
    let plain = aes_cbc_decrypt_js(key, iv, &Uint8Array::from(ciphertext)).await?;
    let out = plain.to_vec();
    plain.fill(0, 0, plain.length());
    Ok(out)
}

/// The parameters of an AES-GCM call with a 12-byte IV and a 128-bit tag, as a plain object
/// (`{name, iv}`: the tag length is WebCrypto's default).
fn gcm_params(iv: &[u8; 12]) -> Result<js_sys::Object, WebCryptoError> {
    let params = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| Reflect::set(&params, &JsValue::from_str(name), value);
    let iv = Uint8Array::from(&iv[..]);
    set("name", &JsValue::from_str("AES-GCM"))
        .and_then(|_| set("iv", &iv))
        .map_err(|_| WebCryptoError::Unexpected { op: Op::ImportKey })?;
    Ok(params)
}

/// AES-256-GCM encryption of `plain` without associated data: the ciphertext with its
/// 16-byte tag appended, as WebCrypto lays it out (the avatars' layout, messaging.md §6.6).
pub async fn aes_gcm_encrypt(
    key: &[u8; 32],
    iv: &[u8; 12],
    plain: &[u8],
) -> Result<Vec<u8>, WebCryptoError> {
    let subtle = subtle()?;
    let key = import_key(&subtle, key, &Algorithm::new("AES-GCM"), "encrypt").await?;
    let op = Op::Encrypt;
    let js = Uint8Array::from(plain);
    let call = subtle.encrypt_with_object_and_js_u8_array(&gcm_params(iv)?, &key, &js);
    // encrypt copied its input when called: the JavaScript copy of the plaintext goes now.
    js.fill(0, 0, js.length());
    Ok(bytes_of(settle(call, op, WebCryptoError::Rejected { op }).await?, op)?.to_vec())
}

/// AES-256-GCM decryption of `sealed` (ciphertext ‖ 16-byte tag); a tag that does not verify
/// (or input shorter than a tag) is [`WebCryptoError::Rejected`] of `decrypt`.
pub async fn aes_gcm_decrypt(
    key: &[u8; 32],
    iv: &[u8; 12],
    sealed: &[u8],
) -> Result<Vec<u8>, WebCryptoError> {
    let subtle = subtle()?;
    let key = import_key(&subtle, key, &Algorithm::new("AES-GCM"), "decrypt").await?;
    let op = Op::Decrypt;
    let call = subtle.decrypt_with_object_and_js_u8_array(
        &gcm_params(iv)?,
        &key,
        &Uint8Array::from(sealed),
    );
    let plain = bytes_of(settle(call, op, WebCryptoError::Rejected { op }).await?, op)?;
    let out = plain.to_vec();
    plain.fill(0, 0, plain.length());
    Ok(out)
}
