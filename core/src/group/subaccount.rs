//! Sub-account authentication (groups-and-config.md §3.6, network.md §5.12): how members read
//! and write a group's swarm without its key. An admin issues each member 100 bytes of auth
//! data: a blinding factor `k` and the group's signature of the member's blinded key `k·T`.
//! The member signs requests with the scalar `k·t`, and the storage server checks both the
//! group's signature of the token and the member's signature under `k·T`.

use super::{AdminKey, GroupError, GroupId};
use crate::crypto::blinding::{decode_point, positive_ed_from_x, reduce_wide};
use crate::crypto::ed25519::{mul_base, VerifyKey};
use crate::crypto::hash::{blake2b_into, blake2b_keyed};
use crate::crypto::keys::ed25519_seed_to_x25519_secret;
use crate::identity::{Identity, SessionId};
use crate::rpc::Signer;
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest, Sha512};
use std::fmt;
use zeroize::Zeroizing;

/// Length of the auth data an admin issues.
pub const AUTH_DATA_LEN: usize = 100;
/// Length of a token (`prefix ‖ flags ‖ 0 ‖ 0 ‖ k·T`).
pub const TOKEN_LEN: usize = 36;

/// The network prefix byte a token is for (groups).
const PREFIX: u8 = 0x03;

/// What a sub-account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    /// May read.
    pub const READ: u8 = 0b0001;
    /// May store.
    pub const WRITE: u8 = 0b0010;
    /// May delete.
    pub const DELETE: u8 = 0b0100;
    /// Valid for any account prefix, not only `03`.
    pub const ANY_PREFIX: u8 = 0b1000;

    /// Read, plus write and delete as asked.
    pub fn new(write: bool, delete: bool) -> Flags {
        let mut f = Flags::READ;
        if write {
            f |= Flags::WRITE;
        }
        if delete {
            f |= Flags::DELETE;
        }
        Flags(f)
    }

    /// What members get by default: read and write.
    pub fn member() -> Flags {
        Flags::new(true, false)
    }

    /// The flag byte.
    pub fn bits(self) -> u8 {
        self.0
    }
}

/// `H_32(seed, key="SessionGroupSubaccountMask")`, then `k = reduce(H_64(05 ‖ X ‖ 03 ‖ G))`.
fn blind_factor(admin: &AdminKey, member_x: &[u8; 32]) -> Scalar {
    let mask = admin.seed_hash("SessionGroupSubaccountMask");
    let mut h = Zeroizing::new([0u8; 64]);
    // Cannot fail: fixed sizes, a 32-byte key.
    let _ = blake2b_into(
        &mut h[..],
        &mask[..],
        &[],
        &[],
        &[&[0x05], member_x, &[0x03], admin.group().ed25519()],
    );
    reduce_wide(&h[..])
}

/// `k·T` as libsodium's `noclamp` multiplication makes it: the top bit of `k` ignored, and a
/// point of small order refused.
fn blinded(k_bytes: &[u8; 32], t: &EdwardsPoint) -> Result<[u8; 32], GroupError> {
    let mut k = *k_bytes;
    k[31] &= 0x7f;
    let kt = Scalar::from_bytes_mod_order(k) * t;
    if kt.is_small_order() {
        return Err(GroupError::BadKey);
    }
    Ok(kt.compress().to_bytes())
}

fn member_x(member: &SessionId) -> Result<&[u8; 32], GroupError> {
    if !member.is_standard() {
        return Err(GroupError::Invalid("a member is a 05 Session ID"));
    }
    Ok(member.key())
}

/// The token an admin revokes or restores for `member` (the same value every admin computes).
pub fn token(
    admin: &AdminKey,
    member: &SessionId,
    flags: Flags,
) -> Result<[u8; TOKEN_LEN], GroupError> {
    let x = member_x(member)?;
    let k = blind_factor(admin, x);
    let t = positive_ed_from_x(x).map_err(|_| GroupError::BadKey)?;
    let mut out = [0u8; TOKEN_LEN];
    out[..4].copy_from_slice(&[PREFIX, flags.bits(), 0, 0]);
    out[4..].copy_from_slice(&blinded(&k.to_bytes(), &t)?);
    Ok(out)
}

/// The auth data an admin gives `member`: `prefix ‖ flags ‖ 0 ‖ 0 ‖ k ‖ Sign(group, token)`.
pub fn issue(
    admin: &AdminKey,
    member: &SessionId,
    flags: Flags,
) -> Result<[u8; AUTH_DATA_LEN], GroupError> {
    let x = member_x(member)?;
    let k = blind_factor(admin, x);
    let tok = token(admin, member, flags)?;
    let mut out = [0u8; AUTH_DATA_LEN];
    out[..4].copy_from_slice(&tok[..4]);
    out[4..36].copy_from_slice(k.as_bytes());
    out[36..].copy_from_slice(&admin.sign(&tok));
    Ok(out)
}

/// `T = |A|` (the account's Ed25519 key with the sign bit cleared) and whether it was negative.
fn positive_own(account: &Identity) -> Result<(EdwardsPoint, bool), GroupError> {
    let mut t = account.ed25519_public();
    let neg = t[31] & 0x80 != 0;
    t[31] &= 0x7f;
    Ok((decode_point(&t).map_err(|_| GroupError::BadKey)?, neg))
}

/// Checks auth data received for `account` in `group` as the official library does before
/// using it: the `03` prefix (or the any-prefix flag), read (and write/delete when asked),
/// and the group's signature of the token this account's key makes.
pub fn verify(
    group: &GroupId,
    account: &Identity,
    auth: &[u8],
    write: bool,
    delete: bool,
) -> Result<(), GroupError> {
    let auth: &[u8; AUTH_DATA_LEN] = auth
        .try_into()
        .map_err(|_| GroupError::Invalid("auth data is 100 bytes"))?;
    let flags = auth[1];
    if auth[0] != PREFIX && flags & Flags::ANY_PREFIX == 0 {
        return Err(GroupError::Invalid("auth data for another kind of account"));
    }
    let need =
        Flags::READ | if write { Flags::WRITE } else { 0 } | if delete { Flags::DELETE } else { 0 };
    if flags & need != need {
        return Err(GroupError::Invalid("auth data lacks a permission"));
    }
    let (t, _) = positive_own(account)?;
    let mut k = [0u8; 32];
    k.copy_from_slice(&auth[4..36]);
    let mut signed = [0u8; TOKEN_LEN];
    signed[..4].copy_from_slice(&auth[..4]);
    signed[4..].copy_from_slice(&blinded(&k, &t)?);
    let mut sig = [0u8; 64];
    sig.copy_from_slice(&auth[36..]);
    VerifyKey::parse(group.ed25519())
        .and_then(|vk| vk.verify(&signed, &sig))
        .map_err(|_| GroupError::BadSignature)
}

/// A member's signer for the group swarm, made from its account and the admin's auth data.
/// Its signatures are ordinary Ed25519 signatures under the token's key `k·T`.
pub struct MemberSigner {
    token: [u8; TOKEN_LEN],
    token_signature: [u8; 64],
    kt: Zeroizing<Scalar>,
    nonce_seed: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for MemberSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemberSigner")
            .field("token", &hex::encode(self.token))
            .finish_non_exhaustive()
    }
}

impl MemberSigner {
    /// The signer of `account` holding `auth` (not verified here: see [`verify`]).
    pub fn new(account: &Identity, auth: &[u8]) -> Result<MemberSigner, GroupError> {
        let auth: &[u8; AUTH_DATA_LEN] = auth
            .try_into()
            .map_err(|_| GroupError::Invalid("auth data is 100 bytes"))?;
        let mut k_bytes = [0u8; 32];
        k_bytes.copy_from_slice(&auth[4..36]);
        let (t_point, neg) = positive_own(account)?;
        let mut token = [0u8; TOKEN_LEN];
        token[..4].copy_from_slice(&auth[..4]);
        token[4..].copy_from_slice(&blinded(&k_bytes, &t_point)?);
        let mut token_signature = [0u8; 64];
        token_signature.copy_from_slice(&auth[36..]);

        let seed = account.ed25519_seed();
        let x = ed25519_seed_to_x25519_secret(&seed);
        let mut t = Scalar::from_bytes_mod_order(*x);
        if neg {
            t = -t;
        }
        let kt = Zeroizing::new(Scalar::from_bytes_mod_order(k_bytes) * t);
        let nonce_seed = Zeroizing::new(
            blake2b_keyed::<32>(b"SubaccountSeed", &[&seed[..]]).map_err(|_| GroupError::BadKey)?,
        );
        Ok(MemberSigner {
            token,
            token_signature,
            kt,
            nonce_seed,
        })
    }

    /// The 36-byte token (`subaccount` parameter).
    pub fn token(&self) -> &[u8; TOKEN_LEN] {
        &self.token
    }

    /// The admin's signature of the token (`subaccount_sig` parameter).
    pub fn token_signature(&self) -> &[u8; 64] {
        &self.token_signature
    }

    /// The request-signing auth of this member for the group's swarm.
    pub fn auth(&self) -> crate::rpc::Auth<'_> {
        crate::rpc::Auth::Subaccount {
            token: &self.token,
            token_signature: &self.token_signature,
            signer: self,
        }
    }
}

impl Signer for MemberSigner {
    fn sign_message(&self, msg: &[u8]) -> [u8; 64] {
        let kt_pub = &self.token[4..];
        let mut h = Zeroizing::new([0u8; 64]);
        // Cannot fail: fixed sizes and a short constant key.
        let _ = blake2b_into(
            &mut h[..],
            b"SubaccountSig",
            &[],
            &[],
            &[&self.nonce_seed[..], kt_pub, msg],
        );
        let r = Zeroizing::new(reduce_wide(&h[..]));
        let big_r = mul_base(&r).compress().to_bytes();
        let mut hram = Sha512::new();
        hram.update(big_r);
        hram.update(kt_pub);
        hram.update(msg);
        let k = reduce_wide(&hram.finalize());
        let s = k * *self.kt + *r;
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&big_r);
        sig[32..].copy_from_slice(s.as_bytes());
        sig
    }
}
