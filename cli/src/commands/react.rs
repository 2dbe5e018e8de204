//! `session-cli react SESSION_ID TIMESTAMP EMOJI [--author SESSION_ID] [--remove]`: reacts to a
//! message of the chat with SESSION_ID, or takes the reaction back (messaging.md §5.10).
//!
//! A reaction is a message of its own (its own time, only the reaction and our profile, as the
//! official apps send it), synced to our other devices, and delivered through the outbox like
//! `send`.

use super::send::{
    connect_paths, deliver_via_outbox, parse_timestamp, recipient, session_id, sync_text,
};
use crate::account::Account;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::reaction::{is_valid_emoji, Reaction, ReactionAction};
use session_core::message::MessageRef;

/// Arguments of `react`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The contact of the chat (their Session ID; your own for Note to Self).
    #[arg(value_name = "SESSION_ID")]
    pub to: String,
    /// When the message reacted to was sent: its "timestamp" as `receive` or `send` printed
    /// it (ms).
    #[arg(value_name = "TIMESTAMP", value_parser = parse_timestamp)]
    pub timestamp: u64,
    /// The emoji, such as 👍 (one emoji, possibly a sequence such as 👍🏽 or 🏳️‍🌈).
    #[arg(value_name = "EMOJI")]
    pub emoji: String,
    /// Who wrote the message reacted to (default: SESSION_ID, the contact; give your own
    /// Session ID to react to one of your messages).
    #[arg(long, value_name = "SESSION_ID")]
    pub author: Option<String>,
    /// Take the reaction with EMOJI back instead of adding it.
    #[arg(long)]
    pub remove: bool,
}

impl Args {
    /// The chat and the reaction, checked (no network needed).
    pub fn reaction(&self) -> Result<(SessionId, Reaction), CliError> {
        let to = recipient(&self.to)?;
        let author = match &self.author {
            Some(a) => session_id("--author", a)?,
            None => to,
        };
        let emoji = self.emoji.trim();
        if !is_valid_emoji(emoji) {
            return Err(CliError(format!(
                "{:?} is not an emoji: a reaction is one emoji, such as 👍 or ❤️",
                self.emoji
            )));
        }
        let action = if self.remove {
            ReactionAction::Remove
        } else {
            ReactionAction::Add
        };
        let reaction = Reaction {
            target: MessageRef::new(author, self.timestamp),
            emoji: emoji.to_owned(),
            action,
        };
        Ok((to, reaction))
    }
}

/// Sends `reaction` in the chat with `to`, with our profile, and returns once the contact's
/// swarm has stored it: `{"hash", "timestamp", "to", "sync"}` (`timestamp` is the reaction's
/// own time).
pub async fn react<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    to: &SessionId,
    reaction: &Reaction,
) -> Result<Value, CliError> {
    let what = "reaction not sent";
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    connect_paths(&mut acct, what).await?;
    let mut content = ContentBuilder::reaction(reaction);
    if let Some(me) = profile.load_profile()? {
        content = content.profile(&me.to_profile());
    }
    let out = match acct.client.prepare(to, content.build()) {
        Ok(out) => out,
        Err(e) => return Err(acct.fail(what, e)),
    };
    let report = deliver_via_outbox(&mut acct, out, what).await?;
    Ok(json!({
        "hash": report.hash,
        "timestamp": report.timestamp_ms,
        "to": to.to_hex(),
        "sync": sync_text(&report.sync),
    }))
}
