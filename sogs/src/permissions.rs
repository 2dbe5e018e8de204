//! Per-user permission overrides of a room (moderators): pysogs'
//! `POST /room/{token}/permissions/{sid}`, `GET /room/{token}/permissions/{sid}` and
//! `GET /room/{token}/permissions`.

use crate::admin::blinded_forms;
use crate::auth::User;
use crate::errors::bad;
use crate::rooms::{require_mod, room_id, RoomId};
use crate::{Req, Resp, Sogs, SogsError};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};

/// The four permissions an override may set, in column order.
const PERMS: [&str; 4] = ["read", "accessible", "write", "upload"];

/// The IDs a path's session ID stands for (404 for one that is no session ID, as pysogs' route
/// would not match).
fn forms(sogs: &Sogs, sid: &str) -> Result<Vec<String>, SogsError> {
    blinded_forms(sogs, sid).map_err(|_| SogsError::NotFound)
}

/// What is assigned to one ID in a room, as pysogs shows it (`addExtraPermInfo`): the overrides
/// that are set, `banned` only when banned, `admin` or `moderator` only when so; `{}` when
/// nothing is assigned.
fn assigned(sogs: &Sogs, room: RoomId, id: &str) -> Result<Map<String, Value>, SogsError> {
    let conn = sogs.conn();
    let mut out = Map::new();
    let over: Option<[Option<bool>; 4]> = conn
        .query_row(
            "SELECT read, accessible, write, upload FROM room_permissions
             WHERE room = ?1 AND session_id = ?2",
            params![room.0, id],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
        )
        .optional()?;
    for (k, v) in PERMS.iter().zip(over.unwrap_or_default()) {
        if let Some(v) = v {
            out.insert((*k).into(), v.into());
        }
    }
    let banned: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM room_bans WHERE room = ?1 AND session_id = ?2
         AND (expires IS NULL OR expires > ?3))",
        params![room.0, id, sogs.now()],
        |r| r.get(0),
    )?;
    if banned {
        out.insert("banned".into(), true.into());
    }
    let admin: Option<bool> = conn
        .query_row(
            "SELECT admin FROM room_moderators WHERE room = ?1 AND session_id = ?2",
            params![room.0, id],
            |r| r.get(0),
        )
        .optional()?;
    match admin {
        Some(true) => {
            out.insert("admin".into(), true.into());
        }
        Some(false) => {
            out.insert("moderator".into(), true.into());
        }
        None => {}
    }
    Ok(out)
}

/// The first of an account's IDs with anything assigned (the blinded ID itself for a `15…` ID).
fn assigned_any(sogs: &Sogs, room: RoomId, ids: &[String]) -> Result<Value, SogsError> {
    for id in ids {
        let a = assigned(sogs, room, id)?;
        if !a.is_empty() {
            return Ok(Value::Object(a));
        }
    }
    Ok(json!({}))
}

/// `POST /room/{token}/permissions/{sid}` (moderators): `read`, `accessible`, `write`, `upload`
/// each `true`/`false` to grant or revoke, and `default_X: true` to drop the override (using the
/// room's default again); 400 for both at once, for a non-boolean, or for nothing to change.
/// Answers what is now assigned to the user.
pub fn set(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    sid: &str,
) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    require_mod(sogs, room, user, false)?;
    let ids = forms(sogs, sid)?;
    let body = req.json()?;
    if !body.is_object() {
        return Err(bad("Invalid permission request: expected a JSON object"));
    }
    // Some(Some(b)): set; Some(None): back to the room default; None: unchanged.
    let mut changes: [Option<Option<bool>>; 4] = [None; 4];
    for (i, p) in PERMS.iter().enumerate() {
        let to_default = match body.get(format!("default_{p}")) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(bad(&format!("Invalid permission request: default_{p}"))),
        };
        changes[i] = match (body.get(*p), to_default) {
            (None | Some(Value::Null), false) => None,
            (None | Some(Value::Null), true) => Some(None),
            (Some(Value::Bool(b)), false) => Some(Some(*b)),
            (Some(Value::Bool(_)), true) => {
                return Err(bad(&format!(
                    "Invalid permission request: cannot use `{p}` with `default_{p}`"
                )))
            }
            (Some(_), _) => return Err(bad(&format!("Invalid permission request: {p}"))),
        };
    }
    if changes.iter().all(Option::is_none) {
        return Err(bad(
            "Invalid permission request: one of read, accessible, write, upload is required",
        ));
    }
    {
        let mut conn = sogs.conn();
        let tx = conn.transaction()?;
        for id in &ids {
            tx.execute(
                "INSERT OR IGNORE INTO room_permissions (room, session_id) VALUES (?1, ?2)",
                params![room.0, id],
            )?;
            for (p, change) in PERMS.iter().zip(changes) {
                if let Some(v) = change {
                    tx.execute(
                        &format!(
                            "UPDATE room_permissions SET {p} = ?3 WHERE room = ?1 AND session_id = ?2"
                        ),
                        params![room.0, id, v],
                    )?;
                }
            }
            // An override that overrides nothing is dropped (pysogs' `user_perms_empty_cleanup`).
            tx.execute(
                "DELETE FROM room_permissions WHERE room = ?1 AND session_id = ?2
                 AND COALESCE(read, accessible, write, upload) IS NULL",
                params![room.0, id],
            )?;
        }
        tx.commit()?;
    }
    Ok(Resp::json(200, &assigned_any(sogs, room, &ids)?))
}

/// `GET /room/{token}/permissions/{sid}` (moderators): what is assigned to the user (not the
/// room's defaults).
pub fn get_one(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    sid: &str,
) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    require_mod(sogs, room, user, false)?;
    let ids = forms(sogs, sid)?;
    Ok(Resp::json(200, &assigned_any(sogs, room, &ids)?))
}

/// `GET /room/{token}/permissions` (moderators): `{session_id: assigned}` for every ID with
/// overrides, a ban or a moderator rank in the room.
pub fn list(sogs: &Sogs, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    require_mod(sogs, room, user, false)?;
    let ids: Vec<String> = {
        let conn = sogs.conn();
        let mut st = conn.prepare(
            "SELECT session_id FROM room_permissions WHERE room = ?1
             UNION SELECT session_id FROM room_bans WHERE room = ?1
               AND (expires IS NULL OR expires > ?2)
             UNION SELECT session_id FROM room_moderators WHERE room = ?1
             ORDER BY 1",
        )?;
        let rows = st.query_map(params![room.0, sogs.now()], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut out = Map::new();
    for id in ids {
        let a = assigned(sogs, room, &id)?;
        out.insert(id, Value::Object(a));
    }
    Ok(Resp::json(200, &Value::Object(out)))
}
