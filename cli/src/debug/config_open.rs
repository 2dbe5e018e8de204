//! `session-cli debug config-open`: the config that swarm messages of one namespace hold,
//! merged as one poll merges them.

use crate::output::{hex_arg, CliError};
use serde_json::{json, Value};
use session_cli::config_json;
use session_cli::config_sync::{now_ms, user_domain};
use session_core::config::message::hash_bytes;
use session_core::config::object::ConfigObject;
use session_core::config::Domain;
use session_core::identity::Identity;

/// The account and which of its configs: `--seed` and `--namespace`.
#[derive(Debug, clap::Args)]
pub struct ConfigOf {
    /// 16-byte account seed, hex.
    #[arg(long)]
    pub seed: String,
    /// The config's namespace: 2 UserProfile, 3 Contacts, 4 ConvoInfoVolatile, 5 UserGroups.
    #[arg(long, allow_negative_numbers = true)]
    pub namespace: i16,
}

impl ConfigOf {
    /// The account and the config kind, checked.
    pub fn parse(&self) -> Result<(Identity, Domain), CliError> {
        Ok((
            super::identity::account("--seed", &self.seed)?,
            user_domain(self.namespace)?,
        ))
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub of: ConfigOf,
    /// One message exactly as stored in the swarm, hex; repeat for several.
    #[arg(long, required = true)]
    pub data: Vec<String>,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let (account, domain) = args.of.parse()?;
    let messages = args
        .data
        .iter()
        .enumerate()
        .map(|(i, d)| Ok((format!("message-{i}"), hex_arg("--data", d)?)))
        .collect::<Result<Vec<_>, CliError>>()?;
    // A fresh object merging, as the official library's: its bytes, merge diff included.
    let mut config = ConfigObject::new(&account, domain)
        .map_err(|e| CliError::context("cannot make the config", e))?
        .with_library_merge_diff();
    let read = config.merge(&messages, now_ms());
    if read.is_empty() {
        return Err(CliError(format!(
            "none of the {} messages is a readable config of namespace {} for this account",
            messages.len(),
            args.of.namespace
        )));
    }
    let bencoded = config.serialized();
    Ok(json!({
        "seqno": config.seqno(),
        "hash": hex::encode(hash_bytes(&bencoded)),
        "bencoded": hex::encode(&bencoded),
        "config": config_json::to_json(domain, config.data()),
    }))
}
