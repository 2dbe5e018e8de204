//! The two signed group configs (Info, namespace 13; Members, namespace 14;
//! groups-and-config.md §1.8, §3.2, §3.3) through the config layer: encrypted under a group
//! key with the domains `groups::Info` / `groups::Members`, never protobuf-wrapped, and
//! signed by the group (`~`), so only admins can write them and everyone checks them.

use super::{AdminKey, GroupError, GroupId};
use crate::config::body::{self, Opened};
use crate::config::compress::Compressor;
use crate::config::encrypt::Domain;
use crate::config::message::ConfigMessage;
use crate::config::ConfigError;
use crate::crypto::ed25519::VerifyKey;

/// Which group config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupConfigKind {
    /// Name, description, avatar, timers (namespace 13).
    Info,
    /// The member list (namespace 14).
    Members,
}

impl GroupConfigKind {
    /// Its config domain.
    pub fn domain(self) -> Domain {
        match self {
            GroupConfigKind::Info => Domain::GroupInfo,
            GroupConfigKind::Members => Domain::GroupMembers,
        }
    }

    /// Its namespace in the group's swarm.
    pub fn namespace(self) -> i16 {
        self.domain().namespace()
    }
}

fn config_error(e: ConfigError) -> GroupError {
    match e {
        ConfigError::Decrypt => GroupError::Decrypt,
        ConfigError::Signature => GroupError::BadSignature,
        ConfigError::Decompress => GroupError::Decompress,
        _ => GroupError::Malformed("group config"),
    }
}

/// A check of the group's signature, for the config layer.
pub fn verifier(group: &GroupId) -> impl Fn(&[u8], &[u8; 64]) -> bool {
    let key = VerifyKey::parse(group.ed25519()).ok();
    move |msg, sig| key.as_ref().is_some_and(|k| k.verify(msg, sig).is_ok())
}

/// The group's signature, for the config layer.
pub fn signer(admin: &AdminKey) -> impl Fn(&[u8]) -> [u8; 64] + '_ {
    move |msg| admin.sign(msg)
}

/// What one stored group config blob holds once opened with the group keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedConfig {
    /// A whole config message, its group signature checked.
    Message(ConfigMessage),
    /// One part of a config too large for one message.
    Part(crate::config::multipart::Part),
}

/// Decrypts a stored blob with the first of `keys` that opens it and parses it, requiring a
/// valid group signature.
pub fn open(
    group: &GroupId,
    keys: &[[u8; 32]],
    kind: GroupConfigKind,
    blob: &[u8],
) -> Result<OpenedConfig, GroupError> {
    match body::open(blob, keys, kind.domain()).map_err(config_error)? {
        Opened::Message(bytes) => parse(group, &bytes).map(OpenedConfig::Message),
        Opened::Part(p) => Ok(OpenedConfig::Part(p)),
    }
}

/// Parses a serialized group config, requiring the group's signature.
pub fn parse(group: &GroupId, serialized: &[u8]) -> Result<ConfigMessage, GroupError> {
    let verify = verifier(group);
    ConfigMessage::parse(serialized, Some(&verify)).map_err(config_error)
}

/// The blobs to store for a serialized (signed) config under `key`.
pub fn seal(
    serialized: &[u8],
    key: &[u8; 32],
    kind: GroupConfigKind,
    compressor: Option<&dyn Compressor>,
) -> Result<Vec<Vec<u8>>, GroupError> {
    body::seal(serialized, key, kind.domain(), compressor)
        .map(body::Sealed::into_messages)
        .map_err(config_error)
}
