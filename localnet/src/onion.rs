//! `/onion_req/v2` hop processing (§4.5–§4.8).

use crate::node::{text, Node};
use axum::extract::{Request, State};
use axum::response::Response;
use std::sync::Arc;

pub(crate) async fn onion_req(State(node): State<Arc<Node>>, _req: Request) -> Response {
    let _ = node;
    text(503, "onion requests are not available yet")
}
