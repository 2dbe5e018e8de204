//! The destination's reply and how the client reads it (network.md §4.7, §4.8).

use super::fields::{opt_bool, Json};
use super::v4::{self, V4Response};
use super::{LayerKey, OnionError, B64};
use base64::Engine;
use rand_core::{CryptoRng, RngCore};
use serde_json::{json, Value};

/// A destination node's decrypted reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeReply {
    /// The storage-RPC status (421, 406, 401… appear only here; the HTTP status was 200).
    pub status: u16,
    /// The storage-RPC body: JSON text on success, an error message otherwise.
    pub body: String,
}

impl NodeReply {
    /// The body parsed as JSON (error bodies are plain text and fail here).
    pub fn body_json(&self) -> Result<Value, OnionError> {
        serde_json::from_str(&self.body).map_err(|e| OnionError::InvalidReply(e.to_string()))
    }
}

/// How a destination node formats its reply, from the flags in its layer's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyFlags {
    /// `"json": true`: embed a JSON body as an object instead of as a string.
    pub embed_json: bool,
    /// `"base64": false` turns this off: send raw ciphertext instead of base64 text.
    pub base64: bool,
}

impl Default for ReplyFlags {
    fn default() -> Self {
        ReplyFlags {
            embed_json: false,
            base64: true,
        }
    }
}

impl ReplyFlags {
    /// Reads the flags from an [`Instruction::Final`](super::Instruction::Final) JSON object
    /// (defaults for absent or ill-typed keys; [`route`](super::route) already refuses the latter).
    pub fn from_json(json: &Json) -> ReplyFlags {
        let d = ReplyFlags::default();
        ReplyFlags {
            embed_json: opt_bool(json, "json")
                .ok()
                .flatten()
                .unwrap_or(d.embed_json),
            base64: opt_bool(json, "base64").ok().flatten().unwrap_or(d.base64),
        }
    }
}

/// The HTTP body of a destination node's reply with default flags: base64 text of the
/// encrypted `{"body": body, "status": status}`.
pub fn encode_node_reply(
    key: &LayerKey,
    status: u16,
    body: &str,
    rng: &mut (impl RngCore + CryptoRng),
) -> Vec<u8> {
    encode_node_reply_with(key, status, &Value::from(body), ReplyFlags::default(), rng)
}

/// The HTTP body of a destination node's reply: a string `body` is sent as is; any other JSON
/// is embedded when `flags.embed_json`, else serialised into a string (the usual double
/// encoding).
pub fn encode_node_reply_with(
    key: &LayerKey,
    status: u16,
    body: &Value,
    flags: ReplyFlags,
    rng: &mut (impl RngCore + CryptoRng),
) -> Vec<u8> {
    let body = match body {
        Value::String(_) => body.clone(),
        _ if flags.embed_json => body.clone(),
        _ => Value::String(body.to_string()),
    };
    let plain = json!({ "status": status, "body": body }).to_string();
    let ciphertext = key.encrypt(plain.as_bytes(), rng);
    if flags.base64 {
        B64.encode(ciphertext).into_bytes()
    } else {
        ciphertext
    }
}

/// Reads a node destination's HTTP-200 body as libsession does: the text, or the string in a
/// legacy `{"result": "…"}` wrapper, is base64; it decrypts (XChaCha20 falling back to AES-GCM)
/// to JSON whose `status_code` or `status` is the status and whose string `body` is the body.
/// A non-string `body` is returned serialised; without `body` the whole JSON is returned.
pub fn decode_node_reply(key: &LayerKey, http_body: &[u8]) -> Result<NodeReply, OnionError> {
    let text = http_body.trim_ascii();
    let wrapped = match serde_json::from_slice::<Value>(text) {
        Ok(Value::Object(mut map)) => match map.remove("result") {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    };
    let b64 = wrapped.as_deref().map_or(text, str::as_bytes);
    let ciphertext = B64.decode(b64).map_err(|_| OnionError::InvalidBase64)?;
    let plain = key.decrypt_reply(&ciphertext)?;
    let json = match serde_json::from_slice::<Value>(&plain) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(OnionError::InvalidReply("not a JSON object".into())),
        Err(e) => return Err(OnionError::InvalidReply(e.to_string())),
    };
    let status = ["status_code", "status"]
        .iter()
        .find_map(|k| json.get(*k).filter(|v| v.is_number()))
        .ok_or_else(|| OnionError::InvalidReply("no status".into()))?;
    let status = status
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(|| OnionError::InvalidReply(format!("invalid status {status}")))?;
    let body = match json.get("body") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => Value::Object(json).to_string(),
    };
    Ok(NodeReply { status, body })
}

/// The HTTP body of a server's v4 reply: the raw encrypted response bytes (no base64).
pub fn encode_server_reply(
    key: &LayerKey,
    code: u16,
    headers: &Json,
    body: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Vec<u8> {
    key.encrypt(&v4::encode_response(code, headers, body), rng)
}

/// Reads a server destination's HTTP-200 body: decrypts the raw bytes (XChaCha20 falling back
/// to AES-GCM) and decodes the v4 response.
pub fn decode_server_reply(key: &LayerKey, http_body: &[u8]) -> Result<V4Response, OnionError> {
    v4::decode_response(&key.decrypt_reply(http_body)?)
}
