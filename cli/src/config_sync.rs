//! The account's user configs on this machine (groups-and-config.md §1.15–§1.16): libzstd for
//! pushes, and keeping `profile.json`'s display name and the UserProfile config in step.

use crate::output::CliError;
use crate::profile::ProfileFile;
use session_core::config::compress::Compressor;
use session_core::config::encrypt::Domain;
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::AccountConfigs;

/// libzstd at level 1, as the official library compresses configs (its bytes, not only a
/// valid frame, so that pushes match the library's byte for byte).
#[derive(Debug, Clone, Copy)]
pub struct Zstd;

impl Compressor for Zstd {
    fn compress(&self, data: &[u8]) -> Vec<u8> {
        // Compressing from memory into memory cannot fail; a failure just means "do not
        // compress", which every reader accepts.
        zstd::bulk::compress(data, 1).unwrap_or_else(|_| data.to_vec())
    }
}

/// The user config stored in `namespace`.
pub fn user_domain(namespace: i16) -> Result<Domain, CliError> {
    Domain::from_namespace(namespace)
        .filter(|d| d.is_wrapped())
        .ok_or_else(|| {
            CliError(format!(
                "--namespace must be 2, 3, 4 or 5 (a user config), got {namespace}"
            ))
        })
}

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// What reconciling the display name did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameSync {
    /// Both agree.
    Same,
    /// A name set here since the last sync went into the config (to push).
    Pushed,
    /// The config's name (set on another device) is the name now.
    Adopted(String),
}

/// Keeps the display name of `profile.json` and of the UserProfile config in step after a
/// poll merged the configs: a name set here since the last reconciliation (`synced`, the
/// name both agreed on then) goes into the config; otherwise the config's name, which another
/// device may have changed, is adopted. Only call it once the configs were merged from the swarm, so
/// that a new device never replaces a newer name with its own.
pub fn reconcile_name(
    configs: &mut AccountConfigs,
    local: Option<&ProfileFile>,
    synced: Option<&str>,
) -> Result<NameSync, CliError> {
    let Some(config) = configs.get_mut(Domain::UserProfile) else {
        return Ok(NameSync::Same);
    };
    let remote = UserProfile::read(config.data()).name;
    match local {
        Some(l) if remote.as_deref() == Some(l.display_name.as_str()) => Ok(NameSync::Same),
        Some(l) if synced != Some(l.display_name.as_str()) => {
            config
                .edit(|d| user_profile::set_name(d, &l.display_name))
                .map_err(|e| CliError::context("cannot put the display name in the config", e))?;
            Ok(NameSync::Pushed)
        }
        _ => Ok(match remote {
            Some(name) => NameSync::Adopted(name),
            None => NameSync::Same,
        }),
    }
}
