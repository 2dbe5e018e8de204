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
use crate::network::Connection;
use crate::output::{self, CliError};
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::{Event, Transport};
use session_core::message::receive::Direction;
use std::io::Write;

/// Polls once, writes the new messages to `out` as one JSON array, then saves the state.
/// Returns the messages printed.
pub async fn receive<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
) -> Result<Vec<Value>, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    let messages = poll(&mut acct).await?;
    output::emit(out, &Value::Array(messages.clone()))?;
    acct.save()?;
    Ok(messages)
}

/// One poll, as JSON messages (state not saved yet, unless the poll failed).
pub(crate) async fn poll<T: Transport>(acct: &mut Account<'_, T>) -> Result<Vec<Value>, CliError> {
    match acct.client.poll().await {
        Ok(report) => {
            // Configs first: the messages of the same poll may depend on them.
            acct.sync_configs(&report).await?;
            Ok(report.events.iter().filter_map(message_json).collect())
        }
        Err(e) => Err(acct.fail("receiving failed", e)),
    }
}

/// A visible message as printed: `{"from", "to", "direction", "text", "timestamp", "hash",
/// "expires"}`. `direction` is `incoming`, `outgoing` (the sync copy of a message another
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
