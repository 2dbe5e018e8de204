//! Symmetric key of one onion layer (network.md §4.2).
//!
//! Both suites start from the X25519 shared secret `S` between the client's ephemeral key `A`
//! and the recipient's key `B`. AES-GCM uses `HMAC-SHA256(key = "LOKI", S)`; XChaCha20 uses
//! `BLAKE2b-32(S ‖ A ‖ B)`, always with the client's key first. Both keys are kept so that a
//! client can apply libsession's fallback of decrypting an XChaCha20 request's reply as AES-GCM.

use super::{EncType, OnionError};
use crate::crypto::keys::x25519_public;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::Aes256Gcm;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use rand_core::{CryptoRng, RngCore};
use sha2::Sha256;
use std::fmt;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, ZeroizeOnDrop};

const GCM_IV: usize = 12;
const XCHACHA_NONCE: usize = 24;
const TAG: usize = 16;

/// The symmetric key of one layer plus its suite: encrypts the request layer (client) and the
/// destination's reply (node or server), and decrypts either.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct LayerKey {
    gcm: [u8; 32],
    xchacha: [u8; 32],
    #[zeroize(skip)]
    enc: EncType,
}

impl fmt::Debug for LayerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayerKey")
            .field("enc", &self.enc)
            .finish_non_exhaustive()
    }
}

impl LayerKey {
    /// The key a client shares with a node: from the client's ephemeral secret `a` and the
    /// node's X25519 public key `B`.
    pub fn client(
        ephemeral_secret: &[u8; 32],
        node_x25519_pub: &[u8; 32],
        enc: EncType,
    ) -> Result<LayerKey, OnionError> {
        Self::client_and_public(ephemeral_secret, node_x25519_pub, enc).map(|(key, _)| key)
    }

    /// [`LayerKey::client`] and the client's public key `A`, which the layer announces.
    pub(crate) fn client_and_public(
        ephemeral_secret: &[u8; 32],
        node_x25519_pub: &[u8; 32],
        enc: EncType,
    ) -> Result<(LayerKey, [u8; 32]), OnionError> {
        let a = StaticSecret::from(*ephemeral_secret);
        let client_pub = x25519_public(ephemeral_secret);
        let shared = a.diffie_hellman(&PublicKey::from(*node_x25519_pub));
        if !shared.was_contributory() {
            return Err(OnionError::WeakKey);
        }
        let key = Self::derive(shared.as_bytes(), &client_pub, node_x25519_pub, enc);
        Ok((key, client_pub))
    }

    /// The same key seen from the node: from its own X25519 secret `b` and the client's
    /// ephemeral public key `A`.
    pub fn node(
        our_x25519_secret: &[u8; 32],
        client_ephemeral_pub: &[u8; 32],
        enc: EncType,
    ) -> Result<LayerKey, OnionError> {
        let b = StaticSecret::from(*our_x25519_secret);
        let our_pub = PublicKey::from(x25519_public(our_x25519_secret));
        let shared = b.diffie_hellman(&PublicKey::from(*client_ephemeral_pub));
        if !shared.was_contributory() {
            return Err(OnionError::WeakKey);
        }
        Ok(Self::derive(
            shared.as_bytes(),
            client_ephemeral_pub,
            our_pub.as_bytes(),
            enc,
        ))
    }

    fn derive(shared: &[u8; 32], client: &[u8; 32], server: &[u8; 32], enc: EncType) -> LayerKey {
        let mut key = LayerKey {
            gcm: [0; 32],
            xchacha: [0; 32],
            enc,
        };
        // HMAC accepts keys of any length, so this cannot fail; the fallback keeps it panic-free.
        if let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(b"LOKI") {
            mac.update(shared);
            key.gcm.copy_from_slice(&mac.finalize().into_bytes());
        }
        let mut h = Blake2b::<U32>::new();
        h.update(shared);
        h.update(client);
        h.update(server);
        key.xchacha.copy_from_slice(&h.finalize());
        key
    }

    /// The suite this key encrypts with.
    pub fn enc_type(&self) -> EncType {
        self.enc
    }

    /// Encrypts with a fresh random nonce: `nonce ‖ ciphertext ‖ tag` (12-byte IV for AES-GCM,
    /// 24-byte nonce for XChaCha20).
    ///
    /// Both ciphers only refuse inputs of more than 64 GiB, which no caller can hold; such an
    /// input yields an empty output that no peer accepts.
    pub fn encrypt(&self, plaintext: &[u8], rng: &mut (impl RngCore + CryptoRng)) -> Vec<u8> {
        let nonce_len = match self.enc {
            EncType::AesGcm => GCM_IV,
            EncType::XChaCha20 => XCHACHA_NONCE,
        };
        let mut out = Vec::with_capacity(nonce_len + plaintext.len() + TAG);
        out.resize(nonce_len, 0);
        rng.fill_bytes(&mut out);
        out.extend_from_slice(plaintext);
        let (nonce, body) = out.split_at_mut(nonce_len);
        let tag = match self.enc {
            EncType::AesGcm => Aes256Gcm::new((&self.gcm).into())
                .encrypt_in_place_detached((&*nonce).into(), b"", body)
                .map(|t| t.to_vec()),
            EncType::XChaCha20 => XChaCha20Poly1305::new((&self.xchacha).into())
                .encrypt_in_place_detached((&*nonce).into(), b"", body)
                .map(|t| t.to_vec()),
        };
        match tag {
            Ok(tag) => {
                out.extend_from_slice(&tag);
                out
            }
            Err(_) => Vec::new(),
        }
    }

    /// Decrypts `nonce ‖ ciphertext ‖ tag` with this key's suite.
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, OnionError> {
        self.decrypt_as(self.enc, ciphertext)
    }

    /// Decrypts a destination's reply as clients do (network.md §4.7): with this key's suite,
    /// and, when that is XChaCha20 and fails, once more as AES-GCM (servers that do not support
    /// XChaCha20 answer with AES-GCM).
    pub fn decrypt_reply(&self, ciphertext: &[u8]) -> Result<Vec<u8>, OnionError> {
        match self.decrypt(ciphertext) {
            Err(e) if self.enc == EncType::XChaCha20 => {
                self.decrypt_as(EncType::AesGcm, ciphertext).map_err(|_| e)
            }
            other => other,
        }
    }

    fn decrypt_as(&self, enc: EncType, ciphertext: &[u8]) -> Result<Vec<u8>, OnionError> {
        let nonce_len = match enc {
            EncType::AesGcm => GCM_IV,
            EncType::XChaCha20 => XCHACHA_NONCE,
        };
        let min = nonce_len + TAG;
        if ciphertext.len() < min {
            return Err(OnionError::CiphertextTooShort {
                len: ciphertext.len(),
                min,
            });
        }
        let (nonce, rest) = ciphertext.split_at(nonce_len);
        let (body, tag) = rest.split_at(rest.len() - TAG);
        let mut plain = body.to_vec();
        let ok = match enc {
            EncType::AesGcm => Aes256Gcm::new((&self.gcm).into()).decrypt_in_place_detached(
                nonce.into(),
                b"",
                &mut plain,
                tag.into(),
            ),
            EncType::XChaCha20 => XChaCha20Poly1305::new((&self.xchacha).into())
                .decrypt_in_place_detached(nonce.into(), b"", &mut plain, tag.into()),
        };
        ok.map_err(|_| OnionError::DecryptionFailed)?;
        Ok(plain)
    }
}
