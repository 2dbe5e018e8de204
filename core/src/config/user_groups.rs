//! UserGroups (namespace 5, groups-and-config.md §2.4): the groups (`g`), communities (`o`) and
//! legacy groups (`C`) the account belongs to. Records are edited in place, keys of newer
//! clients stay.

use super::fields::{truncate_utf8, NotifyMode, MAX_NAME_BYTES};
use super::value::{Dict, Scalar, Value};
use crate::conversation::CommunityRoom;
use crate::crypto::ed25519::{expand_seed, mul_base};
use crate::identity::SessionId;
use std::collections::BTreeSet;

/// The length of a group member's subaccount authentication data (`s`).
pub const AUTH_DATA_LEN: usize = 100;

/// What every membership record has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Membership {
    /// Pinned (≥ 1) or hidden (−1) (`+`).
    pub priority: i64,
    /// When we joined, unix seconds (`j`), 0 when unknown.
    pub joined_at: i64,
    /// Notifications (`@`).
    pub notify: NotifyMode,
    /// Muted until, unix seconds (`!`), 0 when not muted.
    pub mute_until: i64,
    /// An invitation not accepted yet (`i`).
    pub invited: bool,
}

impl Membership {
    fn read(d: &Dict) -> Membership {
        let notify = d.int_or_zero(b"@");
        Membership {
            priority: d.int_or_zero(b"+"),
            joined_at: d.int_or_zero(b"j").max(0),
            notify: if (0..=3).contains(&notify) {
                NotifyMode::from_int(notify)
            } else {
                NotifyMode::Default
            },
            mute_until: d.int_or_zero(b"!"),
            invited: d.int_or_zero(b"i") != 0,
        }
    }

    fn write(&self, d: &mut Dict) {
        d.set_nonzero(b"+", self.priority);
        d.set_positive(b"j", self.joined_at);
        d.set_positive(b"@", self.notify.to_int());
        d.set_positive(b"!", self.mute_until);
        d.set_flag(b"i", self.invited);
    }
}

/// Why we are no longer in a group (`r`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Removed {
    /// Still a member.
    #[default]
    No,
    /// Removed by an admin.
    Kicked,
    /// The group was deleted.
    Destroyed,
}

/// A group (groups v2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The `03` group ID.
    pub id: SessionId,
    /// Its name from the invitation (`n`), until the group's own info supersedes it.
    pub name: String,
    /// The group's Ed25519 seed when we are an admin (`K`; only kept when it derives the ID).
    pub admin_seed: Option<[u8; 32]>,
    /// A member's subaccount authentication data (`s`), when not an admin.
    pub auth_data: Option<[u8; AUTH_DATA_LEN]>,
    /// Kicked or destroyed (`r`).
    pub removed: Removed,
    /// The common membership fields.
    pub membership: Membership,
}

impl Group {
    /// A group with nothing set.
    pub fn new(id: SessionId) -> Group {
        Group {
            id,
            name: String::new(),
            admin_seed: None,
            auth_data: None,
            removed: Removed::No,
            membership: Membership::default(),
        }
    }

    fn seed_matches(&self, seed: &[u8; 32]) -> bool {
        let pk = mul_base(&expand_seed(seed).0).compress().to_bytes();
        self.id.key() == &pk
    }

    fn read(id: SessionId, d: &Dict) -> Group {
        let mut g = Group::new(id);
        g.membership = Membership::read(d);
        g.name = d.text(b"n").unwrap_or_default();
        g.admin_seed = d
            .bytes(b"K")
            .and_then(|k| <[u8; 32]>::try_from(k).ok())
            .filter(|seed| g.seed_matches(seed));
        g.auth_data = d.bytes(b"s").and_then(|s| s.try_into().ok());
        g.removed = match d.int_or_zero(b"r") {
            1 => Removed::Kicked,
            2 => Removed::Destroyed,
            _ => Removed::No,
        };
        g
    }

    fn write(&self, d: &mut Dict) {
        self.membership.write(d);
        d.set_nonempty(b"n", truncate_utf8(&self.name, MAX_NAME_BYTES).as_bytes());
        let removed = match self.removed {
            Removed::No => 0,
            Removed::Kicked => 1,
            Removed::Destroyed => 2,
        };
        d.set_positive(b"r", removed);
        match self.admin_seed.filter(|s| self.seed_matches(s)) {
            Some(seed) => d.set_bytes(b"K", &seed),
            None => {
                // Always present, empty for a member, so a member's record is never empty.
                d.set_bytes(b"K", b"");
                match &self.auth_data {
                    Some(a) => d.set_bytes(b"s", a),
                    None => {
                        d.remove(b"s");
                    }
                }
            }
        }
    }
}

/// A community room we joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    /// The server and room, normalised (the dict keys).
    pub room: CommunityRoom,
    /// The room token with its original capitalisation (`n`).
    pub room_display: String,
    /// The server's X25519 key (`#`).
    pub pubkey: [u8; 32],
    /// The common membership fields.
    pub membership: Membership,
}

/// A legacy group (kept and pushed back; no longer used to chat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyGroup {
    /// Its `05`-style ID.
    pub id: SessionId,
    /// Its name (`n`, always written).
    pub name: String,
    /// Its X25519 encryption key pair (`k` public, `K` secret), both or neither.
    pub enc_keypair: Option<([u8; 32], [u8; 32])>,
    /// Members who are not admins (`m`).
    pub members: BTreeSet<SessionId>,
    /// Admins (`a`).
    pub admins: BTreeSet<SessionId>,
    /// Disappearing timer in seconds (`E`), 0 when off.
    pub disappearing_secs: i64,
    /// The common membership fields.
    pub membership: Membership,
}

fn ids_of(set: Option<&BTreeSet<Scalar>>) -> BTreeSet<SessionId> {
    set.into_iter()
        .flatten()
        .filter_map(|s| match s {
            Scalar::Bytes(b) if b.len() == 33 && b[0] == 0x05 => {
                SessionId::from_bytes(b.as_slice().try_into().ok()?).ok()
            }
            _ => None,
        })
        .collect()
}

fn id_set(ids: &BTreeSet<SessionId>) -> Value {
    Value::Set(
        ids.iter()
            .map(|i| Scalar::Bytes(i.as_bytes().to_vec()))
            .collect(),
    )
}

impl LegacyGroup {
    fn read(id: SessionId, d: &Dict) -> LegacyGroup {
        let k = d.bytes(b"k").and_then(|k| <[u8; 32]>::try_from(k).ok());
        let sk = d.bytes(b"K").and_then(|k| <[u8; 32]>::try_from(k).ok());
        let admins = ids_of(d.set(b"a"));
        let members = ids_of(d.set(b"m"))
            .into_iter()
            .filter(|m| !admins.contains(m))
            .collect();
        LegacyGroup {
            id,
            name: d.text(b"n").unwrap_or_default(),
            enc_keypair: k.zip(sk),
            members,
            admins,
            disappearing_secs: d.int_or_zero(b"E").max(0),
            membership: Membership::read(d),
        }
    }

    fn write(&self, d: &mut Dict) {
        self.membership.write(d);
        d.set_bytes(b"n", truncate_utf8(&self.name, MAX_NAME_BYTES).as_bytes());
        match &self.enc_keypair {
            Some((pk, sk)) => {
                d.set_bytes(b"k", pk);
                d.set_bytes(b"K", sk);
            }
            None => {
                d.remove(b"k");
                d.remove(b"K");
            }
        }
        let members: BTreeSet<SessionId> = self.members.difference(&self.admins).copied().collect();
        d.insert(b"m", id_set(&members));
        d.insert(b"a", id_set(&self.admins));
        d.set_positive(b"E", self.disappearing_secs);
    }
}

/// The group `id`, if we are in it.
pub fn get_group(data: &Dict, id: &SessionId) -> Option<Group> {
    Some(Group::read(*id, data.dict(b"g")?.dict(id.as_bytes())?))
}

/// Stores `group` over its record.
pub fn set_group(data: &mut Dict, group: &Group) {
    group.write(data.dict_mut(b"g").dict_mut(group.id.as_bytes()));
}

/// Stores `community` over its record (and the server's key).
pub fn set_community(data: &mut Dict, community: &Community) {
    let server = data
        .dict_mut(b"o")
        .dict_mut(community.room.server().as_bytes());
    server.set_bytes(b"#", &community.pubkey);
    let record = server
        .dict_mut(b"R")
        .dict_mut(community.room.room().as_bytes());
    community.membership.write(record);
    record.set_bytes(b"n", community.room_display.as_bytes());
}

/// Stores `group` over its record.
pub fn set_legacy_group(data: &mut Dict, group: &LegacyGroup) {
    group.write(data.dict_mut(b"C").dict_mut(group.id.as_bytes()));
}

/// Removes a record under `top` (a group or legacy group); whether there was one.
pub fn erase(data: &mut Dict, top: &[u8], id: &SessionId) -> bool {
    match data.0.get_mut(top) {
        Some(Value::Dict(d)) => d.remove(id.as_bytes()).is_some(),
        _ => false,
    }
}

/// Removes a community room (and its server, once no room of it is left); whether there was
/// one.
pub fn erase_community(data: &mut Dict, room: &CommunityRoom) -> bool {
    let server_key = room.server().as_bytes();
    let Some(Value::Dict(servers)) = data.0.get_mut(b"o".as_slice()) else {
        return false;
    };
    let Some(Value::Dict(server)) = servers.0.get_mut(server_key) else {
        return false;
    };
    let removed = match server.0.get_mut(b"R".as_slice()) {
        Some(Value::Dict(rooms)) => rooms.remove(room.room().as_bytes()).is_some(),
        _ => false,
    };
    let empty = server.dict(b"R").is_none_or(|r| r.iter().next().is_none());
    if empty {
        servers.remove(server_key);
    }
    removed
}

/// A community room as stored, before normalisation (keys the parser might not accept are
/// still listed, so nothing is hidden from a user or a tool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommunity {
    /// The server's base URL as stored.
    pub base_url: String,
    /// The server's key, when 32 bytes.
    pub pubkey: Option<[u8; 32]>,
    /// The lower-cased room token (the dict key).
    pub room_key: String,
    /// The token as displayed (`n`).
    pub room: String,
    /// The common membership fields.
    pub membership: Membership,
}

/// Everything in a UserGroups, in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllGroups {
    /// Groups.
    pub groups: Vec<Group>,
    /// Community rooms.
    pub communities: Vec<StoredCommunity>,
    /// Legacy groups.
    pub legacy_groups: Vec<LegacyGroup>,
}

fn records(data: &Dict, top: &[u8], prefix: u8) -> Vec<(SessionId, Dict)> {
    let Some(d) = data.dict(top) else {
        return Vec::new();
    };
    d.iter()
        .filter_map(|(k, v)| {
            let id = SessionId::from_bytes(k.as_slice().try_into().ok()?).ok()?;
            match v {
                Value::Dict(r) if id.prefix() == prefix => Some((id, r.clone())),
                _ => None,
            }
        })
        .collect()
}

/// Reads every record (records the library would skip are skipped).
pub fn all(data: &Dict) -> AllGroups {
    let mut communities = Vec::new();
    for (base, server) in data.dict(b"o").into_iter().flat_map(Dict::iter) {
        let Value::Dict(server) = server else {
            continue;
        };
        let pubkey = server.bytes(b"#").and_then(|k| k.try_into().ok());
        for (key, room) in server.dict(b"R").into_iter().flat_map(Dict::iter) {
            let Value::Dict(room) = room else { continue };
            let room_key = String::from_utf8_lossy(key).into_owned();
            communities.push(StoredCommunity {
                base_url: String::from_utf8_lossy(base).into_owned(),
                pubkey,
                room: room.text(b"n").unwrap_or_else(|| room_key.clone()),
                room_key,
                membership: Membership::read(room),
            });
        }
    }
    AllGroups {
        groups: records(data, b"g", 0x03)
            .into_iter()
            .map(|(id, r)| Group::read(id, &r))
            .collect(),
        communities,
        legacy_groups: records(data, b"C", 0x05)
            .into_iter()
            .map(|(id, r)| LegacyGroup::read(id, &r))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_of_seed(seed: [u8; 32]) -> SessionId {
        let pk = mul_base(&expand_seed(&seed).0).compress().to_bytes();
        SessionId::from_parts(crate::identity::IdPrefix::Group, pk)
    }

    #[test]
    fn a_member_record_has_an_empty_key_and_an_admin_seed_must_derive_the_id() {
        let id = group_of_seed([4; 32]);
        let mut d = Dict::new();
        let mut g = Group::new(id);
        g.auth_data = Some([1; AUTH_DATA_LEN]);
        set_group(&mut d, &g);
        let rec = d.dict(b"g").and_then(|g| g.dict(id.as_bytes())).unwrap();
        assert_eq!(rec.bytes(b"K"), Some(&b""[..]));
        assert_eq!(
            get_group(&d, &id).unwrap().auth_data,
            Some([1; AUTH_DATA_LEN])
        );

        g.admin_seed = Some([5; 32]); // another group's seed: ignored
        set_group(&mut d, &g);
        assert_eq!(get_group(&d, &id).unwrap().admin_seed, None);
        g.admin_seed = Some([4; 32]);
        set_group(&mut d, &g);
        assert_eq!(get_group(&d, &id).unwrap().admin_seed, Some([4; 32]));
    }

    #[test]
    fn a_community_keeps_its_capitalisation_under_a_lower_cased_key() {
        let mut d = Dict::new();
        let c = Community {
            room: CommunityRoom::new("https://open.getsession.org", "Lobby").unwrap(),
            room_display: "Lobby".into(),
            pubkey: [7; 32],
            membership: Membership {
                priority: 1,
                ..Membership::default()
            },
        };
        set_community(&mut d, &c);
        let all = all(&d);
        assert_eq!(all.communities.len(), 1);
        assert_eq!(all.communities[0].room_key, "lobby");
        assert_eq!(all.communities[0].room, "Lobby");
        assert_eq!(all.communities[0].pubkey, Some([7; 32]));
    }

    #[test]
    fn erasing_a_community_keeps_the_other_rooms_and_drops_an_empty_server() {
        let mut d = Dict::new();
        let room = |token: &str| Community {
            room: CommunityRoom::new("http://127.0.0.1:8080", token).unwrap(),
            room_display: token.into(),
            pubkey: [7; 32],
            membership: Membership::default(),
        };
        set_community(&mut d, &room("Lobby"));
        set_community(&mut d, &room("dev"));
        assert!(erase_community(&mut d, &room("LOBBY").room));
        let left = all(&d).communities;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].room, "dev");
        assert!(!erase_community(&mut d, &room("lobby").room));
        assert!(erase_community(&mut d, &room("dev").room));
        assert!(all(&d).communities.is_empty());
        assert!(d.dict(b"o").is_none_or(|o| o.iter().next().is_none()));
    }

    #[test]
    fn legacy_admins_are_not_listed_twice() {
        let mut d = Dict::new();
        let a = SessionId::from_x25519([1; 32]);
        let m = SessionId::from_x25519([2; 32]);
        let g = LegacyGroup {
            id: SessionId::from_x25519([9; 32]),
            name: "Old".into(),
            enc_keypair: None,
            members: [a, m].into(),
            admins: [a].into(),
            disappearing_secs: 0,
            membership: Membership::default(),
        };
        set_legacy_group(&mut d, &g);
        let back = &all(&d).legacy_groups[0];
        assert_eq!(back.members, [m].into());
        assert_eq!(back.admins, [a].into());
    }
}
