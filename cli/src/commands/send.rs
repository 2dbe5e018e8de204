//! `session-cli send SESSION_ID TEXT [--attach FILE]… [--reply-to TIMESTAMP]`: stores a
//! message in the recipient's swarm. Attached files are encrypted and uploaded to the file
//! server first; a reply names the message it quotes by author and time (messaging.md §5.10).
//!
//! The message is encrypted once and written to the profile's outbox before anything is sent;
//! delivery then stores exactly those bytes (nodes de-duplicate by hash, so retries never
//! duplicate it). When the command is interrupted, the next command that talks to the network
//! finishes the delivery. When delivery fails, the message is taken out of the outbox again and
//! the command says so: the failure is reported, so it is up to the user to send again.
//!
//! The hash of our own swarm's copy (the sync copy, or a note to self itself) is remembered in
//! the profile's sent record (see [`crate::sent`]) before sending, so that `unsend` can delete
//! it later.

use crate::account::Account;
use crate::attachments::{upload, LocalFile};
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use crate::sent::{SentLog, SentRecord};
use serde_json::{json, Value};
use session_core::client::{
    Delivery, Env, MemoryOutbox, OutboxEntry, Outgoing, SendReport, SyncStatus, Transport,
};
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::MessageRef;
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
    /// Reply to the message sent at TIMESTAMP (its "timestamp" as `receive` or `send`
    /// printed it, in ms): the reply quotes it, as the official apps show.
    #[arg(long = "reply-to", value_name = "TIMESTAMP", value_parser = parse_timestamp)]
    pub reply_to: Option<u64>,
    /// Who wrote the message replied to (default: SESSION_ID, the recipient; give your own
    /// Session ID to quote one of your own messages).
    #[arg(
        long = "reply-author",
        value_name = "SESSION_ID",
        requires = "reply_to"
    )]
    pub reply_author: Option<String>,
}

impl Args {
    /// The text as one string.
    pub fn text(&self) -> String {
        self.text.join(" ")
    }

    /// The message replied to, if any: `--reply-to` by `--reply-author` (default: `to`).
    pub fn reply(&self, to: &SessionId) -> Result<Option<MessageRef>, CliError> {
        let Some(timestamp) = self.reply_to else {
            return Ok(None);
        };
        let author = match &self.reply_author {
            Some(a) => session_id("--reply-author", a)?,
            None => *to,
        };
        Ok(Some(MessageRef::new(author, timestamp)))
    }
}

/// Parses a message's sent time as the commands print it (`"timestamp"`: ms since 1970).
pub fn parse_timestamp(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(t) if t > 0 => Ok(t),
        _ => Err(format!(
            "{text:?} is not a message time: give the \"timestamp\" that send or receive \
             printed (milliseconds since 1970, such as 1700000000000)"
        )),
    }
}

/// Parses the Session ID given as `what`, explaining what is wrong with a bad one.
pub fn session_id(what: &str, text: &str) -> Result<SessionId, CliError> {
    SessionId::parse_standard(text.trim()).map_err(|e| {
        CliError(format!(
            "{what} {text:?} is not a Session ID ({e}); a Session ID is 66 hex characters \
             starting with 05"
        ))
    })
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
/// `{"hash", "timestamp", "to", "sync": "stored" | "failed: …" | "not-needed", "sync_hash",
/// "attachments": []}`.
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
    send_reply(profile, conn, to, text, files, None).await
}

/// [`send_with`], as a reply to `reply_to` when given. The result is `{"hash", "timestamp",
/// "to", "sync", "sync_hash", "attachments"}`; `sync_hash` is the hash of our own swarm's
/// copy (null for a note to self, which has none besides the message).
pub async fn send_reply<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    to: &str,
    text: &str,
    files: &[LocalFile],
    reply_to: Option<&MessageRef>,
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
    let mut sent = load_sent(profile)?;
    acct.flush_outbox().await?;
    connect_paths(&mut acct, "message not sent").await?;
    let attachments = match file_server {
        Some(fs) => upload(&acct.client, fs, files).await?,
        None => Vec::new(),
    };
    let mut content = if attachments.is_empty() {
        ContentBuilder::text(text)
    } else {
        ContentBuilder::with_attachments(Some(text), &attachments)
    };
    if let Some(target) = reply_to {
        content = content.reply_to(target);
    }
    if let Some(me) = profile.load_profile()? {
        content = content.profile(&me.to_profile());
    }
    let out = match acct.client.prepare(&to, content.build()) {
        Ok(out) => out,
        Err(e) => return Err(acct.fail("message not sent", e)),
    };
    let sync_hash = out.sync_hash().map(str::to_owned);
    // Remembered before sending, for `unsend`; forgotten again if it is not sent.
    let record = own_copy_record(&acct, &out);
    if let Some(r) = &record {
        sent.record(r.clone(), now_ms());
        sent.save(profile, now_ms())
            .map_err(|e| CliError::context("message not sent", e))?;
    }
    let report = match deliver_via_outbox(&mut acct, out, "message not sent").await {
        Ok(report) => report,
        Err(e) => {
            if let Some(r) = &record {
                sent.forget(&r.network, &r.to, r.timestamp);
                let _ = sent.save(profile, now_ms());
            }
            return Err(e);
        }
    };
    acct.note_contact(&to).await;
    acct.save()?;
    Ok(json!({
        "hash": report.hash,
        "timestamp": report.timestamp_ms,
        "to": to.to_hex(),
        "sync": sync_text(&report.sync),
        "sync_hash": sync_hash,
        "attachments": attachments.iter().map(|a| json!({
            "name": a.meta.file_name,
            "content_type": a.meta.content_type,
            "size": a.size,
            "url": a.url.to_string(),
        })).collect::<Vec<_>>(),
    }))
}

/// The system clock (ms), for the sent record.
pub(crate) fn now_ms() -> u64 {
    u64::try_from(crate::config_sync::now_ms()).unwrap_or(0)
}

/// The profile's sent record, with a note on stderr when a damaged one was set aside.
pub(crate) fn load_sent(profile: &Profile) -> Result<SentLog, CliError> {
    let (sent, note) = SentLog::load(profile)?;
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    Ok(sent)
}

/// What the sent record keeps of `out`: the hash of its copy in our own swarm (the sync
/// copy, or for a note to self the message itself).
fn own_copy_record<T: Transport>(acct: &Account<'_, T>, out: &Outgoing) -> Option<SentRecord> {
    let own_hash = if *out.to() == acct.us() {
        out.hash()
    } else {
        out.sync_hash()?
    };
    Some(SentRecord {
        network: acct.network().to_owned(),
        to: out.to().to_hex(),
        timestamp: out.timestamp_ms(),
        own_hash: own_hash.to_owned(),
        expires_ms: out.expires_ms(),
    })
}

/// Builds paths first, so that a message's timestamp comes from a clock the nodes have
/// corrected. Only a missing node list is final here; the delivery retries the rest.
pub(crate) async fn connect_paths<T: Transport>(
    acct: &mut Account<'_, T>,
    what: &str,
) -> Result<(), CliError> {
    if let Err(e) = acct.client.connect().await {
        if acct.client.state().nodes().is_empty() {
            return Err(acct.fail(what, e));
        }
    }
    Ok(())
}

/// The `"sync"` of a command's output: `stored`, `failed: …` or `not-needed`.
pub(crate) fn sync_text(sync: &SyncStatus) -> String {
    match sync {
        SyncStatus::Stored(_) => "stored".to_owned(),
        SyncStatus::Failed(e) => format!("failed: {e}"),
        _ => "not-needed".to_owned(),
    }
}

/// Delivers a prepared message through the outbox: kept in the profile before any network
/// attempt (an interruption leaves it for the next command to deliver), then stored; a sync
/// copy that could not be stored stays for later commands. A message that is not delivered
/// leaves the outbox again and fails the command with `what`. The state is saved.
pub(crate) async fn deliver_via_outbox<T: Transport>(
    acct: &mut Account<'_, T>,
    out: Outgoing,
    what: &str,
) -> Result<SendReport, CliError> {
    let entry = OutboxEntry::new(out, acct.client.env().now_ms());
    let hash = entry.hash().to_owned();
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
            acct.save()?;
            Ok(report)
        }
        Some(Delivery::Failed(e)) => {
            // Reported as not sent: it leaves the outbox, the user decides to send again.
            acct.outbox.remove(&hash);
            let e = e.clone();
            Err(acct.fail(what, e))
        }
        _ => {
            acct.outbox.remove(&hash);
            acct.save()?;
            Err(CliError(format!(
                "{what}: it expired before it could be stored"
            )))
        }
    }
}
