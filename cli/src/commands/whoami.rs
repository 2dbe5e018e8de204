//! `session-cli --profile DIR whoami`.

use super::contacts::saved_config;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::config::user_profile::UserProfile;
use session_core::config::Domain;

/// The profile's Session ID, public keys and profile: the display name and avatar of the
/// account's settings as last synced (the name set here when none were synced yet; null when
/// there is none).
pub fn whoami(profile: &Profile) -> Result<Value, CliError> {
    let identity = profile.load_identity()?;
    let synced = saved_config(profile, Domain::UserProfile)?.map(|c| UserProfile::read(c.data()));
    let local = profile.load_profile()?;
    let state = profile.load_state()?;
    let last = state
        .latest_configs()
        .and_then(|n| n.name_synced.as_deref());
    // A name set here after the last sync is the newest; it goes out with the next sync.
    let name = match local {
        Some(l) if synced.is_none() || last != Some(l.display_name.as_str()) => {
            Some(l.display_name)
        }
        _ => synced.as_ref().and_then(|p| p.name.clone()),
    };
    Ok(json!({
        "display_name": name,
        "profile_pic_url": synced.and_then(|p| p.pic).map(|p| p.url),
        "session_id": identity.session_id().to_hex(),
        "ed25519_pubkey": hex::encode(identity.ed25519_public()),
        "x25519_pubkey": hex::encode(identity.x25519_public()),
        "profile": profile.dir().display().to_string(),
    }))
}
