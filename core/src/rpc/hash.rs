//! Message hashes (network.md §5.11).

use super::namespace::render;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};

/// Length of a message hash: 32 bytes in unpadded base64.
pub const HASH_LEN: usize = 43;

/// `b64u(BLAKE2b-32(prefix ‖ pubkey ‖ ns ‖ data))`: the hash a node gives a stored message,
/// 43 characters of standard base64 without padding; `ns` is empty for namespace 0.
pub fn message_hash(pubkey33: &[u8; 33], namespace: i16, data: &[u8]) -> String {
    let mut h = Blake2b::<U32>::new();
    h.update(pubkey33);
    h.update(render(namespace).as_bytes());
    h.update(data);
    STANDARD_NO_PAD.encode(h.finalize())
}

/// Whether `hash` has the form nodes accept: 43 characters of the standard base64 alphabet.
pub fn is_valid_hash(hash: &str) -> bool {
    hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}
