//! Validating a Session ID typed or pasted to start a conversation.

use session_core::identity::{SessionId, SessionIdError};

/// The Session ID in `input` (spaces and line breaks from copying are ignored), or a message
/// saying what is wrong with it.
pub fn parse_recipient(input: &str) -> Result<SessionId, String> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return Err("Enter a Session ID.".into());
    }
    let lower = cleaned.to_ascii_lowercase();
    match SessionId::parse_standard(&lower) {
        Ok(id) => Ok(id),
        Err(SessionIdError::Length { got }) => Err(format!(
            "A Session ID has 66 characters; this one has {got}. Check that you copied all of it."
        )),
        Err(SessionIdError::NotHex { index }) => Err(format!(
            "A Session ID contains only the digits 0–9 and letters a–f; character {} is not one.",
            index + 1
        )),
        Err(SessionIdError::NotStandard(p)) => Err(format!(
            "This is not an account's Session ID (it starts with {p:02x}; account IDs start with 05)."
        )),
        Err(SessionIdError::UnknownPrefix(p)) => Err(format!(
            "This is not a Session ID (it starts with {p:02x}; account IDs start with 05)."
        )),
        Err(e) => Err(format!("This is not a valid Session ID: {e}.")),
    }
}
