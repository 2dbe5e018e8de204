//! Onion requests: the official vectors, the spec's §4.10 and §4.6 examples, full round trips
//! in both suites, and decoders fed random and mutated bytes.

use aes_gcm::aead::{Aead, KeyInit};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Map, Value};
use session_core::onion::bencode::{self, Bt};
use session_core::onion::*;
use session_testkit::{curated, raw_literals, spec, spec_table};
use x25519_dalek::{PublicKey, StaticSecret};

fn arr(v: Vec<u8>) -> [u8; 32] {
    v.try_into().expect("32 bytes")
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(7)
}

/// The lines of `doc` from the first one starting with `start` up to (not including) the next
/// one starting with `end`.
fn section(doc: &str, start: &str, end: &str) -> String {
    let text = spec(doc);
    let lines: Vec<&str> = text.lines().skip_while(|l| !l.starts_with(start)).collect();
    assert!(!lines.is_empty(), "{doc}: no line starting with {start}");
    let n = lines
        .iter()
        .skip(1)
        .position(|l| l.starts_with(end))
        .map_or(lines.len(), |i| i + 1);
    lines[..n].join("\n")
}

/// Every `backticked` span of a text.
fn backticks(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The value of the row of a two-column spec table whose label starts with `label`.
fn row<'a>(table: &'a [Vec<String>], label: &str) -> &'a str {
    &table
        .iter()
        .find(|r| r[0].starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}"))[1]
}

struct Node {
    secret: [u8; 32],
    hop: Hop,
}

fn node(rng: &mut StdRng) -> Node {
    let secret = StaticSecret::random_from_rng(&mut *rng);
    let mut ed25519 = [0u8; 32];
    rand::RngCore::fill_bytes(rng, &mut ed25519);
    Node {
        hop: Hop {
            ed25519,
            x25519: PublicKey::from(&secret).to_bytes(),
        },
        secret: secret.to_bytes(),
    }
}

// ---- official vectors ----

#[test]
fn hop_decrypt_vectors_decrypt_on_both_sides() {
    for v in curated("onion_hop_decrypt") {
        let enc: EncType = v.input_str("enc_type").parse().unwrap();
        let ct = v.input_hex("ciphertext_hex");
        let node = LayerKey::node(
            &arr(v.input_hex("server_x25519_sk_hex")),
            &arr(v.input_hex("client_x25519_pk_hex")),
            enc,
        )
        .unwrap();
        assert_eq!(node.decrypt(&ct).unwrap(), v.expected_hex("plaintext_hex"));
        let client = LayerKey::client(
            &arr(v.input_hex("client_x25519_sk_hex")),
            &arr(v.input_hex("server_x25519_pk_hex")),
            enc,
        )
        .unwrap();
        assert_eq!(
            client.decrypt(&ct).unwrap(),
            v.expected_hex("plaintext_hex")
        );
        // The other suite must not accept it.
        let other = if enc == EncType::AesGcm {
            EncType::XChaCha20
        } else {
            EncType::AesGcm
        };
        let wrong = LayerKey::client(
            &arr(v.input_hex("client_x25519_sk_hex")),
            &arr(v.input_hex("server_x25519_pk_hex")),
            other,
        )
        .unwrap();
        assert!(wrong.decrypt(&ct).is_err());
    }
}

#[test]
fn broken_upstream_ciphertexts_fail() {
    let v = &curated("onion_hop_decrypt")[0];
    let mut broken = 0;
    for lit in raw_literals("tests/test_onionreq.cpp") {
        let label = lit["label"].as_str().unwrap_or_default();
        let hex = lit["values"][0]["hex"].as_str().unwrap_or_default();
        if !label.contains("_broken") || hex.is_empty() {
            continue;
        }
        for enc in [EncType::AesGcm, EncType::XChaCha20] {
            let key = LayerKey::node(
                &arr(v.input_hex("server_x25519_sk_hex")),
                &arr(v.input_hex("client_x25519_pk_hex")),
                enc,
            )
            .unwrap();
            let err = key.decrypt(&unhex(hex)).unwrap_err();
            assert!(err.is_ciphertext_error(), "{label}: {err}");
        }
        broken += 1;
    }
    assert_eq!(broken, 4, "the four non-empty *_broken literals");
}

#[test]
fn request_parse_vectors_peel_and_reply() {
    for v in curated("onion_request_parse") {
        let enc: EncType = v.input_str("enc_type").parse().unwrap();
        let request = v.input_hex("request_hex");
        let layer = peel(&arr(v.input_hex("x25519_sk_hex")), &request).unwrap();
        assert_eq!(layer.plaintext, v.expected_hex("payload_hex"));
        assert_eq!(layer.key.enc_type(), enc);
        assert_eq!(layer.hop_no, 0);
        let (_, json) = parse_combined(&request).unwrap();
        assert_eq!(
            unhex(json["ephemeral_key"].as_str().unwrap()),
            v.expected_hex("remote_pubkey_hex")
        );
        // Not a combined payload: nothing to route.
        assert!(route(&layer.plaintext).is_err());

        let reply_plain = v.expected_hex("reply_plaintext_hex");
        let reply = layer.key.encrypt(&reply_plain, &mut rng());
        assert_eq!(
            reply.len() as u64,
            v.expected["reply_size"].as_u64().unwrap()
        );
        let client = LayerKey::client(
            &arr(v.input_hex("client_x25519_sk_hex")),
            &arr(v.input_hex("x25519_pk_hex")),
            enc,
        )
        .unwrap();
        assert_eq!(client.decrypt(&reply).unwrap(), reply_plain);
        let example = unhex(
            v.raw["refpeer_derived"]["example_reply_ciphertext_hex"]
                .as_str()
                .unwrap(),
        );
        assert_eq!(client.decrypt_reply(&example).unwrap(), reply_plain);
    }
}

// ---- spec §4.10 ----

#[test]
fn spec_vector_set_1_and_derived_keys() {
    let t = spec_table("network.md", "Vector set 1");
    let a = arr(unhex(row(&t, "a")));
    let b = arr(unhex(row(&t, "b")));
    let big_a = arr(unhex(row(&t, "A")));
    let big_b = arr(unhex(row(&t, "B")));
    assert_eq!(PublicKey::from(&StaticSecret::from(a)).to_bytes(), big_a);
    assert_eq!(PublicKey::from(&StaticSecret::from(b)).to_bytes(), big_b);
    let gcm_ct = unhex(row(&t, "AES-GCM ciphertext"));
    let xcha_ct = unhex(row(&t, "XChaCha20 ciphertext"));
    let gcm_key = unhex(row(&t, "**DERIVED** AES-GCM key"));
    let xcha_key = unhex(row(&t, "**DERIVED** XChaCha key"));

    // The derived keys decrypt the vectors with plain AEADs…
    let plain = aes_gcm::Aes256Gcm::new_from_slice(&gcm_key)
        .unwrap()
        .decrypt(gcm_ct[..12].into(), &gcm_ct[12..])
        .unwrap();
    let plain2 = chacha20poly1305::XChaCha20Poly1305::new_from_slice(&xcha_key)
        .unwrap()
        .decrypt(xcha_ct[..24].into(), &xcha_ct[24..])
        .unwrap();
    assert_eq!(plain, plain2);
    // …and our layer keys are those keys: what they encrypt, the derived keys decrypt.
    let gcm = LayerKey::client(&a, &big_b, EncType::AesGcm).unwrap();
    let ours = gcm.encrypt(&plain, &mut rng());
    let back = aes_gcm::Aes256Gcm::new_from_slice(&gcm_key)
        .unwrap()
        .decrypt(ours[..12].into(), &ours[12..])
        .unwrap();
    assert_eq!(back, plain);
    let xcha = LayerKey::node(&b, &big_a, EncType::XChaCha20).unwrap();
    let ours = xcha.encrypt(&plain, &mut rng());
    let back = chacha20poly1305::XChaCha20Poly1305::new_from_slice(&xcha_key)
        .unwrap()
        .decrypt(ours[..24].into(), &ours[24..])
        .unwrap();
    assert_eq!(back, plain);
    assert_eq!(gcm.decrypt(&gcm_ct).unwrap(), plain);
    assert_eq!(xcha.decrypt(&xcha_ct).unwrap(), plain);
}

#[test]
fn spec_vector_set_1_negative_checks() {
    let t = spec_table("network.md", "Vector set 1");
    let text = section("network.md", "Upstream negative checks", "Vector set 2");
    let a = arr(unhex(row(&t, "a")));
    let big_b = arr(unhex(row(&t, "B")));
    // "byte offset 12 of the GCM vector (`49` → `59` …) or its last byte (`61` → `69`)"
    let ticks = backticks(&text);
    let cases = [
        (
            "AES-GCM ciphertext",
            EncType::AesGcm,
            &ticks[0],
            &ticks[1],
            &ticks[2],
            &ticks[3],
        ),
        (
            "XChaCha20 ciphertext",
            EncType::XChaCha20,
            &ticks[4],
            &ticks[5],
            &ticks[6],
            &ticks[7],
        ),
    ];
    let offset: usize = text
        .split("byte offset ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    for (label, enc, from1, to1, from2, to2) in cases {
        let ct = unhex(row(&t, label));
        let key = LayerKey::client(&a, &big_b, enc).unwrap();
        assert!(key.decrypt(&ct).is_ok());
        let mut m1 = ct.clone();
        assert_eq!(hex::encode([m1[offset]]), *from1);
        m1[offset] = unhex(to1)[0];
        assert_eq!(key.decrypt(&m1), Err(OnionError::DecryptionFailed));
        let mut m2 = ct.clone();
        let last = m2.len() - 1;
        assert_eq!(hex::encode([m2[last]]), *from2);
        m2[last] = unhex(to2)[0];
        assert_eq!(key.decrypt(&m2), Err(OnionError::DecryptionFailed));
    }
}

#[test]
fn spec_vector_set_2_envelopes() {
    let t = spec_table("network.md", "Vector set 2");
    let b = arr(unhex(row(&t, "b")));
    let a = arr(unhex(row(&t, "a")));
    let big_b = arr(unhex(row(&t, "B")));
    let text = section("network.md", "Vector set 2", "Vector set 3");
    for (label, enc) in [
        ("AES-GCM envelope", EncType::AesGcm),
        ("XChaCha envelope", EncType::XChaCha20),
    ] {
        let env = unhex(row(&t, label));
        let layer = peel(&b, &env).unwrap();
        assert!(text.contains(&format!(
            "payload decrypts to \"{}\"",
            String::from_utf8(layer.plaintext.clone()).unwrap()
        )));
        assert_eq!(layer.key.enc_type(), enc);
        let reply = layer.key.encrypt(b"Goodbye world", &mut rng());
        let sizes = if enc == EncType::AesGcm {
            "12+13+16"
        } else {
            "24+13+16"
        };
        let expected = format!("{sizes} = {}", reply.len());
        assert!(text.contains(&expected), "{expected}");
        let client = LayerKey::client(&a, &big_b, enc).unwrap();
        assert_eq!(client.decrypt(&reply).unwrap(), b"Goodbye world");
    }
}

#[test]
fn spec_vector_set_3_overheads_and_roles() {
    let text = section("network.md", "Vector set 3", "Vector set 4");
    let keys: Vec<[u8; 32]> = backticks(&text)
        .iter()
        .filter(|s| s.len() == 64)
        .map(|s| arr(unhex(s)))
        .collect();
    // Each party is listed as two keys; find which is the secret.
    let split = |x: [u8; 32], y: [u8; 32]| {
        if PublicKey::from(&StaticSecret::from(x)).to_bytes() == y {
            (x, y)
        } else {
            assert_eq!(PublicKey::from(&StaticSecret::from(y)).to_bytes(), x);
            (y, x)
        }
    };
    let (alice_sec, alice_pub) = split(keys[0], keys[1]);
    let (bob_sec, bob_pub) = split(keys[2], keys[3]);
    let overhead = |suite: &str| -> usize {
        let before = text.split(&format!("({suite})")).next().unwrap();
        before.rsplit('+').next().unwrap().trim().parse().unwrap()
    };
    let msg = b"a nineteen-byte msg";
    for (enc, suite) in [(EncType::AesGcm, "GCM"), (EncType::XChaCha20, "XChaCha")] {
        let client = LayerKey::client(&alice_sec, &bob_pub, enc).unwrap();
        let server = LayerKey::node(&bob_sec, &alice_pub, enc).unwrap();
        let ct = client.encrypt(msg, &mut rng());
        assert_eq!(ct.len(), msg.len() + overhead(suite));
        assert_eq!(server.decrypt(&ct).unwrap(), msg);
        assert_eq!(
            client.decrypt(&server.encrypt(msg, &mut rng())).unwrap(),
            msg
        );
        // Roles swapped: Bob acting as client towards Alice derives another XChaCha key.
        let swapped = LayerKey::node(&alice_sec, &bob_pub, enc).unwrap();
        let same_key = swapped.decrypt(&ct).is_ok();
        assert_eq!(same_key, enc == EncType::AesGcm);
    }
}

#[test]
fn spec_vector_set_4_dispatch_and_targets() {
    let text = section("network.md", "Vector set 4", "### 4.11");
    let ticks = backticks(&text);
    let at = ticks.iter().position(|t| t == "prefix").unwrap();
    let prefix = unhex(&ticks[at + 1]);
    let body = ticks[at + 2].as_bytes();
    let mut payload_head = prefix.clone();
    payload_head.extend_from_slice(body);
    let jsons: Vec<&String> = ticks.iter().filter(|t| t.starts_with('{')).collect();
    assert_eq!(jsons.len(), 3);

    let final_pt = [payload_head.clone(), jsons[0].as_bytes().to_vec()].concat();
    match route(&final_pt).unwrap() {
        Instruction::Final { request, .. } => assert_eq!(request, body),
        other => panic!("{other:?}"),
    }
    let server_pt = [payload_head.clone(), jsons[1].as_bytes().to_vec()].concat();
    match route(&server_pt).unwrap() {
        Instruction::ToServer {
            host,
            target,
            protocol,
            port,
            payload,
        } => {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&format!("with port {port}, protocol {protocol}")));
            assert_eq!((host.as_str(), target.as_str()), ("host", "target"));
            assert_eq!(payload, server_pt);
        }
        other => panic!("{other:?}"),
    }
    let node_pt = [payload_head, jsons[2].as_bytes().to_vec()].concat();
    let node_json: Value = serde_json::from_str(jsons[2]).unwrap();
    match route(&node_pt).unwrap() {
        Instruction::ToNode {
            ed25519,
            ephemeral_key,
            enc_type,
            blob,
        } => {
            assert_eq!(hex::encode(ed25519), node_json["destination"]);
            assert_eq!(hex::encode(ephemeral_key), node_json["ephemeral_key"]);
            assert_eq!(enc_type, EncType::AesGcm);
            assert_eq!(blob, body);
        }
        other => panic!("{other:?}"),
    }
    let filter = text.split("Target filter:").nth(1).unwrap();
    let (allowed, rejected) = filter.split_once("allowed").unwrap();
    for t in backticks(allowed) {
        assert!(is_allowed_server_target("https", &t), "{t}");
    }
    let rejected = backticks(rejected);
    assert_eq!(rejected.len(), 3);
    for t in rejected {
        assert!(!is_allowed_server_target("https", &t), "{t}");
    }
    assert!(!is_allowed_server_target("ftp", "/oxen/v4/lsrpc"));
}

// ---- v4 (§4.6) ----

#[test]
fn spec_v4_examples() {
    let text = section("network.md", "### 4.6", "### 4.7");
    let examples: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("l5") || l.starts_with("l9"))
        .collect();
    assert_eq!(examples.len(), 2);
    let get = v4::decode_request(examples[0].as_bytes()).unwrap();
    assert_eq!(get.method, "GET");
    assert!(get.body.is_none());
    let post = v4::decode_request(examples[1].as_bytes()).unwrap();
    assert_eq!(post.method, "POST");
    assert_eq!(post.body.as_deref(), Some(&b"hello"[..]));
    for r in [get, post] {
        let enc = v4::encode_request(&r.method, &r.endpoint, &r.headers, r.body.as_deref());
        assert_eq!(v4::decode_request(&enc).unwrap(), r);
        // Same length prefix: the same JSON, only the key order may differ.
        let original = examples.iter().find(|e| e.len() == enc.len());
        assert!(original.is_some(), "{}", String::from_utf8_lossy(&enc));
    }
    let response_example = backticks(&text)
        .into_iter()
        .find(|t| t.starts_with("l58:"))
        .unwrap();
    let resp = v4::decode_response(response_example.as_bytes()).unwrap();
    assert_eq!(resp.code, 200);
    assert_eq!(resp.headers["content-type"], "application/json");
    assert_eq!(
        v4::encode_response(resp.code, &resp.headers, &resp.body),
        response_example.as_bytes()
    );
}

#[test]
fn v4_decoders_refuse_bad_shapes() {
    let meta = br#"{"method":"GET","endpoint":"/x"}"#;
    let ok = bencode::encode(&Bt::List(vec![Bt::Bytes(meta.to_vec())]));
    let r = v4::decode_request(&ok).unwrap();
    assert!(r.headers.is_empty(), "headers are optional");
    for bad in [
        &b"d1:ai1ee"[..],
        b"le",
        b"l2:{}e",
        b"li5ee",
        b"l1:a1:b1:ce",
        b"l33:{\"method\":\"GET\",\"endpoint\":\"x\"}e",
    ] {
        assert!(
            matches!(
                v4::decode_request(bad),
                Err(OnionError::InvalidV4(_) | OnionError::Bencode(_))
            ),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
    assert!(v4::decode_response(b"l12:{\"code\":-1}e").is_err());
    let no_body = v4::decode_response(b"l12:{\"code\":204}e").unwrap();
    assert_eq!((no_body.code, no_body.body.len()), (204, 0));
}

#[test]
fn bencode_round_trip_and_errors() {
    let mut dict = std::collections::BTreeMap::new();
    dict.insert(b"data".to_vec(), Bt::Bytes(vec![0, 1, 2]));
    dict.insert(b"hop_no".to_vec(), Bt::Int(-3));
    dict.insert(
        b"list".to_vec(),
        Bt::List(vec![Bt::Int(0), Bt::Bytes(vec![])]),
    );
    let v = Bt::Dict(dict);
    let enc = bencode::encode(&v);
    assert_eq!(bencode::decode(&enc).unwrap(), v);
    for bad in [
        &b""[..],
        b"i-0e",
        b"i01e",
        b"ie",
        b"5:abc",
        b"01:a",
        b"l",
        b"i1ei2e",
        b"x",
        b"99999999999999999999999:a",
    ] {
        assert!(
            matches!(bencode::decode(bad), Err(OnionError::Bencode(_))),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
    let deep = [vec![b'l'; 10_000], vec![b'e'; 10_000]].concat();
    assert!(bencode::decode(&deep).is_err());
}

// ---- round trips ----

fn walk_to_destination(
    nodes: &[Node],
    dest_secret: &[u8; 32],
    body: Vec<u8>,
) -> (PeeledLayer, Instruction) {
    let mut body = body;
    for (i, n) in nodes.iter().enumerate() {
        let layer = peel(&n.secret, &body).unwrap();
        assert_eq!(layer.hop_no, i as u64);
        let next_ed = nodes.get(i + 1).map(|m| m.hop.ed25519);
        match route(&layer.plaintext).unwrap() {
            Instruction::ToNode {
                ed25519,
                ephemeral_key,
                enc_type,
                blob,
            } => {
                if let Some(ed) = next_ed {
                    assert_eq!(ed25519, ed);
                }
                body = forward_body(&blob, &ephemeral_key, enc_type, layer.hop_no + 1);
            }
            other => {
                assert!(next_ed.is_none(), "only the last hop leaves the path");
                return (layer, other);
            }
        }
    }
    let layer = peel(dest_secret, &body).unwrap();
    let instruction = route(&layer.plaintext).unwrap();
    (layer, instruction)
}

#[test]
fn node_destination_round_trips() {
    let mut rng = rng();
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        for hops in 1..=4 {
            let path: Vec<Node> = (0..hops).map(|_| node(&mut rng)).collect();
            let dest = node(&mut rng);
            let payload = br#"{"method":"info","params":{}}"#;
            let hop_list: Vec<Hop> = path.iter().map(|n| n.hop).collect();
            let req = build(
                &hop_list,
                &Destination::Node(dest.hop),
                payload,
                enc,
                &mut rng,
            )
            .unwrap();
            assert_eq!(req.guard_ed25519, path[0].hop.ed25519);
            let (_, envelope) = parse_combined(&req.body).unwrap();
            assert_eq!(envelope["enc_type"], enc.as_str());

            let (layer, instruction) = walk_to_destination(&path, &dest.secret, req.body);
            let Instruction::Final { request, json } = instruction else {
                panic!("destination expected");
            };
            assert_eq!(request, payload);
            assert_eq!(json["headers"], "");
            assert_eq!(ReplyFlags::from_json(&json), ReplyFlags::default());
            assert_eq!(layer.hop_no, hops as u64);

            let http = encode_node_reply(&layer.key, 421, "{\"snodes\":[]}", &mut rng);
            let reply = decode_node_reply(&req.reply_key, &http).unwrap();
            assert_eq!(reply.status, 421);
            assert_eq!(reply.body_json().unwrap(), json!({ "snodes": [] }));
        }
    }
}

#[test]
fn server_destination_round_trips() {
    let mut rng = rng();
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        let path: Vec<Node> = (0..3).map(|_| node(&mut rng)).collect();
        let server = node(&mut rng);
        let mut headers = Map::new();
        headers.insert("Content-Type".into(), "application/octet-stream".into());
        let v4_req = v4::encode_request("POST", "/file", &headers, Some(b"hello"));
        let dest = Destination::Server {
            host: "files.local".into(),
            target: "/oxen/v4/lsrpc".into(),
            protocol: "http".into(),
            port: 8080,
            x25519: server.hop.x25519,
        };
        let hop_list: Vec<Hop> = path.iter().map(|n| n.hop).collect();
        let req = build(&hop_list, &dest, &v4_req, enc, &mut rng).unwrap();
        let (last, instruction) = walk_to_destination(&path, &[0; 32], req.body);
        let Instruction::ToServer {
            host,
            target,
            protocol,
            port,
            payload,
        } = instruction
        else {
            panic!("server relay expected");
        };
        assert_eq!(
            (host.as_str(), target.as_str(), protocol.as_str(), port),
            ("files.local", "/oxen/v4/lsrpc", "http", 8080)
        );
        assert_eq!(payload, last.plaintext);
        assert!(is_allowed_server_target(&protocol, &target));

        // The server reads the last hop's whole plaintext like a guard envelope.
        let at_server = peel(&server.secret, &payload).unwrap();
        let decoded = v4::decode_request(&at_server.plaintext).unwrap();
        assert_eq!(decoded.endpoint, "/file");
        assert_eq!(decoded.body.as_deref(), Some(&b"hello"[..]));

        let mut resp_headers = Map::new();
        resp_headers.insert("content-type".into(), "application/json".into());
        let http = encode_server_reply(&at_server.key, 201, &resp_headers, b"{\"id\":1}", &mut rng);
        let resp = decode_server_reply(&req.reply_key, &http).unwrap();
        assert_eq!((resp.code, resp.body.as_slice()), (201, &b"{\"id\":1}"[..]));
        assert_eq!(resp.headers, resp_headers);
    }
}

#[test]
fn build_refuses_empty_paths_and_weak_keys() {
    let mut rng = rng();
    let dest = node(&mut rng);
    assert_eq!(
        build(
            &[],
            &Destination::Node(dest.hop),
            b"x",
            EncType::AesGcm,
            &mut rng
        )
        .unwrap_err(),
        OnionError::EmptyPath
    );
    let weak = Hop {
        ed25519: [1; 32],
        x25519: [0; 32],
    };
    assert_eq!(
        build(
            &[weak],
            &Destination::Node(dest.hop),
            b"x",
            EncType::AesGcm,
            &mut rng
        )
        .unwrap_err(),
        OnionError::WeakKey
    );
}

// ---- replies ----

#[test]
fn node_reply_legacy_wrapper_status_code_and_fallback() {
    let mut rng = rng();
    let client_secret = [3u8; 32];
    let client_pub = PublicKey::from(&StaticSecret::from(client_secret)).to_bytes();
    let n = node(&mut rng);
    let client = LayerKey::client(&client_secret, &n.hop.x25519, EncType::XChaCha20).unwrap();
    let server = LayerKey::node(&n.secret, &client_pub, EncType::XChaCha20).unwrap();

    let plain = encode_node_reply(&server, 200, "ok", &mut rng);
    let wrapped = json!({ "result": String::from_utf8(plain.clone()).unwrap() }).to_string();
    let r = decode_node_reply(&client, wrapped.as_bytes()).unwrap();
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));

    // A legacy server answering an XChaCha20 request with AES-GCM.
    let legacy = LayerKey::node(&n.secret, &client_pub, EncType::AesGcm).unwrap();
    let http = encode_node_reply(&legacy, 503, "busy", &mut rng);
    let r = decode_node_reply(&client, &http).unwrap();
    assert_eq!((r.status, r.body.as_str()), (503, "busy"));
    // …which an AES-GCM client never needs the other way round.
    let gcm_client = LayerKey::client(&client_secret, &n.hop.x25519, EncType::AesGcm).unwrap();
    let x_http = encode_node_reply(&server, 200, "x", &mut rng);
    assert!(decode_node_reply(&gcm_client, &x_http).is_err());

    // status_code wins over status; an embedded JSON body is returned serialised.
    let raw = json!({"status_code": 404, "status": 200, "body": {"a": 1}}).to_string();
    let ct = server.encrypt(raw.as_bytes(), &mut rng);
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, ct);
    let r = decode_node_reply(&client, b64.as_bytes()).unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(r.body_json().unwrap(), json!({"a": 1}));

    // Flags: embedded JSON and raw ciphertext.
    let flags = ReplyFlags {
        embed_json: true,
        base64: false,
    };
    let raw = encode_node_reply_with(&server, 200, &json!({"k": [1]}), flags, &mut rng);
    let inner: Value = serde_json::from_slice(&client.decrypt(&raw).unwrap()).unwrap();
    assert_eq!(inner, json!({"status": 200, "body": {"k": [1]}}));
    let double = encode_node_reply_with(
        &server,
        200,
        &json!({"k": [1]}),
        ReplyFlags::default(),
        &mut rng,
    );
    let r = decode_node_reply(&client, &double).unwrap();
    assert_eq!(r.body, "{\"k\":[1]}");

    assert_eq!(
        decode_node_reply(&client, b"not base64!").unwrap_err(),
        OnionError::InvalidBase64
    );
    let no_status = server.encrypt(br#"{"body":"x"}"#, &mut rng);
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, no_status);
    assert!(matches!(
        decode_node_reply(&client, b64.as_bytes()),
        Err(OnionError::InvalidReply(_))
    ));
}

// ---- typed errors ----

fn envelope(blob: &[u8], json: Value) -> Vec<u8> {
    encode_combined(blob, &json)
}

#[test]
fn peel_errors_are_typed_and_classified() {
    let mut rng = rng();
    let n = node(&mut rng);
    let other = node(&mut rng);
    let req = build(
        &[n.hop],
        &Destination::Node(other.hop),
        b"{}",
        EncType::AesGcm,
        &mut rng,
    )
    .unwrap();

    let wrong = peel(&other.secret, &req.body).unwrap_err();
    assert_eq!(wrong, OnionError::DecryptionFailed);
    assert!(wrong.is_ciphertext_error());

    type Check = fn(&OnionError) -> bool;
    let cases: Vec<(Vec<u8>, Check)> = vec![
        (vec![1, 0], |e| {
            matches!(e, OnionError::MissingLength { len: 2 })
        }),
        (vec![9, 0, 0, 0, 1], |e| {
            matches!(
                e,
                OnionError::BlobTruncated {
                    declared: 9,
                    available: 1
                }
            )
        }),
        (envelope(b"", json!([1])), |e| {
            matches!(e, OnionError::InvalidJson(_))
        }),
        ([&0u32.to_le_bytes()[..], b"{"].concat(), |e| {
            matches!(e, OnionError::InvalidJson(_))
        }),
        (envelope(b"", json!({})), |e| {
            *e == OnionError::MissingField("ephemeral_key")
        }),
        (envelope(b"", json!({"ephemeral_key": "zz"})), |e| {
            matches!(
                e,
                OnionError::InvalidField {
                    field: "ephemeral_key",
                    ..
                }
            )
        }),
        (
            envelope(
                b"",
                json!({"ephemeral_key": hex::encode([1; 32]), "enc_type": "aes-cbc"}),
            ),
            |e| matches!(e, OnionError::UnknownEncType(_)),
        ),
        (
            envelope(
                b"",
                json!({"ephemeral_key": hex::encode([1; 32]), "hop_no": "1"}),
            ),
            |e| {
                matches!(
                    e,
                    OnionError::InvalidField {
                        field: "hop_no",
                        ..
                    }
                )
            },
        ),
        (
            envelope(b"", json!({"ephemeral_key": hex::encode([9; 32])})),
            |e| matches!(e, OnionError::CiphertextTooShort { .. }),
        ),
        (
            envelope(&[0; 40], json!({"ephemeral_key": hex::encode([0; 32])})),
            |e| *e == OnionError::WeakKey,
        ),
    ];
    for (body, check) in cases {
        let err = peel(&n.secret, &body).unwrap_err();
        assert!(check(&err), "{err:?}");
        assert!(!err.to_string().is_empty());
    }
    let huge = vec![0u8; MAX_ONION_REQUEST_SIZE + 1];
    assert!(matches!(
        peel(&n.secret, &huge),
        Err(OnionError::TooLarge { .. })
    ));

    // Negative hop numbers count as 0; the real layer still peels.
    let (blob, mut json) = parse_combined(&req.body).unwrap();
    json.insert("hop_no".into(), (-5).into());
    let layer = peel(&n.secret, &encode_combined(blob, &Value::Object(json))).unwrap();
    assert_eq!(layer.hop_no, 0);
}

#[test]
fn route_errors_are_typed() {
    let bad: Vec<(Value, &str)> = vec![
        (json!({"headers": "", "json": "yes"}), "json"),
        (json!({"headers": "", "base64": 1}), "base64"),
        (json!({"host": 1, "target": "/oxen/v4/lsrpc"}), "host"),
        (json!({"host": "h"}), "target"),
        (json!({"host": "h", "target": "/t", "port": 70000}), "port"),
        (json!({"host": "h", "target": "/t", "port": "443"}), "port"),
        (
            json!({"host": "h", "target": "/t", "protocol": 5}),
            "protocol",
        ),
        (
            json!({"ephemeral_key": hex::encode([1; 32])}),
            "destination",
        ),
        (
            json!({"destination": hex::encode([1; 32])}),
            "ephemeral_key",
        ),
        (
            json!({"destination": "00", "ephemeral_key": hex::encode([1; 32])}),
            "destination",
        ),
    ];
    for (j, field) in bad {
        let err = route(&envelope(b"x", j.clone())).unwrap_err();
        let named = match &err {
            OnionError::MissingField(f) => *f,
            OnionError::InvalidField { field, .. } => *field,
            other => panic!("{j}: {other:?}"),
        };
        assert_eq!(named, field, "{j}");
    }
    let err = route(&envelope(
        b"",
        json!({"destination": hex::encode([1; 32]), "ephemeral_key": hex::encode([2; 32]), "enc_type": "rot13"}),
    ))
    .unwrap_err();
    assert_eq!(err, OnionError::UnknownEncType("rot13".into()));
    let defaults = route(&envelope(
        b"",
        json!({"host": "h", "target": "/oxen/v4/lsrpc"}),
    ))
    .unwrap();
    assert!(
        matches!(defaults, Instruction::ToServer { port: 443, ref protocol, .. } if protocol == "https")
    );
}

#[test]
fn enc_type_names() {
    for (name, enc) in [
        ("aes-gcm", EncType::AesGcm),
        ("gcm", EncType::AesGcm),
        ("xchacha20", EncType::XChaCha20),
        ("xchacha20-poly1305", EncType::XChaCha20),
    ] {
        assert_eq!(name.parse::<EncType>().unwrap(), enc);
        assert_eq!(enc.as_str().parse::<EncType>().unwrap(), enc);
    }
    assert_eq!(EncType::default(), EncType::AesGcm);
    assert!("cbc".parse::<EncType>().is_err());
}

// ---- decoders never panic ----

fn mutate(mut data: Vec<u8>, edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    for &(i, b) in edits {
        if !data.is_empty() {
            let i = i % data.len();
            data[i] ^= b;
        }
    }
    let keep = data.len().saturating_sub(cut % 8);
    data.truncate(keep);
    data
}

fn sample_request(enc: EncType) -> (Vec<u8>, [u8; 32], LayerKey) {
    let mut rng = rng();
    let n = node(&mut rng);
    let d = node(&mut rng);
    let req = build(
        &[n.hop],
        &Destination::Node(d.hop),
        b"{\"method\":\"info\"}",
        enc,
        &mut rng,
    )
    .unwrap();
    (req.body, n.secret, req.reply_key)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..300), secret in any::<[u8; 32]>()) {
        let _ = parse_combined(&data);
        let _ = peel(&secret, &data);
        let _ = route(&data);
        let _ = v4::decode_request(&data);
        let _ = v4::decode_response(&data);
        let _ = bencode::decode(&data);
        let key = LayerKey::client(&[5; 32], &[9; 32], EncType::XChaCha20).unwrap();
        let _ = decode_node_reply(&key, &data);
        let _ = decode_server_reply(&key, &data);
        let _ = key.decrypt(&data);
    }

    #[test]
    fn mutated_requests_fail_cleanly(edits in proptest::collection::vec((any::<usize>(), 1..=255u8), 0..4), cut in any::<usize>(), xchacha in any::<bool>()) {
        let enc = if xchacha { EncType::XChaCha20 } else { EncType::AesGcm };
        let (body, secret, _) = sample_request(enc);
        let changed = !edits.is_empty() || cut % 8 != 0;
        let data = mutate(body, &edits, cut);
        match peel(&secret, &data) {
            Ok(layer) => {
                let _ = route(&layer.plaintext);
            }
            Err(e) => prop_assert!(changed, "unchanged request failed: {e}"),
        }
    }

    #[test]
    fn mutated_replies_fail_cleanly(edits in proptest::collection::vec((any::<usize>(), 1..=255u8), 1..4), cut in any::<usize>()) {
        let mut rng = rng();
        let (body, secret, reply_key) = sample_request(EncType::AesGcm);
        let layer = peel(&secret, &body).unwrap();
        let http = encode_node_reply(&layer.key, 200, "{}", &mut rng);
        prop_assert!(decode_node_reply(&reply_key, &mutate(http, &edits, cut)).is_err());
        let v4 = encode_server_reply(&layer.key, 200, &Map::new(), b"body", &mut rng);
        prop_assert!(decode_server_reply(&reply_key, &mutate(v4, &edits, cut)).is_err());
    }

    #[test]
    fn mutated_v4_and_bencode_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4), cut in any::<usize>(), body in proptest::collection::vec(any::<u8>(), 0..40)) {
        let mut headers = Map::new();
        headers.insert("x".into(), "y".into());
        let req = v4::encode_request("POST", "/a", &headers, Some(&body));
        prop_assert_eq!(v4::decode_request(&req).unwrap().body, Some(body.clone()));
        let _ = v4::decode_request(&mutate(req, &edits, cut));
        let resp = v4::encode_response(200, &headers, &body);
        prop_assert_eq!(&v4::decode_response(&resp).unwrap().body, &body);
        let _ = v4::decode_response(&mutate(resp.clone(), &edits, cut));
        let _ = bencode::decode(&mutate(resp, &edits, cut));
    }

    #[test]
    fn combined_round_trip(blob in proptest::collection::vec(any::<u8>(), 0..100), k in "[a-z]{1,8}", v in any::<i64>()) {
        let json = json!({ k.clone(): v });
        let enc = encode_combined(&blob, &json);
        let (b, m) = parse_combined(&enc).unwrap();
        prop_assert_eq!(b, &blob[..]);
        prop_assert_eq!(&m[&k], &json[&k]);
    }
}
