//! ONS response and push-notification decryption against libsession's vectors.

use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use proptest::prelude::*;
use session_core::crypto::push_and_ons::{
    decrypt_ons_response, decrypt_push_notification, PayloadError,
};
use session_testkit::curated;

#[test]
fn ons_response_matches_libsession() {
    for v in curated("ons_response_decrypt") {
        let name = v.input_str("lowercase_name");
        let ct = v.input_hex("ciphertext_hex");
        let nonce: [u8; 24] = v.input_hex("nonce_hex").try_into().unwrap();
        let sid = decrypt_ons_response(name, &ct, &nonce).unwrap();
        assert_eq!(hex::encode(sid), v.expected_str("session_id"));
        // Names are case-insensitive.
        assert_eq!(
            decrypt_ons_response(&name.to_uppercase(), &ct, &nonce).unwrap(),
            sid
        );

        let wrong_name = format!("{name}x");
        assert_eq!(
            decrypt_ons_response(&wrong_name, &ct, &nonce),
            Err(PayloadError::DecryptionFailed)
        );
        let mut tampered = ct.clone();
        tampered[0] ^= 1;
        assert_eq!(
            decrypt_ons_response(name, &tampered, &nonce),
            Err(PayloadError::DecryptionFailed)
        );
        assert_eq!(
            decrypt_ons_response(name, &ct[..15], &nonce),
            Err(PayloadError::TooShort(15))
        );
    }
}

#[test]
fn push_notification_matches_libsession() {
    for v in curated("push_notification_decrypt") {
        let payload = v.input_hex("payload_hex");
        let key: [u8; 32] = v.input_hex("enc_key_hex").try_into().unwrap();
        let plain = decrypt_push_notification(&payload, &key).unwrap();
        assert_eq!(plain, v.expected_hex("plaintext_hex"));

        let mut wrong_key = key;
        wrong_key[0] ^= 1;
        assert_eq!(
            decrypt_push_notification(&payload, &wrong_key),
            Err(PayloadError::DecryptionFailed)
        );
        assert_eq!(
            decrypt_push_notification(&payload[..39], &key),
            Err(PayloadError::TooShort(39))
        );
    }
}

#[test]
fn push_padding_is_trimmed_but_not_to_nothing() {
    let v = &curated("push_notification_decrypt")[0];
    let key: [u8; 32] = v.input_hex("enc_key_hex").try_into().unwrap();
    let nonce = [7u8; 24];
    let seal = |plain: &[u8]| {
        let mut out = nonce.to_vec();
        out.extend(
            XChaCha20Poly1305::new((&key).into())
                .encrypt(XNonce::from_slice(&nonce), plain)
                .unwrap(),
        );
        out
    };
    assert_eq!(
        decrypt_push_notification(&seal(b"hi\0\0\0"), &key).unwrap(),
        b"hi"
    );
    assert_eq!(
        decrypt_push_notification(&seal(b"\0\0\0"), &key).unwrap(),
        b"\0\0\0"
    );
    assert_eq!(decrypt_push_notification(&seal(b""), &key).unwrap(), b"");
}

#[test]
fn ons_result_must_be_a_session_id() {
    use blake2::digest::consts::U32;
    use blake2::digest::{FixedOutput, Update};
    use blake2::{Blake2b, Blake2bMac, Digest};

    let v = &curated("ons_response_decrypt")[0];
    let name = v.input_str("lowercase_name");
    let nonce: [u8; 24] = v.input_hex("nonce_hex").try_into().unwrap();
    // The same name key libsession uses (its vector above pins it), sealing a wrong-size value.
    let name_hash = Blake2b::<U32>::new().chain_update(name).finalize();
    let mut mac = Blake2bMac::<U32>::new_from_slice(&name_hash).unwrap();
    mac.update(name.as_bytes());
    let key = mac.finalize_fixed();
    let seal = |plain: &[u8]| {
        XChaCha20Poly1305::new(&key)
            .encrypt(XNonce::from_slice(&nonce), plain)
            .unwrap()
    };
    let sid = decrypt_ons_response(name, &v.input_hex("ciphertext_hex"), &nonce).unwrap();
    assert_eq!(
        decrypt_ons_response(name, &seal(&sid), &nonce).unwrap(),
        sid
    );
    assert_eq!(
        decrypt_ons_response(name, &seal(&sid[1..]), &nonce),
        Err(PayloadError::NotASessionId(32))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_payloads_give_typed_errors(
        payload in prop::collection::vec(any::<u8>(), 0..96),
        key in any::<[u8; 32]>(),
        nonce in any::<[u8; 24]>(),
        name in "\\PC{0,20}",
    ) {
        prop_assert!(decrypt_push_notification(&payload, &key).is_err());
        prop_assert!(decrypt_ons_response(&name, &payload, &nonce).is_err());
    }
}
