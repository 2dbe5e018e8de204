//! Service-node identity: an Ed25519 key pair and the X25519 key derived from it (§3.1).

use ed25519_dalek::{Signer, SigningKey};
use zeroize::Zeroizing;

/// The keys of one node (or of the file server).
pub struct NodeKeys {
    signing: SigningKey,
    x25519_secret: Zeroizing<[u8; 32]>,
    ed25519_public: [u8; 32],
    x25519_public: [u8; 32],
}

impl std::fmt::Debug for NodeKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeKeys")
            .field("ed25519", &hex::encode(self.ed25519_public))
            .finish_non_exhaustive()
    }
}

impl NodeKeys {
    /// Keys from a 32-byte Ed25519 seed; the X25519 secret is the clamped first half of
    /// SHA-512(seed), as libsodium's conversion gives, so X25519 public = Montgomery(Ed25519).
    pub fn from_seed(seed: &[u8; 32]) -> NodeKeys {
        let signing = SigningKey::from_bytes(seed);
        let mut x = Zeroizing::new(signing.to_scalar_bytes());
        x[0] &= 248;
        x[31] &= 127;
        x[31] |= 64;
        let verifying = signing.verifying_key();
        NodeKeys {
            ed25519_public: verifying.to_bytes(),
            x25519_public: verifying.to_montgomery().to_bytes(),
            signing,
            x25519_secret: x,
        }
    }

    /// The Ed25519 seed (to persist the node).
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// Ed25519 public key (the node's identity).
    pub fn ed25519_public(&self) -> [u8; 32] {
        self.ed25519_public
    }

    /// X25519 public key (what onion layers are encrypted to).
    pub fn x25519_public(&self) -> [u8; 32] {
        self.x25519_public
    }

    /// X25519 secret (for peeling onion layers).
    pub fn x25519_secret(&self) -> &[u8; 32] {
        &self.x25519_secret
    }

    /// Ed25519 signature of `msg`.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        self.signing.sign(msg).to_bytes()
    }
}
