//! The group Info config (namespace 13; groups-and-config.md §3.2): name, description,
//! avatar, disappearing timer, creation time, history cut-offs and the "destroyed" flag.
//! Read from and written over the config's data dict, so unknown keys survive.

use crate::config::fields::{truncate_utf8, ProfilePic};
use crate::config::value::Dict;

/// Longest group name, in bytes.
pub const MAX_NAME_BYTES: usize = 100;
/// Longest description, in bytes.
pub const MAX_DESCRIPTION_BYTES: usize = 2000;

/// A group's shared information.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupInfo {
    /// Name (`n`); `None` when unset or empty.
    pub name: Option<String>,
    /// Description (`o`).
    pub description: Option<String>,
    /// Avatar (`p`, `q`).
    pub pic: Option<ProfilePic>,
    /// Disappearing-after-send timer in seconds (`E`); groups have no after-read mode.
    pub expiry_seconds: Option<i64>,
    /// Creation time, unix seconds (`c`).
    pub created: Option<i64>,
    /// Members delete messages sent before this unix time in seconds (`d`).
    pub delete_before: Option<i64>,
    /// Members delete attachments sent before this (`D`).
    pub delete_attach_before: Option<i64>,
    /// The group was destroyed by its admins (`!`).
    pub destroyed: bool,
}

fn text(d: &Dict, key: &[u8]) -> Option<String> {
    d.text(key).filter(|s| !s.is_empty())
}

impl GroupInfo {
    /// Reads the data of an Info config.
    pub fn read(d: &Dict) -> GroupInfo {
        GroupInfo {
            name: text(d, b"n"),
            description: text(d, b"o"),
            pic: ProfilePic::read(d, b"p", b"q"),
            expiry_seconds: d.int(b"E"),
            created: d.int(b"c"),
            delete_before: d.int(b"d"),
            delete_attach_before: d.int(b"D"),
            destroyed: d.int(b"!").is_some_and(|v| v > 0),
        }
    }

    /// Writes these values over `d` (names and descriptions too long are cut on a character
    /// boundary, as the official apps cut them).
    pub fn write(&self, d: &mut Dict) {
        let name = self
            .name
            .as_deref()
            .map(|n| truncate_utf8(n, MAX_NAME_BYTES));
        d.set_nonempty(b"n", name.unwrap_or_default().as_bytes());
        let desc = self
            .description
            .as_deref()
            .map(|n| truncate_utf8(n, MAX_DESCRIPTION_BYTES));
        d.set_nonempty(b"o", desc.unwrap_or_default().as_bytes());
        ProfilePic::write(self.pic.as_ref(), d, b"p", b"q");
        d.set_positive(b"E", self.expiry_seconds.unwrap_or(0));
        d.set_positive(b"c", self.created.unwrap_or(0));
        d.set_positive(b"d", self.delete_before.unwrap_or(0));
        d.set_positive(b"D", self.delete_attach_before.unwrap_or(0));
        d.set_flag(b"!", self.destroyed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_unknown_keys_survive() {
        let mut d = Dict::new();
        d.set_int(b"Z", 9);
        let info = GroupInfo {
            name: Some("Tomato".into()),
            description: Some("sauce".into()),
            expiry_seconds: Some(3600),
            created: Some(1_700_000_000),
            destroyed: true,
            ..GroupInfo::default()
        };
        info.write(&mut d);
        assert_eq!(GroupInfo::read(&d), info);
        assert_eq!(d.int(b"Z"), Some(9));
        GroupInfo::default().write(&mut d);
        assert_eq!(GroupInfo::read(&d), GroupInfo::default());
        assert_eq!(d.iter().count(), 1);
    }
}
