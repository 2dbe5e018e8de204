//! `session-cli debug onion-peel` and `onion-reply` through the real binary.

use serde_json::{json, Value};
use session_core::onion::{
    build, encode_combined, forward_body, parse_combined, v4, Destination, EncType, Hop, LayerKey,
};
use session_testkit::curated;
use std::process::Command;
use x25519_dalek::{PublicKey, StaticSecret};

mod common;
use common::json as cli;

fn peel(secret: &[u8], data: &[u8]) -> Result<Value, String> {
    cli(&[
        "debug",
        "onion-peel",
        "--x25519-secret",
        &hex::encode(secret),
        "--data",
        &hex::encode(data),
    ])
}

fn reply(secret: &[u8], node: &[u8], enc: &str, data: &[u8]) -> Result<Value, String> {
    cli(&[
        "debug",
        "onion-reply",
        "--ephemeral-secret",
        &hex::encode(secret),
        "--node-pubkey",
        &hex::encode(node),
        "--enc-type",
        enc,
        "--data",
        &hex::encode(data),
    ])
}

fn bytes(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("hex")
}

#[test]
fn request_parse_vectors() {
    for v in curated("onion_request_parse") {
        let out = peel(&v.input_hex("x25519_sk_hex"), &v.input_hex("request_hex")).unwrap();
        assert_eq!(bytes(&out["plaintext"]), v.expected_hex("payload_hex"));
        assert_eq!(
            out.as_object().unwrap().len(),
            1,
            "a plain payload forwards nowhere"
        );

        let example = hex::decode(
            v.raw["refpeer_derived"]["example_reply_ciphertext_hex"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            example.len() as u64,
            v.expected["reply_size"].as_u64().unwrap()
        );
        let out = reply(
            &v.input_hex("client_x25519_sk_hex"),
            &v.input_hex("x25519_pk_hex"),
            v.input_str("enc_type"),
            &example,
        )
        .unwrap();
        assert_eq!(
            bytes(&out["plaintext"]),
            v.expected_hex("reply_plaintext_hex")
        );
    }
}

#[test]
fn hop_decrypt_vectors() {
    for v in curated("onion_hop_decrypt") {
        let ct = v.input_hex("ciphertext_hex");
        let body = encode_combined(
            &ct,
            &json!({
                "ephemeral_key": v.input_str("client_x25519_pk_hex"),
                "enc_type": v.input_str("enc_type"),
            }),
        );
        let out = peel(&v.input_hex("server_x25519_sk_hex"), &body).unwrap();
        assert_eq!(bytes(&out["plaintext"]), v.expected_hex("plaintext_hex"));
        // The layer key is the same in both directions, so the client side reads it too.
        let out = reply(
            &v.input_hex("client_x25519_sk_hex"),
            &v.input_hex("server_x25519_pk_hex"),
            v.input_str("enc_type"),
            &ct,
        )
        .unwrap();
        assert_eq!(bytes(&out["plaintext"]), v.expected_hex("plaintext_hex"));
    }
}

struct Node {
    secret: [u8; 32],
    hop: Hop,
}

fn node(i: u8) -> Node {
    let secret = [i; 32];
    Node {
        hop: Hop {
            ed25519: [i.wrapping_add(100); 32],
            x25519: PublicKey::from(&StaticSecret::from(secret)).to_bytes(),
        },
        secret,
    }
}

/// Peels every path hop through the CLI, checking its routing output, and returns the last
/// hop's output.
fn walk(path: &[Node], mut body: Vec<u8>, enc: EncType) -> Value {
    for (i, n) in path.iter().enumerate() {
        let out = peel(&n.secret, &body).unwrap();
        let routing = &out["routing"];
        assert_eq!(routing["enc_type"], enc.as_str());
        let plaintext = bytes(&out["plaintext"]);
        let (inner, json) = parse_combined(&plaintext).unwrap();
        assert_eq!(bytes(&out["inner"]), inner);
        assert_eq!(Value::Object(json), *routing);
        let Some(next) = path.get(i + 1) else {
            return out;
        };
        assert_eq!(routing["destination"], hex::encode(next.hop.ed25519));
        let eph: [u8; 32] = bytes(&routing["ephemeral_key"]).try_into().unwrap();
        body = forward_body(inner, &eph, enc, i as u64 + 1);
    }
    unreachable!("the path is not empty")
}

#[test]
fn peels_requests_built_by_core() {
    let mut rng = rand_core::OsRng;
    let path: Vec<Node> = (1..=3).map(node).collect();
    let hops: Vec<Hop> = path.iter().map(|n| n.hop).collect();
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        // Node destination: the last hop is told to forward to it, which then finds "headers".
        let dest = node(9);
        let payload = br#"{"method":"info","params":{}}"#;
        let req = build(&hops, &Destination::Node(dest.hop), payload, enc, &mut rng).unwrap();
        let last = walk(&path, req.body, enc);
        assert_eq!(
            last["routing"]["destination"],
            hex::encode(dest.hop.ed25519)
        );
        let eph: [u8; 32] = bytes(&last["routing"]["ephemeral_key"]).try_into().unwrap();
        let at_dest = peel(
            &dest.secret,
            &forward_body(&bytes(&last["inner"]), &eph, enc, 3),
        )
        .unwrap();
        assert_eq!(
            at_dest.as_object().unwrap().len(),
            1,
            "the destination forwards nowhere"
        );
        let plaintext = bytes(&at_dest["plaintext"]);
        let (request, json) = parse_combined(&plaintext).unwrap();
        assert_eq!(request, payload);
        assert!(json.contains_key("headers"));

        // Server destination: the last hop's routing names the server; inner is what it decrypts.
        let server = node(10);
        let v4_req = v4::encode_request("GET", "/file/1", &Default::default(), None);
        let dest = Destination::Server {
            host: "files.local".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: "https".into(),
            port: 443,
            x25519: server.hop.x25519,
        };
        let req = build(&hops, &dest, &v4_req, enc, &mut rng).unwrap();
        let last = walk(&path, req.body, enc);
        let routing = &last["routing"];
        assert_eq!(
            (
                &routing["host"],
                &routing["target"],
                &routing["port"],
                &routing["protocol"]
            ),
            (
                &json!("files.local"),
                &json!("/oxen/v4/lsrpc"),
                &json!(443),
                &json!("https")
            )
        );
        let eph: [u8; 32] = bytes(&routing["ephemeral_key"]).try_into().unwrap();
        let key = LayerKey::node(&server.secret, &eph, enc).unwrap();
        assert_eq!(key.decrypt(&bytes(&last["inner"])).unwrap(), v4_req);
    }
}

#[test]
fn bad_input_gives_clear_errors() {
    let n = node(1);
    let other = node(2);
    let req = build(
        &[n.hop],
        &Destination::Node(other.hop),
        b"{}",
        EncType::AesGcm,
        &mut rand_core::OsRng,
    )
    .unwrap();

    let err = peel(&other.secret, &req.body).unwrap_err();
    assert!(err.contains("Invalid ciphertext"), "{err}");
    let err = peel(&n.secret, &req.body[..10]).unwrap_err();
    assert!(err.contains("cannot parse the onion request"), "{err}");
    let err = peel(&n.secret, &encode_combined(b"", &json!({}))).unwrap_err();
    assert!(err.contains("ephemeral_key"), "{err}");
    let err = peel(&n.secret[..31], &req.body).unwrap_err();
    assert!(err.contains("--x25519-secret must be 32 bytes"), "{err}");
    let err = cli(&[
        "debug",
        "onion-peel",
        "--x25519-secret",
        &hex::encode(n.secret),
        "--data",
        "zz",
    ])
    .unwrap_err();
    assert!(err.contains("--data is not valid hex"), "{err}");

    let err = reply(&n.secret, &other.hop.x25519, "aes-gcm", &[0; 40]).unwrap_err();
    assert!(err.contains("cannot decrypt the reply"), "{err}");
    let err = reply(&n.secret, &other.hop.x25519, "xchacha20", &[0; 10]).unwrap_err();
    assert!(err.contains("too short"), "{err}");
    let err = reply(&n.secret, &[0; 32], "aes-gcm", &[0; 40]).unwrap_err();
    assert!(err.contains("--node-pubkey"), "{err}");
    let err = reply(&n.secret, &other.hop.x25519, "aes-cbc", &[0; 40]).unwrap_err();
    assert!(err.contains("aes-cbc"), "{err}");
}

#[test]
fn help_explains_inner() {
    let out = Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args(["debug", "onion-peel", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("\"inner\"") && help.contains("\"routing\""),
        "{help}"
    );
}
