//! `session-cli --profile DIR restore --words "…"`: an existing account on this device.

use super::init::{account_json, already};
use super::set_name::store_name;
use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::config::contacts;
use session_core::config::user_profile::UserProfile;
use session_core::config::Domain;
use session_core::identity::Identity;

/// Arguments of `restore`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The account's 13-word recovery phrase, in quotes.
    #[arg(long, value_name = "PHRASE")]
    pub words: String,
    /// The display name sent with your messages.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Stores the account of a recovery phrase in `profile` (made if missing) and returns its
/// Session ID and phrase. Restoring the same account again is harmless; a profile holding
/// another account is refused. With a network, the account's settings (display name,
/// contacts, conversations) are fetched from its swarm before anything is changed there:
/// `display_name` and `contacts` (how many) say what came back.
pub async fn restore<T: Transport>(
    profile: &Profile,
    words: &str,
    name: Option<&str>,
    conn: Option<&Connection<T>>,
) -> Result<Value, CliError> {
    let mut out = store_account(profile, words, name).await?;
    let Some(conn) = conn else {
        return Ok(out);
    };
    let mut acct = Account::open(profile, conn).await?;
    let report = acct.fetch_configs().await?;
    acct.sync_configs(&report).await?;
    acct.save()?;
    let configs = acct.configs.borrow();
    let display_name = configs
        .get(Domain::UserProfile)
        .and_then(|c| UserProfile::read(c.data()).name);
    let contacts = configs
        .get(Domain::Contacts)
        .map_or(0, |c| contacts::all(c.data()).len());
    out["display_name"] = json!(display_name);
    out["contacts"] = json!(contacts);
    Ok(out)
}

async fn store_account(
    profile: &Profile,
    words: &str,
    name: Option<&str>,
) -> Result<Value, CliError> {
    let identity = Identity::from_mnemonic(words)
        .map_err(|e| CliError::context("not a valid recovery phrase", e))?;
    profile.create()?;
    let _lock = profile.lock().await?;
    if profile.has_keys() {
        let same = profile
            .load_identity()
            .is_ok_and(|existing| existing.session_id() == identity.session_id());
        if !same {
            return Err(already(profile));
        }
    } else {
        profile.save_identity(&identity)?;
    }
    if let Some(name) = name {
        store_name(profile, name)?;
    }
    account_json(&identity)
}
