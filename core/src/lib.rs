//! # session-core
//!
//! The Session messenger protocol, byte-compatible with the official apps, with no I/O of its
//! own: no sockets, no clock reads and no hidden randomness. Callers pass the current network
//! time (milliseconds since the Unix epoch) and a cryptographic RNG; network traffic goes through
//! a transport implemented by the host (native HTTPS, or the browser's `fetch`).
//!
//! Modules follow the protocol's layers:
//! - [`identity`]: account seed, Ed25519/X25519 keys, Session IDs, the 13-word recovery phrase;
//! - [`crypto`]: sealed boxes, BLAKE2b helpers, community blinding;
//! - [`proto`]: protobuf types generated from `core/proto/*.proto`;
//! - [`message`]: padding, sign-and-seal for a recipient, Envelope and WebSocket wrapping;
//! - [`onion`]: onion request layers (client build, node peel, reply decode, v4 encoding);
//! - [`rpc`]: storage-RPC signature strings, message hashes, typed requests and responses;
//! - [`swarm`]: pubkey-to-swarm mapping;
//! - [`clock`]: network clock offset;
//! - [`community`]: SOGS request-signing headers, blinded direct messages;
//! - [`ons`]: Session names (ONS) resolved to Session IDs;
//! - [`conversation`]: the typed name of every kind of conversation.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

pub mod attachment;
pub mod client;
pub mod clock;
pub mod community;
pub mod config;
pub mod conversation;
pub mod crypto;
mod expiring;
pub mod group;
pub mod identity;
pub mod message;
pub mod onion;
pub mod ons;
pub mod proto;
pub mod rpc;
pub mod swarm;
