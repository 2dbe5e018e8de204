//! Blinded direct messages: `/inbox`, `/outbox` and sending to a blinded ID.

use crate::auth::{require, user_row, User};
use crate::errors::bad;
use crate::{Req, Resp, Sogs, SogsError};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rusqlite::params;
use serde_json::{json, Value};

/// How long a DM is kept (the official default, 15 days).
pub const DM_EXPIRY_S: f64 = 15.0 * 86400.0;

fn blinded(user: &User) -> Result<&User, SogsError> {
    if user.session_id.starts_with("15") || user.session_id.starts_with("25") {
        Ok(user)
    } else {
        Err(SogsError::Unauthorized(
            "This endpoint requires blinded pubkeys be used".into(),
        ))
    }
}

/// `GET /inbox[/since/{id}]`, `GET /outbox[/since/{id}]`: 304 with no body when empty.
pub fn list(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    outbox: bool,
    since: Option<&str>,
) -> Result<Resp, SogsError> {
    let user = blinded(require(user)?)?;
    let since: i64 = match since {
        Some(s) => s.parse().map_err(|_| SogsError::NotFound)?,
        None => 0,
    };
    let limit: i64 = match req.query("limit") {
        Some(s) => s
            .parse::<i64>()
            .map_err(|_| bad("Invalid limit"))?
            .clamp(1, 256),
        None => 100,
    };
    let mine = if outbox { "i.sender" } else { "i.recipient" };
    let sql = format!(
        "SELECT i.id, i.posted, i.expires, s.session_id, r.session_id, i.data FROM inbox i
         JOIN users s ON s.id = i.sender JOIN users r ON r.id = i.recipient
         WHERE {mine} = ?1 AND i.id > ?2 AND i.expires > ?3 ORDER BY i.id LIMIT ?4"
    );
    let conn = sogs.conn();
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params![user.id.0, since, sogs.now(), limit], |r| {
        Ok(json!({
            "id": r.get::<_, i64>(0)?,
            "posted_at": r.get::<_, f64>(1)?,
            "expires_at": r.get::<_, f64>(2)?,
            "sender": r.get::<_, String>(3)?,
            "recipient": r.get::<_, String>(4)?,
            "message": B64.encode(r.get::<_, Vec<u8>>(5)?),
        }))
    })?;
    let msgs: Vec<Value> = rows.collect::<Result<_, _>>()?;
    if msgs.is_empty() {
        return Ok(Resp {
            status: 304,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
        });
    }
    Ok(Resp::json(200, &Value::Array(msgs)))
}

/// `POST /inbox/{blinded_id}` with `{"message": base64}`: 201 with the metadata; 404 for a
/// recipient the server has never seen (or banned).
pub fn send(sogs: &Sogs, req: &Req, user: Option<&User>, to: &str) -> Result<Resp, SogsError> {
    let user = blinded(require(user)?)?;
    let to = to.to_ascii_lowercase();
    if to.len() != 66 || hex::decode(&to).is_err() {
        return Err(SogsError::NotFound);
    }
    let (recip, banned) = user_row(sogs, &to, false)?.ok_or(SogsError::NotFound)?;
    if banned {
        return Err(SogsError::NotFound);
    }
    let body = req.json()?;
    let data = body
        .get("message")
        .and_then(Value::as_str)
        .and_then(|s| B64.decode(s).ok())
        .ok_or_else(|| bad("No message provided"))?;
    let now = sogs.now();
    let conn = sogs.conn();
    conn.execute(
        "INSERT INTO inbox (sender, recipient, posted, expires, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user.id.0, recip.0, now, now + DM_EXPIRY_S, data],
    )?;
    Ok(Resp::json(
        201,
        &json!({
            "id": conn.last_insert_rowid(),
            "posted_at": now,
            "expires_at": now + DM_EXPIRY_S,
            "sender": user.session_id,
            "recipient": to,
        }),
    ))
}

/// `DELETE /inbox`: `{"deleted": n}`.
pub fn clear(sogs: &Sogs, user: Option<&User>) -> Result<Resp, SogsError> {
    let user = blinded(require(user)?)?;
    let n = sogs
        .conn()
        .execute("DELETE FROM inbox WHERE recipient = ?1", [user.id.0])?;
    Ok(Resp::json(200, &json!({ "deleted": n })))
}
