//! Storage RPC (network.md §5).
//!
//! Requests are built with the typed builders ([`store`], [`retrieve`], [`delete`],
//! [`expire`], [`get_swarm`], [`batch`] …), which add the signature of [`sig`] for the
//! [`Auth`] given; the [`Request`] is then sent as JSON, normally as the payload of a
//! node-destination onion request. Responses are read with the types of [`response`], which
//! take untrusted bytes and return [`RpcError`]s, never panics. Timestamps are network time
//! (see [`crate::clock`]) in milliseconds, passed by the caller.

mod auth;
mod error;
mod hash;
mod methods;
pub mod namespace;
mod request;
pub mod response;
pub mod sig;

pub use auth::{sign, Auth, Signer};
pub use error::RpcError;
pub use hash::{is_valid_hash, message_hash, HASH_LEN};
pub use methods::{
    delete, delete_all, delete_before, expire, expire_all, get_expiries, get_service_nodes,
    get_swarm, info, retrieve, revoke_subaccount, store, unrevoke_subaccount, ExpireMode, Expiry,
    RetrieveQuery, StoreMessage, MAX_MESSAGE_SIZE, MAX_REVOKE_TOKENS,
};
pub use namespace::NamespaceSel;
pub use request::{batch, sequence, Request, MAX_BATCH};
pub use response::{parse_response, status_error, FromJson, SwarmInfo};
