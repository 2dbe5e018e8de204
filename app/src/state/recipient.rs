//! Validating a Session ID typed or pasted to start a conversation, or an ONS name to look up
//! first (network.md §7.4).

use session_core::client::ClientError;
use session_core::conversation::ConversationIdError;
use session_core::identity::{SessionId, SessionIdError};
use session_core::ons::{OnsError, OnsName};
use std::fmt;

use crate::ports::Engine;
use crate::t;

/// Why the text entered is not someone's Session ID.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecipientError {
    /// Nothing was entered.
    Empty,
    /// It is not an account's (`05`) Session ID.
    Invalid(SessionIdError),
    /// It is neither a Session ID nor an ONS name.
    NeitherIdNorName,
}

impl fmt::Display for RecipientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = match self {
            RecipientError::Empty => return f.write_str(&t!("home-recipient-empty")),
            RecipientError::Invalid(e) => e,
            RecipientError::NeitherIdNorName => return f.write_str(&t!("home-recipient-neither")),
        };
        let text = match e {
            SessionIdError::Length { got } => t!("home-recipient-length", count = *got),
            SessionIdError::NotHex { index } => {
                t!("home-recipient-not-hex", position = index + 1)
            }
            SessionIdError::NotStandard(p) => {
                t!("home-recipient-not-account", prefix = format!("{p:02x}"))
            }
            SessionIdError::UnknownPrefix(p) => {
                t!("home-recipient-unknown-prefix", prefix = format!("{p:02x}"))
            }
            e => t!("home-recipient-invalid", error = e.to_string()),
        };
        f.write_str(&text)
    }
}

/// Why `e`'s text is not a Session ID, as a clause of a sentence ("a Session ID cannot
/// start with 03"): the core's explanation, in the language in use.
pub fn session_id_problem(e: &SessionIdError) -> String {
    match e {
        SessionIdError::Length { got } => t!("home-id-length", count = *got),
        SessionIdError::NotHex { index } => t!("home-id-not-hex", position = index + 1),
        SessionIdError::UnknownPrefix(p) => {
            t!("home-id-unknown-prefix", prefix = format!("{p:02x}"))
        }
        SessionIdError::NotStandard(p) => t!("home-id-not-account", prefix = format!("{p:02x}")),
        e => e.to_string(),
    }
}

/// Why a text does not name a conversation, as a clause of a sentence: the core's
/// explanation, in the language in use.
pub fn conversation_id_problem(e: &ConversationIdError) -> String {
    match e {
        ConversationIdError::SessionId(e) => session_id_problem(e),
        ConversationIdError::Prefix(p) => {
            t!(
                "home-id-no-conversation",
                prefix = format!("{:02x}", p.byte())
            )
        }
        ConversationIdError::ServerUrl => t!("home-id-server-url"),
        ConversationIdError::RoomToken => t!("home-id-room-token"),
        ConversationIdError::Community => t!("home-id-community"),
        e => e.to_string(),
    }
}

impl std::error::Error for RecipientError {}

/// The Session ID in `input` (spaces and line breaks from copying are ignored), or why it is
/// not one.
pub fn parse_recipient(input: &str) -> Result<SessionId, RecipientError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return Err(RecipientError::Empty);
    }
    SessionId::parse_standard(&cleaned.to_ascii_lowercase()).map_err(RecipientError::Invalid)
}

/// What was entered on the new conversation screen: someone's Session ID, or a name to look
/// up first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientInput {
    /// A Session ID.
    Id(SessionId),
    /// An ONS name.
    Name(OnsName),
}

/// The Session ID or ONS name in `input`. Long hexadecimal text is read as an ID (an ONS name
/// has at most 64 characters, so a 66-character ID is never a name); shorter text that is a
/// valid name is a name, and anything else gets the Session ID's explanation when it looks
/// like an attempt at one.
pub fn parse_recipient_input(input: &str) -> Result<RecipientInput, RecipientError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return Err(RecipientError::Empty);
    }
    let hex = cleaned.chars().all(|c| c.is_ascii_hexdigit());
    if hex && cleaned.len() >= 64 {
        return parse_recipient(&cleaned).map(RecipientInput::Id);
    }
    match OnsName::parse(input) {
        Ok(name) => Ok(RecipientInput::Name(name)),
        Err(_) if cleaned.starts_with("05") => parse_recipient(&cleaned).map(RecipientInput::Id),
        Err(_) => Err(RecipientError::NeitherIdNorName),
    }
}

/// Why a name did not resolve, as the new conversation screen says it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LookupError {
    /// Nobody registered this name.
    NotFound(OnsName),
    /// The nodes asked gave different answers (one of them lies or is out of date).
    Disagreement(OnsName),
    /// A node's answer could not be read.
    Garbled(OnsName, OnsError),
    /// The network could not be asked (its reason).
    Network(OnsName, String),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            LookupError::NotFound(n) => {
                let name = n.as_str();
                if name.chars().all(|c| c.is_ascii_hexdigit()) {
                    t!("home-lookup-not-found-hex", name = name)
                } else {
                    t!("home-lookup-not-found", name = name)
                }
            }
            LookupError::Disagreement(n) => t!("home-lookup-disagreement", name = n.as_str()),
            LookupError::Garbled(n, e) => {
                t!(
                    "home-lookup-garbled",
                    name = n.as_str(),
                    error = e.to_string()
                )
            }
            LookupError::Network(n, why) => {
                t!(
                    "home-lookup-network",
                    name = n.as_str(),
                    error = why.as_str()
                )
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for LookupError {}

/// Resolves `name` through `engine` (three nodes must agree).
pub async fn look_up(engine: &dyn Engine, name: &OnsName) -> Result<SessionId, LookupError> {
    engine.resolve_ons(name).await.map_err(|e| match e {
        ClientError::Ons(OnsError::NotFound) => LookupError::NotFound(name.clone()),
        ClientError::Ons(OnsError::Disagreement) => LookupError::Disagreement(name.clone()),
        ClientError::Ons(e) => LookupError::Garbled(name.clone(), e),
        e => LookupError::Network(name.clone(), e.to_string()),
    })
}
