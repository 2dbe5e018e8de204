//! Admin HTTP endpoint (bound to 127.0.0.1 only, and started only when [`crate::Config::admin`]
//! asks for it, since it has no authentication) exposing [`crate::Faults`] to tests written in
//! other languages and to people poking at a running network:
//!
//! | Request | Effect |
//! |---|---|
//! | `GET /admin/nodes` | node list with swarm and up/down state |
//! | `POST /admin/nodes/{ed25519}/down`, `…/up` | stop / restart a node |
//! | `POST /admin/nodes/{ed25519}/clock` `{"skew_ms": n}` | skew its clock |
//! | `POST /admin/nodes/{ed25519}/unavailable` `{"on": bool}` | answer 503 |
//! | `POST /admin/nodes/{ed25519}/stall` `{"ms": n}` | delay onion handling (0: off) |
//! | `POST /admin/nodes/{ed25519}/drop_after_store` `{"on": bool}` | drop replies after storing |
//! | `POST /admin/nodes/{ed25519}/rate_limited` `{"on": bool}` | 429 to direct requests |
//! | `POST /admin/nodes/{ed25519}/busy` `{"on": bool}` | 503 `Server busy, try again later` |
//! | `POST /admin/nodes/{ed25519}/not_ready_destination` `{"on": bool}` | encrypted 503 `Snode not ready` as destination |
//! | `POST /admin/nodes/{ed25519}/store_lie` `{"lie": "empty_results" \| "wrong_hash" \| "bad_signature" \| "made_up_swarm" \| null}` | lie to clients' stores (null: stop) |
//! | `POST /admin/accounts/{pubkey}/move` (no body) | give the account a new swarm; answers `{"swarm_id": "<hex>", "members": [ed25519…]}` (409 when no swarm can spare nodes) |
//! | `POST /admin/swarms/restore` | undo every swarm move |
//! | `POST /admin/fileserver/clock` `{"skew_ms": n}` | skew the file server's clock |
//! | `POST /admin/fileserver/corrupt` `{"on": bool}` | serve every file with one byte changed |
//! | `POST /admin/community/moderator` `{"session_id": "05…", "room": "lobby" \| null, "admin": bool}` | make an account a moderator of a room (or of every room) of the community server |
//! | `POST /admin/community/posts` `{"room": "dev", "count": n, "prefix": "Old post", "name": "Archivist"}` | post n signed messages as one made-up member (history to page through); answers `{"author": "15…"}` |
//! | `POST /admin/ons` `{"name": "alice", "session_id": "05…"}` | register an ONS name (or move it to another ID) that every node's `ons_resolve` answers, encrypted as on mainnet; answers `{"name": "<lower-cased>"}` (400 for a malformed name or ID) |
//! | `POST /admin/clear` | remove every fault |

use crate::faults::{Faults, StoreLie};
use crate::net::NetInner;
use crate::node::text;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Weak;
use std::time::Duration;

type St = State<Weak<NetInner>>;

pub(crate) fn router(inner: Weak<NetInner>) -> Router {
    Router::new()
        .route("/admin/nodes", get(nodes))
        .route("/admin/nodes/{ed}/{action}", post(node_action))
        .route("/admin/accounts/{pubkey}/move", post(move_account))
        .route("/admin/swarms/restore", post(restore_swarms))
        .route("/admin/fileserver/clock", post(file_clock))
        .route("/admin/fileserver/corrupt", post(file_corrupt))
        .route("/admin/community/moderator", post(community_moderator))
        .route("/admin/community/posts", post(community_posts))
        .route("/admin/ons", post(register_name))
        .route("/admin/clear", post(clear))
        .with_state(inner)
}

fn faults(st: &Weak<NetInner>) -> Option<Faults> {
    st.upgrade().map(|inner| Faults { inner })
}

fn stopped() -> Response {
    text(503, "network stopped")
}

fn ok() -> Response {
    json_response(json!({"ok": true}))
}

fn json_response(v: Value) -> Response {
    let mut r = (StatusCode::OK, v.to_string()).into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    r
}

fn fail(e: crate::Error) -> Response {
    let status = match e {
        crate::Error::UnknownNode(_) => 404,
        crate::Error::Config(_) => 400,
        crate::Error::Move(_) => 409,
        _ => 500,
    };
    text(status, e.to_string())
}

async fn nodes(State(st): St) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    let mut list = Vec::new();
    for n in f.inner.shared.view().nodes() {
        let down = f.is_node_down(&n.ed25519_hex()).await.unwrap_or(false);
        list.push(json!({
            "ed25519": n.ed25519_hex(),
            "x25519": n.x25519_hex(),
            "ip": n.ip.to_string(),
            "port": n.port,
            "swarm_id": format!("{:x}", n.swarm_id),
            "down": down,
        }));
    }
    json_response(json!({"nodes": list}))
}

async fn node_action(
    State(st): St,
    Path((ed, action)): Path<(String, String)>,
    body: Option<Json<Value>>,
) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    let body = body.map(|Json(v)| v).unwrap_or(Value::Null);
    let on = body.get("on").and_then(Value::as_bool).unwrap_or(true);
    let res = match action.as_str() {
        "down" => f.set_node_down(&ed, true).await,
        "up" => f.set_node_down(&ed, false).await,
        "clock" => f.set_clock_skew(
            &ed,
            body.get("skew_ms").and_then(Value::as_i64).unwrap_or(0),
        ),
        "unavailable" => f.set_unavailable(&ed, on),
        "stall" => {
            let ms = body.get("ms").and_then(Value::as_u64).unwrap_or(0);
            f.set_onion_stall(&ed, (ms > 0).then(|| Duration::from_millis(ms)))
        }
        "drop_after_store" => f.set_drop_reply_after_store(&ed, on),
        "rate_limited" => f.set_rate_limited(&ed, on),
        "busy" => f.set_busy(&ed, on),
        "not_ready_destination" => f.set_not_ready_as_destination(&ed, on),
        "store_lie" => {
            let lie = match body.get("lie") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_str().and_then(StoreLie::from_name) {
                    Some(l) => Some(l),
                    None => {
                        let names: Vec<&str> = StoreLie::ALL.iter().map(|l| l.name()).collect();
                        return text(400, format!("lie must be null or one of {names:?}"));
                    }
                },
            };
            f.set_store_lie(&ed, lie)
        }
        _ => return text(404, format!("unknown action {action}")),
    };
    match res {
        Ok(()) => ok(),
        Err(e) => fail(e),
    }
}

async fn move_account(State(st): St, Path(pubkey): Path<String>) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    match f.move_account(&pubkey) {
        Ok(id) => {
            let members: Vec<String> = f
                .inner
                .shared
                .members(id)
                .iter()
                .map(|n| n.ed25519_hex())
                .collect();
            json_response(json!({"swarm_id": format!("{id:x}"), "members": members}))
        }
        Err(e) => fail(e),
    }
}

async fn restore_swarms(State(st): St) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    match f.restore_swarms() {
        Ok(()) => ok(),
        Err(e) => fail(e),
    }
}

async fn file_clock(State(st): St, Json(body): Json<Value>) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    f.set_file_server_clock_skew(body.get("skew_ms").and_then(Value::as_i64).unwrap_or(0));
    ok()
}

async fn file_corrupt(State(st): St, Json(body): Json<Value>) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    f.set_file_server_corrupt(body.get("on").and_then(Value::as_bool).unwrap_or(false));
    ok()
}

async fn register_name(State(st): St, Json(body): Json<Value>) -> Response {
    let Some(inner) = st.upgrade() else {
        return stopped();
    };
    let field = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or_default();
    match inner
        .shared
        .names
        .register(field("name"), field("session_id"))
    {
        Ok(name) => json_response(json!({"name": name.as_str()})),
        Err(e) => text(400, e.to_string()),
    }
}

async fn community_moderator(State(st): St, Json(body): Json<Value>) -> Response {
    let Some(inner) = st.upgrade() else {
        return stopped();
    };
    let Some(community) = inner.community.as_ref() else {
        return text(404, "this network runs no community server");
    };
    let Some(id) = body.get("session_id").and_then(Value::as_str) else {
        return text(400, "session_id is required");
    };
    let room = body.get("room").and_then(Value::as_str);
    let admin = body.get("admin").and_then(Value::as_bool).unwrap_or(false);
    match session_sogs::admin::add_moderator(&community.server, room, id, admin) {
        Ok(()) => ok(),
        Err(e) => text(400, e.to_string()),
    }
}

async fn community_posts(State(st): St, Json(body): Json<Value>) -> Response {
    let Some(inner) = st.upgrade() else {
        return stopped();
    };
    let Some(community) = inner.community.as_ref() else {
        return text(404, "this network runs no community server");
    };
    let Some(room) = body.get("room").and_then(Value::as_str) else {
        return text(400, "room is required");
    };
    let count = body.get("count").and_then(Value::as_u64).unwrap_or(1);
    let Ok(count) = u32::try_from(count.min(100_000)) else {
        return text(400, "count is too large");
    };
    let prefix = body.get("prefix").and_then(Value::as_str).unwrap_or("Post");
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("Archivist");
    let server = community.server.clone();
    let (room, prefix, name) = (room.to_owned(), prefix.to_owned(), name.to_owned());
    // Thousands of signatures: off the async threads.
    let seeded = tokio::task::spawn_blocking(move || {
        session_sogs::admin::seed_posts(&server, &room, count, &prefix, &name)
    })
    .await;
    match seeded {
        Ok(Ok(author)) => json_response(json!({ "author": author })),
        Ok(Err(e)) => text(400, e.to_string()),
        Err(e) => text(500, e.to_string()),
    }
}

async fn clear(State(st): St) -> Response {
    let Some(f) = faults(&st) else {
        return stopped();
    };
    match f.clear().await {
        Ok(()) => ok(),
        Err(e) => fail(e),
    }
}
