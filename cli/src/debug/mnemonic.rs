//! `session-cli debug mnemonic`.

use crate::output::CliError;
use serde_json::{json, Value};
use session_core::identity::mnemonic::decode_seed;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The 13-word recovery phrase, words separated by spaces.
    #[arg(long)]
    pub words: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let seed = decode_seed(&args.words).map_err(|e| CliError::context("invalid --words", e))?;
    Ok(json!({ "seed": hex::encode(*seed) }))
}
