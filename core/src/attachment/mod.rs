//! Attachments as the official apps encrypt them (messaging.md §6). The file travels to a file
//! server encrypted; the message carries a pointer with the key. Two schemes are in use and
//! receivers must read both: the legacy AES-256-CBC + HMAC-SHA256 one ([`legacy`]), which the
//! official apps still send by default, and libsession's deterministic stream scheme
//! ([`deterministic`]).
//!
//! Pure functions over bytes: uploading and downloading are the engine's, through onion v4.

pub mod avatar;
pub mod content_type;
pub mod deterministic;
pub mod file_name;
pub mod file_server;
pub mod legacy;
pub mod pointer;
pub mod url;

use std::fmt;

/// The largest attachment the file server takes through onion requests (bytes of the file,
/// before encryption), as the official apps enforce it.
pub const MAX_ATTACHMENT_BYTES: usize = 10_000_000;

/// Why an attachment cannot be encrypted or opened. Nothing is kept of a file that fails.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachmentError {
    /// The file is larger than [`MAX_ATTACHMENT_BYTES`].
    TooLarge {
        /// Its size.
        size: usize,
    },
    /// The pointer's key has the wrong length for the scheme.
    BadKey {
        /// Its length.
        len: usize,
    },
    /// The downloaded blob is shorter than the scheme's framing, or not a whole number of
    /// cipher blocks.
    Truncated {
        /// Its length.
        len: usize,
    },
    /// The pointer has no digest, which the legacy scheme requires.
    MissingDigest,
    /// The blob's SHA-256 is not the pointer's digest.
    DigestMismatch,
    /// The blob's MAC does not verify: it was changed or the key is wrong.
    BadMac,
    /// The decrypted data is malformed (its padding).
    BadPadding,
    /// The blob is in no format this client knows.
    UnknownFormat,
    /// The decrypted file is shorter than the size the pointer gives.
    SizeMismatch {
        /// The pointer's size.
        expected: usize,
        /// What was decrypted.
        got: usize,
    },
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachmentError::TooLarge { size } => write!(
                f,
                "the file is {size} bytes; attachments can be at most {MAX_ATTACHMENT_BYTES} bytes"
            ),
            AttachmentError::BadKey { len } => {
                write!(
                    f,
                    "the attachment's key has {len} bytes, which fits no scheme"
                )
            }
            AttachmentError::Truncated { len } => {
                write!(f, "the attachment is cut short ({len} bytes arrived)")
            }
            AttachmentError::MissingDigest => {
                f.write_str("the attachment came without the digest that proves it intact")
            }
            AttachmentError::DigestMismatch => {
                f.write_str("the attachment's digest does not match: it was changed on the way")
            }
            AttachmentError::BadMac => f.write_str(
                "the attachment does not authenticate: it was changed or the key is wrong",
            ),
            AttachmentError::BadPadding => f.write_str("the decrypted attachment is malformed"),
            AttachmentError::UnknownFormat => {
                f.write_str("the attachment is in a format this version cannot read")
            }
            AttachmentError::SizeMismatch { expected, got } => write!(
                f,
                "the attachment should have {expected} bytes but only {got} were decrypted"
            ),
        }
    }
}

impl std::error::Error for AttachmentError {}
