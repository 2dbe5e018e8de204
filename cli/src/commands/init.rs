//! `session-cli --profile DIR init`: a new account.

use super::set_name::store_name;
use crate::output::CliError;
use crate::profile::Profile;
use rand_core::OsRng;
use serde_json::{json, Value};
use session_core::identity::Identity;

/// Arguments of `init`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// The display name sent with your messages (it can be set later with `set-name`).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Creates an account in `profile` (made if missing), with a display name if one is given,
/// and returns its Session ID and recovery phrase. Fails if the profile already holds an
/// account.
pub async fn init(profile: &Profile, name: Option<&str>) -> Result<Value, CliError> {
    profile.create()?;
    let _lock = profile.lock().await?;
    if profile.has_keys() {
        return Err(already(profile));
    }
    let identity = Identity::generate(&mut OsRng);
    profile.save_identity(&identity)?;
    if let Some(name) = name {
        store_name(profile, name)?;
    }
    account_json(&identity)
}

pub(super) fn already(profile: &Profile) -> CliError {
    let who = profile
        .load_identity()
        .map(|id| format!(" ({})", id.session_id()))
        .unwrap_or_default();
    CliError(format!(
        "{} already holds an account{who}; use another --profile",
        profile.dir().display()
    ))
}

/// `{"session_id": …, "mnemonic": …}`.
pub(super) fn account_json(identity: &Identity) -> Result<Value, CliError> {
    let mnemonic = identity
        .mnemonic()
        .ok_or_else(|| CliError("this account has no recovery phrase".into()))?;
    Ok(json!({
        "session_id": identity.session_id().to_hex(),
        "mnemonic": mnemonic.as_str(),
    }))
}
