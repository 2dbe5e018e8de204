//! `info`, `oxend_request`, `revoke_subaccount`, `unrevoke_subaccount` (§5.10).

use super::auth::{self, within, Account, AuthParams, SIG_TOLERANCE_MS};
use super::errors;
use super::params::{err, require, token, Fields, PResult, Params};
use super::reply::{add_misc, Reply};
use super::swarm::{check_swarm, recursive};
use super::version::VERSION;
use crate::node::Node;
use serde_json::{json, Map, Value};
use std::sync::Arc;

const MAX_SUBACCOUNT_TOKENS: usize = 50;

#[derive(Debug, Clone)]
pub(crate) struct OxendReq {
    endpoint: String,
    params: Option<Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct RevokeReq {
    acc: Account,
    timestamp: u64,
    tokens: Vec<[u8; 36]>,
    params: Map<String, Value>,
}

pub(crate) fn run_info(node: &Node) -> Reply {
    let now = node.now();
    let mut body = json!({"version": VERSION, "timestamp": now});
    add_misc(node, &mut body, now);
    Reply::json(200, body)
}

pub(crate) fn parse_oxend(p: Params<'_>) -> PResult<OxendReq> {
    let endpoint = require("endpoint", p.string("endpoint")?)?;
    if endpoint != "get_service_nodes" && endpoint != "ons_resolve" {
        return err(format!("Invalid oxend endpoint '{endpoint}'"));
    }
    Ok(OxendReq {
        endpoint: endpoint.to_owned(),
        params: p.0.get("params").filter(|v| !v.is_null()).cloned(),
    })
}

pub(crate) fn run_oxend(node: &Node, r: OxendReq) -> Reply {
    let result = match r.endpoint.as_str() {
        "get_service_nodes" => crate::seed::service_nodes_result(&node.net, r.params.as_ref()),
        _ => match node.net.names.resolve(r.params.as_ref()) {
            Ok(result) => result,
            // The storage server passes oxend's complaint on as a 400.
            Err(why) => return Reply::text(400, why),
        },
    };
    let mut body = json!({"result": result});
    add_misc(node, &mut body, node.now());
    Reply::json(200, body)
}

pub(crate) fn parse_revoke(
    p: Params<'_>,
    params: Map<String, Value>,
    revoke: bool,
) -> PResult<RevokeReq> {
    let what = if revoke { "revoke" } else { "unrevoke" };
    let mut f = Fields::new(p);
    let auth = AuthParams::read_owner(&mut f);
    let list = f.string_array(what);
    let ts = f.timestamp("timestamp");
    f.finish()?;
    let acc = auth.signed()?;
    let timestamp = if revoke { 0 } else { require("timestamp", ts)? };
    let list = require(what, list)?;
    if revoke && list.len() > MAX_SUBACCOUNT_TOKENS {
        return err(format!(
            "invalid revoke: cannot revoke more than {MAX_SUBACCOUNT_TOKENS} subaccounts at once"
        ));
    }
    let mut tokens = Vec::with_capacity(list.len());
    for t in &list {
        match token(t) {
            Some(tok) => tokens.push(tok),
            None => {
                return err(format!(
                    "invalid {what}: expected base64 or hex-encoded subaccount tag"
                ))
            }
        }
    }
    let timestamp = if revoke {
        require("timestamp", ts)?
    } else {
        timestamp
    };
    Ok(RevokeReq {
        acc,
        timestamp,
        tokens,
        params,
    })
}

pub(crate) async fn run_revoke(
    node: &Arc<Node>,
    r: RevokeReq,
    recurse: bool,
    revoke: bool,
) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    let (name, time_err, sig_err) = if revoke {
        ("revoke_subaccount", errors::REVOKE_TIME, errors::REVOKE_SIG)
    } else {
        (
            "unrevoke_subaccount",
            errors::UNREVOKE_TIME,
            errors::UNREVOKE_SIG,
        )
    };
    if !within(r.timestamp, now, SIG_TOLERANCE_MS) {
        return Reply::text(406, time_err);
    }
    let mut msg = format!("{name}{}", r.timestamp).into_bytes();
    let mut raw = Vec::new();
    for t in &r.tokens {
        raw.extend_from_slice(t);
    }
    msg.extend_from_slice(&raw);
    // Signed by the owner: `AuthParams::read_owner` never carries a subaccount.
    if !auth::verify(&node.store, &r.acc, 0, false, &msg, now) {
        return Reply::text(401, sig_err);
    }
    let local = || {
        let mut signed = format!("{}{}", r.acc.hex(), r.timestamp).into_bytes();
        signed.extend_from_slice(&raw);
        let mut mine = json!({"signature": node.sign_b64(&signed)});
        if revoke {
            node.store
                .revoke(&r.acc.pubkey, &r.tokens, now)
                .map_err(|e| e.to_string())?;
        } else {
            let n = node
                .store
                .unrevoke(&r.acc.pubkey, &r.tokens, now)
                .map_err(|e| e.to_string())?;
            mine["count"] = n.into();
        }
        Ok(mine)
    };
    recursive(node, name, &r.params, recurse, local, |_, _| {}).await
}
