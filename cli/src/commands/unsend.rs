//! `session-cli unsend SESSION_ID TIMESTAMP [--hash HASH]…`: deletes for everyone our message
//! sent to SESSION_ID at TIMESTAMP (messaging.md §5.4).
//!
//! First our own swarm's copy is deleted (the hash `send` remembered in the profile's sent
//! record, plus any `--hash`), signed with our key; only when that worked does the
//! UnsendRequest go to the contact and, through its sync copy, to our own swarm, where our
//! other devices find it. A failed delete sends nothing (as Session Desktop does) and fails
//! the command. For Note to Self only our own swarm is involved.

use super::send::{
    connect_paths, deliver_via_outbox, load_sent, now_ms, parse_timestamp, recipient, sync_text,
};
use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::identity::SessionId;
use session_core::message::control;
use session_core::message::MessageRef;
use session_core::rpc::is_valid_hash;

/// Arguments of `unsend`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whom the message was sent to (their Session ID; your own for Note to Self).
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
    /// When it was sent: the "timestamp" `send` printed (ms).
    #[arg(value_name = "TIMESTAMP", value_parser = parse_timestamp)]
    pub timestamp: u64,
    /// Also delete this message of our own swarm (the "sync_hash" `send` printed, for a
    /// message this profile no longer remembers; repeat for several).
    #[arg(long = "hash", value_name = "HASH")]
    pub hashes: Vec<String>,
}

impl Args {
    /// The recipient and the extra hashes, checked (no network needed).
    pub fn check(&self) -> Result<(SessionId, Vec<String>), CliError> {
        let to = recipient(&self.to)?;
        let mut hashes: Vec<String> = Vec::new();
        for h in &self.hashes {
            let h = h.trim();
            if !is_valid_hash(h) {
                return Err(CliError(format!(
                    "--hash {h:?} is not a message hash (43 characters of base64, as \
                     \"sync_hash\" or \"hash\" are printed)"
                )));
            }
            if !hashes.iter().any(|x| x == h) {
                hashes.push(h.to_owned());
            }
        }
        Ok((to, hashes))
    }
}

/// Deletes our message sent to `to` at `timestamp_ms` for everyone: our swarm's copy (the
/// remembered one and `extra`), then the unsend request. Prints `{"to", "timestamp",
/// "deleted": [hashes], "hash", "sync"}` (`hash`: the request's).
pub async fn unsend<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    to: &SessionId,
    timestamp_ms: u64,
    extra: &[String],
) -> Result<Value, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    let mut sent = load_sent(profile)?;
    acct.flush_outbox().await?;
    let to_hex = to.to_hex();
    let network = acct.network().to_owned();
    let mut hashes: Vec<String> = sent
        .own_copy(&network, &to_hex, timestamp_ms, now_ms())
        .map(str::to_owned)
        .into_iter()
        .collect();
    for h in extra {
        if !hashes.contains(h) {
            hashes.push(h.clone());
        }
    }
    if hashes.is_empty() {
        eprintln!(
            "note: this profile does not know our own swarm's copy of that message (sent from \
             another device, or before it was recorded); only the unsend request is sent (give \
             --hash to delete the copy too)"
        );
    }
    connect_paths(&mut acct, "message not unsent").await?;
    if let Err(e) = acct.client.delete_own(&hashes).await {
        return Err(acct.fail(
            "message not unsent: deleting our own swarm's copy failed, so no unsend request \
             was sent",
            e,
        ));
    }
    let target = MessageRef::new(acct.us(), timestamp_ms);
    let out = match acct.client.prepare(to, control::unsend(&target)) {
        Ok(out) => out,
        Err(e) => return Err(acct.fail("unsend request not sent", e)),
    };
    let what = "our own swarm's copy was deleted, but the unsend request was not sent";
    let report = deliver_via_outbox(&mut acct, out, what).await?;
    sent.forget(&network, &to_hex, timestamp_ms);
    if let Err(e) = sent.save(profile, now_ms()) {
        eprintln!("note: the sent record could not be updated: {e}");
    }
    Ok(json!({
        "to": to_hex,
        "timestamp": timestamp_ms,
        "deleted": hashes,
        "hash": report.hash,
        "sync": sync_text(&report.sync),
    }))
}
