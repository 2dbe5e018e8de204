//! Community join links (messaging.md §7.1): `<server>/<room>?public_key=<key>`, read as the
//! official library's `parse_full_url` reads them and written in its canonical form.
//!
//! The server part is normalised exactly as the UserGroups config keys it (scheme and host
//! lower-cased, default port dropped); the room token keeps its capitalisation for requests
//! while the room's identity is its lower-cased form.

use crate::conversation::{CommunityRoom, ConversationIdError};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;
use std::fmt;
use std::str::FromStr;

/// What separates the room from the server's public key.
const KEY_QUERY: &str = "?public_key=";
/// The z-base-32 alphabet, in value order.
const BASE32Z: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

/// A community server's X25519 public key: where onion requests to it are encrypted, and what
/// blinded IDs on it are derived from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServerKey(pub [u8; 32]);

impl ServerKey {
    /// Reads a key written as 64 hex characters, 43 or 44 characters of base64, or 52 of
    /// z-base-32 (the three forms links carry).
    pub fn decode(text: &str) -> Result<ServerKey, JoinLinkError> {
        let bytes = match text.len() {
            64 => hex::decode(text).ok(),
            43 => STANDARD_NO_PAD.decode(text).ok(),
            44 if text.ends_with('=') => STANDARD.decode(text).ok(),
            52 => base32z_decode(text),
            _ => None,
        };
        bytes
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(ServerKey)
            .ok_or(JoinLinkError::ServerKey)
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lowercase hex, as canonical links write it.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerKey({})", self.to_hex())
    }
}

/// 52 z-base-32 characters into their 32 bytes (the last 4 bits must be zero).
fn base32z_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(32);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = BASE32Z.iter().position(|&a| a == c.to_ascii_lowercase())?;
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(out)
}

/// Why a text is not a community join link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JoinLinkError {
    /// No `?public_key=` part: the server cannot be reached privately without its key.
    NoServerKey,
    /// The key is not 32 bytes in hex, base64 or z-base-32.
    ServerKey,
    /// No room after the server address.
    NoRoom,
    /// The server address or the room token is malformed.
    Room(ConversationIdError),
}

impl fmt::Display for JoinLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoServerKey => f.write_str(
                "a community link ends with ?public_key= and the server's key; this one has none",
            ),
            Self::ServerKey => {
                f.write_str("the server key in the link is not 32 bytes of hex, base64 or base32z")
            }
            Self::NoRoom => f.write_str("the link names a server but no room"),
            Self::Room(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for JoinLinkError {}

impl From<ConversationIdError> for JoinLinkError {
    fn from(e: ConversationIdError) -> Self {
        Self::Room(e)
    }
}

/// A room of a community server with the key to reach it: everything a join link says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinLink {
    room: CommunityRoom,
    token: String,
    key: ServerKey,
}

impl JoinLink {
    /// A link from its parts; the server URL is normalised and the token checked.
    pub fn new(server: &str, token: &str, key: ServerKey) -> Result<JoinLink, JoinLinkError> {
        Ok(JoinLink {
            room: CommunityRoom::new(server, token)?,
            token: token.to_owned(),
            key,
        })
    }

    /// Reads a join link: the key after the last `?public_key=`, then the room after `/r/` if
    /// present or else after the last `/`, then the server.
    pub fn parse(text: &str) -> Result<JoinLink, JoinLinkError> {
        let text = text.trim();
        let (rest, key) = text
            .rsplit_once(KEY_QUERY)
            .ok_or(JoinLinkError::NoServerKey)?;
        let key = ServerKey::decode(key)?;
        let (server, token) = match rest.rfind("/r/") {
            Some(at) => (&rest[..at], &rest[at + 3..]),
            None => {
                let at = rest.rfind('/').ok_or(JoinLinkError::NoRoom)?;
                (&rest[..at], &rest[at + 1..])
            }
        };
        // `https://host?public_key=…` has its last '/' inside the scheme.
        if server.is_empty() || server.ends_with(':') || server.ends_with(":/") {
            return Err(JoinLinkError::NoRoom);
        }
        JoinLink::new(server, token, key)
    }

    /// The room (normalised server, lower-cased token): what identifies it.
    pub fn room(&self) -> &CommunityRoom {
        &self.room
    }

    /// The server's normalised base URL.
    pub fn server(&self) -> &str {
        self.room.server()
    }

    /// The room token as the link wrote it, for requests and display.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The server's key.
    pub fn key(&self) -> &ServerKey {
        &self.key
    }
}

impl fmt::Display for JoinLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}{KEY_QUERY}{}",
            self.room.server(),
            self.token,
            self.key.to_hex()
        )
    }
}

impl FromStr for JoinLink {
    type Err = JoinLinkError;

    fn from_str(text: &str) -> Result<JoinLink, JoinLinkError> {
        JoinLink::parse(text)
    }
}
