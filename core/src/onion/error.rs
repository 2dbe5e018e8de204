//! The one error type of the onion module.

use std::fmt;

/// Why onion bytes could not be built, parsed or decrypted.
///
/// A service node answers a failed [`peel`](super::peel) with 400 `Invalid ciphertext` when
/// [`OnionError::is_ciphertext_error`] is true and with 400 `Error parsing onion request: <error>`
/// otherwise; a failed [`route`](super::route) becomes the encrypted `Invalid json` reply.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnionError {
    /// Fewer than the 4 bytes of the length prefix.
    MissingLength {
        /// How many bytes there were.
        len: usize,
    },
    /// The length prefix names more bytes than follow it.
    BlobTruncated {
        /// The length the prefix declared.
        declared: u32,
        /// The bytes actually available after the prefix.
        available: usize,
    },
    /// The JSON part is not a JSON object.
    InvalidJson(String),
    /// A required JSON key is absent.
    MissingField(&'static str),
    /// A JSON key has the wrong type or format.
    InvalidField {
        /// The key.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// An `enc_type` name no implementation knows.
    UnknownEncType(String),
    /// The request is larger than a node accepts (10 MiB).
    TooLarge {
        /// Its size in bytes.
        len: usize,
    },
    /// The ciphertext is shorter than its nonce and tag.
    CiphertextTooShort {
        /// Its length.
        len: usize,
        /// The least length the suite can decrypt.
        min: usize,
    },
    /// Authentication failed: wrong key, wrong suite or altered bytes.
    DecryptionFailed,
    /// The peer's X25519 key is of low order (the shared secret would be zero).
    WeakKey,
    /// An onion path needs at least one hop.
    EmptyPath,
    /// The reply body is not valid base64.
    InvalidBase64,
    /// A decrypted reply does not have the expected shape.
    InvalidReply(String),
    /// Malformed bencoded data.
    Bencode(String),
    /// A decoded v4 request or response does not have the expected shape.
    InvalidV4(String),
}

impl OnionError {
    /// True when the failure is cryptographic (a node answers `Invalid ciphertext`), false when
    /// the bytes were malformed before any decryption was attempted.
    pub fn is_ciphertext_error(&self) -> bool {
        matches!(
            self,
            OnionError::CiphertextTooShort { .. }
                | OnionError::DecryptionFailed
                | OnionError::WeakKey
        )
    }

    pub(crate) fn field(field: &'static str, reason: impl Into<String>) -> Self {
        OnionError::InvalidField {
            field,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for OnionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnionError::MissingLength { len } => write!(
                f,
                "payload of {len} bytes is too short for its 4-byte length prefix"
            ),
            OnionError::BlobTruncated {
                declared,
                available,
            } => write!(
                f,
                "payload declares {declared} bytes of ciphertext but only {available} follow"
            ),
            OnionError::InvalidJson(e) => write!(f, "invalid JSON: {e}"),
            OnionError::MissingField(k) => write!(f, "JSON has no '{k}' entry"),
            OnionError::InvalidField { field, reason } => write!(f, "invalid '{field}': {reason}"),
            OnionError::UnknownEncType(t) => write!(f, "unknown encryption type '{t}'"),
            OnionError::TooLarge { len } => {
                write!(f, "onion request of {len} bytes exceeds the 10 MiB limit")
            }
            OnionError::CiphertextTooShort { len, min } => write!(
                f,
                "ciphertext of {len} bytes is too short (at least {min} needed)"
            ),
            OnionError::DecryptionFailed => f.write_str("decryption failed"),
            OnionError::WeakKey => f.write_str("the X25519 key is of low order"),
            OnionError::EmptyPath => f.write_str("an onion path needs at least one hop"),
            OnionError::InvalidBase64 => f.write_str("reply is not valid base64"),
            OnionError::InvalidReply(e) => write!(f, "invalid onion reply: {e}"),
            OnionError::Bencode(e) => write!(f, "invalid bencoding: {e}"),
            OnionError::InvalidV4(e) => write!(f, "invalid v4 onion message: {e}"),
        }
    }
}

impl std::error::Error for OnionError {}
