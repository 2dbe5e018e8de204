//! `session-cli debug group-keys | group-open | group-config-open | group-seal` through the
//! real binary, against the group vectors of ../shared (groups-and-config.md §6.2) and the
//! objects core makes.

use serde_json::Value;
use session_core::config::message::ConfigMessage;
use session_core::group::config::{self as gconfig, GroupConfigKind};
use session_core::group::info::GroupInfo;
use session_core::group::keys;
use session_core::group::members::{self, Member, Removal, Status};
use session_core::group::AdminKey;
use session_core::identity::Identity;
use session_testkit::{curated, literal_values, spec_value};

mod common;
use common::json as cli;

const SPEC: &str = "groups-and-config.md";
const KEYS_TEST: &str = "tests/test_group_keys.cpp";

fn seed(label: &str, i: usize) -> String {
    literal_values(KEYS_TEST, label)[i].clone()
}

fn account(seed_hex: &str) -> Identity {
    Identity::from_ed25519_seed(&hex::decode(seed_hex).unwrap().try_into().unwrap())
}

fn group_seed() -> String {
    curated("group_pubkey_from_seed")[0]
        .input_str("ed25519_seed_hex")
        .to_owned()
}

fn admin() -> AdminKey {
    AdminKey::from_seed(&hex::decode(group_seed()).unwrap().try_into().unwrap())
}

fn group_id() -> String {
    admin().group().to_hex()
}

/// The spec's rekey (T3.5): admin1 and admin2, generation 0.
fn rekey() -> (Vec<u8>, String) {
    let ids = [
        account(&seed("admin1_seed", 0)).session_id(),
        account(&seed("admin2_seed", 0)).session_id(),
    ];
    let (msg, key) = keys::build_rekey(&admin(), &ids, 0).unwrap();
    (msg, hex::encode(key))
}

fn group_keys(
    seed_hex: &str,
    data: &[u8],
    ts: &str,
    group_seed: Option<&str>,
) -> Result<Value, String> {
    let (g, d) = (group_id(), hex::encode(data));
    let mut args = vec![
        "debug",
        "group-keys",
        "--seed",
        seed_hex,
        "--group",
        &g,
        "--data",
        &d,
        "--timestamp",
        ts,
    ];
    if let Some(s) = group_seed {
        args.extend(["--group-seed", s]);
    }
    cli(&args)
}

#[test]
fn group_keys_gives_members_and_admins_the_spec_key_and_outsiders_none() {
    let (msg, key) = rekey();
    assert_eq!(key, spec_value(SPEC, "**T3.5", "group key gen 0"));
    let member = group_keys(&seed("admin2_seed", 0), &msg, "1700000000123", None).unwrap();
    assert_eq!(member["admin"], false);
    assert_eq!(member["keys"][0]["generation"], 0);
    assert_eq!(member["keys"][0]["key"], key);
    assert_eq!(member["keys"][0]["timestamp"], 1_700_000_000_123_i64);

    let as_admin = group_keys(&seed("member_seeds", 0), &msg, "5", Some(&group_seed())).unwrap();
    assert_eq!(as_admin["admin"], true);
    assert_eq!(as_admin["keys"][0]["key"], key);

    let outsider = group_keys(&seed("member_seeds", 0), &msg, "5", None).unwrap();
    assert_eq!(outsider, serde_json::json!({"admin": false, "keys": []}));

    // A 16-byte account seed works too.
    let sixteen = "00112233445566778899aabbccddeeff";
    let none = group_keys(sixteen, &msg, "5", None).unwrap();
    assert_eq!(none["keys"].as_array().unwrap().len(), 0);

    // The spec's supplement (T3.6) opens for its recipient with the key's own time.
    let supp = hex::decode(spec_value(SPEC, "**T3.6", "198 bytes")).unwrap();
    let got = group_keys(&seed("member_seeds", 0), &supp, "9", None).unwrap();
    assert_eq!(got["keys"][0]["key"], key);
    assert_eq!(got["keys"][0]["timestamp"], 1_700_000_000_000_i64);
    assert_eq!(got["admin"], false);

    // Damaged, or another group's key: an error on stderr.
    let mut bad = msg.clone();
    bad[100] ^= 1;
    assert!(group_keys(&seed("admin2_seed", 0), &bad, "5", None)
        .unwrap_err()
        .contains("keys message"));
    assert!(group_keys(&seed("admin2_seed", 0), &msg, "5", Some(&"11".repeat(32))).is_err());
}

#[test]
fn group_seal_and_group_open_round_trip_from_the_spec_accounts() {
    let (_, key) = rekey();
    let sender = seed("admin1_seed", 0);
    let g = group_id();
    for plaintext in ["68656c6c6f2067726f7570", &"ab".repeat(3000)] {
        let sealed = cli(&[
            "debug",
            "group-seal",
            "--seed",
            &sender,
            "--group",
            &g,
            "--key",
            &key,
            "--plaintext",
            plaintext,
        ])
        .unwrap();
        let ct = sealed["ciphertext"].as_str().unwrap();
        assert_eq!((ct.len() / 2) % 256, 0, "padded to 256 bytes");
        let opened = cli(&[
            "debug",
            "group-open",
            "--group",
            &g,
            "--key",
            &key,
            "--data",
            ct,
        ])
        .unwrap();
        assert_eq!(
            opened["sender"],
            literal_values(KEYS_TEST, "admins[0].session_id")[0]
        );
        assert_eq!(opened["plaintext"], plaintext);
        // Under another key it does not open.
        let wrong = cli(&[
            "debug",
            "group-open",
            "--group",
            &g,
            "--key",
            &"00".repeat(32),
            "--data",
            ct,
        ]);
        assert!(wrong.unwrap_err().contains("group message"));
    }
    // The repeated plaintext went out compressed: far smaller than 3000 bytes.
    let sealed = cli(&[
        "debug",
        "group-seal",
        "--seed",
        &sender,
        "--group",
        &g,
        "--key",
        &key,
        "--plaintext",
        &"ab".repeat(3000),
    ])
    .unwrap();
    assert_eq!(sealed["ciphertext"].as_str().unwrap().len(), 512);
}

#[test]
fn group_config_open_reads_info_and_members_with_absent_values_null() {
    let (_, key) = rekey();
    let key_bytes: [u8; 32] = hex::decode(&key).unwrap().try_into().unwrap();
    let admin = admin();
    let sign = gconfig::signer(&admin);
    let g = group_id();

    let mut info = ConfigMessage::blank().increment();
    GroupInfo {
        name: Some("Test".into()),
        created: Some(1_680_064_059),
        ..GroupInfo::default()
    }
    .write(info.data_mut());
    let serialized = info.serialize(Some(&sign));
    let blob = gconfig::seal(&serialized, &key_bytes, GroupConfigKind::Info, None).unwrap();
    assert_eq!(
        hex::encode(session_core::crypto::hash::blake2b_n::<32>(&[&blob[0]])),
        spec_value(SPEC, "**T3.10", "`H_32` =")
    );
    let out = cli(&[
        "debug",
        "group-config-open",
        "--group",
        &g,
        "--key",
        &key,
        "--kind",
        "info",
        "--data",
        &hex::encode(&blob[0]),
    ])
    .unwrap();
    assert_eq!(out["seqno"], 1);
    assert_eq!(out["bencoded"], hex::encode(&serialized));
    let c = &out["config"];
    assert_eq!(c["name"], "Test");
    assert_eq!(c["created"], 1_680_064_059);
    for absent in [
        "description",
        "profile_pic_url",
        "profile_pic_key",
        "delete_before",
        "delete_attach_before",
        "exp_seconds",
    ] {
        assert_eq!(c[absent], Value::Null, "{absent}");
    }

    let mut mm = ConfigMessage::blank().increment();
    let a1 = account(&seed("admin1_seed", 0)).session_id();
    let m0 = account(&seed("member_seeds", 0)).session_id();
    let m1 = account(&seed("member_seeds", 1)).session_id();
    let mut admin_rec = Member::new(a1);
    admin_rec.admin = true;
    admin_rec.name = "Admin".into();
    let mut invited = Member::new(m0);
    invited.invite = Some(Status::Failed);
    let mut leaving = Member::new(m1);
    leaving.removed = Some(Removal::MemberAndMessages);
    leaving.promotion = Some(Status::Sent);
    for m in [&leaving, &admin_rec, &invited] {
        members::set(mm.data_mut(), m);
    }
    let blob = gconfig::seal(
        &mm.serialize(Some(&sign)),
        &key_bytes,
        GroupConfigKind::Members,
        None,
    )
    .unwrap();
    let out = cli(&[
        "debug",
        "group-config-open",
        "--group",
        &g,
        "--key",
        &key,
        "--kind",
        "members",
        "--data",
        &hex::encode(&blob[0]),
    ])
    .unwrap();
    let list = out["config"]["members"].as_array().unwrap();
    let ids: Vec<&str> = list
        .iter()
        .map(|m| m["session_id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let find = |id: &str| list.iter().find(|m| m["session_id"] == id).unwrap();
    let a = find(&a1.to_hex());
    assert_eq!(
        (a["admin"].clone(), a["name"].clone()),
        (true.into(), "Admin".into())
    );
    assert_eq!(a["invite_status"], Value::Null);
    assert_eq!(find(&m0.to_hex())["invite_status"], 2);
    assert_eq!(find(&m0.to_hex())["admin"], false);
    let l = find(&m1.to_hex());
    assert_eq!(
        (l["removed"].clone(), l["promotion_status"].clone()),
        (2.into(), 1.into())
    );

    // The wrong kind, or a config signed by someone else, fails.
    let wrong = cli(&[
        "debug",
        "group-config-open",
        "--group",
        &g,
        "--key",
        &key,
        "--kind",
        "info",
        "--data",
        &hex::encode(&blob[0]),
    ]);
    assert!(wrong.is_err());
    let forger = AdminKey::from_seed(&[9; 32]);
    let forged = gconfig::seal(
        &mm.serialize(Some(&gconfig::signer(&forger))),
        &key_bytes,
        GroupConfigKind::Members,
        None,
    )
    .unwrap();
    assert!(cli(&[
        "debug",
        "group-config-open",
        "--group",
        &g,
        "--key",
        &key,
        "--kind",
        "members",
        "--data",
        &hex::encode(&forged[0]),
    ])
    .unwrap_err()
    .contains("signature"));
}
