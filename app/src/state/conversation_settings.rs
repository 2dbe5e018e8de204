//! What the user can change of a conversation from its menu (pin, mark unread, mute,
//! nickname, block), as plain functions over its [`ConvSettings`]; [`Views::change_settings`] stores the result,
//! and the tab that polls puts it into the account's settings (see [`super::config_sync`]).
//!
//! [`Views::change_settings`]: super::views::Views::change_settings

use crate::storage::{ConvSettings, ExpireSetting, Notify};
use crate::t;

/// The priority the official apps give a pinned conversation.
pub const PINNED: i64 = 1;

/// How long to mute a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MuteFor {
    /// One hour.
    Hour,
    /// Eight hours.
    EightHours,
    /// One day.
    Day,
    /// One week.
    Week,
    /// Until unmuted.
    Always,
}

impl MuteFor {
    /// The choices, in menu order.
    pub const ALL: [MuteFor; 5] = [
        MuteFor::Hour,
        MuteFor::EightHours,
        MuteFor::Day,
        MuteFor::Week,
        MuteFor::Always,
    ];

    /// The menu label.
    pub fn label(self) -> String {
        match self {
            MuteFor::Hour => t!("settings-mute-hour"),
            MuteFor::EightHours => t!("settings-mute-eight-hours"),
            MuteFor::Day => t!("settings-mute-day"),
            MuteFor::Week => t!("settings-mute-week"),
            MuteFor::Always => t!("settings-mute-always"),
        }
    }

    fn seconds(self) -> Option<i64> {
        match self {
            MuteFor::Hour => Some(3600),
            MuteFor::EightHours => Some(8 * 3600),
            MuteFor::Day => Some(24 * 3600),
            MuteFor::Week => Some(7 * 24 * 3600),
            MuteFor::Always => None,
        }
    }
}

/// Pinned becomes unpinned and the other way round (a hidden conversation pinned is shown).
pub fn toggle_pin(s: &ConvSettings) -> ConvSettings {
    ConvSettings {
        priority: if s.pinned() { 0 } else { PINNED },
        ..s.clone()
    }
}

/// Marked unread (until it is opened again).
pub fn mark_unread(s: &ConvSettings) -> ConvSettings {
    ConvSettings {
        marked_unread: true,
        ..s.clone()
    }
}

/// Muted for a while from Unix time `now_s` (a timed mute), or for good (notifications off).
pub fn mute(s: &ConvSettings, choice: MuteFor, now_s: i64) -> ConvSettings {
    match choice.seconds() {
        Some(secs) => ConvSettings {
            mute_until_s: now_s.saturating_add(secs),
            notify: match s.notify {
                Notify::Off | Notify::MentionsOnly => Notify::Default,
                other => other,
            },
            ..s.clone()
        },
        None => ConvSettings {
            mute_until_s: 0,
            notify: Notify::Off,
            ..s.clone()
        },
    }
}

/// Notifications back on.
pub fn unmute(s: &ConvSettings) -> ConvSettings {
    ConvSettings {
        mute_until_s: 0,
        notify: Notify::Default,
        ..s.clone()
    }
}

/// The longest nickname, in UTF-8 bytes (the official apps' limit, as for display names).
pub const MAX_NICKNAME_BYTES: usize = 100;

/// Why a nickname cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NicknameError {
    /// More than [`MAX_NICKNAME_BYTES`] bytes.
    TooLong,
}

impl std::fmt::Display for NicknameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NicknameError::TooLong => f.write_str(&t!("settings-nickname-too-long")),
        }
    }
}

impl std::error::Error for NicknameError {}

/// The nickname typed as `input`: trimmed, `None` when empty (the nickname is removed).
pub fn parse_nickname(input: &str) -> Result<Option<String>, NicknameError> {
    let name = input.trim();
    if name.len() > MAX_NICKNAME_BYTES {
        return Err(NicknameError::TooLong);
    }
    Ok((!name.is_empty()).then(|| name.to_owned()))
}

/// Our nickname for them set to `nickname` (`None`: removed, their own name shows again).
pub fn set_nickname(s: &ConvSettings, nickname: Option<String>) -> ConvSettings {
    ConvSettings {
        nickname,
        ..s.clone()
    }
}

/// Blocked: nothing they send is shown or notified any more.
pub fn block(s: &ConvSettings) -> ConvSettings {
    ConvSettings {
        blocked: true,
        ..s.clone()
    }
}

/// Disappearing messages as `setting` says.
pub fn set_expire(s: &ConvSettings, setting: ExpireSetting) -> ConvSettings {
    ConvSettings {
        expire: setting,
        ..s.clone()
    }
}

/// Unblocked.
pub fn unblock(s: &ConvSettings) -> ConvSettings {
    ConvSettings {
        blocked: false,
        ..s.clone()
    }
}
