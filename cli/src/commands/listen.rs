//! `session-cli listen [--events]`: prints new messages (with `--events`, the other events of
//! the conversations too) as JSON lines until interrupted.
//!
//! Each round locks the profile, polls once, prints, saves and unlocks, so that `send` can use
//! the same profile from another terminal between rounds. An interruption (Ctrl-C) takes
//! effect while waiting or polling, never between printing and saving, so what was printed is
//! never printed again. Network failures are reported on stderr and polling goes on.

use super::receive::{default_download_dir, poll};
use crate::account::Account;
use crate::network::Connection;
use crate::output::{self, CliError};
use crate::profile::Profile;
use session_core::client::Transport;
use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Arguments of `listen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seconds between polls.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub interval: f64,
    /// Where attachments go.
    #[command(flatten)]
    pub downloads: super::receive::Downloads,
    /// Also print the other events of the conversations (reactions, unsend requests, read
    /// receipts, typing indicators, accepted message requests), each with its "kind".
    #[arg(long)]
    pub events: bool,
}

impl Args {
    /// The wait between polls (at least 100 ms).
    pub fn interval(&self) -> Duration {
        Duration::try_from_secs_f64(self.interval)
            .unwrap_or(Duration::from_secs(2))
            .max(Duration::from_millis(100))
    }
}

enum RoundError {
    /// The profile cannot be used, or the output cannot be written: stop.
    Fatal(CliError),
    /// The network failed this time: try again next round.
    Network(CliError),
}

/// Polls every `interval`, writing each new message to `out` as a JSON line, until `stop`
/// completes (or a fatal error: no account, unwritable profile or output). Attachments go to
/// the profile's folder.
pub async fn listen<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    interval: Duration,
    stop: impl Future<Output = ()>,
) -> Result<(), CliError> {
    let dir = default_download_dir(profile);
    listen_into(profile, conn, out, interval, &dir, stop).await
}

/// [`listen`], saving attachments into `dir`.
pub async fn listen_into<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    interval: Duration,
    dir: &Path,
    stop: impl Future<Output = ()>,
) -> Result<(), CliError> {
    listen_with(profile, conn, out, interval, dir, false, stop).await
}

/// [`listen_into`]; with `events`, the other events are printed among the messages (see
/// [`super::receive::event_json`]).
pub async fn listen_with<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    interval: Duration,
    dir: &Path,
    events: bool,
    stop: impl Future<Output = ()>,
) -> Result<(), CliError> {
    // Fail at once, not after a first wait, when there is no account.
    profile.load_identity()?;
    tokio::pin!(stop);
    let mut failing = false;
    loop {
        let round = one_round(profile, conn, out, dir, events);
        let result = tokio::select! {
            () = &mut stop => return Ok(()),
            r = round => r,
        };
        match result {
            Ok(()) => {
                if failing {
                    eprintln!("note: receiving again");
                    failing = false;
                }
            }
            Err(RoundError::Fatal(e)) => return Err(e),
            Err(RoundError::Network(e)) => {
                if !failing {
                    eprintln!(
                        "warning: {e}; trying again every {:.1} s",
                        interval.as_secs_f64()
                    );
                    failing = true;
                }
            }
        }
        tokio::select! {
            () = &mut stop => return Ok(()),
            () = tokio::time::sleep(interval) => {}
        }
    }
}

async fn one_round<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    dir: &Path,
    events: bool,
) -> Result<(), RoundError> {
    let mut acct = Account::open(profile, conn)
        .await
        .map_err(RoundError::Fatal)?;
    acct.flush_outbox().await.map_err(RoundError::Fatal)?;
    let messages = poll(&mut acct, conn, dir, events)
        .await
        .map_err(RoundError::Network)?;
    // No await from here on: an interruption cannot fall between printing and saving.
    for m in &messages {
        output::emit(out, m).map_err(RoundError::Fatal)?;
    }
    acct.save().map_err(RoundError::Fatal)
}
