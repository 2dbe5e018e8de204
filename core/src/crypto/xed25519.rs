//! XEd25519: Ed25519 signatures made and checked with an account's X25519 keys, as the official
//! library's `xed25519` does. Community servers that do not blind take posts signed this way
//! from `05` Session IDs (messaging.md §7.7), since a Session ID names only the X25519 key.
//!
//! The Ed25519 key of an X25519 key is the Edwards point with `y = (u − 1)/(u + 1)` and its sign
//! bit cleared; the signer negates its scalar when its real Ed25519 key has the other sign, so
//! that signatures verify under that positive key. The nonce mixes the message with 64 random
//! bytes (signatures of the same message differ).

use super::ed25519::{mul_base, wide_hash, VerifyKey};
use super::hash::blake2b_into;
use super::CryptoError;
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::Scalar;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// The nonce hash's personalisation (16 bytes).
const PERSONAL: &[u8; 16] = b"xed25519signatur";

/// The positive Ed25519 public key of an X25519 public key; refused when `u` is not the
/// coordinate of a point on the curve (a twist point, or `u = −1`).
pub fn ed25519_public(x25519_public: &[u8; 32]) -> Result<[u8; 32], CryptoError> {
    MontgomeryPoint(*x25519_public)
        .to_edwards(0)
        .map(|p| p.compress().to_bytes())
        .ok_or(CryptoError::InvalidPublicKey)
}

/// Signs `msg` with the X25519 secret key (a clamped scalar, as an account holds it).
pub fn sign(
    x25519_secret: &[u8; 32],
    msg: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> [u8; 64] {
    let mut a = Zeroizing::new(Scalar::from_bytes_mod_order(*x25519_secret));
    let mut public = mul_base(&a).compress().to_bytes();
    if public[31] & 0x80 != 0 {
        *a = -*a;
        public[31] &= 0x7f;
    }

    let mut random = Zeroizing::new([0u8; 64]);
    rng.fill_bytes(&mut *random);
    let mut wide = Zeroizing::new([0u8; 64]);
    // 64 bytes of output with a 16-byte personalisation are within BLAKE2b's limits.
    let _ = blake2b_into(
        &mut *wide,
        &[],
        &[],
        PERSONAL,
        &[a.as_bytes(), msg, &*random],
    );
    let r = Zeroizing::new(Scalar::from_bytes_mod_order_wide(&wide));
    let big_r = mul_base(&r).compress().to_bytes();

    let k = wide_hash(&[&big_r, &public, msg]);
    let s = k * *a + *r;

    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&big_r);
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

/// Verifies an XEd25519 signature under an X25519 public key (a Session ID without its `05`).
pub fn verify(sig: &[u8; 64], x25519_public: &[u8; 32], msg: &[u8]) -> Result<(), CryptoError> {
    let ed = ed25519_public(x25519_public).map_err(|_| CryptoError::BadSignature)?;
    VerifyKey::parse(&ed)
        .map_err(|_| CryptoError::BadSignature)?
        .verify(msg, sig)
}
