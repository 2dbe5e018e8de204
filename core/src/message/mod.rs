//! 1:1 message layer (messaging.md §2, §3): padding, sign-and-seal for a recipient, Envelope
//! and WebSocket wrapping, and the way back to a verified, typed incoming message.
//!
//! Sending: [`encode_for_recipient`] gives the bytes whose base64 is a `store` request's `data`.
//! Receiving: [`decode_incoming`] takes the base64-decoded `data` of a retrieved item.
//! Building what is sent: [`compose`]; the rules of our inbox (sync copies, unsends,
//! duplicates): [`receive`].

pub mod compose;
pub mod content;
pub mod control;
pub mod encrypt;
pub mod envelope;
pub mod expiration;
pub mod padding;
pub mod profile;
pub mod quote;
pub mod reaction;
pub mod receive;
pub mod reference;

pub use content::{decode_content, encode_content};
pub use encrypt::{
    decrypt_incoming, encrypt_for_recipient, encrypt_for_recipient_deterministic,
    sign_for_recipient, DecryptedMessage,
};
pub use envelope::{
    decode_envelope, decoy_pro_sig, session_envelope, unwrap_websocket, wrap_websocket,
};
pub use padding::{pad, unpad};
pub use reference::{MessageRef, ReferenceError};

use crate::crypto::CryptoError;
use crate::identity::{Identity, SessionId, SessionIdError};
use crate::proto::session::Content;
use prost::Message;
use rand_core::{CryptoRng, RngCore};
use std::fmt;

/// Why a message could not be built or read.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// The recipient is not a `05` account.
    Recipient(SessionIdError),
    /// A cryptographic failure while building a message (e.g. an unusable recipient key).
    Crypto(CryptoError),
    /// Too short to be a sealed message.
    TooShort {
        /// Its length in bytes.
        got: usize,
    },
    /// Not sealed to our key, or altered.
    Decryption,
    /// The sender's signature does not verify.
    BadSignature,
    /// The sender's Ed25519 key has no X25519 equivalent.
    BadSenderKey,
    /// A protobuf that does not parse.
    Malformed {
        /// Which message.
        what: &'static str,
        /// What the parser said.
        reason: prost::DecodeError,
    },
    /// A field the message cannot do without.
    MissingField(&'static str),
    /// `Envelope.source` that is neither empty nor a 66-character hex id.
    InvalidSource,
    /// `Envelope.proSig` of the wrong length.
    InvalidProSig {
        /// Its length in bytes.
        len: usize,
    },
    /// A message in a newer protocol version (Session Protocol v2) this client cannot read.
    UnsupportedVersion,
    /// `Content.sigTimestamp` differs from the envelope's timestamp.
    TimestampMismatch {
        /// `Envelope.timestamp`.
        envelope: u64,
        /// `Content.sigTimestamp`.
        signed: u64,
    },
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageError::Recipient(e) => write!(f, "cannot send to this recipient: {e}"),
            MessageError::Crypto(e) => write!(f, "cannot encrypt the message: {e}"),
            MessageError::TooShort { got } => {
                write!(f, "too short to be an encrypted message ({got} bytes)")
            }
            MessageError::Decryption => {
                f.write_str("the message is not encrypted for this account, or was altered")
            }
            MessageError::BadSignature => f.write_str("the sender's signature does not verify"),
            MessageError::BadSenderKey => {
                f.write_str("the sender's key is not a valid account key")
            }
            MessageError::Malformed { what, reason } => write!(f, "malformed {what}: {reason}"),
            MessageError::MissingField(field) => write!(f, "the message has no {field}"),
            MessageError::InvalidSource => {
                f.write_str("the envelope's source is not a valid Session ID")
            }
            MessageError::InvalidProSig { len } => {
                write!(
                    f,
                    "the envelope's Pro signature has {len} bytes instead of 64"
                )
            }
            MessageError::UnsupportedVersion => {
                f.write_str("the message uses a newer protocol version that is not supported")
            }
            MessageError::TimestampMismatch { envelope, signed } => write!(
                f,
                "the signed timestamp {signed} does not match the envelope's {envelope}"
            ),
        }
    }
}

impl std::error::Error for MessageError {}

/// A verified incoming 1:1 message.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingMessage {
    /// Sender's `05` Session ID, from the key that signed the message.
    pub sender: SessionId,
    /// Sender's Ed25519 public key.
    pub sender_ed25519: [u8; 32],
    /// The message's sent time T (ms): its identity together with the sender.
    pub timestamp_ms: u64,
    /// The decoded Content.
    pub content: Content,
}

/// Builds a 1:1 message as libsession's `encode_for_1o1` does: Content (with `sigTimestamp`
/// set to `timestamp_ms`) padded, signed and sealed for `recipient`, in an Envelope with a decoy
/// Pro signature, in a WebSocketMessage. The result, base64-encoded, is the `data` to store in
/// the recipient's swarm (namespace 0).
pub fn encode_for_recipient(
    sender: &Identity,
    recipient: &SessionId,
    content: &Content,
    timestamp_ms: u64,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, MessageError> {
    let mut content = content.clone();
    content.sig_timestamp = Some(timestamp_ms);
    // A typing indicator repeats T inside (receivers drop it when the two differ).
    if let Some(t) = content.typing_message.as_mut() {
        t.timestamp = timestamp_ms;
    }
    let padded = encode_content(&content);
    let sealed = encrypt_for_recipient(sender, recipient, &padded, rng)?;
    let pro_sig = decoy_pro_sig(rng);
    let env = session_envelope(timestamp_ms, sealed, Some(pro_sig));
    Ok(wrap_websocket(env.encode_to_vec()))
}

/// Reads a stored 1:1 message (the base64-decoded `data` of a retrieved item): unwraps it,
/// opens and verifies it with our keys, unpads and parses the Content, and checks that the
/// signed timestamp (when present) equals the envelope's.
pub fn decode_incoming(our: &Identity, bytes: &[u8]) -> Result<IncomingMessage, MessageError> {
    let env_bytes = unwrap_websocket(bytes)?;
    let env = decode_envelope(&env_bytes)?;
    let sealed = env
        .content
        .ok_or(MessageError::MissingField("Envelope.content"))?;
    let opened = decrypt_incoming(our, &sealed)?;
    let content = decode_content(&opened.plaintext)?;
    if let Some(signed) = content.sig_timestamp {
        if signed != env.timestamp {
            return Err(MessageError::TimestampMismatch {
                envelope: env.timestamp,
                signed,
            });
        }
    }
    Ok(IncomingMessage {
        sender: opened.sender,
        sender_ed25519: opened.sender_ed25519,
        timestamp_ms: env.timestamp,
        content,
    })
}
