//! Onion requests against the official vectors and round trips.

use session_core::onion::*;
use session_testkit::curated;

fn arr(v: Vec<u8>) -> [u8; 32] {
    v.try_into().expect("32 bytes")
}

#[test]
fn hop_decrypt_vectors() {
    for v in curated("onion_hop_decrypt") {
        let enc: EncType = v.input_str("enc_type").parse().unwrap();
        let key = LayerKey::node(
            &arr(v.input_hex("server_x25519_sk_hex")),
            &arr(v.input_hex("client_x25519_pk_hex")),
            enc,
        )
        .unwrap();
        let pt = key.decrypt(&v.input_hex("ciphertext_hex")).unwrap();
        assert_eq!(pt, v.expected_hex("plaintext_hex"));
    }
}

#[test]
fn request_parse_vectors() {
    for v in curated("onion_request_parse") {
        let layer = peel(&arr(v.input_hex("x25519_sk_hex")), &v.input_hex("request_hex")).unwrap();
        assert_eq!(layer.plaintext, v.expected_hex("payload_hex"));
    }
}
