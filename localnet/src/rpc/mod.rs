//! The storage RPC (`/storage_rpc/v1`, onion final destinations and swarm-forwarded copies):
//! the envelope of §5.1, parsing with upstream's messages, and dispatch to each method.
//!
//! [`errors`] lists the fixed answer texts so tests can check them against the spec.

mod auth;
mod batch;
mod delete;
mod expire;
mod misc;
pub(crate) mod params;
mod retrieve;
mod store;
pub(crate) mod swarm;
#[cfg(test)]
mod tests;

use crate::node::Node;
use params::{PResult, ParseError};
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Fixed answer texts of the storage RPC: those network.md quotes, and the per-method ones it
/// only summarises, taken from the upstream server's request handler.
pub mod errors {
    /// 400: the body is not JSON.
    pub const INVALID_JSON: &str = "invalid json";
    /// 400: no string `method`.
    pub const NO_METHOD: &str = "invalid json: no `method` field";
    /// 400: no object `params`.
    pub const NO_PARAMS: &str = "invalid json: no `params` field";
    /// 403: store TTL outside the namespace's range.
    pub const STORE_TTL: &str = "Provided expiry/TTL is not valid.";
    /// 406: store timestamp in the future or expiry in the past (±10 s).
    pub const STORE_CLOCK: &str = "Timestamp error: check your clock";
    /// 406: store signature timestamp outside ±60 s.
    pub const STORE_SIG_TIME: &str = "store signature timestamp too far from current time";
    /// 401: bad store signature.
    pub const STORE_SIG: &str = "store signature verification failed";
    /// 406: retrieve timestamp outside ±60 s.
    pub const RETRIEVE_TIME: &str = "retrieve timestamp too far from current time";
    /// 401: bad retrieve signature.
    pub const RETRIEVE_SIG: &str = "retrieve signature verification failed";
    /// 401: retrieve without authentication where it is needed.
    pub const RETRIEVE_NEEDS_SIG: &str = "retrieve: request signature required";
    /// 406: delete_all timestamp outside the window.
    pub const DELETE_ALL_TIME: &str = "delete_all timestamp too far from current time";
    /// 401: bad delete_all signature.
    pub const DELETE_ALL_SIG: &str = "delete_all signature verification failed";
    /// 401: bad delete signature.
    pub const DELETE_SIG: &str = "delete_msgs signature verification failed";
    /// 401: delete_before `before` too far ahead.
    pub const DELETE_BEFORE_FUTURE: &str = "delete_before timestamp too far in the future";
    /// 401: bad delete_before signature.
    pub const DELETE_BEFORE_SIG: &str = "delete_before signature verification failed";
    /// 401: expire with an expiry in the past.
    pub const EXPIRE_PAST: &str = "expire: timestamp should be >= current time";
    /// 401: bad expire signature.
    pub const EXPIRE_SIG: &str = "expire: signature verification failed";
    /// 403: multi-expiry before hard fork 19.4.
    pub const EXPIRE_MULTI: &str =
        "expire: multi-expiry requests are not yet active on the network";
    /// 400: shorten with a subaccount lacking Delete.
    pub const EXPIRE_SHORTEN_SUBACCOUNT: &str =
        "expire: shorten parameter cannot be used with this subaccount token (missing delete access)";
    /// 406: expire_all expiry too old.
    pub const EXPIRE_ALL_PAST: &str = "expire_all timestamp should be >= current time";
    /// 401: bad expire_all signature.
    pub const EXPIRE_ALL_SIG: &str = "expire_all signature verification failed";
    /// 406: get_expiries timestamp outside ±60 s.
    pub const GET_EXPIRIES_TIME: &str = "get_expiries timestamp too far from current time";
    /// 401: bad get_expiries signature.
    pub const GET_EXPIRIES_SIG: &str = "get_expiries signature verification failed";
    /// 406: revoke_subaccount timestamp outside ±60 s.
    pub const REVOKE_TIME: &str = "revoke_subaccount timestamp too far from current time";
    /// 401: bad revoke_subaccount signature.
    pub const REVOKE_SIG: &str = "revoke_subaccount signature verification failed";
    /// 406: unrevoke_subaccount timestamp outside ±60 s.
    pub const UNREVOKE_TIME: &str = "unrevoke_subaccount timestamp too far from current time";
    /// 401: bad unrevoke_subaccount signature.
    pub const UNREVOKE_SIG: &str = "unrevoke_subaccount signature verification failed";
    /// 502: oxend answered garbage.
    pub const OXEND_UNPARSABLE: &str = "oxend returned unparsable data";
    /// 410: the obsolete long-poll header.
    pub const LONG_POLL: &str = "long polling is no longer supported, client upgrade required";
    /// 413: body over 10 MiB.
    pub const TOO_LARGE: &str = "Request body too large";
}

/// Signature window (±60 s) and the wider one for swarm-forwarded copies (±70 s).
pub(crate) const SIG_TOLERANCE_MS: u64 = 60_000;
pub(crate) const SIG_TOLERANCE_FORWARDED_MS: u64 = 70_000;

/// A response body: JSON, or plain text (error strings).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    Json(Value),
    Text(String),
}

/// Status and body of one storage-RPC answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Body,
}

impl Reply {
    pub fn json(status: u16, v: Value) -> Reply {
        Reply {
            status,
            body: Body::Json(v),
        }
    }

    pub fn text(status: u16, s: impl Into<String>) -> Reply {
        Reply {
            status,
            body: Body::Text(s.into()),
        }
    }

    /// The body as a JSON value (strings for text), as batch results and onion replies embed it.
    pub fn body_value(&self) -> Value {
        match &self.body {
            Body::Json(v) => v.clone(),
            Body::Text(s) => Value::String(s.clone()),
        }
    }
}

/// Per-request context: notes whether this request stored a message locally (for the
/// "drop the reply after storing" fault).
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    stored: AtomicBool,
}

impl Ctx {
    pub fn mark_stored(&self) {
        self.stored.store(true, Ordering::Relaxed);
    }

    pub fn stored(&self) -> bool {
        self.stored.load(Ordering::Relaxed)
    }
}

/// A parsed request.
#[derive(Debug, Clone)]
pub(crate) enum Request {
    Store(store::StoreReq),
    Retrieve(retrieve::RetrieveReq),
    Delete(delete::DeleteReq),
    DeleteAll(delete::DeleteAllReq),
    DeleteBefore(delete::DeleteBeforeReq),
    Expire(expire::ExpireReq),
    ExpireAll(expire::ExpireAllReq),
    GetExpiries(expire::GetExpiriesReq),
    GetSwarm([u8; 33]),
    Info,
    Oxend(misc::OxendReq),
    Revoke(misc::RevokeReq),
    Unrevoke(misc::RevokeReq),
    Batch(Vec<Request>),
    Sequence(Vec<Request>),
    IfElse(batch::IfElseReq),
}

impl Request {
    fn is_meta(&self) -> bool {
        matches!(
            self,
            Request::Batch(_) | Request::Sequence(_) | Request::IfElse(_)
        )
    }
}

/// Parses `params` for `method`; `Ok(None)` for an unknown method.
pub(crate) fn parse(method: &str, params: &Map<String, Value>) -> PResult<Option<Request>> {
    let p = params::Params(params);
    let params_owned = || params.clone();
    Ok(Some(match method {
        "store" => Request::Store(store::parse(p, params_owned())?),
        "retrieve" => Request::Retrieve(retrieve::parse(p)?),
        "delete" => Request::Delete(delete::parse_delete(p, params_owned())?),
        "delete_all" => Request::DeleteAll(delete::parse_delete_all(p, params_owned())?),
        "delete_before" => Request::DeleteBefore(delete::parse_delete_before(p, params_owned())?),
        "expire" => Request::Expire(expire::parse_expire(p, params_owned())?),
        "expire_all" => Request::ExpireAll(expire::parse_expire_all(p, params_owned())?),
        "get_expiries" => Request::GetExpiries(expire::parse_get_expiries(p)?),
        "get_swarm" | "get_snodes_for_pubkey" => Request::GetSwarm(swarm::parse_get_swarm(p)?),
        "info" => Request::Info,
        "oxend_request" => Request::Oxend(misc::parse_oxend(p)?),
        "revoke_subaccount" => Request::Revoke(misc::parse_revoke(p, params_owned(), true)?),
        "unrevoke_subaccount" => Request::Unrevoke(misc::parse_revoke(p, params_owned(), false)?),
        "batch" => Request::Batch(batch::parse_batch(params)?),
        "sequence" => Request::Sequence(batch::parse_batch(params)?),
        "ifelse" => Request::IfElse(batch::parse_ifelse(params)?),
        _ => return Ok(None),
    }))
}

/// Runs one parsed request. `recurse` is false for copies forwarded by a swarm peer.
pub(crate) async fn run(node: &Arc<Node>, req: Request, ctx: &Ctx, recurse: bool) -> Reply {
    match req {
        Request::Store(r) => store::run(node, r, ctx, recurse).await,
        Request::Retrieve(r) => retrieve::run(node, r),
        Request::Delete(r) => delete::run_delete(node, r, recurse).await,
        Request::DeleteAll(r) => delete::run_delete_all(node, r, recurse).await,
        Request::DeleteBefore(r) => delete::run_delete_before(node, r, recurse).await,
        Request::Expire(r) => expire::run_expire(node, r, recurse).await,
        Request::ExpireAll(r) => expire::run_expire_all(node, r, recurse).await,
        Request::GetExpiries(r) => expire::run_get_expiries(node, r),
        Request::GetSwarm(pk) => swarm::run_get_swarm(node, &pk),
        Request::Info => misc::run_info(node),
        Request::Oxend(r) => misc::run_oxend(node, r),
        Request::Revoke(r) => misc::run_revoke(node, r, recurse, true).await,
        Request::Unrevoke(r) => misc::run_revoke(node, r, recurse, false).await,
        Request::Batch(reqs) => batch::run_batch(node, reqs, ctx).await,
        Request::Sequence(reqs) => batch::run_sequence(node, reqs, ctx).await,
        Request::IfElse(r) => batch::run_ifelse(node, r, ctx).await,
    }
}

/// Handles a method name and params object (after the envelope was read).
pub(crate) async fn handle_method(
    node: &Arc<Node>,
    method: &str,
    params: &Map<String, Value>,
    ctx: &Ctx,
    recurse: bool,
) -> Reply {
    match parse(method, params) {
        Ok(Some(req)) => run(node, req, ctx, recurse).await,
        Ok(None) => Reply::text(400, format!("no method {method}")),
        Err(ParseError(msg)) => Reply::text(400, format!("invalid request: {msg}")),
    }
}

/// Handles the JSON bytes of a request `{"method": …, "params": {…}}` (§5.1).
pub(crate) async fn handle_bytes(node: &Arc<Node>, body: &[u8], ctx: &Ctx, recurse: bool) -> Reply {
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) else {
        return match serde_json::from_slice::<Value>(body) {
            Ok(_) => Reply::text(400, errors::NO_METHOD),
            Err(_) => Reply::text(400, errors::INVALID_JSON),
        };
    };
    let Some(Value::String(method)) = obj.get("method") else {
        return Reply::text(400, errors::NO_METHOD);
    };
    let Some(Value::Object(params)) = obj.get("params") else {
        return Reply::text(400, errors::NO_PARAMS);
    };
    Box::pin(handle_method(node, method, params, ctx, recurse)).await
}

/// Adds `t` (this node's time) and `hf` to a JSON object.
pub(crate) fn add_misc(node: &Node, v: &mut Value, now_ms: u64) {
    if let Value::Object(m) = v {
        m.insert("t".into(), now_ms.into());
        m.insert("hf".into(), serde_json::json!(node.net.config.hardfork));
    }
}

/// Whether `t` lies within `tol` of `now`.
pub(crate) fn within(t: u64, now: u64, tol: u64) -> bool {
    t.abs_diff(now) <= tol
}

/// The storage-server version as `x.y.z`.
pub(crate) fn misc_version_string() -> String {
    let [a, b, c] = misc::VERSION;
    format!("{a}.{b}.{c}")
}

pub(crate) use batch::height;
