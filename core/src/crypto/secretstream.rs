//! libsodium's `crypto_secretstream_xchacha20poly1305`: a stream of authenticated chunks under
//! one key and a 24-byte header. libsession's deterministic attachments use it with a header
//! derived from the file rather than a random one, so the push side takes the header as given.
//!
//! Each chunk is `encrypted tag (1) ‖ ciphertext ‖ Poly1305 MAC (16)`. The state is the
//! HChaCha20 subkey and a 12-byte ChaCha20 nonce (32-bit counter ‖ 8-byte inner nonce) that
//! changes after every chunk.

use chacha20::cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
use chacha20::{hchacha, ChaCha20};
use poly1305::universal_hash::KeyInit;
use poly1305::Poly1305;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use super::CryptoError;

/// Header length.
pub const HEADER_LEN: usize = 24;
/// Bytes a chunk adds to its plaintext.
pub const ABYTES: usize = 17;
/// An ordinary chunk.
pub const TAG_MESSAGE: u8 = 0;
/// The last chunk of a stream.
pub const TAG_FINAL: u8 = 3;
const TAG_REKEY: u8 = 2;

/// One direction of a stream.
pub struct State {
    key: Zeroizing<[u8; 32]>,
    /// Counter (little-endian) then inner nonce.
    nonce: [u8; 12],
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State").finish_non_exhaustive()
    }
}

impl State {
    /// The state `init_push` and `init_pull` both make from `key` and `header`.
    pub fn new(key: &[u8; 32], header: &[u8; HEADER_LEN]) -> State {
        let sub = hchacha::<chacha20::cipher::consts::U10>(key.into(), header[..16].into());
        let mut k = Zeroizing::new([0u8; 32]);
        k.copy_from_slice(&sub);
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&1u32.to_le_bytes());
        nonce[4..].copy_from_slice(&header[16..]);
        State { key: k, nonce }
    }

    fn cipher_at(&self, block: u64) -> ChaCha20 {
        let mut c = ChaCha20::new((&*self.key).into(), (&self.nonce).into());
        c.seek(block * 64);
        c
    }

    /// The MAC of a chunk: Poly1305 over its 64-byte tag block, its ciphertext, then
    /// `len % 16` zero bytes (libsodium's padding here, which is not to a 16-byte boundary and
    /// must be matched byte for byte), then the lengths of the (empty) associated data and of
    /// block and ciphertext.
    fn mac(&self, block: &[u8; 64], ct: &[u8]) -> [u8; 16] {
        let mut poly_key = Zeroizing::new([0u8; 32]);
        self.cipher_at(0).apply_keystream(&mut poly_key[..]);
        let mut msg = Vec::with_capacity(64 + ct.len() + 16 + 16);
        msg.extend_from_slice(block);
        msg.extend_from_slice(ct);
        msg.resize(msg.len() + (ct.len() & 0xf), 0);
        msg.extend_from_slice(&0u64.to_le_bytes());
        msg.extend_from_slice(&(64 + ct.len() as u64).to_le_bytes());
        Poly1305::new((&*poly_key).into())
            .compute_unpadded(&msg)
            .into()
    }

    /// After a chunk: the inner nonce takes the MAC in, the counter moves on, and the key
    /// changes when the chunk asked for it or the counter wrapped.
    fn advance(&mut self, mac: &[u8; 16], tag: u8) {
        for (n, m) in self.nonce[4..].iter_mut().zip(mac) {
            *n ^= m;
        }
        let counter =
            u32::from_le_bytes([self.nonce[0], self.nonce[1], self.nonce[2], self.nonce[3]])
                .wrapping_add(1);
        self.nonce[..4].copy_from_slice(&counter.to_le_bytes());
        if tag & TAG_REKEY != 0 || counter == 0 {
            self.rekey();
        }
    }

    fn rekey(&mut self) {
        let mut fresh = Zeroizing::new([0u8; 40]);
        fresh[..32].copy_from_slice(&*self.key);
        fresh[32..].copy_from_slice(&self.nonce[4..]);
        self.cipher_at(0).apply_keystream(&mut fresh[..]);
        self.key.copy_from_slice(&fresh[..32]);
        self.nonce[4..].copy_from_slice(&fresh[32..]);
        self.nonce[..4].copy_from_slice(&1u32.to_le_bytes());
    }

    /// Encrypts one chunk with `tag`, appended to `out`.
    pub fn push(&mut self, plain: &[u8], tag: u8, out: &mut Vec<u8>) {
        let mut block = [0u8; 64];
        block[0] = tag;
        self.cipher_at(1).apply_keystream(&mut block);
        let start = out.len();
        out.push(block[0]);
        out.extend_from_slice(plain);
        self.cipher_at(2).apply_keystream(&mut out[start + 1..]);
        let mac = self.mac(&block, &out[start + 1..]);
        out.extend_from_slice(&mac);
        block.zeroize();
        self.advance(&mac, tag);
    }

    /// Decrypts one whole chunk (tag, ciphertext and MAC), appending its plaintext to `out`;
    /// returns its tag. A chunk that does not authenticate leaves `out` as it was.
    pub fn pull(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<u8, CryptoError> {
        if chunk.len() < ABYTES {
            return Err(CryptoError::InvalidLength {
                what: "secretstream chunk",
                got: chunk.len(),
            });
        }
        let (ct, mac) = chunk[1..].split_at(chunk.len() - ABYTES);
        let mut block = [0u8; 64];
        block[0] = chunk[0];
        self.cipher_at(1).apply_keystream(&mut block);
        let tag = block[0];
        block[0] = chunk[0];
        let expected = self.mac(&block, ct);
        if !bool::from(expected.ct_eq(mac)) {
            return Err(CryptoError::Decryption);
        }
        let start = out.len();
        out.extend_from_slice(ct);
        self.cipher_at(2).apply_keystream(&mut out[start..]);
        self.advance(&expected, tag);
        Ok(tag)
    }
}
