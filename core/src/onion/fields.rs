//! Reading typed values out of the routing JSON of a layer.

use super::{EncType, OnionError};
use serde_json::{Map, Value};

pub(crate) type Json = Map<String, Value>;

/// A required 32-byte key written as 64 hex digits (either case).
pub(crate) fn hex32(json: &Json, field: &'static str) -> Result<[u8; 32], OnionError> {
    let s = req_str(json, field)?;
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out)
        .map_err(|_| OnionError::field(field, "expected 64 hex digits"))?;
    Ok(out)
}

/// A required string.
pub(crate) fn req_str<'a>(json: &'a Json, field: &'static str) -> Result<&'a str, OnionError> {
    match json.get(field) {
        None => Err(OnionError::MissingField(field)),
        Some(v) => v
            .as_str()
            .ok_or_else(|| OnionError::field(field, "expected a string")),
    }
}

/// An optional string.
pub(crate) fn opt_str<'a>(
    json: &'a Json,
    field: &'static str,
) -> Result<Option<&'a str>, OnionError> {
    match json.get(field) {
        None => Ok(None),
        Some(_) => req_str(json, field).map(Some),
    }
}

/// An optional boolean.
pub(crate) fn opt_bool(json: &Json, field: &'static str) -> Result<Option<bool>, OnionError> {
    match json.get(field) {
        None => Ok(None),
        Some(v) => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| OnionError::field(field, "expected true or false")),
    }
}

/// `enc_type`, AES-GCM when absent.
pub(crate) fn enc_type(json: &Json) -> Result<EncType, OnionError> {
    opt_str(json, "enc_type")?.map_or(Ok(EncType::AesGcm), str::parse)
}
