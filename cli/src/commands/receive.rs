//! `session-cli receive [--events]`: polls once and prints the new messages as a JSON array;
//! with `--events`, the reactions, unsend requests, read receipts, typing indicators and
//! accepted message requests of the same poll too, in the order the poll returned them.
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
use session_core::config::fields::Disappearing;
use session_core::message::reaction::ReactionAction;
use session_core::message::receive::{Direction, Incoming};
use session_core::message::MessageRef;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `receive`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Where attachments go.
    #[command(flatten)]
    pub downloads: Downloads,
    /// Also print the other events of the conversations (reactions, unsend requests, read
    /// receipts, typing indicators, accepted message requests), each with its "kind".
    #[arg(long)]
    pub events: bool,
}

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
    receive_with(profile, conn, out, dir, false).await
}

/// [`receive_into`]; with `events`, the other events of the poll are printed among the
/// messages (see [`event_json`]).
pub async fn receive_with<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    out: &mut impl Write,
    dir: &Path,
    events: bool,
) -> Result<Vec<Value>, CliError> {
    let mut acct = Account::open(profile, conn).await?;
    acct.flush_outbox().await?;
    let messages = poll(&mut acct, conn, dir, events).await?;
    output::emit(out, &Value::Array(messages.clone()))?;
    acct.save()?;
    Ok(messages)
}

/// One poll, as JSON messages with their attachments downloaded into `dir`, and with
/// `events` the other events in between (state not saved yet, unless the poll failed).
pub(crate) async fn poll<T: Transport>(
    acct: &mut Account<'_, T>,
    conn: &Connection<T>,
    dir: &Path,
    events: bool,
) -> Result<Vec<Value>, CliError> {
    let report = match acct.client.poll().await {
        Ok(report) => report,
        Err(e) => return Err(acct.fail("receiving failed", e)),
    };
    // Configs first: the messages of the same poll may depend on them.
    acct.sync_configs(&report).await?;
    // Then the groups: invitations and each group's keys, configs and messages.
    let groups = acct.absorb_groups(&report).await;
    let default = conn.file_server.clone().unwrap_or_else(FileServer::mainnet);
    let mut messages = Vec::new();
    let consumed = |e: &Event| {
        e.message()
            .is_some_and(|m| groups.consumed.contains(&m.hash))
    };
    if events {
        messages.extend(groups.events.iter().cloned());
    }
    for event in report.events.iter().chain(&groups.messages) {
        if consumed(event) {
            continue;
        }
        let (Some(mut v), Some(m)) = (message_json(event), event.message()) else {
            if let Some(v) = events.then(|| event_json(event)).flatten() {
                messages.push(v);
            }
            continue;
        };
        v["attachments"] = Value::Array(download(&acct.client, &default, m, dir).await);
        messages.push(v);
    }
    Ok(messages)
}

/// A visible message as printed: `{"kind": "message", "from", "to", "direction", "text",
/// "timestamp", "hash", "expires", "quote"}` (`receive` adds `"attachments"`). `direction` is
/// `incoming`, `outgoing` (the sync copy of a message another device of this account sent to
/// `to`) or `note-to-self`; `text` is null for content without text (an attachment);
/// `quote` is `{"author", "timestamp"}` of the message a reply answers, or null. Reactions,
/// receipts, typing indicators and the like are no messages (see [`event_json`]).
pub fn message_json(event: &Event) -> Option<Value> {
    let m = event.message()?;
    Some(json!({
        "kind": "message",
        "from": m.from.to_hex(),
        "to": m.to.to_hex(),
        "direction": direction(m.direction),
        "text": m.text,
        "timestamp": m.timestamp_ms,
        "hash": m.hash,
        "expires": m.expires_ms,
        "quote": m.quote().as_ref().map(reference_json),
    }))
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
        Direction::NoteToSelf => "note-to-self",
        Direction::Group { .. } => "group",
    }
}

fn reference_json(r: &MessageRef) -> Value {
    json!({"author": r.author.to_hex(), "timestamp": r.timestamp_ms})
}

/// Any other event of a conversation as `receive --events` prints it, by `"kind"`:
///
/// - `reaction`: `{"from", "to", "direction", "timestamp", "hash", "target": {"author",
///   "timestamp"}, "emoji", "action": "add" | "remove"}` (`timestamp`: the reaction's own);
/// - `unsend`: `{"from", "timestamp", "hash"}`: `from` asks to delete their message sent at
///   `timestamp`;
/// - `receipt`: `{"from", "read", "timestamps": […], "hash"}`: `from` read our messages sent
///   at those times;
/// - `typing`: `{"from", "started", "timestamp", "hash"}`;
/// - `request-accepted`: `{"from", "name", "timestamp", "hash"}`: `from` accepted our
///   message request (`name`: their display name, or null);
/// - `disappearing`: `{"from", "to", "direction", "timestamp", "hash", "mode": "off" |
///   "after-read" | "after-send", "seconds"}`: the conversation's disappearing-messages
///   setting changed.
///
/// `None` for a visible message (see [`message_json`]) and for what the CLI does not show.
pub fn event_json(event: &Event) -> Option<Value> {
    let Event::Direct(incoming) = event else {
        return None;
    };
    Some(match incoming {
        Incoming::Reaction(r) => json!({
            "kind": "reaction",
            "from": r.from.to_hex(),
            "to": r.to.to_hex(),
            "direction": direction(r.direction),
            "timestamp": r.timestamp_ms,
            "hash": r.hash,
            "target": reference_json(&r.reaction.target),
            "emoji": r.reaction.emoji,
            "action": match r.reaction.action {
                ReactionAction::Add => "add",
                ReactionAction::Remove => "remove",
            },
        }),
        Incoming::Unsend {
            hash,
            from,
            timestamp_ms,
        } => json!({
            "kind": "unsend",
            "from": from.to_hex(),
            "timestamp": timestamp_ms,
            "hash": hash,
        }),
        Incoming::Receipt {
            hash,
            from,
            read,
            timestamps_ms,
        } => json!({
            "kind": "receipt",
            "from": from.to_hex(),
            "read": read,
            "timestamps": timestamps_ms,
            "hash": hash,
        }),
        Incoming::Typing {
            hash,
            from,
            started,
            timestamp_ms,
        } => json!({
            "kind": "typing",
            "from": from.to_hex(),
            "started": started,
            "timestamp": timestamp_ms,
            "hash": hash,
        }),
        Incoming::RequestAccepted {
            hash,
            from,
            timestamp_ms,
            profile,
        } => json!({
            "kind": "request-accepted",
            "from": from.to_hex(),
            "name": profile
                .as_ref()
                .map(|p| p.display_name.clone())
                .filter(|n| !n.is_empty()),
            "timestamp": timestamp_ms,
            "hash": hash,
        }),
        Incoming::TimerChanged(t) => {
            let (mode, seconds) = match t.mode {
                Disappearing::Off => ("off", 0),
                Disappearing::AfterRead(s) => ("after-read", s),
                Disappearing::AfterSend(s) => ("after-send", s),
            };
            json!({
                "kind": "disappearing",
                "from": t.from.to_hex(),
                "to": t.to.to_hex(),
                "direction": direction(t.direction),
                "timestamp": t.timestamp_ms,
                "hash": t.hash,
                "mode": mode,
                "seconds": seconds,
            })
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use session_core::identity::SessionId;
    use session_core::message::compose::ContentBuilder;
    use session_core::message::reaction::Reaction;
    use session_core::message::receive::{MessageEvent, ReactionEvent};

    fn id(c: char) -> SessionId {
        format!("05{}", c.to_string().repeat(64)).parse().unwrap()
    }

    #[test]
    fn messages_and_events_print_their_kind_and_references() {
        let (alice, bob) = (id('a'), id('b'));
        let target = MessageRef::new(alice, 10);
        let reply = Event::Direct(Incoming::Message(MessageEvent {
            hash: "h1".into(),
            from: bob,
            to: alice,
            direction: Direction::Incoming,
            timestamp_ms: 20,
            expires_ms: 30,
            text: Some("yes".into()),
            content: Box::new(ContentBuilder::text("yes").reply_to(&target).build()),
        }));
        let m = message_json(&reply).unwrap();
        assert_eq!(m["kind"], "message");
        assert_eq!(
            m["quote"],
            json!({"author": alice.to_hex(), "timestamp": 10})
        );
        assert_eq!(event_json(&reply), None, "a message is no other event");

        let reaction = Event::Direct(Incoming::Reaction(ReactionEvent {
            hash: "h2".into(),
            from: bob,
            to: alice,
            direction: Direction::Incoming,
            timestamp_ms: 21,
            reaction: Reaction {
                target,
                emoji: "👍".into(),
                action: ReactionAction::Remove,
            },
        }));
        assert_eq!(message_json(&reaction), None);
        assert_eq!(
            event_json(&reaction).unwrap(),
            json!({"kind": "reaction", "from": bob.to_hex(), "to": alice.to_hex(),
                   "direction": "incoming", "timestamp": 21, "hash": "h2",
                   "target": {"author": alice.to_hex(), "timestamp": 10},
                   "emoji": "👍", "action": "remove"})
        );
        let unsend = Event::Direct(Incoming::Unsend {
            hash: "h3".into(),
            from: bob,
            timestamp_ms: 5,
        });
        assert_eq!(
            event_json(&unsend).unwrap(),
            json!({"kind": "unsend", "from": bob.to_hex(), "timestamp": 5, "hash": "h3"})
        );
        let receipt = Event::Direct(Incoming::Receipt {
            hash: "h4".into(),
            from: bob,
            read: true,
            timestamps_ms: vec![1, 2],
        });
        assert_eq!(
            event_json(&receipt).unwrap(),
            json!({"kind": "receipt", "from": bob.to_hex(), "read": true,
                   "timestamps": [1, 2], "hash": "h4"})
        );
        let typing = Event::Direct(Incoming::Typing {
            hash: "h5".into(),
            from: bob,
            started: false,
            timestamp_ms: 7,
        });
        assert_eq!(
            event_json(&typing).unwrap(),
            json!({"kind": "typing", "from": bob.to_hex(), "started": false,
                   "timestamp": 7, "hash": "h5"})
        );
        let accepted = Event::Direct(Incoming::RequestAccepted {
            hash: "h6".into(),
            from: bob,
            timestamp_ms: 8,
            profile: None,
        });
        assert_eq!(
            event_json(&accepted).unwrap(),
            json!({"kind": "request-accepted", "from": bob.to_hex(), "name": null,
                   "timestamp": 8, "hash": "h6"})
        );
    }
}
