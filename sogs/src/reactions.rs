//! Emoji reactions: add/remove one's own, moderator clearing, reactor lists, and the
//! `reactions` object embedded in listed messages.

use crate::auth::{require, User};
use crate::errors::bad;
use crate::messages::next_seqno;
use crate::rooms::{check_read, mod_level, room_id, RoomId};
use crate::{Req, Resp, Sogs, SogsError};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};

/// Reactions are 1–12 characters (official limit).
pub const MAX_REACTION_CHARS: usize = 12;
/// Reactors listed per reaction in message lists by default (`?reactors=`), and the cap.
pub const DEFAULT_REACTORS: i64 = 4;
/// Largest `reactors` value accepted; larger ones are truncated.
pub const MAX_REACTORS: i64 = 20;

/// A path segment percent-decoded (emoji arrive escaped).
fn decode_segment(seg: &str) -> Result<String, SogsError> {
    session_core::community::auth::signing_path(seg).map_err(|_| bad("Invalid reaction"))
}

fn check_reaction(r: &str) -> Result<(), SogsError> {
    let n = r.chars().count();
    if n == 0 || n > MAX_REACTION_CHARS {
        return Err(bad("Invalid reaction"));
    }
    Ok(())
}

/// The `reactors` query option, 0..=20, default 4.
pub fn reactor_limit(req: &Req) -> Result<i64, SogsError> {
    match req.query("reactors") {
        None => Ok(DEFAULT_REACTORS),
        Some(s) => Ok(s
            .parse::<i64>()
            .map_err(|_| bad("Invalid reactors"))?
            .clamp(0, MAX_REACTORS)),
    }
}

/// The reactions object of one message: `{emoji: {index, count, you?, reactors?}}`.
pub fn for_message(
    sogs: &Sogs,
    msg: i64,
    user: Option<&User>,
    reactors: i64,
) -> Result<Value, SogsError> {
    let conn = sogs.conn();
    let mut st = conn.prepare(
        "SELECT reaction, COUNT(*), MAX(user = ?2) FROM reactions WHERE message = ?1
         GROUP BY reaction ORDER BY MIN(id)",
    )?;
    let uid = user.map(|u| u.id.0).unwrap_or(-1);
    let rows: Vec<(String, i64, bool)> = st
        .query_map(params![msg, uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Map::new();
    for (index, (reaction, count, you)) in rows.into_iter().enumerate() {
        let mut v = json!({"index": index, "count": count});
        if you {
            v["you"] = true.into();
        }
        if reactors > 0 {
            let mut st = conn.prepare(
                "SELECT u.session_id FROM reactions r JOIN users u ON u.id = r.user
                 WHERE r.message = ?1 AND r.reaction = ?2 ORDER BY r.at, r.id LIMIT ?3",
            )?;
            let ids: Vec<String> = st
                .query_map(params![msg, reaction, reactors], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            v["reactors"] = ids.into();
        }
        out.insert(reaction, v);
    }
    Ok(Value::Object(out))
}

/// A live (not deleted) message of the room, or 404.
fn live_message(sogs: &Sogs, room: RoomId, id: &str) -> Result<i64, SogsError> {
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    sogs.conn()
        .query_row(
            "SELECT id FROM messages WHERE room = ?1 AND id = ?2 AND data IS NOT NULL",
            params![room.0, id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(SogsError::NotFound)
}

/// The message's seqno after a reaction change: a new one when something changed (so pollers
/// see it), else the one it has.
fn seqno_after(sogs: &Sogs, room: RoomId, msg: i64, changed: bool) -> Result<i64, SogsError> {
    let conn = sogs.conn();
    if changed {
        let seqno = next_seqno(&conn, room)?;
        conn.execute(
            "UPDATE messages SET seqno = ?1 WHERE id = ?2",
            params![seqno, msg],
        )?;
        Ok(seqno)
    } else {
        Ok(
            conn.query_row("SELECT seqno FROM messages WHERE id = ?1", [msg], |r| {
                r.get(0)
            })?,
        )
    }
}

fn context<'a>(
    sogs: &Sogs,
    user: Option<&'a User>,
    token: &str,
    id: &str,
) -> Result<(&'a User, RoomId, i64), SogsError> {
    let user = require(user)?;
    let room = room_id(sogs, token)?;
    check_read(sogs, room, Some(user))?;
    let msg = live_message(sogs, room, id)?;
    Ok((user, room, msg))
}

/// `PUT /room/{token}/reaction/{id}/{reaction}`: `{"added", "seqno"}`.
pub fn add(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    id: &str,
    reaction: &str,
) -> Result<Resp, SogsError> {
    let (user, room, msg) = context(sogs, user, token, id)?;
    let reaction = decode_segment(reaction)?;
    check_reaction(&reaction)?;
    let added = sogs.conn().execute(
        "INSERT OR IGNORE INTO reactions (message, user, reaction, at) VALUES (?1, ?2, ?3, ?4)",
        params![msg, user.id.0, reaction, sogs.now()],
    )? > 0;
    let seqno = seqno_after(sogs, room, msg, added)?;
    Ok(Resp::json(200, &json!({"added": added, "seqno": seqno})))
}

/// `DELETE /room/{token}/reaction/{id}/{reaction}`: `{"removed", "seqno"}`.
pub fn remove(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    id: &str,
    reaction: &str,
) -> Result<Resp, SogsError> {
    let (user, room, msg) = context(sogs, user, token, id)?;
    let reaction = decode_segment(reaction)?;
    check_reaction(&reaction)?;
    let removed = sogs.conn().execute(
        "DELETE FROM reactions WHERE message = ?1 AND user = ?2 AND reaction = ?3",
        params![msg, user.id.0, reaction],
    )? > 0;
    let seqno = seqno_after(sogs, room, msg, removed)?;
    Ok(Resp::json(
        200,
        &json!({"removed": removed, "seqno": seqno}),
    ))
}

/// `DELETE /room/{token}/reactions/{id}[/{reaction}]` (moderators): `{"removed": n, "seqno"}`.
pub fn clear(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    id: &str,
    reaction: Option<&str>,
) -> Result<Resp, SogsError> {
    let (user, room, msg) = context(sogs, user, token, id)?;
    if !mod_level(sogs, room, Some(user))?.0 {
        return Err(SogsError::Forbidden(
            "This endpoint requires moderator permission".into(),
        ));
    }
    let removed = match reaction {
        Some(r) => {
            let r = decode_segment(r)?;
            sogs.conn().execute(
                "DELETE FROM reactions WHERE message = ?1 AND reaction = ?2",
                params![msg, r],
            )?
        }
        None => sogs
            .conn()
            .execute("DELETE FROM reactions WHERE message = ?1", [msg])?,
    };
    let seqno = seqno_after(sogs, room, msg, removed > 0)?;
    Ok(Resp::json(
        200,
        &json!({"removed": removed, "seqno": seqno}),
    ))
}

/// `GET /room/{token}/reactors/{id}/{reaction}[?limit=N]`: `[[session_id, at], …]`.
pub fn reactors(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    token: &str,
    id: &str,
    reaction: &str,
) -> Result<Resp, SogsError> {
    let (_, _, msg) = context(sogs, user, token, id)?;
    let reaction = decode_segment(reaction)?;
    check_reaction(&reaction)?;
    let limit = match req.query("limit") {
        Some(s) => s.parse::<i64>().map_err(|_| bad("Invalid limit"))?,
        None => 0,
    };
    let limit = if limit <= 0 { -1 } else { limit };
    let conn = sogs.conn();
    let mut st = conn.prepare(
        "SELECT u.session_id, r.at FROM reactions r JOIN users u ON u.id = r.user
         WHERE r.message = ?1 AND r.reaction = ?2 ORDER BY r.at, r.id LIMIT ?3",
    )?;
    let list: Vec<Value> = st
        .query_map(params![msg, reaction, limit], |r| {
            Ok(json!([r.get::<_, String>(0)?, r.get::<_, f64>(1)?]))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Resp::json(200, &Value::Array(list)))
}
