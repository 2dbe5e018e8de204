//! `session-cli debug seal`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed of the sender, hex.
    #[arg(long)]
    pub seed: String,
    /// Recipient Session ID (05…).
    #[arg(long)]
    pub to: String,
    /// Message bytes to sign and seal, hex.
    #[arg(long)]
    pub plaintext: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug seal is not implemented yet".into()))
}
