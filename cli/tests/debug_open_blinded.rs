//! `session-cli debug open-blinded` run as a real process, against the spec's §7.8 vector and
//! messages the core makes for the official library's test accounts.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rand_core::OsRng;
use serde_json::Value;
use session_core::community::dm;
use session_core::identity::Identity;
use session_testkit::{literal_values, spec_value};
use std::process::{Command, Output};

const FILE: &str = "tests/test_session_encrypt.cpp";

fn open_blinded(seed: &str, server: &str, sender: &str, recipient: &str, data: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args([
            "debug",
            "open-blinded",
            "--seed",
            seed,
            "--server-pubkey",
            server,
        ])
        .args(["--sender", sender, "--recipient", recipient, "--data", data])
        .output()
        .expect("session-cli runs")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_object().unwrap().len(), 2, "{json}");
    json
}

/// The official test's `seed` and `seed2` (32-byte Ed25519 seeds), as hex, and their accounts.
fn accounts() -> [(String, Identity); 2] {
    ["seed", "seed2"].map(|label| {
        let hex_seed = literal_values(FILE, label).remove(0);
        let seed: [u8; 32] = hex::decode(&hex_seed).unwrap().try_into().unwrap();
        (hex_seed, Identity::from_ed25519_seed(&seed))
    })
}

#[test]
fn the_spec_vector_opens_for_its_recipient_and_its_sender() {
    let [(seed1, i1), (seed2, _)] = accounts();
    let server = literal_values(FILE, "server_pk").remove(0);
    let sender = spec_value("messaging.md", "### 7.7", "I1's blind15 id at S =");
    let recipient = spec_value("messaging.md", "### 7.8", "I2 blind15");
    let blob = B64
        .decode(spec_value("messaging.md", "### 7.8", "blob (b64)"))
        .unwrap();
    let content = B64
        .decode(spec_value("messaging.md", "### 7.7", "(216 base64 chars)"))
        .unwrap();
    // The 16-byte seed works as well as the 32-byte one.
    for seed in [&seed2, &seed1, &seed1[..32].to_owned()] {
        let json = json_of(&open_blinded(
            seed,
            &server,
            &sender,
            &recipient,
            &hex::encode(&blob),
        ));
        assert_eq!(json["sender"], i1.session_id().to_hex());
        assert_eq!(json["plaintext"], hex::encode(&content));
    }
}

#[test]
fn both_blinding_kinds_open_as_the_core_made_them() {
    let [(seed1, i1), (seed2, i2)] = accounts();
    let server: [u8; 32] = hex::decode(literal_values(FILE, "server_pk").remove(0))
        .unwrap()
        .try_into()
        .unwrap();
    let message = literal_values(FILE, "lorem_ipsum").remove(0);
    for blind25 in [false, true] {
        let from = dm::own_blinded_id(&i2, &server, blind25).unwrap();
        let to = dm::own_blinded_id(&i1, &server, blind25).unwrap();
        let blob = dm::encrypt(&i2, &server, &to, message.as_bytes(), &mut OsRng).unwrap();
        for seed in [&seed1, &seed2] {
            let json = json_of(&open_blinded(
                seed,
                &hex::encode(server),
                &from.to_hex(),
                &to.to_hex(),
                &hex::encode(&blob),
            ));
            assert_eq!(json["sender"], i2.session_id().to_hex());
            assert_eq!(json["plaintext"], hex::encode(message.as_bytes()));
        }
    }
}

#[test]
fn bad_input_is_an_error_on_stderr_and_exit_1() {
    let [(seed1, i1), (_, i2)] = accounts();
    let server_hex = literal_values(FILE, "server_pk").remove(0);
    let server: [u8; 32] = hex::decode(&server_hex).unwrap().try_into().unwrap();
    let from = dm::own_blinded_id(&i1, &server, false).unwrap().to_hex();
    let to = dm::own_blinded_id(&i2, &server, false).unwrap().to_hex();
    let to25 = dm::own_blinded_id(&i2, &server, true).unwrap().to_hex();
    let third = Identity::from_seed(&[7; 16]);
    let cases = [
        // Not a party to the message.
        (
            hex::encode(third.ed25519_seed()),
            from.clone(),
            to.clone(),
            "00".repeat(80),
        ),
        // Damaged.
        (seed1.clone(), from.clone(), to.clone(), "00".repeat(80)),
        // Too short, not hex, mixed kinds, unblinded sender.
        (seed1.clone(), from.clone(), to.clone(), "00".into()),
        (seed1.clone(), from.clone(), to.clone(), "zz".into()),
        (seed1.clone(), from.clone(), to25, "00".repeat(80)),
        (
            seed1.clone(),
            i1.session_id().to_hex(),
            to.clone(),
            "00".repeat(80),
        ),
        ("1234".into(), from, to, "00".repeat(80)),
    ];
    for (seed, sender, recipient, data) in cases {
        let out = open_blinded(&seed, &server_hex, &sender, &recipient, &data);
        assert_eq!(out.status.code(), Some(1), "{sender} {recipient} {data}");
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.is_empty());
    }
}
