//! XEd25519 against the official library's test keys (`tests/test_xed25519.cpp`).

use ed25519_dalek::{Signature, VerifyingKey};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use session_core::crypto::xed25519::{ed25519_public, sign, verify};
use session_core::crypto::CryptoError;
use session_core::identity::Identity;
use session_testkit::literal_values;

const FILE: &str = "tests/test_xed25519.cpp";

fn bytes<const N: usize>(label: &str) -> [u8; N] {
    hex::decode(literal_values(FILE, label).remove(0))
        .unwrap()
        .try_into()
        .unwrap()
}

/// The library test's two accounts (64-byte libsodium secret keys: seed ‖ public key).
fn accounts() -> [Identity; 2] {
    ["seed1", "seed2"].map(|label| {
        let sk: [u8; 64] = bytes(label);
        let id = Identity::from_ed25519_seed(sk[..32].try_into().unwrap());
        assert_eq!(id.ed25519_public(), sk[32..], "{label}'s public half");
        id
    })
}

fn ed_verifies(pk: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    VerifyingKey::from_bytes(pk)
        .is_ok_and(|k| k.verify_strict(msg, &Signature::from_bytes(sig)).is_ok())
}

#[test]
fn public_keys_convert_as_the_library_converts_them() {
    let [one, two] = accounts();
    assert_eq!(one.x25519_public(), bytes::<32>("xpub1"));
    assert_eq!(two.x25519_public(), bytes::<32>("xpub2"));
    // The first account's Ed25519 key is positive: the conversion gives it back.
    assert_eq!(
        ed25519_public(&bytes("xpub1")).unwrap(),
        one.ed25519_public()
    );
    // The second's is negative: the conversion gives its positive twin.
    let positive = ed25519_public(&bytes("xpub2")).unwrap();
    assert_ne!(positive, two.ed25519_public());
    assert_eq!(positive, bytes::<32>("pub2_abs"));
    let mut negated = positive;
    negated[31] |= 0x80;
    assert_eq!(negated, two.ed25519_public());
}

#[test]
fn signatures_verify_under_the_positive_key_and_the_x25519_key() {
    let [one, two] = accounts();
    let msg = b"hello world";
    let mut rng = StdRng::seed_from_u64(1);
    let sig1 = sign(one.x25519_secret(), msg, &mut rng);
    assert!(ed_verifies(&one.ed25519_public(), msg, &sig1));
    let sig2 = sign(two.x25519_secret(), msg, &mut rng);
    assert!(!ed_verifies(&two.ed25519_public(), msg, &sig2));
    assert!(ed_verifies(&bytes("pub2_abs"), msg, &sig2));

    assert_eq!(verify(&sig1, &bytes("xpub1"), msg), Ok(()));
    assert_eq!(verify(&sig2, &bytes("xpub2"), msg), Ok(()));
    assert_eq!(
        verify(&sig1, &bytes("xpub2"), msg),
        Err(CryptoError::BadSignature)
    );
    assert_eq!(
        verify(&sig1, &bytes("xpub1"), b"hello worle"),
        Err(CryptoError::BadSignature)
    );
    // Randomised: the same message signs differently each time.
    assert_ne!(sign(one.x25519_secret(), msg, &mut rng), sig1);
}

proptest! {
    #[test]
    fn any_account_and_message_verify(seed in any::<[u8; 16]>(), msg in proptest::collection::vec(any::<u8>(), 0..300), n in any::<u64>()) {
        let id = Identity::from_seed(&seed);
        let sig = sign(id.x25519_secret(), &msg, &mut StdRng::seed_from_u64(n));
        prop_assert_eq!(verify(&sig, &id.x25519_public(), &msg), Ok(()));
        let mut bad = sig;
        bad[(n % 64) as usize] ^= 1;
        prop_assert!(verify(&bad, &id.x25519_public(), &msg).is_err());
    }

    #[test]
    fn arbitrary_keys_and_signatures_never_panic(key in any::<[u8; 32]>(), sig in proptest::collection::vec(any::<u8>(), 64), msg in proptest::collection::vec(any::<u8>(), 0..40)) {
        let sig: [u8; 64] = sig.try_into().unwrap();
        prop_assert!(verify(&sig, &key, &msg).is_err());
    }
}
