//! Blinded direct messages (messaging.md §7.8): what two people who know each other only by
//! their community-blinded IDs (`15…` or `25…`) send through a server's `/inbox`, made and read
//! as the official library's `encrypt_for_blinded_recipient` / `decrypt_from_blinded_recipient`
//! do:
//!
//! ```text
//! key  = BLAKE2b-32(a'·jB ‖ kA ‖ jB)        kA the sender's blinded key, jB the recipient's
//! blob = 0x00 ‖ XChaCha20-Poly1305(key, nonce, message ‖ A) ‖ nonce(24)
//! ```
//!
//! `A` is the sender's real Ed25519 key: opening a message reveals its sender's Session ID, and
//! is refused unless blinding `A` gives back the blinded ID the server named as sender. Either
//! party can open it (the sender reads its own outbox the same way).

use crate::crypto::blinding::{self, BlindingError};
use crate::crypto::ed25519::VerifyKey;
use crate::crypto::hash::blake2b_n;
use crate::identity::{IdPrefix, Identity, SessionId};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{CryptoRng, RngCore};
use std::fmt;
use zeroize::Zeroizing;

/// The version byte in front of every blinded message.
const VERSION: u8 = 0;
const NONCE: usize = 24;
const TAG: usize = 16;
/// The smallest blob that can hold a message: version, tag, nonce and the sender's key.
const MIN_BLOB: usize = 1 + TAG + NONCE + 32;

/// Why a blinded direct message could not be made or opened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DmError {
    /// An ID that is not blinded (`15…` or `25…`) where one is needed.
    NotBlinded(SessionId),
    /// The sender and recipient IDs are of different blinding kinds.
    MixedKinds,
    /// A key could not be blinded or combined.
    Blinding(BlindingError),
    /// Too short to be a blinded message.
    TooShort(usize),
    /// A version of the format we do not know.
    Version(u8),
    /// The key this account derives does not open it: not for this account (or these IDs), or
    /// damaged.
    Decrypt,
    /// The sender key inside is not a valid Ed25519 key.
    BadSenderKey,
    /// The key inside does not blind to the sender ID the server gave: someone else's message
    /// passed off as this sender's.
    SenderMismatch,
}

impl fmt::Display for DmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotBlinded(id) => write!(f, "{id} is not a blinded ID (15… or 25…)"),
            Self::MixedKinds => {
                f.write_str("the sender and recipient must both be 15-blinded or both 25-blinded")
            }
            Self::Blinding(e) => write!(f, "blinding failed: {e}"),
            Self::TooShort(n) => write!(
                f,
                "{n} bytes are too few for a blinded message (at least {MIN_BLOB})"
            ),
            Self::Version(v) => write!(f, "unknown blinded message version {v}"),
            Self::Decrypt => f.write_str(
                "the message does not open with this account's key for these IDs (not ours, or \
                 damaged)",
            ),
            Self::BadSenderKey => f.write_str("the sender key inside is not a valid Ed25519 key"),
            Self::SenderMismatch => {
                f.write_str("the key inside does not belong to the sender the server named")
            }
        }
    }
}

impl std::error::Error for DmError {}

impl From<BlindingError> for DmError {
    fn from(e: BlindingError) -> Self {
        DmError::Blinding(e)
    }
}

/// An opened blinded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedDm {
    /// The sender's real Session ID (`05…`).
    pub sender: SessionId,
    /// The message exactly as it was encrypted (a padded Content from the apps).
    pub plaintext: Vec<u8>,
    /// Whether this account sent it (an outbox copy).
    pub outgoing: bool,
}

/// Whether `id` is 25-blinded (else 15-blinded); anything else is refused.
fn is_blind25(id: &SessionId) -> Result<bool, DmError> {
    match id.kind() {
        Some(IdPrefix::Blinded15) => Ok(false),
        Some(IdPrefix::Blinded25) => Ok(true),
        _ => Err(DmError::NotBlinded(*id)),
    }
}

/// This account's own blinded ID of the given kind on a server.
pub fn own_blinded_id(
    account: &Identity,
    server_pk: &[u8; 32],
    blind25: bool,
) -> Result<SessionId, DmError> {
    let ed = account.ed25519_public();
    let (prefix, raw) = if blind25 {
        (
            IdPrefix::Blinded25,
            blinding::blind25_id_from_ed(&ed, server_pk)?,
        )
    } else {
        (
            IdPrefix::Blinded15,
            blinding::blind15_id_from_ed(&ed, server_pk)?,
        )
    };
    let mut key = [0u8; 32];
    key.copy_from_slice(&raw[1..]);
    Ok(SessionId::from_parts(prefix, key))
}

/// The message key between `ours` (this account's blinded ID) and `theirs`, with the sender's
/// key hashed first.
fn message_key(
    account: &Identity,
    server_pk: &[u8; 32],
    ours: &SessionId,
    theirs: &SessionId,
    we_send: bool,
) -> Result<Zeroizing<[u8; 32]>, DmError> {
    let blind25 = is_blind25(theirs)?;
    if is_blind25(ours)? != blind25 {
        return Err(DmError::MixedKinds);
    }
    let shared =
        blinding::dm_shared_point(&*account.ed25519_seed(), server_pk, blind25, theirs.key())?;
    let (sender, recipient) = if we_send {
        (ours, theirs)
    } else {
        (theirs, ours)
    };
    Ok(Zeroizing::new(blake2b_n::<32>(&[
        &*shared,
        sender.key(),
        recipient.key(),
    ])))
}

/// Encrypts `message` from `account` to the blinded `recipient` on the server with key
/// `server_pk`; the sender's blinded ID is of the recipient's kind.
pub fn encrypt(
    account: &Identity,
    server_pk: &[u8; 32],
    recipient: &SessionId,
    message: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, DmError> {
    let ours = own_blinded_id(account, server_pk, is_blind25(recipient)?)?;
    let key = message_key(account, server_pk, &ours, recipient, true)?;
    let mut inner = Zeroizing::new(Vec::with_capacity(message.len() + 32));
    inner.extend_from_slice(message);
    inner.extend_from_slice(&account.ed25519_public());
    let mut nonce = [0u8; NONCE];
    rng.fill_bytes(&mut nonce);
    let sealed = XChaCha20Poly1305::new((&*key).into())
        .encrypt(XNonce::from_slice(&nonce), inner.as_slice())
        .map_err(|_| DmError::Decrypt)?;
    let mut out = Vec::with_capacity(1 + sealed.len() + NONCE);
    out.push(VERSION);
    out.extend_from_slice(&sealed);
    out.extend_from_slice(&nonce);
    Ok(out)
}

/// Opens a blinded message between `sender` and `recipient` (as the server lists them) as
/// `account`, which is either of them: its recipient, or its sender reading its outbox.
pub fn decrypt(
    account: &Identity,
    server_pk: &[u8; 32],
    sender: &SessionId,
    recipient: &SessionId,
    blob: &[u8],
) -> Result<OpenedDm, DmError> {
    let blind25 = is_blind25(recipient)?;
    if is_blind25(sender)? != blind25 {
        return Err(DmError::MixedKinds);
    }
    if blob.len() < MIN_BLOB {
        return Err(DmError::TooShort(blob.len()));
    }
    let (&version, rest) = blob.split_first().ok_or(DmError::TooShort(0))?;
    if version != VERSION {
        return Err(DmError::Version(version));
    }
    let (sealed, nonce) = rest.split_at(rest.len() - NONCE);

    let ours = own_blinded_id(account, server_pk, blind25)?;
    let outgoing = ours == *sender;
    let key = if outgoing {
        message_key(account, server_pk, sender, recipient, true)?
    } else {
        message_key(account, server_pk, recipient, sender, false)?
    };
    let mut inner = Zeroizing::new(
        XChaCha20Poly1305::new((&*key).into())
            .decrypt(XNonce::from_slice(nonce), sealed)
            .map_err(|_| DmError::Decrypt)?,
    );
    let split = inner
        .len()
        .checked_sub(32)
        .ok_or(DmError::TooShort(blob.len()))?;
    let author: [u8; 32] = inner[split..]
        .try_into()
        .map_err(|_| DmError::BadSenderKey)?;

    // The key inside must be the one behind the sender ID: blind15 IDs derived from a Session
    // ID carry a sign ambiguity, so the sign-flipped form counts too.
    let claimed = if blind25 {
        blinding::blind25_id_from_ed(&author, server_pk)
    } else {
        blinding::blind15_id_from_ed(&author, server_pk)
    }
    .map_err(|_| DmError::BadSenderKey)?;
    let mut flipped = claimed;
    flipped[32] ^= 0x80;
    let named = sender.as_bytes();
    if claimed != *named && (blind25 || flipped != *named) {
        return Err(DmError::SenderMismatch);
    }
    let x25519 = VerifyKey::parse(&author)
        .and_then(|k| k.to_x25519())
        .map_err(|_| DmError::BadSenderKey)?;
    inner.truncate(split);
    Ok(OpenedDm {
        sender: SessionId::from_x25519(x25519),
        plaintext: std::mem::take(&mut *inner),
        outgoing,
    })
}
