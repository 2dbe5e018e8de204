//! What a decrypted layer tells its hop to do (network.md §4.5 steps 5–6).

use super::fields::{enc_type, hex32, opt_bool, opt_str, req_str, Json};
use super::{parse_combined, EncType, OnionError};

/// The instruction inside a decrypted layer.
#[derive(Debug, Clone, PartialEq)]
pub enum Instruction {
    /// This node is the destination (the JSON has `headers`): `request` is the storage-RPC
    /// JSON (the blob); `json` may hold the reply flags `json` and `base64` (see
    /// [`ReplyFlags`](super::ReplyFlags)).
    Final {
        /// The storage-RPC request bytes.
        request: Vec<u8>,
        /// The layer's JSON object.
        json: Json,
    },
    /// Relay to an external server (the JSON has `host`): POST `payload`, the whole decrypted
    /// layer, to `protocol://host:port` + `target`.
    ToServer {
        /// Host name or IP.
        host: String,
        /// Path on the server, e.g. `/oxen/v4/lsrpc`.
        target: String,
        /// `http` or `https` (default `https`; nodes refuse anything else with `Invalid url`).
        protocol: String,
        /// TCP port (default 443).
        port: u16,
        /// The bytes to POST: the entire decrypted layer.
        payload: Vec<u8>,
    },
    /// Relay to the next node: forward `blob` with its ephemeral key and suite, hop_no + 1
    /// (see [`forward_body`](super::forward_body)).
    ToNode {
        /// The next node's Ed25519 key.
        ed25519: [u8; 32],
        /// The ephemeral X25519 key the next node decrypts `blob` with.
        ephemeral_key: [u8; 32],
        /// The next layer's suite (AES-GCM when absent).
        enc_type: EncType,
        /// The next layer's ciphertext.
        blob: Vec<u8>,
    },
}

/// Reads the instruction of a decrypted layer (the `plaintext` of a
/// [`PeeledLayer`](super::PeeledLayer)). Any error is answered with the encrypted `Invalid json`.
pub fn route(plaintext: &[u8]) -> Result<Instruction, OnionError> {
    let (blob, json) = parse_combined(plaintext)?;
    if json.contains_key("headers") {
        opt_bool(&json, "json")?;
        opt_bool(&json, "base64")?;
        return Ok(Instruction::Final {
            request: blob.to_vec(),
            json,
        });
    }
    if json.contains_key("host") {
        let host = req_str(&json, "host")?.to_owned();
        let target = req_str(&json, "target")?.to_owned();
        let port = match json.get("port") {
            None => 443,
            Some(v) => v
                .as_u64()
                .and_then(|p| u16::try_from(p).ok())
                .ok_or_else(|| OnionError::field("port", "expected an integer 0–65535"))?,
        };
        let protocol = opt_str(&json, "protocol")?.unwrap_or("https").to_owned();
        return Ok(Instruction::ToServer {
            host,
            target,
            protocol,
            port,
            payload: plaintext.to_vec(),
        });
    }
    Ok(Instruction::ToNode {
        ed25519: hex32(&json, "destination")?,
        ephemeral_key: hex32(&json, "ephemeral_key")?,
        enc_type: enc_type(&json)?,
        blob: blob.to_vec(),
    })
}

/// Whether a relay may POST to this server target (network.md §4.6): `http`/`https` only, a
/// path under `/loki/` or `/oxen/` ending in `/lsrpc`, with no query string. Nodes answer a
/// refused target with the encrypted `{"status":400,"body":"Invalid url"}`.
pub fn is_allowed_server_target(protocol: &str, target: &str) -> bool {
    (protocol == "http" || protocol == "https")
        && (target.starts_with("/loki/") || target.starts_with("/oxen/"))
        && target.ends_with("/lsrpc")
        && !target.contains('?')
}
