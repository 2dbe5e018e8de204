//! The browser end-to-end suite (tests/e2e, a Node project driving Chromium with
//! playwright-core) against the built app, relay and CLI.

use crate::report::{self, Tally};
use crate::tools;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the suite lives.
pub fn suite_dir() -> PathBuf {
    tools::repo_root().join("tests").join("e2e")
}

/// Whether the suite is in this checkout yet.
pub fn present() -> bool {
    suite_dir().join("run.mjs").is_file()
}

/// Builds the relay and the CLI, installs the suite's packages if needed and runs it.
pub fn run(dist: &Path, tally: &mut Tally) -> Result<(), String> {
    let dir = suite_dir();
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node is not installed; the e2e suite needs Node.js and npm".into());
    }
    npm_ci_if_stale(&dir)?;
    tools::run(&mut tools::cargo(&[
        "build",
        "-p",
        "session-relay",
        "-p",
        "session-cli",
    ]))?;
    let bin = tools::target_dir().join("debug");
    let mut cmd = Command::new("node");
    cmd.arg(dir.join("run.mjs"))
        .arg("--relay-bin")
        .arg(bin.join("session-relay"))
        .arg("--dist")
        .arg(dist)
        .arg("--cli-bin")
        .arg(bin.join("session-cli"))
        .current_dir(tools::repo_root());
    report::run_counting(&mut cmd, tally)
}

/// Runs `npm ci` unless node_modules was installed from this very package-lock.json.
pub fn npm_ci_if_stale(dir: &Path) -> Result<(), String> {
    let lock_path = dir.join("package-lock.json");
    let lock = std::fs::read(&lock_path)
        .map_err(|e| format!("cannot read {} (npm ci needs it): {e}", lock_path.display()))?;
    let wanted = format!("{:x}", Sha256::digest(&lock));
    let stamp = dir.join("node_modules").join(".xtask-package-lock.sha256");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == wanted) {
        return Ok(());
    }
    tools::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}
