//! Parameter parsing without a network: which error a request with several problems gets (the
//! first bad field in key order, as upstream loads fields in key order), and the account fields'
//! rules shared by every method.

use super::params::ParseError;
use serde_json::{json, Value};

const PK05: &str = "05aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const PK03: &str = "03aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const HASH: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const TS: u64 = 1_700_000_000_000;

fn sig() -> String {
    "A".repeat(86)
}

/// The parse error of `method` with `params`, or "ok".
fn outcome(method: &str, params: Value) -> String {
    let Value::Object(p) = params else {
        return "not an object".into();
    };
    match super::parse(method, &p) {
        Ok(Some(_)) => "ok".into(),
        Ok(None) => "unknown method".into(),
        Err(ParseError(e)) => e,
    }
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
        b.extend(e);
    }
    base
}

/// Valid signed parameters of each method that takes an account.
fn valid(method: &str) -> Value {
    let auth = json!({"pubkey": PK05, "signature": sig()});
    let rest = match method {
        "store" => json!({"data": "AAAA", "namespace": 2, "timestamp": TS, "ttl": 60_000}),
        "retrieve" => json!({"namespace": 2, "timestamp": TS}),
        "delete" => json!({"messages": [HASH]}),
        "delete_all" | "revoke_subaccount" | "unrevoke_subaccount" => json!({"timestamp": TS}),
        "delete_before" => json!({"before": TS}),
        "expire" => json!({"messages": [HASH], "expiry": TS}),
        "expire_all" => json!({"expiry": TS}),
        "get_expiries" => json!({"messages": [HASH], "timestamp": TS}),
        _ => json!({}),
    };
    let rest = match method {
        "revoke_subaccount" => with(rest, json!({"revoke": ["A".repeat(48)]})),
        "unrevoke_subaccount" => with(rest, json!({"unrevoke": ["A".repeat(48)]})),
        _ => rest,
    };
    with(auth, rest)
}

const ACCOUNT_METHODS: [&str; 11] = [
    "store",
    "retrieve",
    "delete",
    "delete_all",
    "delete_before",
    "expire",
    "expire_all",
    "get_expiries",
    "revoke_subaccount",
    "unrevoke_subaccount",
    "batch",
];

#[test]
fn valid_requests_parse() {
    for m in ACCOUNT_METHODS.iter().filter(|m| **m != "batch") {
        assert_eq!(outcome(m, valid(m)), "ok", "{m}");
    }
}

#[test]
fn the_first_bad_field_in_key_order_is_named() {
    let bad_sig = json!({"signature": 5});
    let cases = [
        // A method field between the account fields wins over a later account field...
        ("store", json!({"sig_timestamp": "x"}), "sig_timestamp"),
        ("delete", json!({"required": "x"}), "required"),
        ("expire", json!({"shorten": "x"}), "shorten"),
        ("revoke_subaccount", json!({"revoke": 5}), "revoke"),
    ];
    for (m, extra, field) in cases {
        let p = with(with(valid(m), bad_sig.clone()), extra.clone());
        let e = outcome(m, p);
        assert!(e.contains(&format!("'{field}'")), "{m}: {e}");
        // ...and loses to an earlier one.
        let p = with(with(valid(m), extra), json!({"pubkey_ed25519": 1}));
        let e = outcome(m, p);
        assert!(e.contains("'pubkey_ed25519'"), "{m}: {e}");
    }
    // The legacy spelling sorts before `pubkey`.
    let p = with(valid("store"), json!({"pubKey": 1, "pubkey": 1}));
    assert!(outcome("store", p).contains("'pubKey'"));
    let p = with(valid("retrieve"), json!({"lastHash": 1, "pubkey": 1}));
    assert!(outcome("retrieve", p).contains("'lastHash'"));
    // A type error comes before any rule, even a missing required field.
    let p = json!({"pubkey": PK05, "subaccount_sig": 1});
    assert!(outcome("delete_all", p).contains("'subaccount_sig'"));
    let p = json!({"pubkey": PK05, "signature": sig(), "unrevoke": 3});
    assert!(outcome("unrevoke_subaccount", p).contains("'unrevoke'"));
}

#[test]
fn revoking_ignores_subaccount_fields() {
    for m in ["revoke_subaccount", "unrevoke_subaccount"] {
        let p = with(valid(m), json!({"subaccount": 5, "subaccount_sig": 5}));
        assert_eq!(outcome(m, p), "ok", "{m}");
    }
    // A method that takes the other list ignores it too.
    let p = with(valid("revoke_subaccount"), json!({"unrevoke": 5}));
    assert_eq!(outcome("revoke_subaccount", p), "ok");
}

#[test]
fn account_field_rules() {
    let signed = ACCOUNT_METHODS[..10].iter().filter(|m| **m != "store");
    for m in signed {
        let mut p = valid(m);
        if let Value::Object(o) = &mut p {
            o.remove("pubkey");
        }
        assert_eq!(outcome(m, p), "Required field 'pubkey' missing", "{m}");
        let p = with(valid(m), json!({"pubkey": "05zz"}));
        assert_eq!(
            outcome(m, p),
            "Pubkey must be 66 hex digits (33 bytes) long",
            "{m}"
        );
        let mut p = valid(m);
        if let Value::Object(o) = &mut p {
            o.remove("signature");
        }
        assert_eq!(outcome(m, p), "Required field 'signature' missing", "{m}");
        let p = with(valid(m), json!({"signature": "A".repeat(87)}));
        assert_eq!(
            outcome(m, p),
            "invalid signature: expected base64 encoded Ed25519 signature",
            "{m}"
        );
        let p = with(
            valid(m),
            json!({"pubkey": PK03, "pubkey_ed25519": "b".repeat(64)}),
        );
        assert_eq!(
            outcome(m, p),
            "pubkey_ed25519 is only permitted for 05[...] pubkeys",
            "{m}"
        );
        let p = with(valid(m), json!({"pubkey_ed25519": "z".repeat(64)}));
        assert_eq!(
            outcome(m, p),
            "invalid pubkey_ed25519: value is not hex",
            "{m}"
        );
        for len in [0, 31, 33, 63, 65] {
            let p = with(valid(m), json!({"pubkey_ed25519": "b".repeat(len)}));
            assert_eq!(
                outcome(m, p),
                "Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey",
                "{m} {len}"
            );
        }
        for ok in ["b".repeat(64), "B".repeat(64), "x".repeat(32)] {
            let p = with(valid(m), json!({ "pubkey_ed25519": ok }));
            assert_eq!(outcome(m, p), "ok", "{m}");
        }
    }
}

#[test]
fn subaccount_rules() {
    let methods = ACCOUNT_METHODS[..8].iter();
    for m in methods {
        let tok = "A".repeat(48);
        let p = with(valid(m), json!({ "subaccount": tok }));
        assert_eq!(
            outcome(m, p),
            "invalid subaccount: subaccount_sig is required when using subaccount",
            "{m}"
        );
        let p = with(
            valid(m),
            json!({"subaccount": "A".repeat(47), "subaccount_sig": sig()}),
        );
        assert_eq!(
            outcome(m, p),
            "invalid subaccount: expected base64 or hex-encoded subaccount token",
            "{m}"
        );
        let p = with(valid(m), json!({"subaccount": tok, "subaccount_sig": "x"}));
        assert_eq!(
            outcome(m, p),
            "invalid subaccount signature: expected base64 encoded Ed25519 signature",
            "{m}"
        );
        // An empty token means none.
        let p = with(valid(m), json!({"subaccount": ""}));
        assert_eq!(outcome(m, p), "ok", "{m}");
        for tok in ["A".repeat(48), "ab".repeat(36)] {
            let p = with(
                valid(m),
                json!({"subaccount": tok, "subaccount_sig": sig()}),
            );
            assert_eq!(outcome(m, p), "ok", "{m}");
        }
    }
}

#[test]
fn store_and_retrieve_take_the_legacy_pubkey_spelling() {
    for m in ["store", "retrieve"] {
        let mut p = valid(m);
        if let Value::Object(o) = &mut p {
            o.remove("pubkey");
            o.insert("pubKey".into(), PK05.into());
        }
        assert_eq!(outcome(m, p.clone()), "ok", "{m}");
        let p = with(p, json!({ "pubkey": PK05 }));
        assert_eq!(
            outcome(m, p),
            "Cannot specify both 'pubkey' and 'pubKey'",
            "{m}"
        );
    }
    // Other methods do not know it.
    let mut p = valid("delete");
    if let Value::Object(o) = &mut p {
        o.remove("pubkey");
        o.insert("pubKey".into(), PK05.into());
    }
    assert_eq!(outcome("delete", p), "Required field 'pubkey' missing");
}

#[test]
fn unsigned_store_and_retrieve_ignore_the_other_account_fields() {
    // Without a signature, store reads only the account key (a public inbox needs no more).
    let p = json!({"pubkey": PK05, "pubkey_ed25519": "z".repeat(64), "subaccount": "x",
        "data": "AAAA", "timestamp": TS, "ttl": 60_000});
    assert_eq!(outcome("store", p), "ok");
    // Retrieve with an Ed25519 key asks for a signature.
    let p = json!({"pubkey": PK05, "pubkey_ed25519": "b".repeat(64), "timestamp": TS});
    assert_eq!(outcome("retrieve", p), "Required field 'signature' missing");
    let p = json!({"pubkey": PK05, "subaccount": "x"});
    assert_eq!(outcome("retrieve", p), "ok");
    // Rule order: the store timestamp is checked before the account.
    let p = json!({"data": "AAAA", "ttl": 60_000});
    assert_eq!(outcome("store", p), "Required field 'timestamp' missing");
    // ... and the account before the data.
    let p = json!({"pubkey": "05", "timestamp": TS, "ttl": 60_000});
    assert_eq!(
        outcome("store", p),
        "Pubkey must be 66 hex digits (33 bytes) long"
    );
}

#[test]
fn batches_parse_their_subrequests() {
    let sub = |m: &str| json!({"method": m, "params": valid(m)});
    let p = json!({"requests": [sub("store"), sub("retrieve"), sub("delete")]});
    assert_eq!(outcome("batch", p.clone()), "ok");
    assert_eq!(outcome("sequence", p), "ok");
    let bad = json!({"method": "delete", "params": {"pubkey": PK05}});
    let p = json!({"requests": [sub("store"), bad]});
    assert_eq!(outcome("batch", p), "Required field 'signature' missing");
    let p = json!({"if": {"hf_at_least": [19]}, "then": sub("store"),
        "else": {"method": "batch", "params": {"requests": [sub("retrieve")]}}});
    assert_eq!(outcome("ifelse", p), "ok");
}
