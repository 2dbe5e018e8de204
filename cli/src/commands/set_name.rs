//! `session-cli --profile DIR set-name NAME`: the display name sent with messages.

use crate::output::CliError;
use crate::profile::{Profile, ProfileFile};
use serde_json::{json, Value};
use session_core::config::fields::MAX_NAME_BYTES;
use std::time::{SystemTime, UNIX_EPOCH};

/// Longest display name, in characters (the official apps' limit).
pub const MAX_NAME_CHARS: usize = 100;

/// Arguments of `set-name`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new display name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// Sets the display name (the profile must hold an account): `{"display_name": …}`.
pub async fn set_name(profile: &Profile, name: &str) -> Result<Value, CliError> {
    profile.load_identity()?;
    let _lock = profile.lock().await?;
    let stored = store_name(profile, name)?;
    Ok(json!({ "display_name": stored }))
}

/// Checks a display name (trimmed): not empty, at most 100 characters and 100 bytes (the
/// limit of the account's settings, which other devices enforce).
pub(crate) fn check_name(name: &str) -> Result<&str, CliError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CliError("the display name is empty".into()));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(CliError(format!(
            "the display name has {chars} characters; at most {MAX_NAME_CHARS} are allowed"
        )));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(CliError(format!(
            "the display name takes {} bytes; at most {MAX_NAME_BYTES} are allowed",
            name.len()
        )));
    }
    Ok(name)
}

/// Checks and stores a display name (with the profile locked); returns it as stored.
pub(crate) fn store_name(profile: &Profile, name: &str) -> Result<String, CliError> {
    let name = check_name(name)?;
    let now_s = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    profile.save_profile(&ProfileFile::new(name, now_s))?;
    Ok(name.to_owned())
}
