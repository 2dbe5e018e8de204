//! `session-cli --profile DIR whoami`.

use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};

/// The profile's Session ID, public keys and display name (null when none is set).
pub fn whoami(profile: &Profile) -> Result<Value, CliError> {
    let identity = profile.load_identity()?;
    let name = profile.load_profile()?.map(|p| p.display_name);
    Ok(json!({
        "display_name": name,
        "session_id": identity.session_id().to_hex(),
        "ed25519_pubkey": hex::encode(identity.ed25519_public()),
        "x25519_pubkey": hex::encode(identity.x25519_public()),
        "profile": profile.dir().display().to_string(),
    }))
}
