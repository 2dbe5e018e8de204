//! Reading typed fields out of untrusted response JSON.

use super::super::{is_valid_hash, RpcError};
use crate::onion::B64;
use base64::Engine;
use serde_json::{Map, Value};

pub(crate) type Obj = Map<String, Value>;

pub(crate) fn obj(v: &Value) -> Result<&Obj, RpcError> {
    v.as_object()
        .ok_or_else(|| RpcError::InvalidJson(format!("expected an object, got {}", kind(v))))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn get<'a>(o: &'a Obj, f: &'static str) -> Result<&'a Value, RpcError> {
    o.get(f).ok_or(RpcError::MissingField(f))
}

pub(crate) fn u64_of(v: &Value, f: &'static str) -> Result<u64, RpcError> {
    v.as_u64()
        .ok_or_else(|| RpcError::field(f, format!("expected an unsigned integer, got {}", kind(v))))
}

pub(crate) fn req_u64(o: &Obj, f: &'static str) -> Result<u64, RpcError> {
    u64_of(get(o, f)?, f)
}

pub(crate) fn opt_u64(o: &Obj, f: &'static str) -> Result<Option<u64>, RpcError> {
    o.get(f).map(|v| u64_of(v, f)).transpose()
}

pub(crate) fn u16_of(v: &Value, f: &'static str) -> Result<u16, RpcError> {
    u16::try_from(u64_of(v, f)?).map_err(|_| RpcError::field(f, "out of range"))
}

pub(crate) fn str_of<'a>(v: &'a Value, f: &'static str) -> Result<&'a str, RpcError> {
    v.as_str()
        .ok_or_else(|| RpcError::field(f, format!("expected a string, got {}", kind(v))))
}

pub(crate) fn req_str<'a>(o: &'a Obj, f: &'static str) -> Result<&'a str, RpcError> {
    str_of(get(o, f)?, f)
}

pub(crate) fn opt_str<'a>(o: &'a Obj, f: &'static str) -> Result<Option<&'a str>, RpcError> {
    o.get(f).map(|v| str_of(v, f)).transpose()
}

pub(crate) fn flag(o: &Obj, f: &'static str) -> Result<bool, RpcError> {
    match o.get(f) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(RpcError::field(
            f,
            format!("expected a boolean, got {}", kind(v)),
        )),
    }
}

pub(crate) fn hex32(s: &str, f: &'static str) -> Result<[u8; 32], RpcError> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).map_err(|_| RpcError::field(f, "expected 64 hex digits"))?;
    Ok(out)
}

pub(crate) fn req_hex32(o: &Obj, f: &'static str) -> Result<[u8; 32], RpcError> {
    hex32(req_str(o, f)?, f)
}

pub(crate) fn b64(s: &str, f: &'static str) -> Result<Vec<u8>, RpcError> {
    B64.decode(s).map_err(|_| RpcError::field(f, "not base64"))
}

pub(crate) fn sig64(o: &Obj, f: &'static str) -> Result<[u8; 64], RpcError> {
    b64(req_str(o, f)?, f)?
        .try_into()
        .map_err(|_| RpcError::field(f, "expected a 64-byte signature"))
}

pub(crate) fn hash_of(v: &Value, f: &'static str) -> Result<String, RpcError> {
    let s = str_of(v, f)?;
    if is_valid_hash(s) {
        Ok(s.to_owned())
    } else {
        Err(RpcError::field(f, format!("'{s}' is not a message hash")))
    }
}

pub(crate) fn hash_list(v: &Value, f: &'static str) -> Result<Vec<String>, RpcError> {
    v.as_array()
        .ok_or_else(|| RpcError::field(f, format!("expected an array, got {}", kind(v))))?
        .iter()
        .map(|h| hash_of(h, f))
        .collect()
}

/// Server time and hard fork.
pub(crate) type Time = (Option<u64>, Option<(u32, u32)>);

/// `t` and `hf`, which most responses carry.
pub(crate) fn time(o: &Obj) -> Result<Time, RpcError> {
    let t = opt_u64(o, "t")?;
    let hf = match o.get("hf") {
        None => None,
        Some(v) => {
            let pair = v.as_array().and_then(|a| {
                let major = u32::try_from(a.first()?.as_u64()?).ok()?;
                let minor = u32::try_from(a.get(1)?.as_u64()?).ok()?;
                Some((major, minor))
            });
            Some(pair.ok_or_else(|| RpcError::field("hf", "expected [major, minor]"))?)
        }
    };
    Ok((t, hf))
}
