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

/// What a caller may do in a room: pysogs' `check_permission`, from the room's defaults, the
/// caller's overrides, bans and moderator rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Perms {
    /// Banned from the room (a ban that has not lapsed).
    pub banned: bool,
    /// May read posts.
    pub read: bool,
    /// May see the room's details (implied by `read`).
    pub accessible: bool,
    /// May post.
    pub write: bool,
    /// May upload files (needs `write` too).
    pub upload: bool,
    /// Moderates the room (room or server-wide).
    pub moderator: bool,
    /// Administers the room (room or server-wide).
    pub admin: bool,
}

/// One permission an endpoint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The room's details (404 without it, as if the room did not exist).
    Accessible,
    /// Reading posts and files (403).
    Read,
    /// Posting, editing, deleting (403).
    Write,
    /// Uploading (403).
    Upload,
}

/// The room's default `read`, `accessible`, `write`, `upload`.
pub(crate) fn defaults(conn: &rusqlite::Connection, room: RoomId) -> rusqlite::Result<[bool; 4]> {
    conn.query_row(
        "SELECT read, accessible, write, upload FROM rooms WHERE id = ?1",
        [room.0],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
    )
}

/// The caller's effective permissions in a room (room defaults for an anonymous caller).
pub fn perms(sogs: &Sogs, room: RoomId, user: Option<&User>) -> Result<Perms, SogsError> {
    let (moderator, admin) = mod_level(sogs, room, user)?;
    if moderator {
        return Ok(Perms {
            banned: false,
            read: true,
            accessible: true,
            write: true,
            upload: true,
            moderator,
            admin,
        });
    }
    let conn = sogs.conn();
    let dflt = defaults(&conn, room)?;
    let (banned, over) = match user {
        None => (false, [None; 4]),
        Some(u) => {
            let banned: bool = conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM room_bans WHERE room = ?1 AND session_id = ?2
                 AND (expires IS NULL OR expires > ?3))",
                params![room.0, u.session_id, sogs.now()],
                |r| r.get(0),
            )?;
            let over: Option<[Option<bool>; 4]> = conn
                .query_row(
                    "SELECT read, accessible, write, upload FROM room_permissions
                     WHERE room = ?1 AND session_id = ?2",
                    params![room.0, u.session_id],
                    |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
                )
                .optional()?;
            (banned, over.unwrap_or([None; 4]))
        }
    };
    let eff = |i: usize| !banned && over[i].unwrap_or(dflt[i]);
    let (read, write) = (eff(0), eff(2));
    Ok(Perms {
        banned,
        read,
        accessible: read || eff(1),
        write,
        upload: write && eff(3),
        moderator: false,
        admin: false,
    })
}

/// Refuses the request unless the caller has `need` in the room (404 for a room they may not
/// even see, else 403), and records the caller as active in the room.
pub fn require(
    sogs: &Sogs,
    room: RoomId,
    user: Option<&User>,
    need: Need,
) -> Result<Perms, SogsError> {
    let p = perms(sogs, room, user)?;
    let (ok, what) = match need {
        Need::Accessible => (p.accessible, ""),
        Need::Read => (p.read, "read"),
        Need::Write => (p.write, "write"),
        Need::Upload => (p.upload, "upload"),
    };
    if !ok {
        return Err(match need {
            Need::Accessible => SogsError::NotFound,
            _ => SogsError::Forbidden(format!(
                "This endpoint requires room message '{what}' permission"
            )),
        });
    }
    if let Some(u) = user {
        sogs.conn().execute(
            "INSERT INTO room_users (room, user, last_active) VALUES (?1, ?2, ?3)
             ON CONFLICT (room, user) DO UPDATE SET last_active = excluded.last_active",
            params![room.0, u.id.0, sogs.now()],
        )?;
    }
    Ok(p)
}

/// 403 unless the caller may read the room (not banned, read permission).
pub fn check_read(sogs: &Sogs, room: RoomId, user: Option<&User>) -> Result<(), SogsError> {
    require(sogs, room, user, Need::Read).map(|_| ())
}

/// 401 without a caller, 403 unless the caller moderates (or, with `admin`, administers) the
/// room: pysogs' `mod_required` / `admin_required`.
pub fn require_mod<'a>(
    sogs: &Sogs,
    room: RoomId,
    user: Option<&'a User>,
    admin: bool,
) -> Result<&'a User, SogsError> {
    let user = crate::auth::require(user)?;
    let (m, a) = mod_level(sogs, room, Some(user))?;
    if !(if admin { a } else { m }) {
        return Err(SogsError::Forbidden(format!(
            "This endpoint requires {} room permissions",
            if admin { "admin" } else { "moderator" }
        )));
    }
    Ok(user)
}

/// Users active in the last week, as the official default cutoff.
const ACTIVE_CUTOFF_S: f64 = 7.0 * 86400.0;

fn info(sogs: &Sogs, room: RoomId, user: Option<&User>) -> Result<Value, SogsError> {
    let p = perms(sogs, room, user)?;
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
    // Pinned posts, oldest pin first (omitted when there are none, as pysogs does).
    let pinned: Vec<Value> = {
        let mut st = conn.prepare(
            "SELECT p.message, p.pinned_at, u.session_id FROM pinned_messages p
             JOIN users u ON u.id = p.pinned_by WHERE p.room = ?1 ORDER BY p.pinned_at",
        )?;
        let rows = st.query_map([room.0], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?,
                "pinned_at": r.get::<_, f64>(1)?,
                "pinned_by": r.get::<_, String>(2)?,
            }))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    if !pinned.is_empty() {
        v["pinned_messages"] = pinned.into();
    }
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
    if p.moderator {
        let global =
            "SELECT session_id FROM users WHERE moderator = 1 AND admin = ?1 ORDER BY session_id";
        v["hidden_moderators"] = list(global, &[&false])?.into();
        v["hidden_admins"] = list(global, &[&true])?.into();
    }
    v["read"] = p.read.into();
    v["write"] = p.write.into();
    v["upload"] = p.upload.into();
    if p.moderator {
        v["moderator"] = true.into();
        add_defaults(&mut v, defaults(&conn, room)?);
    }
    if p.admin {
        v["admin"] = true.into();
    }
    Ok(v)
}

/// `default_read`, `default_accessible`, `default_write`, `default_upload` (moderators see them).
fn add_defaults(v: &mut Value, d: [bool; 4]) {
    for (k, on) in ["read", "accessible", "write", "upload"].iter().zip(d) {
        v[format!("default_{k}")] = on.into();
    }
}

/// `GET /rooms`: the rooms the caller may see.
pub fn list(sogs: &Sogs, user: Option<&User>) -> Result<Resp, SogsError> {
    let ids: Vec<i64> = {
        let conn = sogs.conn();
        let mut st = conn.prepare("SELECT id FROM rooms ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut rooms = Vec::new();
    for id in ids {
        if perms(sogs, RoomId(id), user)?.accessible {
            rooms.push(info(sogs, RoomId(id), user)?);
        }
    }
    Ok(Resp::json(200, &Value::Array(rooms)))
}

/// `GET /room/{token}` (404 for a room the caller may not see, such as one they are banned from).
pub fn get(sogs: &Sogs, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    require(sogs, room, user, Need::Accessible)?;
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
    let p = require(sogs, room, user, Need::Read)?;
    let full = info(sogs, room, user)?;
    let mut v = json!({
        "token": full["token"],
        "active_users": full["active_users"],
        "read": p.read, "write": p.write, "upload": p.upload,
    });
    if p.moderator {
        v["moderator"] = true.into();
        add_defaults(&mut v, defaults(&sogs.conn(), room)?);
    }
    if p.admin {
        v["admin"] = true.into();
    }
    if full["info_updates"].as_i64() != Some(since) {
        v["details"] = full;
    }
    Ok(Resp::json(200, &v))
}

/// Makes a file of the room its image: the file never expires; a replaced image gets the
/// ordinary post-file lifetime from now (it may still be a post's attachment). Bumps
/// `info_updates` when the image changes. `NotFound` when the room has no such file.
pub(crate) fn set_image(sogs: &Sogs, room: RoomId, file_id: i64) -> Result<(), SogsError> {
    let now = sogs.now();
    let conn = sogs.conn();
    let n = conn.execute(
        "UPDATE files SET expiry = ?3 WHERE id = ?1 AND room = ?2",
        params![file_id, room.0, crate::files::NEVER],
    )?;
    if n == 0 {
        return Err(SogsError::NotFound);
    }
    let old: Option<i64> =
        conn.query_row("SELECT image FROM rooms WHERE id = ?1", [room.0], |r| {
            r.get(0)
        })?;
    if old != Some(file_id) {
        if let Some(old) = old {
            conn.execute(
                "UPDATE files SET expiry = ?2 WHERE id = ?1",
                params![old, now + crate::files::UPLOAD_EXPIRY_S],
            )?;
        }
        conn.execute(
            "UPDATE rooms SET image = ?2, info_updates = info_updates + 1 WHERE id = ?1",
            params![room.0, file_id],
        )?;
    }
    Ok(())
}

/// Control characters a room name may not hold (all below U+0020).
fn clean_name(s: &str) -> String {
    s.chars().filter(|c| (*c as u32) >= 0x20).collect()
}

/// Control characters a description may not hold (below U+0020 but tab and newline).
fn clean_description(s: &str) -> String {
    s.chars()
        .filter(|c| (*c as u32) >= 0x20 || *c == '\t' || *c == '\n')
        .collect()
}

/// `PUT /room/{token}` (room admins): any of `name`, `description` (null or empty removes it),
/// `image` (a file id of this room; 406 otherwise) and `default_read` / `default_accessible` /
/// `default_write` / `default_upload`; `{"info_updates": n}`. 400 when nothing is given.
pub fn update(sogs: &Sogs, req: &Req, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    require_mod(sogs, room, user, true)?;
    let body = req.json()?;
    let body = body
        .as_object()
        .ok_or_else(|| bad("Invalid room update: expected a JSON object"))?;
    // Validate everything before changing anything.
    let name = match body.get("name") {
        None => None,
        Some(Value::String(n)) => Some(clean_name(n)),
        Some(_) => return Err(bad("Invalid room update: name must be a string")),
    };
    let description = match body.get("description") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(d)) => Some(Some(clean_description(d)).filter(|d| !d.is_empty())),
        Some(_) => {
            return Err(bad(
                "Invalid room update: description must be a string or null",
            ))
        }
    };
    let image = match body.get("image") {
        None => None,
        Some(v) => Some(
            v.as_i64()
                .ok_or_else(|| bad("Invalid room update: image must be an integer"))?,
        ),
    };
    let mut dflt: [Option<bool>; 4] = [None; 4];
    for (i, k) in ["read", "accessible", "write", "upload"].iter().enumerate() {
        dflt[i] = match body.get(&format!("default_{k}")) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(v) if v.is_i64() || v.is_u64() => Some(v.as_f64() != Some(0.0)),
            Some(_) => {
                return Err(bad(
                    "Invalid room update: default_read/accessible/write/upload must be bool",
                ))
            }
        };
    }
    if name.is_none()
        && description.is_none()
        && image.is_none()
        && dflt.iter().all(Option::is_none)
    {
        return Err(bad("Invalid room update: nothing to update"));
    }
    if let Some(img) = image {
        set_image(sogs, room, img).map_err(|e| match e {
            SogsError::NotFound => SogsError::NotAcceptable(format!("No such file: {img}")),
            e => e,
        })?;
    }
    let conn = sogs.conn();
    if let Some(n) = name {
        conn.execute(
            "UPDATE rooms SET name = ?2, info_updates = info_updates + (name IS NOT ?2)
             WHERE id = ?1",
            params![room.0, n],
        )?;
    }
    if let Some(d) = description {
        conn.execute(
            "UPDATE rooms SET description = ?2,
             info_updates = info_updates + (description IS NOT ?2) WHERE id = ?1",
            params![room.0, d],
        )?;
    }
    for (k, on) in ["read", "accessible", "write", "upload"].iter().zip(dflt) {
        if let Some(on) = on {
            conn.execute(
                &format!("UPDATE rooms SET {k} = ?2 WHERE id = ?1"),
                params![room.0, on],
            )?;
        }
    }
    let n: i64 = conn.query_row(
        "SELECT info_updates FROM rooms WHERE id = ?1",
        [room.0],
        |r| r.get(0),
    )?;
    Ok(Resp::json(200, &json!({ "info_updates": n })))
}
