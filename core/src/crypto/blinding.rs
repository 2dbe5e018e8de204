//! Community blinding (messaging.md §7.3): the `15` and `25` blinded identities a community
//! server sees instead of our Session ID, signatures made with those blinded keys, and the `07`
//! version-check key used towards the file server.
//!
//! Byte-compatible with libsession-util `src/blinding.cpp`. Points taken from the outside are
//! checked the way libsodium's `crypto_scalarmult_ed25519_noclamp` checks them (canonical
//! encoding, not of small order, in the prime-order subgroup), so anything libsession refuses is
//! refused here too, with a [`BlindingError`] instead of an exception.
//!
//! Secret keys are accepted in both libsodium shapes: the 32-byte Ed25519 seed, or the 64-byte
//! secret key `seed ‖ public key`.

use super::ed25519;
use blake2::digest::{FixedOutput, KeyInit, Update};
use blake2::{Blake2b512, Blake2bMac};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest, Sha512};
use std::fmt;
use zeroize::Zeroizing;

/// Prefix byte of a 15-blinded community id.
pub const BLIND15_PREFIX: u8 = 0x15;
/// Prefix byte of a 25-blinded community id.
pub const BLIND25_PREFIX: u8 = 0x25;
/// Prefix byte of a standard Session ID (an X25519 public key).
pub const SESSION_ID_PREFIX: u8 = 0x05;
/// Prefix byte of a version-check blinded key (file server `X-FS-Pubkey`).
pub const VERSION_BLINDED_PREFIX: u8 = 0x07;

/// BLAKE2b key of the blind25 nonce seed (libsession `hash_key_seed`).
const BLIND25_SEED_KEY: &[u8] = b"SessCommBlind25_seed";
/// BLAKE2b key of the blind25 nonce hash (libsession `hash_key_sig`).
const BLIND25_SIG_KEY: &[u8] = b"SessCommBlind25_sig";
/// BLAKE2b key deriving the version-check key's seed.
const VERSION_KEY: &[u8] = b"VersionCheckKey_sig";

// BLAKE2b refuses keys longer than 64 bytes; checked here once so hashing cannot fail.
const _: () =
    assert!(BLIND25_SEED_KEY.len() <= 64 && BLIND25_SIG_KEY.len() <= 64 && VERSION_KEY.len() <= 64);

/// Why a blinding operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlindingError {
    /// The Ed25519 secret key is neither a 32-byte seed nor a 64-byte `seed ‖ pk`.
    SecretKeyLength(usize),
    /// The public half of a 64-byte secret key is not the key of its seed.
    SecretKeyMismatch,
    /// A Session ID must be 33 bytes (`05` prefix) or the bare 32-byte key.
    SessionIdLength(usize),
    /// A Session ID given with a prefix must start with `05`.
    SessionIdPrefix(u8),
    /// A blinded id must be 33 bytes.
    BlindedIdLength(usize),
    /// A blinded id must start with `15` or `25`.
    BlindedIdPrefix(u8),
    /// A community server public key must be 32 bytes.
    ServerPubkeyLength(usize),
    /// An Ed25519 public key must be 32 bytes.
    PublicKeyLength(usize),
    /// The key is not a valid Ed25519 point of the prime-order subgroup (or blinding it gave
    /// the identity), so it cannot be blinded.
    InvalidPoint,
}

impl fmt::Display for BlindingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretKeyLength(n) => write!(
                f,
                "an Ed25519 secret key must be a 32-byte seed or 64 bytes, got {n} bytes"
            ),
            Self::SecretKeyMismatch => {
                f.write_str("the Ed25519 secret key's public half does not match its seed")
            }
            Self::SessionIdLength(n) => {
                write!(
                    f,
                    "a Session ID must be 33 bytes (or 32 without prefix), got {n}"
                )
            }
            Self::SessionIdPrefix(p) => {
                write!(
                    f,
                    "a Session ID must start with 05, this one starts with {p:02x}"
                )
            }
            Self::BlindedIdLength(n) => write!(f, "a blinded id must be 33 bytes, got {n}"),
            Self::BlindedIdPrefix(p) => {
                write!(
                    f,
                    "a blinded id must start with 15 or 25, this one starts with {p:02x}"
                )
            }
            Self::ServerPubkeyLength(n) => {
                write!(f, "a community server public key must be 32 bytes, got {n}")
            }
            Self::PublicKeyLength(n) => {
                write!(f, "an Ed25519 public key must be 32 bytes, got {n}")
            }
            Self::InvalidPoint => f.write_str(
                "cannot blind: the key is not a valid point of the Ed25519 prime-order subgroup",
            ),
        }
    }
}

impl std::error::Error for BlindingError {}

/// A blinded key pair: the public point (`kA`) and its secret scalar (`ka`), both 32 bytes.
pub struct BlindedKeyPair {
    public: [u8; 32],
    secret: Zeroizing<[u8; 32]>,
}

impl BlindedKeyPair {
    /// The blinded public key `kA` (the blinded id without its prefix byte).
    pub fn public_key(&self) -> &[u8; 32] {
        &self.public
    }

    /// The blinded secret scalar `ka` (little-endian, reduced mod L).
    pub fn secret_scalar(&self) -> &[u8; 32] {
        &self.secret
    }

    /// The 33-byte blinded id: `prefix ‖ kA`.
    fn id(&self, prefix: u8) -> [u8; 33] {
        prefixed(prefix, &self.public)
    }

    /// The 15-blinded id `15 ‖ kA` of a pair made by [`blind15_key_pair`].
    pub fn blind15_id(&self) -> [u8; 33] {
        self.id(BLIND15_PREFIX)
    }

    /// The 25-blinded id `25 ‖ kA` of a pair made by [`blind25_key_pair`].
    pub fn blind25_id(&self) -> [u8; 33] {
        self.id(BLIND25_PREFIX)
    }
}

impl fmt::Debug for BlindedKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlindedKeyPair")
            .field("public", &hex::encode(self.public))
            .finish_non_exhaustive()
    }
}

/// The `07` version-check key pair: an ordinary Ed25519 key derived from the account seed.
pub struct VersionKeyPair {
    public: [u8; 32],
    secret: Zeroizing<[u8; 64]>,
}

impl VersionKeyPair {
    /// The Ed25519 public key (sent as `07 ‖ hex(pk)`).
    pub fn public_key(&self) -> &[u8; 32] {
        &self.public
    }

    /// The libsodium-style 64-byte secret key `seed ‖ pk`.
    pub fn secret_key(&self) -> &[u8; 64] {
        &self.secret
    }

    /// The 33-byte `07 ‖ pk` id.
    pub fn id(&self) -> [u8; 33] {
        prefixed(VERSION_BLINDED_PREFIX, &self.public)
    }

    fn signing_key(&self) -> ed25519_dalek::SigningKey {
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&self.secret[..32]);
        ed25519_dalek::SigningKey::from_bytes(&seed)
    }
}

impl fmt::Debug for VersionKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VersionKeyPair")
            .field("public", &hex::encode(self.public))
            .finish_non_exhaustive()
    }
}

/// The platform named in a version-check request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Android app.
    Android,
    /// Desktop app.
    Desktop,
    /// iOS app.
    Ios,
}

impl Platform {
    /// The `platform=` value of `/session_version`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Android => "android",
            Self::Desktop => "desktop",
            Self::Ios => "ios",
        }
    }
}

/// Our own account key, expanded the way libsodium expands a seed.
pub(crate) struct AccountKey {
    seed: Zeroizing<[u8; 32]>,
    public: [u8; 32],
    scalar: Zeroizing<Scalar>,
}

impl AccountKey {
    /// Accepts a 32-byte seed or a 64-byte `seed ‖ pk`; the public half of the latter must be
    /// the seed's own key, because libsession hashes it into the blind15 nonce and reads its
    /// sign bit for blind25, and a mismatch would silently produce unusable signatures.
    pub(crate) fn parse(ed25519_sk: &[u8]) -> Result<Self, BlindingError> {
        let (seed_bytes, given_pk) = match ed25519_sk.len() {
            32 => (ed25519_sk, None),
            64 => ed25519_sk
                .split_at_checked(32)
                .map(|(s, p)| (s, Some(p)))
                .ok_or(BlindingError::SecretKeyLength(64))?,
            n => return Err(BlindingError::SecretKeyLength(n)),
        };
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(seed_bytes);

        let (scalar, _) = ed25519::expand_seed(&seed);
        let public = ed25519::mul_base(&scalar).compress().to_bytes();

        if given_pk.is_some_and(|pk| pk != public) {
            return Err(BlindingError::SecretKeyMismatch);
        }
        Ok(Self {
            seed,
            public,
            scalar,
        })
    }

    /// The Ed25519 public key `A`.
    pub(crate) fn public(&self) -> &[u8; 32] {
        &self.public
    }

    /// The 64-byte libsodium secret key `seed ‖ A`.
    fn keypair_bytes(&self) -> Zeroizing<[u8; 64]> {
        let mut sk = Zeroizing::new([0u8; 64]);
        sk[..32].copy_from_slice(&*self.seed);
        sk[32..].copy_from_slice(&self.public);
        sk
    }

    /// Ordinary Ed25519 signing key of the account.
    pub(crate) fn signing_key(&self) -> ed25519_dalek::SigningKey {
        ed25519_dalek::SigningKey::from_bytes(&self.seed)
    }
}

fn prefixed(prefix: u8, key: &[u8; 32]) -> [u8; 33] {
    let mut out = [0u8; 33];
    out[0] = prefix;
    out[1..].copy_from_slice(key);
    out
}

fn server_key(server_pk: &[u8]) -> Result<&[u8; 32], BlindingError> {
    server_pk
        .try_into()
        .map_err(|_| BlindingError::ServerPubkeyLength(server_pk.len()))
}

/// The bare 32-byte X25519 key of a Session ID given with or without its `05` prefix.
fn session_key(session_id: &[u8]) -> Result<&[u8; 32], BlindingError> {
    let key = match session_id {
        [prefix, rest @ ..] if session_id.len() == 33 => {
            if *prefix != SESSION_ID_PREFIX {
                return Err(BlindingError::SessionIdPrefix(*prefix));
            }
            rest
        }
        _ if session_id.len() == 32 => session_id,
        _ => return Err(BlindingError::SessionIdLength(session_id.len())),
    };
    key.try_into()
        .map_err(|_| BlindingError::SessionIdLength(session_id.len()))
}

/// Decodes an Ed25519 point as libsodium's `noclamp` scalar multiplication accepts it:
/// canonical, not of small order, and in the prime-order subgroup.
pub(crate) fn decode_point(bytes: &[u8; 32]) -> Result<EdwardsPoint, BlindingError> {
    let point = CompressedEdwardsY(*bytes)
        .decompress()
        .ok_or(BlindingError::InvalidPoint)?;
    // Re-encoding catches y ≥ p and a "negative zero" x, which decompression tolerates.
    if point.compress().to_bytes() != *bytes || point.is_small_order() || !point.is_torsion_free() {
        return Err(BlindingError::InvalidPoint);
    }
    Ok(point)
}

/// `k·P` with libsodium's refusal to return the identity.
fn blind_point(k: &Scalar, point: &EdwardsPoint) -> Result<[u8; 32], BlindingError> {
    let blinded = k * point;
    if blinded.is_small_order() {
        return Err(BlindingError::InvalidPoint);
    }
    Ok(blinded.compress().to_bytes())
}

/// The positive Ed25519 alternative `A⁺` of an X25519 key (libsession `xed25519::pubkey`).
pub(crate) fn positive_ed_from_x(x25519: &[u8; 32]) -> Result<EdwardsPoint, BlindingError> {
    let ed = MontgomeryPoint(*x25519)
        .to_edwards(0)
        .ok_or(BlindingError::InvalidPoint)?;
    decode_point(&ed.compress().to_bytes())
}

pub(crate) fn reduce_wide(hash: &[u8]) -> Scalar {
    let mut wide = Zeroizing::new([0u8; 64]);
    wide.copy_from_slice(hash);
    Scalar::from_bytes_mod_order_wide(&wide)
}

/// The blind15 factor `k = reduce(H_64(S))`.
fn blind15_factor(server_pk: &[u8; 32]) -> Scalar {
    reduce_wide(&Blake2b512::new().chain_update(server_pk).finalize())
}

/// The blind25 factor `k = reduce(H_64(05 ‖ X ‖ S))`.
fn blind25_factor(x25519: &[u8; 32], server_pk: &[u8; 32]) -> Scalar {
    let hash = Blake2b512::new()
        .chain_update([SESSION_ID_PREFIX])
        .chain_update(x25519)
        .chain_update(server_pk)
        .finalize();
    reduce_wide(&hash)
}

/// Keyed BLAKE2b with an `N`-byte digest (`H_N(m, key=k)`).
fn keyed_blake2b<N>(key: &[u8], parts: &[&[u8]]) -> Zeroizing<Vec<u8>>
where
    N: blake2::digest::typenum::Unsigned
        + blake2::digest::typenum::IsLessOrEqual<blake2::digest::consts::U64>
        + blake2::digest::generic_array::ArrayLength<u8>,
    blake2::digest::typenum::LeEq<N, blake2::digest::consts::U64>: blake2::digest::typenum::NonZero,
{
    let mut mac = match Blake2bMac::<N>::new_from_slice(key) {
        Ok(mac) => mac,
        // Only the constant keys above reach here, and their length is asserted at compile time.
        Err(_) => unreachable!("BLAKE2b key longer than 64 bytes"),
    };
    for part in parts {
        mac.update(part);
    }
    Zeroizing::new(mac.finalize_fixed().to_vec())
}

/// `(ka, kA)` for blind15: `ka = k*a`, `kA = ka·B`.
fn blind15_scalar(key: &AccountKey, server_pk: &[u8; 32]) -> Zeroizing<Scalar> {
    Zeroizing::new(blind15_factor(server_pk) * *key.scalar)
}

/// `ka` for blind25: `k' = ±k` with the sign of `A`, so that `ka·B = k·|A|`.
fn blind25_scalar(
    key: &AccountKey,
    server_pk: &[u8; 32],
) -> Result<Zeroizing<Scalar>, BlindingError> {
    let x25519 = decode_point(key.public())?.to_montgomery().to_bytes();
    let mut k = blind25_factor(&x25519, server_pk);
    if key.public()[31] & 0x80 != 0 {
        k = -k;
    }
    Ok(Zeroizing::new(k * *key.scalar))
}

fn key_pair_from_scalar(ka: &Scalar) -> BlindedKeyPair {
    BlindedKeyPair {
        public: ed25519::mul_base(ka).compress().to_bytes(),
        secret: Zeroizing::new(ka.to_bytes()),
    }
}

/// Our side of a blinded direct message's shared point with the other party's blinded key
/// `jB` (messaging.md §7.8): `a·jB` for blind15 (the common factor cancels), `k'a·jB` for
/// blind25. Both parties arrive at the same point; libsodium refuses the identity, and so do we.
pub(crate) fn dm_shared_point(
    ed25519_sk: &[u8],
    server_pk: &[u8; 32],
    blind25: bool,
    their_key: &[u8; 32],
) -> Result<Zeroizing<[u8; 32]>, BlindingError> {
    let key = AccountKey::parse(ed25519_sk)?;
    let ours = if blind25 {
        blind25_scalar(&key, server_pk)?
    } else {
        Zeroizing::new(*key.scalar)
    };
    Ok(Zeroizing::new(blind_point(
        &ours,
        &decode_point(their_key)?,
    )?))
}

/// Our blind15 key pair for a community server: `ka = k*a mod L`, `kA = ka·B` (the real `kA`
/// of the account, whichever sign its Ed25519 key has).
pub fn blind15_key_pair(
    ed25519_sk: &[u8],
    server_pk: &[u8],
) -> Result<BlindedKeyPair, BlindingError> {
    let server_pk = server_key(server_pk)?;
    let key = AccountKey::parse(ed25519_sk)?;
    Ok(key_pair_from_scalar(&blind15_scalar(&key, server_pk)))
}

/// Our blind25 key pair for a community server (public key `k·|A|`).
pub fn blind25_key_pair(
    ed25519_sk: &[u8],
    server_pk: &[u8],
) -> Result<BlindedKeyPair, BlindingError> {
    let server_pk = server_key(server_pk)?;
    let key = AccountKey::parse(ed25519_sk)?;
    Ok(key_pair_from_scalar(&*blind25_scalar(&key, server_pk)?))
}

/// The 15-blinded id of a Session ID (33 bytes with `05`, or the bare 32-byte key), computed
/// from the positive alternative `A⁺` as libsession's byte `blind15_id` does. When the account's
/// real Ed25519 key is negative its actual id is the other candidate; see
/// [`blind15_id_candidates`].
pub fn blind15_id(session_id: &[u8], server_pk: &[u8]) -> Result<[u8; 33], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let x25519 = session_key(session_id)?;
    let blinded = blind_point(&blind15_factor(server_pk), &positive_ed_from_x(x25519)?)?;
    Ok(prefixed(BLIND15_PREFIX, &blinded))
}

/// Both ids an account with this Session ID may have on the server: the positive candidate
/// first, then the same with the sign bit flipped (libsession's hex `blind15_id`).
pub fn blind15_id_candidates(
    session_id: &[u8],
    server_pk: &[u8],
) -> Result<[[u8; 33]; 2], BlindingError> {
    let positive = blind15_id(session_id, server_pk)?;
    let mut negative = positive;
    negative[32] ^= 0x80;
    Ok([positive, negative])
}

/// The 25-blinded id of a Session ID (33 bytes with `05`, or the bare 32-byte key); unlike
/// blind15 it is unambiguous.
pub fn blind25_id(session_id: &[u8], server_pk: &[u8]) -> Result<[u8; 33], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let x25519 = session_key(session_id)?;
    let k = blind25_factor(x25519, server_pk);
    let blinded = blind_point(&k, &positive_ed_from_x(x25519)?)?;
    Ok(prefixed(BLIND25_PREFIX, &blinded))
}

fn ed_public(ed25519_pk: &[u8]) -> Result<&[u8; 32], BlindingError> {
    ed25519_pk
        .try_into()
        .map_err(|_| BlindingError::PublicKeyLength(ed25519_pk.len()))
}

/// The actual 15-blinded id `15 ‖ k·A` of an Ed25519 public key (no sign ambiguity).
pub fn blind15_id_from_ed(ed25519_pk: &[u8], server_pk: &[u8]) -> Result<[u8; 33], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let point = decode_point(ed_public(ed25519_pk)?)?;
    let blinded = blind_point(&blind15_factor(server_pk), &point)?;
    Ok(prefixed(BLIND15_PREFIX, &blinded))
}

/// The 25-blinded id `25 ‖ k·|A|` of an Ed25519 public key.
pub fn blind25_id_from_ed(ed25519_pk: &[u8], server_pk: &[u8]) -> Result<[u8; 33], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let pk = ed_public(ed25519_pk)?;
    let x25519 = decode_point(pk)?.to_montgomery().to_bytes();
    let mut abs = *pk;
    abs[31] &= 0x7f;
    let blinded = blind_point(&blind25_factor(&x25519, server_pk), &decode_point(&abs)?)?;
    Ok(prefixed(BLIND25_PREFIX, &blinded))
}

/// Finishes an Ed25519-style signature with nonce `r` and blinded secret `ka`: `R = r·B`,
/// `s = r + reduce(SHA512(R ‖ kA ‖ M))·ka`.
fn finish_signature(r: &Scalar, ka: &Scalar, blinded_pk: &[u8; 32], message: &[u8]) -> [u8; 64] {
    let big_r = ed25519::mul_base(r).compress().to_bytes();
    let hram = Sha512::new()
        .chain_update(big_r)
        .chain_update(blinded_pk)
        .chain_update(message)
        .finalize();
    let s = r + reduce_wide(&hram) * ka;
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&big_r);
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

/// Signs `message` with our blind15 key for a server, as libsession `blind15_sign` does (nonce
/// from SHA-512 of the 64-byte secret key). Verifies as standard Ed25519 under `kA`.
pub fn blind15_sign(
    ed25519_sk: &[u8],
    server_pk: &[u8],
    message: &[u8],
) -> Result<[u8; 64], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let key = AccountKey::parse(ed25519_sk)?;
    let ka = blind15_scalar(&key, server_pk);
    let blinded_pk = ed25519::mul_base(&ka).compress().to_bytes();

    let mut h = Zeroizing::new([0u8; 64]);
    h.copy_from_slice(&Sha512::digest(*key.keypair_bytes()));
    let mut r_hash = Zeroizing::new([0u8; 64]);
    r_hash.copy_from_slice(
        &Sha512::new()
            .chain_update(&h[32..])
            .chain_update(blinded_pk)
            .chain_update(message)
            .finalize(),
    );
    let r = Zeroizing::new(reduce_wide(&*r_hash));
    Ok(finish_signature(&r, &ka, &blinded_pk, message))
}

/// Signs `message` with our blind25 key for a server, as libsession `blind25_sign` does (nonce
/// from keyed BLAKE2b of the seed). Verifies as standard Ed25519 under the 25-blinded key.
pub fn blind25_sign(
    ed25519_sk: &[u8],
    server_pk: &[u8],
    message: &[u8],
) -> Result<[u8; 64], BlindingError> {
    let server_pk = server_key(server_pk)?;
    let key = AccountKey::parse(ed25519_sk)?;
    let ka = blind25_scalar(&key, server_pk)?;
    let blinded_pk = ed25519::mul_base(&ka).compress().to_bytes();

    let seed_hash = keyed_blake2b::<blake2::digest::consts::U32>(BLIND25_SEED_KEY, &[&*key.seed]);
    let r_hash = keyed_blake2b::<blake2::digest::consts::U64>(
        BLIND25_SIG_KEY,
        &[&seed_hash, &blinded_pk, message],
    );
    let r = Zeroizing::new(reduce_wide(&r_hash));
    Ok(finish_signature(&r, &ka, &blinded_pk, message))
}

/// The `07` version-check key pair: an Ed25519 key whose seed is
/// `H_32(seed32, key = "VersionCheckKey_sig")`.
pub fn blind_version_key_pair(ed25519_sk: &[u8]) -> Result<VersionKeyPair, BlindingError> {
    let key = AccountKey::parse(ed25519_sk)?;
    let blind_seed = keyed_blake2b::<blake2::digest::consts::U32>(VERSION_KEY, &[&*key.seed]);
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&blind_seed);
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    Ok(VersionKeyPair {
        public: signing.verifying_key().to_bytes(),
        secret: Zeroizing::new(signing.to_keypair_bytes()),
    })
}

/// Signs a file-server request with the version-check key: Ed25519 over
/// `ASCII(timestamp) ‖ method ‖ path ‖ body` (body only when given).
pub fn blind_version_sign_request(
    ed25519_sk: &[u8],
    timestamp_s: u64,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
) -> Result<[u8; 64], BlindingError> {
    let pair = blind_version_key_pair(ed25519_sk)?;
    let mut message = timestamp_s.to_string().into_bytes();
    message.extend_from_slice(method.as_bytes());
    message.extend_from_slice(path.as_bytes());
    if let Some(body) = body {
        message.extend_from_slice(body);
    }
    Ok(ed25519::sign(&pair.signing_key(), &message))
}

/// The version-check signature for `GET /session_version?platform=<platform>` at
/// `timestamp_s` (unix seconds), as libsession `blind_version_sign` makes it.
pub fn blind_version_sign(
    ed25519_sk: &[u8],
    platform: Platform,
    timestamp_s: u64,
) -> Result<[u8; 64], BlindingError> {
    let path = format!("/session_version?platform={}", platform.as_str());
    blind_version_sign_request(ed25519_sk, timestamp_s, "GET", &path, None)
}

/// Whether a `15…` or `25…` blinded id belongs to a Session ID on the given server; for
/// blind15 both sign candidates count (libsession `session_id_matches_blinded_id`).
pub fn session_id_matches_blinded_id(
    session_id: &[u8],
    blinded_id: &[u8],
    server_pk: &[u8],
) -> Result<bool, BlindingError> {
    if session_id.len() != 33 {
        return Err(BlindingError::SessionIdLength(session_id.len()));
    }
    let Some(&prefix) = blinded_id.first() else {
        return Err(BlindingError::BlindedIdLength(0));
    };
    if blinded_id.len() != 33 {
        return Err(BlindingError::BlindedIdLength(blinded_id.len()));
    }
    match prefix {
        BLIND15_PREFIX => Ok(blind15_id_candidates(session_id, server_pk)?
            .iter()
            .any(|candidate| candidate[..] == *blinded_id)),
        BLIND25_PREFIX => Ok(blind25_id(session_id, server_pk)?[..] == *blinded_id),
        other => Err(BlindingError::BlindedIdPrefix(other)),
    }
}
