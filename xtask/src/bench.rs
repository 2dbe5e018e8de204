//! `cargo xtask bench`: release builds, the native figures, then the browser figures in headless
//! Chromium against the real relay and local network (tests/e2e/bench.mjs), into
//! target/bench/bench.json. Not part of `cargo xtask test`: it reports, it never fails on a
//! figure.

use crate::{e2e, tools, web};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// libsodium.js files the bench page imports, from the npm package (ESM builds).
const SODIUM_FILES: [(&str, &str); 2] = [
    (
        "libsodium-wrappers-sumo/dist/modules-sumo-esm/libsodium-wrappers.mjs",
        "libsodium-wrappers.mjs",
    ),
    (
        "libsodium-sumo/dist/modules-sumo-esm/libsodium-sumo.mjs",
        "libsodium-sumo.mjs",
    ),
];

/// Runs the bench: all of it, or with `--only PARTS` the builds and only those parts of the
/// browser figures (tests/e2e/bench.mjs names them).
pub fn run(args: &[String]) -> Result<(), String> {
    let only = only_parts(args)?;
    let started = Instant::now();
    let root = tools::repo_root();
    let out = tools::target_dir().join("bench");
    let site = out.join("site");
    let suite = e2e::suite_dir();

    web::ensure_tools()?;
    for mut cmd in tools::chromium_installs()? {
        tools::run(&mut cmd)?;
    }
    e2e::npm_ci_if_stale(&suite)?;
    tools::run(&mut tools::cargo(&[
        "build",
        "--release",
        "-p",
        "session-relay",
        "-p",
        "session-cli",
    ]))?;

    eprintln!("xtask: the app's release build (dist/)");
    web::build()?;
    eprintln!("xtask: the bench page ({}/bench)", site.display());
    if site.exists() {
        std::fs::remove_dir_all(&site)
            .map_err(|e| format!("cannot clear {}: {e}", site.display()))?;
    }
    copy_dir(&web::dist_dir(), &site)?;
    let bench_dist = site.join("bench");
    web::trunk_build(&[
        OsStr::new("bench/index.html"),
        OsStr::new("--dist"),
        bench_dist.as_os_str(),
        OsStr::new("--public-url"),
        OsStr::new("/bench/"),
    ])?;
    web::harden_dist(&bench_dist, "/bench/")?;
    copy_sodium(&suite.join("node_modules"), &bench_dist)?;

    eprintln!("xtask: native figures (session-cli debug bench)");
    let release = tools::target_dir().join("release");
    let native = Command::new(release.join("session-cli"))
        .args(["debug", "bench"])
        .output()
        .map_err(|e| format!("cannot run session-cli debug bench: {e}"))?;
    if !native.status.success() {
        return Err(format!(
            "session-cli debug bench failed: {}",
            String::from_utf8_lossy(&native.stderr)
        ));
    }
    let native_path = out.join("native.json");
    std::fs::write(&native_path, &native.stdout)
        .map_err(|e| format!("cannot write {}: {e}", native_path.display()))?;

    eprintln!("xtask: browser figures (tests/e2e/bench.mjs)");
    let mut node = Command::new("node");
    node.arg(suite.join("bench.mjs"));
    if let Some(parts) = &only {
        node.args(["--only", parts]);
    }
    tools::run(
        node.arg("--relay-bin")
            .arg(release.join("session-relay"))
            .arg("--site")
            .arg(&site)
            .arg("--native")
            .arg(&native_path)
            .arg("--out")
            .arg(out.join("bench.json"))
            .current_dir(&root),
    )?;
    let secs = started.elapsed().as_secs();
    eprintln!("xtask: bench done in {}m{:02}s", secs / 60, secs % 60);
    Ok(())
}

/// The value of `--only PARTS`, the one option `cargo xtask bench` takes.
fn only_parts(args: &[String]) -> Result<Option<String>, String> {
    match args {
        [] => Ok(None),
        [flag, parts] if flag == "--only" && !parts.is_empty() => Ok(Some(parts.clone())),
        _ => Err("usage: cargo xtask bench [--only PART,PART...]".into()),
    }
}

/// Copies libsodium.js next to the bench page, pointing the wrapper's import of the bare
/// specifier `libsodium-sumo` at the copied file (a page has no package resolution).
fn copy_sodium(node_modules: &Path, dest: &Path) -> Result<(), String> {
    for (from, to) in SODIUM_FILES {
        let src = node_modules.join(from);
        let text = std::fs::read_to_string(&src).map_err(|e| {
            format!(
                "cannot read {} (npm package libsodium-wrappers-sumo): {e}",
                src.display()
            )
        })?;
        let text = rewrite_sodium_import(&text);
        let path = dest.join(to);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// `from"libsodium-sumo"` (either quote) becomes `from"./libsodium-sumo.mjs"`.
fn rewrite_sodium_import(text: &str) -> String {
    text.replace("\"libsodium-sumo\"", "\"./libsodium-sumo.mjs\"")
        .replace("'libsodium-sumo'", "'./libsodium-sumo.mjs'")
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrapper_imports_the_copied_file() {
        let wrapper = r#"import e from"libsodium-sumo";let r;"#;
        assert_eq!(
            rewrite_sodium_import(wrapper),
            r#"import e from"./libsodium-sumo.mjs";let r;"#
        );
        assert_eq!(
            rewrite_sodium_import("import x from 'libsodium-sumo'"),
            "import x from './libsodium-sumo.mjs'"
        );
    }

    #[test]
    fn only_takes_a_list_of_parts() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(only_parts(&args(&[])), Ok(None));
        assert_eq!(
            only_parts(&args(&["--only", "communities,cold"])),
            Ok(Some("communities,cold".into()))
        );
        assert!(only_parts(&args(&["--only"])).is_err());
        assert!(only_parts(&args(&["communities"])).is_err());
    }

    #[test]
    fn copies_a_tree() {
        let dir = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let from = dir.join("a");
        std::fs::create_dir_all(from.join("icons")).expect("mkdir");
        std::fs::write(from.join("index.html"), "x").expect("write");
        std::fs::write(from.join("icons").join("i.png"), "y").expect("write");
        copy_dir(&from, &dir.join("b")).expect("copy");
        assert_eq!(
            std::fs::read_to_string(dir.join("b").join("icons").join("i.png")).expect("read"),
            "y"
        );
        std::fs::remove_dir_all(&dir).expect("clean");
    }
}
