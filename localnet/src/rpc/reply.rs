//! What a storage-RPC method answers: status and body, plus the per-request context.

use crate::node::Node;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Adds `t` (this node's time) and `hf` to a JSON object.
pub(crate) fn add_misc(node: &Node, v: &mut Value, now_ms: u64) {
    if let Value::Object(m) = v {
        m.insert("t".into(), now_ms.into());
        m.insert("hf".into(), serde_json::json!(node.net.config.hardfork));
    }
}
