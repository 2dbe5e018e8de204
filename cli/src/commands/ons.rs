//! `session-cli ons NAME`: the Session ID registered under an ONS name, as the official apps
//! resolve it (network.md §7.4): three different random nodes, each through an onion path,
//! must give the same answer. Nodes are asked for the name's hash, never the name.

use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::ons::OnsName;

/// Arguments of `ons`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The name (letters, digits, `_` and `-`; case does not matter).
    #[arg(value_name = "NAME")]
    pub name: String,
}

impl Args {
    /// The name, checked (no network needed).
    pub fn check(&self) -> Result<OnsName, CliError> {
        OnsName::parse(&self.name)
            .map_err(|e| CliError(format!("{:?} is not an ONS name: {e}", self.name)))
    }
}

/// Resolves `name`: `{"name": <lower-cased>, "session_id": "05…"}`.
pub async fn resolve<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    name: &OnsName,
) -> Result<Value, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    let found = acct.client.resolve_ons(name).await;
    // What the network taught the client (nodes, paths, clock) is kept either way.
    acct.save()?;
    let id = found.map_err(|e| CliError(format!("cannot resolve {name}: {e}")))?;
    Ok(json!({"name": name.as_str(), "session_id": id.to_hex()}))
}
