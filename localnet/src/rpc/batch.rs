//! `batch`, `sequence`, `ifelse` (§5.14).

use super::params::{err, PResult, Params, ParseError};
use super::{parse, run, Ctx, Reply, Request};
use crate::node::Node;
use serde_json::{json, Map, Value};
use std::sync::Arc;

const BATCH_REQUEST_MAX: usize = 20;

/// Block height we report (advances every two minutes like the real chain).
pub(crate) fn height(now_ms: u64) -> u64 {
    (now_ms / 1000).saturating_sub(1_500_000_000) / 120
}

#[derive(Debug, Clone)]
pub(crate) struct IfElseReq {
    hf_at_least: Option<[i64; 2]>,
    hf_before: Option<[i64; 2]>,
    v_at_least: Option<[i64; 3]>,
    v_before: Option<[i64; 3]>,
    height_at_least: Option<i64>,
    height_before: Option<i64>,
    then: Option<Box<Request>>,
    otherwise: Option<Box<Request>>,
}

pub(crate) fn parse_batch(params: &Map<String, Value>) -> PResult<Vec<Request>> {
    let Some(Value::Array(reqs)) = params.get("requests") else {
        return err("Invalid batch request: no valid \"requests\" field");
    };
    if reqs.is_empty() {
        return err("Invalid batch request: no valid \"requests\" field");
    }
    if reqs.len() > BATCH_REQUEST_MAX {
        return err("Invalid batch request: subrequest limit exceeded");
    }
    let mut out = Vec::with_capacity(reqs.len());
    for r in reqs {
        let Value::Object(r) = r else {
            return err("Invalid batch request: requests must be objects");
        };
        let (Some(Value::String(method)), Some(Value::Object(p))) =
            (r.get("method"), r.get("params"))
        else {
            return err("Invalid batch request: subrequests must have method/params keys");
        };
        let Some(sub) = parse(method, p)? else {
            return err(format!(
                "Invalid batch subrequest: invalid method \"{method}\""
            ));
        };
        if sub.is_meta() {
            return err("Invalid batch subrequest: subrequests may not contain meta-requests");
        }
        out.push(sub);
    }
    Ok(out)
}

fn fixed<const N: usize>(v: Option<Vec<i64>>) -> Option<[i64; N]> {
    let v = v.filter(|v| !v.is_empty())?;
    let mut out = [0; N];
    for (i, x) in out.iter_mut().enumerate() {
        *x = v.get(i).copied().unwrap_or(0);
    }
    Some(out)
}

fn ifelse_branch(params: &Map<String, Value>, key: &str) -> PResult<Option<Box<Request>>> {
    let Some(v) = params.get(key) else {
        return Ok(None);
    };
    let Value::Object(o) = v else {
        return err(format!("Invalid ifelse request: {key} must be an object"));
    };
    let (Some(Value::String(method)), Some(p)) = (o.get("method"), o.get("params")) else {
        return err(format!(
            "Invalid ifelse request: {key} must have method/params keys"
        ));
    };
    let empty = Map::new();
    let p = p.as_object().unwrap_or(&empty);
    match parse(method, p)? {
        Some(r) => Ok(Some(Box::new(r))),
        None => err(format!("Invalid ifelse request method \"{key}\"")),
    }
}

pub(crate) fn parse_ifelse(params: &Map<String, Value>) -> PResult<IfElseReq> {
    let Some(Value::Object(cond)) = params.get("if") else {
        return err("Invalid ifelse request: no valid \"if\" field");
    };
    let c = Params(cond);
    let height_at_least = c.int("height_at_least")?;
    let height_before = c.int("height_before")?;
    let hf_at_least = fixed::<2>(c.int_array("hf_at_least")?);
    let hf_before = fixed::<2>(c.int_array("hf_before")?);
    let v_at_least = fixed::<3>(c.int_array("v_at_least")?);
    let v_before = fixed::<3>(c.int_array("v_before")?);
    if height_at_least.is_none()
        && height_before.is_none()
        && hf_at_least.is_none()
        && hf_before.is_none()
        && v_at_least.is_none()
        && v_before.is_none()
    {
        return Err(ParseError(
            "Invalid ifelse request: must specify at least one \"if\" condition".into(),
        ));
    }
    let then = ifelse_branch(params, "then")?;
    let otherwise = ifelse_branch(params, "else")?;
    if then.is_none() && otherwise.is_none() {
        return err("Invalid ifelse request: at least one of \"then\"/\"else\" required");
    }
    Ok(IfElseReq {
        hf_at_least,
        hf_before,
        v_at_least,
        v_before,
        height_at_least,
        height_before,
        then,
        otherwise,
    })
}

fn sub_result(r: &Reply) -> Value {
    json!({"code": r.status, "body": r.body_value()})
}

pub(crate) async fn run_batch(node: &Arc<Node>, reqs: Vec<Request>, ctx: &Ctx) -> Reply {
    let mut results = Vec::with_capacity(reqs.len());
    for r in reqs {
        results.push(sub_result(&Box::pin(run(node, r, ctx, true)).await));
    }
    Reply::json(200, json!({"results": results}))
}

pub(crate) async fn run_sequence(node: &Arc<Node>, reqs: Vec<Request>, ctx: &Ctx) -> Reply {
    let mut results = Vec::new();
    for r in reqs {
        let reply = Box::pin(run(node, r, ctx, true)).await;
        let ok = (200..300).contains(&reply.status);
        results.push(sub_result(&reply));
        if !ok {
            break;
        }
    }
    Reply::json(200, json!({"results": results}))
}

pub(crate) async fn run_ifelse(node: &Arc<Node>, r: IfElseReq, ctx: &Ctx) -> Reply {
    let hf = node.net.config.hardfork.map(i64::from);
    let v = super::misc::VERSION.map(i64::from);
    let h = height(node.now()) as i64;
    let mut cond = true;
    if let Some(x) = r.hf_at_least {
        cond &= hf >= x;
    }
    if let Some(x) = r.hf_before {
        cond &= hf < x;
    }
    if let Some(x) = r.v_at_least {
        cond &= v >= x;
    }
    if let Some(x) = r.v_before {
        cond &= v < x;
    }
    if let Some(x) = r.height_at_least {
        cond &= h >= x;
    }
    if let Some(x) = r.height_before {
        cond &= h < x;
    }
    let mut body = json!({"hf": hf, "v": v, "height": h, "condition": cond});
    let branch = if cond { r.then } else { r.otherwise };
    if let Some(req) = branch {
        let reply = Box::pin(run(node, *req, ctx, true)).await;
        body["result"] = sub_result(&reply);
    }
    Reply::json(200, body)
}
