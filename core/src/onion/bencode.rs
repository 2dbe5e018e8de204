//! Minimal bencoding: what v4 onion messages use (lists of byte strings), plus integers and
//! dictionaries for the nodes' internal relay format (network.md §4.5, §4.6).

use super::OnionError;
use std::collections::BTreeMap;

/// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// One bencoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bt {
    /// `N:bytes`
    Bytes(Vec<u8>),
    /// `i…e`
    Int(i64),
    /// `l…e`
    List(Vec<Bt>),
    /// `d…e`, keys are byte strings, written in sorted order.
    Dict(BTreeMap<Vec<u8>, Bt>),
}

/// Encodes a value (dictionary keys in ascending byte order, as bencoding requires).
pub fn encode(value: &Bt) -> Vec<u8> {
    let mut out = Vec::new();
    write(value, &mut out);
    out
}

fn write(value: &Bt, out: &mut Vec<u8>) {
    match value {
        Bt::Bytes(b) => write_bytes(b, out),
        Bt::Int(i) => {
            out.push(b'i');
            out.extend_from_slice(i.to_string().as_bytes());
            out.push(b'e');
        }
        Bt::List(items) => {
            out.push(b'l');
            for item in items {
                write(item, out);
            }
            out.push(b'e');
        }
        Bt::Dict(map) => {
            out.push(b'd');
            for (k, v) in map {
                write_bytes(k, out);
                write(v, out);
            }
            out.push(b'e');
        }
    }
}

fn write_bytes(b: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(b.len().to_string().as_bytes());
    out.push(b':');
    out.extend_from_slice(b);
}

/// Decodes exactly one value spanning all of `data`.
pub fn decode(data: &[u8]) -> Result<Bt, OnionError> {
    let mut pos = 0;
    let value = read(data, &mut pos, 0)?;
    if pos != data.len() {
        return Err(err(format!("{} bytes after the value", data.len() - pos)));
    }
    Ok(value)
}

fn err(msg: impl Into<String>) -> OnionError {
    OnionError::Bencode(msg.into())
}

fn read(data: &[u8], pos: &mut usize, depth: usize) -> Result<Bt, OnionError> {
    if depth > MAX_DEPTH {
        return Err(err("nested too deeply"));
    }
    match data.get(*pos) {
        None => Err(err("unexpected end of data")),
        Some(b'i') => {
            *pos += 1;
            let digits = take_until(data, pos, b'e')?;
            parse_int(digits).map(Bt::Int)
        }
        Some(b'l') => {
            *pos += 1;
            let mut items = Vec::new();
            while data.get(*pos) != Some(&b'e') {
                items.push(read(data, pos, depth + 1)?);
            }
            *pos += 1;
            Ok(Bt::List(items))
        }
        Some(b'd') => {
            *pos += 1;
            let mut map = BTreeMap::new();
            while data.get(*pos) != Some(&b'e') {
                let key = read_bytes(data, pos)?;
                let value = read(data, pos, depth + 1)?;
                map.insert(key, value);
            }
            *pos += 1;
            Ok(Bt::Dict(map))
        }
        Some(b'0'..=b'9') => read_bytes(data, pos).map(Bt::Bytes),
        Some(other) => Err(err(format!("unexpected byte 0x{other:02x}"))),
    }
}

/// The bytes from `pos` up to (not including) `end`; `pos` moves past `end`.
fn take_until<'a>(data: &'a [u8], pos: &mut usize, end: u8) -> Result<&'a [u8], OnionError> {
    let rest = data.get(*pos..).unwrap_or_default();
    let n = rest
        .iter()
        .position(|&b| b == end)
        .ok_or_else(|| err("unexpected end of data"))?;
    *pos += n + 1;
    Ok(rest.get(..n).unwrap_or_default())
}

fn parse_int(digits: &[u8]) -> Result<i64, OnionError> {
    let text = std::str::from_utf8(digits).map_err(|_| err("integer is not ASCII"))?;
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let canonical = !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit())
        && (unsigned == "0" || !unsigned.starts_with('0'))
        && text != "-0";
    if !canonical {
        return Err(err(format!("invalid integer '{text}'")));
    }
    text.parse()
        .map_err(|_| err(format!("integer '{text}' out of range")))
}

fn read_bytes(data: &[u8], pos: &mut usize) -> Result<Vec<u8>, OnionError> {
    let digits = take_until(data, pos, b':')?;
    let canonical = !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && (digits == b"0" || digits.first() != Some(&b'0'));
    if !canonical {
        return Err(err("invalid string length"));
    }
    let len: usize = std::str::from_utf8(digits)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| err("string length out of range"))?;
    let bytes = pos
        .checked_add(len)
        .and_then(|end| data.get(*pos..end))
        .ok_or_else(|| err(format!("string of {len} bytes runs past the end")))?;
    *pos += len;
    Ok(bytes.to_vec())
}
