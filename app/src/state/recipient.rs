//! Validating a Session ID typed or pasted to start a conversation, or an ONS name to look up
//! first (network.md §7.4).

use session_core::client::ClientError;
use session_core::identity::{SessionId, SessionIdError};
use session_core::ons::{OnsError, OnsName};
use std::fmt;

use crate::ports::Engine;

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
        let e =
            match self {
                RecipientError::Empty => return f.write_str("Enter a Session ID."),
                RecipientError::Invalid(e) => e,
                RecipientError::NeitherIdNorName => return f.write_str(
                    "This is neither a Session ID (66 characters: digits and letters a–f) nor an \
                     ONS name (letters, digits, _ and -).",
                ),
            };
        match e {
            SessionIdError::Length { got } => write!(
                f,
                "A Session ID has 66 characters; this one has {got}. Check that you copied all of it."
            ),
            SessionIdError::NotHex { index } => write!(
                f,
                "A Session ID contains only the digits 0–9 and letters a–f; character {} is not one.",
                index + 1
            ),
            SessionIdError::NotStandard(p) => write!(
                f,
                "This is not an account's Session ID (it starts with {p:02x}; account IDs start with 05)."
            ),
            SessionIdError::UnknownPrefix(p) => write!(
                f,
                "This is not a Session ID (it starts with {p:02x}; account IDs start with 05)."
            ),
            e => write!(f, "This is not a valid Session ID: {e}."),
        }
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
        match self {
            LookupError::NotFound(n) => {
                write!(
                    f,
                    "No Session ID is registered under the name \u{201c}{n}\u{201d}."
                )?;
                if n.as_str().chars().all(|c| c.is_ascii_hexdigit()) {
                    f.write_str(" If you meant a Session ID, it has 66 characters.")?;
                }
                Ok(())
            }
            LookupError::Disagreement(n) => write!(
                f,
                "The network gave different answers for \u{201c}{n}\u{201d}, so none was trusted. \
                 Try again in a moment."
            ),
            LookupError::Garbled(n, e) => {
                write!(
                    f,
                    "The answer for \u{201c}{n}\u{201d} could not be read ({e})."
                )
            }
            LookupError::Network(n, why) => write!(
                f,
                "Could not look up \u{201c}{n}\u{201d}: {why}. Check your connection and try again."
            ),
        }
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
