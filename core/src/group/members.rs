//! The group Members config (namespace 14; groups-and-config.md §3.3): one record per member
//! under `m`, keyed by the member's 33 raw ID bytes. Records are read into [`Member`] and
//! written back over the same dict, so keys of newer clients survive.

use crate::config::fields::{truncate_utf8, ProfilePic, MAX_NAME_BYTES};
use crate::config::value::{Dict, Value};
use crate::identity::SessionId;

/// Where an invitation or a promotion stands (`I`, `P`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Sent (1).
    Sent,
    /// Sending failed (2).
    Failed,
    /// Not sent yet (3).
    NotSent,
}

impl Status {
    /// The stored number.
    pub fn to_int(self) -> i64 {
        match self {
            Status::Sent => 1,
            Status::Failed => 2,
            Status::NotSent => 3,
        }
    }

    /// The status of a stored number; anything else reads as none (accepted).
    pub fn from_int(v: i64) -> Option<Status> {
        match v {
            1 => Some(Status::Sent),
            2 => Some(Status::Failed),
            3 => Some(Status::NotSent),
            _ => None,
        }
    }
}

/// A removal waiting for an admin to carry it out (`R`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Removal {
    /// Remove the member (1).
    Member,
    /// Remove the member and their messages (2).
    MemberAndMessages,
}

impl Removal {
    /// The stored number.
    pub fn to_int(self) -> i64 {
        match self {
            Removal::Member => 1,
            Removal::MemberAndMessages => 2,
        }
    }

    fn from_int(v: i64) -> Option<Removal> {
        match v {
            1 => Some(Removal::Member),
            2 => Some(Removal::MemberAndMessages),
            _ => None,
        }
    }
}

/// One member, as the official library reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Their account.
    pub session_id: SessionId,
    /// Their name (`n`, always written).
    pub name: String,
    /// Their avatar (`p`, `q`).
    pub pic: Option<ProfilePic>,
    /// An admin (`A`; informational, the group key is what makes one).
    pub admin: bool,
    /// Invitation not yet accepted (`I`); never set for admins.
    pub invite: Option<Status>,
    /// Invited "with history" (`s`): they get the older keys too.
    pub supplement: bool,
    /// Promotion to admin not yet accepted (`P`).
    pub promotion: Option<Status>,
    /// Removal pending (`R`).
    pub removed: Option<Removal>,
}

impl Member {
    /// A member with nothing set.
    pub fn new(session_id: SessionId) -> Member {
        Member {
            session_id,
            name: String::new(),
            pic: None,
            admin: false,
            invite: None,
            supplement: false,
            promotion: None,
            removed: None,
        }
    }

    fn read(session_id: SessionId, d: &Dict) -> Member {
        let admin = d.int_or_zero(b"A") != 0;
        let invite = if admin {
            None
        } else {
            Status::from_int(d.int_or_zero(b"I"))
        };
        let promotion = Status::from_int(d.int_or_zero(b"P"));
        Member {
            session_id,
            name: d.text(b"n").unwrap_or_default(),
            pic: ProfilePic::read(d, b"p", b"q"),
            admin,
            invite,
            supplement: invite.is_some() && promotion.is_none() && d.int_or_zero(b"s") != 0,
            promotion,
            removed: Removal::from_int(d.int_or_zero(b"R")),
        }
    }

    fn write(&self, d: &mut Dict) {
        // Always written, even empty, so the record is never pruned away.
        d.set_bytes(b"n", truncate_utf8(&self.name, MAX_NAME_BYTES).as_bytes());
        ProfilePic::write(self.pic.as_ref(), d, b"p", b"q");
        d.set_flag(b"A", self.admin);
        d.set_positive(b"P", self.promotion.map_or(0, Status::to_int));
        let invite = if self.admin { None } else { self.invite };
        d.set_positive(b"I", invite.map_or(0, Status::to_int));
        d.set_flag(b"s", self.supplement);
        d.set_positive(b"R", self.removed.map_or(0, Removal::to_int));
    }

    /// Joined: an admin, or invited and accepted.
    pub fn joined(&self) -> bool {
        self.admin || self.invite.is_none()
    }
}

/// Every member in the data of a Members config, in ID order (records that are not a
/// 33-byte ID with a dict are skipped, as the official library skips them).
pub fn list(data: &Dict) -> Vec<Member> {
    let Some(m) = data.dict(b"m") else {
        return Vec::new();
    };
    m.iter()
        .filter_map(|(k, v)| {
            let raw: [u8; 33] = k.as_slice().try_into().ok()?;
            let id = SessionId::from_bytes(raw).ok()?;
            match v {
                Value::Dict(d) => Some(Member::read(id, d)),
                _ => None,
            }
        })
        .collect()
}

/// One member, if present.
pub fn get(data: &Dict, id: &SessionId) -> Option<Member> {
    match data.dict(b"m")?.get(id.as_bytes())? {
        Value::Dict(d) => Some(Member::read(*id, d)),
        _ => None,
    }
}

/// Adds or updates a member (over their existing record).
pub fn set(data: &mut Dict, member: &Member) {
    let record = data.dict_mut(b"m").dict_mut(member.session_id.as_bytes());
    member.write(record);
}

/// Removes a member's record entirely; whether there was one.
pub fn erase(data: &mut Dict, id: &SessionId) -> bool {
    data.dict_mut(b"m").remove(id.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> SessionId {
        SessionId::from_x25519([n; 32])
    }

    #[test]
    fn members_round_trip_in_id_order_and_admins_have_no_invite() {
        let mut d = Dict::new();
        let mut b = Member::new(id(2));
        b.name = "Bea".into();
        b.invite = Some(Status::Sent);
        b.supplement = true;
        let mut a = Member::new(id(1));
        a.admin = true;
        a.invite = Some(Status::NotSent);
        set(&mut d, &b);
        set(&mut d, &a);
        let all = list(&d);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].session_id, id(1));
        assert_eq!(all[0].invite, None);
        assert_eq!(all[1], b);
        assert!(all[0].joined() && !all[1].joined());
        assert!(erase(&mut d, &id(2)));
        assert_eq!(list(&d).len(), 1);
        assert_eq!(get(&d, &id(2)), None);
    }
}
