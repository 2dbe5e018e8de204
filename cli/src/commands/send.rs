//! `session-cli send SESSION_ID TEXT [--attach FILE]…`: stores a message in the recipient's
//! swarm. Attached files are encrypted and uploaded to the file server first.
//!
//! The message is encrypted once and written to the profile's outbox before anything is sent;
//! delivery then stores exactly those bytes (nodes de-duplicate by hash, so retries never
//! duplicate it). When the command is interrupted, the next command that talks to the network
//! finishes the delivery. When delivery fails, the message is taken out of the outbox again and
//! the command says so: the failure is reported, so it is up to the user to send again.

use crate::account::Account;
use crate::attachments::{upload, LocalFile};
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::{Delivery, Env, MemoryOutbox, OutboxEntry, SyncStatus, Transport};
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use std::path::PathBuf;

/// The longest text accepted, in characters (the official apps' limit).
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Arguments of `send`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The recipient's Session ID (66 hex characters starting with 05).
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
    /// The message (several words are joined with spaces; quote it to keep its spacing).
    /// Optional when files are attached.
    #[arg(value_name = "TEXT", num_args = 0.., required_unless_present = "attach")]
    pub text: Vec<String>,
    /// A file to attach (repeat for several; at most 10,000,000 bytes each).
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
}

impl Args {
    /// The text as one string.
    pub fn text(&self) -> String {
        self.text.join(" ")
    }
}

/// Parses a recipient, explaining what is wrong with a bad one.
pub fn recipient(text: &str) -> Result<SessionId, CliError> {
    SessionId::parse_standard(text.trim()).map_err(|e| {
        CliError(format!(
            "{text:?} is not a Session ID ({e}); a Session ID is 66 hex characters starting \
             with 05"
        ))
    })
}

/// Checks a message text: not empty, at most [`MAX_TEXT_CHARS`] characters.
pub fn check_text(text: &str) -> Result<(), CliError> {
    check_body(text, false)
}

/// Checks a message's text: at most [`MAX_TEXT_CHARS`] characters, and not empty unless files
/// are attached.
pub fn check_body(text: &str, has_files: bool) -> Result<(), CliError> {
    let chars = text.chars().count();
    if text.trim().is_empty() && !has_files {
        return Err(CliError("the message is empty".into()));
    }
    if chars > MAX_TEXT_CHARS {
        return Err(CliError(format!(
            "the message is {chars} characters long; Session allows at most {MAX_TEXT_CHARS}"
        )));
    }
    Ok(())
}

/// Sends `text` to `to` and returns once the recipient's swarm has stored it:
/// `{"hash", "timestamp", "to", "sync": "stored" | "failed: …" | "not-needed"}`.
pub async fn send<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    to: &str,
    text: &str,
) -> Result<Value, CliError> {
    send_with(profile, conn, to, text, &[]).await
}

/// [`send`] with files: each is encrypted and uploaded before the message is built, and the
/// result gains `"attachments": [{"name", "content_type", "size", "url"}]`.
pub async fn send_with<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    to: &str,
    text: &str,
    files: &[LocalFile],
) -> Result<Value, CliError> {
    let to = recipient(to)?;
    check_body(text, !files.is_empty())?;
    let file_server = match (files.is_empty(), &conn.file_server) {
        (true, _) => None,
        (false, Some(fs)) => Some(fs),
        (false, None) => {
            return Err(CliError(
                "attachments need the network's file server, which only a relay names: use \
                 --relay URL"
                    .into(),
            ))
        }
    };
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    // Paths first, so that the timestamp comes from a clock the nodes have corrected. Only a
    // missing node list is final here; the delivery retries the rest.
    if let Err(e) = acct.client.connect().await {
        if acct.client.state().nodes().is_empty() {
            return Err(acct.fail("message not sent", e));
        }
    }
    let attachments = match file_server {
        Some(fs) => upload(&acct.client, fs, files).await?,
        None => Vec::new(),
    };
    let mut content = if attachments.is_empty() {
        ContentBuilder::text(text)
    } else {
        ContentBuilder::with_attachments(Some(text), &attachments)
    };
    if let Some(me) = profile.load_profile()? {
        content = content.profile(&me.to_profile());
    }
    let out = match acct.client.prepare(&to, content.build()) {
        Ok(out) => out,
        Err(e) => return Err(acct.fail("message not sent", e)),
    };
    let entry = OutboxEntry::new(out, acct.client.env().now_ms());
    let hash = entry.hash().to_owned();
    // Kept in the profile before any network attempt: an interruption leaves it for the next
    // command to deliver.
    acct.outbox.push(entry.clone());
    acct.save()?;
    acct.outbox.remove(&hash);
    let this = MemoryOutbox::new(vec![entry]);
    let Ok(report) = acct.client.flush_outbox(&this).await;
    // What remains is a sync copy still to store: later commands store it.
    for left in this.entries() {
        acct.outbox.push(left);
    }
    match report.outcome(&hash) {
        Some(Delivery::Sent(report)) => {
            let report = report.clone();
            acct.note_contact(&to).await;
            acct.save()?;
            let sync = match &report.sync {
                SyncStatus::Stored(_) => "stored".to_owned(),
                SyncStatus::Failed(e) => format!("failed: {e}"),
                _ => "not-needed".to_owned(),
            };
            Ok(json!({
                "hash": report.hash,
                "timestamp": report.timestamp_ms,
                "to": to.to_hex(),
                "sync": sync,
                "attachments": attachments.iter().map(|a| json!({
                    "name": a.meta.file_name,
                    "content_type": a.meta.content_type,
                    "size": a.size,
                    "url": a.url.to_string(),
                })).collect::<Vec<_>>(),
            }))
        }
        Some(Delivery::Failed(e)) => {
            // Reported as not sent: it leaves the outbox, the user decides to send again.
            acct.outbox.remove(&hash);
            let e = e.clone();
            Err(acct.fail("message not sent", e))
        }
        _ => {
            acct.outbox.remove(&hash);
            acct.save()?;
            Err(CliError(
                "message not sent: it expired before it could be stored".into(),
            ))
        }
    }
}
