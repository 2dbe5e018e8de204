//! Disappearing messages (messaging.md §5.6): the mode and timer a message carries in its
//! Content (`expirationType`, `expirationTimer`), the timer-change control message, and how
//! long the network keeps each copy. The setting itself is the configs' [`Disappearing`].
//!
//! Mind the numbering: the Content says 1 for after read and 2 for after send, the configs
//! the other way round; [`Disappearing`] is the one type both are read into.

use super::receive::MessageEvent;
use crate::client::MESSAGE_TTL_MS;
use crate::config::fields::Disappearing;
use crate::proto::session::{content, data_message, Content, DataMessage};

/// The timers the official apps offer after read, in seconds (5 min, 1 h, 12 h, 1 day, 1 week,
/// 2 weeks).
pub const AFTER_READ_CHOICES: [u32; 6] = [300, 3_600, 43_200, 86_400, 604_800, 1_209_600];

/// The timers the official apps offer after send, in seconds (12 h, 1 day, 1 week, 2 weeks).
pub const AFTER_SEND_CHOICES: [u32; 4] = [43_200, 86_400, 604_800, 1_209_600];

/// The longest timer kept: what the network keeps a message at most (a longer one could not
/// be honoured anyway).
pub const MAX_TIMER_S: u32 = 30 * 86_400;

/// The mode and timer `c` carries (off when absent, unknown or zero).
pub fn of_content(c: &Content) -> Disappearing {
    let secs = c.expiration_timer.unwrap_or(0).min(MAX_TIMER_S);
    if secs == 0 {
        return Disappearing::Off;
    }
    match c.expiration_type {
        Some(t) if t == content::ExpirationType::DeleteAfterRead as i32 => {
            Disappearing::AfterRead(i64::from(secs))
        }
        Some(t) if t == content::ExpirationType::DeleteAfterSend as i32 => {
            Disappearing::AfterSend(i64::from(secs))
        }
        _ => Disappearing::Off,
    }
}

/// Stamps `c` with `mode` (nothing when off: receivers read absent fields as off).
pub fn stamp(c: &mut Content, mode: Disappearing) {
    let (kind, secs) = match mode {
        Disappearing::AfterRead(s) if s > 0 => (content::ExpirationType::DeleteAfterRead, s),
        Disappearing::AfterSend(s) if s > 0 => (content::ExpirationType::DeleteAfterSend, s),
        _ => {
            c.expiration_type = None;
            c.expiration_timer = None;
            return;
        }
    };
    c.expiration_type = Some(kind as i32);
    c.expiration_timer = Some(u32::try_from(s_clamped(secs)).unwrap_or(MAX_TIMER_S));
}

fn s_clamped(secs: i64) -> i64 {
    secs.clamp(1, i64::from(MAX_TIMER_S))
}

/// The announcement that a conversation's setting is now `mode` (a DataMessage with the
/// EXPIRATION_TIMER_UPDATE flag and no body, the new setting in its Content).
pub fn timer_update(mode: Disappearing) -> Content {
    let mut c = Content {
        data_message: Some(DataMessage {
            flags: Some(data_message::Flags::ExpirationTimerUpdate as u32),
            ..DataMessage::default()
        }),
        ..Content::default()
    };
    stamp(&mut c, mode);
    c
}

/// Whether `c` announces a new setting.
pub fn is_timer_update(c: &Content) -> bool {
    c.data_message.as_ref().and_then(|d| d.flags)
        == Some(data_message::Flags::ExpirationTimerUpdate as u32)
}

/// How long the network keeps a message of `mode` (ms): after send, its timer; after read,
/// the usual 14 days for the recipient's copy but the timer for our own sync copy (we have
/// read it).
pub fn store_ttl_ms(mode: Disappearing, sync_copy: bool) -> u64 {
    match mode {
        Disappearing::AfterSend(s) if s > 0 => secs_ms(s),
        Disappearing::AfterRead(s) if s > 0 && sync_copy => secs_ms(s),
        _ => MESSAGE_TTL_MS,
    }
}

fn secs_ms(s: i64) -> u64 {
    u64::try_from(s_clamped(s)).unwrap_or(0) * 1_000
}

/// The timer in words, as the official apps name their choices ("5 minutes", "1 day").
pub fn timer_words(secs: i64) -> String {
    let unit = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match secs {
        s if s % 604_800 == 0 => unit(s / 604_800, "week", "weeks"),
        s if s % 86_400 == 0 => unit(s / 86_400, "day", "days"),
        s if s % 3_600 == 0 => unit(s / 3_600, "hour", "hours"),
        s if s % 60 == 0 => unit(s / 60, "minute", "minutes"),
        s => unit(s, "second", "seconds"),
    }
}

impl MessageEvent {
    /// The mode and timer this message carries.
    pub fn disappearing(&self) -> Disappearing {
        of_content(&self.content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip_with_the_contents_numbering() {
        for mode in [
            Disappearing::Off,
            Disappearing::AfterRead(300),
            Disappearing::AfterSend(86_400),
        ] {
            let c = timer_update(mode);
            assert!(is_timer_update(&c));
            assert_eq!(of_content(&c), mode);
        }
        // 1 is after read in the Content (the configs say 2).
        let c = timer_update(Disappearing::AfterRead(60));
        assert_eq!(c.expiration_type, Some(1));
        assert_eq!(c.expiration_timer, Some(60));
        // A zero timer or an unknown type is off; a huge one is cut to what the network keeps.
        let odd = Content {
            expiration_type: Some(7),
            expiration_timer: Some(9),
            ..Content::default()
        };
        assert_eq!(of_content(&odd), Disappearing::Off);
        let huge = Content {
            expiration_type: Some(2),
            expiration_timer: Some(u32::MAX),
            ..Content::default()
        };
        assert_eq!(
            of_content(&huge),
            Disappearing::AfterSend(i64::from(MAX_TIMER_S))
        );
    }

    #[test]
    fn the_network_keeps_each_copy_as_the_official_apps_store_it() {
        let read = Disappearing::AfterRead(3_600);
        assert_eq!(store_ttl_ms(read, false), MESSAGE_TTL_MS);
        assert_eq!(store_ttl_ms(read, true), 3_600_000);
        let send = Disappearing::AfterSend(43_200);
        assert_eq!(store_ttl_ms(send, false), 43_200_000);
        assert_eq!(store_ttl_ms(Disappearing::Off, true), MESSAGE_TTL_MS);
        assert_eq!(timer_words(300), "5 minutes");
        assert_eq!(timer_words(86_400), "1 day");
        assert_eq!(timer_words(1_209_600), "2 weeks");
        assert_eq!(timer_words(43_200), "12 hours");
    }
}
