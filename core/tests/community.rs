//! SOGS request-signing headers (messaging.md §7.4) against the spec's worked example.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signature, VerifyingKey};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use session_core::community::auth::{
    message_to_sign, sign_request, sign_request_with_nonce, signing_path, AuthError, AuthMode,
    SogsRequest, HEADER_NONCE, HEADER_PUBKEY, HEADER_SIGNATURE, HEADER_TIMESTAMP,
};
use session_core::crypto::blinding::{blind15_key_pair, BlindingError};
use session_testkit::spec;

fn verifies(pk: &[u8], message: &[u8], sig: &[u8]) -> bool {
    let (Ok(pk), Ok(sig)) = (<[u8; 32]>::try_from(pk), <[u8; 64]>::try_from(sig)) else {
        return false;
    };
    VerifyingKey::from_bytes(&pk)
        .map(|vk| {
            vk.verify_strict(message, &Signature::from_bytes(&sig))
                .is_ok()
        })
        .unwrap_or(false)
}

/// The §7.4 worked example, read from the spec.
struct Example {
    seed: Vec<u8>,
    pk: Vec<u8>,
    server: [u8; 32],
    timestamp: u64,
    method: String,
    path: String,
    nonce_b64: String,
    body: String,
    /// (case, X-SOGS-Pubkey, X-SOGS-Signature), "same" pubkeys resolved.
    rows: Vec<(String, String, String)>,
}

fn quoted_after<'a>(text: &'a str, label: &str) -> &'a str {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label:?}"));
    let rest = &text[at + label.len()..];
    let open = rest.find('`').unwrap() + 1;
    let close = open + rest[open..].find('`').unwrap();
    &rest[open..close]
}

fn example() -> Example {
    let text = spec("messaging.md");
    let start = text.find("### 7.4").unwrap();
    let end = start + text[start..].find("### 7.5").unwrap();
    let section = &text[start..end];
    let vectors = &section[section.find("Vectors (DESK").unwrap()..];

    let mut rows = Vec::new();
    let mut last_pk = String::new();
    for line in vectors.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().replace('`', ""))
            .collect();
        if cells[0] == "Case" || cells[0].starts_with("---") {
            continue;
        }
        if cells[1] != "same" {
            last_pk = cells[1].clone();
        }
        rows.push((cells[0].clone(), last_pk.clone(), cells[2].clone()));
    }
    assert_eq!(rows.len(), 4, "four header cases in the spec");

    Example {
        seed: hex::decode(quoted_after(vectors, "Ed25519 seed")).unwrap(),
        pk: hex::decode(quoted_after(vectors, "(pk")).unwrap(),
        server: hex::decode(quoted_after(vectors, "S ="))
            .unwrap()
            .try_into()
            .unwrap(),
        timestamp: quoted_after(vectors, "timestamp").parse().unwrap(),
        method: quoted_after(vectors, "method").to_owned(),
        path: quoted_after(vectors, "path").to_owned(),
        nonce_b64: quoted_after(vectors, "nonce").to_owned(),
        body: quoted_after(vectors, "UTF-8").to_owned(),
        rows,
    }
}

impl Example {
    fn nonce(&self) -> [u8; 16] {
        B64.decode(&self.nonce_b64).unwrap().try_into().unwrap()
    }

    fn body_for(&self, case: &str) -> &[u8] {
        if case.ends_with("no body") {
            b""
        } else {
            assert!(case.ends_with("body"), "{case}");
            self.body.as_bytes()
        }
    }

    fn request<'a>(&'a self, case: &str) -> SogsRequest<'a> {
        SogsRequest {
            method: &self.method,
            target: &self.path,
            body: self.body_for(case),
        }
    }

    fn mode(case: &str) -> AuthMode {
        if case.starts_with("unblinded") {
            AuthMode::Unblinded
        } else {
            assert!(case.starts_with("blinded"), "{case}");
            AuthMode::Blinded
        }
    }
}

#[test]
fn unblinded_headers_match_the_spec_exactly() {
    let ex = example();
    // Both secret-key shapes give the same headers.
    let mut sk64 = ex.seed.clone();
    sk64.extend_from_slice(&ex.pk);
    let mut checked = 0;
    for (case, pubkey, signature) in ex
        .rows
        .iter()
        .filter(|r| Example::mode(&r.0) == AuthMode::Unblinded)
    {
        for sk in [&ex.seed, &sk64] {
            let h = sign_request_with_nonce(
                sk,
                &ex.server,
                AuthMode::Unblinded,
                &ex.request(case),
                ex.timestamp,
                &ex.nonce(),
            )
            .unwrap();
            assert_eq!(&h.pubkey, pubkey, "{case}");
            assert_eq!(&h.signature, signature, "{case}");
            assert_eq!(h.nonce, ex.nonce_b64);
            assert_eq!(h.timestamp, ex.timestamp.to_string());
        }
        checked += 1;
    }
    assert_eq!(checked, 2);
}

/// The blinded rows use desktop's nonce derivation, so the signature bytes differ from
/// libsession's; both must verify over the same message, which pins the message layout.
#[test]
fn blinded_headers_match_the_spec_key_and_message() {
    let ex = example();
    let mut checked = 0;
    for (case, pubkey, signature) in ex
        .rows
        .iter()
        .filter(|r| Example::mode(&r.0) == AuthMode::Blinded)
    {
        let req = ex.request(case);
        let h = sign_request_with_nonce(
            &ex.seed,
            &ex.server,
            AuthMode::Blinded,
            &req,
            ex.timestamp,
            &ex.nonce(),
        )
        .unwrap();
        assert_eq!(&h.pubkey, pubkey, "{case}");
        assert_eq!(h.nonce, ex.nonce_b64);

        let blinded_pk = hex::decode(&pubkey[2..]).unwrap();
        let msg = message_to_sign(
            &ex.server,
            &ex.nonce(),
            ex.timestamp,
            &ex.method,
            &signing_path(&ex.path).unwrap(),
            req.body,
        );
        let desktop_sig = B64.decode(signature).unwrap();
        assert!(
            verifies(&blinded_pk, &msg, &desktop_sig),
            "{case}: spec signature"
        );
        let ours = B64.decode(&h.signature).unwrap();
        assert!(verifies(&blinded_pk, &msg, &ours), "{case}: our signature");
        // And not over the other case's message (body hash present or not).
        let other_body: &[u8] = if req.body.is_empty() { b"x" } else { b"" };
        let other = message_to_sign(
            &ex.server,
            &ex.nonce(),
            ex.timestamp,
            &ex.method,
            &ex.path,
            other_body,
        );
        assert!(!verifies(&blinded_pk, &other, &ours));
        checked += 1;
    }
    assert_eq!(checked, 2);
}

#[test]
fn pubkey_header_is_our_blind15_id() {
    let ex = example();
    let pair = blind15_key_pair(&ex.seed, &ex.server).unwrap();
    let h = sign_request_with_nonce(
        &ex.seed,
        &ex.server,
        AuthMode::Blinded,
        &ex.request("blinded, no body"),
        ex.timestamp,
        &ex.nonce(),
    )
    .unwrap();
    assert_eq!(h.pubkey, hex::encode(pair.blind15_id()));
}

#[test]
fn signed_message_layout() {
    let ex = example();
    let nonce = ex.nonce();
    let no_body = message_to_sign(&ex.server, &nonce, ex.timestamp, "GET", &ex.path, b"");
    let mut expected = ex.server.to_vec();
    expected.extend_from_slice(&nonce);
    expected.extend_from_slice(ex.timestamp.to_string().as_bytes());
    expected.extend_from_slice(b"GET");
    expected.extend_from_slice(ex.path.as_bytes());
    assert_eq!(no_body, expected);

    let with_body = message_to_sign(
        &ex.server,
        &nonce,
        ex.timestamp,
        "GET",
        &ex.path,
        ex.body.as_bytes(),
    );
    expected.extend_from_slice(&Blake2b512::digest(ex.body.as_bytes()));
    assert_eq!(with_body, expected);
}

#[test]
fn headers_come_out_by_name() {
    let ex = example();
    let h = sign_request_with_nonce(
        &ex.seed,
        &ex.server,
        AuthMode::Blinded,
        &ex.request("blinded, body"),
        ex.timestamp,
        &ex.nonce(),
    )
    .unwrap();
    let json = h.to_json();
    assert_eq!(json.len(), 4);
    assert_eq!(json[HEADER_PUBKEY], h.pubkey.as_str());
    assert_eq!(json[HEADER_TIMESTAMP], h.timestamp.as_str());
    assert_eq!(json[HEADER_NONCE], h.nonce.as_str());
    assert_eq!(json[HEADER_SIGNATURE], h.signature.as_str());
    let names: Vec<&str> = h.pairs().iter().map(|p| p.0).collect();
    assert_eq!(
        names,
        [
            "X-SOGS-Pubkey",
            "X-SOGS-Timestamp",
            "X-SOGS-Nonce",
            "X-SOGS-Signature"
        ]
    );
}

#[test]
fn nonce_comes_from_the_rng() {
    let ex = example();
    let mut rng = StdRng::seed_from_u64(7);
    let req = ex.request("blinded, no body");
    let a = sign_request(
        &ex.seed,
        &ex.server,
        AuthMode::Blinded,
        &req,
        1_700_000_000,
        &mut rng,
    )
    .unwrap();
    let b = sign_request(
        &ex.seed,
        &ex.server,
        AuthMode::Blinded,
        &req,
        1_700_000_000,
        &mut rng,
    )
    .unwrap();
    assert_ne!(a.nonce, b.nonce);
    for h in [&a, &b] {
        let nonce: [u8; 16] = B64.decode(&h.nonce).unwrap().try_into().unwrap();
        assert_eq!(h.nonce.len(), 24);
        let msg = message_to_sign(&ex.server, &nonce, 1_700_000_000, "GET", &ex.path, b"");
        let pk = hex::decode(&h.pubkey[2..]).unwrap();
        assert!(verifies(&pk, &msg, &B64.decode(&h.signature).unwrap()));
    }
    // Same seed, same nonce sequence: reproducible.
    let mut again = StdRng::seed_from_u64(7);
    let c = sign_request(
        &ex.seed,
        &ex.server,
        AuthMode::Blinded,
        &req,
        1_700_000_000,
        &mut again,
    )
    .unwrap();
    assert_eq!(c, a);
}

#[test]
fn path_is_signed_as_the_server_sees_it() {
    // Percent-escapes in the path are decoded to UTF-8 (e.g. emoji reactions).
    let emoji = signing_path("/room/r/reaction/1/%F0%9F%8E%82").unwrap();
    assert_eq!(emoji, "/room/r/reaction/1/\u{1f382}");
    // The query string stays as sent.
    assert_eq!(signing_path("/a%20b?x=%20&y=1").unwrap(), "/a b?x=%20&y=1");
    // An empty query is not signed, not even its `?`.
    assert_eq!(signing_path("/capabilities?").unwrap(), "/capabilities");
    assert_eq!(signing_path("/capabilities").unwrap(), "/capabilities");
    // Malformed escapes stay literal.
    assert_eq!(signing_path("/x%zz%4").unwrap(), "/x%zz%4");
    assert_eq!(signing_path("/x%ff"), Err(AuthError::PathNotUtf8));

    let ex = example();
    let encoded = SogsRequest {
        method: "PUT",
        target: "/room/r/reaction/1/%F0%9F%8E%82",
        body: b"",
    };
    let h = sign_request_with_nonce(
        &ex.seed,
        &ex.server,
        AuthMode::Unblinded,
        &encoded,
        ex.timestamp,
        &ex.nonce(),
    )
    .unwrap();
    let msg = message_to_sign(&ex.server, &ex.nonce(), ex.timestamp, "PUT", &emoji, b"");
    assert!(verifies(&ex.pk, &msg, &B64.decode(&h.signature).unwrap()));
}

#[test]
fn bad_keys_are_typed_errors() {
    let ex = example();
    let req = ex.request("blinded, no body");
    for mode in [AuthMode::Blinded, AuthMode::Unblinded] {
        let err = sign_request_with_nonce(
            &ex.seed[..20],
            &ex.server,
            mode,
            &req,
            ex.timestamp,
            &ex.nonce(),
        )
        .unwrap_err();
        assert_eq!(err, AuthError::Key(BlindingError::SecretKeyLength(20)));
        assert!(err.to_string().contains("32-byte seed"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_requests_give_ok_or_typed_error(
        sk in prop_oneof![
            prop::collection::vec(any::<u8>(), 32),
            prop::collection::vec(any::<u8>(), 64),
            prop::collection::vec(any::<u8>(), 0..80),
        ],
        server in any::<[u8; 32]>(),
        nonce in any::<[u8; 16]>(),
        target in "[/%?a-zA-Z0-9fF]{0,40}",
        raw_target in prop::collection::vec(any::<u8>(), 0..40),
        body in prop::collection::vec(any::<u8>(), 0..64),
        blinded in any::<bool>(),
        ts in any::<u64>(),
    ) {
        let mode = if blinded { AuthMode::Blinded } else { AuthMode::Unblinded };
        let lossy = String::from_utf8_lossy(&raw_target).into_owned();
        for t in [target.as_str(), lossy.as_str()] {
            let req = SogsRequest { method: "POST", target: t, body: &body };
            match sign_request_with_nonce(&sk, &server, mode, &req, ts, &nonce) {
                Ok(h) => {
                    let path = signing_path(t).unwrap();
                    let msg = message_to_sign(&server, &nonce, ts, "POST", &path, &body);
                    let pk = hex::decode(&h.pubkey[2..]).unwrap();
                    prop_assert!(verifies(&pk, &msg, &B64.decode(&h.signature).unwrap()));
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
