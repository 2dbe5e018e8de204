//! Account identity: seed, keys, Session ID, recovery phrase (messaging.md §1).
//!
//! An account is a 16-byte seed. Padded with 16 zero bytes it is the Ed25519 seed; the X25519
//! key pair is the Ed25519 one converted as libsodium does, and the Session ID is `05` followed
//! by the X25519 public key.

pub mod mnemonic;
pub mod session_id;

pub use mnemonic::MnemonicError;
pub use session_id::{IdPrefix, SessionId, SessionIdError};

use crate::crypto::{ed25519, keys};
use ed25519_dalek::SigningKey;
use rand_core::{CryptoRng, RngCore};
use std::fmt;
use zeroize::{ZeroizeOnDrop, Zeroizing};

/// An account's secret keys. The secrets are wiped when it is dropped.
#[derive(Clone)]
pub struct Identity {
    signing: SigningKey,
    x_secret: Zeroizing<[u8; 32]>,
    x_public: [u8; 32],
    seed16: Option<Zeroizing<[u8; 16]>>,
}

// Every field that holds a secret wipes itself on drop.
impl ZeroizeOnDrop for Identity {}

impl Identity {
    /// The account of a 16-byte seed (the Ed25519 seed is it followed by 16 zero bytes).
    pub fn from_seed(seed16: &[u8; 16]) -> Identity {
        let mut seed32 = Zeroizing::new([0u8; 32]);
        seed32[..16].copy_from_slice(seed16);
        Identity::from_ed25519_seed(&seed32)
    }

    /// The account of a full 32-byte Ed25519 seed.
    pub fn from_ed25519_seed(seed32: &[u8; 32]) -> Identity {
        let signing = SigningKey::from_bytes(seed32);
        let x_secret = keys::ed25519_seed_to_x25519_secret(seed32);
        let x_public = keys::x25519_public(&x_secret);
        let seed16 = match seed32.split_at(16) {
            (head, tail) if tail.iter().all(|&b| b == 0) => {
                let mut s = Zeroizing::new([0u8; 16]);
                s.copy_from_slice(head);
                Some(s)
            }
            _ => None,
        };
        Identity {
            signing,
            x_secret,
            x_public,
            seed16,
        }
    }

    /// A new account with a fresh 16-byte seed.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> Identity {
        let mut seed = Zeroizing::new([0u8; 16]);
        rng.fill_bytes(&mut *seed);
        Identity::from_seed(&seed)
    }

    /// The account behind a 13-word recovery phrase.
    pub fn from_mnemonic(phrase: &str) -> Result<Identity, MnemonicError> {
        let seed = mnemonic::decode_seed(phrase)?;
        Ok(Identity::from_seed(&seed))
    }

    /// The 16-byte account seed; `None` when made from a 32-byte seed that does not end in 16
    /// zero bytes.
    pub fn seed(&self) -> Option<&[u8; 16]> {
        self.seed16.as_deref()
    }

    /// The 13-word recovery phrase, when the account has a 16-byte seed.
    pub fn mnemonic(&self) -> Option<Zeroizing<String>> {
        self.seed().map(mnemonic::encode_seed)
    }

    /// The 32-byte Ed25519 seed.
    pub fn ed25519_seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// The Ed25519 signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// The Ed25519 public key.
    pub fn ed25519_public(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    /// The X25519 secret key (the clamped Ed25519 scalar, as libsodium derives it).
    pub fn x25519_secret(&self) -> &[u8; 32] {
        &self.x_secret
    }

    /// The X25519 public key.
    pub fn x25519_public(&self) -> [u8; 32] {
        self.x_public
    }

    /// The `05` Session ID.
    pub fn session_id(&self) -> SessionId {
        SessionId::from_x25519(self.x_public)
    }

    /// An Ed25519 signature (RFC 8032, deterministic) of `msg`.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        ed25519::sign(&self.signing, msg)
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("session_id", &self.session_id())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Identity {
    fn eq(&self, other: &Identity) -> bool {
        self.ed25519_public() == other.ed25519_public()
    }
}

impl Eq for Identity {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_kept_only_when_the_tail_is_zero() {
        let id = Identity::from_seed(&[7u8; 16]);
        assert_eq!(id.seed(), Some(&[7u8; 16]));
        let mut seed32 = [0u8; 32];
        seed32[..16].copy_from_slice(&[7u8; 16]);
        assert_eq!(Identity::from_ed25519_seed(&seed32), id);
        seed32[31] = 1;
        assert_eq!(Identity::from_ed25519_seed(&seed32).seed(), None);
    }

    #[test]
    fn debug_does_not_show_secrets() {
        let id = Identity::from_seed(&[0x11u8; 16]);
        let text = format!("{id:?}");
        assert!(!text.contains(&hex::encode(id.x25519_secret())));
        assert!(text.contains(&id.session_id().to_hex()));
    }
}
