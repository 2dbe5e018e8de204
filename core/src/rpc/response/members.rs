//! Results of recursive methods: one entry per swarm member, keyed by its Ed25519 key
//! (network.md §5.13).

use super::json::{flag, get, hex32, obj, opt_str, time, Obj};
use crate::rpc::RpcError;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde_json::Value;
use std::collections::BTreeMap;

/// Every swarm member's result, and the entry node's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwarmResults<T> {
    /// Member Ed25519 key → its result.
    pub members: BTreeMap<[u8; 32], MemberResult<T>>,
    /// Server time (ms).
    pub t: Option<u64>,
    /// Hard fork `[major, minor]`.
    pub hf: Option<(u32, u32)>,
}

/// One member's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberResult<T> {
    /// It applied the request.
    Ok(T),
    /// It failed or did not answer.
    Failed(MemberFailure),
}

/// Why a member failed (`failed: true` plus one of these).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFailure {
    /// It did not answer within 5 s.
    pub timeout: bool,
    /// Its status, when it answered with an error.
    pub code: Option<u16>,
    /// Its error message.
    pub reason: Option<String>,
    /// It answered something unreadable.
    pub bad_peer_response: bool,
    /// Its database query failed.
    pub query_failure: bool,
}

impl<T> SwarmResults<T> {
    /// The members that succeeded.
    pub fn successes(&self) -> impl Iterator<Item = (&[u8; 32], &T)> {
        self.members.iter().filter_map(|(k, r)| match r {
            MemberResult::Ok(v) => Some((k, v)),
            MemberResult::Failed(_) => None,
        })
    }

    /// Keys of the successful members whose `signature` verifies over `message(result)`
    /// (clients should ignore the others).
    pub(crate) fn verified_by(
        &self,
        signature: impl Fn(&T) -> Option<&[u8; 64]>,
        message: impl Fn(&T) -> Vec<u8>,
    ) -> Vec<[u8; 32]> {
        self.successes()
            .filter(|(key, result)| {
                signature(result).is_some_and(|sig| verify(key, &message(result), sig))
            })
            .map(|(key, _)| *key)
            .collect()
    }
}

pub(crate) fn verify(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    VerifyingKey::from_bytes(key)
        .is_ok_and(|vk| vk.verify(msg, &Signature::from_bytes(sig)).is_ok())
}

/// Parses `{"swarm": {<hex key>: entry}, "t", "hf"}`, reading successful entries with `f`.
pub(crate) fn parse_swarm<T>(
    v: &Value,
    f: impl Fn(&Obj) -> Result<T, RpcError>,
) -> Result<SwarmResults<T>, RpcError> {
    let o = obj(v)?;
    let (t, hf) = time(o)?;
    let mut members = BTreeMap::new();
    for (key, entry) in obj(get(o, "swarm")?)? {
        let key = hex32(key, "swarm")?;
        let entry = obj(entry)?;
        let result = if flag(entry, "failed")? {
            MemberResult::Failed(failure(entry)?)
        } else {
            MemberResult::Ok(f(entry)?)
        };
        members.insert(key, result);
    }
    Ok(SwarmResults { members, t, hf })
}

fn failure(o: &Obj) -> Result<MemberFailure, RpcError> {
    let code = match o.get("code") {
        None => None,
        Some(Value::String(s)) => Some(
            s.parse()
                .map_err(|_| RpcError::field("code", "not a status"))?,
        ),
        Some(v) => Some(super::json::u16_of(v, "code")?),
    };
    Ok(MemberFailure {
        timeout: flag(o, "timeout")?,
        code,
        reason: opt_str(o, "reason")?.map(str::to_owned),
        bad_peer_response: flag(o, "bad_peer_response")?,
        query_failure: flag(o, "query_failure")?,
    })
}
