//! Room file uploads and downloads.

use crate::auth::{require, User};
use crate::errors::bad;
use crate::rooms::{check_not_banned, room_id};
use crate::{Req, Resp, Sogs, SogsError};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// Largest upload (official `UPLOAD_FILE_MAX_SIZE`).
pub const MAX_UPLOAD: usize = 10_000_000;
/// How long an upload is kept (official default upload expiry, 15 days).
pub const UPLOAD_EXPIRY_S: f64 = 15.0 * 86400.0;
/// Longest stored filename (official `UPLOAD_FILENAME_MAX`).
pub const MAX_FILENAME: usize = 60;

/// The filename from `Content-Disposition: attachment; filename="x"` (or `filename*=UTF-8''x`).
fn filename(req: &Req) -> Option<String> {
    let cd = req.header("content-disposition")?;
    let raw = cd.split(';').map(str::trim).find_map(|p| {
        p.strip_prefix("filename*=UTF-8''")
            .or_else(|| p.strip_prefix("filename="))
    })?;
    let decoded = session_core::community::auth::signing_path(raw.trim_matches('"')).ok()?;
    let clean: String = decoded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "+-.'()@[]_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(MAX_FILENAME)
        .collect();
    (!clean.is_empty()).then_some(clean)
}

/// `POST /room/{token}/file` with the raw bytes as body: 201 `{"id": n}`.
pub fn upload(sogs: &Sogs, req: &Req, user: Option<&User>, token: &str) -> Result<Resp, SogsError> {
    let user = require(user)?;
    let room = room_id(sogs, token)?;
    check_not_banned(sogs, room, Some(user))?;
    if req.body.is_empty() {
        return Err(bad("No file data"));
    }
    if req.body.len() > MAX_UPLOAD {
        return Err(SogsError::TooLarge);
    }
    let now = sogs.now();
    let conn = sogs.conn();
    conn.execute(
        "INSERT INTO files (room, uploader, data, filename, uploaded, expiry) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![room.0, user.id.0, req.body, filename(req), now, now + UPLOAD_EXPIRY_S],
    )?;
    Ok(Resp::json(201, &json!({"id": conn.last_insert_rowid()})))
}

/// `GET /room/{token}/file/{id}[/{filename}]`: the bytes; 404 when absent or expired.
pub fn download(
    sogs: &Sogs,
    user: Option<&User>,
    token: &str,
    id: &str,
) -> Result<Resp, SogsError> {
    let id: i64 = id.parse().map_err(|_| SogsError::NotFound)?;
    let room = room_id(sogs, token)?;
    check_not_banned(sogs, room, user)?;
    let data: Vec<u8> = sogs
        .conn()
        .query_row(
            "SELECT data FROM files WHERE id = ?1 AND room = ?2 AND expiry > ?3",
            params![id, room.0, sogs.now()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(SogsError::NotFound)?;
    Ok(Resp {
        status: 200,
        content_type: "application/octet-stream",
        body: data,
    })
}
