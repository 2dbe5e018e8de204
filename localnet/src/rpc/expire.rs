//! `expire`, `expire_all`, `get_expiries` (§5.9, §5.10).

use super::auth::{self, within, Account, SIG_TOLERANCE_FORWARDED_MS, SIG_TOLERANCE_MS};
use super::errors;
use super::params::{err, load_hashes, require, NsVar, PResult, Params};
use super::reply::Reply;
use super::swarm::{check_swarm, ns_entry, recursive};
use crate::node::Node;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

const TTL_MAX_PRIVATE_MS: u64 = 30 * 24 * 3600 * 1000;
const EXPIRE_PAST_MS: u64 = 60_000;

#[derive(Debug, Clone)]
pub(crate) struct ExpireReq {
    acc: Account,
    expiry: Vec<u64>,
    shorten: bool,
    extend: bool,
    messages: Vec<String>,
    params: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct ExpireAllReq {
    acc: Account,
    namespace: NsVar,
    expiry: u64,
    params: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct GetExpiriesReq {
    acc: Account,
    timestamp: u64,
    messages: Vec<String>,
}

pub(crate) fn parse_expire(p: Params<'_>, params: Map<String, Value>) -> PResult<ExpireReq> {
    let (acc, (expiry, extend, messages, shorten)) = auth::signed_request(p, |f| {
        (
            f.timestamp_array("expiry"),
            f.boolean("extend"),
            f.string_array("messages"),
            f.boolean("shorten"),
        )
    })?;
    let expiry = require("expiry", expiry)?;
    if expiry.is_empty() {
        return err("'expiry' does not contain any expiration timestamps");
    }
    let (shorten, extend) = (shorten.unwrap_or(false), extend.unwrap_or(false));
    if shorten && extend {
        return err("cannot specify both 'shorten' and 'extend'");
    }
    let messages = require("messages", messages)?;
    if messages.is_empty() {
        return err("messages does not contain any message hashes");
    }
    if expiry.len() > 1 && expiry.len() != messages.len() {
        return err("'expiry' must be a single expiry, or the same length as 'messages'");
    }
    let messages = load_hashes(Some(messages), true)?;
    Ok(ExpireReq {
        acc,
        expiry,
        shorten,
        extend,
        messages,
        params,
    })
}

pub(crate) fn parse_expire_all(p: Params<'_>, params: Map<String, Value>) -> PResult<ExpireAllReq> {
    let (acc, (expiry, ns)) =
        auth::signed_request(p, |f| (f.timestamp("expiry"), f.namespace_var("namespace")))?;
    let expiry = require("expiry", expiry)?;
    Ok(ExpireAllReq {
        acc,
        namespace: ns.unwrap_or(NsVar::One(0)),
        expiry,
        params,
    })
}

pub(crate) fn parse_get_expiries(p: Params<'_>) -> PResult<GetExpiriesReq> {
    let (acc, (messages, ts)) = auth::signed_request(p, |f| {
        (f.string_array("messages"), f.timestamp("timestamp"))
    })?;
    let timestamp = require("timestamp", ts)?;
    let messages = load_hashes(messages, false)?;
    Ok(GetExpiriesReq {
        acc,
        timestamp,
        messages,
    })
}

fn concat_u64(v: &[u64]) -> String {
    v.iter().map(u64::to_string).collect()
}

pub(crate) async fn run_expire(node: &Arc<Node>, r: ExpireReq, recurse: bool) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    let mut applied = Vec::with_capacity(r.expiry.len());
    for &e in &r.expiry {
        if e < now.saturating_sub(EXPIRE_PAST_MS) {
            return Reply::text(401, errors::EXPIRE_PAST);
        }
        applied.push(e.min(now + TTL_MAX_PRIVATE_MS));
    }
    if r.expiry.len() > 1 && node.net.config.hardfork < [19, 4] {
        return Reply::text(403, errors::EXPIRE_MULTI);
    }
    let mode = if r.shorten {
        "shorten"
    } else if r.extend {
        "extend"
    } else {
        ""
    };
    let msg = format!(
        "expire{mode}{}{}",
        concat_u64(&r.expiry),
        r.messages.concat()
    );
    if !auth::verify(&node.store, &r.acc, auth::WRITE, false, msg.as_bytes(), now) {
        return Reply::text(401, errors::EXPIRE_SIG);
    }
    let mut extend_only = r.extend;
    if let Some((tok, _)) = r.acc.subaccount {
        if tok[1] & auth::DELETE == 0 {
            if r.shorten {
                return Reply::text(400, errors::EXPIRE_SHORTEN_SUBACCOUNT);
            }
            extend_only = true;
        }
    }
    let local = || {
        let mut updated = node
            .store
            .update_expiry(
                &r.acc.pubkey,
                &r.messages,
                &applied,
                extend_only,
                r.shorten,
                now,
            )
            .map_err(|e| e.to_string())?;
        updated.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unchanged: BTreeMap<String, u64> = BTreeMap::new();
        if r.extend || r.shorten {
            let rest: Vec<String> = r
                .messages
                .iter()
                .filter(|m| !updated.iter().any(|(h, _)| h == *m))
                .cloned()
                .collect();
            if !rest.is_empty() {
                unchanged = node
                    .store
                    .get_expiries(&r.acc.pubkey, &rest, now)
                    .map_err(|e| e.to_string())?;
            }
        }
        let updated_exp: Vec<u64> = if r.expiry.len() > 1 {
            updated.iter().map(|(_, e)| *e).collect()
        } else {
            vec![applied[0]]
        };
        let hashes: Vec<String> = updated.into_iter().map(|(h, _)| h).collect();
        let mut signed = format!(
            "{}{}{}{}",
            r.acc.hex(),
            concat_u64(&updated_exp),
            r.messages.concat(),
            hashes.concat()
        );
        for (h, e) in &unchanged {
            signed.push_str(h);
            signed.push_str(&e.to_string());
        }
        let mut mine = json!({
            "updated": hashes,
            "signature": node.sign_b64(signed.as_bytes()),
        });
        mine["expiry"] = if r.expiry.len() > 1 {
            json!(updated_exp)
        } else {
            json!(updated_exp[0])
        };
        if r.extend || r.shorten {
            mine["unchanged"] = json!(unchanged);
        }
        Ok(mine)
    };
    recursive(node, "expire", &r.params, recurse, local, |_, _| {}).await
}

pub(crate) async fn run_expire_all(node: &Arc<Node>, r: ExpireAllReq, recurse: bool) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    let tol = if recurse {
        SIG_TOLERANCE_MS
    } else {
        SIG_TOLERANCE_FORWARDED_MS
    };
    if r.expiry < now.saturating_sub(tol) {
        return Reply::text(406, errors::EXPIRE_ALL_PAST);
    }
    let msg = format!("expire_all{}{}", r.namespace.sig_text(), r.expiry);
    if !auth::verify(
        &node.store,
        &r.acc,
        auth::DELETE,
        false,
        msg.as_bytes(),
        now,
    ) {
        return Reply::text(401, errors::EXPIRE_ALL_SIG);
    }
    let local = || {
        let affected = node
            .store
            .update_all_expiries(&r.acc.pubkey, r.namespace.one(), r.expiry, now)
            .map_err(|e| e.to_string())?;
        let prefix = format!("{}{}", r.acc.hex(), r.expiry);
        Ok(ns_entry(node, "updated", r.namespace, affected, prefix))
    };
    recursive(node, "expire_all", &r.params, recurse, local, |_, _| {}).await
}

pub(crate) fn run_get_expiries(node: &Node, r: GetExpiriesReq) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    if !within(r.timestamp, now, SIG_TOLERANCE_MS) {
        return Reply::text(406, errors::GET_EXPIRIES_TIME);
    }
    let msg = format!("get_expiries{}{}", r.timestamp, r.messages.concat());
    if !auth::verify(&node.store, &r.acc, auth::READ, false, msg.as_bytes(), now) {
        return Reply::text(401, errors::GET_EXPIRIES_SIG);
    }
    match node.store.get_expiries(&r.acc.pubkey, &r.messages, now) {
        Ok(map) => Reply::json(200, json!({"expiries": map})),
        Err(e) => Reply::text(500, e.to_string()),
    }
}
