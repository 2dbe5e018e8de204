//! `delete`, `delete_all`, `delete_before` (§5.6–§5.8).

use super::auth::{self, within, Account, SIG_TOLERANCE_FORWARDED_MS, SIG_TOLERANCE_MS};
use super::errors;
use super::params::{load_hashes, require, NsVar, PResult, Params};
use super::reply::{Body, Reply};
use super::swarm::{check_swarm, ns_entry, recursive};
use crate::node::Node;
use serde_json::{json, Map, Value};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(crate) struct DeleteReq {
    acc: Account,
    messages: Vec<String>,
    required: bool,
    params: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct DeleteAllReq {
    acc: Account,
    namespace: NsVar,
    timestamp: u64,
    params: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct DeleteBeforeReq {
    acc: Account,
    namespace: NsVar,
    before: u64,
    params: Map<String, Value>,
}

pub(crate) fn parse_delete(p: Params<'_>, params: Map<String, Value>) -> PResult<DeleteReq> {
    let (acc, (messages, required)) =
        auth::signed_request(p, |f| (f.string_array("messages"), f.boolean("required")))?;
    let messages = load_hashes(messages, true)?;
    let required = required.unwrap_or(false);
    Ok(DeleteReq {
        acc,
        messages,
        required,
        params,
    })
}

pub(crate) fn parse_delete_all(p: Params<'_>, params: Map<String, Value>) -> PResult<DeleteAllReq> {
    let (acc, (ns, ts)) = auth::signed_request(p, |f| {
        (f.namespace_var("namespace"), f.timestamp("timestamp"))
    })?;
    let timestamp = require("timestamp", ts)?;
    Ok(DeleteAllReq {
        acc,
        namespace: ns.unwrap_or(NsVar::One(0)),
        timestamp,
        params,
    })
}

pub(crate) fn parse_delete_before(
    p: Params<'_>,
    params: Map<String, Value>,
) -> PResult<DeleteBeforeReq> {
    let (acc, (before, ns)) =
        auth::signed_request(p, |f| (f.timestamp("before"), f.namespace_var("namespace")))?;
    let before = require("before", before)?;
    Ok(DeleteBeforeReq {
        acc,
        namespace: ns.unwrap_or(NsVar::One(0)),
        before,
        params,
    })
}

pub(crate) async fn run_delete(node: &Arc<Node>, r: DeleteReq, recurse: bool) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    let msg = format!("delete{}", r.messages.concat());
    if !auth::verify(
        &node.store,
        &r.acc,
        auth::DELETE,
        false,
        msg.as_bytes(),
        now,
    ) {
        return Reply::text(401, errors::DELETE_SIG);
    }
    let local = || {
        let mut deleted = node
            .store
            .delete_by_hash(&r.acc.pubkey, &r.messages, now)
            .map_err(|e| e.to_string())?;
        deleted.sort();
        let signed = format!("{}{}{}", r.acc.hex(), r.messages.concat(), deleted.concat());
        Ok(json!({"deleted": deleted, "signature": node.sign_b64(signed.as_bytes())}))
    };
    let mut reply = recursive(node, "delete", &r.params, recurse, local, |_, _| {}).await;
    if r.required && reply.status == 200 {
        if let Body::Json(v) = &reply.body {
            let deleted_some = v["swarm"].as_object().is_some_and(|s| {
                s.values()
                    .any(|m| m["deleted"].as_array().is_some_and(|a| !a.is_empty()))
            });
            if !deleted_some {
                reply.status = 404;
            }
        }
    }
    reply
}

pub(crate) async fn run_delete_all(node: &Arc<Node>, r: DeleteAllReq, recurse: bool) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    let tol = if recurse {
        SIG_TOLERANCE_MS
    } else {
        SIG_TOLERANCE_FORWARDED_MS
    };
    if !within(r.timestamp, now, tol) {
        return Reply::text(406, errors::DELETE_ALL_TIME);
    }
    let msg = format!("delete_all{}{}", r.namespace.sig_text(), r.timestamp);
    if !auth::verify(
        &node.store,
        &r.acc,
        auth::DELETE,
        false,
        msg.as_bytes(),
        now,
    ) {
        return Reply::text(401, errors::DELETE_ALL_SIG);
    }
    let local = || {
        let affected = node
            .store
            .delete_all(&r.acc.pubkey, r.namespace.one(), now)
            .map_err(|e| e.to_string())?;
        let prefix = format!("{}{}", r.acc.hex(), r.timestamp);
        Ok(ns_entry(node, "deleted", r.namespace, affected, prefix))
    };
    recursive(node, "delete_all", &r.params, recurse, local, |_, _| {}).await
}

pub(crate) async fn run_delete_before(
    node: &Arc<Node>,
    r: DeleteBeforeReq,
    recurse: bool,
) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    if r.before > now + SIG_TOLERANCE_MS {
        return Reply::text(401, errors::DELETE_BEFORE_FUTURE);
    }
    let msg = format!("delete_before{}{}", r.namespace.sig_text(), r.before);
    if !auth::verify(
        &node.store,
        &r.acc,
        auth::DELETE,
        false,
        msg.as_bytes(),
        now,
    ) {
        return Reply::text(401, errors::DELETE_BEFORE_SIG);
    }
    let local = || {
        let affected = node
            .store
            .delete_before(&r.acc.pubkey, r.namespace.one(), r.before, now)
            .map_err(|e| e.to_string())?;
        let prefix = format!("{}{}", r.acc.hex(), r.before);
        Ok(ns_entry(node, "deleted", r.namespace, affected, prefix))
    };
    recursive(node, "delete_before", &r.params, recurse, local, |_, _| {}).await
}
