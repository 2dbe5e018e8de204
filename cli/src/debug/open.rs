//! `session-cli debug open`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed of the recipient, hex.
    #[arg(long)]
    pub seed: String,
    /// The sealed ciphertext, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug open is not implemented yet".into()))
}
