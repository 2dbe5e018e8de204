//! The storage RPC (`/storage_rpc/v1`, onion final destinations and swarm-forwarded copies):
//! the envelope of §5.1, parsing with upstream's messages, and dispatch to each method.
//!
//! [`errors`] lists the fixed answer texts so tests can check them against the spec.

mod auth;
mod batch;
mod delete;
pub mod errors;
mod expire;
mod misc;
pub(crate) mod params;
mod reply;
mod retrieve;
mod store;
pub(crate) mod swarm;
#[cfg(test)]
mod tests;
mod version;

use crate::faults::StoreLie;
use crate::node::Node;
use params::{PResult, ParseError};
use serde_json::{json, Map, Value};
use std::sync::Arc;

pub(crate) use reply::{Body, Ctx, Reply};
pub(crate) use version::{height, version_string};

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
    IfElse(batch::IfElseReq<Request>),
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
        "batch" => Request::Batch(batch::parse_batch(params, parse, Request::is_meta)?),
        "sequence" => Request::Sequence(batch::parse_batch(params, parse, Request::is_meta)?),
        "ifelse" => Request::IfElse(batch::parse_ifelse(params, parse)?),
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
        Request::Batch(reqs) | Request::Sequence(reqs)
            if node.store_lie() == Some(StoreLie::EmptyResults)
                && reqs.iter().any(|r| matches!(r, Request::Store(_))) =>
        {
            // The lie covers the whole request, not only the store's own result.
            node.told_lie();
            Reply::json(200, json!({"results": []}))
        }
        // Boxed: requests nest, so their futures would otherwise contain themselves.
        Request::Batch(reqs) => batch::run_batch(reqs, |r| Box::pin(run(node, r, ctx, true))).await,
        Request::Sequence(reqs) => {
            batch::run_sequence(reqs, |r| Box::pin(run(node, r, ctx, true))).await
        }
        Request::IfElse(r) => {
            batch::run_ifelse(node, r, |r| Box::pin(run(node, r, ctx, true))).await
        }
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

/// Reads the envelope `{"method": …, "params": {…}}` of a request (§5.1); the error is the
/// 400 answer's text.
pub(crate) fn envelope(body: &[u8]) -> Result<(String, Map<String, Value>), &'static str> {
    let obj = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return Err(errors::NO_METHOD),
        Err(_) => return Err(errors::INVALID_JSON),
    };
    let Some(Value::String(method)) = obj.get("method") else {
        return Err(errors::NO_METHOD);
    };
    let Some(Value::Object(params)) = obj.get("params") else {
        return Err(errors::NO_PARAMS);
    };
    Ok((method.clone(), params.clone()))
}

/// Handles the JSON bytes of a request `{"method": …, "params": {…}}` (§5.1).
pub(crate) async fn handle_bytes(node: &Arc<Node>, body: &[u8], ctx: &Ctx, recurse: bool) -> Reply {
    match envelope(body) {
        Ok((method, params)) => Box::pin(handle_method(node, &method, &params, ctx, recurse)).await,
        Err(text) => Reply::text(400, text),
    }
}
