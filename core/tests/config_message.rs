//! The config message (groups-and-config.md §1.2–§1.8) against the official library's own
//! test file `tests/test_configdata.cpp` (T1.1–T1.4), read at run time from the vectors file,
//! plus strictness and property tests.

use ed25519_dalek::SigningKey;
use proptest::prelude::*;
use serde_json::Value as Json;
use session_core::config::message::{hash_bytes, Diff, Hash, LAG};
use session_core::config::{
    ConfigError, ConfigMessage, Dict, MergeOutcome, MutableConfigMessage, Scalar, Value,
};
use session_core::crypto::ed25519::sign;
use session_core::crypto::keys::verify_ed25519;
use session_testkit::{raw_literals, spec};

const FILE: &str = "tests/test_configdata.cpp";

// ----- reading the vectors -----

fn records(file: &str) -> Vec<Json> {
    raw_literals(file)
}

/// The one record of `file` whose label is `label` (an assignment) or starts with `label`
/// (a check, whose label is the whole expression).
fn record(file: &str, test_case: Option<&str>, label: &str) -> Json {
    let found: Vec<Json> = records(file)
        .into_iter()
        .filter(|r| {
            let l = r["label"].as_str().unwrap_or_default();
            (l == label || (r["kind"] == "check" && l.starts_with(label)))
                && test_case.is_none_or(|t| r["test_case"].as_str() == Some(t))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{file}: {label} found {} times",
        found.len()
    );
    found.into_iter().next().unwrap()
}

/// The pieces (each literal's bytes) of a record, in source order.
fn pieces(r: &Json) -> Vec<Vec<u8>> {
    r["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            let h = v["bytes_hex"]
                .as_str()
                .or(v["hex"].as_str())
                .expect("bytes");
            hex::decode(h).expect("hex")
        })
        .collect()
}

/// A hash (or key) assigned to `label` in the library's test.
fn lit_hex(label: &str) -> Vec<u8> {
    let p = pieces(&record(FILE, None, label));
    assert_eq!(p.len(), 1, "{label}");
    p.into_iter().next().unwrap()
}

fn lit_hash(label: &str) -> Hash {
    lit_hex(label).try_into().expect("32 bytes")
}

/// A serialization written in the test as literal pieces with hashes between them
/// (`"32:" + hash0 + …`): the pieces joined by `hashes`, in order.
fn joined(r: &Json, hashes: &[&[u8]]) -> Vec<u8> {
    let p = pieces(r);
    assert_eq!(
        p.len(),
        hashes.len() + 1,
        "pieces vs hashes of {}",
        r["label"]
    );
    let mut out = p[0].clone();
    for (h, piece) in hashes.iter().zip(&p[1..]) {
        assert_eq!(h.len(), 32);
        out.extend_from_slice(h);
        out.extend_from_slice(piece);
    }
    out
}

fn check(test_case: &str, label: &str, hashes: &[&[u8]]) -> Vec<u8> {
    joined(&record(FILE, Some(test_case), label), hashes)
}

fn assignment(label: &str, hashes: &[&[u8]]) -> Vec<u8> {
    joined(&record(FILE, None, label), hashes)
}

/// The first backtick-quoted text after `marker` in the spec.
fn spec_quoted_after(marker: &str) -> String {
    let text = spec("groups-and-config.md");
    let at = text.find(marker).unwrap_or_else(|| panic!("no {marker:?}")) + marker.len();
    let rest = &text[at..];
    let start = rest.find('`').expect("opening backtick") + 1;
    let len = rest[start..].find('`').expect("closing backtick");
    rest[start..start + len].to_string()
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

// ----- building data like the library's test -----

fn bytes(s: &str) -> Value {
    Value::Scalar(Scalar::Bytes(s.as_bytes().to_vec()))
}

fn set_of(items: &[Scalar]) -> Value {
    Value::Set(items.iter().cloned().collect())
}

fn int(i: i64) -> Scalar {
    Scalar::Int(i)
}

fn string(s: &str) -> Scalar {
    Scalar::Bytes(s.as_bytes().to_vec())
}

fn parse(b: &[u8]) -> ConfigMessage {
    ConfigMessage::parse(b, None).unwrap_or_else(|e| panic!("{e}: {}", show(b)))
}

/// A round trip of a fixed message through its serialization.
fn assert_round_trip(m: &ConfigMessage) {
    let bytes = m.serialize(None);
    let back = ConfigMessage::parse_trusting_signature(&bytes).expect("parses");
    assert_eq!(&back, m);
    assert_eq!(back.hash(), &hash_bytes(&bytes));
}

// ----- T1.1 -----

#[test]
fn t1_1_blank_message_and_its_hash() {
    let serialized = spec_quoted_after("* serialized: ");
    let m = ConfigMessage::blank();
    assert_eq!(show(&m.serialize(None)), serialized);
    let exp = pieces(&record(
        "tests/test_config_userprofile.cpp",
        None,
        "exp_hash0",
    ));
    assert_eq!(m.hash().to_vec(), exp[0]);
    assert_eq!(parse(serialized.as_bytes()), m);
    // The spec quotes the same hash.
    assert_eq!(hex::encode(m.hash()), spec_quoted_after("* `H_32` = "));
}

/// The compression test's message is a user profile at seqno 1 on top of the blank one: it
/// carries the blank message's hash as its one lagged row.
#[test]
fn t1_1_first_revision_carries_the_blank_hash() {
    // The compression test has two `data`: 81 bytes of 0xaa, and this message (in three pieces).
    let p = records("tests/test_compression.cpp")
        .iter()
        .filter(|r| r["label"] == "data")
        .map(pieces)
        .find(|p| p.len() == 3)
        .expect("the Kallie message");
    assert_eq!(p[1], ConfigMessage::blank().hash().to_vec());
    let data = p.concat();
    let m = parse(&data);
    assert_eq!(m.seqno(), 1);
    let mut rev = ConfigMessage::blank().increment();
    *rev.data_mut() = m.data().clone();
    assert_eq!(show(&rev.serialize(None)), show(&data));
}

// ----- T1.2 -----

fn edits_12(m: &mut MutableConfigMessage) {
    let d = m.data_mut();
    d.set_int(b"foo", 123);
    let bar = d.dict_mut(b"bar");
    bar.set_int(b"xyz", 42);
    bar.set_int(b"a", 42);
    let s = bar.set_mut(b"");
    s.insert(string("c"));
    s.insert(int(99));
    s.remove(&string("b"));
    s.insert(int(42));
}

/// The seqno-10 message of the library's serialization and signature tests.
fn seqno10_message() -> MutableConfigMessage {
    let mut m = MutableConfigMessage::new(10);
    m.data_mut().set_int(b"foo", 123);
    let bar = m.data_mut().dict_mut(b"bar");
    bar.set_int(b"asdf", 123);
    bar.insert(b"xyz", bytes("abc"));
    bar.insert(b"", set_of(&[string("a"), string("b"), int(42)]));
    m
}

#[test]
fn t1_2_serialization_increments_and_lagged_window() {
    let tc = "config message serialization";
    let mut m = seqno10_message();
    let expected0 = check(tc, "printable(m.serialize())", &[]);
    assert_eq!(show(&m.serialize(None)), show(&expected0));
    let (h0, h1, h2) = (lit_hash("hash0"), lit_hash("hash1"), lit_hash("hash2"));
    assert_eq!(m.hash(None), h0);

    let mut m1 = m.increment(None);
    assert_eq!(m1.seqno(), 11);
    assert!(m1.diff().is_empty());
    m1.data_mut().remove(b"foo");
    assert_eq!(m1.diff().get(&b"foo"[..]), Some(&Diff::Removed));
    assert_eq!(m1.hash(None), h1);

    let mut m2 = m1.increment(None);
    edits_12(&mut m2);
    assert_eq!(m2.hash(None), h2);
    let expected2 = check(tc, "printable(m2.serialize())", &[&h0, &h1]);
    assert_eq!(show(&m2.serialize(None)), show(&expected2));

    let mut m3 = m2.increment(None);
    let mut m4 = m3.increment(None);
    let mut m5 = m4.increment(None);
    let (h3, h4, h5) = (lit_hash("hash3"), lit_hash("hash4"), lit_hash("hash5"));
    assert_eq!(m3.hash(None), h3);
    assert_eq!(m4.hash(None), h4);
    assert_eq!(m5.hash(None), h5);
    let expected5 = check(tc, "printable(m5.serialize())", &[&h1, &h2, &h3, &h4]);
    assert_eq!(show(&m5.serialize(None)), show(&expected5));

    // Read back: seqno 10's row fell out of the window; the round trip is exact.
    let back = parse(&expected5);
    let rows: Vec<i64> = back.lagged().keys().map(|(s, _)| *s).collect();
    assert_eq!(rows, [11, 12, 13, 14]);
    assert_eq!(back.hash(), &h5);
    assert_eq!(back, m5.to_message(None));
    assert_round_trip(&back);
}

// ----- T1.3 -----

fn test_key() -> SigningKey {
    let skey = lit_hex("skey_hex");
    SigningKey::from_bytes(&skey[..32].try_into().expect("seed"))
}

#[test]
fn t1_3_signature() {
    let key = test_key();
    let pk = lit_hex("skey_hex")[32..].to_vec();
    assert_eq!(key.verifying_key().as_bytes().as_slice(), pk.as_slice());
    let signer = |m: &[u8]| sign(&key, m);
    let pk: [u8; 32] = pk.try_into().unwrap();
    let verifier = |m: &[u8], s: &[u8; 64]| verify_ed25519(&pk, m, s).is_ok();

    let mut m = seqno10_message();

    let signing_value = lit_hex("m_signing_value");
    let sig = lit_hex("expected_sig");
    let mut expected = signing_value.clone();
    expected.extend_from_slice(b"1:~64:");
    expected.extend_from_slice(&sig);
    expected.push(b'e');
    assert_eq!(m.serialize(Some(&signer)), expected);

    let msg = ConfigMessage::parse(&expected, Some(&verifier)).expect("verifies");
    assert_eq!(msg.signature().map(|s| s.to_vec()), Some(sig.clone()));
    assert_eq!(msg.hash(), &m.hash(Some(&signer)));
    assert_eq!(msg.serialize(None), expected);
    assert_round_trip(&msg);
    assert_eq!(
        ConfigMessage::parse(&expected, Some(&verifier)),
        Ok(msg.clone())
    );

    // Without a verifier the signature is accepted but not kept (as the library does).
    let unchecked = ConfigMessage::parse(&expected, None).unwrap();
    assert!(unchecked.signature().is_none());
    assert_eq!(unchecked.hash(), msg.hash());

    let mut broken = expected.clone();
    let at = broken.len() - 2;
    assert_eq!(broken[at], 0x07);
    broken[at] = 0x17;
    assert_eq!(
        ConfigMessage::parse(&broken, Some(&verifier)),
        Err(ConfigError::Signature)
    );
    assert_eq!(
        ConfigMessage::merge(&[&broken, &broken], Some(&verifier), None).map(|r| r.outcome),
        Err(ConfigError::NothingToMerge)
    );
    for (inputs, good) in [
        ([&broken[..], &expected[..]], 1),
        ([&expected[..], &broken[..]], 0),
    ] {
        let r = ConfigMessage::merge(&inputs, Some(&verifier), Some(&signer)).unwrap();
        assert_eq!(r.outcome, MergeOutcome::Unmerged(good));
        assert_eq!(r.message.seqno(), 10);
        assert_eq!(r.message.hash(), msg.hash());
        assert_eq!(r.unparsable, [(1 - good, ConfigError::Signature)]);
        assert!(r.redundant.is_empty());
    }

    let mut unsigned = signing_value.clone();
    unsigned.push(b'e');
    assert_eq!(
        ConfigMessage::parse(&unsigned, Some(&verifier)),
        Err(ConfigError::Signature)
    );
    assert!(ConfigMessage::parse(&unsigned, None).is_ok());
    // A wrong-length signature is refused even unchecked.
    let mut short = signing_value;
    short.extend_from_slice(b"1:~3:abce");
    assert_eq!(
        ConfigMessage::parse(&short, None),
        Err(ConfigError::Signature)
    );
}

// ----- T1.4 -----

struct Hashes {
    h119: Hash,
    h120: Hash,
    h121: Hash,
    h122: Hash,
    h123: Hash,
    h124: Hash,
    h125a: Hash,
    h125b: Hash,
}

fn hashes() -> Hashes {
    Hashes {
        h119: lit_hash("h119"),
        h120: lit_hash("h120"),
        h121: lit_hash("h121"),
        h122: lit_hash("h122"),
        h123: lit_hash("h123"),
        h124: lit_hash("h124"),
        h125a: lit_hash("h125a"),
        h125b: lit_hash("h125b"),
    }
}

fn m123_expected() -> Vec<u8> {
    let h = hashes();
    assignment("m123_expected", &[&h.h119, &h.h120, &h.h121, &h.h122])
}

fn updates_124(m: &mut MutableConfigMessage) {
    let d = m.data_mut();
    let a = d.dict_mut(b"dictA");
    a.set_int(b"hello", 123);
    a.insert(b"goodbye", set_of(&[int(123), int(456)]));
    let b = d.dict_mut(b"dictB");
    b.set_int(b"changed", 1);
    b.set_int(b"added", 9999);
    b.dict_mut(b"nested").set_int(b"a", 1);
    b.remove(b"removed");
    b.remove(b"removed2");
    d.remove(b"dictC");
    let good = d.set_mut(b"good");
    good.insert(string("Foo"));
    good.remove(&int(456));
    good.insert(int(123));
    d.set_int(b"int1", 42);
    d.remove(b"string1");
    d.insert(b"string2", bytes("hello"));
    d.insert(b"string3", bytes("omg"));
    d.remove(b"great");
}

fn m120b() -> Vec<u8> {
    let mut m = MutableConfigMessage::new(118)
        .increment(None)
        .increment(None);
    m.data_mut().insert(b"too old", bytes("won't see"));
    m.serialize(None)
}

#[test]
fn t1_4_example_1_ordinary_updates() {
    let h = hashes();
    let m118_expected = assignment("m118_expected", &[]);
    let data118 = parse(&m118_expected).data().clone();
    let mut m118 = MutableConfigMessage::new(118);
    *m118.data_mut() = data118.clone();
    assert_eq!(show(&m118.serialize(None)), show(&m118_expected));
    assert_eq!(m118.hash(None), hash_bytes(&m118_expected));

    let mut m119 = m118.increment(None);
    assert_eq!(m119.hash(None), h.h119);
    let mut m120 = m119.increment(None);
    assert_eq!(m120.hash(None), h.h120);
    let mut m121 = m120.increment(None);
    assert_eq!(m121.hash(None), h.h121);
    let mut m122 = m121.increment(None);
    assert_eq!(m122.hash(None), h.h122);
    let mut m123 = m122.increment(None);
    m123.data_mut().set_int(b"int1", 1);
    m123.data_mut().set_int(b"int2", 2);
    m123.data_mut().remove(b"int0");
    m123.data_mut().insert(b"string1", bytes("hello"));
    assert_eq!(show(&m123.serialize(None)), show(&m123_expected()));
    assert_eq!(m123.hash(None), h.h123);

    // The data read back.
    let parsed = parse(&m123_expected());
    let mut expected = data118;
    expected.set_int(b"int1", 1);
    expected.remove(b"int0");
    expected.set_int(b"int2", 2);
    assert_eq!(parsed.data(), &expected);
    assert_eq!(parsed.hash(), &h.h123);
    assert!(parsed.signature().is_none());
    let diff: Vec<(Vec<u8>, Diff)> = parsed.diff().clone().into_iter().collect();
    assert_eq!(
        diff,
        [
            (b"int0".to_vec(), Diff::Removed),
            (b"int1".to_vec(), Diff::Assigned),
            (b"int2".to_vec(), Diff::Assigned)
        ]
    );
}

#[test]
fn t1_4_deserialization_then_increment() {
    let h = hashes();
    let mut m = parse(&m123_expected()).increment();
    assert_eq!(m.seqno(), 124);
    assert!(m.diff().is_empty());
    let want = pieces(&record(
        FILE,
        Some("config message deserialization"),
        "view_hex(mut.hash())",
    ));
    assert_eq!(m.hash(None).to_vec(), want[0]);
    let expected = check(
        "config message deserialization",
        "printable(mut.serialize())",
        &[&h.h120, &h.h121, &h.h122, &h.h123],
    );
    assert_eq!(show(&m.serialize(None)), show(&expected));
}

#[test]
fn t1_4_example_2_complex_update() {
    let h = hashes();
    let mut m = parse(&m123_expected()).increment();
    updates_124(&mut m);
    let expected = check(
        "config message example 2",
        "printable(m.serialize())",
        &[&h.h120, &h.h121, &h.h122, &h.h123],
    );
    assert_eq!(show(&m.serialize(None)), show(&expected));
    assert_eq!(m.hash(None), h.h124);
}

/// 124 and the two competing 125s of example 3.
fn example_3() -> (
    MutableConfigMessage,
    MutableConfigMessage,
    MutableConfigMessage,
) {
    let mut m124 = parse(&m123_expected()).increment();
    updates_124(&mut m124);
    let mut a = m124.increment(None);
    a.data_mut().dict_mut(b"dictB").remove(b"foo");
    let mut b = m124.increment(None);
    b.data_mut().set_int(b"int1", 5);
    (m124, a, b)
}

fn m126_expected(h: &Hashes) -> Vec<u8> {
    assignment(
        "m126_expected",
        &[&h.h122, &h.h123, &h.h124, &h.h125a, &h.h125b],
    )
}

#[test]
fn t1_4_example_3_simple_conflict() {
    let h = hashes();
    let (mut m124, mut a, mut b) = example_3();
    assert_eq!(a.seqno(), 125);
    assert_eq!(a.hash(None), h.h125a);
    assert_eq!(b.hash(None), h.h125b);
    assert!(h.h125a < h.h125b);
    let (s124, sa, sb) = (m124.serialize(None), a.serialize(None), b.serialize(None));
    let old = m120b();
    let (s124, sa, sb, old) = (&s124[..], &sa[..], &sb[..], &old[..]);
    let garbage = &b"garbage"[..];
    let expected = m126_expected(&h);

    let r = ConfigMessage::merge(&[sa, sb], None, None).unwrap();
    assert_eq!(r.outcome, MergeOutcome::Merged);
    assert_eq!(r.message.seqno(), 126);
    assert_eq!(r.redundant, [0, 1]);
    assert!(r.unparsable.is_empty());
    // The data the library's test spells out is the `&` of its expected bytes.
    let want = parse(&expected).data().clone();
    assert_eq!(want.int(b"int1"), Some(5));
    assert!(want.get(b"dictC").is_none() && want.get(b"string1").is_none());
    assert_eq!(r.message.data(), &want);
    assert_eq!(show(&r.message.serialize(None)), show(&expected));
    assert_eq!(r.message.hash(), &hash_bytes(&expected));
    assert_eq!(
        hex::encode(r.message.hash()),
        spec_quoted_after("its hash (DERIVED) = ")
    );
    assert_round_trip(&r.message);

    // Any order, with already-included, duplicate and too-old messages thrown in.
    let orders: Vec<Vec<&[u8]>> = vec![
        vec![sb, sa],
        vec![s124, sb, sa],
        vec![sb, sa, s124],
        vec![sb, old, sa],
        vec![sa, sa, old, sb, s124, sb],
        vec![old, garbage, sb, s124, sa],
    ];
    for inputs in orders {
        let r2 = ConfigMessage::merge(&inputs, None, None).unwrap();
        assert_eq!(r2.outcome, MergeOutcome::Merged);
        assert_eq!(r2.message, r.message);
        let readable: Vec<usize> = (0..inputs.len())
            .filter(|&i| inputs[i] != garbage)
            .collect();
        assert_eq!(r2.redundant, readable);
    }
    let r3 = ConfigMessage::merge(&[garbage, sa, b"dex"], None, None).unwrap();
    assert_eq!(r3.outcome, MergeOutcome::Unmerged(1));
    assert_eq!(
        r3.unparsable.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [0, 2]
    );
    assert!(r3.redundant.is_empty());

    // A member who can verify but not sign keeps the highest (seqno, hash).
    let ok = |_: &[u8], _: &[u8; 64]| true;
    let key = test_key();
    let signer = |m: &[u8]| sign(&key, m);
    let signed: Vec<Vec<u8>> = [&mut a, &mut b]
        .into_iter()
        .map(|m| m.serialize(Some(&signer)))
        .collect();
    let r4 = ConfigMessage::merge(&[&signed[1], &signed[0]], Some(&ok), None).unwrap();
    let best = usize::from(hash_bytes(&signed[0]) > hash_bytes(&signed[1]));
    assert_eq!(r4.outcome, MergeOutcome::Unmerged(best));
    assert_eq!(r4.redundant, [1 - best]);
    assert_eq!(r4.message.serialize(None), signed[1 - best]);
    // An admin merges and signs: the same data, signed.
    let r5 = ConfigMessage::merge(&[&signed[1], &signed[0]], Some(&ok), Some(&signer)).unwrap();
    assert_eq!(r5.outcome, MergeOutcome::Merged);
    assert_eq!(r5.message.data(), &want);
    let bytes = r5.message.serialize(None);
    assert!(bytes.ends_with(b"e"));
    assert_eq!(
        ConfigMessage::parse(&bytes, Some(&ok)),
        Ok(r5.message.clone())
    );
}

#[test]
fn t1_4_example_4_complex_conflict() {
    let h = hashes();
    let m123 = parse(&m123_expected());
    let mut m124a = m123.increment();
    m124a.data_mut().dict_mut(b"dictB").set_int(b"foo", 66);
    m124a.data_mut().dict_mut(b"dictB").set_int(b"answer", 42);
    let mut m124b = m123.increment();
    updates_124(&mut m124b);
    assert_eq!(m124b.hash(None), h.h124);
    let mut m125a = m124b.increment(None);
    m125a.data_mut().dict_mut(b"dictB").remove(b"foo");
    let mut m125b = m124b.increment(None);
    m125b.data_mut().set_int(b"int1", 5);
    let (s125a, s125b) = (m125a.serialize(None), m125b.serialize(None));

    let m126a = ConfigMessage::merge(&[&s125a, &s125b], None, None).unwrap();
    let (s124a, s123, s120b) = (m124a.serialize(None), m123.serialize(None), m120b());
    let inputs: [&[u8]; 5] = [&s125b, &s124a, &s125a, &s123, &s120b];
    let m126b = ConfigMessage::merge(&inputs, None, None).unwrap();
    assert_eq!(m126b.outcome, MergeOutcome::Merged);
    assert_eq!(m126b.redundant, [0, 1, 2, 3, 4]);
    assert!(m124a.hash(None) < h.h124);
    assert!(h.h125a < h.h125b);
    assert!(m126a.message.hash() < m126b.message.hash());

    let (s126a, s126b) = (m126a.message.serialize(None), m126b.message.serialize(None));
    let r = ConfigMessage::merge(&[&s126a, &s126b], None, None).unwrap();
    assert_eq!(r.outcome, MergeOutcome::Merged);
    let mut m127 = r.message.retain_seqno();
    assert_eq!(m127.seqno(), 127);
    m127.data_mut()
        .dict_mut(b"dictA")
        .set_mut(b"goodbye")
        .insert(int(789));

    let expected = check(
        "config message example 4 - complex conflict resolution",
        "printable(m127.serialize())",
        &[
            &h.h123,
            &m124a.hash(None),
            &h.h124,
            &h.h125a,
            &h.h125b,
            m126a.message.hash(),
            m126b.message.hash(),
        ],
    );
    let s127 = m127.serialize(None);
    assert_eq!(show(&s127), show(&expected));
    assert_eq!(
        hex::encode(hash_bytes(&s127)),
        spec_quoted_after("hash of our 127 serialization (DERIVED)")
    );

    // 127 already includes everything else given with it.
    let alt = ConfigMessage::merge(&[&s127, &s125a, &s126b], None, None).unwrap();
    assert_eq!(alt.outcome, MergeOutcome::Unmerged(0));
    assert_eq!(alt.message.seqno(), 127);
    assert_eq!(alt.message.hash(), &m127.hash(None));
    assert_eq!(alt.redundant, [1, 2]);
}

// ----- strictness -----

fn rejects(bytes: &[u8]) -> ConfigError {
    match ConfigMessage::parse(bytes, None) {
        Ok(_) => panic!("accepted {}", show(bytes)),
        Err(e) => e,
    }
}

#[test]
fn empty_nested_containers_are_rejected() {
    for label in ["has_empty_set", "has_empty_dict"] {
        let bytes = assignment(label, &[]);
        assert!(
            matches!(rejects(&bytes), ConfigError::Malformed(_)),
            "{label}"
        );
    }
}

#[test]
fn strict_rules_of_the_outer_dict() {
    let hash = [7u8; 32];
    let row = |s: i64, h: &[u8]| {
        let mut r = format!("li{s}e{}:", h.len()).into_bytes();
        r.extend_from_slice(h);
        r.extend_from_slice(b"dee");
        r
    };
    let with_rows = |seqno: i64, rows: &[Vec<u8>]| {
        let mut m = format!("d1:#i{seqno}e1:&de1:<l").into_bytes();
        for r in rows {
            m.extend_from_slice(r);
        }
        m.extend_from_slice(b"e1:=dee");
        m
    };
    // Good: rows 1..4 for seqno 5; row 0 dropped silently.
    let ok = parse(&with_rows(
        5,
        &[row(0, &hash), row(1, &hash), row(4, &hash)],
    ));
    assert_eq!(ok.lagged().keys().map(|k| k.0).collect::<Vec<_>>(), [1, 4]);
    // Dropped rows are not read further, as in the library.
    parse(&with_rows(10, &[b"li1e3:xyzi5ee".to_vec(), row(6, &hash)]));

    // Lagged seqno ≥ #, bad hash length, unsorted and repeated rows, wrong row sizes.
    rejects(&with_rows(5, &[row(5, &hash)]));
    rejects(&with_rows(5, &[row(6, &hash)]));
    rejects(&with_rows(5, &[row(3, &hash[..31])]));
    rejects(&with_rows(5, &[row(3, &[0u8; 33])]));
    rejects(&with_rows(5, &[row(4, &hash), row(3, &hash)]));
    rejects(&with_rows(5, &[row(3, &hash), row(3, &hash)]));
    let mut two = row(3, &hash);
    two.truncate(two.len() - 3);
    two.push(b'e');
    rejects(&with_rows(5, &[two]));
    let mut four = row(3, &hash);
    four.insert(four.len() - 1, b'0');
    four.insert(four.len() - 1, b':');
    rejects(&with_rows(5, &[four]));
    rejects(&with_rows(5, &[b"i3e".to_vec()]));

    // Keys: before `#` is a future format; `#` must come first; order; `&` required.
    assert_eq!(
        rejects(b"d1:!i1e1:#i0e1:&de1:<le1:=dee"),
        ConfigError::FutureFormat
    );
    assert_eq!(
        rejects(b"d0:i1e1:#i0e1:&de1:<le1:=dee"),
        ConfigError::FutureFormat
    );
    rejects(b"d1:&de1:#i0e1:<le1:=dee");
    rejects(b"d1:#i0e1:<le1:&de1:=dee");
    rejects(b"d1:#i0e1:<le1:=dee");
    rejects(b"d1:#1:01:&de1:<le1:=dee");
    rejects(b"d1:#i0e1:&le1:<le1:=dee");
    rejects(b"d1:#i0e1:&de1:<de1:=dee");
    rejects(b"d1:#i0e1:&de1:<le1:=lee");
    rejects(b"d1:#i0e1:&de1:<le1:=de1:=dee");
    // `<` and `=` may be absent (the library reads such messages), and unknown keys sit
    // anywhere between the known ones.
    parse(b"d1:#i0e1:&dee");
    let odd = parse(b"d1:#i0e1:$i-1e1:&de2:<ali1ee1:}i18446744073709551615ee");
    assert_eq!(
        odd.serialize(None),
        b"d1:#i0e1:$i-1e1:&de1:<le2:<ali1ee1:=de1:}i18446744073709551615ee"
    );
    // Anything after `~`, or a key beyond it without one.
    rejects(b"d1:#i0e1:&de1:<le1:=de2:~~i1ee");
    let mut sig = b"d1:#i0e1:&de1:<le1:=de1:~64:".to_vec();
    sig.extend_from_slice(&[1u8; 64]);
    sig.push(b'e');
    parse(&sig);
    let mut after = sig.clone();
    after.pop();
    after.extend_from_slice(b"2:~~i1ee");
    rejects(&after);
    // Trailing bytes, truncation.
    rejects(b"d1:#i0e1:&de1:<le1:=deex");
    rejects(b"d1:#i0e1:&de1:<le1:=de");

    // Data: key order, canonical ints and strings, set order, set contents.
    rejects(b"d1:#i0e1:&d1:bi1e1:ai1ee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:ai1e1:ai1ee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:ai01ee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:ai-0ee1:<le1:=dee");
    rejects(b"d1:#i00e1:&de1:<le1:=dee");
    rejects(b"d1:#i0e1:&d01:ai1ee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:ali2ei1eee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:ali1ei1eee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:al1:xi1eee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:al1:b1:aee1:<le1:=dee");
    rejects(b"d1:#i0e1:&d1:alli1eeee1:<le1:=dee");
    parse(b"d1:#i0e1:&d1:ali-5ei1e0:1:aee1:<le1:=dee");

    // Diffs: only "" / "-", set diffs of exactly two sorted lists, no integers.
    parse(b"d1:#i0e1:&de1:<le1:=d1:a0:1:b1:-1:clleli1eee1:dd1:x0:eee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:a1:xee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:ai1eee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:alleeee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:allelelee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:ali1elee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:alli2ei1eeleee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:all1:ai1eeleee");
    rejects(b"d1:#i0e1:&de1:<le1:=d1:b0:1:a0:ee");
}

#[test]
fn hostile_input_never_panics() {
    let h = hashes();
    let msg = m126_expected(&h);
    for end in 0..msg.len() {
        let _ = ConfigMessage::parse(&msg[..end], None);
    }
    let mut flipped = msg.clone();
    for i in 0..msg.len() {
        for b in [b'e', b'd', b'l', b'i', b'0', b'9', b'-', b':', 0xff] {
            flipped[i] = b;
            let _ = ConfigMessage::parse(&flipped, None);
            let _ = ConfigMessage::merge(&[&flipped, &msg], None, None);
        }
        flipped[i] = msg[i];
    }
    for open in [&b"l"[..], b"d1:a"] {
        let mut deep = b"d1:#i0e1:&d1:a".to_vec();
        for _ in 0..100_000 {
            deep.extend_from_slice(open);
        }
        assert!(ConfigMessage::parse(&deep, None).is_err());
    }
    // Huge lengths and seqnos at the limits.
    rejects(b"d1:#i0e1:&d1:a99999999999999999999:xee1:<le1:=dee");
    for s in [i64::MIN, i64::MAX] {
        let m = parse(format!("d1:#i{s}e1:&de1:<le1:=dee").as_bytes());
        let mut next = m.increment();
        let _ = next.serialize(None);
        let bytes = m.serialize(None);
        let _ = ConfigMessage::merge(&[&bytes, b"d1:#i0e1:&de1:<le1:=dee"], None, None);
    }
}

// ----- properties -----

#[derive(Debug, Clone)]
enum Edit {
    Int(Vec<u8>, Vec<u8>, i64),
    Text(Vec<u8>, Vec<u8>, Vec<u8>),
    SetAdd(Vec<u8>, Scalar),
    SetRemove(Vec<u8>, Scalar),
    Remove(Vec<u8>),
    RemoveNested(Vec<u8>, Vec<u8>),
}

fn key() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        b"".to_vec(),
        b"a".to_vec(),
        b"b".to_vec(),
        b"#".to_vec(),
        b"\xff\x00".to_vec(),
    ])
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        prop::sample::select(vec![i64::MIN, -1, 0, 1, 42, i64::MAX]).prop_map(Scalar::Int),
        prop::collection::vec(any::<u8>(), 0..3).prop_map(Scalar::Bytes),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (key(), key(), any::<i64>()).prop_map(|(a, b, v)| Edit::Int(a, b, v)),
        (key(), key(), prop::collection::vec(any::<u8>(), 0..4))
            .prop_map(|(a, b, v)| Edit::Text(a, b, v)),
        (key(), scalar()).prop_map(|(a, s)| Edit::SetAdd(a, s)),
        (key(), scalar()).prop_map(|(a, s)| Edit::SetRemove(a, s)),
        key().prop_map(Edit::Remove),
        (key(), key()).prop_map(|(a, b)| Edit::RemoveNested(a, b)),
    ]
}

/// Applies an edit; an empty second key means a top-level value, else one in a sub-dict.
fn apply(d: &mut Dict, e: &Edit) {
    match e {
        Edit::Int(a, b, v) if b.is_empty() => d.set_int(a, *v),
        Edit::Int(a, b, v) => d.dict_mut(a).set_int(b, *v),
        Edit::Text(a, b, v) if b.is_empty() => d.set_bytes(a, v),
        Edit::Text(a, b, v) => d.dict_mut(a).set_bytes(b, v),
        Edit::SetAdd(a, s) => {
            d.set_mut(a).insert(s.clone());
        }
        Edit::SetRemove(a, s) => {
            if let Some(Value::Set(set)) = d.0.get_mut(a) {
                set.remove(s);
            }
        }
        Edit::Remove(a) => {
            d.remove(a);
        }
        Edit::RemoveNested(a, b) => {
            if let Some(Value::Dict(sub)) = d.0.get_mut(a) {
                sub.remove(b);
            }
        }
    }
}

fn revisions() -> impl Strategy<Value = Vec<Vec<Edit>>> {
    prop::collection::vec(prop::collection::vec(edit(), 0..6), 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_edits_round_trip(revs in revisions()) {
        let mut m = ConfigMessage::blank().increment();
        for (n, edits) in revs.iter().enumerate() {
            if n > 0 {
                m = m.increment(None);
            }
            for e in edits {
                apply(m.data_mut(), e);
            }
            let fixed = m.to_message(None);
            let bytes = fixed.serialize(None);
            prop_assert_eq!(&bytes, &m.serialize(None));
            let back = ConfigMessage::parse(&bytes, None).expect("own output parses");
            prop_assert_eq!(&back, &fixed);
            prop_assert_eq!(back.serialize(None), bytes);
            prop_assert!(back.lagged().len() <= (LAG - 1) as usize);
            // The data is what was edited, pruned.
            let mut pruned = m.data().clone();
            pruned.prune();
            prop_assert_eq!(back.data(), &pruned);
        }
    }

    #[test]
    fn merge_is_order_independent(
        base in revisions(),
        branches in prop::collection::vec(revisions(), 2..4),
        extra_base in any::<bool>(),
    ) {
        let mut trunk = ConfigMessage::blank().increment();
        for edits in &base {
            for e in edits {
                apply(trunk.data_mut(), e);
            }
            trunk = trunk.increment(None);
        }
        let start = trunk.to_message(None);
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for revs in &branches {
            let mut m = start.increment();
            for (n, edits) in revs.iter().enumerate() {
                if n > 0 {
                    m = m.increment(None);
                }
                for e in edits {
                    apply(m.data_mut(), e);
                }
            }
            inputs.push(m.serialize(None));
        }
        if extra_base {
            inputs.push(start.serialize(None));
        }
        let refs: Vec<&[u8]> = inputs.iter().map(|v| v.as_slice()).collect();
        let first = ConfigMessage::merge(&refs, None, None).expect("merges");
        let mut reversed = refs.clone();
        reversed.reverse();
        let mut rotated = refs.clone();
        rotated.rotate_left(1);
        for order in [reversed, rotated] {
            let other = ConfigMessage::merge(&order, None, None).expect("merges");
            prop_assert_eq!(&other.message, &first.message);
            prop_assert_eq!(
                matches!(other.outcome, MergeOutcome::Merged),
                matches!(first.outcome, MergeOutcome::Merged)
            );
        }
        assert_round_trip(&first.message);
        // Merging the result with its inputs changes nothing.
        let again_bytes = first.message.serialize(None);
        let mut with_result = refs.clone();
        with_result.insert(0, &again_bytes);
        let again = ConfigMessage::merge(&with_result, None, None).expect("merges");
        prop_assert_eq!(&again.message, &first.message);
    }
}
