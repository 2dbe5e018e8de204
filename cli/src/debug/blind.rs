//! `session-cli debug blind`.

use crate::output::{hex_arg_fixed, CliError};
use serde_json::{json, Value};
use session_core::crypto::blinding::{blind15_key_pair, blind25_key_pair};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
    /// The community server's 32-byte Ed25519 public key, hex.
    #[arg(long)]
    pub server_pubkey: String,
}

/// Prints the account's own blinded ids: blind15 is the account's actual `kA` (what it sends as
/// `X-SOGS-Pubkey`), which for a negative Ed25519 key is the sign-flipped one of the two
/// candidates derivable from the Session ID.
pub fn run(args: Args) -> Result<Value, CliError> {
    let seed16 = hex_arg_fixed::<16>("--seed", &args.seed)?;
    let server = hex_arg_fixed::<32>("--server-pubkey", &args.server_pubkey)?;

    // The Ed25519 seed of an account is its 16-byte seed followed by 16 zero bytes.
    let mut seed32 = [0u8; 32];
    seed32[..16].copy_from_slice(&seed16);

    let b15 = blind15_key_pair(&seed32, &server).map_err(|e| CliError::context("blind15", e))?;
    let b25 = blind25_key_pair(&seed32, &server).map_err(|e| CliError::context("blind25", e))?;
    Ok(json!({
        "blind15": hex::encode(b15.blind15_id()),
        "blind25": hex::encode(b25.blind25_id()),
    }))
}
