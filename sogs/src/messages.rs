//! Room messages: listing, posting (signature checked), editing and deleting.

use crate::auth::{require, User};
use crate::errors::bad;
use crate::reactions;
use crate::rooms::{check_read, mod_level, require as require_perm, room_id, Need, RoomId};
use crate::{Req, Resp, Sogs, SogsError};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::Signature;
use rusqlite::params;
use serde_json::{json, Value};

/// Default and largest page size of message lists (official defaults).
pub const DEFAULT_LIMIT: i64 = 100;
/// Largest `limit` accepted; larger values are truncated.
pub const MAX_LIMIT: i64 = 256;

fn limit(req: &Req) -> Result<i64, SogsError> {
    match req.query("limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(s) => {
            let n: i64 = s.parse().map_err(|_| bad("Invalid limit"))?;
            Ok(n.clamp(1, MAX_LIMIT))
        }
    }
}

const COLS: &str = "m.id, u.session_id, m.posted, m.edited, m.seqno, m.data, m.signature";

fn row_json(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    let data: Option<Vec<u8>> = r.get(5)?;
    let sig: Option<Vec<u8>> = r.get(6)?;
    let mut v = json!({
        "id": r.get::<_, i64>(0)?,
        "session_id": r.get::<_, String>(1)?,
        "posted": r.get::<_, f64>(2)?,
        "seqno": r.get::<_, i64>(4)?,
    });
    if let Some(e) = r.get::<_, Option<f64>>(3)? {
        v["edited"] = e.into();
    }
    match (data, sig) {
        (Some(d), Some(s)) => {
            v["data"] = B64.encode(d).into();
            v["signature"] = B64.encode(s).into();
            v["reactions"] = json!({});
        }
        _ => v["deleted"] = true.into(),
    }
    Ok(v)
}

/// Who is reading and how many reactors to list per reaction.
#[derive(Debug, Clone, Copy)]
struct View<'a> {
    user: Option<&'a User>,
    reactors: i64,
}

fn query_list(
    sogs: &Sogs,
    view: View<'_>,
    sql_tail: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Value, SogsError> {
    let mut list: Vec<Value> = {
        let conn = sogs.conn();
        let sql =
            format!("SELECT {COLS} FROM messages m JOIN users u ON u.id = m.user WHERE {sql_tail}");
        let mut st = conn.prepare(&sql)?;
        let rows = st.query_map(args, row_json)?;
        rows.collect::<Result<_, _>>()?
    };
    for m in &mut list {
        if m.get("reactions").is_some() {
            let id = m["id"].as_i64().unwrap_or_default();
            m["reactions"] = reactions::for_message(sogs, id, view.user, view.reactors)?;
        }
    }
    Ok(Value::Array(list))
}

fn readable(sogs: &Sogs, user: Option<&User>, token: &str) -> Result<RoomId, SogsError> {
    let room = room_id(sogs, token)?;
    check_read(sogs, room, user)?;
    Ok(room)
}

fn writable(sogs: &Sogs, user: &User, token: &str) -> Result<RoomId, SogsError> {
    let room = room_id(sogs, token)?;
    require_perm(sogs, room, Some(user), Need::Write)?;
    Ok(room)
}

/// `GET /room/{token}/messages/recent`.
pub fn recent(sogs: &Sogs, req: &Req, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let room = readable(sogs, user, token)?;
    let v = query_list(
        sogs,
        view(req, user)?,
        "m.room = ?1 AND m.data IS NOT NULL ORDER BY m.id DESC LIMIT ?2",
        &[&room.0, &limit(req)?],
    )?;
    Ok(Resp::json(200, &v))
}

/// `GET /room/{token}/messages/since/{seqno}`: new messages, edits and deletions in order.
pub fn since(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    n: &str,
) -> Result<Resp, SogsError> {
    let seqno: i64 = n.parse().map_err(|_| SogsError::NotFound)?;
    let room = readable(sogs, user, token)?;
    let v = query_list(
        sogs,
        view(req, user)?,
        "m.room = ?1 AND m.seqno > ?2 ORDER BY m.seqno LIMIT ?3",
        &[&room.0, &seqno, &limit(req)?],
    )?;
    Ok(Resp::json(200, &v))
}

/// `GET /room/{token}/messages/before/{id}`.
pub fn before(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    n: &str,
) -> Result<Resp, SogsError> {
    let id: i64 = n.parse().map_err(|_| SogsError::NotFound)?;
    let room = readable(sogs, user, token)?;
    let v = query_list(
        sogs,
        view(req, user)?,
        "m.room = ?1 AND m.id < ?2 AND m.data IS NOT NULL ORDER BY m.id DESC LIMIT ?3",
        &[&room.0, &id, &limit(req)?],
    )?;
    Ok(Resp::json(200, &v))
}

fn view<'a>(req: &Req, user: Option<&'a User>) -> Result<View<'a>, SogsError> {
    Ok(View {
        user,
        reactors: reactions::reactor_limit(req)?,
    })
}

fn one(sogs: &Sogs, view: View<'_>, room: RoomId, id: i64) -> Result<Value, SogsError> {
    let v = query_list(sogs, view, "m.room = ?1 AND m.id = ?2", &[&room.0, &id])?;
    v.as_array()
        .and_then(|a| a.first().cloned())
        .ok_or(SogsError::NotFound)
}

/// `GET /room/{token}/message/{id}` (404 once deleted).
pub fn get_one(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    id: &str,
) -> Result<Resp, SogsError> {
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let room = readable(sogs, user, token)?;
    let v = one(sogs, view(req, user)?, room, id)?;
    if v.get("deleted").is_some() {
        return Err(SogsError::NotFound);
    }
    Ok(Resp::json(200, &v))
}

/// A post or edit body: data, signature, and the uploads it lists in `files`.
type SignedBody = (Vec<u8>, Vec<u8>, Vec<i64>);

/// Decodes `data` and `signature` and checks the signature under the poster's key.
fn signed_body(req: &Req, user: &User) -> Result<SignedBody, SogsError> {
    let body = req.json()?;
    let files = crate::files::ids_in(&body)?;
    let field = |k: &str| -> Result<Vec<u8>, SogsError> {
        let s = body
            .get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| bad(&format!("Missing {k}")))?;
        B64.decode(s)
            .map_err(|_| bad(&format!("Invalid base64 {k}")))
    };
    let data = field("data")?;
    let sig = field("signature")?;
    let parsed = Signature::from_slice(&sig).map_err(|_| bad("Invalid signature length"))?;
    if data.is_empty() || user.key.verify_strict(&data, &parsed).is_err() {
        return Err(bad("Invalid message signature"));
    }
    Ok((data, sig, files))
}

/// Takes the room's next event number (every new, edited or deleted message, and every
/// reaction change, gets one).
pub(crate) fn next_seqno(conn: &rusqlite::Connection, room: RoomId) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE rooms SET message_sequence = message_sequence + 1 WHERE id = ?1",
        [room.0],
    )?;
    conn.query_row(
        "SELECT message_sequence FROM rooms WHERE id = ?1",
        [room.0],
        |r| r.get(0),
    )
}

/// `POST /room/{token}/message`: 201 with the stored message. Uploads listed in `files`
/// become the post's (see [`crate::files::attach`]).
pub fn post(sogs: &Sogs, req: &Req, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let user = require(user)?;
    let room = writable(sogs, user, token)?;
    let (data, sig, files) = signed_body(req, user)?;
    let now = sogs.now();
    let id = {
        let mut conn = sogs.conn();
        let tx = conn.transaction()?;
        let seq = next_seqno(&tx, room)?;
        tx.execute(
            "INSERT INTO messages (room, user, seqno, posted, data, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![room.0, user.id.0, seq, now, data, sig],
        )?;
        let id = tx.last_insert_rowid();
        crate::files::attach(&tx, room, user, id, &files, now)?;
        tx.commit()?;
        id
    };
    Ok(Resp::json(
        201,
        &one(sogs, view(req, Some(user))?, room, id)?,
    ))
}

fn author(sogs: &Sogs, room: RoomId, id: i64) -> Result<(i64, bool), SogsError> {
    use rusqlite::OptionalExtension;
    sogs.conn()
        .query_row(
            "SELECT user, data IS NULL FROM messages WHERE room = ?1 AND id = ?2",
            params![room.0, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .filter(|(_, deleted)| !deleted)
        .ok_or(SogsError::NotFound)
}

/// `PUT /room/{token}/message/{id}`: the author replaces data and signature (and may attach
/// new uploads through `files`); `{}` on success.
pub fn edit(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    id: &str,
) -> Result<Resp, SogsError> {
    let user = require(user)?;
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let room = writable(sogs, user, token)?;
    let (owner, _) = author(sogs, room, id)?;
    if owner != user.id.0 {
        return Err(SogsError::Forbidden("Forbidden".into()));
    }
    let (data, sig, files) = signed_body(req, user)?;
    let now = sogs.now();
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    let seq = next_seqno(&tx, room)?;
    tx.execute(
        "UPDATE messages SET data = ?2, signature = ?3, edited = ?4, seqno = ?5 WHERE id = ?1",
        params![id, data, sig, now, seq],
    )?;
    crate::files::attach(&tx, room, user, id, &files, now)?;
    tx.commit()?;
    Ok(Resp::json(200, &json!({})))
}

/// `DELETE /room/{token}/message/{id}`: by its author or a moderator; `{}` on success. The post
/// is unpinned and its files expire at once (pysogs' `messages_after_delete`).
pub fn delete(sogs: &Sogs, user: Option<&User>, token: &str, id: &str) -> Result<Resp, SogsError> {
    let user = require(user)?;
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let room = writable(sogs, user, token)?;
    let (owner, _) = author(sogs, room, id)?;
    if owner != user.id.0 && !mod_level(sogs, room, Some(user))?.0 {
        return Err(SogsError::Forbidden("Forbidden".into()));
    }
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    let seq = next_seqno(&tx, room)?;
    tx.execute(
        "UPDATE messages SET data = NULL, signature = NULL, seqno = ?2 WHERE id = ?1",
        params![id, seq],
    )?;
    let unpinned = tx.execute("DELETE FROM pinned_messages WHERE message = ?1", [id])?;
    if unpinned > 0 {
        tx.execute(
            "UPDATE rooms SET info_updates = info_updates + 1 WHERE id = ?1",
            [room.0],
        )?;
    }
    tx.execute("UPDATE files SET expiry = 0.0 WHERE message = ?1", [id])?;
    tx.commit()?;
    Ok(Resp::json(200, &json!({})))
}
