//! Client side: wrapping a request in one layer per hop (network.md §4.4).

use super::{encode_combined, EncType, LayerKey, OnionError, MAX_ONION_REQUEST_SIZE};
use rand_core::{CryptoRng, RngCore};
use serde_json::json;
use zeroize::Zeroizing;

/// One service node of a path: its identity (Ed25519) and encryption (X25519) keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hop {
    /// Ed25519 public key: how the previous hop names this node.
    pub ed25519: [u8; 32],
    /// X25519 public key: what the layer for this node is encrypted to.
    pub x25519: [u8; 32],
}

/// Where the request goes after the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A service node executing a storage-RPC request (must not be on the path).
    Node(Hop),
    /// An external server reached through its `/oxen/v4/lsrpc` endpoint (file server,
    /// community server…); the payload is a v4 request ([`v4::encode_request`](super::v4::encode_request)).
    Server {
        /// Host name or IP.
        host: String,
        /// Path on the server, normally `/oxen/v4/lsrpc`.
        target: String,
        /// `http` or `https`.
        protocol: String,
        /// TCP port.
        port: u16,
        /// The server's X25519 public key.
        x25519: [u8; 32],
    },
}

impl Destination {
    fn x25519(&self) -> &[u8; 32] {
        match self {
            Destination::Node(hop) => &hop.x25519,
            Destination::Server { x25519, .. } => x25519,
        }
    }
}

/// A built onion request.
#[derive(Debug, Clone)]
pub struct OnionRequest {
    /// The first hop, to which `body` is POSTed at `/onion_req/v2`.
    pub guard_ed25519: [u8; 32],
    /// The bytes to POST.
    pub body: Vec<u8>,
    /// The destination layer's key: decrypts the reply
    /// ([`decode_node_reply`](super::decode_node_reply) or
    /// [`decode_server_reply`](super::decode_server_reply)).
    pub reply_key: LayerKey,
}

/// Builds an onion request through `path` (guard first; usually 3 hops, at least 1) to `dest`.
///
/// `payload` is the storage-RPC JSON for a node destination, or v4 request bytes for a server.
/// Every layer uses `enc`, and the routing JSON names it (as libsession does).
pub fn build(
    path: &[Hop],
    dest: &Destination,
    payload: &[u8],
    enc: EncType,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<OnionRequest, OnionError> {
    let guard = path.first().ok_or(OnionError::EmptyPath)?;
    if payload.len() > MAX_ONION_REQUEST_SIZE {
        return Err(OnionError::TooLarge { len: payload.len() });
    }
    let (reply_key, dest_ephemeral) = fresh_key(dest.x25519(), enc, rng)?;
    let enc_name = enc.as_str();
    let (mut blob, mut route) = match dest {
        Destination::Node(hop) => {
            let inner = encode_combined(payload, &json!({ "headers": "" }));
            let route = json!({
                "destination": hex::encode(hop.ed25519),
                "ephemeral_key": hex::encode(dest_ephemeral),
                "enc_type": enc_name,
            });
            (reply_key.encrypt(&inner, rng), route)
        }
        Destination::Server {
            host,
            target,
            protocol,
            port,
            ..
        } => {
            let route = json!({
                "host": host,
                "target": target,
                "method": "POST",
                "protocol": protocol,
                "port": port,
                "ephemeral_key": hex::encode(dest_ephemeral),
                "enc_type": enc_name,
            });
            (reply_key.encrypt(payload, rng), route)
        }
    };
    let mut ephemeral_hex = String::new();
    for hop in path.iter().rev() {
        let layer = encode_combined(&blob, &route);
        let (key, ephemeral) = fresh_key(&hop.x25519, enc, rng)?;
        blob = key.encrypt(&layer, rng);
        ephemeral_hex = hex::encode(ephemeral);
        route = json!({
            "destination": hex::encode(hop.ed25519),
            "ephemeral_key": ephemeral_hex,
            "enc_type": enc_name,
        });
    }
    // The guard needs only the key and suite of its own layer, not a route naming itself.
    let envelope = json!({ "ephemeral_key": ephemeral_hex, "enc_type": enc_name });
    let body = encode_combined(&blob, &envelope);
    if body.len() > MAX_ONION_REQUEST_SIZE {
        return Err(OnionError::TooLarge { len: body.len() });
    }
    Ok(OnionRequest {
        guard_ed25519: guard.ed25519,
        body,
        reply_key,
    })
}

/// A fresh ephemeral keypair for one layer: the layer key and the public half to announce.
fn fresh_key(
    recipient: &[u8; 32],
    enc: EncType,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<(LayerKey, [u8; 32]), OnionError> {
    let mut secret = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(&mut *secret);
    LayerKey::client_and_public(&secret, recipient, enc)
}
