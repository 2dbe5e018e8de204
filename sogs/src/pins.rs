//! Pinned posts: `POST /room/{token}/pin/{id}`, `/unpin/{id}` and `/unpin/all` (room admins).

use crate::auth::User;
use crate::files::{NEVER, UPLOAD_EXPIRY_S};
use crate::rooms::{mod_level, room_id, RoomId};
use crate::{Resp, Sogs, SogsError};
use rusqlite::params;
use serde_json::json;

/// The caller administers the room, else 403 (pysogs answers 403 to an anonymous caller too).
fn admin_of<'a>(sogs: &Sogs, room: RoomId, user: Option<&'a User>) -> Result<&'a User, SogsError> {
    match user {
        Some(u) if mod_level(sogs, room, Some(u))?.1 => Ok(u),
        _ => Err(SogsError::Forbidden("Permission denied".into())),
    }
}

fn info_updates(conn: &rusqlite::Connection, room: RoomId) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT info_updates FROM rooms WHERE id = ?1",
        [room.0],
        |r| r.get(0),
    )
}

/// `POST /room/{token}/pin/{id}`: pins a live post (404 otherwise); pinning a pinned post again
/// moves it to the end (new time, new admin). The post's files then never expire. Bumps
/// `info_updates`; `{"info_updates": n}`.
pub fn pin(sogs: &Sogs, user: Option<&User>, token: &str, id: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    let admin = admin_of(sogs, room, user)?;
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let now = sogs.now();
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    let live: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM messages WHERE room = ?1 AND id = ?2 AND data IS NOT NULL)",
        params![room.0, id],
        |r| r.get(0),
    )?;
    if !live {
        return Err(SogsError::NotFound);
    }
    tx.execute(
        "INSERT INTO pinned_messages (room, message, pinned_by, pinned_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (room, message) DO UPDATE SET pinned_by = excluded.pinned_by,
         pinned_at = excluded.pinned_at",
        params![room.0, id, admin.id.0, now],
    )?;
    tx.execute(
        "UPDATE rooms SET info_updates = info_updates + 1 WHERE id = ?1",
        [room.0],
    )?;
    tx.execute(
        "UPDATE files SET expiry = ?2 WHERE message = ?1",
        params![id, NEVER],
    )?;
    let n = info_updates(&tx, room)?;
    tx.commit()?;
    Ok(Resp::json(200, &json!({ "info_updates": n })))
}

/// Unpins the given posts (all the room's when `None`): their files expire
/// [`UPLOAD_EXPIRY_S`] after their upload again. How many were pinned.
fn unpin_where(sogs: &Sogs, room: RoomId, message: Option<i64>) -> Result<(usize, i64), SogsError> {
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    let pinned: Vec<i64> = {
        let mut st = tx.prepare(
            "SELECT message FROM pinned_messages WHERE room = ?1 AND (?2 IS NULL OR message = ?2)",
        )?;
        let rows = st.query_map(params![room.0, message], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for m in &pinned {
        tx.execute(
            "DELETE FROM pinned_messages WHERE room = ?1 AND message = ?2",
            params![room.0, m],
        )?;
        tx.execute(
            "UPDATE files SET expiry = uploaded + ?2 WHERE message = ?1 AND room = ?3",
            params![m, UPLOAD_EXPIRY_S, room.0],
        )?;
    }
    if !pinned.is_empty() {
        tx.execute(
            "UPDATE rooms SET info_updates = info_updates + 1 WHERE id = ?1",
            [room.0],
        )?;
    }
    let n = info_updates(&tx, room)?;
    tx.commit()?;
    Ok((pinned.len(), n))
}

/// `POST /room/{token}/unpin/{id}`: `{"unpinned": bool, "info_updates": n}` (`info_updates` only
/// moves when the post was pinned).
pub fn unpin(sogs: &Sogs, user: Option<&User>, token: &str, id: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    admin_of(sogs, room, user)?;
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let (count, n) = unpin_where(sogs, room, Some(id))?;
    Ok(Resp::json(
        200,
        &json!({"unpinned": count > 0, "info_updates": n}),
    ))
}

/// `POST /room/{token}/unpin/all`: `{"unpinned": count, "info_updates": n}`.
pub fn unpin_all(sogs: &Sogs, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = room_id(sogs, token)?;
    admin_of(sogs, room, user)?;
    let (count, n) = unpin_where(sogs, room, None)?;
    Ok(Resp::json(
        200,
        &json!({"unpinned": count, "info_updates": n}),
    ))
}
