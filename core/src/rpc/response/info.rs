//! The answers to `info` and the subaccount revocations (network.md §5.10).

use super::json::{get, obj, opt_u64, sig64, time, u64_of, Obj};
use super::members::{parse_swarm, SwarmResults};
use super::FromJson;
use crate::rpc::{sig, RpcError};
use serde_json::Value;

/// The answer to `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoResponse {
    /// Storage server version, e.g. `[2, 8, 0]`.
    pub version: Vec<u64>,
    /// Server time (ms): `t`, or `timestamp` when `t` is absent.
    pub t: Option<u64>,
    /// Hard fork `[major, minor]`.
    pub hf: Option<(u32, u32)>,
}

impl FromJson for InfoResponse {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let o = obj(v)?;
        let version = get(o, "version")?
            .as_array()
            .ok_or_else(|| RpcError::field("version", "expected an array"))?
            .iter()
            .map(|n| u64_of(n, "version"))
            .collect::<Result<_, _>>()?;
        let (t, hf) = time(o)?;
        let t = match t {
            Some(t) => Some(t),
            None => opt_u64(o, "timestamp")?,
        };
        Ok(InfoResponse { version, t, hf })
    }
}

/// One member's result of `revoke_subaccount`/`unrevoke_subaccount`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// Revocations removed (unrevoke only).
    pub count: Option<u64>,
    /// The member's signature of its result.
    pub signature: [u8; 64],
}

/// The answer to `revoke_subaccount` or `unrevoke_subaccount`.
pub type RevokeResponse = SwarmResults<Revoked>;

fn revoked(o: &Obj) -> Result<Revoked, RpcError> {
    Ok(Revoked {
        count: opt_u64(o, "count")?,
        signature: sig64(o, "signature")?,
    })
}

impl FromJson for SwarmResults<Revoked> {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        parse_swarm(v, revoked)
    }
}

impl SwarmResults<Revoked> {
    /// Members whose signature verifies, for the request's timestamp and tokens.
    pub fn verify(
        &self,
        account: &[u8; 33],
        timestamp_ms: u64,
        tokens: &[[u8; 36]],
    ) -> Vec<[u8; 32]> {
        let msg = sig::revoke_result(&hex::encode(account), timestamp_ms, tokens);
        self.verified_by(|r| Some(&r.signature), |_| msg.clone())
    }
}
