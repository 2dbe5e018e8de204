//! The .proto files against the field tables of messaging.md §3.2, §3.3 and §4: every field the
//! spec lists has the same number, name, type, label and enum values in our schema, and every
//! message decodes what it encodes.

use prost::Message;
use session_core::proto::session::{self as pb, data_message};
use session_testkit::spec;
use std::collections::HashMap;

// Descriptor constants (google/protobuf/descriptor.proto).
const LABEL_REQUIRED: i32 = 2;
const LABEL_REPEATED: i32 = 3;
const TYPE_UINT64: i32 = 4;
const TYPE_INT64: i32 = 3;
const TYPE_FIXED64: i32 = 6;
const TYPE_BOOL: i32 = 8;
const TYPE_STRING: i32 = 9;
const TYPE_MESSAGE: i32 = 11;
const TYPE_BYTES: i32 = 12;
const TYPE_UINT32: i32 = 13;
const TYPE_ENUM: i32 = 14;

#[derive(Debug, Clone)]
struct Field {
    name: String,
    number: i32,
    label: i32,
    ty: i32,
    type_name: String,
}

struct Schema {
    /// Message simple name → fields.
    messages: HashMap<String, Vec<Field>>,
    /// Enum full name (".Pkg.Msg.Enum") → value name → number.
    enums: HashMap<String, HashMap<String, i32>>,
}

fn schema() -> Schema {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/proto");
    let fds = protox::compile(["SessionProtos.proto", "WebSocketResources.proto"], [dir])
        .expect("the .proto files compile");
    let mut s = Schema {
        messages: HashMap::new(),
        enums: HashMap::new(),
    };
    for file in &fds.file {
        let pkg = format!(".{}", file.package());
        for e in &file.enum_type {
            add_enum(&mut s, &pkg, e);
        }
        for m in &file.message_type {
            add_message(&mut s, &pkg, m);
        }
    }
    s
}

fn add_enum(
    s: &mut Schema,
    scope: &str,
    e: &protox::prost_reflect::prost_types::EnumDescriptorProto,
) {
    let values = e
        .value
        .iter()
        .map(|v| (v.name().to_string(), v.number()))
        .collect();
    s.enums.insert(format!("{scope}.{}", e.name()), values);
}

fn add_message(
    s: &mut Schema,
    scope: &str,
    m: &protox::prost_reflect::prost_types::DescriptorProto,
) {
    let full = format!("{scope}.{}", m.name());
    let fields = m
        .field
        .iter()
        .map(|f| Field {
            name: f.name().to_string(),
            number: f.number(),
            label: f.label.unwrap_or_default(),
            ty: f.r#type.unwrap_or_default(),
            type_name: f.type_name().to_string(),
        })
        .collect();
    assert!(
        s.messages.insert(m.name().to_string(), fields).is_none(),
        "message name {} is not unique",
        m.name()
    );
    for e in &m.enum_type {
        add_enum(s, &full, e);
    }
    for n in &m.nested_type {
        add_message(s, &full, n);
    }
}

/// One expectation from the spec.
#[derive(Debug)]
struct Expect {
    message: String,
    name: String,
    number: i32,
    ty: String,
    required: Option<bool>,
    legacy: bool,
}

fn check(schema: &Schema, e: &Expect) {
    let fields = schema
        .messages
        .get(&e.message)
        .unwrap_or_else(|| panic!("no message {}", e.message));
    let Some(f) = fields.iter().find(|f| f.number == e.number) else {
        // Legacy fields may be left undeclared on purpose (skipped as unknown when decoding).
        assert!(
            e.legacy,
            "{}: field {} ({}) missing",
            e.message, e.number, e.name
        );
        return;
    };
    if !e.name.is_empty() {
        assert_eq!(f.name, e.name, "{}: name of field {}", e.message, e.number);
    }
    if let Some(req) = e.required {
        assert_eq!(
            f.label == LABEL_REQUIRED,
            req,
            "{}.{}: required?",
            e.message,
            e.name
        );
    }
    let ty = e.ty.trim();
    let (repeated, ty) = match ty
        .strip_prefix("rep ")
        .or_else(|| ty.strip_prefix("repeated "))
    {
        Some(rest) => (true, rest),
        None => (false, ty),
    };
    if ty.is_empty() || ty == "—" {
        return;
    }
    assert_eq!(
        f.label == LABEL_REPEATED,
        repeated,
        "{}.{}: repeated?",
        e.message,
        e.name
    );
    let first = ty.split([' ', '(']).next().unwrap();
    let expected_ty = match first {
        "str" | "string" => TYPE_STRING,
        "u64" | "uint64" => TYPE_UINT64,
        "u32" | "uint32" => TYPE_UINT32,
        "int64" => TYPE_INT64,
        "bytes" => TYPE_BYTES,
        "bool" => TYPE_BOOL,
        "f64" => TYPE_FIXED64,
        "enum" => TYPE_ENUM,
        _ => TYPE_MESSAGE,
    };
    assert_eq!(f.ty, expected_ty, "{}.{}: type {ty:?}", e.message, e.name);
    if expected_ty == TYPE_MESSAGE {
        assert!(
            f.type_name.ends_with(&format!(".{first}")),
            "{}.{}: {} is not {first}",
            e.message,
            e.name,
            f.type_name
        );
    }
    if expected_ty == TYPE_ENUM {
        let values = &schema.enums[&f.type_name];
        for token in ty.split([' ', ',', '/', '(', ')']) {
            if let Some((name, num)) = token.split_once('=') {
                if let Ok(num) = num.parse::<i32>() {
                    assert_eq!(
                        values.get(name),
                        Some(&num),
                        "{}.{}: {name}",
                        e.message,
                        e.name
                    );
                }
            }
        }
    }
}

/// Every Markdown table between `heading` and the next `###` heading, with the message named in
/// the nearest preceding line that is a single backticked name followed by a colon.
fn section_tables(heading: &str) -> Vec<(Option<String>, Vec<Vec<String>>)> {
    let text = spec("messaging.md");
    let start = text.find(&format!("\n{heading}")).expect("heading") + 1;
    let body = &text[start..];
    let end = body[4..].find("\n### ").map_or(body.len(), |i| i + 4);
    let mut tables = Vec::new();
    let mut label = None;
    let mut current: Vec<Vec<String>> = Vec::new();
    for line in body[..end].lines().skip(1) {
        let t = line.trim();
        if t.starts_with('|') {
            if !t.contains("---") {
                current.push(
                    t.trim_matches('|')
                        .split('|')
                        .map(|c| c.trim().replace('`', ""))
                        .collect(),
                );
            }
            continue;
        }
        if !current.is_empty() {
            tables.push((label.clone(), std::mem::take(&mut current)));
        }
        if let Some(name) = t.strip_prefix('`').and_then(|r| r.strip_suffix("`:")) {
            label = Some(name.to_string());
        }
    }
    if !current.is_empty() {
        tables.push((label, current));
    }
    tables
}

/// Expectations from one table; `message` names the message unless the table has a Message
/// column.
fn table_expectations(message: &str, rows: &[Vec<String>]) -> Vec<Expect> {
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h.starts_with(name));
    let (f_col, n_col, t_col) = (
        col("Field").unwrap(),
        col("#").unwrap(),
        col("Type").unwrap(),
    );
    let (m_col, r_col) = (col("Message"), col("Req"));
    rows[1..]
        .iter()
        .map(|r| {
            let cell = &r[f_col];
            let legacy = cell.contains("(legacy)");
            let name = cell
                .trim_start_matches("*(legacy)*")
                .split_whitespace()
                .next()
                .unwrap()
                .to_string();
            Expect {
                message: m_col.map_or(message.to_string(), |c| r[c].clone()),
                name,
                number: r[n_col]
                    .parse()
                    .unwrap_or_else(|_| panic!("number in {r:?}")),
                ty: r[t_col].clone(),
                required: r_col.map(|c| {
                    let v = r[c].trim_matches('*');
                    v.starts_with("req")
                }),
                legacy,
            }
        })
        .collect()
}

#[test]
fn field_tables_match_the_spec() {
    let schema = schema();
    let sections = [
        ("### 3.2", "Envelope"),
        ("### 3.3", ""),
        ("### 4.1", "Content"),
        ("### 4.2", "DataMessage"),
        ("### 4.3", ""),
        ("### 4.4", "LokiProfile"),
        ("### 4.5", "AttachmentPointer"),
        ("### 4.6", "ReceiptMessage"),
        ("### 4.7", "TypingMessage"),
        ("### 4.8", "UnsendRequest"),
        ("### 4.9", "MessageRequestResponse"),
        ("### 4.10", "DataExtractionNotification"),
        ("### 4.11", "CallMessage"),
    ];
    let mut checked = 0;
    for (heading, message) in sections {
        let tables = section_tables(heading);
        assert!(!tables.is_empty(), "{heading} has a table");
        for (label, rows) in tables {
            let message = label.as_deref().unwrap_or(message);
            for e in table_expectations(message, &rows) {
                check(&schema, &e);
                checked += 1;
            }
        }
    }
    assert!(checked > 80, "only {checked} fields checked");
}

/// §4.12 lists the groups-v2 and Pro messages in prose: `Name {field N type [req], …}` and
/// `Name` (Parent N): `field` N [type], ….
#[test]
fn groups_and_pro_messages_match_the_spec() {
    let schema = schema();
    let text = spec("messaging.md");
    let start = text.find("\n### 4.12").unwrap();
    let end = start + text[start..].find("\n## 5").unwrap();
    let body = text[start..end].replace('\n', " ");
    let mut checked = 0;

    // `Name {…}` blocks.
    for chunk in body.split('`').skip(1).step_by(2) {
        let Some((name, fields)) = chunk.split_once(" {") else {
            continue;
        };
        let fields = fields.trim_end_matches('}');
        assert!(schema.messages.contains_key(name), "no message {name}");
        for item in fields.split(", ").filter(|i| !i.is_empty()) {
            let tokens: Vec<&str> = item.split_whitespace().collect();
            let required = tokens.last() == Some(&"req");
            let ty_tokens = &tokens[2..tokens.len() - usize::from(required)];
            check(
                &schema,
                &Expect {
                    message: name.to_string(),
                    name: tokens[0].to_string(),
                    number: tokens[1].parse().unwrap(),
                    ty: ty_tokens.join(" "),
                    required: Some(required),
                    legacy: false,
                },
            );
            checked += 1;
        }
    }

    // The wrappers: "`GroupUpdateMessage` (DataMessage 120): `inviteMessage` 1, …" and the Pro one.
    for (name, parent, number) in [
        ("GroupUpdateMessage", "DataMessage", 120),
        ("ProMessage", "Content", 16),
    ] {
        let marker = format!("`{name}` ({parent} {number}): ");
        let list = body
            .split(&marker)
            .nth(1)
            .unwrap()
            .split('.')
            .next()
            .unwrap();
        for item in list.split(", ") {
            let clean = item.replace('`', "");
            let tokens: Vec<&str> = clean.split_whitespace().collect();
            check(
                &schema,
                &Expect {
                    message: name.to_string(),
                    name: tokens[0].split('/').next().unwrap().to_string(),
                    number: tokens[1].parse().unwrap(),
                    ty: tokens[2..].join(" "),
                    required: None,
                    legacy: false,
                },
            );
            checked += 1;
        }
        let parent_field = schema.messages[parent].iter().find(|f| f.number == number);
        assert!(parent_field.unwrap().type_name.ends_with(name));
    }

    // ProProof is in flux: both layouts must decode, so only numbers and wire types are checked.
    for layout in body.split("= `{").skip(1) {
        let fields = layout.split('}').next().unwrap();
        for item in fields.split(", ") {
            let tokens: Vec<&str> = item.split_whitespace().collect();
            check(
                &schema,
                &Expect {
                    message: "ProProof".into(),
                    name: String::new(),
                    number: tokens[1].parse().unwrap(),
                    ty: tokens[2].to_string(),
                    required: Some(false),
                    legacy: false,
                },
            );
            checked += 1;
        }
    }
    assert!(checked >= 38, "only {checked} fields checked");
}

#[test]
fn every_content_part_round_trips() {
    let pointer = pb::AttachmentPointer {
        id: 0,
        content_type: Some("image/png".into()),
        key: Some(vec![7; 64]),
        size: Some(1234),
        digest: Some(vec![9; 32]),
        url: Some("http://filev2.getsession.org/file/abc".into()),
        ..Default::default()
    };
    let profile = pb::LokiProfile {
        display_name: Some("Alice".into()),
        profile_picture: Some("http://x/y".into()),
        last_profile_update_seconds: Some(1_700_000_000),
    };
    let content = pb::Content {
        data_message: Some(pb::DataMessage {
            body: Some("hello".into()),
            attachments: vec![pointer.clone()],
            flags: Some(2),
            profile_key: Some(vec![1; 32]),
            quote: Some(data_message::Quote {
                id: 5,
                author: "05ab".into(),
                ..Default::default()
            }),
            preview: vec![data_message::Preview {
                url: "https://example.org".into(),
                title: Some("Example".into()),
                image: Some(pointer),
            }],
            reaction: Some(data_message::Reaction {
                id: 9,
                author: "05cd".into(),
                emoji: Some("👍".into()),
                action: 1,
            }),
            profile: Some(profile.clone()),
            community_invitation: Some(data_message::CommunityInvitation {
                url: "https://open.example/room?public_key=00".into(),
                name: "Room".into(),
            }),
            sync_target: Some("05ef".into()),
            blocks_community_message_requests: Some(true),
            group_update_message: Some(pb::GroupUpdateMessage {
                invite_message: Some(pb::GroupUpdateInviteMessage {
                    group_session_id: "03aa".into(),
                    name: "G".into(),
                    member_auth_data: vec![1],
                    admin_signature: vec![2],
                }),
                member_left_message: Some(pb::GroupUpdateMemberLeftMessage {}),
                ..Default::default()
            }),
            ..Default::default()
        }),
        call_message: Some(pb::CallMessage {
            r#type: 6,
            uuid: "u".into(),
            ..Default::default()
        }),
        receipt_message: Some(pb::ReceiptMessage {
            r#type: 1,
            timestamp: vec![1, 2, 3],
        }),
        typing_message: Some(pb::TypingMessage {
            timestamp: 3,
            action: 0,
        }),
        data_extraction_notification: Some(pb::DataExtractionNotification {
            r#type: 2,
            timestamp: Some(4),
        }),
        unsend_request: Some(pb::UnsendRequest {
            timestamp: 5,
            author: "05aa".into(),
        }),
        message_request_response: Some(pb::MessageRequestResponse {
            is_approved: true,
            profile_key: None,
            profile: Some(profile),
        }),
        shared_config_message: Some(pb::SharedConfigMessage {
            kind: 1,
            seqno: -1,
            data: vec![0xde, 0xad],
        }),
        expiration_type: Some(2),
        expiration_timer: Some(86400),
        sig_timestamp: Some(1_700_000_000_000),
        pro_message: Some(pb::ProMessage {
            proof: Some(pb::ProProof {
                version: Some(0),
                gen_index_hash: Some(vec![3; 32]),
                rotating_public_key: Some(vec![4; 32]),
                expiry: Some(1),
                sig: Some(vec![5; 64]),
            }),
            profile_bitset: Some(1),
            message_bitset: Some(2),
        }),
        pro_sig_for_community_message_only: Some(vec![6; 64]),
    };
    let bytes = content.encode_to_vec();
    assert_eq!(pb::Content::decode(&bytes[..]).unwrap(), content);
}
