//! The fire-and-forget control messages (messaging.md §5.5, §5.7, §5.8): `read` (a read
//! receipt), `typing` (a typing indicator, kept by the network for
//! [`TYPING_TTL_MS`]) and `accept` (accepting a contact's message request, with our profile).
//!
//! None of them is synced to our other devices or kept in the outbox: each is stored once, and
//! a failure is reported, not retried. Each prints `{"hash", "timestamp", "to"}`.

use super::send::{connect_paths, parse_timestamp, recipient};
use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::identity::SessionId;
use session_core::message::control::{self, TYPING_TTL_MS};
use session_core::proto::session::Content;

/// The most messages one read receipt names.
pub const MAX_RECEIPT_TIMESTAMPS: usize = 1_000;

/// Arguments of `read`.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// The contact whose messages were read.
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
    /// The "timestamp" of each message read, as `receive` printed it (ms).
    #[arg(value_name = "TIMESTAMP", required = true, num_args = 1.., value_parser = parse_timestamp)]
    pub timestamps: Vec<u64>,
}

/// Arguments of `typing`.
#[derive(Debug, clap::Args)]
pub struct TypingArgs {
    /// The contact who sees us typing.
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
    /// Say we stopped typing (without it: we started).
    #[arg(long)]
    pub stop: bool,
}

/// Arguments of `accept`.
#[derive(Debug, clap::Args)]
pub struct AcceptArgs {
    /// The contact whose message request is accepted.
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
}

/// A control message: to whom, what, and how long the network keeps it.
#[derive(Debug, Clone)]
pub struct Control {
    to: SessionId,
    content: Content,
    ttl_ms: Option<u64>,
    what: &'static str,
    approves: bool,
}

/// A contact other than ourselves, for the commands that only make sense with one.
fn contact(profile: &Profile, to: &str, what: &str) -> Result<SessionId, CliError> {
    let to = recipient(to)?;
    if to == profile.load_identity()?.session_id() {
        return Err(CliError(format!(
            "{what} go to a contact, not to your own Session ID"
        )));
    }
    Ok(to)
}

impl ReadArgs {
    /// The read receipt, checked (no network needed).
    pub fn control(&self, profile: &Profile) -> Result<Control, CliError> {
        let to = contact(profile, &self.to, "read receipts")?;
        if self.timestamps.len() > MAX_RECEIPT_TIMESTAMPS {
            return Err(CliError(format!(
                "one read receipt names at most {MAX_RECEIPT_TIMESTAMPS} messages, not {}",
                self.timestamps.len()
            )));
        }
        let mut times = self.timestamps.clone();
        times.sort_unstable();
        times.dedup();
        Ok(Control {
            to,
            content: control::read_receipt(&times),
            ttl_ms: None,
            what: "read receipt not sent",
            approves: false,
        })
    }
}

impl TypingArgs {
    /// The typing indicator, checked (no network needed).
    pub fn control(&self, profile: &Profile) -> Result<Control, CliError> {
        Ok(Control {
            to: contact(profile, &self.to, "typing indicators")?,
            content: control::typing(!self.stop),
            ttl_ms: Some(TYPING_TTL_MS),
            what: "typing indicator not sent",
            approves: false,
        })
    }
}

impl AcceptArgs {
    /// The acceptance with our profile, checked (no network needed).
    pub fn control(&self, profile: &Profile) -> Result<Control, CliError> {
        let to = contact(profile, &self.to, "message request acceptances")?;
        let me = profile.load_profile()?.map(|p| p.to_profile());
        Ok(Control {
            to,
            content: control::accept_request(me.as_ref()),
            ttl_ms: None,
            what: "acceptance not sent",
            approves: true,
        })
    }
}

/// Stores a control message in the contact's swarm once: `{"hash", "timestamp", "to"}`.
/// Accepting a request also approves the contact in the account's settings.
pub async fn send_control<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    msg: Control,
) -> Result<Value, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    connect_paths(&mut acct, msg.what).await?;
    let prepared = match msg.ttl_ms {
        Some(ttl) => acct.client.prepare_ttl(&msg.to, msg.content, ttl),
        None => acct.client.prepare(&msg.to, msg.content),
    };
    let mut out = match prepared {
        Ok(out) => out,
        Err(e) => return Err(acct.fail(msg.what, e)),
    };
    let report = match acct.client.deliver(&mut out).await {
        Ok(report) => report,
        Err(e) => return Err(acct.fail(msg.what, e)),
    };
    if msg.approves {
        acct.note_contact(&msg.to).await;
    }
    acct.save()?;
    Ok(json!({
        "hash": report.hash,
        "timestamp": report.timestamp_ms,
        "to": msg.to.to_hex(),
    }))
}
