//! Ed25519 ⇄ X25519 conversions and Ed25519 verification, matching libsodium.

use super::{ed25519, CryptoError};
use curve25519_dalek::edwards::CompressedEdwardsY;
use sha2::{Digest, Sha512};
use zeroize::Zeroizing;

/// The X25519 public key of an Ed25519 public key (libsodium
/// `crypto_sign_ed25519_pk_to_curve25519`): rejects encodings that are not a point, points of
/// small order and points outside the prime-order subgroup, as libsodium does.
pub fn ed25519_pk_to_x25519(ed_pk: &[u8; 32]) -> Result<[u8; 32], CryptoError> {
    let point = CompressedEdwardsY(*ed_pk)
        .decompress()
        .ok_or(CryptoError::InvalidPublicKey)?;
    ed25519::point_to_x25519(&point)
}

/// The X25519 secret key of a 32-byte Ed25519 seed (libsodium
/// `crypto_sign_ed25519_sk_to_curve25519`): the clamped first half of SHA-512(seed).
pub fn ed25519_seed_to_x25519_secret(seed32: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    let mut h = Zeroizing::new([0u8; 64]);
    h.copy_from_slice(&Sha512::digest(seed32));
    let mut x = Zeroizing::new([0u8; 32]);
    x.copy_from_slice(&h[..32]);
    x[0] &= 248;
    x[31] &= 127;
    x[31] |= 64;
    x
}

/// The X25519 public key of an X25519 secret key (`crypto_scalarmult_base`).
pub fn x25519_public(secret: &[u8; 32]) -> [u8; 32] {
    ed25519::x25519_base(secret)
}

/// X25519 Diffie-Hellman (`crypto_scalarmult`); fails, as libsodium does, when the peer key
/// has small order (the shared secret would be all zeros).
pub fn x25519_shared(
    secret: &[u8; 32],
    peer_public: &[u8; 32],
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let shared = Zeroizing::new(x25519_dalek::x25519(*secret, *peer_public));
    if shared.iter().all(|&b| b == 0) {
        return Err(CryptoError::InvalidPublicKey);
    }
    Ok(shared)
}

/// The key pair libsodium's `crypto_box_seed_keypair` makes from a 32-byte seed: the secret is
/// the first half of SHA-512(seed) (clamped only when used).
pub fn box_seed_keypair(seed: &[u8; 32]) -> (Zeroizing<[u8; 32]>, [u8; 32]) {
    let mut h = Zeroizing::new([0u8; 64]);
    h.copy_from_slice(&Sha512::digest(seed));
    let mut sk = Zeroizing::new([0u8; 32]);
    sk.copy_from_slice(&h[..32]);
    let pk = x25519_public(&sk);
    (sk, pk)
}

/// Verifies an Ed25519 signature the way libsodium does: canonical `s` and key encoding, and
/// neither the key nor `R` of small order.
pub fn verify_ed25519(pk: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> Result<(), CryptoError> {
    ed25519::VerifyKey::parse(pk)?.verify(msg, sig)
}
