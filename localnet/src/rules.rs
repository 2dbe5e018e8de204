//! Protocol rules the nodes apply: swarm mapping (§3.3), message hashes (§5.11) and namespace
//! classes (§5.12). They are session-core's own sans-IO functions, the same ones a client uses;
//! both are pinned to the spec's vectors by core's tests.

pub use session_core::rpc::message_hash;
pub use session_core::rpc::namespace::{
    is_public_inbox, is_public_outbox, is_unrevocable, render as ns_text,
};
pub use session_core::swarm::{swarm_for, swarm_space};

/// Retrieval needs no signature here (namespace −10 and public outboxes).
pub fn is_noauth_retrieve(ns: i16) -> bool {
    !session_core::rpc::namespace::retrieve_requires_signature(ns)
}
