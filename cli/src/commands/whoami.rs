//! `session-cli --profile DIR whoami`.

use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};

/// The profile's Session ID and public keys.
pub fn whoami(profile: &Profile) -> Result<Value, CliError> {
    let identity = profile.load_identity()?;
    Ok(json!({
        "session_id": identity.session_id().to_hex(),
        "ed25519_pubkey": hex::encode(identity.ed25519_public()),
        "x25519_pubkey": hex::encode(identity.x25519_public()),
        "profile": profile.dir().display().to_string(),
    }))
}
