//! Identity: keys, Session IDs and the recovery phrase, against the official vectors and the
//! tables of messaging.md §1.

use proptest::prelude::*;
use session_core::crypto::keys::{
    ed25519_pk_to_x25519, ed25519_seed_to_x25519_secret, verify_ed25519,
};
use session_core::identity::mnemonic::{
    self, decode_seed, decode_seed32, encode_seed, encode_seed32, english_words, MnemonicError,
};
use session_core::identity::{IdPrefix, Identity, SessionId, SessionIdError};
use session_testkit::{curated, spec, spec_table};
use sha2::{Digest, Sha256, Sha512};

/// The first backtick-quoted text after `marker` in messaging.md.
fn quoted_after(marker: &str) -> String {
    let text = spec("messaging.md");
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("spec has no {marker:?}"))
        + marker.len();
    let rest = &text[at..];
    let start = rest.find('`').expect("opening backtick") + 1;
    let len = rest[start..].find('`').expect("closing backtick");
    rest[start..start + len].to_string()
}

fn arr<const N: usize>(bytes: Vec<u8>) -> [u8; N] {
    bytes
        .try_into()
        .expect("vector field has the expected length")
}

#[test]
fn word_list_matches_the_official_digest() {
    let words = english_words();
    assert_eq!(words.len(), mnemonic::WORD_COUNT);
    let digest = hex::encode(Sha256::digest(words.join("\n").as_bytes()));
    let expected = quoted_after("SHA-256 of the words joined by `\\n` (no trailing newline) =");
    assert_eq!(digest, expected);
}

#[test]
fn word_prefixes_are_unique() {
    let mut prefixes: Vec<&str> = english_words().iter().map(|w| &w[..3]).collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    assert_eq!(prefixes.len(), mnemonic::WORD_COUNT);
}

/// Rows of the §1.5 table: (mnemonic, seed16, ed25519 pk, session id).
fn spec_identities() -> Vec<(String, [u8; 16], [u8; 32], String)> {
    let rows = spec_table("messaging.md", "### 1.5");
    assert_eq!(rows[0][1], "Mnemonic (13 words)");
    rows[1..]
        .iter()
        .map(|r| {
            let phrase = match r[1].strip_suffix(" ×13") {
                Some(word) => vec![word; 13].join(" "),
                None => r[1].clone(),
            };
            let seed = arr(hex::decode(&r[2]).unwrap());
            let ed = arr(hex::decode(&r[3]).unwrap());
            (phrase, seed, ed, r[4].clone())
        })
        .collect()
}

#[test]
fn spec_identity_table() {
    let rows = spec_identities();
    assert_eq!(rows.len(), 6);
    for (phrase, seed, ed, sid) in rows {
        assert_eq!(*decode_seed(&phrase).unwrap(), seed, "{phrase}");
        assert_eq!(encode_seed(&seed).as_str(), phrase);
        let id = Identity::from_seed(&seed);
        assert_eq!(id.ed25519_public(), ed);
        assert_eq!(id.session_id().to_string(), sid);
        assert_eq!(id.seed(), Some(&seed));
        assert_eq!(id.mnemonic().unwrap().as_str(), phrase);
        assert_eq!(Identity::from_mnemonic(&phrase).unwrap(), id);
    }
}

#[test]
fn curated_identities_from_ed25519_seeds() {
    for v in curated("identity_from_ed25519_seed") {
        let id = Identity::from_ed25519_seed(&arr(v.input_hex("ed25519_seed_hex")));
        if v.expected.get("ed25519_pk_hex").is_some() {
            assert_eq!(
                id.ed25519_public().to_vec(),
                v.expected_hex("ed25519_pk_hex")
            );
        }
        if v.expected.get("x25519_pk_hex").is_some() {
            assert_eq!(id.x25519_public().to_vec(), v.expected_hex("x25519_pk_hex"));
        }
        if v.expected.get("session_id").is_some() {
            assert_eq!(id.session_id().to_string(), v.expected_str("session_id"));
        }
        // The reference peer's full derivation, including the X25519 secret.
        let peer = &v.raw["refpeer_derived"];
        assert_eq!(
            hex::encode(id.x25519_secret()),
            peer["x25519_sk_hex"].as_str().unwrap()
        );
        assert_eq!(
            id.session_id().to_string(),
            peer["session_id"].as_str().unwrap()
        );
    }
}

#[test]
fn curated_x25519_conversions() {
    for v in curated("x25519_from_ed25519") {
        let pk = ed25519_pk_to_x25519(&arr(v.input_hex("ed25519_pk_hex"))).unwrap();
        assert_eq!(pk.to_vec(), v.expected_hex("x25519_pk_hex"));
        let sk64 = v.input_hex("ed25519_sk_hex");
        let sk = ed25519_seed_to_x25519_secret(&arr(sk64[..32].to_vec()));
        assert_eq!(sk.to_vec(), v.expected_hex("x25519_sk_hex"));
    }
}

#[test]
fn curated_ed25519_signatures() {
    for v in curated("ed25519_sign") {
        let id = Identity::from_ed25519_seed(&arr(v.input_hex("ed25519_seed_hex")));
        let msg = v.input_hex("message_hex");
        assert_eq!(
            id.ed25519_public().to_vec(),
            v.expected_hex("ed25519_pk_hex")
        );
        let sig = id.sign(&msg);
        assert_eq!(sig.to_vec(), v.expected_hex("signature_hex"));
        verify_ed25519(&id.ed25519_public(), &msg, &sig).unwrap();
        let mut bad = sig;
        bad[5] ^= 1;
        assert!(verify_ed25519(&id.ed25519_public(), &msg, &bad).is_err());
    }
}

#[test]
fn ed25519_conversion_rejects_small_order_and_invalid_points() {
    // The identity point (y = 1) has small order; y = 2 is not on the curve.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert!(ed25519_pk_to_x25519(&identity).is_err());
    let mut not_a_point = [0u8; 32];
    not_a_point[0] = 2;
    assert!(ed25519_pk_to_x25519(&not_a_point).is_err());
}

#[test]
fn long_word_list_vector() {
    let input = quoted_after("\nbytes = ");
    let input = input
        .strip_prefix("SHA512(\"")
        .and_then(|s| s.strip_suffix("\")"))
        .expect("the spec names the hashed text");
    let bytes = Sha512::digest(input.as_bytes());
    let digest = hex::encode(bytes);
    let shown = quoted_after(&format!("{input}\")` ="));
    let (head, tail) = shown.split_once('…').unwrap();
    assert!(
        digest.starts_with(head) && digest.ends_with(tail),
        "{digest} vs {shown}"
    );
    let phrase = mnemonic::bytes_to_words(&bytes).unwrap();
    let words: Vec<&str> = phrase.split(' ').collect();
    assert_eq!(words.len(), 49, "48 data words and the checksum word");
    let start = quoted_after("48 words without checksum starting");
    let start: Vec<&str> = start.trim_end_matches(" …").split(' ').collect();
    assert_eq!(&words[..start.len()], &start[..]);
    let end = quoted_after("and ending");
    let end: Vec<&str> = end.trim_start_matches("… ").split(' ').collect();
    assert_eq!(&words[48 - end.len()..48], &end[..]);
    // The checksum word makes the 64 bytes decodable again.
    assert_eq!(
        &mnemonic::words_to_bytes(&phrase, 64).unwrap()[..],
        &bytes[..]
    );
}

#[test]
fn phrase_accepts_upper_case_and_extra_spaces() {
    let (phrase, seed, _, _) = spec_identities().remove(1);
    let messy = format!("  {}  ", phrase.to_uppercase().replace(' ', "   \t"));
    assert_eq!(*decode_seed(&messy).unwrap(), seed);
    // Only the first three letters count, as in the official apps.
    let truncated: Vec<String> = phrase.split(' ').map(|w| w[..3].to_string()).collect();
    assert_eq!(*decode_seed(&truncated.join(" ")).unwrap(), seed);
}

#[test]
fn phrase_errors_are_typed() {
    let (phrase, _, _, _) = spec_identities().remove(1);
    let mut words: Vec<&str> = phrase.split(' ').collect();

    let twelve = words[..12].join(" ");
    assert_eq!(
        decode_seed(&twelve).unwrap_err(),
        MnemonicError::WordCount {
            got: 12,
            expected: 13
        }
    );
    let fourteen = format!("{phrase} abbey");
    assert!(matches!(
        decode_seed(&fourteen),
        Err(MnemonicError::WordCount { got: 14, .. })
    ));

    words[4] = "qwerty";
    let err = decode_seed(&words.join(" ")).unwrap_err();
    assert_eq!(err, MnemonicError::UnknownWord("qwerty".into()));
    assert!(err.to_string().contains("qwerty"));

    // A checksum word that is a real word but not the right one.
    let mut words: Vec<&str> = phrase.split(' ').collect();
    let wrong = english_words()
        .iter()
        .find(|w| !words[..12].contains(w))
        .unwrap();
    words[12] = wrong;
    assert_eq!(
        decode_seed(&words.join(" ")).unwrap_err(),
        MnemonicError::Checksum
    );

    // Two swapped data words usually break the checksum.
    let mut words: Vec<&str> = phrase.split(' ').collect();
    words.swap(0, 1);
    assert!(decode_seed(&words.join(" ")).is_err());
}

#[test]
fn phrase_with_an_impossible_word_triple_is_rejected() {
    // "zoom zoom abbey" would need a value of at least 2^32; the official library rejects it.
    let triple = ["zoom", "abbey", "zoom"];
    let mut words: Vec<&str> = triple.iter().cycle().take(12).copied().collect();
    let check = words[0];
    words.push(check);
    let result = decode_seed(&words.join(" "));
    assert!(matches!(
        result,
        Err(MnemonicError::InvalidWords) | Err(MnemonicError::Checksum)
    ));
}

#[test]
fn long_phrase_round_trip() {
    let seed: [u8; 32] = core::array::from_fn(|i| (i * 37 + 11) as u8);
    let phrase = encode_seed32(&seed);
    assert_eq!(phrase.split(' ').count(), 25);
    assert_eq!(*decode_seed32(&phrase).unwrap(), seed);
    assert!(matches!(
        decode_seed(&phrase),
        Err(MnemonicError::WordCount {
            got: 25,
            expected: 13
        })
    ));
}

#[test]
fn session_id_parsing() {
    let (_, _, _, sid) = spec_identities().remove(0);
    let id: SessionId = sid.parse().unwrap();
    assert_eq!(id.to_string(), sid);
    assert_eq!(id.prefix(), 0x05);
    assert_eq!(id.kind(), Some(IdPrefix::Standard));
    assert_eq!(hex::encode(id.key()), sid[2..]);
    assert_eq!(id.as_bytes()[1..], id.key()[..]);
    assert_eq!(sid.to_uppercase().parse::<SessionId>().unwrap(), id);
    assert_eq!(SessionId::from_x25519(*id.key()), id);

    assert_eq!(
        sid[..64].parse::<SessionId>().unwrap_err(),
        SessionIdError::Length { got: 64 }
    );
    let mut bad = sid.clone();
    bad.replace_range(10..11, "g");
    assert_eq!(
        bad.parse::<SessionId>().unwrap_err(),
        SessionIdError::NotHex { index: 10 }
    );
    let other = format!("99{}", &sid[2..]);
    assert_eq!(
        other.parse::<SessionId>().unwrap_err(),
        SessionIdError::UnknownPrefix(0x99)
    );
    let blinded = format!("15{}", &sid[2..]);
    assert_eq!(
        blinded.parse::<SessionId>().unwrap().kind(),
        Some(IdPrefix::Blinded15)
    );
    assert_eq!(
        SessionId::parse_standard(&blinded).unwrap_err(),
        SessionIdError::NotStandard(0x15)
    );
    for err in [
        SessionIdError::Length { got: 3 },
        SessionIdError::NotHex { index: 0 },
        SessionIdError::UnknownPrefix(0x99),
    ] {
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn generated_identity_round_trips_through_its_phrase() {
    let id = Identity::generate(&mut rand::rngs::OsRng);
    let phrase = id.mnemonic().unwrap();
    assert_eq!(Identity::from_mnemonic(&phrase).unwrap(), id);
    assert_eq!(
        ed25519_pk_to_x25519(&id.ed25519_public()).unwrap(),
        id.x25519_public()
    );
}

fn valid_phrase() -> impl Strategy<Value = String> {
    any::<[u8; 16]>().prop_map(|s| encode_seed(&s).to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn seed_phrase_round_trip(seed in any::<[u8; 16]>()) {
        let phrase = encode_seed(&seed);
        prop_assert_eq!(phrase.split(' ').count(), 13);
        prop_assert_eq!(*decode_seed(&phrase).unwrap(), seed);
    }

    #[test]
    fn random_text_never_panics_the_phrase_decoder(text in ".{0,200}") {
        let _ = decode_seed(&text);
        let _ = decode_seed32(&text);
    }

    #[test]
    fn mutated_phrases_never_panic(phrase in valid_phrase(), at in 0usize..120, ch in any::<char>()) {
        let mut chars: Vec<char> = phrase.chars().collect();
        let i = at % chars.len();
        chars[i] = ch;
        let mutated: String = chars.into_iter().collect();
        let _ = decode_seed(&mutated);
    }

    #[test]
    fn random_words_from_the_list_never_panic(idx in proptest::collection::vec(0usize..1626, 13)) {
        let words: Vec<&str> = idx.iter().map(|&i| english_words()[i]).collect();
        match decode_seed(&words.join(" ")) {
            Ok(seed) => {
                let again = decode_seed(&encode_seed(&seed)).unwrap();
                prop_assert_eq!(*again, *seed);
            }
            Err(e) => prop_assert!(matches!(e, MnemonicError::Checksum | MnemonicError::InvalidWords)),
        }
    }

    #[test]
    fn random_text_never_panics_session_id_parsing(text in ".{0,80}") {
        let _ = text.parse::<SessionId>();
    }

    #[test]
    fn hex_of_any_33_bytes_parses_or_names_the_prefix(raw in any::<[u8; 33]>()) {
        match hex::encode(raw).parse::<SessionId>() {
            Ok(id) => prop_assert_eq!(id.as_bytes(), &raw),
            Err(e) => prop_assert_eq!(e, SessionIdError::UnknownPrefix(raw[0])),
        }
    }
}
