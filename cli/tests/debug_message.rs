//! `session-cli debug identity | mnemonic | seal | open` through the real binary, against the
//! official vectors and the identity table of messaging.md §1.5.

use serde_json::Value;
use session_testkit::{curated, spec_table};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args(args)
        .output()
        .expect("session-cli runs")
}

/// Runs a command that must succeed and returns its one JSON object.
fn ok(args: &[&str]) -> Value {
    let out = cli(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON line: {stdout}");
    serde_json::from_str(&stdout).unwrap()
}

/// Runs a command that must fail and returns its error message.
fn err(args: &[&str]) -> String {
    let out = cli(args);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}"))
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn identity_and_mnemonic_match_the_spec_table() {
    let rows = spec_table("messaging.md", "### 1.5");
    for row in &rows[1..] {
        let phrase = match row[1].strip_suffix(" ×13") {
            Some(word) => vec![word; 13].join(" "),
            None => row[1].clone(),
        };
        let id = ok(&["debug", "identity", "--seed", &row[2]]);
        assert_eq!(field(&id, "mnemonic"), phrase);
        assert_eq!(field(&id, "ed25519_pubkey"), row[3]);
        assert_eq!(field(&id, "session_id"), row[4]);
        assert_eq!(field(&id, "x25519_pubkey"), &row[4][2..]);
        assert_eq!(id.as_object().unwrap().len(), 4);

        let back = ok(&["debug", "mnemonic", "--words", &phrase]);
        assert_eq!(field(&back, "seed"), row[2]);
        assert_eq!(back.as_object().unwrap().len(), 1);
    }
}

#[test]
fn identity_matches_the_official_vectors() {
    let mut checked = 0;
    for v in curated("identity_from_ed25519_seed") {
        let seed32 = v.input_str("ed25519_seed_hex");
        // The CLI takes account seeds: 16 bytes that the library pads with 16 zero bytes.
        let Some(seed16) = seed32.strip_suffix(&"0".repeat(32)) else {
            continue;
        };
        let id = ok(&["debug", "identity", "--seed", seed16]);
        assert_eq!(
            field(&id, "ed25519_pubkey"),
            v.expected_str("ed25519_pk_hex")
        );
        assert_eq!(field(&id, "x25519_pubkey"), v.expected_str("x25519_pk_hex"));
        assert_eq!(field(&id, "session_id"), v.expected_str("session_id"));
        let back = ok(&["debug", "mnemonic", "--words", field(&id, "mnemonic")]);
        assert_eq!(field(&back, "seed"), seed16);
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn open_the_official_deterministic_ciphertext() {
    for v in curated("dm_encrypt_deterministic") {
        let recipient = v.input_str("recipient_ed25519_seed_hex");
        let seed16 = &recipient[..32];
        let ct = v.expected_str("ciphertext_hex");
        let opened = ok(&["debug", "open", "--seed", seed16, "--data", ct]);
        assert_eq!(
            field(&opened, "sender"),
            v.expected_str("sender_session_id")
        );
        assert_eq!(field(&opened, "plaintext"), v.input_str("plaintext_hex"));
        // The full 32-byte Ed25519 seed is accepted too.
        let again = ok(&["debug", "open", "--seed", recipient, "--data", ct]);
        assert_eq!(again, opened);
        // Upper-case hex input is fine.
        let upper = ok(&[
            "debug",
            "open",
            "--seed",
            &seed16.to_uppercase(),
            "--data",
            ct,
        ]);
        assert_eq!(upper, opened);
    }
}

#[test]
fn seal_then_open() {
    let rows = spec_table("messaging.md", "### 1.5");
    let (alice_seed, alice_id) = (&rows[1][2], &rows[1][4]);
    let (bob_seed, bob_id) = (&rows[2][2], &rows[2][4]);
    let plaintext = "0a070a0568656c6c6f80000000";
    let a = ok(&[
        "debug",
        "seal",
        "--seed",
        alice_seed,
        "--to",
        bob_id,
        "--plaintext",
        plaintext,
    ]);
    let b = ok(&[
        "debug",
        "seal",
        "--seed",
        alice_seed,
        "--to",
        bob_id,
        "--plaintext",
        plaintext,
    ]);
    let (ca, cb) = (field(&a, "ciphertext"), field(&b, "ciphertext"));
    assert!(is_lower_hex(ca));
    assert_ne!(ca, cb, "a fresh ephemeral key each time");
    // Sealed box (48) + sender key (32) + signature (64) around the message.
    assert_eq!(ca.len(), plaintext.len() + 2 * (48 + 32 + 64));
    for c in [ca, cb] {
        let opened = ok(&["debug", "open", "--seed", bob_seed, "--data", c]);
        assert_eq!(field(&opened, "sender"), alice_id);
        assert_eq!(field(&opened, "plaintext"), plaintext);
    }
    // Only Bob can open it.
    let e = err(&["debug", "open", "--seed", alice_seed, "--data", ca]);
    assert!(e.contains("not encrypted for this account"), "{e}");
    // An empty message works too.
    let empty = ok(&[
        "debug",
        "seal",
        "--seed",
        alice_seed,
        "--to",
        bob_id,
        "--plaintext",
        "",
    ]);
    let opened = ok(&[
        "debug",
        "open",
        "--seed",
        bob_seed,
        "--data",
        field(&empty, "ciphertext"),
    ]);
    assert_eq!(field(&opened, "plaintext"), "");
}

#[test]
fn bad_input_gives_clear_errors() {
    let rows = spec_table("messaging.md", "### 1.5");
    let (seed, phrase, bob) = (&rows[1][2], &rows[1][1], &rows[2][4]);

    let e = err(&["debug", "identity", "--seed", "xyz"]);
    assert!(e.contains("--seed is not valid hex"), "{e}");
    let e = err(&["debug", "identity", "--seed", &seed[..30]]);
    assert!(e.contains("--seed must be 16 bytes"), "{e}");

    let mut words: Vec<&str> = phrase.split(' ').collect();
    words[3] = "blorp";
    let e = err(&["debug", "mnemonic", "--words", &words.join(" ")]);
    assert!(e.contains("\"blorp\""), "names the word: {e}");
    let e = err(&["debug", "mnemonic", "--words", &words[..12].join(" ")]);
    assert!(e.contains("13 words") && e.contains("12"), "{e}");
    let mut words: Vec<&str> = phrase.split(' ').collect();
    words[12] = if words[12] == "zoom" { "abbey" } else { "zoom" };
    let e = err(&["debug", "mnemonic", "--words", &words.join(" ")]);
    assert!(e.contains("last word does not match"), "{e}");

    let e = err(&[
        "debug",
        "seal",
        "--seed",
        seed,
        "--to",
        &bob[..40],
        "--plaintext",
        "00",
    ]);
    assert!(e.contains("--to") && e.contains("66"), "{e}");
    let blinded = format!("15{}", &bob[2..]);
    let e = err(&[
        "debug",
        "seal",
        "--seed",
        seed,
        "--to",
        &blinded,
        "--plaintext",
        "00",
    ]);
    assert!(e.contains("05"), "{e}");
    let e = err(&[
        "debug",
        "seal",
        "--seed",
        seed,
        "--to",
        bob,
        "--plaintext",
        "0g",
    ]);
    assert!(e.contains("--plaintext is not valid hex"), "{e}");

    let e = err(&["debug", "open", "--seed", seed, "--data", "00112233"]);
    assert!(e.contains("too short"), "{e}");
    let e = err(&["debug", "open", "--seed", seed, "--data", &"ab".repeat(200)]);
    assert!(e.contains("cannot open --data"), "{e}");
    let e = err(&["debug", "open", "--seed", &"00".repeat(20), "--data", "00"]);
    assert!(e.contains("--seed must be a 16-byte account seed"), "{e}");
}
