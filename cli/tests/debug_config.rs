//! `session-cli debug config-open` and `config-push` through the real binary, against the
//! official library's vectors and against each other.

use serde_json::{json, Value};
use session_core::config::encrypt::Domain;
use session_core::config::wrap;
use session_core::identity::Identity;
use session_testkit::curated;

mod common;
use common::json as cli;

const SEED16: &str = "00112233445566778899aabbccddeeff";

fn open(seed: &str, ns: u8, data: &[&str]) -> Result<Value, String> {
    let ns = ns.to_string();
    let mut args = vec!["debug", "config-open", "--seed", seed, "--namespace", &ns];
    for d in data {
        args.extend(["--data", d]);
    }
    cli(&args)
}

fn push(seed: &str, ns: u8, seqno: i64, config: &Value) -> Result<String, String> {
    let (ns, seqno, config) = (ns.to_string(), seqno.to_string(), config.to_string());
    let out = cli(&[
        "debug",
        "config-push",
        "--seed",
        seed,
        "--namespace",
        &ns,
        "--seqno",
        &seqno,
        "--config",
        &config,
    ])?;
    Ok(out["data"].as_str().unwrap().to_owned())
}

fn id(n: u8) -> String {
    format!("05{}", hex::encode([n; 32]))
}

#[test]
fn the_librarys_profile_opens_and_pushing_its_values_gives_its_bytes() {
    let v = &curated("user_profile_encrypted_config")[0];
    let seed = v.input_str("ed25519_seed_hex");
    let blob = v.input_str("encrypted_config_hex");
    let out = open(seed, 2, &[blob]).unwrap();
    let bencoded = v.expected_str("decrypted_config_message_hex");
    assert_eq!(out["seqno"], v.expected["seqno"]);
    assert_eq!(out["bencoded"], bencoded);
    let hash = session_core::config::message::hash_bytes(&hex::decode(bencoded).unwrap());
    assert_eq!(out["hash"], hex::encode(hash));
    let config = &out["config"];
    assert_eq!(config["name"], v.expected["name"]);
    assert_eq!(config["profile_pic_url"], v.expected["profile_pic_url"]);
    assert_eq!(config["profile_pic_key"], v.expected["profile_pic_key_hex"]);
    assert_eq!(config["nts_priority"], v.expected["nts_priority"]);
    assert_eq!(config["nts_expiry"], Value::Null);
    assert_eq!(config["blinded_msgreqs"], Value::Null);

    // The same values pushed as the first revision: the library's blob, inside its wrapper.
    let data = push(seed, 2, 1, config).unwrap();
    let account = Identity::from_ed25519_seed(&hex::decode(seed).unwrap().try_into().unwrap());
    let inner = wrap::unwrap(&account, Domain::UserProfile, &hex::decode(&data).unwrap()).unwrap();
    assert_eq!(hex::encode(inner), blob);
}

#[test]
fn contacts_go_out_and_come_back_sorted_with_absent_values_null() {
    let config = json!({"contacts": [
        {"session_id": id(9), "name": "Zed", "approved": true, "priority": -1,
         "notify": 2, "mute_until": 1_800_000_000, "exp_mode": 2, "exp_seconds": 3600},
        {"session_id": id(1), "name": "", "nickname": "Ann", "approved_me": true,
         "blocked": true, "created": 1_700_000_000,
         "profile_pic_url": "http://f.example/1", "profile_pic_key": hex::encode([7u8; 32])},
    ]});
    let data = push(SEED16, 3, 1, &config).unwrap();
    let out = open(SEED16, 3, &[&data]).unwrap();
    assert_eq!(out["seqno"], 1);
    let contacts = out["config"]["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(
        contacts[0],
        json!({"session_id": id(1), "name": "", "nickname": "Ann", "approved": false,
               "approved_me": true, "blocked": true, "priority": 0, "created": 1_700_000_000,
               "profile_pic_url": "http://f.example/1", "profile_pic_key": hex::encode([7u8; 32]),
               "notify": null, "mute_until": null, "exp_mode": null, "exp_seconds": null})
    );
    assert_eq!(
        contacts[1],
        json!({"session_id": id(9), "name": "Zed", "nickname": null, "approved": true,
               "approved_me": false, "blocked": false, "priority": -1, "created": null,
               "profile_pic_url": null, "profile_pic_key": null, "notify": 2,
               "mute_until": 1_800_000_000, "exp_mode": 2, "exp_seconds": 3600})
    );
}

#[test]
fn two_devices_competing_revisions_merge_into_one_with_both_changes() {
    let a = push(
        SEED16,
        3,
        1,
        &json!({"contacts": [{"session_id": id(1), "name": "A"}]}),
    )
    .unwrap();
    let b = push(
        SEED16,
        3,
        1,
        &json!({"contacts": [{"session_id": id(2), "name": "B"}]}),
    )
    .unwrap();
    let ab = open(SEED16, 3, &[&a, &b]).unwrap();
    let ba = open(SEED16, 3, &[&b, &a, &b]).unwrap();
    assert_eq!(ab["seqno"], 2, "the merge is a new revision");
    assert_eq!(ab, ba, "the order and repeats of deliveries do not matter");
    let names: Vec<&str> = ab["config"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A", "B"]);
}

#[test]
fn a_later_revision_wins_and_carries_exactly_its_values() {
    let old = push(SEED16, 2, 1, &json!({"name": "Old"})).unwrap();
    let new = push(SEED16, 2, 7, &json!({"name": "New", "nts_priority": 2})).unwrap();
    let out = open(SEED16, 2, &[&old, &new]).unwrap();
    assert_eq!(out["seqno"], 7);
    assert_eq!(out["config"]["name"], "New");
    assert_eq!(out["config"]["nts_priority"], 2);
}

#[test]
fn read_states_and_groups_round_trip_every_field() {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let group = format!("03{}", hex::encode([3u8; 32]));
    let convos = json!({
        "one_to_one": [{"session_id": id(4), "last_read": now_ms, "unread": true,
                        "pro_expiry": 1_900_000_000_000i64, "pro_gen_index_hash": "abcd"}],
        "communities": [{"base_url": "https://Open.Example.org", "room": "Lobby",
                         "pubkey": hex::encode([9u8; 32]), "last_read": now_ms, "unread": false}],
        "groups": [{"group_id": group, "last_read": now_ms, "unread": false}],
        "legacy_groups": [],
        "blinded": [{"blinded_id": format!("15{}", hex::encode([5u8; 32])),
                     "last_read": now_ms, "unread": true}],
    });
    let data = push(SEED16, 4, 1, &convos).unwrap();
    let out = open(SEED16, 4, &[&data]).unwrap()["config"].clone();
    assert_eq!(out["one_to_one"][0]["unread"], true);
    assert_eq!(out["one_to_one"][0]["pro_gen_index_hash"], "abcd");
    assert_eq!(
        out["communities"][0]["base_url"],
        "https://open.example.org"
    );
    assert_eq!(out["communities"][0]["room"], "lobby");
    assert_eq!(out["groups"][0]["group_id"], group);
    assert_eq!(
        out["blinded"][0]["blinded_id"],
        convos["blinded"][0]["blinded_id"]
    );
    assert_eq!(out["blinded"][0]["pro_expiry"], Value::Null);

    let groups = json!({
        "groups": [{"group_id": group, "name": "Tomato Sauce", "auth_data": hex::encode([1u8; 100]),
                    "invited": true, "joined_at": 1_700_000_000}],
        "communities": [{"base_url": "https://open.example.org", "room": "Lobby",
                         "pubkey": hex::encode([9u8; 32]), "priority": 1}],
        "legacy_groups": [{"group_id": id(8), "name": "Old", "members": [id(1), id(2)],
                           "admins": [id(2)], "disappearing_timer": 60}],
    });
    let data = push(SEED16, 5, 1, &groups).unwrap();
    let out = open(SEED16, 5, &[&data]).unwrap()["config"].clone();
    let g = &out["groups"][0];
    assert_eq!(g["name"], "Tomato Sauce");
    assert_eq!(g["admin_seed"], Value::Null);
    assert_eq!(g["auth_data"], hex::encode([1u8; 100]));
    assert_eq!(g["invited"], true);
    assert_eq!(out["communities"][0]["room"], "Lobby");
    assert_eq!(out["communities"][0]["priority"], 1);
    assert_eq!(out["legacy_groups"][0]["members"], json!([id(1)]));
    assert_eq!(out["legacy_groups"][0]["admins"], json!([id(2)]));
    assert_eq!(out["legacy_groups"][0]["disappearing_timer"], 60);
}

#[test]
fn wrong_input_is_a_readable_error() {
    let data = push(SEED16, 2, 1, &json!({"name": "Me"})).unwrap();
    let other = "ffeeddccbbaa99887766554433221100";
    assert!(open(other, 2, &[&data])
        .unwrap_err()
        .contains("readable config"));
    assert!(open(SEED16, 3, &[&data])
        .unwrap_err()
        .contains("readable config"));
    assert!(open(SEED16, 0, &[&data])
        .unwrap_err()
        .contains("--namespace"));
    assert!(open(SEED16, 2, &["00ff"])
        .unwrap_err()
        .contains("readable config"));
    assert!(open(SEED16, 2, &["zz"]).unwrap_err().contains("hex"));
    assert!(push(SEED16, 2, 0, &json!({}))
        .unwrap_err()
        .contains("--seqno"));
    let long = "x".repeat(101);
    assert!(push(SEED16, 2, 1, &json!({"name": long}))
        .unwrap_err()
        .contains("100 bytes"));
    assert!(push(SEED16, 3, 1, &json!({"contacts": [{"session_id": "05"}]})).is_err());
    assert!(push(SEED16, 3, 1, &json!([1]))
        .unwrap_err()
        .contains("object"));
}
