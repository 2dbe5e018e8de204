//! Kick notices (namespace −11; groups-and-config.md §3.7): when an admin removes members it
//! stores, in a namespace they can still read after their token is revoked, one
//! multi-recipient message telling each of them `X ‖ generation`. A member that opens one
//! naming itself at or past its current generation knows it is out.

use super::multi::{self, Sender};
use super::{AdminKey, GroupError, GroupId};
use crate::crypto::keys::x25519_public;
use crate::identity::{Identity, SessionId};
use rand_core::{CryptoRng, RngCore};

/// The multi-recipient domain of kick notices.
pub const DOMAIN: &str = "SessionGroupKickedMessage";

/// A notice for `removed` members at keys `generation`, with a random nonce.
pub fn build(
    admin: &AdminKey,
    removed: &[SessionId],
    generation: i64,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, GroupError> {
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    build_with_nonce(admin, removed, generation, &nonce)
}

/// [`build`] with a given nonce (for reproducible tests).
pub fn build_with_nonce(
    admin: &AdminKey,
    removed: &[SessionId],
    generation: i64,
    nonce: &[u8; 24],
) -> Result<Vec<u8>, GroupError> {
    let ids: Vec<&SessionId> = removed.iter().filter(|id| id.is_standard()).collect();
    let texts: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| {
            let mut t = id.key().to_vec();
            t.extend_from_slice(generation.to_string().as_bytes());
            t
        })
        .collect();
    let msgs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
    let recipients: Vec<[u8; 32]> = ids.iter().map(|id| *id.key()).collect();
    let secret = admin.x25519_secret();
    let public = x25519_public(&secret);
    let sender = Sender {
        secret: &secret,
        public: &public,
    };
    let entries = if msgs.is_empty() {
        Vec::new()
    } else {
        multi::encrypt(&msgs, &recipients, nonce, &sender, DOMAIN)?
    };
    Ok(multi::encode_simple(nonce, &entries))
}

/// The keys generation a notice names for `account`, if it names this account at all.
pub fn read(group: &GroupId, account: &Identity, notice: &[u8]) -> Option<i64> {
    let (nonce, entries) = multi::decode_simple(notice).ok()?;
    let plain = multi::decrypt(
        entries,
        &nonce,
        account.x25519_secret(),
        &account.x25519_public(),
        &group.x25519().ok()?,
        DOMAIN,
    )?;
    let (who, generation) = plain.split_at_checked(32)?;
    if who != account.x25519_public() {
        return None;
    }
    std::str::from_utf8(generation).ok()?.parse().ok()
}
