//! The storage wrapping of a sealed 1:1 message (messaging.md §3): `Envelope` inside a
//! `WebSocketMessage{REQUEST}`; `b64` of the result is the `data` of a `store` request.

use super::MessageError;
use crate::proto::session::{envelope, Envelope};
use crate::proto::websocket::{web_socket_message, WebSocketMessage, WebSocketRequestMessage};
use curve25519_dalek::Scalar;
use prost::Message;
use rand_core::{CryptoRng, RngCore};

/// Length of `Envelope.proSig`.
pub const PRO_SIG_LEN: usize = 64;

/// Length of a non-empty `Envelope.source` (hex of a 33-byte id).
const SOURCE_HEX_LEN: usize = 66;

/// A 1:1 envelope as libsession builds it: `type = SESSION_MESSAGE`, timestamp `T`,
/// `sourceDevice = 1`, the sealed content, and the Pro signature when given.
pub fn session_envelope(
    timestamp_ms: u64,
    sealed: Vec<u8>,
    pro_sig: Option<[u8; PRO_SIG_LEN]>,
) -> Envelope {
    Envelope {
        r#type: envelope::Type::SessionMessage as i32,
        source: None,
        timestamp: timestamp_ms,
        source_device: Some(1),
        content: Some(sealed),
        server_timestamp: None,
        pro_sig: pro_sig.map(|s| s.to_vec()),
    }
}

/// A decoy `proSig` as current libsession attaches when the sender has no Pro: a well-formed
/// signature (`R = r·B`, random scalar `s`) that verifies against nothing, so Pro and non-Pro
/// envelopes look alike.
pub fn decoy_pro_sig(rng: &mut (impl RngCore + CryptoRng)) -> [u8; PRO_SIG_LEN] {
    let mut wide = [0u8; 64];
    rng.fill_bytes(&mut wide);
    let r = Scalar::from_bytes_mod_order_wide(&wide);
    rng.fill_bytes(&mut wide);
    let s = Scalar::from_bytes_mod_order_wide(&wide);
    let mut sig = [0u8; PRO_SIG_LEN];
    sig[..32].copy_from_slice(crate::crypto::ed25519::mul_base(&r).compress().as_bytes());
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

/// Wraps serialized envelope bytes as the official library does: `WebSocketMessage{type =
/// REQUEST, request = {verb "", path "", body, requestId 0}}`.
pub fn wrap_websocket(envelope_bytes: Vec<u8>) -> Vec<u8> {
    WebSocketMessage {
        r#type: Some(web_socket_message::Type::Request as i32),
        request: Some(WebSocketRequestMessage {
            verb: Some(String::new()),
            path: Some(String::new()),
            body: Some(envelope_bytes),
            request_id: Some(0),
            headers: Vec::new(),
        }),
        response: None,
    }
    .encode_to_vec()
}

/// The serialized envelope inside a stored `WebSocketMessage`. `verb`, `path`, `requestId`
/// and even `type` are ignored, as the official library ignores them.
pub fn unwrap_websocket(bytes: &[u8]) -> Result<Vec<u8>, MessageError> {
    if bytes.first() == Some(&0x00) {
        // Session Protocol v2 blobs start 00 01 / 00 02; a WebSocketMessage never starts with 00.
        return Err(MessageError::UnsupportedVersion);
    }
    let ws = WebSocketMessage::decode(bytes).map_err(|e| MessageError::Malformed {
        what: "WebSocketMessage",
        reason: e,
    })?;
    ws.request
        .ok_or(MessageError::MissingField("WebSocketMessage.request"))?
        .body
        .ok_or(MessageError::MissingField("WebSocketRequestMessage.body"))
}

/// Parses an envelope and applies libsession's checks: `content` present, `source` absent,
/// empty or 66 hex characters, `proSig` absent or 64 bytes.
pub fn decode_envelope(bytes: &[u8]) -> Result<Envelope, MessageError> {
    let env = Envelope::decode(bytes).map_err(|e| MessageError::Malformed {
        what: "Envelope",
        reason: e,
    })?;
    if let Some(source) = &env.source {
        let hex_ok = source.bytes().all(|b| b.is_ascii_hexdigit());
        if !source.is_empty() && (source.len() != SOURCE_HEX_LEN || !hex_ok) {
            return Err(MessageError::InvalidSource);
        }
    }
    if let Some(sig) = &env.pro_sig {
        if sig.len() != PRO_SIG_LEN {
            return Err(MessageError::InvalidProSig { len: sig.len() });
        }
    }
    if env.content.is_none() {
        return Err(MessageError::MissingField("Envelope.content"));
    }
    Ok(env)
}
