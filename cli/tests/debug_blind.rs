//! `session-cli debug blind` run as a real process.

use serde_json::Value;
use session_core::crypto::blinding::{
    blind15_id_candidates, blind15_key_pair, blind25_id, session_id_matches_blinded_id,
};
use session_testkit::{curated, spec, spec_table};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args(args)
        .output()
        .expect("session-cli runs")
}

fn blind(seed: &str, server: &str) -> (String, String) {
    let out = cli(&["debug", "blind", "--seed", seed, "--server-pubkey", server]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: Value = serde_json::from_str(stdout.trim()).unwrap();
    let obj = json.as_object().unwrap();
    assert_eq!(obj.len(), 2, "{stdout}");
    let get = |k: &str| obj[k].as_str().unwrap().to_owned();
    (get("blind15"), get("blind25"))
}

fn spec_section(heading: &str) -> String {
    let text = spec("messaging.md");
    let start = text.find(heading).unwrap();
    let rest = &text[start + heading.len()..];
    rest[..rest.find("\n### ").unwrap_or(rest.len())].to_owned()
}

fn quoted_after<'a>(text: &'a str, label: &str) -> &'a str {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label:?}"));
    let rest = &text[at + label.len()..];
    let open = rest.find('`').unwrap() + 1;
    let close = open + rest[open..].find('`').unwrap();
    &rest[open..close]
}

/// Identity I1 of the spec (§1.5): (seed16 hex, Session ID hex).
fn identity_i1() -> (String, String) {
    let table = spec_table("messaging.md", "### 1.5");
    let col = |name: &str| table[0].iter().position(|h| h.starts_with(name)).unwrap();
    let row = table.iter().find(|r| r[0] == "I1").unwrap();
    (row[col("seed16")].clone(), row[col("Session ID")].clone())
}

fn official_server() -> String {
    let urls = spec_section("### 7.1");
    urls.match_indices("public_key=")
        .filter_map(|(at, m)| urls.get(at + m.len()..at + m.len() + 64))
        .find(|h| hex::decode(h).is_ok())
        .unwrap()
        .to_owned()
}

#[test]
fn identity_i1_at_the_official_server_matches_the_spec() {
    let (seed, _) = identity_i1();
    let extras = spec_section("### 7.3");
    let extras = &extras[extras.find("extras for identity I1").unwrap()..];
    let (b15, b25) = blind(&seed, &official_server());
    assert_eq!(b15, quoted_after(extras, "blind15 ="));
    assert_eq!(b25, quoted_after(extras, "blind25 ="));
}

/// The library's vector accounts have no 16-byte seed, so at their servers the expected ids of
/// identity I1 come from the core functions (which the core tests check against the vectors).
#[test]
fn ids_at_the_vector_servers_are_the_accounts_blinded_ids() {
    let (seed, sid) = identity_i1();
    let sid = hex::decode(sid).unwrap();
    let mut seed32 = hex::decode(&seed).unwrap();
    seed32.resize(32, 0);

    let mut servers: Vec<String> = ["blind15_sign", "blind25_sign"]
        .iter()
        .flat_map(|k| curated(k))
        .map(|v| v.input_str("server_pk_hex").to_owned())
        .collect();
    servers.sort();
    servers.dedup();
    assert!(servers.len() > 2);

    for server in &servers {
        let (b15, b25) = blind(&seed, server);
        let server = hex::decode(server).unwrap();
        let own = blind15_key_pair(&seed32, &server).unwrap().blind15_id();
        assert_eq!(b15, hex::encode(own));
        assert!(blind15_id_candidates(&sid, &server)
            .unwrap()
            .map(hex::encode)
            .contains(&b15));
        assert_eq!(b25, hex::encode(blind25_id(&sid, &server).unwrap()));
        for id in [&b15, &b25] {
            assert_eq!(id.len(), 66);
            assert_eq!(id, &id.to_lowercase());
            let raw = hex::decode(id).unwrap();
            assert!(session_id_matches_blinded_id(&sid, &raw, &server).unwrap());
        }
        assert!(b15.starts_with("15") && b25.starts_with("25"));
    }
}

#[test]
fn uppercase_hex_is_accepted() {
    let (seed, _) = identity_i1();
    let server = official_server();
    assert_eq!(
        blind(&seed.to_uppercase(), &server.to_uppercase()),
        blind(&seed, &server)
    );
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let (seed, _) = identity_i1();
    let server = official_server();
    let long_seed = format!("{seed}{seed}");
    for (args, flag) in [
        (
            vec![
                "debug",
                "blind",
                "--seed",
                &long_seed,
                "--server-pubkey",
                &server,
            ],
            "--seed",
        ),
        (
            vec!["debug", "blind", "--seed", &seed, "--server-pubkey", "zz"],
            "--server-pubkey",
        ),
        (
            vec![
                "debug",
                "blind",
                "--seed",
                &seed,
                "--server-pubkey",
                &server[..62],
            ],
            "--server-pubkey",
        ),
    ] {
        let out = cli(&args);
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{err}");
    }
}
