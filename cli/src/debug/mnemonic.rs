//! `session-cli debug mnemonic`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The 13-word recovery phrase, words separated by spaces.
    #[arg(long)]
    pub words: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug mnemonic is not implemented yet".into()))
}
