//! The chat's view model: messages interleaved with day separators and the unread marker.

use super::disappearing::expired;
use crate::storage::MessageRecord;
use crate::t;

/// A row of the chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A day starts: its label.
    Day {
        /// Unique key for the list.
        key: String,
        /// "Today", "Yesterday", a weekday or a date.
        label: String,
    },
    /// The unread marker.
    Unread {
        /// How many unread messages follow.
        count: usize,
    },
    /// A message.
    Message(Box<MessageRecord>),
}

impl Row {
    /// Key for keyed rendering (changes when a message's status, reactions or deletion do, so
    /// it re-renders).
    pub fn key(&self) -> String {
        match self {
            Row::Day { key, .. } => key.clone(),
            Row::Unread { count } => format!("unread-{count}"),
            // Everything that changes how it shows: status, deletion, receipt, reactions.
            Row::Message(m) => {
                let reactions: String = m
                    .reactions
                    .iter()
                    .map(|r| format!("{}{}", r.emoji, &r.from.to_hex()[..8]))
                    .collect();
                // A room's post: its server's state (edits and counted reactions).
                let post: String = m.post.as_ref().map_or_else(String::new, |p| {
                    let counts: String = p
                        .reactions
                        .iter()
                        .map(|r| format!("{}{}{}", r.emoji, r.count, u8::from(r.mine)))
                        .collect();
                    format!("{}:{}:{counts}", p.seqno, p.edited)
                });
                format!(
                    "{}:{}:{}:{}:{reactions}:{post}:{}",
                    m.key().id(),
                    m.status.as_str(),
                    m.deleted,
                    m.read_by_peer,
                    m.text.len()
                )
            }
        }
    }
}

/// How the timeline names days, given by the host (local time zone and locale).
pub trait DayNamer {
    /// The local day of a timestamp (days since the epoch in the user's time zone).
    fn day(&self, ts_ms: u64) -> i64;
    /// The name of a weekday.
    fn weekday(&self, ts_ms: u64) -> String;
    /// A full date.
    fn date(&self, ts_ms: u64) -> String;
}

/// The label of the day of `ts` seen from `today`.
pub fn day_label(ts: u64, today: i64, names: &impl DayNamer) -> String {
    let day = names.day(ts);
    match today - day {
        0 => t!("chat-today"),
        1 => t!("chat-yesterday"),
        2..=6 => names.weekday(ts),
        _ => names.date(ts),
    }
}

/// The rows for `messages` (oldest first) still there at `now_ms`: a separator at every new
/// day, and the unread marker before the first incoming message sent after `marker_after`.
pub fn build(
    messages: &[MessageRecord],
    marker_after: Option<u64>,
    now_ms: u64,
    names: &impl DayNamer,
) -> Vec<Row> {
    let today = names.day(now_ms);
    // Disappearing messages past their end are gone at once (the sweep removes them soon).
    let kept: Vec<MessageRecord>;
    let messages = if messages.iter().any(|m| expired(m, now_ms)) {
        kept = messages
            .iter()
            .filter(|m| !expired(m, now_ms))
            .cloned()
            .collect();
        &kept[..]
    } else {
        messages
    };
    let unread_from =
        marker_after.and_then(|after| messages.iter().position(|m| !m.outgoing && m.ts > after));
    let unread_count = unread_from
        .map(|i| messages[i..].iter().filter(|m| !m.outgoing).count())
        .unwrap_or(0);
    let mut rows = Vec::with_capacity(messages.len() + 8);
    let mut last_day = None;
    for (i, m) in messages.iter().enumerate() {
        let day = names.day(m.ts);
        if last_day != Some(day) {
            rows.push(Row::Day {
                key: format!("day-{day}"),
                label: day_label(m.ts, today, names),
            });
            last_day = Some(day);
        }
        if unread_from == Some(i) {
            rows.push(Row::Unread {
                count: unread_count,
            });
        }
        rows.push(Row::Message(Box::new(m.clone())));
    }
    rows
}

/// [`DayNamer`] in the user's time zone and locale.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalDays;

impl DayNamer for LocalDays {
    fn day(&self, ts_ms: u64) -> i64 {
        crate::util::time::local_day(ts_ms)
    }
    fn weekday(&self, ts_ms: u64) -> String {
        crate::util::time::format_weekday(ts_ms)
    }
    fn date(&self, ts_ms: u64) -> String {
        crate::util::time::format_date(ts_ms)
    }
}

/// The time shown in a conversation list entry: the time today, the weekday this week, else
/// a short date.
pub fn list_time(ts: u64, now_ms: u64) -> String {
    if ts == 0 {
        return String::new();
    }
    let days = LocalDays;
    let diff = days.day(now_ms) - days.day(ts);
    match diff {
        0 => crate::util::time::format_time(ts),
        1..=6 => {
            let w = days.weekday(ts);
            w.chars().take(3).collect()
        }
        _ => crate::util::time::format_short_date(ts),
    }
}
