//! `session-cli debug onion-reply`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The 32-byte X25519 ephemeral secret used for the layer addressed to that node, hex.
    #[arg(long)]
    pub ephemeral_secret: String,
    /// The 32-byte X25519 public key of the node that encrypted the reply, hex.
    #[arg(long)]
    pub node_pubkey: String,
    /// Layer cipher suite.
    #[arg(long, value_parser = ["aes-gcm", "xchacha20"])]
    pub enc_type: String,
    /// The raw reply ciphertext, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug onion-reply is not implemented yet".into()))
}
