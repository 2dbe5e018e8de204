//! Typed reading of storage-RPC parameters with the real server's error texts (§5.2). Fields are
//! type-checked in alphabetical order first (as upstream loads them), then the per-method rules
//! run in the order each method documents.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde_json::{Map, Value};

/// A parameter problem; answered as 400 `invalid request: <text>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError(pub String);

pub(crate) type PResult<T> = Result<T, ParseError>;

pub(crate) fn err<T>(msg: impl Into<String>) -> PResult<T> {
    Err(ParseError(msg.into()))
}

/// A namespace parameter that may also be `"all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NsVar {
    One(i16),
    All,
}

impl NsVar {
    /// How it appears in signed strings: `all`, empty for 0, else decimal.
    pub fn sig_text(self) -> String {
        match self {
            NsVar::All => "all".into(),
            NsVar::One(n) => crate::rules::ns_text(n),
        }
    }

    /// The single namespace, or None for all.
    pub fn one(self) -> Option<i16> {
        match self {
            NsVar::One(n) => Some(n),
            NsVar::All => None,
        }
    }
}

/// Lenient base64: standard or URL-safe alphabet, padded or not (as oxenc accepts).
pub(crate) fn b64_decode(s: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    if s.len() % 4 == 1 {
        return None;
    }
    let normal: String = s
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    LENIENT.decode(normal).ok()
}

/// A 64-byte signature given as 86 (unpadded) or 88 (`==`-padded) base64 characters.
pub(crate) fn signature_b64(s: &str) -> Option<[u8; 64]> {
    if !(s.len() == 86 || (s.len() == 88 && s.ends_with("=="))) {
        return None;
    }
    b64_decode(s)?.try_into().ok()
}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A 36-byte subaccount token in base64 (48 chars) or hex (72 chars).
pub(crate) fn token(s: &str) -> Option<[u8; 36]> {
    if s.len() == 48 {
        b64_decode(s)?.try_into().ok()
    } else if s.len() == 72 && is_hex(s) {
        hex::decode(s).ok()?.try_into().ok()
    } else {
        None
    }
}

/// An account public key: 66 hex digits, or the 33 raw bytes.
pub(crate) fn pubkey(s: &str) -> Option<[u8; 33]> {
    if s.len() == 66 && is_hex(s) {
        hex::decode(s).ok()?.try_into().ok()
    } else if s.len() == 33 {
        s.as_bytes().try_into().ok()
    } else {
        None
    }
}

/// A message hash: 43 characters of base64.
pub(crate) fn is_valid_hash(h: &str) -> bool {
    h.len() == 43 && b64_decode(h).is_some()
}

/// Checks that `messages` is present, non-empty and made of valid hashes.
pub(crate) fn load_hashes(messages: Option<Vec<String>>, check: bool) -> PResult<Vec<String>> {
    let messages = require("messages", messages)?;
    if messages.is_empty() {
        return err("messages does not contain any message hashes");
    }
    if check {
        if let Some(bad) = messages.iter().find(|m| !is_valid_hash(m)) {
            return err(format!("invalid message hash: {bad}"));
        }
    }
    Ok(messages)
}

/// Parameters of one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a>(pub &'a Map<String, Value>);

fn bad(name: &str, desc: &str) -> ParseError {
    ParseError(format!("Invalid value given for '{name}': expected {desc}"))
}

impl<'a> Params<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub fn string(&self, name: &str) -> PResult<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(bad(name, "string")),
        }
    }

    pub fn boolean(&self, name: &str) -> PResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad(name, "boolean")),
        }
    }

    pub fn int(&self, name: &str) -> PResult<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => int_of(v).map(Some).ok_or_else(|| bad(name, "integer")),
        }
    }

    pub fn uint(&self, name: &str) -> PResult<Option<u64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| bad(name, "positive integer")),
        }
    }

    pub fn timestamp(&self, name: &str) -> PResult<Option<u64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => {
                let ms = v
                    .as_u64()
                    .ok_or_else(|| bad(name, "integer timestamp (in milliseconds)"))?;
                if ms < 1_000_000_000 {
                    return err(format!(
                        "Invalid timestamp for '{name}': timestamp must be in milliseconds"
                    ));
                }
                Ok(Some(ms))
            }
        }
    }

    pub fn timestamp_array(&self, name: &str) -> PResult<Option<Vec<u64>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(Value::as_u64)
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| bad(name, "timestamp array")),
            Some(v) => v
                .as_u64()
                .map(|t| Some(vec![t]))
                .ok_or_else(|| bad(name, "timestamp array")),
        }
    }

    pub fn string_array(&self, name: &str) -> PResult<Option<Vec<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| bad(name, "string array")),
            Some(_) => Err(bad(name, "string array")),
        }
    }

    pub fn int_array(&self, name: &str) -> PResult<Option<Vec<i64>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(int_of)
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| bad(name, "integer array")),
            Some(v) => int_of(v)
                .map(|i| Some(vec![i]))
                .ok_or_else(|| bad(name, "integer array")),
        }
    }

    pub fn namespace(&self, name: &str) -> PResult<Option<i16>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => {
                let n = int_of(v).ok_or_else(|| bad(name, "16-bit integer"))?;
                i16::try_from(n).map(Some).map_err(|_| {
                    ParseError(format!(
                        "Invalid value given for '{name}': value out of range"
                    ))
                })
            }
        }
    }

    pub fn namespace_var(&self, name: &str) -> PResult<Option<NsVar>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) if s == "all" => Ok(Some(NsVar::All)),
            Some(v) => match int_of(v) {
                Some(n) => i16::try_from(n).map(|n| Some(NsVar::One(n))).map_err(|_| {
                    ParseError(format!(
                        "Invalid value given for '{name}': value out of range"
                    ))
                }),
                None => Err(bad(name, "integer or \"all\"")),
            },
        }
    }

    /// An integer that older clients may send as a string (`store.timestamp`).
    pub fn stringified_i64(&self, name: &str) -> PResult<Option<i64>> {
        if let Some(Value::String(s)) = self.get(name) {
            return s.parse::<i64>().map(Some).map_err(|_| {
                ParseError(format!(
                    "Invalid value given for '{name}': {}",
                    Value::from(s.as_str())
                ))
            });
        }
        self.int(name)
    }

    /// An unsigned integer that older clients may send as a string (`store.ttl`).
    pub fn stringified_u64(&self, name: &str) -> PResult<Option<u64>> {
        if let Some(Value::String(s)) = self.get(name) {
            return s.parse::<u64>().map(Some).map_err(|_| {
                ParseError(format!(
                    "Invalid value given for '{name}': {}",
                    Value::from(s.as_str())
                ))
            });
        }
        self.uint(name)
    }
}

/// Reads fields like [`Params`] but defers type errors: [`Fields::finish`] returns the error of
/// the first bad field in key order. Upstream loads a request's fields in key order and stops at
/// the first bad one, so this names the same field whatever order a method, and the shared
/// account reader (`auth::AuthParams`), read them in.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    params: Params<'a>,
    first_error: Option<(&'static str, ParseError)>,
}

/// Deferred forms of [`Params`]' readers: `None` for a bad field, whose error is kept.
macro_rules! deferred {
    ($($read:ident -> $t:ty),* $(,)?) => {
        $(
            pub fn $read(&mut self, name: &'static str) -> Option<$t> {
                let read = self.params.$read(name);
                self.keep(name, read)
            }
        )*
    };
}

impl<'a> Fields<'a> {
    pub fn new(params: Params<'a>) -> Self {
        Fields {
            params,
            first_error: None,
        }
    }

    fn keep<T>(&mut self, name: &'static str, read: PResult<Option<T>>) -> Option<T> {
        match read {
            Ok(v) => v,
            Err(e) => {
                if self
                    .first_error
                    .as_ref()
                    .is_none_or(|(first, _)| name < *first)
                {
                    self.first_error = Some((name, e));
                }
                None
            }
        }
    }

    deferred!(
        string -> &'a str,
        boolean -> bool,
        int -> i64,
        timestamp -> u64,
        timestamp_array -> Vec<u64>,
        string_array -> Vec<String>,
        namespace -> i16,
        namespace_var -> NsVar,
        stringified_i64 -> i64,
        stringified_u64 -> u64,
    );

    /// The error of the first bad field in key order, if any field was bad.
    pub fn finish(self) -> PResult<()> {
        match self.first_error {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }
}

fn int_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_u64().map(|u| u as i64))
}

/// `Required field '<name>' missing` unless present.
pub(crate) fn require<T>(name: &str, v: Option<T>) -> PResult<T> {
    v.ok_or_else(|| ParseError(format!("Required field '{name}' missing")))
}

/// Exactly one of a field and its alias.
pub(crate) fn one_of<T>(
    first: &str,
    a: Option<T>,
    second: &str,
    b: Option<T>,
    alias: bool,
) -> PResult<T> {
    match (a, b) {
        (Some(_), Some(_)) => err(format!("Cannot specify both '{first}' and '{second}'")),
        (Some(x), None) | (None, Some(x)) => Ok(x),
        (None, None) if alias => err(format!("Required field '{first}' missing")),
        (None, None) => err(format!("Required field '{first}' or '{second}' missing")),
    }
}
