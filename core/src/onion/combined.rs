//! The "combined payload" framing of every layer: `LE32(N) ‖ blob(N) ‖ JSON object`
//! (network.md §4.3).

use super::OnionError;
use serde_json::{Map, Value};

/// Frames `blob` and `json` as `LE32(len(blob)) ‖ blob ‖ compact JSON`.
///
/// A blob longer than `u32::MAX` bytes cannot be framed; [`build`](super::build) refuses such
/// payloads before they get here, and this function then writes a saturated length.
pub fn encode_combined(blob: &[u8], json: &Value) -> Vec<u8> {
    let json = json.to_string();
    let len = u32::try_from(blob.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(4 + blob.len() + json.len());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(blob);
    out.extend_from_slice(json.as_bytes());
    out
}

/// Splits a combined payload into its blob and its JSON object. All bytes after the blob must
/// form exactly one JSON object (whitespace allowed, key order irrelevant).
pub fn parse_combined(data: &[u8]) -> Result<(&[u8], Map<String, Value>), OnionError> {
    let (len, rest) = data
        .split_first_chunk::<4>()
        .ok_or(OnionError::MissingLength { len: data.len() })?;
    let declared = u32::from_le_bytes(*len);
    let n = usize::try_from(declared).unwrap_or(usize::MAX);
    if rest.len() < n {
        return Err(OnionError::BlobTruncated {
            declared,
            available: rest.len(),
        });
    }
    let (blob, json) = rest.split_at(n);
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Object(map)) => Ok((blob, map)),
        Ok(_) => Err(OnionError::InvalidJson("expected a JSON object".into())),
        Err(e) => Err(OnionError::InvalidJson(e.to_string())),
    }
}
