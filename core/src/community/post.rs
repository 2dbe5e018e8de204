//! Community posts (messaging.md §7.7): the padded `Content` a room stores in the clear, and
//! the signature over it that proves its author.
//!
//! A server that blinds takes posts signed with the author's blind15 key (the `15…` ID the post
//! is listed under); one that does not takes them signed with XEd25519 under the author's
//! Session ID. Either way the signature covers the padded bytes exactly as posted, which the
//! server gives back unchanged.

use super::auth::AuthMode;
use super::url::ServerKey;
use crate::crypto::blinding::{self, BlindingError};
use crate::crypto::ed25519::VerifyKey;
use crate::crypto::xed25519;
use crate::identity::{IdPrefix, Identity, SessionId};
use crate::message::padding;
use rand_core::{CryptoRng, RngCore};
use std::fmt;

/// Why a post could not be signed or its signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PostError {
    /// The account's key could not be blinded for this server.
    Blinding(BlindingError),
    /// The signature is not the author's.
    BadSignature,
    /// The author's ID is of a kind that cannot post (`03`, `07`).
    AuthorKind(SessionId),
}

impl fmt::Display for PostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Blinding(e) => write!(f, "cannot blind the account for this server: {e}"),
            Self::BadSignature => f.write_str("the post's signature is not its author's"),
            Self::AuthorKind(id) => write!(f, "{id} is not an ID that posts in communities"),
        }
    }
}

impl std::error::Error for PostError {}

/// A post ready for `POST /room/<token>/message`: the bytes to send as `data` and their
/// `signature` (both base64 on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPost {
    /// The padded Content.
    pub data: Vec<u8>,
    /// The author's signature over `data`.
    pub signature: [u8; 64],
}

/// Pads a serialized `Content` and signs it as `account` posting on the server with key
/// `server` (blind15 when it blinds; XEd25519 otherwise).
pub fn sign(
    account: &Identity,
    server: &ServerKey,
    mode: AuthMode,
    content: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<SignedPost, PostError> {
    let data = padding::pad(content);
    let signature = match mode {
        AuthMode::Blinded => {
            blinding::blind15_sign(&*account.ed25519_seed(), server.as_bytes(), &data)
                .map_err(PostError::Blinding)?
        }
        AuthMode::Unblinded => xed25519::sign(account.x25519_secret(), &data, rng),
    };
    Ok(SignedPost { data, signature })
}

/// [`sign`] for a Content, serialized here.
pub fn sign_content(
    account: &Identity,
    server: &ServerKey,
    mode: AuthMode,
    content: &crate::proto::session::Content,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<SignedPost, PostError> {
    use prost::Message as _;
    sign(account, server, mode, &content.encode_to_vec(), rng)
}

/// Checks that `signature` over the posted `data` is `author`'s: an Ed25519 signature under
/// the key of a blinded (`15`, `25`) or unblinded (`00`) ID, or an XEd25519 one for a `05`
/// Session ID.
pub fn verify(author: &SessionId, data: &[u8], signature: &[u8; 64]) -> Result<(), PostError> {
    let ok = match author.kind() {
        Some(IdPrefix::Blinded15 | IdPrefix::Blinded25 | IdPrefix::Unblinded) => {
            VerifyKey::parse(author.key()).and_then(|k| k.verify(data, signature))
        }
        Some(IdPrefix::Standard) => xed25519::verify(signature, author.key(), data),
        _ => return Err(PostError::AuthorKind(*author)),
    };
    ok.map_err(|_| PostError::BadSignature)
}

/// The serialized `Content` inside posted data (both padding styles removed).
pub fn content(data: &[u8]) -> &[u8] {
    padding::unpad(data)
}
