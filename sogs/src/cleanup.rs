//! Sweeping expired rows (pysogs' `sogs/cleanup.py`), on demand and every few seconds while the
//! server runs.

use crate::{Sogs, SogsError};
use rusqlite::params;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the server sweeps by default (pysogs' `INTERVAL`).
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(10);
/// Room activity older than this is forgotten (pysogs' `ROOM_ACTIVE_PRUNE_THRESHOLD`, 60 days).
pub const ROOM_ACTIVITY_PRUNE_S: f64 = 60.0 * 86400.0;

/// What one sweep removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CleanupReport {
    /// Expired files (rows and their bytes, which live in the row).
    pub files: usize,
    /// Expired inbox (blinded direct) messages.
    pub inbox: usize,
    /// Room activity records older than [`ROOM_ACTIVITY_PRUNE_S`].
    pub room_activity: usize,
    /// Request nonces past their expiry (their timestamps could no longer pass anyway).
    pub nonces: usize,
    /// Timed bans that ran out (room and server-wide), now lifted for good.
    pub bans: usize,
}

/// Runs one sweep at the server's clock ([`Sogs::now`]).
pub fn cleanup(sogs: &Sogs) -> Result<CleanupReport, SogsError> {
    let now = sogs.now();
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    let files = tx.execute("DELETE FROM files WHERE expiry < ?1", [now])?;
    let inbox = tx.execute("DELETE FROM inbox WHERE expires < ?1", [now])?;
    let room_activity = tx.execute(
        "DELETE FROM room_users WHERE last_active < ?1",
        [now - ROOM_ACTIVITY_PRUNE_S],
    )?;
    let nonces = tx.execute("DELETE FROM user_request_nonces WHERE expiry < ?1", [now])?;
    let room_bans = tx.execute(
        "DELETE FROM room_bans WHERE expires IS NOT NULL AND expires <= ?1",
        [now],
    )?;
    let global_bans = tx.execute(
        "UPDATE users SET banned = 0, ban_expires = NULL
         WHERE banned AND ban_expires IS NOT NULL AND ban_expires <= ?1",
        params![now],
    )?;
    tx.commit()?;
    Ok(CleanupReport {
        files,
        inbox,
        room_activity,
        nonces,
        bans: room_bans + global_bans,
    })
}

/// Sweeps every [`Sogs::set_cleanup_interval`] (off while it is `None`) on the blocking pool, so
/// requests never wait on the async side; ends once the server is dropped.
pub(crate) async fn periodic(sogs: Weak<Sogs>) {
    loop {
        let every = match sogs.upgrade() {
            Some(s) => s.cleanup_interval(),
            None => return,
        };
        tokio::time::sleep(every.unwrap_or(Duration::from_secs(1))).await;
        let Some(s) = sogs.upgrade() else { return };
        if s.cleanup_interval().is_none() {
            continue;
        }
        let s: Arc<Sogs> = s;
        let done = tokio::task::spawn_blocking(move || cleanup(&s)).await;
        if let Ok(Err(e)) = done {
            eprintln!("sogs: periodic cleanup failed: {e:?}");
        }
    }
}
