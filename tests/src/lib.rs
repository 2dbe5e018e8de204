//! Test support shared by every crate's tests.
//!
//! The official library's test vectors and the spec's tables are read from `../shared` when the
//! tests run, so no expected value is ever retyped into the code. `SESSION_SHARED_DIR` overrides
//! where that folder is.
//!
//! This crate deliberately does not depend on `session-core`, so that core's own tests can use it.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The `shared/` folder next to the repository (or `$SESSION_SHARED_DIR`).
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SESSION_SHARED_DIR") {
        return PathBuf::from(dir);
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = repo.join("../shared");
    assert!(
        dir.join("vectors").is_dir(),
        "shared test data not found at {}: set SESSION_SHARED_DIR",
        dir.display()
    );
    dir
}

/// One curated vector of `libsession-test-vectors.json`.
#[derive(Debug, Clone)]
pub struct Vector {
    /// The vector's `type`, e.g. `blind15_sign`.
    pub kind: String,
    /// The official test file it was copied from.
    pub file: String,
    /// Its inputs object.
    pub inputs: Value,
    /// What the official library produced.
    pub expected: Value,
    /// The whole record (for fields such as `refpeer_derived` or `note`).
    pub raw: Value,
}

impl Vector {
    /// An input as bytes, from a `*_hex` field.
    pub fn input_hex(&self, key: &str) -> Vec<u8> {
        hex_field(&self.inputs, key, &self.kind)
    }

    /// An expected output as bytes, from a `*_hex` field.
    pub fn expected_hex(&self, key: &str) -> Vec<u8> {
        hex_field(&self.expected, key, &self.kind)
    }

    /// A text input.
    pub fn input_str(&self, key: &str) -> &str {
        str_field(&self.inputs, key, &self.kind)
    }

    /// A text expectation.
    pub fn expected_str(&self, key: &str) -> &str {
        str_field(&self.expected, key, &self.kind)
    }
}

fn hex_field(obj: &Value, key: &str, kind: &str) -> Vec<u8> {
    let s = str_field(obj, key, kind);
    hex::decode(s).unwrap_or_else(|e| panic!("{kind}: field {key} is not hex: {e}"))
}

fn str_field<'a>(obj: &'a Value, key: &str, kind: &str) -> &'a str {
    obj.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{kind}: no text field {key} in {obj}"))
}

/// The whole vectors file, parsed once.
pub fn vectors_file() -> &'static Value {
    static FILE: OnceLock<Value> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = shared_dir().join("vectors/libsession-test-vectors.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
    })
}

/// Every curated vector of the given type. Panics if there is none, so a renamed type can
/// never make a test pass by testing nothing.
pub fn curated(kind: &str) -> Vec<Vector> {
    let list = vectors_file()["curated"]
        .as_array()
        .expect("curated is a list");
    let found: Vec<Vector> = list
        .iter()
        .filter(|v| v["type"] == kind)
        .map(|v| Vector {
            kind: kind.to_owned(),
            file: v["file"].as_str().unwrap_or_default().to_owned(),
            inputs: v["inputs"].clone(),
            expected: v["expected"].clone(),
            raw: v.clone(),
        })
        .collect();
    assert!(!found.is_empty(), "no curated vectors of type {kind}");
    found
}

/// The raw literals extracted from one official test file (`tests/test_x.cpp`).
pub fn raw_literals(file: &str) -> Vec<Value> {
    let list = vectors_file()["raw_literals"]
        .as_array()
        .expect("raw_literals is a list");
    list.iter().filter(|v| v["file"] == file).cloned().collect()
}

/// The values (hex, or text) of the first literal labelled `label` in an official test file.
pub fn literal_values(file: &str, label: &str) -> Vec<String> {
    let all = raw_literals(file);
    let hit = all
        .iter()
        .find(|v| v["label"] == label)
        .unwrap_or_else(|| panic!("{file}: no literal {label}"));
    hit["values"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: literal {label} has no values"))
        .iter()
        .map(|v| {
            v["hex"]
                .as_str()
                .or_else(|| v["text"].as_str())
                .unwrap_or_else(|| panic!("{file}: literal {label} is neither hex nor text"))
                .to_owned()
        })
        .collect()
}

/// The first long value (hex or base64 in backticks, at least 40 characters, not elided with
/// `…`) after `marker` in the part of a spec document that starts at `from`. Backticked spans
/// are counted from `from`, so a marker that is itself code does not shift them; a value
/// wrapped over several lines comes back joined.
pub fn spec_value(doc: &str, from: &str, marker: &str) -> String {
    let text = spec(doc);
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{doc}: no {from}"));
    let section = &text[start..];
    let at = section
        .find(marker)
        .unwrap_or_else(|| panic!("{doc}: no {marker} after {from}"));
    let mut pos = 0;
    for (i, span) in section.split('`').enumerate() {
        let here = pos;
        pos += span.len() + 1;
        if i % 2 == 1 && here > at && span.len() >= 40 && !span.contains('…') {
            return span.replace(char::is_whitespace, "");
        }
    }
    panic!("{doc}: no value after {marker}")
}

/// A spec document from `shared/spec/` as text.
pub fn spec(name: &str) -> String {
    let path = shared_dir().join("spec").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The rows of the first Markdown table after the heading that starts with `heading`
/// (e.g. `"### 1.5"`), each row split into trimmed cells with backticks removed.
pub fn spec_table(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let text = spec(doc);
    let start = text
        .lines()
        .position(|l| l.starts_with(heading))
        .unwrap_or_else(|| panic!("{doc}: no heading {heading}"));
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(start + 1)
        .skip_while(|l| !l.trim_start().starts_with('|'))
        .take_while(|l| l.trim_start().starts_with('|'))
        .filter(|l| !l.contains("---"))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().replace('`', ""))
                .collect()
        })
        .collect();
    assert!(rows.len() > 1, "{doc}: empty table under {heading}");
    rows
}
