//! The 1:1 message layer against the official vectors and messaging.md §2–§3: padding,
//! sign-and-seal, the deterministic variant, Envelope/WebSocket wrapping and the end-to-end DM
//! vector, plus property tests that no decoder panics on hostile bytes.

use base64::Engine;
use proptest::prelude::*;
use prost::Message;
use session_core::crypto::hash::{blake2b, blake2b_n};
use session_core::crypto::sealed_box::{seal, seal_open};
use session_core::crypto::CryptoError;
use session_core::identity::{Identity, SessionId, SessionIdError};
use session_core::message::{
    self, decode_content, decode_envelope, decode_incoming, decrypt_incoming, encode_for_recipient,
    encrypt_for_recipient, encrypt_for_recipient_deterministic, pad, session_envelope,
    sign_for_recipient, unpad, unwrap_websocket, wrap_websocket, MessageError,
};
use session_core::proto::session::{
    attachment_pointer, data_message, AttachmentPointer, Content, DataMessage, Envelope,
};
use session_core::proto::websocket::WebSocketMessage;
use session_testkit::{curated, spec, spec_table};
use sha2::{Digest, Sha256};

/// messaging.md from the start of the section whose heading starts with `heading`.
fn section(heading: &str) -> String {
    let text = spec("messaging.md");
    let at = text
        .find(&format!("\n{heading}"))
        .unwrap_or_else(|| panic!("no {heading}"));
    text[at..].to_string()
}

/// The first backtick-quoted text after `marker` in messaging.md (searched from the end-to-end
/// vector's section §3.8 when the marker occurs there, else from the top).
fn quoted_after(marker: &str) -> String {
    let e2e = section("### 3.8");
    let text = if e2e.contains(marker) {
        e2e
    } else {
        spec("messaging.md")
    };
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("spec has no {marker:?}"))
        + marker.len();
    let rest = &text[at..];
    let start = rest.find('`').expect("opening backtick") + 1;
    let len = rest[start..].find('`').expect("closing backtick");
    rest[start..start + len].to_string()
}

/// The number written right after `marker` in messaging.md.
fn number_after(marker: &str) -> u64 {
    let text = section("### 3.8");
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("spec has no {marker:?}"))
        + marker.len();
    let digits: String = text[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number after {marker:?}"))
}

/// Hex text after `marker`, with an optional `label = ` before it.
fn hex_after(marker: &str) -> Vec<u8> {
    let q = quoted_after(marker);
    let h = q.rsplit("= ").next().unwrap();
    hex::decode(h).unwrap_or_else(|e| panic!("{q:?} is not hex: {e}"))
}

/// Checks a value against an abbreviated `head…tail` from the spec.
fn matches_abbrev(full: &str, abbrev: &str) -> bool {
    let (head, tail) = abbrev.split_once('…').expect("abbreviated value");
    full.starts_with(head) && full.ends_with(tail)
}

/// The spec's identities I1 and I2 (messaging.md §1.5), by their seeds.
fn spec_identity(n: usize) -> Identity {
    let rows = spec_table("messaging.md", "### 1.5");
    let row = rows.iter().find(|r| r[0] == format!("I{n}")).unwrap();
    Identity::from_seed(&hex::decode(&row[2]).unwrap().try_into().unwrap())
}

fn arr<const N: usize>(bytes: Vec<u8>) -> [u8; N] {
    bytes
        .try_into()
        .expect("vector field has the expected length")
}

#[test]
fn curated_hashes() {
    for v in curated("hash") {
        let size = v.inputs["size"].as_u64().unwrap() as usize;
        let msg = v.input_hex("message_hex");
        let key = v.inputs["key_hex"]
            .as_str()
            .map(|k| hex::decode(k).unwrap());
        let out = blake2b(size, &msg, key.as_deref()).unwrap();
        assert_eq!(out, v.expected_hex("hash_hex"));
    }
    assert!(matches!(
        blake2b(0, b"x", None),
        Err(CryptoError::InvalidLength { .. })
    ));
    assert!(blake2b(65, b"x", None).is_err());
    assert!(blake2b(32, b"x", Some(&[0u8; 65])).is_err());
}

#[test]
fn curated_deterministic_encryption() {
    for v in curated("dm_encrypt_deterministic") {
        let sender = Identity::from_ed25519_seed(&arr(v.input_hex("sender_ed25519_seed_hex")));
        let recipient =
            Identity::from_ed25519_seed(&arr(v.input_hex("recipient_ed25519_seed_hex")));
        let to: SessionId = v.input_str("recipient_session_id").parse().unwrap();
        assert_eq!(recipient.session_id(), to);
        let plaintext = v.input_hex("plaintext_hex");
        let ct = encrypt_for_recipient_deterministic(&sender, &to, &plaintext).unwrap();
        assert_eq!(ct, v.expected_hex("ciphertext_hex"));

        let opened = decrypt_incoming(&recipient, &ct).unwrap();
        assert_eq!(opened.plaintext, plaintext);
        assert_eq!(
            opened.sender.to_string(),
            v.expected_str("sender_session_id")
        );
        assert_eq!(opened.sender_ed25519, sender.ed25519_public());
        // Sealed to I2, so I1 cannot open it.
        assert_eq!(
            decrypt_incoming(&sender, &ct),
            Err(MessageError::Decryption)
        );
    }
}

#[test]
fn spec_t2_1_deterministic_vector() {
    let (i1, i2) = (spec_identity(1), spec_identity(2));
    assert_eq!(i2.x25519_public().to_vec(), hex_after("recipient I2 (Y ="));
    let expected = hex_after("deterministic seal → 149 bytes:");
    assert_eq!(expected.len(), 149);
    let ct = encrypt_for_recipient_deterministic(&i1, &i2.session_id(), b"hello").unwrap();
    assert_eq!(ct, expected);
    let opened = decrypt_incoming(&i2, &ct).unwrap();
    assert_eq!(opened.plaintext, b"hello");
    assert_eq!(opened.sender, i1.session_id());
}

#[test]
fn spec_padding_examples() {
    let text = spec("messaging.md");
    let start = text.find("Examples (**DERIVED**):").unwrap();
    let para = text[start..].split("\n\n").next().unwrap();
    let para = para.split_once(':').unwrap().1.replace('\n', " ");
    let mut checked = 0;
    for case in para.split(';') {
        let nums: Vec<usize> = case
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let [len, new, old] = nums[..] else {
            panic!("unexpected example {case:?}")
        };
        let content: Vec<u8> = (0..len).map(|i| (i % 251) as u8 + 1).collect();
        let padded = pad(&content);
        assert_eq!(padded.len(), new, "len {len}");
        assert_eq!(unpad(&padded), &content[..]);
        // The older clients' style: the marker, then zeros up to one less than a block.
        let mut legacy = content.clone();
        legacy.push(0x80);
        legacy.resize(old, 0);
        assert_eq!(unpad(&legacy), &content[..]);
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn unpad_keeps_unpadded_content_whole() {
    assert_eq!(unpad(b""), b"");
    assert_eq!(unpad(&[0, 0, 0]), &[0u8, 0, 0][..]);
    assert_eq!(unpad(&[1, 2, 3]), &[1u8, 2, 3][..]);
    assert_eq!(unpad(&[1, 2, 3, 0, 0]), &[1u8, 2, 3, 0, 0][..]);
    assert_eq!(unpad(&[1, 0x80]), &[1u8][..]);
    assert_eq!(unpad(&[0x80, 0, 0]), b"");
    // A content whose own last byte is 0x80 survives because it is always padded.
    let tricky = [5u8, 0x80];
    assert_eq!(unpad(&pad(&tricky)), &tricky[..]);
}

/// messaging.md §3.8, step by step: every intermediate value the spec prints.
#[test]
fn spec_end_to_end_dm_vector() {
    let (i1, i2) = (spec_identity(1), spec_identity(2));
    let t = number_after("Sender I1, recipient I2, `T = ");

    let content_bytes = hex_after("serialized (16 bytes):");
    let content = Content::decode(&content_bytes[..]).unwrap();
    assert_eq!(content.sig_timestamp, Some(t));
    assert_eq!(
        content.data_message.as_ref().unwrap().body.as_deref(),
        Some("hello")
    );
    assert_eq!(content.encode_to_vec(), content_bytes);

    let padded = message::encode_content(&content);
    assert_eq!(padded.len() as u64, number_after("Padded (new style): "));

    let inner = sign_for_recipient(&i1, &i2.x25519_public(), &padded);
    assert_eq!(inner.len() as u64, number_after("(inner payload "));
    assert_eq!(
        inner[inner.len() - 64..].to_vec(),
        hex_after("Inner signature over `padded ‖ A(I1) ‖ Y(I2)`:")
    );

    let sealed = encrypt_for_recipient_deterministic(&i1, &i2.session_id(), &padded).unwrap();
    assert_eq!(sealed.len() as u64, number_after("sealed `C` = "));
    let e = hex_after("Deterministic ephemeral ");
    assert_eq!(sealed[..32].to_vec(), e);
    let nonce = blake2b_n::<24>(&[&e, &i2.x25519_public()]);
    assert_eq!(nonce.to_vec(), hex_after("nonce "));

    let decoy_seed = quoted_after("by the key with seed ");
    let decoy_byte = u8::from_str_radix(decoy_seed.trim_start_matches("0x"), 16).unwrap();
    let decoy = Identity::from_ed25519_seed(&[decoy_byte; 32]);
    let pk_abbrev = quoted_after("(pk\n  ");
    assert!(matches_abbrev(
        &hex::encode(decoy.ed25519_public()),
        &pk_abbrev
    ));
    let pro_sig = decoy.sign(&sealed);
    assert_eq!(pro_sig.to_vec(), hex_after(&format!("{pk_abbrev}`):")));

    let env = session_envelope(t, sealed.clone(), Some(pro_sig)).encode_to_vec();
    let begin = quoted_after("Envelope bytes begin ");
    assert!(hex::encode(&env).starts_with(begin.trim_end_matches('…')));

    let ws = wrap_websocket(env);
    assert_eq!(ws.len() as u64, number_after("requestId 0) = "));
    assert_eq!(
        hex::encode(Sha256::digest(&ws)),
        quoted_after("bytes, SHA-256")
    );
    let text = spec("messaging.md");
    let block = text.split("`store.data` =").nth(1).unwrap();
    let b64 = block.split("```").nth(1).unwrap().trim();
    assert_eq!(base64::engine::general_purpose::STANDARD.encode(&ws), b64);

    // And back, from the spec's base64.
    let stored = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let incoming = decode_incoming(&i2, &stored).unwrap();
    assert!(matches_abbrev(
        &incoming.sender.to_string(),
        &quoted_after("yields sender ")
    ));
    assert_eq!(incoming.sender, i1.session_id());
    assert_eq!(incoming.sender_ed25519, i1.ed25519_public());
    assert_eq!(incoming.timestamp_ms, t);
    assert_eq!(incoming.content.encode_to_vec(), content_bytes);
}

#[test]
fn websocket_wrapper_emits_every_field_libsession_sets() {
    let ws = wrap_websocket(vec![1, 2, 3]);
    // type = REQUEST; request { verb "", path "", body, requestId 0 } (messaging.md §3.4).
    let request = "0a00" // verb ""
        .to_string()
        + "1200" // path ""
        + "1a03010203" // body
        + "2000"; // requestId 0
    assert_eq!(
        hex::encode(&ws),
        format!("080112{:02x}{request}", request.len() / 2)
    );
    assert_eq!(unwrap_websocket(&ws).unwrap(), vec![1, 2, 3]);
}

#[test]
fn required_fields_are_emitted_even_when_zero() {
    let content = Content {
        data_message: Some(DataMessage {
            attachments: vec![AttachmentPointer {
                id: 0,
                ..Default::default()
            }],
            reaction: Some(data_message::Reaction {
                id: 0,
                author: String::new(),
                emoji: None,
                action: data_message::reaction::Action::React as i32,
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    let bytes = content.encode_to_vec();
    // AttachmentPointer.id: fixed64 field 1 = key 0x09 followed by eight zero bytes.
    assert!(hex::encode(&bytes).contains("0900000000000000"));
    // Reaction: id (08 00), author (12 00), action (20 00).
    assert!(hex::encode(&bytes).contains("080012002000"));
    assert_eq!(attachment_pointer::Flags::VoiceMessage as i32, 1);
}

#[test]
fn random_seal_round_trip_and_tampering() {
    let mut rng = rand::rngs::OsRng;
    let (a, b) = (Identity::generate(&mut rng), Identity::generate(&mut rng));
    let msg = pad(b"a message");
    let c1 = encrypt_for_recipient(&a, &b.session_id(), &msg, &mut rng).unwrap();
    let c2 = encrypt_for_recipient(&a, &b.session_id(), &msg, &mut rng).unwrap();
    assert_ne!(c1, c2, "a fresh ephemeral key every time");
    assert_eq!(c1.len(), msg.len() + 48 + 96);
    let opened = decrypt_incoming(&b, &c1).unwrap();
    assert_eq!(opened.plaintext, msg);
    assert_eq!(opened.sender, a.session_id());

    for i in [0, 40, c1.len() - 1] {
        let mut bad = c1.clone();
        bad[i] ^= 0x20;
        assert_eq!(decrypt_incoming(&b, &bad), Err(MessageError::Decryption));
    }
    assert_eq!(
        decrypt_incoming(&b, &c1[..100]),
        Err(MessageError::TooShort { got: 100 })
    );
}

#[test]
fn a_signature_for_someone_else_is_rejected() {
    let mut rng = rand::rngs::OsRng;
    let (a, b, c) = (
        Identity::generate(&mut rng),
        Identity::generate(&mut rng),
        Identity::generate(&mut rng),
    );
    // A message A signed for C, re-sealed to B: B must not accept it as addressed to B.
    let inner = sign_for_recipient(&a, &c.x25519_public(), b"hi");
    let forwarded = seal(&inner, &b.x25519_public(), &mut rng).unwrap();
    assert_eq!(
        decrypt_incoming(&b, &forwarded),
        Err(MessageError::BadSignature)
    );
    assert_eq!(
        seal_open(&forwarded, b.x25519_secret(), &b.x25519_public()).unwrap(),
        inner
    );
}

#[test]
fn only_account_ids_can_be_recipients() {
    let mut rng = rand::rngs::OsRng;
    let a = Identity::generate(&mut rng);
    let blinded: SessionId = format!("15{}", &a.session_id().to_hex()[2..])
        .parse()
        .unwrap();
    assert_eq!(
        encrypt_for_recipient(&a, &blinded, b"x", &mut rng),
        Err(MessageError::Recipient(SessionIdError::NotStandard(0x15)))
    );
    // A small-order X25519 key is refused, as libsodium refuses it.
    let weak = SessionId::from_x25519([0u8; 32]);
    assert!(matches!(
        encrypt_for_recipient(&a, &weak, b"x", &mut rng),
        Err(MessageError::Crypto(CryptoError::InvalidPublicKey))
    ));
}

#[test]
fn encode_and_decode_a_full_message() {
    let mut rng = rand::rngs::OsRng;
    let (a, b) = (Identity::generate(&mut rng), Identity::generate(&mut rng));
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("hi there".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let t = 1_712_345_678_901;
    let data = encode_for_recipient(&a, &b.session_id(), &content, t, &mut rng).unwrap();
    let incoming = decode_incoming(&b, &data).unwrap();
    assert_eq!(incoming.sender, a.session_id());
    assert_eq!(incoming.timestamp_ms, t);
    assert_eq!(incoming.content.sig_timestamp, Some(t));
    assert_eq!(incoming.content.data_message, content.data_message);

    // The envelope carries a well-formed 64-byte decoy Pro signature and sourceDevice 1.
    let env = decode_envelope(&unwrap_websocket(&data).unwrap()).unwrap();
    assert_eq!(env.pro_sig.as_ref().map(Vec::len), Some(64));
    assert_eq!(env.source_device, Some(1));
    assert_eq!(env.r#type, 6);
    // Padded to a multiple of 160 inside the seal.
    let opened = decrypt_incoming(&b, env.content.as_ref().unwrap()).unwrap();
    assert_eq!(opened.plaintext.len() % 160, 0);
    assert_eq!(decode_content(&opened.plaintext).unwrap(), incoming.content);
}

/// Re-wraps the sealed content of `data` in an envelope changed by `edit`.
fn rewrap(data: &[u8], edit: impl FnOnce(&mut Envelope)) -> Vec<u8> {
    let mut env = Envelope::decode(&unwrap_websocket(data).unwrap()[..]).unwrap();
    edit(&mut env);
    wrap_websocket(env.encode_to_vec())
}

#[test]
fn envelope_rules_of_libsession() {
    let mut rng = rand::rngs::OsRng;
    let (a, b) = (Identity::generate(&mut rng), Identity::generate(&mut rng));
    let data =
        encode_for_recipient(&a, &b.session_id(), &Content::default(), 1000, &mut rng).unwrap();

    let no_pro = rewrap(&data, |e| e.pro_sig = None);
    assert!(decode_incoming(&b, &no_pro).is_ok());
    let short_pro = rewrap(&data, |e| e.pro_sig = Some(vec![0; 63]));
    assert_eq!(
        decode_incoming(&b, &short_pro),
        Err(MessageError::InvalidProSig { len: 63 })
    );
    let empty_source = rewrap(&data, |e| e.source = Some(String::new()));
    assert!(decode_incoming(&b, &empty_source).is_ok());
    let real_source = rewrap(&data, |e| e.source = Some(a.session_id().to_hex()));
    assert!(decode_incoming(&b, &real_source).is_ok());
    let bad_source = rewrap(&data, |e| e.source = Some("05abc".into()));
    assert_eq!(
        decode_incoming(&b, &bad_source),
        Err(MessageError::InvalidSource)
    );
    let no_content = rewrap(&data, |e| e.content = None);
    assert_eq!(
        decode_incoming(&b, &no_content),
        Err(MessageError::MissingField("Envelope.content"))
    );
    // The signed timestamp authenticates the envelope's.
    let moved = rewrap(&data, |e| e.timestamp = 2000);
    assert_eq!(
        decode_incoming(&b, &moved),
        Err(MessageError::TimestampMismatch {
            envelope: 2000,
            signed: 1000
        })
    );

    // The WebSocket wrapper is mandatory: a bare envelope does not decode.
    let bare = unwrap_websocket(&data).unwrap();
    assert!(decode_incoming(&b, &bare).is_err());
    let no_body = WebSocketMessage {
        r#type: Some(1),
        ..Default::default()
    }
    .encode_to_vec();
    assert_eq!(
        unwrap_websocket(&no_body),
        Err(MessageError::MissingField("WebSocketMessage.request"))
    );
    // Session Protocol v2 blobs are recognised and refused politely.
    assert_eq!(
        decode_incoming(&b, &[0x00, 0x02, 1, 2, 3]),
        Err(MessageError::UnsupportedVersion)
    );
    for err in [
        MessageError::Decryption,
        MessageError::UnsupportedVersion,
        MessageError::InvalidProSig { len: 3 },
    ] {
        assert!(!err.to_string().is_empty());
    }
}

fn stored_message() -> (Identity, Vec<u8>) {
    let (i1, i2) = (spec_identity(1), spec_identity(2));
    let content = Content {
        data_message: Some(DataMessage {
            body: Some("fuzz me".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let padded = message::encode_content(&content);
    let sealed = encrypt_for_recipient_deterministic(&i1, &i2.session_id(), &padded).unwrap();
    let env = session_envelope(77, sealed, None).encode_to_vec();
    (i2, wrap_websocket(env))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn pad_then_unpad_is_identity(content in proptest::collection::vec(any::<u8>(), 0..500)) {
        let padded = pad(&content);
        prop_assert_eq!(padded.len() % 160, 0);
        prop_assert!(padded.len() > content.len());
        prop_assert_eq!(unpad(&padded), &content[..]);
    }

    #[test]
    fn unpad_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let out = unpad(&bytes);
        prop_assert!(bytes.starts_with(out));
    }

    #[test]
    fn random_bytes_never_panic_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let me = spec_identity(2);
        let _ = unwrap_websocket(&bytes);
        let _ = decode_envelope(&bytes);
        let _ = decode_content(&bytes);
        let _ = decrypt_incoming(&me, &bytes);
        let _ = decode_incoming(&me, &bytes);
    }

    #[test]
    fn mutated_messages_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6),
                                    cut in any::<usize>()) {
        let (me, data) = stored_message();
        let mut bytes = data.clone();
        for (at, x) in flips {
            let i = at % bytes.len();
            bytes[i] ^= x | 1;
        }
        let _ = decode_incoming(&me, &bytes);
        let _ = decode_incoming(&me, &data[..cut % data.len()]);
        if let Ok(env) = unwrap_websocket(&bytes) {
            let _ = decode_envelope(&env);
        }
    }

    #[test]
    fn mutated_sealed_content_is_rejected(at in any::<usize>(), x in 1u8..=255) {
        let (me, data) = stored_message();
        let env = decode_envelope(&unwrap_websocket(&data).unwrap()).unwrap();
        let mut sealed = env.content.unwrap();
        let i = at % sealed.len();
        sealed[i] ^= x;
        prop_assert!(decrypt_incoming(&me, &sealed).is_err());
    }

    #[test]
    fn mutated_content_bytes_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
        let mut bytes = hex_after("serialized (16 bytes):");
        for (at, x) in flips {
            let i = at % bytes.len();
            bytes[i] ^= x;
        }
        let _ = decode_content(&bytes);
        let _ = decode_content(&pad(&bytes));
    }
}
