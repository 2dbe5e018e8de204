//! ONS, Session names (network.md §7.4): a registered name resolves to a Session ID through
//! any service node's `oxend_request`/`ons_resolve`. The node is asked for the name's hash
//! only, and answers a record encrypted with a key that only the name gives. A single node
//! is not believed: the desktop asks three random nodes and accepts the answer only when all
//! three agree ([`agree`]).

use crate::crypto::push_and_ons::{
    decrypt_ons_response, encrypt_ons_value, ons_name_hash, PayloadError,
};
use crate::identity::SessionId;
use crate::rpc::Request;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::fmt;
use std::str::FromStr;

/// The longest name ONS registers.
pub const MAX_NAME_LEN: usize = 64;
/// How many different nodes must give the same answer (the desktop's `validationCount`).
pub const AGREEMENT: usize = 3;
/// The record type of Session names in `ons_resolve` (1 is wallets, 2 Lokinet).
pub const SESSION_TYPE: u64 = 0;

/// Why a name could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnsError {
    /// The name is empty.
    Empty,
    /// The name is longer than [`MAX_NAME_LEN`] (its length).
    TooLong(usize),
    /// The name has a character ONS names cannot have (letters, digits, `_` and, inside the
    /// name, `-`), or starts or ends with `-`.
    InvalidName,
    /// No Session ID is registered under this name.
    NotFound,
    /// A node's answer is not an ONS record (what was wrong).
    Malformed(&'static str),
    /// A node's record did not open with the name's key.
    Payload(PayloadError),
    /// The nodes asked gave different Session IDs.
    Disagreement,
}

impl fmt::Display for OnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnsError::Empty => f.write_str("the name is empty"),
            OnsError::TooLong(n) => write!(
                f,
                "the name has {n} characters; ONS names have at most {MAX_NAME_LEN}"
            ),
            OnsError::InvalidName => {
                f.write_str("an ONS name has only letters, digits, '_' and '-' (not at either end)")
            }
            OnsError::NotFound => f.write_str("no Session ID is registered under this name"),
            OnsError::Malformed(what) => write!(f, "a service node's answer is unreadable: {what}"),
            OnsError::Payload(e) => write!(f, "a service node's answer did not open: {e}"),
            OnsError::Disagreement => {
                f.write_str("service nodes gave different Session IDs for this name")
            }
        }
    }
}

impl std::error::Error for OnsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OnsError::Payload(e) => Some(e),
            _ => None,
        }
    }
}

/// A well-formed ONS name, lower-cased (names are case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OnsName(String);

impl OnsName {
    /// Checks `text` (surrounding spaces ignored) as the desktop does: `^\w([\w-]*\w)?$` with
    /// ASCII word characters, at most [`MAX_NAME_LEN`] long.
    pub fn parse(text: &str) -> Result<OnsName, OnsError> {
        let name = text.trim();
        if name.is_empty() {
            return Err(OnsError::Empty);
        }
        let len = name.chars().count();
        if len > MAX_NAME_LEN {
            return Err(OnsError::TooLong(len));
        }
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let inner_ok = name.chars().all(|c| word(c) || c == '-');
        let ends_ok = name.starts_with(word) && name.ends_with(word);
        if !inner_ok || !ends_ok {
            return Err(OnsError::InvalidName);
        }
        Ok(OnsName(name.to_ascii_lowercase()))
    }

    /// The name, lower-cased.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `BLAKE2b-32(name)`: what nodes are asked for.
    pub fn hash(&self) -> [u8; 32] {
        ons_name_hash(&self.0)
    }

    /// The `oxend_request` that asks a node for this name's record.
    pub fn request(&self) -> Request {
        let mut p = Map::new();
        p.insert("endpoint".into(), "ons_resolve".into());
        p.insert(
            "params".into(),
            json!({
                "type": SESSION_TYPE,
                "name_hash": base64::engine::general_purpose::STANDARD.encode(self.hash()),
            }),
        );
        Request::new("oxend_request", p)
    }
}

impl FromStr for OnsName {
    type Err = OnsError;

    fn from_str(s: &str) -> Result<OnsName, OnsError> {
        OnsName::parse(s)
    }
}

impl fmt::Display for OnsName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An encrypted ONS record: what a node answers for a registered name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnsRecord {
    /// The Session ID encrypted with the name's key, with its tag.
    pub ciphertext: Vec<u8>,
    /// The XChaCha20 nonce.
    pub nonce: [u8; 24],
}

impl OnsRecord {
    /// The record of `id` under `name`, encrypted with `nonce` (a registration; the local
    /// network uses it to answer as mainnet nodes do).
    pub fn seal(name: &OnsName, id: &SessionId, nonce: [u8; 24]) -> Result<OnsRecord, OnsError> {
        let ciphertext =
            encrypt_ons_value(name.as_str(), id.as_bytes(), &nonce).map_err(OnsError::Payload)?;
        Ok(OnsRecord { ciphertext, nonce })
    }

    /// The Session ID this record holds for `name`.
    pub fn open(&self, name: &OnsName) -> Result<SessionId, OnsError> {
        let raw = decrypt_ons_response(name.as_str(), &self.ciphertext, &self.nonce)
            .map_err(OnsError::Payload)?;
        SessionId::from_bytes(raw)
            .and_then(SessionId::require_standard)
            .map_err(|_| OnsError::Malformed("the record holds no account ID"))
    }

    /// The record in a node's answer body (`{"result": {"encrypted_value", "nonce"}, …}`);
    /// `None` when the name is not registered (no `encrypted_value`).
    pub fn from_answer(body: &Value) -> Result<Option<OnsRecord>, OnsError> {
        let result = body.get("result").ok_or(OnsError::Malformed("no result"))?;
        let Some(value) = result.get("encrypted_value") else {
            return Ok(None);
        };
        let value = value
            .as_str()
            .ok_or(OnsError::Malformed("encrypted_value is not text"))?;
        let ciphertext =
            hex::decode(value).map_err(|_| OnsError::Malformed("encrypted_value is not hex"))?;
        let nonce = result
            .get("nonce")
            .and_then(Value::as_str)
            .ok_or(OnsError::Malformed("no nonce"))?;
        let mut raw = [0u8; 24];
        hex::decode_to_slice(nonce, &mut raw)
            .map_err(|_| OnsError::Malformed("the nonce is not 24 bytes of hex"))?;
        Ok(Some(OnsRecord {
            ciphertext,
            nonce: raw,
        }))
    }

    /// The `result` object a node answers with.
    pub fn to_result(&self) -> Value {
        json!({
            "encrypted_value": hex::encode(&self.ciphertext),
            "nonce": hex::encode(self.nonce),
        })
    }
}

/// The one Session ID every node gave, or [`OnsError::Disagreement`] (no answers at all is
/// [`OnsError::NotFound`]).
pub fn agree(ids: &[SessionId]) -> Result<SessionId, OnsError> {
    let (first, rest) = ids.split_first().ok_or(OnsError::NotFound)?;
    if rest.iter().any(|id| id != first) {
        return Err(OnsError::Disagreement);
    }
    Ok(*first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_desktop_pattern() {
        for ok in ["a", "_", "alice", "Alice_99", "a-b", "a--b", "x_", "_-_"] {
            assert!(OnsName::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(OnsName::parse("  Bob ").unwrap().as_str(), "bob");
        assert_eq!(OnsName::parse(""), Err(OnsError::Empty));
        assert_eq!(OnsName::parse("   "), Err(OnsError::Empty));
        for bad in ["-a", "a-", "a b", "a.b", "café", "a@b", "-"] {
            assert_eq!(OnsName::parse(bad), Err(OnsError::InvalidName), "{bad}");
        }
        assert!(OnsName::parse(&"a".repeat(64)).is_ok());
        assert_eq!(OnsName::parse(&"a".repeat(65)), Err(OnsError::TooLong(65)));
    }

    #[test]
    fn the_request_carries_the_hash_not_the_name() {
        let name = OnsName::parse("Test").unwrap();
        let body = String::from_utf8(name.request().to_bytes()).unwrap();
        assert!(!body.contains("test"));
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["method"], "oxend_request");
        assert_eq!(v["params"]["endpoint"], "ons_resolve");
        assert_eq!(v["params"]["params"]["type"], 0);
        let hash = v["params"]["params"]["name_hash"].as_str().unwrap();
        let raw = base64::engine::general_purpose::STANDARD
            .decode(hash)
            .unwrap();
        assert_eq!(raw, name.hash());
    }

    #[test]
    fn sealed_records_open_with_their_name_only() {
        let id: SessionId = format!("05{}", "ab".repeat(32)).parse().unwrap();
        let name = OnsName::parse("alice").unwrap();
        let rec = OnsRecord::seal(&name, &id, [7; 24]).unwrap();
        let answer = json!({"result": rec.to_result(), "t": 1, "hf": [19, 3]});
        let back = OnsRecord::from_answer(&answer).unwrap().unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.open(&name).unwrap(), id);
        let other = OnsName::parse("alicf").unwrap();
        assert!(matches!(back.open(&other), Err(OnsError::Payload(_))));
    }

    #[test]
    fn answers_without_a_record_or_garbled_are_told_apart() {
        assert_eq!(OnsRecord::from_answer(&json!({"result": {}})), Ok(None));
        let cases = [
            json!({}),
            json!({"result": {"encrypted_value": 5, "nonce": "00"}}),
            json!({"result": {"encrypted_value": "zz", "nonce": "00"}}),
            json!({"result": {"encrypted_value": "00"}}),
            json!({"result": {"encrypted_value": "00", "nonce": "0011"}}),
        ];
        for c in cases {
            assert!(
                matches!(OnsRecord::from_answer(&c), Err(OnsError::Malformed(_))),
                "{c}"
            );
        }
    }

    #[test]
    fn agreement_needs_every_answer_equal() {
        let a: SessionId = format!("05{}", "11".repeat(32)).parse().unwrap();
        let b: SessionId = format!("05{}", "22".repeat(32)).parse().unwrap();
        assert_eq!(agree(&[a, a, a]), Ok(a));
        assert_eq!(agree(&[a, b, a]), Err(OnsError::Disagreement));
        assert_eq!(agree(&[]), Err(OnsError::NotFound));
    }
}
