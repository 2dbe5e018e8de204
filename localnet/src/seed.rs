//! The seed endpoint (`POST /json_rpc`, `get_n_service_nodes`, §2.2–§2.3) and the oxend
//! `get_service_nodes` answer nodes give through `oxend_request`.

use crate::node::{text, Shared};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use rand_core::{OsRng, RngCore};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// The seed's routes.
pub(crate) fn router(net: Arc<Shared>) -> Router {
    Router::new()
        .route("/json_rpc", post(json_rpc))
        .route("/", post(json_rpc))
        .with_state(net)
}

/// Every node with the requested `fields` (all fields when none are named), plus `height`.
pub(crate) fn service_nodes_result(net: &Shared, params: Option<&Value>) -> Value {
    let fields: Option<Vec<String>> = params
        .and_then(|p| p.get("fields"))
        .and_then(Value::as_object)
        .map(|f| {
            f.iter()
                .filter(|(_, v)| v.as_bool().unwrap_or(false))
                .map(|(k, _)| k.clone())
                .collect()
        });
    // Each node with the swarm it is in now (after any swarm change).
    let view = net.view();
    let mut nodes: Vec<&crate::NodeInfo> = view.nodes().iter().collect();
    if let Some(limit) = params
        .and_then(|p| p.get("limit"))
        .and_then(Value::as_u64)
        .filter(|l| *l > 0)
    {
        // oxend answers a random selection when a limit is given.
        for i in (1..nodes.len()).rev() {
            let j = (OsRng.next_u64() % (i as u64 + 1)) as usize;
            nodes.swap(i, j);
        }
        nodes.truncate(limit as usize);
    }
    let [major, minor, patch] = [2u16, 8, 0];
    let states: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let all = json!({
                "public_ip": n.ip.to_string(),
                "storage_port": n.port,
                "storage_lmq_port": n.port,
                "pubkey_ed25519": n.ed25519_hex(),
                "pubkey_x25519": n.x25519_hex(),
                "service_node_pubkey": n.ed25519_hex(),
                "swarm_id": n.swarm_id,
                "requested_unlock_height": 0,
                "storage_server_version": [major, minor, patch],
                "active": true,
                "funded": true,
            });
            match &fields {
                None => all,
                Some(f) => {
                    let mut m = Map::new();
                    for k in f {
                        if let Some(v) = all.get(k) {
                            m.insert(k.clone(), v.clone());
                        }
                    }
                    Value::Object(m)
                }
            }
        })
        .collect();
    let height = crate::rpc::height(crate::clock::system_now_ms());
    json!({
        "service_node_states": states,
        "height": height,
        "hardfork": net.config.hardfork[0],
        "status": "OK",
    })
}

async fn json_rpc(State(net): State<Arc<Shared>>, body: Bytes) -> Response {
    net.seed_requests
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let Ok(req) = serde_json::from_slice::<Value>(&body) else {
        return text(400, "invalid json");
    };
    let method = req.get("method").and_then(Value::as_str).unwrap_or("");
    let id = req.get("id").cloned().unwrap_or(json!("0"));
    let body = match method {
        "get_n_service_nodes" | "get_service_nodes" => json!({
            "jsonrpc": "2.0",
            "id": id,
            "result": service_nodes_result(&net, req.get("params")),
        }),
        _ => json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": {"code": -32601, "message": "Method not found"},
        }),
    };
    let mut r = (StatusCode::OK, body.to_string()).into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    r
}
