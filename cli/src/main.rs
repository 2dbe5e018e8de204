//! `session-cli`: a native Session client on session-core.
//!
//! Every command prints exactly one JSON document on stdout and exits 0, or prints a readable
//! error on stderr and exits non-zero.

mod debug;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "session-cli",
    version,
    about = "Session messenger on the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode and compute protocol objects (for scripts and cross-implementation checks).
    #[command(subcommand)]
    Debug(debug::DebugCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Debug(cmd) => debug::run(cmd),
    };
    output::finish(result)
}
