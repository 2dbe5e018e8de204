//! `session-cli debug open`.

use crate::output::{hex_arg, CliError};
use serde_json::{json, Value};
use session_core::message::decrypt_incoming;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed of the recipient, hex.
    #[arg(long)]
    pub seed: String,
    /// The sealed ciphertext, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let me = super::identity::account("--seed", &args.seed)?;
    let data = hex_arg("--data", &args.data)?;
    let opened =
        decrypt_incoming(&me, &data).map_err(|e| CliError::context("cannot open --data", e))?;
    Ok(json!({
        "sender": opened.sender.to_hex(),
        "plaintext": hex::encode(&opened.plaintext),
    }))
}
