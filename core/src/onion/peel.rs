//! What one hop does with the bytes it receives (network.md §4.5 steps 3–4).

use super::fields::{enc_type, hex32, Json};
use super::{encode_combined, parse_combined, EncType, LayerKey, OnionError};
use serde_json::{json, Value};

/// The largest onion request a node accepts (10 MiB); larger ones get 413.
pub const MAX_ONION_REQUEST_SIZE: usize = 10 * 1024 * 1024;

/// A relay receiving a hop number above this answers 400
/// `onion request max path length exceeded`.
pub const MAX_ONION_HOPS: u64 = 15;

/// One decrypted layer, as seen by the hop that removed it.
#[derive(Debug, Clone)]
pub struct PeeledLayer {
    /// The decrypted layer: a combined payload at a relay or destination node (see
    /// [`route`](super::route)), or v4 request bytes at a server.
    pub plaintext: Vec<u8>,
    /// The layer key, which encrypts this hop's reply when it is the destination.
    pub key: LayerKey,
    /// The hop counter from the envelope (0 when absent, negative values count as 0).
    pub hop_no: u64,
}

/// Parses the body POSTed to `/onion_req/v2` (or forwarded by the previous hop, or POSTed by
/// the last hop to a server's `/oxen/v4/lsrpc`) and decrypts its blob with our X25519 secret.
///
/// Envelope errors (`is_ciphertext_error() == false`) are answered with 400
/// `Error parsing onion request: …`; decryption errors with 400 `Invalid ciphertext`.
pub fn peel(our_x25519_secret: &[u8; 32], body: &[u8]) -> Result<PeeledLayer, OnionError> {
    if body.len() > MAX_ONION_REQUEST_SIZE {
        return Err(OnionError::TooLarge { len: body.len() });
    }
    let (blob, json) = parse_combined(body)?;
    let ephemeral = hex32(&json, "ephemeral_key")?;
    let enc = enc_type(&json)?;
    let hop_no = hop_no(&json)?;
    let key = LayerKey::node(our_x25519_secret, &ephemeral, enc)?;
    let plaintext = key.decrypt(blob)?;
    Ok(PeeledLayer {
        plaintext,
        key,
        hop_no,
    })
}

fn hop_no(json: &Json) -> Result<u64, OnionError> {
    match json.get("hop_no") {
        None => Ok(0),
        Some(v) => {
            if let Some(n) = v.as_u64() {
                Ok(n)
            } else if v.as_i64().is_some() {
                Ok(0)
            } else if let Some(f) = v.as_f64() {
                // Nodes read the number as an integer, dropping any fraction.
                Ok(if f > 0.0 { f as u64 } else { 0 })
            } else {
                Err(OnionError::field("hop_no", "expected a number"))
            }
        }
    }
}

/// The body the next node receives from a relay: the blob with its ephemeral key, suite and
/// the incremented hop number, framed like a guard envelope (a simulation may use this instead
/// of the nodes' internal bencoded channel; [`peel`] reads both the same way).
pub fn forward_body(
    blob: &[u8],
    ephemeral_key: &[u8; 32],
    enc_type: EncType,
    hop_no: u64,
) -> Vec<u8> {
    encode_combined(
        blob,
        &json!({
            "ephemeral_key": hex::encode(ephemeral_key),
            "enc_type": enc_type.as_str(),
            "hop_no": Value::from(hop_no),
        }),
    )
}
