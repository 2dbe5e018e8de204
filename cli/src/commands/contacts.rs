//! `session-cli contacts`: the account's contacts, from its Contacts config.

use crate::account::Account;
use crate::config_json::contact_list;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::Value;
use session_core::client::Transport;
use session_core::config::{ConfigObject, Domain};

/// The contacts as a JSON array (each as `debug config-open` prints a contact), by Session
/// ID. With a network, the configs are fetched from the swarm first; without, the copy saved
/// by the last command that reached the network is read.
pub async fn contacts<T: Transport>(
    profile: &Profile,
    conn: Option<&Connection<T>>,
) -> Result<Value, CliError> {
    let Some(conn) = conn else {
        let config = saved_config(profile, Domain::Contacts)?;
        return Ok(Value::Array(
            config.map(|c| contact_list(c.data())).unwrap_or_default(),
        ));
    };
    let mut acct = Account::open(profile, conn).await?;
    let report = acct.fetch_configs().await?;
    acct.sync_configs(&report).await?;
    acct.save()?;
    let configs = acct.configs.borrow();
    Ok(Value::Array(
        configs
            .get(Domain::Contacts)
            .map(|c| contact_list(c.data()))
            .unwrap_or_default(),
    ))
}

/// The config of `domain` as saved for the network last synced, if any.
pub(crate) fn saved_config(
    profile: &Profile,
    domain: Domain,
) -> Result<Option<ConfigObject>, CliError> {
    let identity = profile.load_identity()?;
    let state = profile.load_state()?;
    let Some(dump) = state
        .latest_configs()
        .and_then(|n| n.configs.get(&domain.namespace()))
    else {
        return Ok(None);
    };
    let bytes = hex::decode(dump).map_err(|_| CliError("the saved config is damaged".into()))?;
    ConfigObject::load(&identity, domain, &bytes)
        .map(Some)
        .map_err(|e| CliError::context("the saved config is unreadable", e))
}
