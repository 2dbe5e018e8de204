//! Groups v2 ("closed groups", `03…` IDs; groups-and-config.md §3), byte-compatible with the
//! official library. A group is its own swarm under its own Ed25519 key; admins hold that key,
//! members hold keys handed out in keys messages and a sub-account token to read and write.
//!
//! One concern per module, all pure:
//! - [`multi`]: multi-recipient encryption (keys messages, kick notices);
//! - [`subaccount`]: the member tokens admins issue and the signatures members make with them;
//! - [`keys`]: keys messages (full rekeys and supplements) and the keys an account holds;
//! - [`message`]: group messages (namespace 11), encrypted under the group key and signed by
//!   their sender;
//! - [`info`] and [`members`]: the data of the two signed group configs (namespaces 13, 14);
//! - [`config`]: opening and sealing those configs with the group keys and signature;
//! - [`control`]: the admin signatures of group control messages;
//! - [`kick`]: the notices that tell removed members they are out (namespace −11).
//!
//! The engine drives them: it polls the group's swarm and hands what it retrieves here.

pub mod config;
pub mod control;
pub mod info;
pub mod keys;
pub mod kick;
pub mod members;
pub mod message;
pub mod multi;
pub mod state;
pub mod subaccount;

use crate::crypto::keys::{ed25519_pk_to_x25519, ed25519_seed_to_x25519_secret};
use crate::identity::{IdPrefix, SessionId};
use ed25519_dalek::SigningKey;
use std::fmt;
use zeroize::Zeroizing;

/// Most members a group may have (the official apps' limit).
pub const MAX_MEMBERS: usize = 100;

/// Why a group object could not be read, built or used.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupError {
    /// Bytes that do not have the expected shape.
    Malformed(&'static str),
    /// An argument that breaks a rule (wrong size, wrong kind of ID, …).
    Invalid(&'static str),
    /// A key that is not a usable curve point, or one that does not match the group.
    BadKey,
    /// A signature that does not verify.
    BadSignature,
    /// None of the keys held opened it.
    Decrypt,
    /// The compressed body did not decompress within the size limit.
    Decompress,
    /// Only an admin (holder of the group's key) may do this.
    NotAdmin,
    /// No group key is held yet.
    NoKeys,
    /// A message larger than a group message may be.
    TooLarge {
        /// Its size in bytes.
        len: usize,
    },
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupError::Malformed(what) => write!(f, "malformed group data: {what}"),
            GroupError::Invalid(what) => write!(f, "invalid group input: {what}"),
            GroupError::BadKey => f.write_str("unusable or mismatched group key"),
            GroupError::BadSignature => f.write_str("group signature does not verify"),
            GroupError::Decrypt => f.write_str("no group key held opens this"),
            GroupError::Decompress => f.write_str("group message does not decompress"),
            GroupError::NotAdmin => f.write_str("only a group admin can do this"),
            GroupError::NoKeys => f.write_str("no group key is held yet"),
            GroupError::TooLarge { len } => {
                write!(f, "group message of {len} bytes is too large")
            }
        }
    }
}

impl std::error::Error for GroupError {}

/// A group's public identity: its Ed25519 key, whose `03`-prefixed hex is the group ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId([u8; 32]);

impl GroupId {
    /// The group of an Ed25519 public key.
    pub fn from_ed25519(pk: [u8; 32]) -> GroupId {
        GroupId(pk)
    }

    /// Parses `03…` (66 hex characters).
    pub fn parse(text: &str) -> Result<GroupId, GroupError> {
        let id: SessionId = text
            .trim()
            .parse()
            .map_err(|_| GroupError::Invalid("group ID"))?;
        GroupId::from_session_id(&id)
    }

    /// The group of a `03` ID.
    pub fn from_session_id(id: &SessionId) -> Result<GroupId, GroupError> {
        if id.kind() != Some(IdPrefix::Group) {
            return Err(GroupError::Invalid("a group ID starts with 03"));
        }
        Ok(GroupId(*id.key()))
    }

    /// The group's Ed25519 public key.
    pub fn ed25519(&self) -> &[u8; 32] {
        &self.0
    }

    /// The X25519 form of the group key (multi-recipient encryption runs in X25519).
    pub fn x25519(&self) -> Result<[u8; 32], GroupError> {
        ed25519_pk_to_x25519(&self.0).map_err(|_| GroupError::BadKey)
    }

    /// The `03…` Session ID.
    pub fn session_id(&self) -> SessionId {
        SessionId::from_parts(IdPrefix::Group, self.0)
    }

    /// `03…` in hex.
    pub fn to_hex(&self) -> String {
        self.session_id().to_hex()
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The group's own key pair, which makes its holder an admin.
#[derive(Clone)]
pub struct AdminKey {
    key: SigningKey,
}

impl fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminKey")
            .field("group", &self.group())
            .finish_non_exhaustive()
    }
}

impl AdminKey {
    /// The admin key of a 32-byte Ed25519 seed (as UserGroups and promotions carry it).
    pub fn from_seed(seed: &[u8; 32]) -> AdminKey {
        AdminKey {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// A new group's key pair.
    pub fn generate(rng: &mut (impl rand_core::RngCore + rand_core::CryptoRng)) -> AdminKey {
        AdminKey {
            key: SigningKey::generate(rng),
        }
    }

    /// The seed of a 32- or 64-byte secret, checked against `group` (a key that does not make
    /// the group's ID is refused, as the official library refuses it).
    pub fn for_group(secret: &[u8], group: &GroupId) -> Result<AdminKey, GroupError> {
        let seed: [u8; 32] = secret
            .get(..32)
            .filter(|_| secret.len() == 32 || secret.len() == 64)
            .and_then(|s| s.try_into().ok())
            .ok_or(GroupError::Invalid("a group secret key is 32 or 64 bytes"))?;
        let key = AdminKey::from_seed(&seed);
        if key.group() != *group {
            return Err(GroupError::BadKey);
        }
        Ok(key)
    }

    /// The group this key is.
    pub fn group(&self) -> GroupId {
        GroupId(self.key.verifying_key().to_bytes())
    }

    /// The 32-byte seed.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// The signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// Signs as the group.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        crate::crypto::ed25519::sign(&self.key, msg)
    }

    /// The X25519 secret of the group key.
    pub fn x25519_secret(&self) -> Zeroizing<[u8; 32]> {
        ed25519_seed_to_x25519_secret(&self.key.to_bytes())
    }

    /// `H_32(seed, key = tag)`: the per-group secrets admins derive (key seed, admin key, mask).
    pub(crate) fn seed_hash(&self, tag: &str) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        // Cannot fail: the output size is fixed and every tag is shorter than 64 bytes.
        let _ = crate::crypto::hash::blake2b_into(
            &mut out[..],
            tag.as_bytes(),
            &[],
            &[],
            &[self.key.as_bytes()],
        );
        out
    }
}
