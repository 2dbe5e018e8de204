//! `get_swarm`, the 421 answer and swarm recursion (§3.5, §5.13).

use super::params::{one_of, NsVar, PResult, Params, ParseError};
use super::reply::{add_misc, Reply};
use crate::layout::NodeInfo;
use crate::node::Node;
use crate::swarms::View;
use serde_json::{json, Map, Value};
use std::sync::Arc;

pub(crate) fn parse_get_swarm(p: Params<'_>) -> PResult<[u8; 33]> {
    let alt = p.string("pubKey")?;
    let pk = p.string("pubkey")?;
    let pk = one_of("pubkey", pk, "pubKey", alt, true)?;
    super::params::pubkey(pk)
        .ok_or_else(|| ParseError("Pubkey must be 66 hex digits/33 bytes long".into()))
}

const BASE32Z: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

/// z-base-32 of the key (the deprecated `.snode` address).
fn base32z(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32Z[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32Z[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// One swarm member as get_swarm lists it.
pub(crate) fn snode_json(n: &NodeInfo) -> Value {
    json!({
        "address": format!("{}.snode", base32z(&n.ed25519)),
        "pubkey_legacy": n.ed25519_hex(),
        "pubkey_x25519": n.x25519_hex(),
        "pubkey_ed25519": n.ed25519_hex(),
        "port": n.port.to_string(),
        "port_https": n.port,
        "port_omq": n.port,
        "port_quic": n.port,
        "ip": n.ip.to_string(),
    })
}

/// `{"snodes": [...], "swarm": "<hex id>"}` of a swarm (`None`: no swarm).
pub(crate) fn swarm_body(view: &View, id: Option<u64>) -> Value {
    match id {
        Some(id) => json!({
            "snodes": view.members(id).iter().map(snode_json).collect::<Vec<_>>(),
            "swarm": format!("{id:x}"),
        }),
        None => json!({"snodes": [], "swarm": format!("{:x}", u64::MAX)}),
    }
}

pub(crate) fn run_get_swarm(node: &Node, pk: &[u8; 33]) -> Reply {
    let view = node.net.view();
    let mut body = swarm_body(&view, view.swarm_of(pk));
    add_misc(node, &mut body, node.now());
    Reply::json(200, body)
}

/// 421 naming swarm `id` (with its members), as a node answers for an account not its own.
pub(crate) fn misdirected(node: &Node, view: &View, id: Option<u64>) -> Reply {
    let mut body = swarm_body(view, id);
    add_misc(node, &mut body, node.now());
    Reply::json(421, body)
}

/// 421 with the swarm this node believes is right, unless the account is ours.
pub(crate) fn check_swarm(node: &Node, pk: &[u8; 33]) -> Result<(), Reply> {
    // One view for both: a swarm change between two reads would mix two networks.
    let view = node.net.view();
    let right = view.swarm_of(pk);
    let mine = view.find(&node.info.ed25519).map(|n| n.swarm_id);
    if right.is_some() && right == mine {
        return Ok(());
    }
    Err(misdirected(node, &view, right))
}

/// The member entry for a namespace-wide action: sorted hashes (one namespace) or an object
/// per namespace ("all"), signed over `prefix ‖ all hashes in one global sort`.
pub(crate) fn ns_entry(
    node: &Node,
    key: &str,
    ns: NsVar,
    mut affected: Vec<(i16, String)>,
    sig_prefix: String,
) -> Value {
    affected.sort_by(|a, b| a.1.cmp(&b.1));
    let mut signed = sig_prefix;
    for (_, h) in &affected {
        signed.push_str(h);
    }
    let list = match ns {
        NsVar::One(_) => json!(affected.into_iter().map(|(_, h)| h).collect::<Vec<_>>()),
        NsVar::All => {
            let mut by_ns: Map<String, Value> = Map::new();
            for (n, h) in affected {
                let e = by_ns.entry(n.to_string()).or_insert_with(|| json!([]));
                if let Value::Array(a) = e {
                    a.push(h.into());
                }
            }
            Value::Object(by_ns)
        }
    };
    json!({ key: list, "signature": node.sign_b64(signed.as_bytes()) })
}

/// Sends the original request to every other member of this node's swarm and collects each
/// member's entry (its own result, or a `failed` entry).
pub(crate) async fn fan_out(
    node: &Arc<Node>,
    method: &str,
    params: &Map<String, Value>,
) -> Vec<(String, Value)> {
    let body = json!({"method": method, "params": params}).to_string();
    let peers: Vec<NodeInfo> = node
        .net
        .members(node.swarm_id())
        .into_iter()
        .filter(|n| n.ed25519 != node.info.ed25519)
        .collect();
    let calls = peers.into_iter().map(|peer| {
        let node = node.clone();
        let body = body.clone();
        async move {
            let entry = forward_one(&node, &peer, body).await;
            (peer.ed25519_hex(), entry)
        }
    });
    let handles: Vec<_> = calls.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        if let Ok(r) = h.await {
            out.push(r);
        }
    }
    out
}

async fn forward_one(node: &Node, peer: &NodeInfo, body: String) -> Value {
    let sig = node.keys.sign(body.as_bytes());
    let res = node
        .net
        .client
        .post(format!("{}/swarm_rpc/v1", peer.https_url()))
        .header(crate::node::SENDER_HEADER, node.info.ed25519_hex())
        .header(crate::node::SIGNATURE_HEADER, hex::encode(sig))
        .body(body)
        .timeout(node.net.config.swarm_timeout)
        .send()
        .await;
    let resp = match res {
        Ok(r) => r,
        Err(_) => return json!({"failed": true, "timeout": true}),
    };
    let status = resp.status().as_u16();
    let Ok(bytes) = resp.bytes().await else {
        return json!({"failed": true, "timeout": true});
    };
    if status == 200 {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(v @ Value::Object(_)) => v,
            _ => json!({"failed": true, "bad_peer_response": true}),
        }
    } else {
        json!({
            "failed": true,
            "code": status.to_string(),
            "reason": String::from_utf8_lossy(&bytes),
        })
    }
}

/// Runs a recursive method: `local` computes this node's own entry (Err = failure reason).
/// A forwarded copy answers with its entry at top level; the entry node answers
/// `{"swarm": {member: entry}}` plus `t`/`hf`, with 500 when every entry failed. `finish` may
/// add method-specific top-level fields.
pub(crate) async fn recursive(
    node: &Arc<Node>,
    method: &str,
    params: &Map<String, Value>,
    recurse: bool,
    local: impl FnOnce() -> Result<Value, String>,
    finish: impl FnOnce(&mut Map<String, Value>, &Map<String, Value>),
) -> Reply {
    if !recurse {
        return match local() {
            Ok(v) => Reply::json(200, v),
            Err(reason) => Reply::text(500, reason),
        };
    }
    let now = node.now();
    let peers = {
        let node = node.clone();
        let method = method.to_owned();
        let params = params.clone();
        tokio::spawn(async move { fan_out(&node, &method, &params).await })
    };
    let mine = local()
        .unwrap_or_else(|reason| json!({"failed": true, "query_failure": true, "reason": reason}));
    let mut swarm = Map::new();
    swarm.insert(node.info.ed25519_hex(), mine);
    for (k, v) in peers.await.unwrap_or_default() {
        swarm.insert(k, v);
    }
    let all_failed = swarm.values().all(|v| v.get("failed").is_some());
    let mut top = Map::new();
    finish(&mut top, &swarm);
    top.insert("swarm".into(), Value::Object(swarm));
    let mut body = Value::Object(top);
    add_misc(node, &mut body, now);
    Reply::json(if all_failed { 500 } else { 200 }, body)
}
