//! `session-cli debug identity`.

use crate::output::{hex_arg, hex_arg_fixed, CliError};
use serde_json::{json, Value};
use session_core::identity::Identity;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let seed = hex_arg_fixed::<16>("--seed", &args.seed)?;
    let id = Identity::from_seed(&seed);
    let mnemonic = id
        .mnemonic()
        .ok_or_else(|| CliError("this seed has no recovery phrase".into()))?;
    Ok(json!({
        "session_id": id.session_id().to_hex(),
        "ed25519_pubkey": hex::encode(id.ed25519_public()),
        "x25519_pubkey": hex::encode(id.x25519_public()),
        "mnemonic": mnemonic.as_str(),
    }))
}

/// The account of a `--seed` argument: the 16-byte account seed, or a full 32-byte Ed25519
/// seed as the official library's tests use.
pub(super) fn account(flag: &str, seed_hex: &str) -> Result<Identity, CliError> {
    let bytes = hex_arg(flag, seed_hex)?;
    if let Ok(seed) = <[u8; 16]>::try_from(bytes.as_slice()) {
        return Ok(Identity::from_seed(&seed));
    }
    if let Ok(seed) = <[u8; 32]>::try_from(bytes.as_slice()) {
        return Ok(Identity::from_ed25519_seed(&seed));
    }
    Err(CliError(format!(
        "{flag} must be a 16-byte account seed (32 hex characters) or a 32-byte Ed25519 seed \
         (64 hex characters), got {} bytes",
        bytes.len()
    )))
}
