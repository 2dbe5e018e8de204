//! `session-cli debug identity`.

use crate::output::CliError;
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
}

pub fn run(_args: Args) -> Result<Value, CliError> {
    Err(CliError("debug identity is not implemented yet".into()))
}
