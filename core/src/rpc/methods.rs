//! Typed builders for each storage-RPC method, with their signatures (network.md §5.4–§5.10).

use super::namespace::{retrieve_requires_signature, store_requires_signature, NamespaceSel};
use super::{is_valid_hash, sig, Auth, Request, RpcError};
use crate::onion::B64;
use base64::Engine;
use ed25519_dalek::SigningKey;
use serde_json::{json, Map, Value};

/// Largest message a node stores (decoded bytes).
pub const MAX_MESSAGE_SIZE: usize = 76_800;
/// Most subaccount tokens one (un)revoke request may carry.
pub const MAX_REVOKE_TOKENS: usize = 50;

fn params(account: &[u8; 33]) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("pubkey".into(), hex::encode(account).into());
    p
}

fn check_hashes<S: AsRef<str>>(hashes: &[S], allow_empty: bool) -> Result<Vec<Value>, RpcError> {
    if hashes.is_empty() && !allow_empty {
        return Err(RpcError::NoMessages);
    }
    hashes
        .iter()
        .map(|h| {
            let h = h.as_ref();
            if is_valid_hash(h) {
                Ok(Value::from(h))
            } else {
                Err(RpcError::InvalidHash(h.to_owned()))
            }
        })
        .collect()
}

/// A message to store.
#[derive(Debug, Clone, Copy)]
pub struct StoreMessage<'a> {
    /// The recipient account (`05…` user, `03…` group).
    pub account: &'a [u8; 33],
    /// Namespace (0 for 1:1 messages).
    pub namespace: i16,
    /// The message bytes (sent as base64).
    pub data: &'a [u8],
    /// Message timestamp (network time, ms).
    pub timestamp_ms: u64,
    /// Time to live (ms): up to 14 days in public namespaces, 30 days otherwise.
    pub ttl_ms: u64,
    /// Signature timestamp when it differs from `timestamp_ms` (sent as `sig_timestamp`).
    pub sig_timestamp_ms: Option<u64>,
}

/// `store`. Namespaces not divisible by 10 must be signed (`auth`); in the others `auth` is not
/// needed and is ignored, as nodes ignore such signatures.
pub fn store(msg: &StoreMessage<'_>, auth: Option<&Auth<'_>>) -> Result<Request, RpcError> {
    if msg.data.len() > MAX_MESSAGE_SIZE {
        return Err(RpcError::DataTooLarge {
            len: msg.data.len(),
            max: MAX_MESSAGE_SIZE,
        });
    }
    let mut p = params(msg.account);
    p.insert("namespace".into(), msg.namespace.into());
    p.insert("data".into(), B64.encode(msg.data).into());
    p.insert("timestamp".into(), msg.timestamp_ms.into());
    p.insert("ttl".into(), msg.ttl_ms.into());
    if store_requires_signature(msg.namespace) {
        let auth = auth.ok_or(RpcError::AuthRequired {
            method: "store",
            namespace: msg.namespace,
        })?;
        let sig_ts = msg.sig_timestamp_ms.unwrap_or(msg.timestamp_ms);
        if let Some(ts) = msg.sig_timestamp_ms {
            p.insert("sig_timestamp".into(), ts.into());
        }
        auth.apply(msg.account, &sig::store(msg.namespace, sig_ts), &mut p)?;
    }
    Ok(Request::new("store", p))
}

/// A retrieval from one namespace.
#[derive(Debug, Clone, Copy)]
pub struct RetrieveQuery<'a> {
    /// The account polled.
    pub account: &'a [u8; 33],
    /// Namespace.
    pub namespace: i16,
    /// Hash of the last message this node returned (per node); `None` or `""` for all.
    pub last_hash: Option<&'a str>,
    /// At most this many messages.
    pub max_count: Option<u32>,
    /// Size budget: positive bytes, or `-k` for 1/k of the node's maximum.
    pub max_size: Option<i64>,
    /// Signature timestamp (network time, ms).
    pub timestamp_ms: u64,
}

/// `retrieve`, signed (`auth`) unless the namespace is −10 or a public outbox.
pub fn retrieve(q: &RetrieveQuery<'_>, auth: Option<&Auth<'_>>) -> Result<Request, RpcError> {
    let mut p = params(q.account);
    p.insert("namespace".into(), q.namespace.into());
    if let Some(h) = q.last_hash {
        if !h.is_empty() && !is_valid_hash(h) {
            return Err(RpcError::InvalidHash(h.to_owned()));
        }
        p.insert("last_hash".into(), h.into());
    }
    if let Some(n) = q.max_count {
        p.insert("max_count".into(), n.into());
    }
    if let Some(n) = q.max_size {
        p.insert("max_size".into(), n.into());
    }
    match auth {
        Some(auth) => {
            p.insert("timestamp".into(), q.timestamp_ms.into());
            auth.apply(
                q.account,
                &sig::retrieve(q.namespace, q.timestamp_ms),
                &mut p,
            )?;
        }
        None if retrieve_requires_signature(q.namespace) => {
            return Err(RpcError::AuthRequired {
                method: "retrieve",
                namespace: q.namespace,
            })
        }
        None => {}
    }
    Ok(Request::new("retrieve", p))
}

/// `delete` of messages by hash; with `required`, the node answers 404 when none was deleted.
pub fn delete<S: AsRef<str>>(
    account: &[u8; 33],
    hashes: &[S],
    required: bool,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("messages".into(), check_hashes(hashes, false)?.into());
    if required {
        p.insert("required".into(), true.into());
    }
    auth.apply(account, &sig::delete(hashes), &mut p)?;
    Ok(Request::new("delete", p))
}

/// `delete_all` of one namespace or all of them.
pub fn delete_all(
    account: &[u8; 33],
    namespace: NamespaceSel,
    timestamp_ms: u64,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("namespace".into(), namespace.to_json());
    p.insert("timestamp".into(), timestamp_ms.into());
    auth.apply(account, &sig::delete_all(namespace, timestamp_ms), &mut p)?;
    Ok(Request::new("delete_all", p))
}

/// `delete_before`: messages whose timestamp is at most `before_ms`.
pub fn delete_before(
    account: &[u8; 33],
    namespace: NamespaceSel,
    before_ms: u64,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("namespace".into(), namespace.to_json());
    p.insert("before".into(), before_ms.into());
    auth.apply(account, &sig::delete_before(namespace, before_ms), &mut p)?;
    Ok(Request::new("delete_before", p))
}

/// How `expire` may change expiries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpireMode {
    /// Set the expiry, whichever way it moves.
    #[default]
    Set,
    /// Only lower expiries.
    Shorten,
    /// Only raise expiries.
    Extend,
}

impl ExpireMode {
    /// The mode as signed: `""`, `"shorten"` or `"extend"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExpireMode::Set => "",
            ExpireMode::Shorten => "shorten",
            ExpireMode::Extend => "extend",
        }
    }
}

/// New expiries for `expire`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry<'a> {
    /// One expiry (ms) for every message.
    At(u64),
    /// One expiry per message, in the order of the hashes (nodes on hard fork ≥ 19.4).
    PerMessage(&'a [u64]),
}

/// `expire`: change the expiry of messages.
pub fn expire<S: AsRef<str>>(
    account: &[u8; 33],
    hashes: &[S],
    expiry: Expiry<'_>,
    mode: ExpireMode,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("messages".into(), check_hashes(hashes, false)?.into());
    let expiries: Vec<u64> = match expiry {
        Expiry::At(ms) => {
            p.insert("expiry".into(), ms.into());
            vec![ms]
        }
        Expiry::PerMessage(list) => {
            if list.len() != hashes.len() {
                return Err(RpcError::ExpiryCountMismatch {
                    hashes: hashes.len(),
                    expiries: list.len(),
                });
            }
            p.insert("expiry".into(), list.into());
            list.to_vec()
        }
    };
    match mode {
        ExpireMode::Set => {}
        ExpireMode::Shorten => {
            p.insert("shorten".into(), true.into());
        }
        ExpireMode::Extend => {
            p.insert("extend".into(), true.into());
        }
    }
    auth.apply(
        account,
        &sig::expire(mode.as_str(), &expiries, hashes),
        &mut p,
    )?;
    Ok(Request::new("expire", p))
}

/// `expire_all`: shorten the expiry of every message of one or all namespaces.
pub fn expire_all(
    account: &[u8; 33],
    namespace: NamespaceSel,
    expiry_ms: u64,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("namespace".into(), namespace.to_json());
    p.insert("expiry".into(), expiry_ms.into());
    auth.apply(account, &sig::expire_all(namespace, expiry_ms), &mut p)?;
    Ok(Request::new("expire_all", p))
}

/// `get_expiries` of messages.
pub fn get_expiries<S: AsRef<str>>(
    account: &[u8; 33],
    hashes: &[S],
    timestamp_ms: u64,
    auth: &Auth<'_>,
) -> Result<Request, RpcError> {
    let mut p = params(account);
    p.insert("messages".into(), check_hashes(hashes, true)?.into());
    p.insert("timestamp".into(), timestamp_ms.into());
    auth.apply(account, &sig::get_expiries(timestamp_ms, hashes), &mut p)?;
    Ok(Request::new("get_expiries", p))
}

/// `revoke_subaccount` (group admin key only).
pub fn revoke_subaccount(
    account: &[u8; 33],
    tokens: &[[u8; 36]],
    timestamp_ms: u64,
    owner: &SigningKey,
) -> Result<Request, RpcError> {
    revocation(
        "revoke_subaccount",
        "revoke",
        account,
        tokens,
        timestamp_ms,
        owner,
    )
}

/// `unrevoke_subaccount` (group admin key only).
pub fn unrevoke_subaccount(
    account: &[u8; 33],
    tokens: &[[u8; 36]],
    timestamp_ms: u64,
    owner: &SigningKey,
) -> Result<Request, RpcError> {
    revocation(
        "unrevoke_subaccount",
        "unrevoke",
        account,
        tokens,
        timestamp_ms,
        owner,
    )
}

fn revocation(
    method: &'static str,
    field: &str,
    account: &[u8; 33],
    tokens: &[[u8; 36]],
    timestamp_ms: u64,
    owner: &SigningKey,
) -> Result<Request, RpcError> {
    if tokens.is_empty() || tokens.len() > MAX_REVOKE_TOKENS {
        return Err(RpcError::CountOutOfRange {
            what: "subaccount tokens",
            count: tokens.len(),
            min: 1,
            max: MAX_REVOKE_TOKENS,
        });
    }
    let mut p = params(account);
    let list: Vec<Value> = tokens.iter().map(|t| B64.encode(t).into()).collect();
    p.insert(field.into(), list.into());
    p.insert("timestamp".into(), timestamp_ms.into());
    let msg = if method == "revoke_subaccount" {
        sig::revoke_subaccount(timestamp_ms, tokens)
    } else {
        sig::unrevoke_subaccount(timestamp_ms, tokens)
    };
    Auth::Owner(owner).apply(account, &msg, &mut p)?;
    Ok(Request::new(method, p))
}

/// `get_swarm`: the swarm an account lives on (any node answers).
pub fn get_swarm(account: &[u8; 33]) -> Request {
    Request::new("get_swarm", params(account))
}

/// `info`: the node's version and time.
pub fn info() -> Request {
    Request::new("info", Map::new())
}

/// `oxend_request` → `get_service_nodes`: the active node list with the fields clients use.
pub fn get_service_nodes() -> Request {
    let fields = json!({
        "public_ip": true,
        "storage_port": true,
        "pubkey_x25519": true,
        "pubkey_ed25519": true,
        "swarm_id": true,
    });
    let mut p = Map::new();
    p.insert("endpoint".into(), "get_service_nodes".into());
    p.insert(
        "params".into(),
        json!({ "active_only": true, "fields": fields }),
    );
    Request::new("oxend_request", p)
}
