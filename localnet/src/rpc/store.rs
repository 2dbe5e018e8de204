//! `store` (§5.4).

use super::auth::{self, within, Account, AuthParams, SIG_TOLERANCE_MS};
use super::errors;
use super::params::{b64_decode, err, require, Fields, PResult, Params};
use super::reply::{add_misc, Ctx, Reply};
use super::swarm::{check_swarm, misdirected, recursive};
use crate::faults::StoreLie;
use crate::node::Node;
use crate::rules;
use crate::store::{Message, Stored};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// Largest message in bytes (the base64 text may be up to 4/3 of it).
const MAX_MESSAGE_BODY: usize = 76_800;
const TTL_MIN_MS: i64 = 10_000;
const TTL_MAX_PUBLIC_MS: i64 = 14 * 24 * 3600 * 1000;
const TTL_MAX_PRIVATE_MS: i64 = 30 * 24 * 3600 * 1000;
const STORE_TOLERANCE_MS: i64 = 10_000;

#[derive(Debug, Clone)]
pub(crate) struct StoreReq {
    acc: Account,
    namespace: i16,
    timestamp: i64,
    expiry: i64,
    sig_ts: Option<u64>,
    data: Vec<u8>,
    params: Map<String, Value>,
}

pub(crate) fn parse(p: Params<'_>, params: Map<String, Value>) -> PResult<StoreReq> {
    let mut f = Fields::new(p);
    let auth = AuthParams::read_with_legacy_pubkey(&mut f);
    let data = f.string("data");
    let expiry = f.timestamp("expiry");
    let ns = f.namespace("namespace");
    let sig_ts = f.timestamp("sig_timestamp");
    let timestamp = f.stringified_i64("timestamp");
    let ttl = f.stringified_u64("ttl");
    f.finish()?;

    let timestamp = require("timestamp", timestamp)?;
    let expiry = match (expiry, ttl) {
        (Some(_), Some(_)) => return err("Cannot specify both 'expiry' and 'ttl'"),
        (Some(e), None) => e as i64,
        (None, Some(t)) => timestamp.saturating_add(t as i64),
        (None, None) => return err("Required field 'expiry' or 'ttl' missing"),
    };
    let namespace = ns.unwrap_or(0);
    let (acc, sig_ts) = if auth.has_signature() {
        let acc = auth.signed()?;
        (acc, Some(sig_ts.unwrap_or(timestamp.max(0) as u64)))
    } else {
        (auth.unsigned()?, None)
    };
    let data = require("data", data)?;
    let Some(bytes) = b64_decode(data) else {
        return err("Invalid 'data' value: not base64 encoded");
    };
    if data.len() > MAX_MESSAGE_BODY / 3 * 4 {
        return err(format!(
            "Message body exceeds maximum allowed length of {MAX_MESSAGE_BODY} bytes"
        ));
    }
    Ok(StoreReq {
        acc,
        namespace,
        timestamp,
        expiry,
        sig_ts,
        data: bytes,
        params,
    })
}

/// What a node told to lie answers a client's store instead of storing it.
fn lie(node: &Node, r: &StoreReq, lie: StoreLie) -> Reply {
    let now = node.now();
    let hash = rules::message_hash(&r.acc.pubkey, r.namespace, &r.data);
    let me = node.info.ed25519_hex();
    let entry = |hash: &str, signature: String| {
        json!({
            "swarm": {me.as_str(): {"hash": hash, "signature": signature, "expiry": r.expiry, "t": now}},
            "hash": hash,
        })
    };
    let mut body = match lie {
        StoreLie::EmptyResults => json!({"swarm": {}}),
        StoreLie::WrongHash => {
            // The hash of a message that is not this one, honestly signed.
            let mut other = r.data.clone();
            other.push(0);
            let other = rules::message_hash(&r.acc.pubkey, r.namespace, &other);
            entry(&other, node.sign_b64(other.as_bytes()))
        }
        StoreLie::BadSignature => entry(&hash, node.sign_b64(format!("not {hash}").as_bytes())),
        StoreLie::MadeUpSwarm => {
            let view = node.net.view();
            let right = view.swarm_of(&r.acc.pubkey);
            let named = view
                .swarm_ids()
                .into_iter()
                .find(|id| Some(*id) != right)
                .or_else(|| right.map(|id| id.wrapping_add(1)));
            return misdirected(node, &view, named);
        }
    };
    add_misc(node, &mut body, now);
    Reply::json(200, body)
}

pub(crate) async fn run(node: &Arc<Node>, r: StoreReq, ctx: &Ctx, recurse: bool) -> Reply {
    // Only to clients: a lying member still stores what its swarm peers forward.
    if let Some(l) = node.store_lie().filter(|_| recurse) {
        node.told_lie();
        return lie(node, &r, l);
    }
    if let Err(reply) = check_swarm(node, &r.acc.pubkey) {
        return reply;
    }
    let public_in = rules::is_public_inbox(r.namespace);
    let ttl = r.expiry.saturating_sub(r.timestamp);
    let max_ttl = if public_in {
        TTL_MAX_PUBLIC_MS
    } else {
        TTL_MAX_PRIVATE_MS
    };
    if !(TTL_MIN_MS..=max_ttl).contains(&ttl) {
        return Reply::text(403, errors::STORE_TTL);
    }
    let now = node.now();
    let now_i = now as i64;
    if r.timestamp > now_i + STORE_TOLERANCE_MS || r.expiry < now_i - STORE_TOLERANCE_MS {
        return Reply::text(406, errors::STORE_CLOCK);
    }
    if !public_in {
        let Some(sig_ts) = r.sig_ts else {
            return Reply::text(
                401,
                format!(
                    "store: signature required to store to namespace {}",
                    r.namespace
                ),
            );
        };
        if !within(sig_ts, now, SIG_TOLERANCE_MS) {
            return Reply::text(406, errors::STORE_SIG_TIME);
        }
        let mut required = auth::WRITE;
        if rules::is_public_outbox(r.namespace) {
            required |= auth::DELETE;
        }
        let msg = format!("store{}{}", rules::ns_text(r.namespace), sig_ts);
        if !auth::verify(&node.store, &r.acc, required, false, msg.as_bytes(), now) {
            return Reply::text(401, errors::STORE_SIG);
        }
    }

    let hash = rules::message_hash(&r.acc.pubkey, r.namespace, &r.data);
    let msg = Message {
        hash: hash.clone(),
        namespace: r.namespace,
        timestamp: r.timestamp.max(0) as u64,
        expiry: r.expiry.max(0) as u64,
        data: r.data,
    };
    let pubkey = r.acc.pubkey;
    let local = || {
        let (outcome, expiry) = node
            .store
            .store(&pubkey, &msg, now)
            .map_err(|e| e.to_string())?;
        ctx.mark_stored();
        let mut mine = json!({
            "hash": hash,
            "signature": node.sign_b64(hash.as_bytes()),
            "expiry": expiry,
        });
        if outcome == Stored::Existing {
            mine["already"] = true.into();
        }
        if recurse {
            mine["t"] = now.into();
        }
        Ok(mine)
    };
    let finish = |top: &mut Map<String, Value>, swarm: &Map<String, Value>| {
        if swarm
            .get(&node.info.ed25519_hex())
            .and_then(|m| m.get("hash"))
            .is_some()
        {
            top.insert("hash".into(), msg.hash.clone().into());
        }
    };
    recursive(node, "store", &r.params, recurse, local, finish).await
}
