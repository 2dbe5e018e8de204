//! The answer to `store` (network.md §5.4).

use super::json::{flag, hash_of, opt_u64, sig64, Obj};
use super::members::{parse_swarm, MemberResult, SwarmResults};
use super::FromJson;
use crate::rpc::{sig, RpcError};
use serde_json::Value;

/// One member's stored copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCopy {
    /// The message hash.
    pub hash: String,
    /// The member's signature of the hash string.
    pub signature: Option<[u8; 64]>,
    /// The expiry it applied (ms).
    pub expiry: Option<u64>,
    /// The message was already stored (its expiry may have been extended).
    pub already: bool,
}

/// The answer to `store`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreResponse {
    /// The message hash (top-level copy, or a member's).
    pub hash: String,
    /// Every member's result, and the time.
    pub swarm: SwarmResults<StoredCopy>,
}

impl StoreResponse {
    /// Server time (ms).
    pub fn t(&self) -> Option<u64> {
        self.swarm.t
    }

    /// Members whose signature of the hash verifies under their key.
    pub fn verified_members(&self) -> Vec<[u8; 32]> {
        self.swarm
            .verified_by(|c| c.signature.as_ref(), |c| sig::store_result(&c.hash))
    }

    /// Members that prove they stored exactly `hash`: their copy names it and their signature
    /// of it verifies under their key.
    pub fn proven_by(&self, hash: &str) -> Vec<[u8; 32]> {
        self.swarm.verified_by(
            |c| c.signature.as_ref().filter(|_| c.hash == hash),
            |c| sig::store_result(&c.hash),
        )
    }
}

fn copy(o: &Obj) -> Result<StoredCopy, RpcError> {
    Ok(StoredCopy {
        hash: hash_of(super::json::get(o, "hash")?, "hash")?,
        signature: o
            .contains_key("signature")
            .then(|| sig64(o, "signature"))
            .transpose()?,
        expiry: opt_u64(o, "expiry")?,
        already: flag(o, "already")?,
    })
}

impl FromJson for StoreResponse {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let swarm = parse_swarm(v, copy)?;
        let top = v.get("hash").map(|h| hash_of(h, "hash")).transpose()?;
        let hash = top
            .or_else(|| {
                swarm.members.values().find_map(|m| match m {
                    MemberResult::Ok(c) => Some(c.hash.clone()),
                    MemberResult::Failed(_) => None,
                })
            })
            .ok_or(RpcError::MissingField("hash"))?;
        Ok(StoreResponse { hash, swarm })
    }
}
