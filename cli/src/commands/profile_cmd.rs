//! `session-cli profile [--name NAME]`: the account's profile as its other devices see it,
//! changed and synced.

use super::set_name::store_name;
use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::config::user_profile::UserProfile;
use session_core::config::Domain;

/// Arguments of `profile`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A new display name, synced to the account's other devices.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Fetches the account's profile from its swarm (merging first, so nothing newer is
/// replaced), applies a new name if one is given, pushes it, and prints
/// `{"display_name", "profile_pic_url", "seqno"}`.
pub async fn profile<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    name: Option<&str>,
) -> Result<Value, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    let report = acct.fetch_configs().await?;
    if let Some(name) = name {
        // profile.json gets the name now (its time marks it as set here); the sync below puts
        // it in the config, after the swarm's configs were merged.
        store_name(profile, name)?;
    }
    acct.sync_configs(&report).await?;
    acct.save()?;
    let configs = acct.configs.borrow();
    let config = configs.get(Domain::UserProfile);
    let p = config
        .map(|c| UserProfile::read(c.data()))
        .unwrap_or_default();
    if name.is_some() && config.is_some_and(|c| c.needs_push()) {
        return Err(CliError(
            "the new name is saved here but could not be pushed to the account's other devices \
             yet; it goes out with the next command that reaches the network"
                .into(),
        ));
    }
    Ok(json!({
        "display_name": p.name,
        "profile_pic_url": p.pic.map(|p| p.url),
        "seqno": config.map(|c| c.seqno()),
    }))
}
