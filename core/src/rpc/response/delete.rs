//! The answers to `delete`, `delete_all` and `delete_before` (network.md §5.6–§5.8).

use super::json::{get, hash_list, sig64, Obj};
use super::members::{parse_swarm, SwarmResults};
use super::FromJson;
use crate::rpc::{sig, RpcError};
use serde_json::Value;
use std::collections::BTreeMap;

/// What one member deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// Every deleted hash, in ASCII order.
    pub hashes: Vec<String>,
    /// Per namespace, for `delete_all`/`delete_before` with `all`.
    pub by_namespace: Option<BTreeMap<i16, Vec<String>>>,
    /// The member's signature of its result.
    pub signature: [u8; 64],
}

/// The answer to `delete`, `delete_all` or `delete_before`.
pub type DeleteResponse = SwarmResults<Deleted>;

/// Hashes sorted, and the same split per namespace when the field was an object.
pub(crate) type PerNamespace = (Vec<String>, Option<BTreeMap<i16, Vec<String>>>);

/// Reads a `deleted` or `updated` field: a list, or an object of lists per namespace.
pub(crate) fn per_namespace(v: &Value, f: &'static str) -> Result<PerNamespace, RpcError> {
    match v {
        Value::Object(map) => {
            let mut all = Vec::new();
            let mut by = BTreeMap::new();
            for (ns, list) in map {
                let ns: i16 = ns
                    .parse()
                    .map_err(|_| RpcError::field(f, format!("'{ns}' is not a namespace")))?;
                let list = hash_list(list, f)?;
                all.extend(list.iter().cloned());
                by.insert(ns, list);
            }
            all.sort();
            Ok((all, Some(by)))
        }
        _ => {
            let mut list = hash_list(v, f)?;
            list.sort();
            Ok((list, None))
        }
    }
}

fn deleted(o: &Obj) -> Result<Deleted, RpcError> {
    let (hashes, by_namespace) = per_namespace(get(o, "deleted")?, "deleted")?;
    Ok(Deleted {
        hashes,
        by_namespace,
        signature: sig64(o, "signature")?,
    })
}

impl FromJson for SwarmResults<Deleted> {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        parse_swarm(v, deleted)
    }
}

impl SwarmResults<Deleted> {
    /// Members whose `delete` result signature verifies, for the hashes requested (in request
    /// order).
    pub fn verify_delete<S: AsRef<str>>(
        &self,
        account: &[u8; 33],
        requested: &[S],
    ) -> Vec<[u8; 32]> {
        let account = hex::encode(account);
        self.verified_by(
            |d| Some(&d.signature),
            |d| sig::delete_result(&account, requested, &d.hashes),
        )
    }

    /// Members whose `delete_all` result signature verifies, for the request's timestamp.
    pub fn verify_delete_all(&self, account: &[u8; 33], timestamp_ms: u64) -> Vec<[u8; 32]> {
        let account = hex::encode(account);
        self.verified_by(
            |d| Some(&d.signature),
            |d| sig::delete_all_result(&account, timestamp_ms, &d.hashes),
        )
    }

    /// Members whose `delete_before` result signature verifies, for the request's `before`.
    pub fn verify_delete_before(&self, account: &[u8; 33], before_ms: u64) -> Vec<[u8; 32]> {
        let account = hex::encode(account);
        self.verified_by(
            |d| Some(&d.signature),
            |d| sig::delete_before_result(&account, before_ms, &d.hashes),
        )
    }
}
