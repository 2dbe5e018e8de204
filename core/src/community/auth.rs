//! The four `X-SOGS-*` headers that authenticate a request to a community server
//! (messaging.md §7.4).
//!
//! The signature covers `S ‖ nonce ‖ ASCII(timestamp) ‖ METHOD ‖ path ‖ [H_64(body)]`, where
//! `path` is what the server's web framework sees: the path part percent-decoded, the query
//! string (if any) appended raw after a `?` (SOGS `sogs/routes/auth.py` and its subrequest
//! handling). Blinded requests sign with the account's blind15 key; unblinded ones with the
//! account's own Ed25519 key.
//!
//! Sans-IO: the caller passes the time in seconds and the RNG for the nonce.

use crate::crypto::blinding::{self, AccountKey, BlindingError};
use crate::crypto::ed25519;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use blake2::{Blake2b512, Digest};
use rand_core::{CryptoRng, RngCore};
use std::fmt;

/// Header carrying the sender's `15…` or `00…` key.
pub const HEADER_PUBKEY: &str = "X-SOGS-Pubkey";
/// Header carrying the request time in unix seconds.
pub const HEADER_TIMESTAMP: &str = "X-SOGS-Timestamp";
/// Header carrying the 16-byte request nonce, base64.
pub const HEADER_NONCE: &str = "X-SOGS-Nonce";
/// Header carrying the 64-byte signature, base64.
pub const HEADER_SIGNATURE: &str = "X-SOGS-Signature";

/// Prefix of an unblinded Ed25519 key in `X-SOGS-Pubkey`.
pub const UNBLINDED_PREFIX: u8 = 0x00;

/// Why request headers could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// The account key (or server key) was refused by blinding.
    Key(BlindingError),
    /// The request path does not percent-decode to UTF-8 text.
    PathNotUtf8,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Key(e) => write!(f, "cannot sign the community request: {e}"),
            Self::PathNotUtf8 => {
                f.write_str("the request path's percent-escapes do not decode to UTF-8 text")
            }
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Key(e) => Some(e),
            Self::PathNotUtf8 => None,
        }
    }
}

impl From<BlindingError> for AuthError {
    fn from(e: BlindingError) -> Self {
        Self::Key(e)
    }
}

/// Which identity a request presents (messaging.md §7.2: blinded when the server lists the
/// `blind` capability).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// `15`-blinded key and blind15 signature.
    Blinded,
    /// `00`-prefixed account Ed25519 key and ordinary Ed25519 signature.
    Unblinded,
}

/// One request as it will be sent to the server.
#[derive(Debug, Clone, Copy)]
pub struct SogsRequest<'a> {
    /// HTTP method exactly as sent, e.g. `GET`.
    pub method: &'a str,
    /// Request target as sent: path, optionally `?query`, percent-encoded as on the wire.
    pub target: &'a str,
    /// Request body bytes (empty when there is none).
    pub body: &'a [u8],
}

/// The four header values, ready to put in an HTTP request or a v4 onion `headers` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SogsAuthHeaders {
    /// `X-SOGS-Pubkey`: `15‖hex(kA)` or `00‖hex(A)`.
    pub pubkey: String,
    /// `X-SOGS-Timestamp`: unix seconds, decimal.
    pub timestamp: String,
    /// `X-SOGS-Nonce`: 16 bytes, padded base64.
    pub nonce: String,
    /// `X-SOGS-Signature`: 64 bytes, padded base64.
    pub signature: String,
}

impl SogsAuthHeaders {
    /// `(name, value)` pairs in a fixed order.
    pub fn pairs(&self) -> [(&'static str, &str); 4] {
        [
            (HEADER_PUBKEY, &self.pubkey),
            (HEADER_TIMESTAMP, &self.timestamp),
            (HEADER_NONCE, &self.nonce),
            (HEADER_SIGNATURE, &self.signature),
        ]
    }

    /// The headers as a JSON object, the shape v4 onion requests carry them in.
    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        self.pairs()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
            .collect()
    }
}

/// The path the server verifies: the path part percent-decoded to UTF-8, then `?query` as sent
/// when the query is non-empty. Malformed escapes stay literal, as Python's `unquote` leaves
/// them.
pub fn signing_path(target: &str) -> Result<String, AuthError> {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, q),
        None => (target, ""),
    };
    let mut decoded =
        String::from_utf8(percent_decode(path.as_bytes())).map_err(|_| AuthError::PathNotUtf8)?;
    if !query.is_empty() {
        decoded.push('?');
        decoded.push_str(query);
    }
    Ok(decoded)
}

fn percent_decode(input: &[u8]) -> Vec<u8> {
    fn hex_val(c: u8) -> Option<u8> {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let mut out = Vec::with_capacity(input.len());
    let mut rest = input;
    while let Some((&c, tail)) = rest.split_first() {
        if c == b'%' {
            if let [hi, lo, after @ ..] = tail {
                if let (Some(h), Some(l)) = (hex_val(*hi), hex_val(*lo)) {
                    out.push(h << 4 | l);
                    rest = after;
                    continue;
                }
            }
        }
        out.push(c);
        rest = tail;
    }
    out
}

/// The exact bytes signed: `S ‖ nonce ‖ ASCII(timestamp) ‖ METHOD ‖ path ‖ [H_64(body)]`, with
/// `signed_path` already in the form [`signing_path`] produces and the body hash present only
/// for a non-empty body.
pub fn message_to_sign(
    server_pk: &[u8; 32],
    nonce: &[u8; 16],
    timestamp_s: u64,
    method: &str,
    signed_path: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut msg = Vec::with_capacity(32 + 16 + 20 + method.len() + signed_path.len() + 64);
    msg.extend_from_slice(server_pk);
    msg.extend_from_slice(nonce);
    msg.extend_from_slice(timestamp_s.to_string().as_bytes());
    msg.extend_from_slice(method.as_bytes());
    msg.extend_from_slice(signed_path.as_bytes());
    if !body.is_empty() {
        msg.extend_from_slice(&Blake2b512::digest(body));
    }
    msg
}

/// Headers for `request` with a nonce the caller chose (tests, replays of a known vector).
/// `ed25519_sk` is the account's 32-byte seed or 64-byte libsodium secret key.
pub fn sign_request_with_nonce(
    ed25519_sk: &[u8],
    server_pk: &[u8; 32],
    mode: AuthMode,
    request: &SogsRequest<'_>,
    timestamp_s: u64,
    nonce: &[u8; 16],
) -> Result<SogsAuthHeaders, AuthError> {
    let path = signing_path(request.target)?;
    let msg = message_to_sign(
        server_pk,
        nonce,
        timestamp_s,
        request.method,
        &path,
        request.body,
    );
    let (pubkey, signature) = match mode {
        AuthMode::Blinded => {
            let pair = blinding::blind15_key_pair(ed25519_sk, server_pk)?;
            let sig = blinding::blind15_sign(ed25519_sk, server_pk, &msg)?;
            (hex::encode(pair.blind15_id()), sig)
        }
        AuthMode::Unblinded => {
            let key = AccountKey::parse(ed25519_sk)?;
            let mut id = [0u8; 33];
            id[0] = UNBLINDED_PREFIX;
            id[1..].copy_from_slice(key.public());
            (hex::encode(id), ed25519::sign(&key.signing_key(), &msg))
        }
    };
    Ok(SogsAuthHeaders {
        pubkey,
        timestamp: timestamp_s.to_string(),
        nonce: B64.encode(nonce),
        signature: B64.encode(signature),
    })
}

/// Headers for `request` at `timestamp_s` (unix seconds, network time), with a fresh 16-byte
/// nonce drawn from `rng`. `ed25519_sk` is the account's 32-byte seed or 64-byte secret key.
pub fn sign_request(
    ed25519_sk: &[u8],
    server_pk: &[u8; 32],
    mode: AuthMode,
    request: &SogsRequest<'_>,
    timestamp_s: u64,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<SogsAuthHeaders, AuthError> {
    let mut nonce = [0u8; 16];
    rng.fill_bytes(&mut nonce);
    sign_request_with_nonce(ed25519_sk, server_pk, mode, request, timestamp_s, &nonce)
}
