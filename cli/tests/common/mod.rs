//! What the CLI's integration tests share: running the real binary, reading its one JSON
//! object, and a relay with its local network.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use session_relay::{Config, Limits, Network, Relay};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `session-cli args` (no input).
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_session-cli"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("session-cli runs")
}

/// The one JSON object a command printed, or its stderr when it failed (with nothing on
/// stdout; our errors exit 1, clap's usage errors 2).
pub fn json(args: &[&str]) -> Result<Value, String> {
    let out = run(args);
    if out.status.success() {
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            stdout.lines().count(),
            1,
            "one JSON object on one line: {stdout}"
        );
        Ok(serde_json::from_str(&stdout).unwrap())
    } else {
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{args:?}: {:?}",
            out.status
        );
        assert!(out.stdout.is_empty(), "nothing on stdout on failure");
        Err(String::from_utf8(out.stderr).unwrap())
    }
}

/// The JSON of a command that must succeed.
pub fn ok_json(args: &[&str]) -> Value {
    json(args).unwrap_or_else(|e| panic!("{args:?} failed: {e}"))
}

/// A path as an argument.
pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A relay on loopback with its embedded local network of 12 nodes, keeping its data in
/// `data_dir`.
pub async fn local_relay(data_dir: &Path) -> Relay {
    Relay::start(Config {
        network: Network::Local,
        listen: "127.0.0.1:0".parse().unwrap(),
        dist: None,
        data_dir: Some(data_dir.to_path_buf()),
        local_nodes: 12,
        local_admin_port: None,
        limits: Limits::default(),
    })
    .await
    .unwrap()
}
