//! `session-cli debug config-push`: the bytes a client stores for a config revision, as the
//! official library makes them.

use crate::output::CliError;
use serde_json::{json, Value};
use session_cli::config_json;
use session_cli::config_sync::{now_ms, Zstd};
use session_core::config::object::ConfigObject;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub of: super::config_open::ConfigOf,
    /// The revision, ≥ 1.
    #[arg(long)]
    pub seqno: i64,
    /// The config's values, JSON in the shape `config-open` prints.
    #[arg(long)]
    pub config: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let (account, domain) = args.of.parse()?;
    if args.seqno < 1 {
        return Err(CliError(format!(
            "--seqno must be at least 1, got {}",
            args.seqno
        )));
    }
    let values: Value = serde_json::from_str(&args.config)
        .map_err(|e| CliError::context("--config is not JSON", e))?;
    let mut config = ConfigObject::starting_at(&account, domain, args.seqno - 1)
        .map_err(|e| CliError::context("cannot make the config", e))?;
    let now = now_ms();
    config.try_edit(|data| config_json::apply(domain, &values, data, now))?;
    config.force_dirty();
    let push = config
        .push(Some(&Zstd), now)
        .map_err(|e| CliError::context("cannot push the config", e))?;
    let [data] = push.messages.as_slice() else {
        return Err(CliError(format!(
            "the config is split in {} parts; this command prints one message",
            push.messages.len()
        )));
    };
    Ok(json!({ "data": hex::encode(data) }))
}
