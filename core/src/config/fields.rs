//! Field kinds shared by the user configs (groups-and-config.md §2): avatars, notification
//! modes, disappearing settings, and the text limits.

use super::value::Dict;
use super::ConfigError;

/// The longest display name, nickname or group name, in bytes.
pub const MAX_NAME_BYTES: usize = 100;

/// The longest avatar URL, in bytes.
pub const MAX_URL_BYTES: usize = 223;

/// An avatar: where the encrypted picture is and the key that opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfilePic {
    /// The file server URL.
    pub url: String,
    /// The 32-byte decryption key.
    pub key: [u8; 32],
}

impl ProfilePic {
    /// Reads the avatar at `url_key`/`key_key`: both present, the URL non-empty and the key
    /// 32 bytes, or none.
    pub fn read(d: &Dict, url_key: &[u8], key_key: &[u8]) -> Option<ProfilePic> {
        let url = d.bytes(url_key).filter(|u| !u.is_empty())?;
        let key: [u8; 32] = d.bytes(key_key)?.try_into().ok()?;
        Some(ProfilePic {
            url: String::from_utf8_lossy(url).into_owned(),
            key,
        })
    }

    /// Writes `pic` at `url_key`/`key_key`, or removes both.
    pub fn write(pic: Option<&ProfilePic>, d: &mut Dict, url_key: &[u8], key_key: &[u8]) {
        match pic.filter(|p| !p.url.is_empty()) {
            Some(p) => {
                d.set_bytes(url_key, p.url.as_bytes());
                d.set_bytes(key_key, &p.key);
            }
            None => {
                d.remove(url_key);
                d.remove(key_key);
            }
        }
    }

    /// Checks the URL fits.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.url.len() > MAX_URL_BYTES {
            return Err(ConfigError::InvalidValue {
                field: "profile picture URL",
                reason: "longer than 223 bytes",
            });
        }
        Ok(())
    }
}

/// When a conversation notifies (`@`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotifyMode {
    /// The client's default (absent).
    #[default]
    Default,
    /// Every message.
    All,
    /// Never.
    Disabled,
    /// Only mentions (groups and communities; contacts store it as `All`).
    MentionsOnly,
}

impl NotifyMode {
    /// The stored integer.
    pub fn to_int(self) -> i64 {
        match self {
            NotifyMode::Default => 0,
            NotifyMode::All => 1,
            NotifyMode::Disabled => 2,
            NotifyMode::MentionsOnly => 3,
        }
    }

    /// The mode of a stored integer; out of range is the default, as the library reads it.
    pub fn from_int(i: i64) -> NotifyMode {
        match i {
            1 => NotifyMode::All,
            2 => NotifyMode::Disabled,
            3 => NotifyMode::MentionsOnly,
            _ => NotifyMode::Default,
        }
    }
}

/// A disappearing-messages setting (`e` with `E`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Disappearing {
    /// Messages stay.
    #[default]
    Off,
    /// Deleted this many seconds after sending.
    AfterSend(i64),
    /// Deleted this many seconds after being read.
    AfterRead(i64),
}

impl Disappearing {
    /// The stored mode (1 after send, 2 after read) and seconds, or `None` when off.
    pub fn to_pair(self) -> Option<(i64, i64)> {
        match self {
            Disappearing::AfterSend(s) if s > 0 => Some((1, s)),
            Disappearing::AfterRead(s) if s > 0 => Some((2, s)),
            _ => None,
        }
    }

    /// Reads `e` and `E` as the library does: an unknown mode or a timer ≤ 0 is off.
    pub fn read(d: &Dict) -> Disappearing {
        let secs = d.int_or_zero(b"E");
        match d.int_or_zero(b"e") {
            1 if secs > 0 => Disappearing::AfterSend(secs),
            2 if secs > 0 => Disappearing::AfterRead(secs),
            _ => Disappearing::Off,
        }
    }

    /// Writes `e` and `E`, or removes both when off.
    pub fn write(self, d: &mut Dict) {
        match self.to_pair() {
            Some((mode, secs)) => {
                d.set_int(b"e", mode);
                d.set_int(b"E", secs);
            }
            None => {
                d.remove(b"e");
                d.remove(b"E");
            }
        }
    }
}

/// `text` cut to at most `max` bytes on a character boundary.
pub fn truncate_utf8(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Refuses a name longer than [`MAX_NAME_BYTES`].
pub fn check_name(field: &'static str, name: &str) -> Result<(), ConfigError> {
    if name.len() > MAX_NAME_BYTES {
        return Err(ConfigError::InvalidValue {
            field,
            reason: "longer than 100 bytes",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_never_splits_a_character() {
        let s = "é".repeat(60); // 120 bytes
        let t = truncate_utf8(&s, 101);
        assert_eq!(t.len(), 100);
        assert_eq!(truncate_utf8("short", 100), "short");
    }

    #[test]
    fn disappearing_needs_a_positive_timer() {
        let mut d = Dict::new();
        d.set_int(b"e", 1);
        assert_eq!(Disappearing::read(&d), Disappearing::Off);
        d.set_int(b"E", 60);
        assert_eq!(Disappearing::read(&d), Disappearing::AfterSend(60));
        Disappearing::Off.write(&mut d);
        assert!(d.is_empty());
    }

    #[test]
    fn an_avatar_needs_both_halves() {
        let mut d = Dict::new();
        d.set_bytes(b"p", b"http://x");
        assert_eq!(ProfilePic::read(&d, b"p", b"q"), None);
        d.set_bytes(b"q", &[7; 31]);
        assert_eq!(ProfilePic::read(&d, b"p", b"q"), None);
        d.set_bytes(b"q", &[7; 32]);
        assert!(ProfilePic::read(&d, b"p", b"q").is_some());
    }
}
