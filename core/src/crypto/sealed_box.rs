//! libsodium's sealed box (`crypto_box_seal` / `crypto_box_seal_open`, messaging.md §2.3):
//! `E ‖ XSalsa20-Poly1305(tag ‖ ciphertext)` with the key `HSalsa20(X25519(e, Y))` and the nonce
//! `BLAKE2b-24(E ‖ Y)`.

use super::hash::blake2b_n;
use super::keys::{x25519_public, x25519_shared};
use super::CryptoError;
use rand_core::{CryptoRng, RngCore};
use salsa20::cipher::consts::U10;
use xsalsa20poly1305::aead::generic_array::GenericArray;
use xsalsa20poly1305::aead::{Aead, KeyInit};
use xsalsa20poly1305::XSalsa20Poly1305;
use zeroize::{Zeroize, Zeroizing};

/// Bytes a sealed box adds: the ephemeral public key and the Poly1305 tag.
pub const SEAL_OVERHEAD: usize = 32 + 16;

/// `crypto_box_beforenm`: the XSalsa20-Poly1305 key shared by a secret and a public key.
fn box_cipher(secret: &[u8; 32], public: &[u8; 32]) -> Result<XSalsa20Poly1305, CryptoError> {
    let shared = x25519_shared(secret, public)?;
    let mut key = salsa20::hsalsa::<U10>(
        GenericArray::from_slice(&shared[..]),
        &GenericArray::default(),
    );
    let cipher = XSalsa20Poly1305::new(&key);
    key.as_mut_slice().zeroize();
    Ok(cipher)
}

/// Seals `msg` to the X25519 key `recipient` with a fresh ephemeral key from `rng`.
pub fn seal(
    msg: &[u8],
    recipient: &[u8; 32],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, CryptoError> {
    let mut eph = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(&mut *eph);
    seal_with_ephemeral(msg, recipient, &eph)
}

/// Seals `msg` to `recipient` with the given ephemeral X25519 secret. Only for reproducible
/// output (tests, libsession's deterministic variant): a reused ephemeral key leaks.
pub fn seal_with_ephemeral(
    msg: &[u8],
    recipient: &[u8; 32],
    ephemeral_secret: &[u8; 32],
) -> Result<Vec<u8>, CryptoError> {
    let eph_pub = x25519_public(ephemeral_secret);
    let nonce = blake2b_n::<24>(&[&eph_pub, recipient]);
    let cipher = box_cipher(ephemeral_secret, recipient)?;
    let boxed = cipher
        .encrypt(GenericArray::from_slice(&nonce), msg)
        .map_err(|_| CryptoError::Encryption)?;
    let mut out = Vec::with_capacity(32 + boxed.len());
    out.extend_from_slice(&eph_pub);
    out.extend_from_slice(&boxed);
    Ok(out)
}

/// Opens a sealed box with our X25519 key pair.
pub fn seal_open(
    sealed: &[u8],
    our_secret: &[u8; 32],
    our_public: &[u8; 32],
) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < SEAL_OVERHEAD {
        return Err(CryptoError::InvalidLength {
            what: "sealed box",
            got: sealed.len(),
        });
    }
    let (eph, boxed) = sealed.split_at(32);
    let mut eph_pub = [0u8; 32];
    eph_pub.copy_from_slice(eph);
    let nonce = blake2b_n::<24>(&[&eph_pub, our_public]);
    let cipher = box_cipher(our_secret, &eph_pub).map_err(|_| CryptoError::Decryption)?;
    cipher
        .decrypt(GenericArray::from_slice(&nonce), boxed)
        .map_err(|_| CryptoError::Decryption)
}
