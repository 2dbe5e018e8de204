//! What a poll's events become in storage: the message records and the contacts' names.
//! Shared by the poller and the bench, so both measure and run the same receive path.

use session_core::client::Event;
use session_core::message::receive::Direction;

use crate::storage::repo::NameUpdate;
use crate::storage::{MessageRecord, MessageStatus};

/// The records to store for `events` (received at `now_ms`): every message with text, and the
/// display names incoming messages carry. Events without text (receipts, typing, empty
/// bodies) store nothing.
pub fn records_of(events: &[Event], now_ms: u64) -> (Vec<MessageRecord>, Vec<NameUpdate>) {
    let mut messages = Vec::new();
    let mut names = Vec::new();
    for event in events {
        let Some(m) = event.message() else { continue };
        let conv = m.conversation();
        if m.direction == Direction::Incoming {
            let profile = m
                .content
                .data_message
                .as_ref()
                .and_then(|d| d.profile.as_ref());
            if let Some(p) = profile {
                if let Some(name) = p.display_name.as_deref() {
                    names.push(NameUpdate {
                        conv: conv.clone(),
                        name: name.to_owned(),
                        updated_s: p.last_profile_update_seconds.unwrap_or(0),
                    });
                }
            }
        }
        let Some(text) = m.text.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let outgoing = m.direction != Direction::Incoming;
        messages.push(MessageRecord {
            conv,
            author: m.from,
            ts: m.timestamp_ms,
            text: text.to_owned(),
            outgoing,
            status: if outgoing {
                MessageStatus::Sent
            } else {
                MessageStatus::Received
            },
            hash: Some(m.hash.clone()),
            stored_ms: now_ms,
        });
    }
    (messages, names)
}
