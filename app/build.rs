//! Lists the message catalogues (`i18n/<locale>/<area>.ftl`) for the app: the English sources
//! are compiled in, and every message id English defines becomes a constant the `t!` macro
//! checks at compile time, so a key used in the code but missing from the catalogue does not
//! build. Other languages are fetched at start-up; their sources are named here only for the
//! tests that compare them with English.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("i18n");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut locales: Vec<String> = list(&root, |p| p.is_dir());
    locales.sort();
    let english = root.join("en");
    let mut areas: Vec<String> = list(&english, |p| p.extension().is_some_and(|e| e == "ftl"))
        .into_iter()
        .map(|f| f.trim_end_matches(".ftl").to_owned())
        .collect();
    areas.sort();

    let mut out = String::new();
    out.push_str("/// The catalogue's areas, one file each per locale.\n");
    writeln!(out, "pub const AREAS: &[&str] = &{areas:?};").unwrap();
    out.push_str("/// Every message id of the English catalogue, sorted.\n");
    let mut keys = Vec::new();
    for area in &areas {
        let path = english.join(format!("{area}.ftl"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read catalogue");
        keys.extend(message_ids(&text));
    }
    keys.sort();
    writeln!(out, "pub const KEYS: &[&str] = &{keys:?};").unwrap();
    out.push_str("/// The English catalogue, by area.\n");
    out.push_str("pub const ENGLISH: &[(&str, &str)] = &[\n");
    for area in &areas {
        let path = english.join(format!("{area}.ftl"));
        writeln!(
            out,
            "    ({area:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    out.push_str("/// Every locale's catalogue (for the tests; the app fetches the others).\n");
    out.push_str("pub const ALL: &[(&str, &[(&str, &str)])] = &[\n");
    for locale in &locales {
        writeln!(out, "    ({locale:?}, &[").unwrap();
        for file in list(&root.join(locale), |p| {
            p.extension().is_some_and(|e| e == "ftl")
        }) {
            let path = root.join(locale).join(&file);
            println!("cargo:rerun-if-changed={}", path.display());
            let area = file.trim_end_matches(".ftl");
            writeln!(
                out,
                "        ({area:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("catalogue.rs");
    std::fs::write(dest, out).expect("write catalogue.rs");
}

/// Names in `dir` whose path passes `keep`, sorted.
fn list(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| keep(&e.path()))
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The ids of a Fluent file's messages: lines that start with an identifier and ` =`.
/// (Terms, `-name`, are not messages and cannot be asked for by the code.)
fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_owned())
        })
        .collect()
}
