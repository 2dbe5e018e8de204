//! ConvoInfoVolatile (namespace 4, groups-and-config.md §2.3): each conversation's last-read
//! time (milliseconds) and "marked unread" flag, under `1` (one-to-one), `o` (communities), `g`
//! (groups), `C` (legacy groups) and `b` (blinded requests, 2025+). Records are edited in
//! place, so their other keys (Pro fields) stay.

use super::value::{Dict, Value};
use crate::conversation::CommunityRoom;
use crate::identity::SessionId;

/// A read time older than this (30 days) is not written, unless it moves an entry back.
pub const PRUNE_LOW_MS: i64 = 30 * 24 * 3600 * 1000;

/// Entries read longer ago than this (45 days) and not marked unread go at each push.
pub const PRUNE_HIGH_MS: i64 = 45 * 24 * 3600 * 1000;

/// Which conversation an entry is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Convo {
    /// A one-to-one chat (`1`, by the 33-byte `05` ID).
    OneToOne(SessionId),
    /// A community room (`o`: the server, its key, and the room).
    Community {
        /// The server and room, normalised.
        room: CommunityRoom,
        /// The server's X25519 key.
        pubkey: [u8; 32],
    },
    /// A group (`g`, by the 33-byte `03` ID).
    Group(SessionId),
    /// A legacy group (`C`, by its 33-byte `05`-style ID).
    LegacyGroup(SessionId),
    /// A message request we sent to a blinded ID (`b`, by 64 hex digits without prefix).
    Blinded {
        /// The 64 hex digits.
        key_hex: String,
    },
}

/// How far a conversation has been read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadState {
    /// The newest message read, unix milliseconds (`r`), 0 when unknown.
    pub last_read_ms: i64,
    /// Marked unread by the user (`u`).
    pub unread: bool,
}

impl ReadState {
    fn read(d: &Dict) -> ReadState {
        ReadState {
            last_read_ms: d.int_or_zero(b"r"),
            unread: d.int_or_zero(b"u") != 0,
        }
    }
}

/// The record of `convo`, if any.
fn record<'a>(data: &'a Dict, convo: &Convo) -> Option<&'a Dict> {
    match convo {
        Convo::OneToOne(id) => data.dict(b"1")?.dict(id.as_bytes()),
        Convo::Group(id) => data.dict(b"g")?.dict(id.as_bytes()),
        Convo::LegacyGroup(id) => data.dict(b"C")?.dict(id.as_bytes()),
        Convo::Blinded { key_hex } => data.dict(b"b")?.dict(key_hex.as_bytes()),
        Convo::Community { room, .. } => data
            .dict(b"o")?
            .dict(room.server().as_bytes())?
            .dict(b"R")?
            .dict(room.room().as_bytes()),
    }
}

fn record_mut<'a>(data: &'a mut Dict, convo: &Convo) -> &'a mut Dict {
    match convo {
        Convo::OneToOne(id) => data.dict_mut(b"1").dict_mut(id.as_bytes()),
        Convo::Group(id) => data.dict_mut(b"g").dict_mut(id.as_bytes()),
        Convo::LegacyGroup(id) => data.dict_mut(b"C").dict_mut(id.as_bytes()),
        Convo::Blinded { key_hex } => data.dict_mut(b"b").dict_mut(key_hex.as_bytes()),
        Convo::Community { room, pubkey } => {
            let server = data.dict_mut(b"o").dict_mut(room.server().as_bytes());
            server.set_bytes(b"#", pubkey);
            server.dict_mut(b"R").dict_mut(room.room().as_bytes())
        }
    }
}

/// The read state of `convo`, if it has an entry.
pub fn get(data: &Dict, convo: &Convo) -> Option<ReadState> {
    record(data, convo).map(ReadState::read)
}

/// Stores the read state of `convo` as the library does at `now_ms`: moving the read time back
/// is always written; otherwise a read time older than 30 days is not.
pub fn set(data: &mut Dict, convo: &Convo, state: ReadState, now_ms: i64) {
    let d = record_mut(data, convo);
    match d.int(b"r") {
        Some(stored) if state.last_read_ms < stored => d.set_int(b"r", state.last_read_ms),
        _ => {
            if state.last_read_ms > now_ms.saturating_sub(PRUNE_LOW_MS) {
                d.set_int(b"r", state.last_read_ms);
            }
        }
    }
    d.set_flag(b"u", state.unread);
}

/// Sets the fields newer clients add to an existing entry: legacy blinding (`y`, requests),
/// and the Pro expiry (`e`, ms) and generation-index hash (`g`).
pub fn set_extras(data: &mut Dict, convo: &Convo, extras: &Entry) {
    if record(data, convo).is_none() {
        return;
    }
    let d = record_mut(data, convo);
    d.set_flag(b"y", extras.legacy_blinding);
    match extras.pro_expiry_ms {
        Some(e) => d.set_int(b"e", e),
        None => {
            d.remove(b"e");
        }
    }
    match &extras.pro_gen_index_hash {
        Some(g) => d.set_bytes(b"g", g),
        None => {
            d.remove(b"g");
        }
    }
}

/// Removes the entry of `convo` (and a community server left without rooms); whether there
/// was one.
pub fn erase(data: &mut Dict, convo: &Convo) -> bool {
    fn remove_in(data: &mut Dict, top: &[u8], key: &[u8]) -> bool {
        match data.0.get_mut(top) {
            Some(Value::Dict(d)) => d.remove(key).is_some(),
            _ => false,
        }
    }
    match convo {
        Convo::OneToOne(id) => remove_in(data, b"1", id.as_bytes()),
        Convo::Group(id) => remove_in(data, b"g", id.as_bytes()),
        Convo::LegacyGroup(id) => remove_in(data, b"C", id.as_bytes()),
        Convo::Blinded { key_hex } => remove_in(data, b"b", key_hex.as_bytes()),
        Convo::Community { room, .. } => {
            let Some(Value::Dict(servers)) = data.0.get_mut(&b"o"[..]) else {
                return false;
            };
            let Some(Value::Dict(server)) = servers.0.get_mut(room.server().as_bytes()) else {
                return false;
            };
            let gone = remove_in(server, b"R", room.room().as_bytes());
            if gone && server.dict(b"R").is_none_or(Dict::is_empty) {
                servers.remove(room.server().as_bytes());
            }
            gone
        }
    }
}

/// Drops the one-to-one, legacy-group and community entries read more than 45 days before
/// `now_ms` and not marked unread (groups are kept), as the library does before each push.
pub fn prune_stale(data: &mut Dict, now_ms: i64) {
    let cutoff = now_ms.saturating_sub(PRUNE_HIGH_MS);
    let stale = |v: &Value| match v {
        Value::Dict(d) => {
            let s = ReadState::read(d);
            !s.unread && s.last_read_ms < cutoff
        }
        _ => false,
    };
    for top in [&b"1"[..], b"C"] {
        if let Some(Value::Dict(d)) = data.0.get_mut(top) {
            d.0.retain(|k, v| k.len() != 33 || !stale(v));
        }
    }
    if let Some(Value::Dict(servers)) = data.0.get_mut(&b"o"[..]) {
        for server in servers.0.values_mut() {
            if let Value::Dict(server) = server {
                if let Some(Value::Dict(rooms)) = server.0.get_mut(&b"R"[..]) {
                    rooms.0.retain(|_, v| !stale(v));
                }
                if server.dict(b"R").is_none_or(Dict::is_empty) {
                    server.0.clear();
                }
            }
        }
    }
}

/// One entry, with the fields newer clients add (kept, shown, never needed here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its read state.
    pub state: ReadState,
    /// A contact's or request's Pro expiry, unix milliseconds (`e`, 2025+).
    pub pro_expiry_ms: Option<i64>,
    /// Its Pro generation-index hash (`g`, 2025+).
    pub pro_gen_index_hash: Option<Vec<u8>>,
    /// A blinded request made with legacy `15` blinding (`y`).
    pub legacy_blinding: bool,
}

impl Entry {
    fn read(d: &Dict) -> Entry {
        Entry {
            state: ReadState::read(d),
            pro_expiry_ms: d.int(b"e"),
            pro_gen_index_hash: d.bytes(b"g").map(<[u8]>::to_vec),
            legacy_blinding: d.int_or_zero(b"y") != 0,
        }
    }
}

/// A community room's entry as stored: the server's base URL and key, the room token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityEntry {
    /// The canonical base URL (the dict key).
    pub base_url: String,
    /// The server's key, when stored as 32 bytes.
    pub pubkey: Option<[u8; 32]>,
    /// The lower-cased room token.
    pub room: String,
    /// Its read state.
    pub entry: Entry,
}

/// Everything in a ConvoInfoVolatile, in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllConvos {
    /// One-to-one chats.
    pub one_to_one: Vec<(SessionId, Entry)>,
    /// Community rooms.
    pub communities: Vec<CommunityEntry>,
    /// Groups.
    pub groups: Vec<(SessionId, Entry)>,
    /// Legacy groups.
    pub legacy_groups: Vec<(SessionId, Entry)>,
    /// Blinded message requests, by their 64 hex digits.
    pub blinded: Vec<(String, Entry)>,
}

fn by_id(data: &Dict, top: &[u8], prefix: u8) -> Vec<(SessionId, Entry)> {
    let Some(d) = data.dict(top) else {
        return Vec::new();
    };
    d.iter()
        .filter_map(|(k, v)| {
            let raw: [u8; 33] = k.as_slice().try_into().ok()?;
            let id = SessionId::from_bytes(raw)
                .ok()
                .filter(|i| i.prefix() == prefix)?;
            match v {
                Value::Dict(r) => Some((id, Entry::read(r))),
                _ => None,
            }
        })
        .collect()
}

/// Reads every entry (records the library would skip are skipped).
pub fn all(data: &Dict) -> AllConvos {
    let mut communities = Vec::new();
    if let Some(servers) = data.dict(b"o") {
        for (base, server) in servers.iter() {
            let Value::Dict(server) = server else {
                continue;
            };
            let pubkey = server.bytes(b"#").and_then(|k| k.try_into().ok());
            let Some(rooms) = server.dict(b"R") else {
                continue;
            };
            for (room, r) in rooms.iter() {
                if let Value::Dict(r) = r {
                    communities.push(CommunityEntry {
                        base_url: String::from_utf8_lossy(base).into_owned(),
                        pubkey,
                        room: String::from_utf8_lossy(room).into_owned(),
                        entry: Entry::read(r),
                    });
                }
            }
        }
    }
    let blinded = data
        .dict(b"b")
        .map(|b| {
            b.iter()
                .filter_map(|(k, v)| match v {
                    Value::Dict(r) if k.len() == 64 && k.iter().all(u8::is_ascii_hexdigit) => {
                        Some((String::from_utf8_lossy(k).into_owned(), Entry::read(r)))
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    AllConvos {
        one_to_one: by_id(data, b"1", 0x05),
        communities,
        groups: by_id(data, b"g", 0x03),
        legacy_groups: by_id(data, b"C", 0x05),
        blinded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn bob() -> Convo {
        Convo::OneToOne(SessionId::from_x25519([2; 32]))
    }

    #[test]
    fn an_old_read_time_is_not_written_but_moving_back_is() {
        let mut d = Dict::new();
        let old = ReadState {
            last_read_ms: NOW - PRUNE_LOW_MS - 1,
            unread: false,
        };
        set(&mut d, &bob(), old, NOW);
        d.prune();
        assert_eq!(get(&d, &bob()), None, "nothing worth keeping");
        set(
            &mut d,
            &bob(),
            ReadState {
                last_read_ms: NOW,
                unread: false,
            },
            NOW,
        );
        set(
            &mut d,
            &bob(),
            ReadState {
                last_read_ms: NOW - 5,
                unread: true,
            },
            NOW,
        );
        assert_eq!(
            get(&d, &bob()),
            Some(ReadState {
                last_read_ms: NOW - 5,
                unread: true
            })
        );
    }

    #[test]
    fn pruning_keeps_unread_and_groups_and_drops_stale_rooms_with_their_server() {
        let mut d = Dict::new();
        let room = Convo::Community {
            room: CommunityRoom::new("https://Example.org/", "Lobby").unwrap(),
            pubkey: [9; 32],
        };
        let group = Convo::Group(SessionId::from_bytes([3; 33]).unwrap());
        let read = ReadState {
            last_read_ms: NOW - 1000,
            unread: false,
        };
        for c in [&bob(), &room, &group] {
            set(&mut d, c, read, NOW);
        }
        let later = NOW + PRUNE_HIGH_MS + 1000;
        prune_stale(&mut d, later);
        d.prune();
        assert_eq!(get(&d, &bob()), None);
        assert_eq!(get(&d, &room), None);
        assert!(d.dict(b"o").is_none(), "the server went with its last room");
        assert_eq!(get(&d, &group), Some(read));
        assert_eq!(all(&d).groups.len(), 1);
    }
}
