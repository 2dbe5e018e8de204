//! Content protobuf in and out of its padded form (messaging.md §2.1, §4).

use super::padding::{pad, unpad};
use super::MessageError;
use crate::proto::session::Content;
use prost::Message;

/// Serializes and pads a Content, ready to be signed and sealed.
pub fn encode_content(content: &Content) -> Vec<u8> {
    pad(&content.encode_to_vec())
}

/// Parses a Content from the plaintext of a message, padded in either style or not at all.
pub fn decode_content(plaintext: &[u8]) -> Result<Content, MessageError> {
    Content::decode(unpad(plaintext)).map_err(|e| MessageError::Malformed {
        what: "Content",
        reason: e,
    })
}
