//! Disappearing messages in the app (messaging.md §5.6): when each message goes, the notices
//! of a new setting, and the choices offered (the official apps' timers).
//!
//! A message starts its timer when it is sent (ours) or, after send, when the network says
//! (someone else's: the swarm's expiry); after read, when it is read here. Note to Self only
//! disappears after send (an after-read setting there counts as after send).

use session_core::config::fields::Disappearing;
use session_core::conversation::ConversationId;
use session_core::message::expiration::{AFTER_READ_CHOICES, AFTER_SEND_CHOICES};

use crate::storage::{ExpireSetting, MessageExpiry, MessageRecord};
use crate::t;

/// The setting as it applies in `conv`: Note to Self only disappears after send.
pub fn effective(setting: Disappearing, conv: &ConversationId) -> Disappearing {
    match (setting, conv) {
        (Disappearing::AfterRead(s), ConversationId::NoteToSelf) => Disappearing::AfterSend(s),
        (other, _) => other,
    }
}

/// What a message of `setting` in `conv` keeps: its timer and, when it started, its end.
/// `sent_ms` is its time, `swarm_until_ms` when the network drops it (someone else's).
pub fn expiry_for(
    setting: Disappearing,
    conv: &ConversationId,
    outgoing: bool,
    sent_ms: u64,
    swarm_until_ms: Option<u64>,
) -> Option<MessageExpiry> {
    let setting = effective(setting, conv);
    let secs = match setting {
        Disappearing::AfterSend(s) | Disappearing::AfterRead(s) if s > 0 => s,
        _ => return None,
    };
    let timer_end = sent_ms.saturating_add(u64::try_from(secs).unwrap_or(0) * 1_000);
    let until_ms = match setting {
        Disappearing::AfterSend(_) if outgoing => Some(timer_end),
        // The swarm's expiry is what the sender set; never later than the timer allows.
        Disappearing::AfterSend(_) => Some(swarm_until_ms.map_or(timer_end, |u| u.min(timer_end))),
        // Ours are read already.
        _ if outgoing => Some(timer_end),
        _ => None,
    };
    Some(MessageExpiry {
        setting: ExpireSetting::of(setting),
        until_ms,
    })
}

/// Whether `m` is past its end at `now`.
pub fn expired(m: &MessageRecord, now: u64) -> bool {
    m.expire.and_then(|e| e.until_ms).is_some_and(|u| u <= now)
}

/// A message after read, read at `now`: its end (`None` when it is not one waiting to be
/// read).
pub fn read_at(m: &MessageRecord, now: u64) -> Option<u64> {
    let e = m.expire?;
    if e.until_ms.is_some() {
        return None;
    }
    let secs = u64::try_from(e.setting.secs).unwrap_or(0);
    Some(now.saturating_add(secs * 1_000))
}

/// A timer in words: "5 minutes", "1 day", "2 weeks" (the largest unit it is a whole
/// number of).
pub fn timer_words(secs: i64) -> String {
    match secs {
        s if s % 604_800 == 0 => t!("chat-timer-weeks", count = s / 604_800),
        s if s % 86_400 == 0 => t!("chat-timer-days", count = s / 86_400),
        s if s % 3_600 == 0 => t!("chat-timer-hours", count = s / 3_600),
        s if s % 60 == 0 => t!("chat-timer-minutes", count = s / 60),
        s => t!("chat-timer-seconds", count = s),
    }
}

/// The notice of a new setting, by us or by `name`.
pub fn notice(setting: ExpireSetting, by_us: bool, name: Option<&str>) -> String {
    let name = match name {
        Some(n) => n.to_owned(),
        None => t!("chat-notice-they"),
    };
    let name = name.as_str();
    match (setting.disappearing(), by_us) {
        (Disappearing::Off, true) => t!("chat-notice-off-you"),
        (Disappearing::Off, false) => t!("chat-notice-off", name = name),
        (Disappearing::AfterRead(s), true) => {
            t!("chat-notice-after-read-you", time = timer_words(s))
        }
        (Disappearing::AfterRead(s), false) => {
            t!("chat-notice-after-read", name = name, time = timer_words(s))
        }
        (Disappearing::AfterSend(s), true) => {
            t!("chat-notice-after-send-you", time = timer_words(s))
        }
        (Disappearing::AfterSend(s), false) => {
            t!("chat-notice-after-send", name = name, time = timer_words(s))
        }
    }
}

/// What the chat header says of a setting ("Disappear after read · 1 day"), or nothing when
/// off.
pub fn summary(setting: ExpireSetting) -> Option<String> {
    match setting.disappearing() {
        Disappearing::Off => None,
        Disappearing::AfterRead(s) => Some(t!("chat-summary-after-read", time = timer_words(s))),
        Disappearing::AfterSend(s) => Some(t!("chat-summary-after-send", time = timer_words(s))),
    }
}

/// The settings offered for `conv`, in order: off, then after read (one-to-one chats only),
/// then after send, each with the official apps' timers.
pub fn choices(conv: &ConversationId) -> Vec<Disappearing> {
    let mut out = vec![Disappearing::Off];
    if matches!(conv, ConversationId::Direct(_)) {
        out.extend(
            AFTER_READ_CHOICES
                .iter()
                .map(|s| Disappearing::AfterRead(i64::from(*s))),
        );
    }
    out.extend(
        AFTER_SEND_CHOICES
            .iter()
            .map(|s| Disappearing::AfterSend(i64::from(*s))),
    );
    out
}

/// A choice's label ("Off", "1 day").
pub fn choice_label(d: Disappearing) -> String {
    match d {
        Disappearing::Off => t!("chat-disappearing-off"),
        Disappearing::AfterRead(s) | Disappearing::AfterSend(s) => timer_words(s),
    }
}
