//! Multi-recipient encryption (libsession `multi_encrypt`; groups-and-config.md §3.4, §3.7):
//! one nonce, one XChaCha20-Poly1305 ciphertext per recipient, each under a key only the
//! sender and that recipient can derive. Keys messages carry group keys this way, and kick
//! notices use its "simple" bencoded form.

use super::GroupError;
use crate::config::bt::{self, Reader};
use crate::crypto::hash::blake2b_into;
use crate::crypto::keys::x25519_shared;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// What encryption adds to each message (the Poly1305 tag).
pub const OVERHEAD: usize = 16;

/// The key shared by a sender (`a`, `A`) and a recipient (`B`):
/// `H_32(X25519(a, B) ‖ A ‖ B, key = domain)`. The recipient computes it with its own secret
/// and the sender's public key; the hash always takes the sender's key first.
pub fn pair_key(
    own_secret: &[u8; 32],
    sender_pub: &[u8; 32],
    recipient_pub: &[u8; 32],
    peer_pub: &[u8; 32],
    domain: &str,
) -> Result<Zeroizing<[u8; 32]>, GroupError> {
    let shared = x25519_shared(own_secret, peer_pub).map_err(|_| GroupError::BadKey)?;
    let domain = &domain.as_bytes()[..domain.len().min(64)];
    let mut key = Zeroizing::new([0u8; 32]);
    blake2b_into(
        &mut key[..],
        domain,
        &[],
        &[],
        &[&shared[..], sender_pub, recipient_pub],
    )
    .map_err(|_| GroupError::BadKey)?;
    Ok(key)
}

fn seal(key: &[u8; 32], nonce: &[u8; 24], msg: &[u8]) -> Result<Vec<u8>, GroupError> {
    XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(nonce), msg)
        .map_err(|_| GroupError::BadKey)
}

/// Opens one entry; `None` when it was not made with this key.
pub(crate) fn open(key: &[u8; 32], nonce: &[u8; 24], ciphertext: &[u8]) -> Option<Vec<u8>> {
    if ciphertext.len() < OVERHEAD {
        return None;
    }
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), ciphertext)
        .ok()
}

/// The sender's X25519 key pair.
pub struct Sender<'a> {
    /// Its X25519 secret.
    pub secret: &'a [u8; 32],
    /// Its X25519 public key.
    pub public: &'a [u8; 32],
}

impl std::fmt::Debug for Sender<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender")
            .field("public", &hex::encode(self.public))
            .finish_non_exhaustive()
    }
}

/// Encrypts `messages` for `recipients` (X25519 keys): the one message for all when there is
/// one, else message *i* for recipient *i*. Recipients whose key is unusable are skipped
/// (as the official library's groups do), so the result may be shorter than `recipients`.
pub fn encrypt(
    messages: &[&[u8]],
    recipients: &[[u8; 32]],
    nonce: &[u8; 24],
    sender: &Sender<'_>,
    domain: &str,
) -> Result<Vec<Vec<u8>>, GroupError> {
    if messages.len() != 1 && messages.len() != recipients.len() {
        return Err(GroupError::Invalid("one message, or one per recipient"));
    }
    let mut out = Vec::with_capacity(recipients.len());
    for (i, recipient) in recipients.iter().enumerate() {
        let Ok(key) = pair_key(sender.secret, sender.public, recipient, recipient, domain) else {
            continue;
        };
        let msg = messages.get(i).unwrap_or(&messages[0]);
        out.push(seal(&key, nonce, msg)?);
    }
    Ok(out)
}

/// The recipient's side: tries every ciphertext with the key shared with `sender_pub` and
/// returns the first that opens.
pub fn decrypt<'c>(
    ciphertexts: impl IntoIterator<Item = &'c [u8]>,
    nonce: &[u8; 24],
    own_secret: &[u8; 32],
    own_public: &[u8; 32],
    sender_pub: &[u8; 32],
    domain: &str,
) -> Option<Vec<u8>> {
    let key = pair_key(own_secret, sender_pub, own_public, sender_pub, domain).ok()?;
    ciphertexts.into_iter().find_map(|c| open(&key, nonce, c))
}

/// The "simple" form: `d 1:# <nonce> 1:e l <ciphertext>… e e`.
pub fn encode_simple(nonce: &[u8; 24], ciphertexts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.push(b'd');
    bt::put_bytes(&mut out, b"#");
    bt::put_bytes(&mut out, nonce);
    bt::put_bytes(&mut out, b"e");
    out.push(b'l');
    for c in ciphertexts {
        bt::put_bytes(&mut out, c);
    }
    out.extend_from_slice(b"ee");
    out
}

/// Reads the simple form: its nonce and ciphertexts.
pub fn decode_simple(encoded: &[u8]) -> Result<([u8; 24], Vec<&[u8]>), GroupError> {
    let bad = |_| GroupError::Malformed("multi-recipient message");
    let mut r = Reader::new(encoded);
    r.expect(b'd', "a dict").map_err(bad)?;
    let mut prev = None;
    let mut nonce = None;
    let mut list = Vec::new();
    while let Some(key) = r.key(&mut prev).map_err(bad)? {
        match key {
            b"#" => {
                let n = r.bytes().map_err(bad)?;
                nonce = Some(<[u8; 24]>::try_from(n).map_err(|_| GroupError::Malformed("nonce"))?);
            }
            b"e" => {
                r.expect(b'l', "a list").map_err(bad)?;
                while !r.at_end() {
                    list.push(r.bytes().map_err(bad)?);
                }
            }
            _ => {
                r.raw_value(1).map_err(bad)?;
            }
        }
    }
    if !r.is_done() {
        return Err(GroupError::Malformed(
            "bytes after a multi-recipient message",
        ));
    }
    let nonce = nonce.ok_or(GroupError::Malformed(
        "multi-recipient message without nonce",
    ))?;
    Ok((nonce, list))
}
