//! The config layer of multi-device sync (groups-and-config.md §1, §2): small replicated
//! documents each device stores encrypted in the account's own swarm (namespaces 2–5) and
//! merges deterministically, byte-compatible with the official library.
//!
//! Layers, outer to inner, each a module of its own:
//! - [`wrap`]: the legacy protobuf wrapper of user configs (§1.12);
//! - [`encrypt`]: deterministic XChaCha20-Poly1305 with the nonce appended, and the front
//!   zero padding (§1.10, §1.11);
//! - [`compress`]: the `z` prefix and zstd (§1.9);
//! - [`multipart`]: configs too large for one message (§1.13);
//! - [`body`]: the pipeline through those layers, from serialized message to stored blob
//!   (compress → pad → encrypt, split when too large) and back;
//! - [`message`]: the serialized message, its hash, diffs, lagged diffs and the merge
//!   (§1.3–§1.8), over the data tree of [`value`];
//! - [`object`]: one config of this device: edits, pushes, confirmations, merges, dumps;
//! - the data models of §2 over the tree: [`user_profile`], [`contacts`],
//!   [`convo_info_volatile`], [`user_groups`] (with the field kinds of [`fields`]);
//! - [`bench`]: the inputs `cargo xtask bench` times merges on, natively and in the browser.
//!
//! Pure: no I/O and no clock; the engine drives it.

pub mod account;
pub mod bench;
pub mod body;
pub(crate) mod bt;
pub mod compress;
pub mod contacts;
pub mod convo_info_volatile;
pub mod encrypt;
pub mod fields;
pub mod message;
pub mod multipart;
pub mod object;
pub mod user_groups;
pub mod user_profile;
pub mod value;
pub mod wrap;

use std::fmt;

pub use account::{AccountConfigs, PendingPush, PendingStore, CONFIG_TTL_MS, USER_CONFIGS};
pub use body::{Opened, Sealed};
pub use compress::Compressor;
pub use encrypt::Domain;
pub use message::{ConfigMessage, MergeOutcome, MergeResult, MutableConfigMessage};
pub use object::{ConfigObject, ConfigState, Push};
pub use value::{Dict, Scalar, Value};

/// Why a config could not be read, built or changed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The bencoded message is malformed or breaks a rule of §1.2–§1.3.
    Malformed(&'static str),
    /// A key sorts before `#`: a future, incompatible format version.
    FutureFormat,
    /// The encrypted blob is shorter than its 40 bytes of overhead.
    TooShort {
        /// Its length.
        len: usize,
    },
    /// No key opened the blob (wrong key, wrong domain, or damaged bytes).
    Decrypt,
    /// The `z` body did not decompress, or grew past the limit.
    Decompress,
    /// After padding, the body starts with none of `d`, `z`, `m`.
    UnknownBody(u8),
    /// The protobuf wrapper is damaged, not ours, or of another config kind.
    Wrapper(&'static str),
    /// A multipart part is malformed or its parts do not add up.
    Multipart(&'static str),
    /// A signed config without a valid signature.
    Signature,
    /// None of the messages to merge could be read.
    NothingToMerge,
    /// A value does not fit its field (too long, wrong size).
    InvalidValue {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The config, even split in parts, exceeds the largest size a config can have.
    TooLarge {
        /// Its size in bytes.
        len: usize,
    },
    /// A local dump could not be read.
    Dump(&'static str),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Malformed(why) => write!(f, "malformed config message: {why}"),
            ConfigError::FutureFormat => {
                f.write_str("config message of a newer, unsupported format version")
            }
            ConfigError::TooShort { len } => {
                write!(f, "encrypted config of {len} bytes is too short")
            }
            ConfigError::Decrypt => f.write_str("config could not be decrypted"),
            ConfigError::Decompress => f.write_str("config could not be decompressed"),
            ConfigError::UnknownBody(b) => {
                write!(f, "config body starts with unknown byte 0x{b:02x}")
            }
            ConfigError::Wrapper(why) => write!(f, "config wrapper rejected: {why}"),
            ConfigError::Multipart(why) => write!(f, "multipart config rejected: {why}"),
            ConfigError::Signature => f.write_str("config signature missing or invalid"),
            ConfigError::NothingToMerge => f.write_str("no readable config to merge"),
            ConfigError::InvalidValue { field, reason } => {
                write!(f, "invalid {field}: {reason}")
            }
            ConfigError::TooLarge { len } => {
                write!(f, "config of {len} bytes is larger than a config can be")
            }
            ConfigError::Dump(why) => write!(f, "stored config dump unreadable: {why}"),
        }
    }
}

impl std::error::Error for ConfigError {}
