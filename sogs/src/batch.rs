//! `POST /batch` and `POST /sequence`: several subrequests under the outer request's auth.

use crate::auth::User;
use crate::errors::bad;
use crate::{Req, Resp, Sogs, SogsError};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde_json::{json, Value};

/// Builds one subrequest from its JSON description.
fn subrequest(v: &Value) -> Result<Req, SogsError> {
    let method = v
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("Invalid batch request: missing method"))?;
    let path = v
        .get("path")
        .and_then(Value::as_str)
        .filter(|p| p.starts_with('/'))
        .ok_or_else(|| bad("Invalid batch request: missing or invalid path"))?;
    if path.starts_with("/batch") || path.starts_with("/sequence") {
        return Err(bad("Invalid batch request: nested batch"));
    }
    let mut headers: Vec<(String, String)> = v
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| Some((k.to_ascii_lowercase(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let body = match (v.get("json"), v.get("b64"), v.get("bytes")) {
        (Some(j), None, None) => {
            headers.push(("content-type".into(), "application/json".into()));
            j.to_string().into_bytes()
        }
        (None, Some(b), None) => B64
            .decode(b.as_str().unwrap_or(""))
            .map_err(|_| bad("Invalid batch request: b64 body"))?,
        (None, None, Some(b)) => b.as_str().unwrap_or("").as_bytes().to_vec(),
        (None, None, None) => Vec::new(),
        _ => return Err(bad("Invalid batch request: more than one body")),
    };
    Ok(Req {
        method: method.to_ascii_uppercase(),
        target: path.to_owned(),
        headers,
        body,
    })
}

fn answer(r: Resp) -> Value {
    let body = if r.content_type == "application/json" {
        serde_json::from_slice(&r.body).unwrap_or(Value::Null)
    } else if r.body.is_empty() {
        Value::Null
    } else {
        match String::from_utf8(r.body) {
            Ok(s) => Value::String(s),
            Err(e) => Value::String(B64.encode(e.into_bytes())),
        }
    };
    json!({"code": r.status, "headers": {"content-type": r.content_type}, "body": body})
}

/// Runs the list; `sequence` stops after the first answer that is not 2xx.
pub fn run(sogs: &Sogs, req: &Req, user: Option<&User>, sequence: bool) -> Result<Resp, SogsError> {
    let list = req.json()?;
    let items = list
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| bad("Invalid batch request: no subrequests"))?;
    let subs = items
        .iter()
        .map(subrequest)
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(subs.len());
    for sub in &subs {
        let r = sogs.dispatch(sub, user);
        let ok = (200..300).contains(&r.status);
        out.push(answer(r));
        if sequence && !ok {
            break;
        }
    }
    Ok(Resp::json(200, &Value::Array(out)))
}
