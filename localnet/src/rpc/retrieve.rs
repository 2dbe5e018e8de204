//! `retrieve` (§5.5).

use super::auth::{self, within, Account, AuthParams, SIG_TOLERANCE_MS};
use super::errors;
use super::params::{b64_decode, err, require, Fields, PResult, Params};
use super::reply::{add_misc, Reply};
use super::swarm::check_swarm;
use crate::node::Node;
use crate::rules;
use base64::Engine;
use serde_json::{json, Value};

/// Largest retrieve answer (bytes of accounted size).
const RETRIEVE_MAX_SIZE: i64 = 7_800_000;

#[derive(Debug, Clone)]
pub(crate) struct RetrieveReq {
    acc: Account,
    check_signature: bool,
    timestamp: u64,
    namespace: i16,
    last_hash: Option<String>,
    max_count: Option<i64>,
    max_size: Option<i64>,
}

pub(crate) fn parse(p: Params<'_>) -> PResult<RetrieveReq> {
    let mut f = Fields::new(p);
    let auth = AuthParams::read_with_legacy_pubkey(&mut f);
    let last_hash_alt = f.string("lastHash");
    let last_hash = f.string("last_hash");
    let max_count = f.int("max_count");
    let max_size = f.int("max_size");
    let ns = f.namespace("namespace");
    let ts = f.timestamp("timestamp");
    f.finish()?;

    let needs_auth = auth.has_pubkey_ed25519()
        || auth.has_signature()
        || ts.is_some()
        || ns.is_some_and(|n| !rules::is_noauth_retrieve(n));
    let (acc, timestamp) = if needs_auth {
        (auth.signed()?, require("timestamp", ts)?)
    } else {
        (auth.unsigned()?, 0)
    };
    if last_hash.is_some() && last_hash_alt.is_some() {
        return err("Cannot specify both 'last_hash' and 'lastHash'");
    }
    let last_hash = match last_hash.or(last_hash_alt) {
        None | Some("") => None,
        Some(h) if h.len() == 43 => {
            if b64_decode(h).is_none() {
                return err("Invalid last_hash: not base64");
            }
            Some(h.to_owned())
        }
        Some(_) => return err("Invalid last_hash: expected base64 (43 chars)"),
    };
    Ok(RetrieveReq {
        acc,
        check_signature: needs_auth,
        timestamp,
        namespace: ns.unwrap_or(0),
        last_hash,
        max_count,
        max_size,
    })
}

pub(crate) fn run(node: &Node, r: RetrieveReq) -> Reply {
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let now = node.now();
    if !rules::is_noauth_retrieve(r.namespace) && !r.check_signature {
        return Reply::text(401, errors::RETRIEVE_NEEDS_SIG);
    }
    if r.check_signature {
        if !within(r.timestamp, now, SIG_TOLERANCE_MS) {
            return Reply::text(406, errors::RETRIEVE_TIME);
        }
        let msg = format!("retrieve{}{}", rules::ns_text(r.namespace), r.timestamp);
        let skip_revoke = rules::is_unrevocable(r.namespace);
        if !auth::verify(
            &node.store,
            &r.acc,
            auth::READ,
            skip_revoke,
            msg.as_bytes(),
            now,
        ) {
            return Reply::text(401, errors::RETRIEVE_SIG);
        }
    }
    let max_count = r.max_count.filter(|&c| c != 0);
    let mut max_size = r.max_size.filter(|&s| s != 0);
    if max_count.is_none() && max_size.is_none() {
        max_size = Some(-5);
    }
    let max_size = match max_size {
        // -i64::MIN does not exist: the divisor saturates (a near-zero share).
        Some(s) if s < 0 => RETRIEVE_MAX_SIZE / s.checked_neg().unwrap_or(i64::MAX),
        Some(s) if s <= RETRIEVE_MAX_SIZE => s,
        _ => RETRIEVE_MAX_SIZE,
    };
    let result = node.store.retrieve(
        &r.acc.pubkey,
        r.namespace,
        r.last_hash.as_deref(),
        max_count.map(|c| c.max(1) as usize),
        Some(max_size.max(0) as usize),
        now,
    );
    let (msgs, more) = match result {
        Ok(x) => x,
        Err(_) => return Reply::text(500, "Internal Server Error. Could not retrieve messages"),
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let messages: Vec<Value> = msgs
        .into_iter()
        .map(|m| {
            json!({
                "hash": m.hash,
                "timestamp": m.timestamp,
                "expiration": m.expiry,
                "data": b64.encode(&m.data),
            })
        })
        .collect();
    let mut body = json!({"messages": messages, "more": more});
    add_misc(node, &mut body, now);
    Reply::json(200, body)
}
