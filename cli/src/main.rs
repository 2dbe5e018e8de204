//! `session-cli`: a native Session client on session-core.
//!
//! Every command prints JSON on stdout and exits 0, or prints a readable error on stderr and
//! exits non-zero. `listen` prints one JSON line per message until interrupted.

mod debug;

use clap::{Parser, Subcommand};
use session_cli::commands::{self, ChatCommand, Globals};
// The debug commands report through `crate::output`.
use session_cli::output;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "session-cli",
    version,
    about = "Session messenger on the command line"
)]
struct Cli {
    /// Relay to send onion requests through (e.g. http://127.0.0.1:8080). Without it, requests
    /// go straight to the nodes, which needs --seed.
    #[arg(long, global = true, value_name = "URL")]
    relay: Option<String>,
    /// Seed of a local network, for direct mode (e.g. https://127.0.0.1:PORT/). Only a seed on
    /// this machine is trusted; reach the live network through --relay.
    #[arg(long, global = true, value_name = "URL")]
    seed: Option<String>,
    /// Folder holding the account's keys and state (created by `init` or `restore`).
    #[arg(long, global = true, value_name = "DIR")]
    profile: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Chat(ChatCommand),
    /// Decode and compute protocol objects (for scripts and cross-implementation checks).
    #[command(subcommand)]
    Debug(debug::DebugCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Debug(cmd) => output::finish(debug::run(cmd)),
        Command::Chat(cmd) => {
            let globals = Globals {
                relay: cli.relay,
                seed: cli.seed,
                profile: cli.profile,
            };
            output::exit(commands::main(&globals, cmd))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own consistency checks over every command (unique names, groups, flags), which
    /// otherwise only fail when that command is run.
    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
