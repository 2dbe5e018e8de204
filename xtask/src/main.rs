//! `cargo xtask run | test`: installs what is missing, builds, runs.
//!
//! Every install step is idempotent: it checks first and installs only what is absent, so a
//! fresh machine and a warm one run the same commands.

mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <test|run|bench>

  test    rustfmt check, clippy (warnings denied), every test, wasm32 build of session-core
  run     build and start the app on the embedded local network
  bench   measure size and speed (writes target/bench/bench.json)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("run") | Some("bench") => Err(format!(
            "`cargo xtask {}` arrives with the web app; for now see README.md",
            args[0]
        )),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The whole check CI runs.
fn test(_extra: &[String]) -> Result<(), String> {
    tools::ensure_rust_target("wasm32-unknown-unknown")?;
    tools::cargo(&["fmt", "--all", "--check"])?;
    tools::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    tools::cargo(&["check", "--manifest-path", "fuzz/Cargo.toml", "--bins"])?;
    tools::cargo(&["test", "--workspace"])?;
    tools::cargo(&[
        "build",
        "-p",
        "session-core",
        "--target",
        "wasm32-unknown-unknown",
    ])?;
    eprintln!("xtask: all checks passed");
    Ok(())
}
