//! Which conversation something belongs to: one typed name for every kind of chat, with one
//! stable text form that hosts use in storage keys and URLs.
//!
//! | kind | text form |
//! |---|---|
//! | one-to-one with a `05` account | its 66-hex Session ID |
//! | Note to Self | `self` |
//! | group (groups v2, `03`) | its 66-hex group ID |
//! | community room | `community:<room>@<server base URL>` |
//! | blinded contact met in a community (`15`/`25`) | its 66-hex blinded ID |
//!
//! A community is named by its server's base URL and room token, normalised as libsession
//! normalises them (messaging.md §7.1): scheme `http` or `https`, host lower-cased, default port
//! dropped, no path; the token is 1–64 characters of `[A-Za-z0-9_-]`, compared case-insensitively
//! (kept lower-cased here).

use crate::identity::{IdPrefix, SessionId, SessionIdError};
use std::fmt;
use std::str::FromStr;

/// The text form of [`ConversationId::NoteToSelf`].
pub const NOTE_TO_SELF: &str = "self";

/// Prefix of a community room's text form.
const COMMUNITY_PREFIX: &str = "community:";

/// Longest base URL of a community server (libsession's limit).
pub const MAX_SERVER_URL_LEN: usize = 267;

/// Longest room token.
pub const MAX_ROOM_LEN: usize = 64;

/// A conversation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ConversationId {
    /// One-to-one with another account (`05`, never our own).
    Direct(SessionId),
    /// Messages to ourselves, seen by all our devices.
    NoteToSelf,
    /// A group (`03` group ID).
    Group(SessionId),
    /// A room of a community server.
    Community(CommunityRoom),
    /// A contact known only by a community-blinded ID (`15` or `25`).
    Blinded(SessionId),
}

/// Why a text or an ID does not name a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversationIdError {
    /// Not a Session ID (and not another known form).
    SessionId(SessionIdError),
    /// A valid ID of a kind no conversation is made with (`00`, `07`).
    Prefix(IdPrefix),
    /// The community server URL is not `http(s)://host[:port]`.
    ServerUrl,
    /// The room token is empty, too long, or has characters other than `[A-Za-z0-9_-]`.
    RoomToken,
    /// A community name without its `@` between room and server.
    Community,
}

impl fmt::Display for ConversationIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversationIdError::SessionId(e) => write!(f, "{e}"),
            ConversationIdError::Prefix(p) => write!(
                f,
                "an ID starting with {:02x} does not name a conversation",
                p.byte()
            ),
            ConversationIdError::ServerUrl => f.write_str(
                "a community server is named by an http or https address without a path",
            ),
            ConversationIdError::RoomToken => {
                f.write_str("a community room is named by 1 to 64 letters, digits, '-' or '_'")
            }
            ConversationIdError::Community => {
                f.write_str("a community room is written community:<room>@<server address>")
            }
        }
    }
}

impl std::error::Error for ConversationIdError {}

impl From<SessionIdError> for ConversationIdError {
    fn from(e: SessionIdError) -> Self {
        ConversationIdError::SessionId(e)
    }
}

impl ConversationId {
    /// The conversation with `peer` from the point of view of `me`: Note to Self for our own
    /// ID, otherwise by the peer's prefix (`05` direct, `03` group, `15`/`25` blinded).
    pub fn with_peer(
        peer: SessionId,
        me: &SessionId,
    ) -> Result<ConversationId, ConversationIdError> {
        if peer == *me {
            return Ok(ConversationId::NoteToSelf);
        }
        match peer.kind() {
            Some(IdPrefix::Standard) => Ok(ConversationId::Direct(peer)),
            Some(IdPrefix::Group) => Ok(ConversationId::Group(peer)),
            Some(IdPrefix::Blinded15 | IdPrefix::Blinded25) => Ok(ConversationId::Blinded(peer)),
            Some(other) => Err(ConversationIdError::Prefix(other)),
            None => Err(ConversationIdError::SessionId(
                SessionIdError::UnknownPrefix(peer.prefix()),
            )),
        }
    }

    /// Parses the text form, reading our own Session ID as Note to Self (so that an address
    /// written with the ID itself, as older versions did, names the same conversation).
    pub fn parse_for(text: &str, me: &SessionId) -> Result<ConversationId, ConversationIdError> {
        match text.parse::<ConversationId>()? {
            ConversationId::Direct(id) if id == *me => Ok(ConversationId::NoteToSelf),
            other => Ok(other),
        }
    }

    /// The account or group whose swarm holds this conversation's messages: the peer for a
    /// one-to-one chat, `me` for Note to Self, the group for a group; `None` for communities and
    /// blinded contacts, whose messages live on a community server.
    pub fn swarm_account(&self, me: &SessionId) -> Option<SessionId> {
        match self {
            ConversationId::Direct(id) | ConversationId::Group(id) => Some(*id),
            ConversationId::NoteToSelf => Some(*me),
            ConversationId::Community(_) | ConversationId::Blinded(_) => None,
        }
    }

    /// The Session ID a one-to-one message to this conversation is encrypted for (the peer, or
    /// `me` for Note to Self); `None` for the other kinds.
    pub fn direct_recipient(&self, me: &SessionId) -> Option<SessionId> {
        match self {
            ConversationId::Direct(id) => Some(*id),
            ConversationId::NoteToSelf => Some(*me),
            _ => None,
        }
    }

    /// The peer's ID for the kinds that have one (direct, group, blinded).
    pub fn peer(&self) -> Option<&SessionId> {
        match self {
            ConversationId::Direct(id)
            | ConversationId::Group(id)
            | ConversationId::Blinded(id) => Some(id),
            _ => None,
        }
    }

    /// The text form (see the module documentation).
    pub fn to_text(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversationId::Direct(id)
            | ConversationId::Group(id)
            | ConversationId::Blinded(id) => fmt::Display::fmt(id, f),
            ConversationId::NoteToSelf => f.write_str(NOTE_TO_SELF),
            ConversationId::Community(room) => fmt::Display::fmt(room, f),
        }
    }
}

impl fmt::Debug for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ConversationId({self})")
    }
}

impl FromStr for ConversationId {
    type Err = ConversationIdError;

    /// Parses the text form. A `05` ID is always [`ConversationId::Direct`] here; use
    /// [`ConversationId::parse_for`] to read our own ID as Note to Self.
    fn from_str(text: &str) -> Result<ConversationId, ConversationIdError> {
        if text == NOTE_TO_SELF {
            return Ok(ConversationId::NoteToSelf);
        }
        if text.starts_with(COMMUNITY_PREFIX) {
            return text.parse().map(ConversationId::Community);
        }
        let id: SessionId = text.parse()?;
        match id.kind() {
            Some(IdPrefix::Standard) => Ok(ConversationId::Direct(id)),
            Some(IdPrefix::Group) => Ok(ConversationId::Group(id)),
            Some(IdPrefix::Blinded15 | IdPrefix::Blinded25) => Ok(ConversationId::Blinded(id)),
            Some(other) => Err(ConversationIdError::Prefix(other)),
            None => Err(ConversationIdError::SessionId(
                SessionIdError::UnknownPrefix(id.prefix()),
            )),
        }
    }
}

impl serde::Serialize for ConversationId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ConversationId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ConversationId, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A community room: its server's normalised base URL and its lower-cased token.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommunityRoom {
    server: String,
    room: String,
}

impl CommunityRoom {
    /// A room from a server base URL and a room token, both normalised.
    pub fn new(server: &str, room: &str) -> Result<CommunityRoom, ConversationIdError> {
        Ok(CommunityRoom {
            server: normalize_server(server)?,
            room: normalize_room(room)?,
        })
    }

    /// The server's base URL (`https://host[:port]`, no trailing slash).
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The room token, lower-cased.
    pub fn room(&self) -> &str {
        &self.room
    }
}

impl fmt::Display for CommunityRoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{COMMUNITY_PREFIX}{}@{}", self.room, self.server)
    }
}

impl FromStr for CommunityRoom {
    type Err = ConversationIdError;

    fn from_str(text: &str) -> Result<CommunityRoom, ConversationIdError> {
        let rest = text
            .strip_prefix(COMMUNITY_PREFIX)
            .ok_or(ConversationIdError::Community)?;
        // Tokens cannot contain '@': the first one separates the room from the server.
        let (room, server) = rest.split_once('@').ok_or(ConversationIdError::Community)?;
        CommunityRoom::new(server, room)
    }
}

/// `[A-Za-z0-9_-]{1,64}`, lower-cased.
fn normalize_room(room: &str) -> Result<String, ConversationIdError> {
    let ok = !room.is_empty()
        && room.len() <= MAX_ROOM_LEN
        && room
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(room.to_ascii_lowercase())
    } else {
        Err(ConversationIdError::RoomToken)
    }
}

/// `scheme://host[:port]`: scheme http or https, host lower-cased, the scheme's default port
/// dropped, at most one trailing `/` and nothing else after the authority.
fn normalize_server(url: &str) -> Result<String, ConversationIdError> {
    let bad = ConversationIdError::ServerUrl;
    if url.len() > MAX_SERVER_URL_LEN {
        return Err(bad);
    }
    let (scheme, rest) = url.split_once("://").ok_or(bad.clone())?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err(bad),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty()
        || !authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    {
        return Err(bad);
    }
    let authority = authority.to_ascii_lowercase();
    // A port is what follows the last ':' outside an IPv6 literal's brackets.
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority.as_str(), None),
    };
    // A colon or bracket belongs only to an IPv6 literal, and that only in brackets.
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => {
            !v6.is_empty()
                && v6
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        }
        None => !host.is_empty() && !host.bytes().any(|b| matches!(b, b':' | b'[' | b']')),
    };
    if !host_ok {
        return Err(bad);
    }
    match port {
        None => Ok(format!("{scheme}://{host}")),
        Some(p) if p == default_port => Ok(format!("{scheme}://{host}")),
        Some(p) => {
            let valid = !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0);
            if valid {
                Ok(format!("{scheme}://{host}:{p}"))
            } else {
                Err(bad)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(prefix: &str, fill: char) -> SessionId {
        format!("{prefix}{}", fill.to_string().repeat(64))
            .parse()
            .unwrap()
    }

    #[test]
    fn every_kind_round_trips_through_its_text() {
        let me = id("05", 'a');
        let cases = [
            ConversationId::Direct(id("05", 'b')),
            ConversationId::NoteToSelf,
            ConversationId::Group(id("03", 'c')),
            ConversationId::Blinded(id("15", 'd')),
            ConversationId::Blinded(id("25", 'e')),
            ConversationId::Community(
                CommunityRoom::new("https://open.getsession.org", "session").unwrap(),
            ),
        ];
        for c in cases {
            let text = c.to_string();
            assert_eq!(text.parse::<ConversationId>().unwrap(), c, "{text}");
            assert_eq!(ConversationId::parse_for(&text, &me).unwrap(), c);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<ConversationId>(&json).unwrap(), c);
        }
        assert_eq!(
            ConversationId::parse_for(&me.to_hex(), &me).unwrap(),
            ConversationId::NoteToSelf
        );
    }

    #[test]
    fn peers_map_to_their_kind_and_ourselves_to_note_to_self() {
        let me = id("05", 'a');
        assert_eq!(
            ConversationId::with_peer(me, &me).unwrap(),
            ConversationId::NoteToSelf
        );
        assert!(matches!(
            ConversationId::with_peer(id("03", '1'), &me),
            Ok(ConversationId::Group(_))
        ));
        assert_eq!(
            ConversationId::with_peer(id("07", '1'), &me),
            Err(ConversationIdError::Prefix(IdPrefix::VersionBlinded))
        );
        assert_eq!(
            "00".to_owned().repeat(33).parse::<ConversationId>(),
            Err(ConversationIdError::Prefix(IdPrefix::Unblinded))
        );
        let peer = id("05", 'b');
        let direct = ConversationId::Direct(peer);
        assert_eq!(direct.swarm_account(&me), Some(peer));
        assert_eq!(ConversationId::NoteToSelf.direct_recipient(&me), Some(me));
        assert_eq!(
            ConversationId::Group(id("03", '1')).direct_recipient(&me),
            None
        );
    }

    #[test]
    fn community_names_are_normalised() {
        let a = CommunityRoom::new("HTTPS://Open.GetSession.org:443/", "Session-Chat_1").unwrap();
        assert_eq!(a.server(), "https://open.getsession.org");
        assert_eq!(a.room(), "session-chat_1");
        assert_eq!(
            a.to_string(),
            "community:session-chat_1@https://open.getsession.org"
        );
        let b = CommunityRoom::new("http://127.0.0.1:8080", "r").unwrap();
        assert_eq!(b.server(), "http://127.0.0.1:8080");
        assert_eq!(
            CommunityRoom::new("http://host:80", "r").unwrap().server(),
            "http://host"
        );
        assert_eq!(
            CommunityRoom::new("http://[::1]:8080", "r")
                .unwrap()
                .server(),
            "http://[::1]:8080"
        );
        for bad_server in [
            "ftp://host",
            "host",
            "https://",
            "https://host/path",
            "https://host:0",
            "https://host:99999",
            "https://ho st",
            // Found by the fuzzer: a colon in a host name read as a port once normalised.
            "https://mo:o:443/",
            "https://[::1",
            "https://[]:80",
            "https://a]b",
        ] {
            assert_eq!(
                CommunityRoom::new(bad_server, "r"),
                Err(ConversationIdError::ServerUrl),
                "{bad_server}"
            );
        }
        for bad_room in ["", "a b", "é", &"x".repeat(65), "a@b"] {
            assert_eq!(
                CommunityRoom::new("https://h", bad_room),
                Err(ConversationIdError::RoomToken),
                "{bad_room}"
            );
        }
        assert_eq!(
            "community:nope".parse::<ConversationId>(),
            Err(ConversationIdError::Community)
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn any_text_parses_or_fails_cleanly_and_round_trips(
            text in "(community:)?[a-zA-Z0-9_@:/.\\[\\]-]{0,80}|[0-9a-f]{66}|self",
        ) {
            if let Ok(id) = text.parse::<ConversationId>() {
                proptest::prop_assert_eq!(id.to_string().parse::<ConversationId>(), Ok(id));
            }
        }
    }

    #[test]
    fn garbage_is_a_typed_error() {
        for text in ["", "05", "zz", "selff", &"05".repeat(40)] {
            assert!(text.parse::<ConversationId>().is_err(), "{text}");
        }
    }
}
