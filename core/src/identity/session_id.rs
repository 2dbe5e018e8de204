//! Session IDs and the other 33-byte prefixed identifiers (messaging.md §1.4).

use std::fmt;
use std::str::FromStr;

/// What the first byte of a 33-byte identifier says about the key behind it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdPrefix {
    /// `00`: a plain Ed25519 key (community servers that do not require blinding).
    Unblinded,
    /// `03`: a groups-v2 Ed25519 group key.
    Group,
    /// `05`: a standard account; the key is X25519.
    Standard,
    /// `07`: the file server's version-check blinded key.
    VersionBlinded,
    /// `15`: a community-blinded Ed25519 key ("blind15").
    Blinded15,
    /// `25`: a community-blinded Ed25519 key ("blind25").
    Blinded25,
}

impl IdPrefix {
    /// The prefix byte.
    pub fn byte(self) -> u8 {
        match self {
            IdPrefix::Unblinded => 0x00,
            IdPrefix::Group => 0x03,
            IdPrefix::Standard => 0x05,
            IdPrefix::VersionBlinded => 0x07,
            IdPrefix::Blinded15 => 0x15,
            IdPrefix::Blinded25 => 0x25,
        }
    }

    /// The prefix for a byte, if it is one the protocol uses.
    pub fn from_byte(b: u8) -> Option<IdPrefix> {
        Some(match b {
            0x00 => IdPrefix::Unblinded,
            0x03 => IdPrefix::Group,
            0x05 => IdPrefix::Standard,
            0x07 => IdPrefix::VersionBlinded,
            0x15 => IdPrefix::Blinded15,
            0x25 => IdPrefix::Blinded25,
            _ => return None,
        })
    }
}

/// Why a text is not a Session ID.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionIdError {
    /// Not 66 characters long (`got` counts bytes of the input).
    Length {
        /// The input's length.
        got: usize,
    },
    /// A character that is not a hexadecimal digit.
    NotHex {
        /// Position of the first bad character.
        index: usize,
    },
    /// The first byte is not a prefix the protocol uses.
    UnknownPrefix(u8),
    /// A valid identifier of another kind where a `05` account ID was needed.
    NotStandard(u8),
}

impl fmt::Display for SessionIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionIdError::Length { got } => write!(
                f,
                "a Session ID is 66 hexadecimal characters, this one has {got}"
            ),
            SessionIdError::NotHex { index } => write!(
                f,
                "a Session ID contains only hexadecimal digits (character {} is not one)",
                index + 1
            ),
            SessionIdError::UnknownPrefix(p) => {
                write!(f, "a Session ID cannot start with {p:02x}")
            }
            SessionIdError::NotStandard(p) => write!(
                f,
                "expected an account Session ID starting with 05, got one starting with {p:02x}"
            ),
        }
    }
}

impl std::error::Error for SessionIdError {}

/// A prefixed 33-byte identifier: the prefix byte then a 32-byte public key. Usually a `05`
/// account ID (prefix + X25519 key); parsing also accepts the other prefixes of
/// [`IdPrefix`], so check [`SessionId::kind`] where only accounts make sense.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId([u8; 33]);

impl SessionId {
    /// The `05` account ID of an X25519 public key.
    pub fn from_x25519(pk: [u8; 32]) -> SessionId {
        SessionId::from_parts(IdPrefix::Standard, pk)
    }

    /// An identifier from its prefix and key.
    pub fn from_parts(prefix: IdPrefix, key: [u8; 32]) -> SessionId {
        let mut raw = [0u8; 33];
        raw[0] = prefix.byte();
        raw[1..].copy_from_slice(&key);
        SessionId(raw)
    }

    /// An identifier from its 33 raw bytes; the prefix must be one of [`IdPrefix`].
    pub fn from_bytes(raw: [u8; 33]) -> Result<SessionId, SessionIdError> {
        match IdPrefix::from_byte(raw[0]) {
            Some(_) => Ok(SessionId(raw)),
            None => Err(SessionIdError::UnknownPrefix(raw[0])),
        }
    }

    /// Parses a `05` account ID, rejecting the blinded and group kinds.
    pub fn parse_standard(text: &str) -> Result<SessionId, SessionIdError> {
        let id: SessionId = text.parse()?;
        id.require_standard()
    }

    /// This identifier if it is a `05` account ID.
    pub fn require_standard(self) -> Result<SessionId, SessionIdError> {
        if self.is_standard() {
            Ok(self)
        } else {
            Err(SessionIdError::NotStandard(self.prefix()))
        }
    }

    /// The prefix byte.
    pub fn prefix(&self) -> u8 {
        self.0[0]
    }

    /// The prefix as a kind (always known: construction rejects unknown prefixes).
    pub fn kind(&self) -> Option<IdPrefix> {
        IdPrefix::from_byte(self.0[0])
    }

    /// Whether this is a `05` account ID.
    pub fn is_standard(&self) -> bool {
        self.0[0] == IdPrefix::Standard.byte()
    }

    /// The 32-byte key after the prefix (X25519 for `05` IDs, Ed25519 for the others).
    pub fn key(&self) -> &[u8; 32] {
        let [_, key @ ..] = &self.0;
        key
    }

    /// All 33 bytes, prefix first.
    pub fn as_bytes(&self) -> &[u8; 33] {
        &self.0
    }

    /// Lowercase hex, 66 characters.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl FromStr for SessionId {
    type Err = SessionIdError;

    fn from_str(text: &str) -> Result<SessionId, SessionIdError> {
        if text.len() != 66 {
            return Err(SessionIdError::Length { got: text.len() });
        }
        let mut raw = [0u8; 33];
        if let Err(e) = hex::decode_to_slice(text, &mut raw) {
            let index = match e {
                hex::FromHexError::InvalidHexCharacter { index, .. } => index,
                _ => 0,
            };
            return Err(SessionIdError::NotHex { index });
        }
        SessionId::from_bytes(raw)
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionId({})", self.to_hex())
    }
}

impl serde::Serialize for SessionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for SessionId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SessionId, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
