//! Protocol rules the nodes apply: swarm mapping (§3.3), message hashes (§5.11) and namespace
//! classes (§5.12). The node side keeps its own small implementation so that a client bug in
//! session-core cannot hide behind the same bug in the network it is tested against.

use base64::Engine;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};

/// XOR of the four big-endian u64 words of the 32 key bytes (the prefix byte is ignored).
pub fn swarm_space(pubkey33: &[u8; 33]) -> u64 {
    pubkey33[1..]
        .chunks_exact(8)
        .map(|c| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            u64::from_be_bytes(w)
        })
        .fold(0, |acc, w| acc ^ w)
}

/// The swarm (from the ascending list) an account belongs to; ties go to the lower swarm.
pub fn swarm_for(pubkey33: &[u8; 33], sorted_ids: &[u64]) -> Option<u64> {
    let (first, last) = (*sorted_ids.first()?, *sorted_ids.last()?);
    if sorted_ids.len() == 1 {
        return Some(first);
    }
    let space = swarm_space(pubkey33);
    let idx = sorted_ids.partition_point(|&id| id < space);
    let right = sorted_ids.get(idx).copied().unwrap_or(first);
    let left = if idx == 0 || idx == sorted_ids.len() {
        last
    } else {
        sorted_ids[idx - 1]
    };
    let dright = right.wrapping_sub(space);
    let dleft = space.wrapping_sub(left);
    Some(if dright < dleft { right } else { left })
}

/// Namespace as it appears in hashes and signed strings: empty for 0, else decimal.
pub fn ns_text(ns: i16) -> String {
    if ns == 0 {
        String::new()
    } else {
        ns.to_string()
    }
}

/// Unpadded standard base64 of BLAKE2b-32(prefix ‖ key ‖ ns ‖ data).
pub fn message_hash(pubkey33: &[u8; 33], ns: i16, data: &[u8]) -> String {
    let mut h = Blake2b::<U32>::new();
    h.update(pubkey33);
    h.update(ns_text(ns).as_bytes());
    h.update(data);
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(h.finalize())
}

/// Anyone may store here without a signature (n mod 10 = 0).
pub fn is_public_inbox(ns: i16) -> bool {
    ns % 10 == 0
}

/// Single-message mailbox readable without auth (negative, −n mod 20 = 1).
pub fn is_public_outbox(ns: i16) -> bool {
    let n = i32::from(ns);
    n < 0 && (-n) % 20 == 1
}

/// Retrieval needs no signature here.
pub fn is_noauth_retrieve(ns: i16) -> bool {
    ns == -10 || is_public_outbox(ns)
}

/// Revoked subaccounts may still read here (negative, −n mod 100 = 11).
pub fn is_unrevocable(ns: i16) -> bool {
    let n = i32::from(ns);
    n < 0 && (-n) % 100 == 11
}
