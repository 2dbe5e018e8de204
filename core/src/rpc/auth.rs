//! Signing storage-RPC requests (network.md §5.2, §5.12).

use super::RpcError;
use crate::crypto::ed25519;
use crate::onion::B64;
use base64::Engine;
use ed25519_dalek::SigningKey;
use serde_json::{Map, Value};
use std::fmt;

/// Base64 (padded) of the Ed25519 signature of `msg`: the `signature` parameter.
pub fn sign(ed25519_secret: &SigningKey, msg: &[u8]) -> String {
    B64.encode(ed25519::sign(ed25519_secret, msg))
}

/// Anything that makes ordinary Ed25519 signatures (a signing key, or a group member's
/// subaccount signer, whose signatures verify under its subaccount token's key).
pub trait Signer {
    /// The 64-byte signature of `msg`.
    fn sign_message(&self, msg: &[u8]) -> [u8; 64];
}

impl Signer for SigningKey {
    fn sign_message(&self, msg: &[u8]) -> [u8; 64] {
        ed25519::sign(self, msg)
    }
}

/// Who signs a request for an account.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    /// The account's own key: a user's identity key (its X25519 form is the `05` Session ID,
    /// and `pubkey_ed25519` is sent), or a group's admin key (the `03` ID itself).
    Owner(&'a SigningKey),
    /// A groups-v2 member's subaccount: its 36-byte token, the admin's signature of it, and the
    /// member's signer.
    Subaccount {
        /// `prefix ‖ flags ‖ 0 ‖ 0 ‖ subaccount pubkey`.
        token: &'a [u8; 36],
        /// The admin's Ed25519 signature of the token.
        token_signature: &'a [u8; 64],
        /// Signs requests with the subaccount key.
        signer: &'a dyn Signer,
    },
}

impl fmt::Debug for Auth<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Owner(key) => f
                .debug_tuple("Owner")
                .field(&hex::encode(key.verifying_key().as_bytes()))
                .finish(),
            Auth::Subaccount { token, .. } => f
                .debug_struct("Subaccount")
                .field("token", &hex::encode(token))
                .finish_non_exhaustive(),
        }
    }
}

impl Auth<'_> {
    /// Signs `msg` and adds `signature` plus the key fields for `account` to `params`.
    pub(crate) fn apply(
        &self,
        account: &[u8; 33],
        msg: &[u8],
        params: &mut Map<String, Value>,
    ) -> Result<(), RpcError> {
        let (prefix, key) = account.split_at(1);
        match self {
            Auth::Owner(sk) => {
                let vk = sk.verifying_key();
                if prefix == [0x05] {
                    if vk.to_montgomery().as_bytes() != key {
                        return Err(RpcError::KeyMismatch);
                    }
                    params.insert("pubkey_ed25519".into(), hex::encode(vk.as_bytes()).into());
                } else if vk.as_bytes() != key {
                    return Err(RpcError::KeyMismatch);
                }
                params.insert("signature".into(), sign(sk, msg).into());
            }
            Auth::Subaccount {
                token,
                token_signature,
                signer,
            } => {
                params.insert("subaccount".into(), B64.encode(token).into());
                params.insert("subaccount_sig".into(), B64.encode(token_signature).into());
                params.insert(
                    "signature".into(),
                    B64.encode(signer.sign_message(msg)).into(),
                );
            }
        }
        Ok(())
    }
}
