//! `session-cli debug onion-peel`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The hop's 32-byte X25519 secret key, hex.
    #[arg(long)]
    pub x25519_secret: String,
    /// The bytes the hop received, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug onion-peel is not implemented yet".into()))
}
