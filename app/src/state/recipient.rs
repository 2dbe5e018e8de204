//! Validating a Session ID typed or pasted to start a conversation.

use session_core::identity::{SessionId, SessionIdError};
use std::fmt;

/// Why the text entered is not someone's Session ID.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecipientError {
    /// Nothing was entered.
    Empty,
    /// It is not an account's (`05`) Session ID.
    Invalid(SessionIdError),
}

impl fmt::Display for RecipientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = match self {
            RecipientError::Empty => return f.write_str("Enter a Session ID."),
            RecipientError::Invalid(e) => e,
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
