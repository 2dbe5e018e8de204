//! libsodium's `randombytes_buf_deterministic`: the ChaCha20 (IETF) keystream of a 32-byte
//! seed under the fixed nonce `"LibsodiumDRG"`. Groups use it for the junk entries of a keys
//! message, which every admin must derive identically (groups-and-config.md §3.4).

use chacha20::cipher::{KeyIvInit, StreamCipher};
use chacha20::ChaCha20;

/// The nonce libsodium fixes for its deterministic generator.
const NONCE: &[u8; 12] = b"LibsodiumDRG";

/// Fills `out` with the deterministic bytes of `seed`.
pub fn fill(seed: &[u8; 32], out: &mut [u8]) {
    out.fill(0);
    ChaCha20::new(seed.into(), NONCE.into()).apply_keystream(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_output_extends_a_shorter_one_and_seeds_differ() {
        let mut short = [0u8; 48];
        let mut long = [0u8; 200];
        fill(&[7; 32], &mut short);
        fill(&[7; 32], &mut long);
        assert_eq!(short[..], long[..48]);
        let mut other = [0u8; 48];
        fill(&[8; 32], &mut other);
        assert_ne!(short, other);
        assert_ne!(short, [0u8; 48]);
    }
}
