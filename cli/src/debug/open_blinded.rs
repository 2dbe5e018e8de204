//! `session-cli debug open-blinded`: a blinded direct message (a community inbox or outbox
//! item) opened by either of its two parties.

use crate::output::{hex_arg, hex_arg_fixed, CliError};
use serde_json::{json, Value};
use session_core::community::dm;
use session_core::identity::SessionId;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed of the recipient or the sender, hex (a 32-byte Ed25519 seed also
    /// works).
    #[arg(long)]
    pub seed: String,
    /// The community server's 32-byte Ed25519 public key, hex.
    #[arg(long)]
    pub server_pubkey: String,
    /// The sender's blinded ID (15… or 25…), as the server lists it.
    #[arg(long)]
    pub sender: String,
    /// The recipient's blinded ID, of the same kind.
    #[arg(long)]
    pub recipient: String,
    /// The message as the server returns it (base64-decoded), hex.
    #[arg(long)]
    pub data: String,
}

fn blinded_arg(flag: &str, value: &str) -> Result<SessionId, CliError> {
    value
        .parse::<SessionId>()
        .map_err(|e| CliError::context(&format!("invalid {flag}"), e))
}

/// Prints the sender's real Session ID and the message exactly as it was encrypted.
pub fn run(args: Args) -> Result<Value, CliError> {
    let account = super::identity::account("--seed", &args.seed)?;
    let server = hex_arg_fixed::<32>("--server-pubkey", &args.server_pubkey)?;
    let sender = blinded_arg("--sender", &args.sender)?;
    let recipient = blinded_arg("--recipient", &args.recipient)?;
    let data = hex_arg("--data", &args.data)?;
    let opened = dm::decrypt(&account, &server, &sender, &recipient, &data)
        .map_err(|e| CliError::context("cannot open the blinded message", e))?;
    Ok(json!({
        "sender": opened.sender.to_hex(),
        "plaintext": hex::encode(&opened.plaintext),
    }))
}
