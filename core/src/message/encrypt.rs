//! Sign-then-seal for one recipient, and its inverse (messaging.md §2.2–§2.5), as libsession's
//! `sign_for_recipient`, `encrypt_for_recipient`, `encrypt_for_recipient_deterministic` and
//! `decrypt_incoming`.

use super::MessageError;
use crate::crypto::ed25519::VerifyKey;
use crate::crypto::hash::blake2b_keyed;
use crate::crypto::keys::box_seed_keypair;
use crate::crypto::sealed_box::{seal, seal_open, seal_with_ephemeral, SEAL_OVERHEAD};
use crate::identity::{Identity, SessionId};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// Key of the BLAKE2b hash that derives the deterministic variant's ephemeral seed.
const BOX_HASH_KEY: &[u8] = b"SessionBoxEphemeralHashKey";

/// Smallest sealed message: the seal overhead, the sender key and the signature.
pub const MIN_SEALED_LEN: usize = SEAL_OVERHEAD + 32 + 64;

/// What [`decrypt_incoming`] recovers from a sealed 1:1 message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecryptedMessage {
    /// The sender's Ed25519 public key, as found (and verified) inside the message.
    pub sender_ed25519: [u8; 32],
    /// The sender's `05` Session ID, derived from that key.
    pub sender: SessionId,
    /// The message exactly as signed (still padded when the sender padded it).
    pub plaintext: Vec<u8>,
}

/// The 32-byte key of a `05` recipient.
fn recipient_key(recipient: &SessionId) -> Result<[u8; 32], MessageError> {
    let id = recipient
        .require_standard()
        .map_err(MessageError::Recipient)?;
    Ok(*id.key())
}

/// `M ‖ A ‖ Ed25519-sign(M ‖ A ‖ Y)`: the inner payload for recipient X25519 key `Y`.
pub fn sign_for_recipient(
    sender: &Identity,
    recipient_x25519: &[u8; 32],
    message: &[u8],
) -> Vec<u8> {
    let a = sender.ed25519_public();
    let mut buf = Vec::with_capacity(message.len() + 32 + 64);
    buf.extend_from_slice(message);
    buf.extend_from_slice(&a);
    buf.extend_from_slice(recipient_x25519);
    let sig = sender.sign(&buf);
    buf.truncate(message.len() + 32);
    buf.extend_from_slice(&sig);
    buf
}

/// Signs `message` for `recipient` and seals it with a fresh ephemeral key from `rng`.
/// `message` is used as given: pad Content first (see [`super::padding::pad`]).
pub fn encrypt_for_recipient(
    sender: &Identity,
    recipient: &SessionId,
    message: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, MessageError> {
    let y = recipient_key(recipient)?;
    let signed = Zeroizing::new(sign_for_recipient(sender, &y, message));
    seal(&signed, &y, rng).map_err(MessageError::Crypto)
}

/// The deterministic variant: the ephemeral key is derived from the sender's seed, the
/// recipient and the message. Only for reproducible output (self-addressed config data, test
/// vectors); never for ordinary messages, where equal inputs would give equal ciphertexts.
pub fn encrypt_for_recipient_deterministic(
    sender: &Identity,
    recipient: &SessionId,
    message: &[u8],
) -> Result<Vec<u8>, MessageError> {
    let y = recipient_key(recipient)?;
    let signed = Zeroizing::new(sign_for_recipient(sender, &y, message));
    let seed = sender.ed25519_seed();
    let eph_seed = Zeroizing::new(
        blake2b_keyed::<32>(BOX_HASH_KEY, &[&seed[..], &y, message])
            .map_err(MessageError::Crypto)?,
    );
    let (eph_secret, _) = box_seed_keypair(&eph_seed);
    seal_with_ephemeral(&signed, &y, &eph_secret).map_err(MessageError::Crypto)
}

/// Opens a message sealed to us and checks the sender's signature over `M ‖ A ‖ X`. Returns the
/// message exactly as signed; the sender comes from the verified key, never from the envelope.
pub fn decrypt_incoming(our: &Identity, sealed: &[u8]) -> Result<DecryptedMessage, MessageError> {
    if sealed.len() < MIN_SEALED_LEN {
        return Err(MessageError::TooShort { got: sealed.len() });
    }
    let x = our.x25519_public();
    let mut signed =
        seal_open(sealed, our.x25519_secret(), &x).map_err(|_| MessageError::Decryption)?;
    // The opened payload is M ‖ A ‖ SIG; the length check above leaves room for A and SIG.
    let msg_len = signed
        .len()
        .checked_sub(32 + 64)
        .ok_or(MessageError::TooShort { got: sealed.len() })?;
    let tail = signed.split_off(msg_len);
    let (a, sig) = tail.split_at(32);
    let sender_ed25519: [u8; 32] = a.try_into().map_err(|_| MessageError::Decryption)?;
    let sig: [u8; 64] = sig.try_into().map_err(|_| MessageError::Decryption)?;
    // Verify M ‖ A ‖ X: the signature names us as the intended recipient.
    signed.extend_from_slice(&sender_ed25519);
    signed.extend_from_slice(&x);
    // One decompression of A serves the signature check and the X25519 conversion.
    let sender_key = VerifyKey::parse(&sender_ed25519).map_err(|_| MessageError::BadSignature)?;
    sender_key
        .verify(&signed, &sig)
        .map_err(|_| MessageError::BadSignature)?;
    signed.truncate(msg_len);
    let sender_x = sender_key
        .to_x25519()
        .map_err(|_| MessageError::BadSenderKey)?;
    Ok(DecryptedMessage {
        sender_ed25519,
        sender: SessionId::from_x25519(sender_x),
        plaintext: signed,
    })
}
