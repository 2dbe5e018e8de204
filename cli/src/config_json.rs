//! The JSON form of the four user configs, for `debug config-open` / `config-push` and
//! `contacts` (the README documents every key). Absent values are `null`, absent flags `false`, an absent priority 0;
//! hex is lowercase.

use crate::output::CliError;
use serde_json::{json, Map, Value};
use session_core::config::contacts::{self, Contact};
use session_core::config::convo_info_volatile::{self as civ, Convo, ReadState};
use session_core::config::encrypt::Domain;
use session_core::config::fields::{Disappearing, NotifyMode, ProfilePic};
use session_core::config::user_groups::{
    self as ug, Community, Group, LegacyGroup, Membership, Removed,
};
use session_core::config::user_profile::UserProfile;
use session_core::config::Dict;
use session_core::conversation::CommunityRoom;
use session_core::identity::SessionId;

/// The JSON of `data`, a config of `kind`.
pub fn to_json(kind: Domain, data: &Dict) -> Value {
    match kind {
        Domain::UserProfile => profile_json(data),
        Domain::Contacts => contacts_json(data),
        Domain::ConvoInfoVolatile => convos_json(data),
        _ => groups_json(data),
    }
}

/// Writes the values of `json` into `data` with the library's setters, at `now_ms`.
pub fn apply(kind: Domain, json: &Value, data: &mut Dict, now_ms: i64) -> Result<(), CliError> {
    let obj = json
        .as_object()
        .ok_or_else(|| CliError("--config must be a JSON object".into()))?;
    match kind {
        Domain::UserProfile => apply_profile(obj, data),
        Domain::Contacts => {
            for c in list(obj, "contacts")? {
                contacts::set(data, &contact_from(c)?);
            }
            Ok(())
        }
        Domain::ConvoInfoVolatile => apply_convos(obj, data, now_ms),
        _ => apply_groups(obj, data),
    }
}

// ---- reading --------------------------------------------------------------------------------

fn hex_or_null(b: Option<&[u8]>) -> Value {
    b.map_or(Value::Null, |b| Value::String(hex::encode(b)))
}

fn positive_or_null(i: i64) -> Value {
    if i > 0 {
        json!(i)
    } else {
        Value::Null
    }
}

fn notify_json(n: NotifyMode) -> Value {
    match n {
        NotifyMode::Default => Value::Null,
        other => json!(other.to_int()),
    }
}

fn pic_json(pic: Option<&ProfilePic>) -> (Value, Value) {
    match pic {
        Some(p) => (json!(p.url), json!(hex::encode(p.key))),
        None => (Value::Null, Value::Null),
    }
}

fn profile_json(data: &Dict) -> Value {
    let p = UserProfile::read(data);
    let (url, key) = pic_json(p.pic.as_ref());
    json!({
        "name": p.name,
        "profile_pic_url": url,
        "profile_pic_key": key,
        "nts_priority": p.nts_priority,
        "nts_expiry": p.nts_expiry,
        "blinded_msgreqs": p.blinded_msgreqs,
    })
}

/// The contacts of a Contacts config, each as `config-open` prints it, by Session ID.
pub fn contact_list(data: &Dict) -> Vec<Value> {
    let records = data.dict(b"c");
    contacts::all(data)
        .into_iter()
        .map(|c| {
            let raw = records.and_then(|r| r.dict(c.session_id.as_bytes()));
            let name = raw.and_then(|r| r.text(b"n"));
            let (url, key) = pic_json(c.pic.as_ref());
            let (exp_mode, exp_seconds) = match c.disappearing.to_pair() {
                Some((m, s)) => (json!(m), json!(s)),
                None => (Value::Null, Value::Null),
            };
            json!({
                "session_id": c.session_id.to_hex(),
                "name": name,
                "nickname": (!c.nickname.is_empty()).then_some(&c.nickname),
                "approved": c.approved,
                "approved_me": c.approved_me,
                "blocked": c.blocked,
                "priority": c.priority,
                "created": positive_or_null(c.created),
                "profile_pic_url": url,
                "profile_pic_key": key,
                "notify": notify_json(c.notify),
                "mute_until": positive_or_null(c.mute_until),
                "exp_mode": exp_mode,
                "exp_seconds": exp_seconds,
            })
        })
        .collect()
}

fn contacts_json(data: &Dict) -> Value {
    json!({ "contacts": contact_list(data) })
}

fn read_json(e: &civ::Entry) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("last_read".into(), positive_or_null(e.state.last_read_ms));
    m.insert("unread".into(), json!(e.state.unread));
    m
}

fn with_pro(mut m: Map<String, Value>, e: &civ::Entry) -> Map<String, Value> {
    m.insert("pro_expiry".into(), json!(e.pro_expiry_ms));
    m.insert(
        "pro_gen_index_hash".into(),
        hex_or_null(e.pro_gen_index_hash.as_deref()),
    );
    m
}

fn convos_json(data: &Dict) -> Value {
    let all = civ::all(data);
    let ids = |list: &[(SessionId, civ::Entry)], key: &str, pro: bool| -> Vec<Value> {
        list.iter()
            .map(|(id, e)| {
                let mut m = read_json(e);
                m.insert(key.into(), json!(id.to_hex()));
                if pro {
                    m = with_pro(m, e);
                }
                Value::Object(m)
            })
            .collect()
    };
    let communities: Vec<Value> = all
        .communities
        .iter()
        .map(|c| {
            let mut m = read_json(&c.entry);
            m.insert("base_url".into(), json!(c.base_url));
            m.insert("room".into(), json!(c.room));
            m.insert(
                "pubkey".into(),
                hex_or_null(c.pubkey.as_ref().map(|k| &k[..])),
            );
            Value::Object(m)
        })
        .collect();
    let blinded: Vec<Value> = all
        .blinded
        .iter()
        .map(|(key, e)| {
            let mut m = with_pro(read_json(e), e);
            let prefix = if e.legacy_blinding { "15" } else { "25" };
            m.insert(
                "blinded_id".into(),
                json!(format!("{prefix}{}", key.to_ascii_lowercase())),
            );
            Value::Object(m)
        })
        .collect();
    json!({
        "one_to_one": ids(&all.one_to_one, "session_id", true),
        "communities": communities,
        "groups": ids(&all.groups, "group_id", false),
        "legacy_groups": ids(&all.legacy_groups, "group_id", false),
        "blinded": blinded,
    })
}

fn membership_json(m: &Membership, out: &mut Map<String, Value>) {
    out.insert("priority".into(), json!(m.priority));
    out.insert("joined_at".into(), positive_or_null(m.joined_at));
    out.insert("notify".into(), notify_json(m.notify));
    out.insert("mute_until".into(), positive_or_null(m.mute_until));
    out.insert("invited".into(), json!(m.invited));
}

fn groups_json(data: &Dict) -> Value {
    let all = ug::all(data);
    let groups: Vec<Value> = all
        .groups
        .iter()
        .map(|g| {
            let mut m = Map::new();
            m.insert("group_id".into(), json!(g.id.to_hex()));
            m.insert(
                "name".into(),
                json!((!g.name.is_empty()).then_some(&g.name)),
            );
            m.insert(
                "admin_seed".into(),
                hex_or_null(g.admin_seed.as_ref().map(|s| &s[..])),
            );
            m.insert(
                "auth_data".into(),
                hex_or_null(g.auth_data.as_ref().map(|s| &s[..])),
            );
            let removed = match g.removed {
                Removed::No => 0,
                Removed::Kicked => 1,
                Removed::Destroyed => 2,
            };
            m.insert("removed_status".into(), json!(removed));
            membership_json(&g.membership, &mut m);
            Value::Object(m)
        })
        .collect();
    let communities: Vec<Value> = all
        .communities
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("base_url".into(), json!(c.base_url));
            m.insert("room".into(), json!(c.room));
            m.insert(
                "pubkey".into(),
                hex_or_null(c.pubkey.as_ref().map(|k| &k[..])),
            );
            membership_json(&c.membership, &mut m);
            Value::Object(m)
        })
        .collect();
    let legacy: Vec<Value> = all
        .legacy_groups
        .iter()
        .map(|g| {
            let mut m = Map::new();
            m.insert("group_id".into(), json!(g.id.to_hex()));
            m.insert("name".into(), json!(g.name));
            let (pk, sk) = match &g.enc_keypair {
                Some((pk, sk)) => (json!(hex::encode(pk)), json!(hex::encode(sk))),
                None => (Value::Null, Value::Null),
            };
            m.insert("enc_pubkey".into(), pk);
            m.insert("enc_seckey".into(), sk);
            let hexes = |s: &std::collections::BTreeSet<SessionId>| -> Vec<String> {
                s.iter().map(SessionId::to_hex).collect()
            };
            m.insert("members".into(), json!(hexes(&g.members)));
            m.insert("admins".into(), json!(hexes(&g.admins)));
            m.insert(
                "disappearing_timer".into(),
                positive_or_null(g.disappearing_secs),
            );
            membership_json(&g.membership, &mut m);
            Value::Object(m)
        })
        .collect();
    json!({ "groups": groups, "communities": communities, "legacy_groups": legacy })
}

// ---- writing --------------------------------------------------------------------------------

fn list<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], CliError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(CliError(format!("\"{key}\" must be a list"))),
    }
}

fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

fn text(v: &Value, key: &str) -> Result<Option<String>, CliError> {
    match field(v, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(CliError(format!("\"{key}\" must be a string"))),
    }
}

fn int(v: &Value, key: &str) -> Result<i64, CliError> {
    match field(v, key) {
        None => Ok(0),
        Some(x) => x
            .as_i64()
            .ok_or_else(|| CliError(format!("\"{key}\" must be an integer"))),
    }
}

fn flag(v: &Value, key: &str) -> Result<bool, CliError> {
    match field(v, key) {
        None => Ok(false),
        Some(x) => x
            .as_bool()
            .ok_or_else(|| CliError(format!("\"{key}\" must be true or false"))),
    }
}

fn hex_n<const N: usize>(v: &Value, key: &str) -> Result<Option<[u8; N]>, CliError> {
    text(v, key)?
        .map(|h| crate::output::hex_arg_fixed::<N>(&format!("\"{key}\""), &h))
        .transpose()
}

fn id(v: &Value, key: &str, prefix: u8) -> Result<SessionId, CliError> {
    let hex = text(v, key)?.ok_or_else(|| CliError(format!("\"{key}\" is required")))?;
    let id: SessionId = hex
        .parse()
        .map_err(|e| CliError::context(&format!("\"{key}\""), e))?;
    if id.prefix() != prefix {
        return Err(CliError(format!("\"{key}\" must start with {prefix:02x}")));
    }
    Ok(id)
}

fn pic_from(v: &Value) -> Result<Option<ProfilePic>, CliError> {
    match (
        text(v, "profile_pic_url")?,
        hex_n::<32>(v, "profile_pic_key")?,
    ) {
        (Some(url), Some(key)) if !url.is_empty() => Ok(Some(ProfilePic { url, key })),
        _ => Ok(None),
    }
}

fn notify_from(v: &Value) -> Result<NotifyMode, CliError> {
    Ok(NotifyMode::from_int(int(v, "notify")?))
}

fn apply_profile(obj: &Map<String, Value>, data: &mut Dict) -> Result<(), CliError> {
    let v = Value::Object(obj.clone());
    let msgreqs =
        match field(&v, "blinded_msgreqs") {
            None => None,
            Some(x) => Some(x.as_bool().ok_or_else(|| {
                CliError("\"blinded_msgreqs\" must be true, false or null".into())
            })?),
        };
    let profile = UserProfile {
        name: text(&v, "name")?,
        pic: pic_from(&v)?,
        nts_priority: int(&v, "nts_priority")?,
        nts_expiry: Some(int(&v, "nts_expiry")?).filter(|e| *e > 0),
        blinded_msgreqs: msgreqs,
    };
    profile
        .write(data)
        .map_err(|e| CliError::context("cannot set the profile", e))
}

fn contact_from(v: &Value) -> Result<Contact, CliError> {
    let mut c = Contact::new(id(v, "session_id", 0x05)?);
    c.name = text(v, "name")?.unwrap_or_default();
    c.nickname = text(v, "nickname")?.unwrap_or_default();
    c.pic = pic_from(v)?;
    c.approved = flag(v, "approved")?;
    c.approved_me = flag(v, "approved_me")?;
    c.blocked = flag(v, "blocked")?;
    c.priority = int(v, "priority")?;
    c.notify = notify_from(v)?;
    c.mute_until = int(v, "mute_until")?;
    let secs = int(v, "exp_seconds")?;
    c.disappearing = match int(v, "exp_mode")? {
        1 => Disappearing::AfterSend(secs),
        2 => Disappearing::AfterRead(secs),
        _ => Disappearing::Off,
    };
    c.created = int(v, "created")?;
    Ok(c)
}

fn read_state(v: &Value) -> Result<ReadState, CliError> {
    Ok(ReadState {
        last_read_ms: int(v, "last_read")?,
        unread: flag(v, "unread")?,
    })
}

fn extras(v: &Value, legacy_blinding: bool) -> Result<civ::Entry, CliError> {
    let hash = text(v, "pro_gen_index_hash")?
        .map(|h| crate::output::hex_arg("\"pro_gen_index_hash\"", &h))
        .transpose()?;
    Ok(civ::Entry {
        state: ReadState::default(),
        pro_expiry_ms: field(v, "pro_expiry").and_then(Value::as_i64),
        pro_gen_index_hash: hash,
        legacy_blinding,
    })
}

fn community_room(v: &Value) -> Result<(CommunityRoom, String, [u8; 32]), CliError> {
    let base = text(v, "base_url")?.ok_or_else(|| CliError("\"base_url\" is required".into()))?;
    let room = text(v, "room")?.ok_or_else(|| CliError("\"room\" is required".into()))?;
    let pubkey =
        hex_n::<32>(v, "pubkey")?.ok_or_else(|| CliError("\"pubkey\" is required".into()))?;
    let normal =
        CommunityRoom::new(&base, &room).map_err(|e| CliError::context("invalid community", e))?;
    Ok((normal, room, pubkey))
}

fn apply_convos(obj: &Map<String, Value>, data: &mut Dict, now_ms: i64) -> Result<(), CliError> {
    for v in list(obj, "one_to_one")? {
        let c = Convo::OneToOne(id(v, "session_id", 0x05)?);
        civ::set(data, &c, read_state(v)?, now_ms);
        civ::set_extras(data, &c, &extras(v, false)?);
    }
    for v in list(obj, "communities")? {
        let (room, _, pubkey) = community_room(v)?;
        civ::set(
            data,
            &Convo::Community { room, pubkey },
            read_state(v)?,
            now_ms,
        );
    }
    for v in list(obj, "groups")? {
        civ::set(
            data,
            &Convo::Group(id(v, "group_id", 0x03)?),
            read_state(v)?,
            now_ms,
        );
    }
    for v in list(obj, "legacy_groups")? {
        let c = Convo::LegacyGroup(id(v, "group_id", 0x05)?);
        civ::set(data, &c, read_state(v)?, now_ms);
    }
    for v in list(obj, "blinded")? {
        let full =
            text(v, "blinded_id")?.ok_or_else(|| CliError("\"blinded_id\" is required".into()))?;
        let (legacy, key) = match (full.get(..2), full.get(2..)) {
            (Some("15"), Some(k)) => (true, k),
            (Some("25"), Some(k)) => (false, k),
            _ => return Err(CliError("\"blinded_id\" must start with 15 or 25".into())),
        };
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CliError("\"blinded_id\" must be 66 hex characters".into()));
        }
        let c = Convo::Blinded {
            key_hex: key.to_ascii_lowercase(),
        };
        civ::set(data, &c, read_state(v)?, now_ms);
        civ::set_extras(data, &c, &extras(v, legacy)?);
    }
    Ok(())
}

fn membership_from(v: &Value) -> Result<Membership, CliError> {
    Ok(Membership {
        priority: int(v, "priority")?,
        joined_at: int(v, "joined_at")?,
        notify: notify_from(v)?,
        mute_until: int(v, "mute_until")?,
        invited: flag(v, "invited")?,
    })
}

fn ids(v: &Value, key: &str) -> Result<std::collections::BTreeSet<SessionId>, CliError> {
    match field(v, key) {
        None => Ok(Default::default()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                let wrapped = json!({ key: x });
                id(&wrapped, key, 0x05)
            })
            .collect(),
        Some(_) => Err(CliError(format!("\"{key}\" must be a list of Session IDs"))),
    }
}

fn apply_groups(obj: &Map<String, Value>, data: &mut Dict) -> Result<(), CliError> {
    for v in list(obj, "groups")? {
        let mut g = Group::new(id(v, "group_id", 0x03)?);
        g.name = text(v, "name")?.unwrap_or_default();
        g.admin_seed = hex_n::<32>(v, "admin_seed")?;
        g.auth_data = hex_n::<100>(v, "auth_data")?;
        g.removed = match int(v, "removed_status")? {
            1 => Removed::Kicked,
            2 => Removed::Destroyed,
            _ => Removed::No,
        };
        g.membership = membership_from(v)?;
        ug::set_group(data, &g);
    }
    for v in list(obj, "communities")? {
        let (room, display, pubkey) = community_room(v)?;
        let c = Community {
            room,
            room_display: display,
            pubkey,
            membership: membership_from(v)?,
        };
        ug::set_community(data, &c);
    }
    for v in list(obj, "legacy_groups")? {
        let pk = hex_n::<32>(v, "enc_pubkey")?;
        let sk = hex_n::<32>(v, "enc_seckey")?;
        let g = LegacyGroup {
            id: id(v, "group_id", 0x05)?,
            name: text(v, "name")?.unwrap_or_default(),
            enc_keypair: pk.zip(sk),
            members: ids(v, "members")?,
            admins: ids(v, "admins")?,
            disappearing_secs: int(v, "disappearing_timer")?,
            membership: membership_from(v)?,
        };
        ug::set_legacy_group(data, &g);
    }
    Ok(())
}
