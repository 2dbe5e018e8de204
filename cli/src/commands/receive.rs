//! `session-cli receive`: polls once and prints the new messages as a JSON array.
//!
//! A message is printed by one `receive` (or `listen`) only: the client remembers per node the
//! last hash it returned and every message already delivered, and that state is saved after
//! the messages are printed. The order is deliberate: a crash after polling but before the
//! save makes the next command print those messages again, whereas saving first would lose
//! them if the crash came before the print. So, across crashes, delivery is at least once
//! (a consumer that must never see a message twice can de-duplicate by `hash`); in normal
//! operation it is exactly once. Output that cannot be written (a closed pipe) is not saved as
//! delivered either.

use crate::account::Account;
use crate::attachments::download;
use crate::network::Connection;
use crate::output::{self, CliError};
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::attachment::file_server::FileServer;
use session_core::client::{Event, Transport};
use session_core::message::receive::Direction;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where `receive` and `listen` save attachments.
#[derive(Debug, Default, clap::Args)]
pub struct Downloads {
    /// Where received attachments are saved (default: the profile's `attachments` folder).
    #[arg(long, value_name = "DIR")]
    pub download_dir: Option<PathBuf>,
}

impl Downloads {
    /// The folder attachments go to.
    pub fn download_dir(&self, profile: &Profile) -> PathBuf {
        self.download_dir
            .clone()
            .unwrap_or_else(|| default_download_dir(profile))
    }
}

/// The profile's own folder for attachments.
pub fn default_download_dir(profile: &Profile) -> PathBuf {
    profile.dir().join("attachments")
}

/// Polls once, writes the new messages to `out` as one JSON array, then saves the state.
/// Returns the messages printed. Attachments go to the profile's folder.
pub async fn receive<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
) -> Result<Vec<Value>, CliError> {
    receive_into(profile, conn, out, &default_download_dir(profile)).await
}

/// [`receive`], saving attachments into `dir`.
pub async fn receive_into<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    dir: &Path,
) -> Result<Vec<Value>, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    let messages = poll(&mut acct, conn, dir).await?;
    output::emit(out, &Value::Array(messages.clone()))?;
    acct.save()?;
    Ok(messages)
}

/// One poll, as JSON messages with their attachments downloaded into `dir` (state not saved
/// yet, unless the poll failed).
pub(crate) async fn poll<T: Transport>(
    acct: &mut Account<'_, T>,
    conn: &Connection<T>,
    dir: &Path,
) -> Result<Vec<Value>, CliError> {
    let report = match acct.client.poll().await {
        Ok(report) => report,
        Err(e) => return Err(acct.fail("receiving failed", e)),
    };
    // Configs first: the messages of the same poll may depend on them.
    acct.sync_configs(&report).await?;
    let default = conn.file_server.clone().unwrap_or_else(FileServer::mainnet);
    let mut messages = Vec::new();
    for event in &report.events {
        let (Some(mut v), Some(m)) = (message_json(event), event.message()) else {
            continue;
        };
        v["attachments"] = Value::Array(download(&acct.client, &default, m, dir).await);
        messages.push(v);
    }
    Ok(messages)
}

/// A visible message as printed: `{"from", "to", "direction", "text", "timestamp", "hash",
/// "expires"}` (`receive` adds `"attachments"`). `direction` is `incoming`, `outgoing` (the sync copy of a message another
/// device of this account sent to `to`) or `note-to-self`; `text` is null for content without
/// text (an attachment, a reaction). Receipts, typing indicators and the like print nothing.
pub fn message_json(event: &Event) -> Option<Value> {
    let m = event.message()?;
    let direction = match m.direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
        Direction::NoteToSelf => "note-to-self",
    };
    Some(json!({
        "from": m.from.to_hex(),
        "to": m.to.to_hex(),
        "direction": direction,
        "text": m.text,
        "timestamp": m.timestamp_ms,
        "hash": m.hash,
        "expires": m.expires_ms,
    }))
}
