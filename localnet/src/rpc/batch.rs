//! `batch`, `sequence`, `ifelse` (§5.14). Meta-requests hold other requests, so this module is
//! generic over the request type: the dispatcher passes in its own `parse` and `run`, and this
//! module needs nothing of it.

use super::params::{err, PResult, Params, ParseError};
use super::reply::Reply;
use super::version::{height, VERSION};
use crate::node::Node;
use serde_json::{json, Map, Value};
use std::future::Future;

const BATCH_REQUEST_MAX: usize = 20;

#[derive(Debug, Clone)]
pub(crate) struct IfElseReq<R> {
    hf_at_least: Option<[i64; 2]>,
    hf_before: Option<[i64; 2]>,
    v_at_least: Option<[i64; 3]>,
    v_before: Option<[i64; 3]>,
    height_at_least: Option<i64>,
    height_before: Option<i64>,
    then: Option<Box<R>>,
    otherwise: Option<Box<R>>,
}

/// The subrequests of a `batch` or `sequence`, each parsed by `parse`; none may be a
/// meta-request.
pub(crate) fn parse_batch<R>(
    params: &Map<String, Value>,
    parse: impl Fn(&str, &Map<String, Value>) -> PResult<Option<R>>,
    is_meta: impl Fn(&R) -> bool,
) -> PResult<Vec<R>> {
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
        if is_meta(&sub) {
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

fn ifelse_branch<R>(
    params: &Map<String, Value>,
    key: &str,
    parse: &impl Fn(&str, &Map<String, Value>) -> PResult<Option<R>>,
) -> PResult<Option<Box<R>>> {
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

/// An `ifelse` with its branches parsed by `parse` (a branch may be any request).
pub(crate) fn parse_ifelse<R>(
    params: &Map<String, Value>,
    parse: impl Fn(&str, &Map<String, Value>) -> PResult<Option<R>>,
) -> PResult<IfElseReq<R>> {
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
    let then = ifelse_branch(params, "then", &parse)?;
    let otherwise = ifelse_branch(params, "else", &parse)?;
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

/// Runs every subrequest with `run`, in order.
pub(crate) async fn run_batch<R, F: Future<Output = Reply>>(
    reqs: Vec<R>,
    mut run: impl FnMut(R) -> F,
) -> Reply {
    let mut results = Vec::with_capacity(reqs.len());
    for r in reqs {
        results.push(sub_result(&run(r).await));
    }
    Reply::json(200, json!({"results": results}))
}

/// Runs subrequests with `run` until one fails.
pub(crate) async fn run_sequence<R, F: Future<Output = Reply>>(
    reqs: Vec<R>,
    mut run: impl FnMut(R) -> F,
) -> Reply {
    let mut results = Vec::new();
    for r in reqs {
        let reply = run(r).await;
        let ok = (200..300).contains(&reply.status);
        results.push(sub_result(&reply));
        if !ok {
            break;
        }
    }
    Reply::json(200, json!({"results": results}))
}

/// Evaluates the condition on this node and runs the branch it picks with `run`.
pub(crate) async fn run_ifelse<R, F: Future<Output = Reply>>(
    node: &Node,
    r: IfElseReq<R>,
    run: impl FnOnce(R) -> F,
) -> Reply {
    let hf = node.net.config.hardfork.map(i64::from);
    let v = VERSION.map(i64::from);
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
        body["result"] = sub_result(&run(*req).await);
    }
    Reply::json(200, body)
}
