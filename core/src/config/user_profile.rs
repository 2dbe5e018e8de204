//! UserProfile (namespace 2, groups-and-config.md §2.1): our display name, avatar, and Note to
//! Self's priority and disappearing timer. Reads and writes edit the data tree in place, so the
//! keys of newer clients (`t`, `P`, `Q`, `T`, `f`, `s`, `E`) are kept as they are.

use super::fields::{check_name, ProfilePic};
use super::value::Dict;
use super::ConfigError;

/// What UserProfile holds, as the official library reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserProfile {
    /// The display name (`n`); `None` when unset or empty.
    pub name: Option<String>,
    /// The avatar (`p`, `q`).
    pub pic: Option<ProfilePic>,
    /// Note to Self's priority (`+`): −1 hidden, 0 normal, ≥ 1 pinned.
    pub nts_priority: i64,
    /// Note to Self's disappearing timer in seconds (`e`), when set.
    pub nts_expiry: Option<i64>,
    /// Whether community members may send us message requests (`M`), when chosen.
    pub blinded_msgreqs: Option<bool>,
}

impl UserProfile {
    /// Reads the profile from a UserProfile data tree.
    pub fn read(data: &Dict) -> UserProfile {
        UserProfile {
            name: data.text(b"n").filter(|n| !n.is_empty()),
            pic: ProfilePic::read(data, b"p", b"q"),
            nts_priority: data.int_or_zero(b"+"),
            nts_expiry: data.int(b"e").filter(|e| *e > 0),
            blinded_msgreqs: data.int(b"M").map(|m| m != 0),
        }
    }

    /// Writes every field as the library's setters do; unknown keys stay.
    pub fn write(&self, data: &mut Dict) -> Result<(), ConfigError> {
        set_name(data, self.name.as_deref().unwrap_or(""))?;
        set_pic(data, self.pic.as_ref())?;
        data.set_nonzero(b"+", self.nts_priority);
        data.set_positive(b"e", self.nts_expiry.unwrap_or(0));
        match self.blinded_msgreqs {
            Some(on) => data.set_int(b"M", i64::from(on)),
            None => {
                data.remove(b"M");
            }
        }
        Ok(())
    }
}

/// Sets the display name; an empty name removes it. Longer than 100 bytes is refused.
pub fn set_name(data: &mut Dict, name: &str) -> Result<(), ConfigError> {
    check_name("display name", name)?;
    data.set_nonempty(b"n", name.as_bytes());
    Ok(())
}

/// Sets Note to Self's priority (pinned above 0, hidden below).
pub fn set_nts_priority(data: &mut Dict, priority: i64) {
    data.set_nonzero(b"+", priority);
}

/// Sets or clears the avatar.
pub fn set_pic(data: &mut Dict, pic: Option<&ProfilePic>) -> Result<(), ConfigError> {
    if let Some(p) = pic {
        p.check()?;
    }
    ProfilePic::write(pic, data, b"p", b"q");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_what_was_read_changes_nothing_and_keeps_unknown_keys() {
        let mut d = Dict::new();
        d.set_bytes(b"n", b"Kallie");
        d.set_int(b"+", 9);
        d.set_int(b"t", 1_700_000_000);
        d.dict_mut(b"s").set_bytes(b"r", &[1; 32]);
        let before = d.clone();
        UserProfile::read(&d).write(&mut d).unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn a_name_over_100_bytes_is_refused_and_an_empty_one_removed() {
        let mut d = Dict::new();
        assert!(set_name(&mut d, &"x".repeat(101)).is_err());
        set_name(&mut d, &"x".repeat(100)).unwrap();
        set_name(&mut d, "").unwrap();
        assert!(d.is_empty());
    }

    #[test]
    fn message_requests_off_is_stored_as_zero() {
        let mut d = Dict::new();
        let p = UserProfile {
            blinded_msgreqs: Some(false),
            ..UserProfile::default()
        };
        p.write(&mut d).unwrap();
        assert_eq!(d.int(b"M"), Some(0));
        assert_eq!(UserProfile::read(&d).blinded_msgreqs, Some(false));
    }
}
