//! Blinded direct messages (messaging.md §7.8) against the spec's worked vector and the
//! official library's own test cases.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use curve25519_dalek::edwards::CompressedEdwardsY;
use curve25519_dalek::Scalar;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_core::{CryptoRng, RngCore};
use session_core::community::dm::{decrypt, encrypt, own_blinded_id, DmError};
use session_core::identity::{Identity, SessionId};
use session_testkit::{raw_literals, spec_value};
use sha2::Sha512;

/// A "random" source that yields 0, 1, 2, …: the spec's vector uses nonce `000102…17`.
struct Counting(u8);

impl RngCore for Counting {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }
    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for b in dest {
            *b = self.0;
            self.0 = self.0.wrapping_add(1);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for Counting {}

const SECTION: &str = "### 7.8";

fn seed16(hex_text: &str) -> [u8; 16] {
    hex::decode(&hex_text[..32]).unwrap().try_into().unwrap()
}

fn id(text: &str) -> SessionId {
    text.parse().unwrap()
}

/// I1 and I2 of messaging.md §1.5, which are the official test's `seed` and `seed2`.
fn accounts() -> (Identity, Identity) {
    let literal = |label: &str| {
        raw_literals("tests/test_session_encrypt.cpp")
            .into_iter()
            .find(|l| {
                l["test_case"] == "Session blinding protocol encryption" && l["label"] == label
            })
            .and_then(|l| l["values"][0]["hex"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no literal {label}"))
    };
    (
        Identity::from_seed(&seed16(&literal("seed"))),
        Identity::from_seed(&seed16(&literal("seed2"))),
    )
}

fn server_pk() -> [u8; 32] {
    let text = raw_literals("tests/test_session_encrypt.cpp")
        .into_iter()
        .find(|l| {
            l["test_case"] == "Session blinding protocol encryption" && l["label"] == "server_pk"
        })
        .and_then(|l| l["values"][0]["hex"].as_str().map(str::to_owned))
        .expect("server_pk literal");
    hex::decode(text).unwrap().try_into().unwrap()
}

fn lorem_ipsum() -> Vec<u8> {
    raw_literals("tests/test_session_encrypt.cpp")
        .into_iter()
        .find(|l| l["label"] == "lorem_ipsum")
        .and_then(|l| {
            l["values"][0]["text"]
                .as_str()
                .map(|t| t.as_bytes().to_vec())
        })
        .expect("lorem_ipsum literal")
}

/// The spec's blinded ID after `marker` in §7.8 (66 hex characters).
fn spec_id(marker: &str) -> SessionId {
    id(&spec_value("messaging.md", SECTION, marker)[..66])
}

/// The §7.7 padded Content the §7.8 vector encrypts.
fn spec_padded_content() -> Vec<u8> {
    let data = spec_value("messaging.md", "### 7.7", "(216 base64 chars)");
    B64.decode(data).unwrap()
}

#[test]
fn the_spec_vector_is_reproduced_and_opens_on_both_sides() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let spec_server = spec_value("messaging.md", "### 7.7", "Community message vector");
    assert_eq!(hex::encode(server), spec_server.trim_start_matches("S="));
    let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    assert_eq!(
        i1_15,
        id(&spec_value(
            "messaging.md",
            "### 7.7",
            "I1's blind15 id at S ="
        ))
    );
    assert_eq!(i2_15, spec_id("I2 blind15"));

    let content = spec_padded_content();
    assert_eq!(content.len(), 160);
    let blob = encrypt(&i1, &server, &i2_15, &content, &mut Counting(0)).unwrap();
    assert_eq!(
        B64.encode(&blob),
        spec_value("messaging.md", SECTION, "blob (b64)")
    );

    let got = decrypt(&i2, &server, &i1_15, &i2_15, &blob).unwrap();
    assert_eq!(got.sender, i1.session_id());
    assert_eq!(got.plaintext, content);
    assert!(!got.outgoing);

    let mine = decrypt(&i1, &server, &i1_15, &i2_15, &blob).unwrap();
    assert_eq!(mine.sender, i1.session_id());
    assert_eq!(mine.plaintext, content);
    assert!(mine.outgoing, "the sender reads its outbox copy as its own");
}

/// The message key computed from scratch, as §7.8 writes it for 15-blinded IDs: the sender's
/// Ed25519 scalar times the recipient's blinded key, hashed with both keys.
fn blind15_key_by_hand(
    sender: &Identity,
    sender_id: &SessionId,
    recipient_id: &SessionId,
) -> [u8; 32] {
    let expanded = Sha512::digest(*sender.ed25519_seed());
    let mut scalar_bytes: [u8; 32] = expanded[..32].try_into().unwrap();
    scalar_bytes[0] &= 248;
    scalar_bytes[31] &= 127;
    scalar_bytes[31] |= 64;
    let a = Scalar::from_bytes_mod_order(scalar_bytes);
    let jb = CompressedEdwardsY(*recipient_id.key())
        .decompress()
        .unwrap();
    let shared = (a * jb).compress().to_bytes();
    let mut h = Blake2b::<U32>::new();
    h.update(shared);
    h.update(sender_id.key());
    h.update(recipient_id.key());
    h.finalize().into()
}

#[test]
fn the_spec_message_key_is_the_one_the_blob_is_sealed_with() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    let key = blind15_key_by_hand(&i1, &i1_15, &i2_15);
    assert_eq!(
        hex::encode(key),
        spec_value("messaging.md", SECTION, "plaintext = the 160-byte")
    );
    let blob = B64
        .decode(spec_value("messaging.md", SECTION, "blob (b64)"))
        .unwrap();
    let (sealed, nonce) = blob[1..].split_at(blob.len() - 1 - 24);
    let inner = XChaCha20Poly1305::new((&key).into())
        .decrypt(XNonce::from_slice(nonce), sealed)
        .unwrap();
    assert_eq!(&inner[inner.len() - 32..], &i1.ed25519_public());
}

#[test]
fn blind25_ids_match_the_spec_and_messages_open_both_ways() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let i1_25 = own_blinded_id(&i1, &server, true).unwrap();
    let i2_25 = own_blinded_id(&i2, &server, true).unwrap();
    assert_eq!(i1_25, spec_id("For 25-blinded ids"));
    assert_eq!(i2_25, spec_id("I2 `25"));

    let content = spec_padded_content();
    let blob = encrypt(&i1, &server, &i2_25, &content, &mut Counting(0)).unwrap();
    for (who, outgoing) in [(&i2, false), (&i1, true)] {
        let got = decrypt(who, &server, &i1_25, &i2_25, &blob).unwrap();
        assert_eq!(got.sender, i1.session_id());
        assert_eq!(got.plaintext, content);
        assert_eq!(got.outgoing, outgoing);
    }
    // A 15-blinded reading of a 25-blinded message is refused before any crypto.
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    assert_eq!(
        decrypt(&i2, &server, &i1_25, &i2_15, &blob),
        Err(DmError::MixedKinds)
    );
}

/// The official test's sections: each kind, read by sender and recipient, with the
/// "flip one nonce bit" check.
#[test]
fn the_official_cases_round_trip_and_a_flipped_nonce_bit_fails() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let mut rng = StdRng::seed_from_u64(7);
    for blind25 in [false, true] {
        let sender_id = own_blinded_id(&i1, &server, blind25).unwrap();
        let recipient_id = own_blinded_id(&i2, &server, blind25).unwrap();
        for message in [b"hello".to_vec(), lorem_ipsum()] {
            let blob = encrypt(&i1, &server, &recipient_id, &message, &mut rng).unwrap();
            assert_eq!(blob.len(), 1 + message.len() + 32 + 16 + 24);
            assert!(
                !blob.windows(12).any(|w| w == b"dolore magna"),
                "the text does not show through"
            );
            for reader in [&i1, &i2] {
                let got = decrypt(reader, &server, &sender_id, &recipient_id, &blob).unwrap();
                assert_eq!(got.sender, i1.session_id());
                assert_eq!(got.plaintext, message);
                let mut broken = blob.clone();
                // 1 + message + key + tag is where the nonce starts.
                broken[1 + message.len() + 32 + 16 + 1] ^= 0x80;
                assert_eq!(
                    decrypt(reader, &server, &sender_id, &recipient_id, &broken),
                    Err(DmError::Decrypt)
                );
            }
            // Swapping the roles derives another key.
            assert_eq!(
                decrypt(&i2, &server, &recipient_id, &sender_id, &blob),
                Err(DmError::Decrypt)
            );
        }
    }
}

#[test]
fn unblinded_ids_and_mixed_kinds_are_refused() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    let i2_25 = own_blinded_id(&i2, &server, true).unwrap();
    let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
    let mut rng = StdRng::seed_from_u64(1);
    let plain = i2.session_id();
    assert_eq!(
        encrypt(&i1, &server, &plain, b"x", &mut rng),
        Err(DmError::NotBlinded(plain))
    );
    let blob = encrypt(&i1, &server, &i2_15, b"x", &mut rng).unwrap();
    assert_eq!(
        decrypt(&i2, &server, &i1.session_id(), &i2_15, &blob),
        Err(DmError::NotBlinded(i1.session_id()))
    );
    assert_eq!(
        decrypt(&i2, &server, &i1_15, &i2_25, &blob),
        Err(DmError::MixedKinds)
    );
    // Another server's IDs are other keys.
    let other = [9u8; 32];
    assert!(decrypt(&i2, &other, &i1_15, &i2_15, &blob).is_err());
}

#[test]
fn short_damaged_and_unknown_versions_are_typed_errors() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    let blob = encrypt(&i1, &server, &i2_15, b"hi", &mut StdRng::seed_from_u64(2)).unwrap();
    for n in [0, 1, 72] {
        assert_eq!(
            decrypt(&i2, &server, &i1_15, &i2_15, &blob[..n]),
            Err(DmError::TooShort(n))
        );
    }
    let mut v1 = blob.clone();
    v1[0] = 1;
    assert_eq!(
        decrypt(&i2, &server, &i1_15, &i2_15, &v1),
        Err(DmError::Version(1))
    );
    let mut body = blob.clone();
    body[5] ^= 1;
    assert_eq!(
        decrypt(&i2, &server, &i1_15, &i2_15, &body),
        Err(DmError::Decrypt)
    );
}

/// A blob sealed by hand with `key`: `text` followed by the author key `author`.
fn sealed_by_hand(key: &[u8; 32], text: &[u8], author: &[u8; 32]) -> Vec<u8> {
    let mut inner = text.to_vec();
    inner.extend_from_slice(author);
    let nonce = [3u8; 24];
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), inner.as_slice())
        .unwrap();
    [&[0u8][..], &sealed, &nonce].concat()
}

/// A message sealed with the right key but carrying another account's Ed25519 key inside:
/// opening it would attribute it to that account, so it is refused.
#[test]
fn a_message_claiming_someone_else_as_its_author_is_refused() {
    let (i1, i2) = accounts();
    let server = server_pk();
    let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
    let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
    let key = blind15_key_by_hand(&i1, &i1_15, &i2_15);
    let impostor = Identity::from_seed(&[0x42; 16]);
    let forged = sealed_by_hand(&key, b"it was not me", &impostor.ed25519_public());
    assert_eq!(
        decrypt(&i2, &server, &i1_15, &i2_15, &forged),
        Err(DmError::SenderMismatch)
    );
    // The same sealing with I1's own key inside opens, so only the claim was wrong.
    let honest = sealed_by_hand(&key, b"it was me", &i1.ed25519_public());
    let got = decrypt(&i2, &server, &i1_15, &i2_15, &honest).unwrap();
    assert_eq!(got.plaintext, b"it was me");
    assert_eq!(got.sender, i1.session_id());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_blobs_give_a_typed_error(blob in proptest::collection::vec(any::<u8>(), 0..200)) {
        let (i1, i2) = accounts();
        let server = server_pk();
        let i1_15 = own_blinded_id(&i1, &server, false).unwrap();
        let i2_15 = own_blinded_id(&i2, &server, false).unwrap();
        prop_assert!(decrypt(&i2, &server, &i1_15, &i2_15, &blob).is_err());
    }

    #[test]
    fn any_message_round_trips(message in proptest::collection::vec(any::<u8>(), 0..600), blind25: bool) {
        let (i1, i2) = accounts();
        let server = server_pk();
        let a = own_blinded_id(&i1, &server, blind25).unwrap();
        let b = own_blinded_id(&i2, &server, blind25).unwrap();
        let blob = encrypt(&i2, &server, &a, &message, &mut StdRng::seed_from_u64(3)).unwrap();
        let got = decrypt(&i1, &server, &b, &a, &blob).unwrap();
        prop_assert_eq!(got.sender, i2.session_id());
        prop_assert_eq!(got.plaintext, message);
    }
}
