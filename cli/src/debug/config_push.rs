//! `session-cli debug config-push`: the bytes a client stores for a config revision, as the
//! official library makes them.

use super::config_json;
use crate::output::CliError;
use serde_json::{json, Value};
use session_core::config::compress::Compressor;
use session_core::config::encrypt::Domain;
use session_core::config::object::UserConfig;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
    /// The config's namespace: 2 UserProfile, 3 Contacts, 4 ConvoInfoVolatile, 5 UserGroups.
    #[arg(long, allow_negative_numbers = true)]
    pub namespace: i16,
    /// The revision, ≥ 1.
    #[arg(long)]
    pub seqno: i64,
    /// The config's values, JSON in the shape `config-open` prints.
    #[arg(long)]
    pub config: String,
}

/// libzstd at level 1, as the official library compresses configs (its bytes, not only a
/// valid frame, so that pushes match the library's byte for byte).
pub struct Zstd;

impl Compressor for Zstd {
    fn compress(&self, data: &[u8]) -> Vec<u8> {
        // Compressing from memory into memory cannot fail; a failure just means "do not
        // compress", which every reader accepts.
        zstd::bulk::compress(data, 1).unwrap_or_else(|_| data.to_vec())
    }
}

/// The user config stored in `namespace`.
pub fn user_domain(namespace: i16) -> Result<Domain, CliError> {
    Domain::from_namespace(namespace)
        .filter(|d| d.is_wrapped())
        .ok_or_else(|| {
            CliError(format!(
                "--namespace must be 2, 3, 4 or 5 (a user config), got {namespace}"
            ))
        })
}

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let account = super::identity::account("--seed", &args.seed)?;
    let domain = user_domain(args.namespace)?;
    if args.seqno < 1 {
        return Err(CliError(format!(
            "--seqno must be at least 1, got {}",
            args.seqno
        )));
    }
    let values: Value = serde_json::from_str(&args.config)
        .map_err(|e| CliError::context("--config is not JSON", e))?;
    let mut config = UserConfig::starting_at(&account, domain, args.seqno - 1)
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
