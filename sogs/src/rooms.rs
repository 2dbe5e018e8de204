//! Capabilities, room listing, room details and poll info.

use crate::auth::User;
use crate::{errors::bad, Req, Resp, Sogs, SogsError};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

/// What this server advertises in `GET /capabilities`.
pub const CAPABILITIES: &[&str] = &["blind", "reactions", "sogs"];

/// A room's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomId(pub i64);

/// `GET /capabilities[?required=a,b]`: 412 listing the missing ones when some are required.
pub fn capabilities(req: &Req) -> Result<Resp, SogsError> {
    let caps: Vec<&str> = CAPABILITIES.to_vec();
    if let Some(required) = req.query("required") {
        let missing: Vec<&str> = required
            .split(',')
            .filter(|c| !c.is_empty() && !caps.contains(c))
            .collect();
        if !missing.is_empty() {
            return Ok(Resp::json(
                412,
                &json!({"capabilities": caps, "missing": missing}),
            ));
        }
    }
    Ok(Resp::json(200, &json!({ "capabilities": caps })))
}

/// Looks a room up by token (404 when absent).
pub fn room_id(sogs: &Sogs, token: &str) -> Result<RoomId, SogsError> {
    sogs.conn()
        .query_row("SELECT id FROM rooms WHERE token = ?1", [token], |r| {
            Ok(RoomId(r.get(0)?))
        })
        .optional()?
        .ok_or(SogsError::NotFound)
}

/// Whether `user` moderates the room (room or global moderator): (moderator, admin).
pub fn mod_level(
    sogs: &Sogs,
    room: RoomId,
    user: Option<&User>,
) -> Result<(bool, bool), SogsError> {
    let Some(u) = user else {
        return Ok((false, false));
    };
    let conn = sogs.conn();
    let room_level: Option<bool> = conn
        .query_row(
            "SELECT admin FROM room_moderators WHERE room = ?1 AND session_id = ?2",
            params![room.0, u.session_id],
            |r| r.get(0),
        )
        .optional()?;
    let global: (bool, bool) = conn.query_row(
        "SELECT moderator, admin FROM users WHERE id = ?1",
        [u.id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let admin = room_level == Some(true) || global.1;
    Ok((admin || room_level.is_some() || global.0, admin))
}

/// 403 when the user is banned from the room.
pub fn check_not_banned(sogs: &Sogs, room: RoomId, user: Option<&User>) -> Result<(), SogsError> {
    let Some(u) = user else { return Ok(()) };
    let banned: bool = sogs.conn().query_row(
        "SELECT EXISTS(SELECT 1 FROM room_bans WHERE room = ?1 AND session_id = ?2)",
        params![room.0, u.session_id],
        |r| r.get(0),
    )?;
    if banned {
        return Err(SogsError::Forbidden(
            "This endpoint requires room message 'read' permission".into(),
        ));
    }
    if let Some(u) = user {
        sogs.conn().execute(
            "INSERT INTO room_users (room, user, last_active) VALUES (?1, ?2, ?3)
             ON CONFLICT (room, user) DO UPDATE SET last_active = excluded.last_active",
            params![room.0, u.id.0, sogs.now()],
        )?;
    }
    Ok(())
}

/// Users active in the last week, as the official default cutoff.
const ACTIVE_CUTOFF_S: f64 = 7.0 * 86400.0;

fn info(sogs: &Sogs, room: RoomId, user: Option<&User>) -> Result<Value, SogsError> {
    let (moderator, admin) = mod_level(sogs, room, user)?;
    let conn = sogs.conn();
    let active: i64 = conn.query_row(
        "SELECT COUNT(*) FROM room_users WHERE room = ?1 AND last_active > ?2",
        params![room.0, sogs.now() - ACTIVE_CUTOFF_S],
        |r| r.get(0),
    )?;
    let mut v = conn.query_row(
        "SELECT token, name, description, created, info_updates, message_sequence, image FROM rooms WHERE id = ?1",
        [room.0],
        |r| {
            let mut v = json!({
                "token": r.get::<_, String>(0)?,
                "name": r.get::<_, String>(1)?,
                "created": r.get::<_, f64>(3)?,
                "info_updates": r.get::<_, i64>(4)?,
                "message_sequence": r.get::<_, i64>(5)?,
            });
            if let Some(d) = r.get::<_, Option<String>>(2)? {
                v["description"] = d.into();
            }
            if let Some(i) = r.get::<_, Option<i64>>(6)? {
                v["image_id"] = i.into();
            }
            Ok(v)
        },
    )?;
    v["active_users"] = active.into();
    v["active_users_cutoff"] = (ACTIVE_CUTOFF_S as i64).into();
    // The room's own moderators are public; the server-wide ones are shown to moderators
    // only (pysogs' visible and hidden moderators).
    let list = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map(args, |r| r.get(0))?;
        rows.collect()
    };
    let room_mods =
        "SELECT session_id FROM room_moderators WHERE room = ?1 AND admin = ?2 ORDER BY session_id";
    v["moderators"] = list(room_mods, &[&room.0, &false])?.into();
    v["admins"] = list(room_mods, &[&room.0, &true])?.into();
    if moderator {
        let global =
            "SELECT session_id FROM users WHERE moderator = 1 AND admin = ?1 ORDER BY session_id";
        v["hidden_moderators"] = list(global, &[&false])?.into();
        v["hidden_admins"] = list(global, &[&true])?.into();
    }
    v["read"] = true.into();
    v["write"] = true.into();
    v["upload"] = true.into();
    if moderator {
        v["moderator"] = true.into();
    }
    if admin {
        v["admin"] = true.into();
    }
    Ok(v)
}

/// `GET /rooms`.
pub fn list(sogs: &Sogs, user: Option<&User>) -> Result<Resp, SogsError> {
    let ids: Vec<i64> = {
        let conn = sogs.conn();
        let mut st = conn.prepare("SELECT id FROM rooms ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let rooms = ids
        .into_iter()
        .map(|id| info(sogs, RoomId(id), user))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Resp::json(200, &Value::Array(rooms)))
}

/// `GET /room/{token}`.
pub fn get(sogs: &Sogs, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    check_not_banned(sogs, room, user)?;
    Ok(Resp::json(200, &info(sogs, room, user)?))
}

/// `GET /room/{token}/pollInfo/{info_updates}`: `details` only when the room changed.
pub fn poll_info(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    n: &str,
) -> Result<Resp, SogsError> {
    let since: i64 = n.parse().map_err(|_| bad("Invalid info_updates"))?;
    let room = room_id(sogs, token)?;
    check_not_banned(sogs, room, user)?;
    let full = info(sogs, room, user)?;
    let mut v = json!({
        "token": full["token"],
        "active_users": full["active_users"],
        "read": true, "write": true, "upload": true,
    });
    if full.get("moderator").is_some() {
        v["moderator"] = true.into();
    }
    if full.get("admin").is_some() {
        v["admin"] = true.into();
    }
    if full["info_updates"].as_i64() != Some(since) {
        v["details"] = full;
    }
    Ok(Resp::json(200, &v))
}
