//! `session-cli --profile DIR restore --words "…"`: an existing account on this device.

use super::init::{account_json, already};
use super::set_name::store_name;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::Value;
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
/// another account is refused.
pub async fn restore(
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
