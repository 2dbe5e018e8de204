//! Contacts (namespace 3, groups-and-config.md §2.2): one record per `05` account under `c`,
//! keyed by its 33 raw bytes. A record is read into [`Contact`], changed, and written back
//! over the same dict, so keys of newer clients (`t`, `f`) and the blinded contacts under `b`
//! survive.

use super::fields::{truncate_utf8, Disappearing, NotifyMode, ProfilePic, MAX_NAME_BYTES};
use super::value::{Dict, Value};
use crate::identity::SessionId;

/// One contact, as the official library reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Their account.
    pub session_id: SessionId,
    /// Their own display name (`n`, always written).
    pub name: String,
    /// Our nickname for them (`N`); empty when none.
    pub nickname: String,
    /// Their avatar (`p`, `q`).
    pub pic: Option<ProfilePic>,
    /// We accept their messages (`a`).
    pub approved: bool,
    /// They accepted ours (`A`).
    pub approved_me: bool,
    /// Blocked (`b`).
    pub blocked: bool,
    /// Pinned (≥ 1) or hidden (−1) (`+`).
    pub priority: i64,
    /// Notifications (`@`); mentions-only is stored as all.
    pub notify: NotifyMode,
    /// Muted until this unix time in seconds (`!`), 0 when not muted.
    pub mute_until: i64,
    /// Disappearing messages (`e`, `E`).
    pub disappearing: Disappearing,
    /// When the contact was made, unix seconds (`j`), 0 when unknown.
    pub created: i64,
}

impl Contact {
    /// A contact with nothing set.
    pub fn new(session_id: SessionId) -> Contact {
        Contact {
            session_id,
            name: String::new(),
            nickname: String::new(),
            pic: None,
            approved: false,
            approved_me: false,
            blocked: false,
            priority: 0,
            notify: NotifyMode::Default,
            mute_until: 0,
            disappearing: Disappearing::Off,
            created: 0,
        }
    }

    fn read(session_id: SessionId, d: &Dict) -> Contact {
        let notify = match NotifyMode::from_int(d.int_or_zero(b"@")) {
            NotifyMode::MentionsOnly => NotifyMode::All,
            other => other,
        };
        Contact {
            session_id,
            name: d.text(b"n").unwrap_or_default(),
            nickname: d.text(b"N").unwrap_or_default(),
            pic: ProfilePic::read(d, b"p", b"q"),
            approved: d.int_or_zero(b"a") != 0,
            approved_me: d.int_or_zero(b"A") != 0,
            blocked: d.int_or_zero(b"b") != 0,
            priority: d.int_or_zero(b"+"),
            notify,
            mute_until: d.int_or_zero(b"!"),
            disappearing: Disappearing::read(d),
            created: d.int_or_zero(b"j"),
        }
    }

    fn write(&self, d: &mut Dict) {
        // The name is always written, even empty, so the record is never pruned away.
        d.set_bytes(b"n", truncate_utf8(&self.name, MAX_NAME_BYTES).as_bytes());
        d.set_nonempty(
            b"N",
            truncate_utf8(&self.nickname, MAX_NAME_BYTES).as_bytes(),
        );
        ProfilePic::write(self.pic.as_ref(), d, b"p", b"q");
        d.set_flag(b"a", self.approved);
        d.set_flag(b"A", self.approved_me);
        d.set_flag(b"b", self.blocked);
        d.set_nonzero(b"+", self.priority);
        let notify = match self.notify {
            NotifyMode::MentionsOnly => NotifyMode::All,
            other => other,
        };
        d.set_positive(b"@", notify.to_int());
        d.set_positive(b"!", self.mute_until);
        self.disappearing.write(d);
        d.set_positive(b"j", self.created);
    }
}

/// The contact of `id`, if there is one.
pub fn get(data: &Dict, id: &SessionId) -> Option<Contact> {
    let record = data.dict(b"c")?.dict(id.as_bytes())?;
    Some(Contact::read(*id, record))
}

/// The contact of `id`, or a blank one.
pub fn get_or_new(data: &Dict, id: &SessionId) -> Contact {
    get(data, id).unwrap_or_else(|| Contact::new(*id))
}

/// Stores `contact` over its record (unknown keys of the record stay).
pub fn set(data: &mut Dict, contact: &Contact) {
    let record = data.dict_mut(b"c").dict_mut(contact.session_id.as_bytes());
    contact.write(record);
}

/// Removes the contact of `id` with everything in its record; whether there was one.
pub fn erase(data: &mut Dict, id: &SessionId) -> bool {
    let Some(Value::Dict(c)) = data.0.get_mut(&b"c"[..]) else {
        return false;
    };
    c.remove(id.as_bytes()).is_some()
}

/// Every contact, in Session ID order; records the library would skip (a key that is not a
/// 33-byte `05` ID, a value that is not a dict) are skipped here too.
pub fn all(data: &Dict) -> Vec<Contact> {
    let Some(c) = data.dict(b"c") else {
        return Vec::new();
    };
    c.iter()
        .filter_map(|(k, v)| {
            let raw: [u8; 33] = k.as_slice().try_into().ok()?;
            let id = SessionId::from_bytes(raw).ok()?.require_standard().ok()?;
            match v {
                Value::Dict(d) => Some(Contact::read(id, d)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> SessionId {
        SessionId::from_x25519([n; 32])
    }

    #[test]
    fn a_blank_contact_keeps_its_record_through_the_name() {
        let mut d = Dict::new();
        set(&mut d, &Contact::new(id(1)));
        d.prune();
        assert_eq!(all(&d), [Contact::new(id(1))]);
        assert_eq!(
            d.dict(b"c")
                .and_then(|c| c.dict(id(1).as_bytes()))
                .and_then(|r| r.bytes(b"n")),
            Some(&b""[..])
        );
    }

    #[test]
    fn unknown_keys_of_a_record_survive_a_change() {
        let mut d = Dict::new();
        let mut c = Contact::new(id(2));
        c.name = "Bob".into();
        set(&mut d, &c);
        d.dict_mut(b"c")
            .dict_mut(id(2).as_bytes())
            .set_int(b"t", 1_700_000_000);
        let mut c = get(&d, &id(2)).unwrap();
        c.blocked = true;
        c.notify = NotifyMode::MentionsOnly;
        set(&mut d, &c);
        let record = d.dict(b"c").and_then(|c| c.dict(id(2).as_bytes())).unwrap();
        assert_eq!(record.int(b"t"), Some(1_700_000_000));
        assert_eq!(record.int(b"@"), Some(1), "mentions-only is stored as all");
        assert!(get(&d, &id(2)).unwrap().blocked);
        assert!(erase(&mut d, &id(2)));
        assert!(get(&d, &id(2)).is_none());
    }
}
