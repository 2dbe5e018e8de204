//! Ed25519 signing and verification and fixed-base scalar multiplication, on tables of
//! base-point multiples built once at first use rather than compiled into the binary.
//!
//! curve25519-dalek's compiled-in tables add about 30 KB (brotli) to the web app's first load;
//! building the same multiples at run time takes well under a millisecond. Signatures are
//! byte-identical to ed25519-dalek's (RFC 8032 signing is deterministic), and [`VerifyKey`]
//! accepts exactly what libsodium's `crypto_sign_verify_detached` accepts.

use super::{key_memo, CryptoError};
use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint, VartimeEdwardsPrecomputation};
use curve25519_dalek::scalar::{clamp_integer, Scalar};
use curve25519_dalek::traits::{Identity, VartimePrecomputedMultiscalarMul};
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha512};
use std::sync::OnceLock;
use subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

/// `rows[i][j] = (j + 1)·16^(2i)·B`: with signed radix-16 digits in [-8, 8], any scalar times B
/// is 64 table entries added up and one multiplication by 16 (the Ed25519 paper's method).
struct BaseTable {
    rows: Vec<[EdwardsPoint; 8]>,
}

impl BaseTable {
    fn build() -> BaseTable {
        let mut rows = Vec::with_capacity(32);
        let mut base = ED25519_BASEPOINT_POINT;
        for _ in 0..32 {
            let mut row = [base; 8];
            for j in 1..8 {
                row[j] = row[j - 1] + base;
            }
            rows.push(row);
            base = times_16(&times_16(&base));
        }
        BaseTable { rows }
    }

    /// `digit·row[0]` in constant time, for a digit in [-8, 8].
    fn select(row: &[EdwardsPoint; 8], digit: i8) -> EdwardsPoint {
        // Branch-free absolute value: the digit is secret.
        let sign_mask = digit >> 7;
        let magnitude = (digit ^ sign_mask).wrapping_sub(sign_mask) as u8;
        let negative = (sign_mask & 1) as u8;
        let mut out = EdwardsPoint::identity();
        for (j, entry) in (1u8..).zip(row) {
            out.conditional_assign(entry, magnitude.ct_eq(&j));
        }
        out.conditional_negate(Choice::from(negative));
        out
    }

    fn mul(&self, scalar: &Scalar) -> EdwardsPoint {
        let digits = Zeroizing::new(radix16(scalar));
        let mut odd = EdwardsPoint::identity();
        for (i, row) in self.rows.iter().enumerate() {
            odd += Self::select(row, digits[2 * i + 1]);
        }
        let mut sum = times_16(&odd);
        for (i, row) in self.rows.iter().enumerate() {
            sum += Self::select(row, digits[2 * i]);
        }
        sum
    }
}

/// `16·P`: three doublings (curve25519-dalek's cofactor multiplication) and one addition, as
/// its own `mul_by_pow_2` is not public.
fn times_16(point: &EdwardsPoint) -> EdwardsPoint {
    let eight = point.mul_by_cofactor();
    eight + eight
}

/// The scalar as 64 signed radix-16 digits in [-8, 8] (the top one in [0, 8], as a reduced
/// scalar is below 2^253).
fn radix16(scalar: &Scalar) -> [i8; 64] {
    let bytes = Zeroizing::new(scalar.to_bytes());
    let mut digits = [0i8; 64];
    for (i, b) in bytes.iter().enumerate() {
        digits[2 * i] = (b & 15) as i8;
        digits[2 * i + 1] = (b >> 4) as i8;
    }
    for i in 0..63 {
        let carry = (digits[i] + 8) >> 4;
        digits[i] -= carry << 4;
        digits[i + 1] += carry;
    }
    digits
}

struct Tables {
    base: BaseTable,
    /// Odd multiples of B for variable-time verification (width-8 NAF).
    verify: VartimeEdwardsPrecomputation,
    /// The canonical encodings of the eight points of small order.
    small_order: [[u8; 32]; 8],
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        base: BaseTable::build(),
        verify: VartimeEdwardsPrecomputation::new([ED25519_BASEPOINT_POINT]),
        small_order: EIGHT_TORSION.map(|p| p.compress().to_bytes()),
    })
}

/// `scalar·B` in constant time.
pub fn mul_base(scalar: &Scalar) -> EdwardsPoint {
    tables().base.mul(scalar)
}

/// The X25519 public key of a secret (`crypto_scalarmult_base`): the secret is clamped, as
/// X25519 always does, and B's prime order lets the clamped integer be reduced first.
pub fn x25519_base(secret: &[u8; 32]) -> [u8; 32] {
    let scalar = Zeroizing::new(Scalar::from_bytes_mod_order(clamp_integer(*secret)));
    mul_base(&scalar).to_montgomery().to_bytes()
}

/// An Ed25519 seed's secret scalar and nonce prefix (RFC 8032 §5.1.5): the clamped first half
/// of SHA-512(seed), reduced, and the second half.
pub fn expand_seed(seed: &[u8; 32]) -> (Zeroizing<Scalar>, Zeroizing<[u8; 32]>) {
    let mut h = Zeroizing::new([0u8; 64]);
    h.copy_from_slice(&Sha512::digest(seed));
    let mut lower = Zeroizing::new([0u8; 32]);
    lower.copy_from_slice(&h[..32]);
    let scalar = Zeroizing::new(Scalar::from_bytes_mod_order(clamp_integer(*lower)));
    let mut prefix = Zeroizing::new([0u8; 32]);
    prefix.copy_from_slice(&h[32..]);
    (scalar, prefix)
}

/// The RFC 8032 signature of `msg`, equal byte for byte to `key.sign(msg)`.
pub fn sign(key: &SigningKey, msg: &[u8]) -> [u8; 64] {
    let (a, prefix) = expand_seed(key.as_bytes());
    let r = Zeroizing::new(wide_hash(&[&prefix[..], msg]));
    let big_r = mul_base(&r).compress();
    let k = wide_hash(&[big_r.as_bytes(), key.verifying_key().as_bytes(), msg]);
    let s = k * *a + *r;
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(big_r.as_bytes());
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

/// SHA-512 of the parts, reduced modulo the group order.
pub(crate) fn wide_hash(parts: &[&[u8]]) -> Scalar {
    let mut h = Sha512::new();
    for part in parts {
        h.update(part);
    }
    let mut wide = Zeroizing::new([0u8; 64]);
    wide.copy_from_slice(&h.finalize());
    Scalar::from_bytes_mod_order_wide(&wide)
}

/// An Ed25519 public key that libsodium would verify with: a point in canonical encoding.
/// Decompressed once, it serves both verification and the X25519 conversion.
#[derive(Debug, Clone, Copy)]
pub struct VerifyKey {
    bytes: [u8; 32],
    point: EdwardsPoint,
}

impl VerifyKey {
    /// Parses a key; [`CryptoError::InvalidPublicKey`] when it is not a point or not in the
    /// canonical encoding of its point.
    /// A key parsed lately comes from [`key_memo`] without a second decompression.
    pub fn parse(pk: &[u8; 32]) -> Result<VerifyKey, CryptoError> {
        if let Some(known) = key_memo::get(pk) {
            return Ok(VerifyKey {
                bytes: *pk,
                point: known.point,
            });
        }
        if !is_canonical(pk) {
            return Err(CryptoError::InvalidPublicKey);
        }
        let point = CompressedEdwardsY(*pk)
            .decompress()
            .ok_or(CryptoError::InvalidPublicKey)?;
        key_memo::put(*pk, point);
        Ok(VerifyKey { bytes: *pk, point })
    }

    /// Verifies `sig` over `msg` as ed25519-dalek's `verify_strict` does (which libsodium
    /// agrees with): canonical `s`, neither `R` nor the key of small order, and
    /// `s·B − k·A` encoding to exactly `R`.
    pub fn verify(&self, msg: &[u8], sig: &[u8; 64]) -> Result<(), CryptoError> {
        let (r_bytes, s_bytes) = sig.split_at(32);
        let mut s = [0u8; 32];
        s.copy_from_slice(s_bytes);
        let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(s))
            .ok_or(CryptoError::BadSignature)?;
        let mut r = [0u8; 32];
        r.copy_from_slice(r_bytes);
        // `R` is not decompressed, as libsodium does not: only the canonical encoding of a point
        // can equal the computed one below, so refusing the canonical encodings of the
        // small-order points refuses every small-order `R`. The key is canonical already.
        let tables = tables();
        if tables.small_order.contains(&r) || tables.small_order.contains(&self.bytes) {
            return Err(CryptoError::BadSignature);
        }
        let k = wide_hash(&[&r, &self.bytes, msg]);
        let expected = tables
            .verify
            .vartime_mixed_multiscalar_mul([s], [k], [-self.point]);
        if expected.compress().as_bytes() == &r {
            Ok(())
        } else {
            Err(CryptoError::BadSignature)
        }
    }

    /// The X25519 form of this key, refused as libsodium's `crypto_sign_ed25519_pk_to_curve25519`
    /// refuses it. Remembered per key in [`key_memo`], as its subgroup check costs a scalar multiplication.
    pub fn to_x25519(&self) -> Result<[u8; 32], CryptoError> {
        if let Some(verdict) = key_memo::get(&self.bytes).and_then(|k| k.x25519) {
            return verdict.ok_or(CryptoError::InvalidPublicKey);
        }
        let verdict = point_to_x25519(&self.point);
        key_memo::put_x25519(&self.bytes, verdict.as_ref().ok().copied());
        verdict
    }
}

/// The X25519 public key of an Ed25519 point, refusing points of small order and points
/// outside the prime-order subgroup.
pub fn point_to_x25519(point: &EdwardsPoint) -> Result<[u8; 32], CryptoError> {
    if point.is_small_order() || !is_torsion_free(point) {
        return Err(CryptoError::InvalidPublicKey);
    }
    Ok(point.to_montgomery().to_bytes())
}

/// Whether `ℓ·P` is the identity, computed as `(ℓ−1)·P = −P` in variable time (public keys
/// only). In the browser this made opening a message about 25 µs (14 %) faster than
/// curve25519-dalek's constant-time check; natively the two are even.
fn is_torsion_free(point: &EdwardsPoint) -> bool {
    let l_minus_one = Scalar::ZERO - Scalar::ONE;
    let product =
        tables()
            .verify
            .vartime_mixed_multiscalar_mul([Scalar::ZERO], [l_minus_one], [point]);
    product == -point
}

/// libsodium's `ge25519_is_canonical`, plus what a round trip through curve25519-dalek adds: the
/// y coordinate at most p − 1, and no sign bit on the two points whose x is zero (y = ±1).
fn is_canonical(pk: &[u8; 32]) -> bool {
    const ONE: [u8; 32] = {
        let mut one = [0u8; 32];
        one[0] = 1;
        one
    };
    const P_MINUS_ONE: [u8; 32] = {
        let mut p = [0xff; 32];
        p[0] = 0xec;
        p[31] = 0x7f;
        p
    };
    let mut y = *pk;
    y[31] &= 0x7f;
    let sign = pk[31] & 0x80 != 0;
    at_most(&y, &P_MINUS_ONE) && !(sign && (y == ONE || y == P_MINUS_ONE))
}

/// `a ≤ b` for little-endian 256-bit numbers.
fn at_most(a: &[u8; 32], b: &[u8; 32]) -> bool {
    match a.iter().rev().zip(b.iter().rev()).find(|(x, y)| x != y) {
        Some((x, y)) => x < y,
        None => true,
    }
}
