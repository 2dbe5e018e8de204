//! `session-cli debug seal`.

use crate::output::{hex_arg, CliError};
use rand_core::OsRng;
use serde_json::{json, Value};
use session_core::identity::SessionId;
use session_core::message::encrypt_for_recipient;

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

pub fn run(args: Args) -> Result<Value, CliError> {
    let me = super::identity::account("--seed", &args.seed)?;
    let to = SessionId::parse_standard(args.to.trim())
        .map_err(|e| CliError::context("invalid --to", e))?;
    let plaintext = hex_arg("--plaintext", &args.plaintext)?;
    let sealed = encrypt_for_recipient(&me, &to, &plaintext, &mut OsRng)
        .map_err(|e| CliError::context("cannot seal", e))?;
    Ok(json!({ "ciphertext": hex::encode(sealed) }))
}
