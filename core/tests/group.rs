//! Groups v2 in core against the official library's vectors (groups-and-config.md §6.2) and
//! against each other: identities, sub-account auth, multi-recipient encryption, keys
//! messages, group messages, kick notices, admin signatures and signed configs.

use base64::Engine;
use rand::rngs::OsRng;
use session_core::config::compress::Compressor;
use session_core::config::message::{ConfigMessage, MutableConfigMessage};
use session_core::crypto::hash::blake2b_n;
use session_core::group::config::{self as gconfig, GroupConfigKind, OpenedConfig};
use session_core::group::control::{self, InfoChange, MemberChange, Signed};
use session_core::group::info::GroupInfo;
use session_core::group::keys::{self, GroupKeys, KeyReader};
use session_core::group::members::{self, Member, Status};
use session_core::group::multi::{self, Sender};
use session_core::group::subaccount::{self, Flags, MemberSigner};
use session_core::group::{kick, message, AdminKey, GroupError, GroupId};
use session_core::identity::{Identity, SessionId};
use session_core::rpc::Signer;
use session_testkit::{curated, literal_values, raw_literals};

const SPEC: &str = "groups-and-config.md";
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

struct Zstd;

impl Compressor for Zstd {
    fn compress(&self, data: &[u8]) -> Vec<u8> {
        zstd::bulk::compress(data, 1).expect("zstd compresses")
    }
}

fn hex32(s: &str) -> [u8; 32] {
    hex::decode(s).unwrap().try_into().unwrap()
}

fn literals(file: &str, label: &str) -> Vec<String> {
    literal_values(file, label)
}

fn spec_value(from: &str, marker: &str) -> String {
    session_testkit::spec_value(SPEC, from, marker)
}

fn group_seed() -> [u8; 32] {
    hex32(curated("group_pubkey_from_seed")[0].input_str("ed25519_seed_hex"))
}

fn admin() -> AdminKey {
    AdminKey::from_seed(&group_seed())
}

/// admin1, admin2 and the members of the library's "C++ API" test.
fn accounts() -> (Identity, Identity, Vec<Identity>) {
    let f = "tests/test_group_keys.cpp";
    let a1 = Identity::from_ed25519_seed(&hex32(&literals(f, "admin1_seed")[0]));
    let a2 = Identity::from_ed25519_seed(&hex32(&literals(f, "admin2_seed")[0]));
    let members = literals(f, "member_seeds")
        .iter()
        .map(|s| Identity::from_ed25519_seed(&hex32(s)))
        .collect();
    (a1, a2, members)
}

#[test]
fn the_group_id_is_03_and_the_ed25519_key_of_its_seed() {
    let v = &curated("group_pubkey_from_seed")[0];
    assert_eq!(
        admin().group().to_hex(),
        v.raw["refpeer_derived"]["group_id"]
    );
    let parsed = GroupId::parse(v.raw["refpeer_derived"]["group_id"].as_str().unwrap()).unwrap();
    assert_eq!(parsed, admin().group());
    assert!(GroupId::parse(&admin().group().to_hex().replacen("03", "05", 1)).is_err());
    // A secret of another group is refused.
    assert_eq!(
        AdminKey::for_group(&[9; 32], &admin().group()).unwrap_err(),
        GroupError::BadKey
    );
    let (a1, _, members) = accounts();
    let f = "tests/test_group_keys.cpp";
    assert_eq!(
        a1.session_id().to_hex(),
        literals(f, "admins[0].session_id")[0]
    );
    assert_eq!(
        members[0].session_id().to_hex(),
        literals(f, "members[0].session_id")[0]
    );
}

#[test]
fn subaccount_auth_matches_the_library_and_every_flipped_bit_fails() {
    let (_, member, _) = accounts();
    let group = admin().group();
    let auth = subaccount::issue(&admin(), &member.session_id(), Flags::member()).unwrap();
    assert_eq!(hex::encode(auth), spec_value("**T3.3", "auth data"));
    subaccount::verify(&group, &member, &auth, true, false).unwrap();
    assert!(subaccount::verify(&group, &member, &auth, true, true).is_err());

    let signer = MemberSigner::new(&member, &auth).unwrap();
    let msg = literals("tests/test_group_keys.cpp", "to_sign")[0].clone();
    let sig = signer.sign_message(msg.as_bytes());
    assert_eq!(
        B64.encode(signer.token()),
        spec_value("**T3.3", "`subaccount` =")
    );
    assert_eq!(
        B64.encode(signer.token_signature()),
        literals("tests/test_group_keys.cpp", "subauth_b64.subaccount_sig")[0]
    );
    assert_eq!(B64.encode(sig), spec_value("**T3.3", "`signature` ="));
    // An ordinary Ed25519 signature under the token's key.
    let kt: [u8; 32] = signer.token()[4..].try_into().unwrap();
    session_core::crypto::keys::verify_ed25519(&kt, msg.as_bytes(), &sig).unwrap();
    // The token any admin computes for revocation is the member's.
    assert_eq!(
        subaccount::token(&admin(), &member.session_id(), Flags::member()).unwrap(),
        *signer.token()
    );

    for byte in 0..auth.len() {
        for bit in 0..8 {
            let mut bad = auth;
            bad[byte] ^= 1 << bit;
            let ok = subaccount::verify(&group, &member, &bad, false, false).is_ok();
            let harmless = byte == 35 && bit == 7;
            assert_eq!(ok, harmless, "flipping bit {bit} of byte {byte}");
        }
    }
    // Another account cannot use it.
    let (other, _, _) = accounts();
    assert!(subaccount::verify(&group, &other, &auth, false, false).is_err());
}

#[test]
fn multi_recipient_encryption_matches_the_library() {
    let f = "tests/test_multi_encrypt.cpp";
    let ids: Vec<Identity> = literals(f, "seeds")
        .iter()
        .map(|s| Identity::from_ed25519_seed(&hex32(s)))
        .collect();
    let xpub: Vec<[u8; 32]> = ids.iter().map(Identity::x25519_public).collect();
    let lits = raw_literals(f);
    let check = |label: &str, nth: usize| -> String {
        lits.iter()
            .filter(|v| v["label"] == label)
            .nth(nth)
            .unwrap()["expected"]["hex"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (i, pk) in xpub.iter().enumerate() {
        assert_eq!(
            hex::encode(pk),
            check(&format!("oxenc::to_hex(to_usv(x_keys[{i}].second))"), 0)
        );
    }
    let nonce: [u8; 24] = hex::decode(&literals(f, "nonce")[0])
        .unwrap()
        .try_into()
        .unwrap();
    let sender = Sender {
        secret: ids[0].x25519_secret(),
        public: &xpub[0],
    };
    let to = &xpub[1..4];
    let same = multi::encrypt(&[b"hello"], to, &nonce, &sender, "test suite").unwrap();
    for (i, c) in same.iter().enumerate() {
        assert_eq!(
            hex::encode(c),
            check(&format!("oxenc::to_hex(encrypted[{i}])"), 0)
        );
    }
    let each = multi::encrypt(
        &[b"hello", b"cruel", b"world"],
        to,
        &nonce,
        &sender,
        "test suite",
    )
    .unwrap();
    for (i, c) in each.iter().enumerate() {
        assert_eq!(
            hex::encode(c),
            check(&format!("oxenc::to_hex(encrypted[{i}])"), 1)
        );
    }
    for (i, id) in ids[1..4].iter().enumerate() {
        let got = multi::decrypt(
            each.iter().map(Vec::as_slice),
            &nonce,
            id.x25519_secret(),
            &id.x25519_public(),
            &xpub[0],
            "test suite",
        );
        assert_eq!(got.as_deref(), Some([&b"hello"[..], b"cruel", b"world"][i]));
        let wrong_domain = multi::decrypt(
            each.iter().map(Vec::as_slice),
            &nonce,
            id.x25519_secret(),
            &id.x25519_public(),
            &xpub[0],
            "not test suite",
        );
        assert_eq!(wrong_domain, None);
    }
    let outsider = multi::decrypt(
        each.iter().map(Vec::as_slice),
        &nonce,
        ids[4].x25519_secret(),
        &xpub[4],
        &xpub[0],
        "test suite",
    );
    assert_eq!(outsider, None);
    // The simple form, as the library spells it.
    let simple = multi::encode_simple(&nonce, &each);
    let mut expected = b"d1:#24:".to_vec();
    expected.extend_from_slice(&nonce);
    expected.extend_from_slice(b"1:el");
    assert!(simple.starts_with(&expected));
    let (n, list) = multi::decode_simple(&simple).unwrap();
    assert_eq!(n, nonce);
    assert_eq!(list.len(), 3);
    assert!(multi::decode_simple(&simple[..simple.len() - 1]).is_err());
}

fn members_of(ids: &[&Identity]) -> Vec<SessionId> {
    ids.iter().map(|i| i.session_id()).collect()
}

#[test]
fn a_rekey_gives_the_key_to_members_and_admins_and_nothing_to_others() {
    let (a1, a2, members) = accounts();
    let ids = members_of(&[&a1, &a2]);
    let (msg, key) = keys::build_rekey(&admin(), &ids, 0).unwrap();
    // The spec's derived bytes (every primitive verified against the library).
    assert_eq!(hex::encode(key), spec_value("**T3.5", "group key gen 0"));
    assert_eq!(msg.len(), 3992);
    assert_eq!(
        hex::encode(blake2b_n::<32>(&[&msg])),
        spec_value("**T3.5", "3992 bytes")
    );
    assert_eq!(
        hex::encode(&msg[..95]),
        spec_value("**T3.5", "first 95 bytes")
    );
    assert_eq!(
        hex::encode(&msg[msg.len() - 65..msg.len() - 1]),
        spec_value("**T3.5", "signature")
    );

    let group = admin().group();
    for member in [&a1, &a2] {
        let read = keys::read_message(
            &group,
            KeyReader {
                account: member,
                admin: None,
            },
            &msg,
            1234,
        )
        .unwrap();
        assert_eq!(read.keys.len(), 1);
        assert_eq!(read.keys[0].key, key);
        assert_eq!(read.keys[0].timestamp_ms, 1234);
        assert!(!read.via_admin && !read.supplemental);
    }
    let admin_key = admin();
    let read = keys::read_message(
        &group,
        KeyReader {
            account: &members[0],
            admin: Some(&admin_key),
        },
        &msg,
        5,
    )
    .unwrap();
    assert!(read.via_admin);
    assert_eq!(read.keys[0].key, key);
    let outsider = keys::read_message(
        &group,
        KeyReader {
            account: &members[0],
            admin: None,
        },
        &msg,
        5,
    )
    .unwrap();
    assert!(outsider.keys.is_empty());
    assert_eq!(outsider.generation, 0);

    // Damage anywhere is refused: the signature, or the ×75 rule.
    let mut bad = msg.clone();
    bad[200] ^= 1;
    assert!(keys::read_message(
        &group,
        KeyReader {
            account: &a1,
            admin: None
        },
        &bad,
        5
    )
    .is_err());
    let other_group = AdminKey::from_seed(&[5; 32]).group();
    assert_eq!(
        keys::read_message(
            &other_group,
            KeyReader {
                account: &members[0],
                admin: None
            },
            &msg,
            5
        )
        .unwrap_err(),
        GroupError::BadSignature
    );
    // A rekey of the same state by another admin is the same bytes.
    assert_eq!(keys::build_rekey(&admin(), &ids, 0).unwrap().0, msg);
}

#[test]
fn a_supplement_hands_every_key_to_new_members() {
    let (a1, a2, members) = accounts();
    let (_, key) = keys::build_rekey(&admin(), &members_of(&[&a1, &a2]), 0).unwrap();
    let held = vec![keys::GroupKey {
        generation: 0,
        timestamp_ms: 1_700_000_000_000,
        key,
    }];
    let supp = keys::build_supplement(&admin(), &[members[0].session_id()], &held).unwrap();
    assert_eq!(hex::encode(&supp), spec_value("**T3.6", "198 bytes").trim());
    let group = admin().group();
    let read = keys::read_message(
        &group,
        KeyReader {
            account: &members[0],
            admin: None,
        },
        &supp,
        9,
    )
    .unwrap();
    assert!(read.supplemental);
    assert_eq!(read.keys, held);
    let other = keys::read_message(
        &group,
        KeyReader {
            account: &members[1],
            admin: None,
        },
        &supp,
        9,
    )
    .unwrap();
    assert!(other.keys.is_empty());
}

#[test]
fn held_keys_follow_the_librarys_rules_for_rekeys_collisions_and_expiry() {
    let (a1, a2, members) = accounts();
    let group = admin().group();
    let mut admin_keys = GroupKeys::new(group, a1.clone(), Some(admin())).unwrap();
    let mut member_keys = GroupKeys::new(group, members[0].clone(), None).unwrap();
    let day = 24 * 3600 * 1000;
    let mut all = members_of(&[&a1, &a2, &members[0]]);

    let m0 = admin_keys.rekey(&all).unwrap();
    let pending = admin_keys.encryption_key().unwrap();
    assert!(admin_keys.keys().is_empty());
    assert!(admin_keys.load_message("h0", &m0, 0).unwrap());
    assert!(member_keys.load_message("h0", &m0, 0).unwrap());
    assert_eq!(member_keys.encryption_key(), Some(pending));
    assert_eq!(admin_keys.pending_message(), None);

    // Removing a member rekeys: the removed one gets nothing new.
    all.pop();
    let m1 = admin_keys.rekey(&all).unwrap();
    admin_keys.load_message("h1", &m1, 10 * day).unwrap();
    assert!(!member_keys.load_message("h1", &m1, 10 * day).unwrap());
    assert_eq!(member_keys.keys().len(), 1);
    assert_eq!(admin_keys.generation(), Some(1));

    // Two admins rekeying at once: the same generation twice calls for another rekey.
    let other_admin = keys::build_rekey(&admin(), &members_of(&[&a1]), 1)
        .unwrap()
        .0;
    admin_keys
        .load_message("h1b", &other_admin, 11 * day)
        .unwrap();
    assert!(admin_keys.needs_rekey());
    let m2 = admin_keys.rekey(&all).unwrap();
    admin_keys.load_message("h2", &m2, 12 * day).unwrap();
    assert!(!admin_keys.needs_rekey());
    assert_eq!(admin_keys.generation(), Some(2));

    // 71 days later a newer generation has outlived generation 0 by over 60 days.
    let m3 = admin_keys.rekey(&all).unwrap();
    admin_keys.load_message("h3", &m3, 81 * day).unwrap();
    let gens: Vec<i64> = admin_keys.keys().iter().map(|k| k.generation).collect();
    // Generations 0 and 1 were both outlived by more than 60 days (the library's 10-day /
    // 71-day case): only the two newest remain, and their messages alone stay alive.
    assert_eq!(gens, vec![2, 3]);
    let alive = admin_keys.active_hashes();
    assert!(alive.contains("h2") && alive.contains("h3") && !alive.contains("h0"));

    // A dump restores the same state.
    let back = GroupKeys::load(group, a1.clone(), Some(admin()), &admin_keys.dump()).unwrap();
    assert_eq!(back.keys(), admin_keys.keys());
    assert_eq!(back.decryption_keys(), admin_keys.decryption_keys());
    assert!(GroupKeys::load(group, a1, None, b"{}").is_err());
    // Members cannot rekey.
    assert_eq!(member_keys.rekey(&all).unwrap_err(), GroupError::NotAdmin);
}

#[test]
fn group_messages_open_for_the_group_only_and_pad_as_the_library_does() {
    let (a1, _, members) = accounts();
    let group = admin().group();
    let key = [7u8; 32];
    let sentence = literals("tests/test_group_keys.cpp", "msg")[0].repeat(32);
    let plain = message::encrypt(&a1, &group, &key, sentence.as_bytes(), None, &mut OsRng).unwrap();
    assert_eq!(plain.len(), 2048);
    let packed = message::encrypt(
        &a1,
        &group,
        &key,
        sentence.as_bytes(),
        Some(&Zstd),
        &mut OsRng,
    )
    .unwrap();
    assert_eq!(packed.len(), 256);
    for blob in [&plain, &packed] {
        let opened = message::decrypt(&group, &[[1; 32], key], blob).unwrap();
        assert_eq!(opened.sender, a1.session_id());
        assert_eq!(opened.plaintext, sentence.as_bytes());
        assert_eq!(opened.key_index, 1);
    }
    // The signature binds the group: the same bytes under another group's ID are refused.
    let other = AdminKey::from_seed(&[5; 32]).group();
    assert_eq!(
        message::decrypt(&other, &[key], &plain).unwrap_err(),
        GroupError::BadSignature
    );
    assert_eq!(
        message::decrypt(&group, &[[1; 32]], &plain).unwrap_err(),
        GroupError::Decrypt
    );
    let mut damaged = plain.clone();
    damaged[30] ^= 1;
    assert!(message::decrypt(&group, &[key], &damaged).is_err());
    assert!(message::decrypt(&group, &[key], &plain[..20]).is_err());
    let small = message::encrypt(&members[0], &group, &key, b"hi", None, &mut OsRng).unwrap();
    assert_eq!(small.len(), 256);
    assert!(message::encrypt(&a1, &group, &key, &vec![0; 1_000_001], None, &mut OsRng).is_err());
}

#[test]
fn kick_notices_reach_only_the_removed_and_match_the_spec() {
    let (_, member, others) = accounts();
    let group = admin().group();
    let notice = kick::build_with_nonce(&admin(), &[member.session_id()], 3, &[0; 24]).unwrap();
    assert_eq!(hex::encode(&notice), spec_value("**T3.9", "generation"));
    assert_eq!(kick::read(&group, &member, &notice), Some(3));
    assert_eq!(kick::read(&group, &others[0], &notice), None);
    let random = kick::build(
        &admin(),
        &[member.session_id(), others[0].session_id()],
        7,
        &mut OsRng,
    )
    .unwrap();
    assert_eq!(kick::read(&group, &others[0], &random), Some(7));
}

#[test]
fn admin_signatures_match_the_spec_and_bind_their_time() {
    let group = admin().group();
    let (_, invitee, _) = accounts();
    let t = 1_700_000_000_000;
    let cases = [
        (Signed::Invite(&invitee.session_id()), "INVITE05"),
        (Signed::MemberChange(MemberChange::Added), "MEMBER_CHANGE1"),
        (Signed::InfoChange(InfoChange::Name), "INFO_CHANGE1"),
    ];
    for (what, marker) in cases {
        let sig = control::sign(&admin(), &what, t);
        assert_eq!(hex::encode(sig), spec_value("**T3.8", marker));
        control::verify(&group, &what, t, &sig).unwrap();
        assert!(control::verify(&group, &what, t + 1, &sig).is_err());
    }
}

#[test]
fn signed_configs_seal_as_the_spec_derives_and_refuse_forgeries() {
    let (a1, a2, _) = accounts();
    let (_, key) = keys::build_rekey(&admin(), &members_of(&[&a1, &a2]), 0).unwrap();
    let group = admin().group();
    let mut m = ConfigMessage::blank().increment();
    GroupInfo {
        name: Some("Test".into()),
        created: Some(1_680_064_059),
        ..GroupInfo::default()
    }
    .write(m.data_mut());
    let admin_key = admin();
    let sign = gconfig::signer(&admin_key);
    let serialized = m.serialize(Some(&sign));
    let blobs = gconfig::seal(&serialized, &key, GroupConfigKind::Info, None).unwrap();
    assert_eq!(blobs[0].len(), 256);
    assert_eq!(
        hex::encode(blake2b_n::<32>(&[&blobs[0]])),
        spec_value("**T3.10", "`H_32` =")
    );
    let OpenedConfig::Message(opened) =
        gconfig::open(&group, &[key], GroupConfigKind::Info, &blobs[0]).unwrap()
    else {
        panic!("a whole message")
    };
    assert_eq!(opened.seqno(), 1);
    assert_eq!(GroupInfo::read(opened.data()).name.as_deref(), Some("Test"));
    // Signed by another key, or not at all: refused.
    let forger = AdminKey::from_seed(&[9; 32]);
    let forged = m.serialize(Some(&gconfig::signer(&forger)));
    let blob = gconfig::seal(&forged, &key, GroupConfigKind::Info, None).unwrap();
    assert_eq!(
        gconfig::open(&group, &[key], GroupConfigKind::Info, &blob[0]).unwrap_err(),
        GroupError::BadSignature
    );
    let unsigned = gconfig::seal(&m.serialize(None), &key, GroupConfigKind::Info, None).unwrap();
    assert!(gconfig::open(&group, &[key], GroupConfigKind::Info, &unsigned[0]).is_err());
    // The wrong domain does not open.
    assert_eq!(
        gconfig::open(&group, &[key], GroupConfigKind::Members, &blobs[0]).unwrap_err(),
        GroupError::Decrypt
    );

    let mut mm = MutableConfigMessage::new(1);
    let mut bob = Member::new(a2.session_id());
    bob.invite = Some(Status::Sent);
    members::set(mm.data_mut(), &bob);
    let ser = mm.serialize(Some(&sign));
    let blob = gconfig::seal(&ser, &key, GroupConfigKind::Members, Some(&Zstd)).unwrap();
    let OpenedConfig::Message(opened) =
        gconfig::open(&group, &[[0; 32], key], GroupConfigKind::Members, &blob[0]).unwrap()
    else {
        panic!("a whole message")
    };
    assert_eq!(members::list(opened.data()), vec![bob]);
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Random or mangled bytes from a group's swarm become errors, never panics.
        #[test]
        fn group_readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), cut in 0usize..4000, flip in 0usize..4000) {
            let (a1, a2, _) = accounts();
            let group = admin().group();
            let reader = KeyReader { account: &a1, admin: None };
            let _ = keys::read_message(&group, reader, &bytes, 0);
            let _ = message::decrypt(&group, &[[7; 32]], &bytes);
            let _ = kick::read(&group, &a1, &bytes);
            let _ = multi::decode_simple(&bytes);
            let _ = gconfig::open(&group, &[[7; 32]], GroupConfigKind::Members, &bytes);
            // Truncated or bit-flipped real messages too.
            let (msg, _) = keys::build_rekey(&admin(), &members_of(&[&a1, &a2]), 0).unwrap();
            let mut mangled = msg[..cut.min(msg.len())].to_vec();
            if !mangled.is_empty() {
                let i = flip % mangled.len();
                mangled[i] ^= 0x20;
            }
            prop_assert!(keys::read_message(&group, reader, &mangled, 0).map(|r| r.keys).unwrap_or_default().len() <= 1);
        }
    }
}

#[test]
fn a_message_signed_by_the_older_library_still_opens() {
    // T3.7 was made the way apps on the library before 2025 sign: over the data alone.
    let (a1, _, _) = accounts();
    let group = admin().group();
    let key = hex32(&spec_value("**T3.5", "group key gen 0"));
    let blob = hex::decode(spec_value("**T3.7", "blob (256 bytes)")).unwrap();
    let opened = message::decrypt(&group, &[key], &blob).unwrap();
    assert_eq!(opened.plaintext, b"hello group");
    assert_eq!(opened.sender, a1.session_id());
    // Bound to nothing, it is still bound to its author and bytes.
    let mut forged = blob.clone();
    forged[100] ^= 1;
    assert!(message::decrypt(&group, &[key], &forged).is_err());
}
