//! The local network's ONS names (network.md §7.4): registered through the admin endpoint or
//! [`crate::LocalNet::register_name`], kept in the data directory, and answered by every
//! node's `oxend_request`/`ons_resolve` as oxend answers: the record encrypted with the
//! name's key under a fresh nonce, looked up by the name's hash (nodes never see names).

use crate::Error;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use serde_json::{json, Map, Value};
use session_core::identity::SessionId;
use session_core::ons::{OnsName, OnsRecord, SESSION_TYPE};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const FILE: &str = "ons-names.json";

/// Registered names by their hash.
#[derive(Debug)]
pub(crate) struct Names {
    records: Mutex<HashMap<[u8; 32], OnsRecord>>,
    file: PathBuf,
}

impl Names {
    /// The names registered in `dir` before (none on a new network).
    pub(crate) fn open(dir: &Path) -> Result<Names, Error> {
        let file = dir.join(FILE);
        let mut records = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(&file) {
            let saved: Map<String, Value> =
                serde_json::from_str(&text).map_err(|e| Error::Corrupt(format!("{FILE}: {e}")))?;
            for (hash, result) in saved {
                let record = OnsRecord::from_answer(&json!({ "result": result }))
                    .ok()
                    .flatten();
                let mut key = [0u8; 32];
                match (hex::decode_to_slice(&hash, &mut key), record) {
                    (Ok(()), Some(r)) => records.insert(key, r),
                    _ => return Err(Error::Corrupt(format!("{FILE}: entry {hash}"))),
                };
            }
        }
        Ok(Names {
            records: Mutex::new(records),
            file,
        })
    }

    /// Registers (or moves) `name` to `id`; answers the name as stored (lower-cased).
    pub(crate) fn register(&self, name: &str, id: &str) -> Result<OnsName, Error> {
        let name = OnsName::parse(name).map_err(Error::Name)?;
        let id = SessionId::parse_standard(id.trim()).map_err(Error::SessionId)?;
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let record = OnsRecord::seal(&name, &id, nonce).map_err(Error::Name)?;
        let mut records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        records.insert(name.hash(), record);
        let saved: Map<String, Value> = records
            .iter()
            .map(|(h, r)| (hex::encode(h), r.to_result()))
            .collect();
        std::fs::write(&self.file, Value::Object(saved).to_string())?;
        Ok(name)
    }

    /// oxend's `ons_resolve` result for `params` (`{"type": 0, "name_hash": b64 or hex}`):
    /// the record, `{}` for a name nobody registered, or oxend's complaint.
    pub(crate) fn resolve(&self, params: Option<&Value>) -> Result<Value, String> {
        let params = params.ok_or("ons_resolve needs parameters")?;
        let kind = params.get("type").and_then(Value::as_u64).unwrap_or(0);
        if kind > 2 {
            return Err(format!("Invalid ONS type {kind}"));
        }
        let hash = params
            .get("name_hash")
            .and_then(Value::as_str)
            .and_then(decode_hash)
            .ok_or("Invalid name_hash: expected 32 bytes in hex or base64")?;
        if kind != SESSION_TYPE {
            return Ok(json!({}));
        }
        let records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        Ok(records
            .get(&hash)
            .map_or_else(|| json!({}), OnsRecord::to_result))
    }
}

fn decode_hash(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() == 64 {
        hex::decode_to_slice(text, &mut out).ok()?;
        return Some(out);
    }
    let raw = STANDARD.decode(text).ok()?;
    out.copy_from_slice(raw.get(..32).filter(|_| raw.len() == 32)?);
    Some(out)
}
