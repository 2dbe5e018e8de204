//! The run-time-table Ed25519 code agrees with ed25519-dalek, x25519-dalek and
//! curve25519-dalek (their compiled-in tables are on in native builds) on every input: the same
//! signatures, the same public keys, and the same verdicts, including on hostile inputs.

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use proptest::prelude::*;
use session_core::crypto::ed25519::{mul_base, sign, x25519_base, VerifyKey};
use session_core::crypto::keys::{ed25519_pk_to_x25519, verify_ed25519};
use session_core::crypto::{key_memo, CryptoError};

/// What the verification did before it moved to run-time tables: a canonical key encoding by
/// round trip, then ed25519-dalek's `verify_strict`.
fn reference_verify(pk: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> Result<(), CryptoError> {
    let point = CompressedEdwardsY(*pk)
        .decompress()
        .ok_or(CryptoError::InvalidPublicKey)?;
    if point.compress().as_bytes() != pk {
        return Err(CryptoError::InvalidPublicKey);
    }
    let key = VerifyingKey::from_bytes(pk).map_err(|_| CryptoError::InvalidPublicKey)?;
    key.verify_strict(msg, &Signature::from_bytes(sig))
        .map_err(|_| CryptoError::BadSignature)
}

fn reference_to_x25519(pk: &[u8; 32]) -> Result<[u8; 32], CryptoError> {
    let point = CompressedEdwardsY(*pk)
        .decompress()
        .ok_or(CryptoError::InvalidPublicKey)?;
    if point.is_small_order() || !point.is_torsion_free() {
        return Err(CryptoError::InvalidPublicKey);
    }
    Ok(point.to_montgomery().to_bytes())
}

fn scalar(wide: &[u8; 64]) -> Scalar {
    Scalar::from_bytes_mod_order_wide(wide)
}

proptest! {
    #[test]
    fn signatures_equal_ed25519_dalek(seed in any::<[u8; 32]>(), msg in proptest::collection::vec(any::<u8>(), 0..300)) {
        let key = SigningKey::from_bytes(&seed);
        prop_assert_eq!(sign(&key, &msg), key.sign(&msg).to_bytes());
    }

    #[test]
    fn base_multiples_equal_curve25519_dalek(wide in proptest::array::uniform32(any::<u8>()).prop_flat_map(|a| (Just(a), any::<[u8; 32]>()))) {
        let mut bytes = [0u8; 64];
        bytes[..32].copy_from_slice(&wide.0);
        bytes[32..].copy_from_slice(&wide.1);
        let s = scalar(&bytes);
        prop_assert_eq!(mul_base(&s), EdwardsPoint::mul_base(&s));
    }

    #[test]
    fn x25519_public_keys_equal_x25519_dalek(secret in any::<[u8; 32]>()) {
        prop_assert_eq!(
            x25519_base(&secret),
            x25519_dalek::x25519(secret, x25519_dalek::X25519_BASEPOINT_BYTES)
        );
    }

    #[test]
    fn verdicts_equal_the_reference_on_altered_signatures(
        seed in any::<[u8; 32]>(),
        msg in proptest::collection::vec(any::<u8>(), 0..100),
        flip in 0usize..(64 * 8 + 32 * 8 + 8),
    ) {
        let key = SigningKey::from_bytes(&seed);
        let mut pk = key.verifying_key().to_bytes();
        let mut sig = key.sign(&msg).to_bytes();
        let mut msg = msg;
        // One bit flipped in the signature, the key, or the message (or nothing, past the end).
        match flip {
            f if f < 512 => sig[f / 8] ^= 1 << (f % 8),
            f if f < 768 => pk[(f - 512) / 8] ^= 1 << (f % 8),
            f => if let Some(b) = msg.first_mut() { *b ^= 1 << (f % 8) },
        }
        prop_assert_eq!(verify_ed25519(&pk, &msg, &sig), reference_verify(&pk, &msg, &sig));
    }

    #[test]
    fn x25519_conversions_equal_the_reference(pk in any::<[u8; 32]>(), torsion in 0usize..8) {
        prop_assert_eq!(ed25519_pk_to_x25519(&pk), reference_to_x25519(&pk));
        // Valid keys with a torsion component added, which both must refuse.
        let key = SigningKey::from_bytes(&pk).verifying_key().to_edwards();
        let mixed = (key + EIGHT_TORSION[torsion]).compress().to_bytes();
        prop_assert_eq!(ed25519_pk_to_x25519(&mixed), reference_to_x25519(&mixed));
        if torsion != 0 {
            prop_assert_eq!(ed25519_pk_to_x25519(&mixed), Err(CryptoError::InvalidPublicKey));
        }
    }
}

#[test]
fn scalars_at_the_edges() {
    let l_minus_one = Scalar::ZERO - Scalar::ONE;
    for s in [
        Scalar::ZERO,
        Scalar::ONE,
        l_minus_one,
        Scalar::from(8u8),
        -Scalar::from(8u8),
    ] {
        assert_eq!(mul_base(&s), EdwardsPoint::mul_base(&s));
    }
    for secret in [[0u8; 32], [0xff; 32]] {
        assert_eq!(
            x25519_base(&secret),
            x25519_dalek::x25519(secret, x25519_dalek::X25519_BASEPOINT_BYTES)
        );
    }
}

/// Small-order keys and `R`s, a non-canonical `s`, and keys in non-canonical encodings.
#[test]
fn hostile_keys_and_signatures_get_the_reference_verdicts() {
    let key = SigningKey::from_bytes(&[7; 32]);
    let pk = key.verifying_key().to_bytes();
    let msg = b"hostile";
    let sig = key.sign(msg).to_bytes();
    assert_eq!(verify_ed25519(&pk, msg, &sig), Ok(()));

    let mut cases: Vec<([u8; 32], [u8; 64])> = Vec::new();
    // s + ℓ: the same scalar, not reduced.
    let s = Scalar::from_canonical_bytes(sig[32..].try_into().unwrap()).unwrap();
    let mut unreduced = sig;
    let l: [u8; 32] = (Scalar::ZERO - Scalar::ONE).to_bytes();
    let mut carry = 1u16; // ℓ = (ℓ − 1) + 1
    for i in 0..32 {
        let sum = u16::from(s.as_bytes()[i]) + u16::from(l[i]) + carry;
        unreduced[32 + i] = sum as u8;
        carry = sum >> 8;
    }
    cases.push((pk, unreduced));
    for t in EIGHT_TORSION {
        let small = t.compress().to_bytes();
        // A small-order key with a signature R = small-order point, s = 0: the classic forgery.
        let mut forged = [0u8; 64];
        forged[..32].copy_from_slice(&small);
        cases.push((small, forged));
        let mut with_small_r = sig;
        with_small_r[..32].copy_from_slice(&small);
        cases.push((pk, with_small_r));
        // The same points with the sign bit set (non-canonical when x = 0).
        let mut signed_small = small;
        signed_small[31] |= 0x80;
        cases.push((signed_small, forged));
    }
    // y ≥ p: the non-canonical encodings of y − p.
    for low in [0xedu8, 0xee, 0xef, 0xff] {
        let mut y = [0xff; 32];
        y[0] = low;
        y[31] = 0x7f;
        cases.push((y, sig));
        y[31] = 0xff;
        cases.push((y, sig));
    }
    // A base point multiple as the key: a valid point that did not sign.
    cases.push((
        (ED25519_BASEPOINT_POINT * Scalar::from(3u8))
            .compress()
            .to_bytes(),
        sig,
    ));
    for (pk, sig) in cases {
        assert_eq!(
            verify_ed25519(&pk, msg, &sig),
            reference_verify(&pk, msg, &sig),
            "key {} sig {}",
            hex::encode(pk),
            hex::encode(sig)
        );
        assert!(verify_ed25519(&pk, msg, &sig).is_err());
    }
}

#[test]
fn one_parsed_key_verifies_and_converts() {
    let key = SigningKey::from_bytes(&[9; 32]);
    let pk = key.verifying_key().to_bytes();
    let parsed = VerifyKey::parse(&pk).unwrap();
    assert_eq!(parsed.verify(b"m", &key.sign(b"m").to_bytes()), Ok(()));
    assert_eq!(
        parsed.verify(b"n", &key.sign(b"m").to_bytes()),
        Err(CryptoError::BadSignature)
    );
    assert_eq!(parsed.to_x25519(), reference_to_x25519(&pk));
}

/// The memo of parsed keys changes no verdict: the second meeting of a key, valid or with a
/// torsion component, answers what the first did and what the reference does.
#[test]
fn remembered_keys_get_the_same_verdicts() {
    key_memo::clear();
    let key = SigningKey::from_bytes(&[11; 32]);
    let pk = key.verifying_key().to_bytes();
    let sig = key.sign(b"again").to_bytes();
    let mixed = (key.verifying_key().to_edwards() + EIGHT_TORSION[1])
        .compress()
        .to_bytes();
    for round in 0..3 {
        assert_eq!(verify_ed25519(&pk, b"again", &sig), Ok(()), "round {round}");
        assert_eq!(
            verify_ed25519(&pk, b"other", &sig),
            Err(CryptoError::BadSignature),
            "round {round}"
        );
        let parsed = VerifyKey::parse(&pk).unwrap();
        assert_eq!(
            parsed.to_x25519(),
            reference_to_x25519(&pk),
            "round {round}"
        );
        // A key with a torsion component parses (it is a point) and is refused as X25519.
        let hostile = VerifyKey::parse(&mixed).unwrap();
        assert_eq!(
            hostile.to_x25519(),
            Err(CryptoError::InvalidPublicKey),
            "round {round}"
        );
        assert_eq!(
            verify_ed25519(&mixed, b"again", &sig),
            reference_verify(&mixed, b"again", &sig)
        );
    }
    assert_eq!(key_memo::len(), 2);
    // A key that is not a point is refused every time and never remembered.
    let mut not_a_point = [0u8; 32];
    not_a_point[0] = 2;
    for _ in 0..2 {
        assert_eq!(
            VerifyKey::parse(&not_a_point).err(),
            reference_to_x25519(&not_a_point).err()
        );
    }
    assert_eq!(key_memo::len(), 2);
}

/// The memo holds at most its capacity, the oldest keys going first, and the evicted keys
/// still verify.
#[test]
fn the_memo_stays_bounded() {
    key_memo::clear();
    let keys: Vec<SigningKey> = (0..key_memo::CAPACITY + 20)
        .map(|i| {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            SigningKey::from_bytes(&seed)
        })
        .collect();
    for k in &keys {
        let pk = k.verifying_key().to_bytes();
        assert_eq!(verify_ed25519(&pk, b"m", &k.sign(b"m").to_bytes()), Ok(()));
    }
    assert_eq!(key_memo::len(), key_memo::CAPACITY);
    let first = &keys[0];
    assert_eq!(
        verify_ed25519(
            &first.verifying_key().to_bytes(),
            b"m",
            &first.sign(b"m").to_bytes()
        ),
        Ok(())
    );
    assert_eq!(key_memo::len(), key_memo::CAPACITY);
    key_memo::clear();
    assert_eq!(key_memo::len(), 0);
}
