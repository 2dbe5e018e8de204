//! The answers to `expire`, `expire_all` and `get_expiries` (network.md §5.9, §5.10).

use super::delete::per_namespace;
use super::json::{get, hash_of, obj, sig64, u64_of, Obj};
use super::members::{parse_swarm, SwarmResults};
use super::FromJson;
use crate::rpc::{sig, RpcError};
use serde_json::Value;
use std::collections::BTreeMap;

/// What one member changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expired {
    /// Hashes whose expiry changed, in ASCII order.
    pub updated: Vec<String>,
    /// With `shorten`/`extend`: hashes found but left as they were, with their expiry.
    pub unchanged: BTreeMap<String, u64>,
    /// The applied expiry, or one per updated hash (empty when the member sent none).
    pub expiries: Vec<u64>,
    /// The member's signature of its result.
    pub signature: [u8; 64],
}

/// The answer to `expire` or `expire_all`.
pub type ExpireResponse = SwarmResults<Expired>;

fn expired(o: &Obj) -> Result<Expired, RpcError> {
    let (updated, _) = per_namespace(get(o, "updated")?, "updated")?;
    let unchanged = match o.get("unchanged") {
        None => BTreeMap::new(),
        Some(v) => obj(v)?
            .iter()
            .map(|(h, e)| {
                hash_of(&Value::from(h.as_str()), "unchanged")
                    .and_then(|h| Ok((h, u64_of(e, "unchanged")?)))
            })
            .collect::<Result<_, _>>()?,
    };
    let expiries = match o.get("expiry") {
        None => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .map(|e| u64_of(e, "expiry"))
            .collect::<Result<_, _>>()?,
        Some(v) => vec![u64_of(v, "expiry")?],
    };
    Ok(Expired {
        updated,
        unchanged,
        expiries,
        signature: sig64(o, "signature")?,
    })
}

impl FromJson for SwarmResults<Expired> {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        parse_swarm(v, expired)
    }
}

impl SwarmResults<Expired> {
    /// Members whose `expire` result signature verifies, for the hashes requested (in request
    /// order).
    pub fn verify_expire<S: AsRef<str>>(
        &self,
        account: &[u8; 33],
        requested: &[S],
    ) -> Vec<[u8; 32]> {
        let account = hex::encode(account);
        self.verified_by(
            |e| Some(&e.signature),
            |e| {
                let unchanged: Vec<(&String, u64)> =
                    e.unchanged.iter().map(|(h, x)| (h, *x)).collect();
                sig::expire_result(&account, &e.expiries, requested, &e.updated, &unchanged)
            },
        )
    }

    /// Members whose `expire_all` result signature verifies, for the requested expiry.
    pub fn verify_expire_all(&self, account: &[u8; 33], expiry_ms: u64) -> Vec<[u8; 32]> {
        let account = hex::encode(account);
        self.verified_by(
            |e| Some(&e.signature),
            |e| sig::expire_all_result(&account, expiry_ms, &e.updated),
        )
    }
}

/// The answer to `get_expiries`: expiry (ms) of each message that exists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetExpiriesResponse {
    /// Hash → expiry.
    pub expiries: BTreeMap<String, u64>,
}

impl FromJson for GetExpiriesResponse {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let expiries = obj(get(obj(v)?, "expiries")?)?
            .iter()
            .map(|(h, e)| {
                hash_of(&Value::from(h.as_str()), "expiries")
                    .and_then(|h| Ok((h, u64_of(e, "expiries")?)))
            })
            .collect::<Result<_, _>>()?;
        Ok(GetExpiriesResponse { expiries })
    }
}
