//! `session-cli debug blind`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
    /// The community server's 32-byte Ed25519 public key, hex.
    #[arg(long)]
    pub server_pubkey: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug blind is not implemented yet".into()))
}
