//! Room file uploads and downloads.

use crate::auth::{require, User};
use crate::errors::bad;
use crate::rooms::{check_read, require as require_perm, room_id, Need, RoomId};
use crate::{Req, Resp, Sogs, SogsError};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// Largest upload (official `UPLOAD_FILE_MAX_SIZE`).
pub const MAX_UPLOAD: usize = 10_000_000;
/// How long a post's file is kept (official default upload expiry, 15 days).
pub const UPLOAD_EXPIRY_S: f64 = 15.0 * 86400.0;
/// How long an upload that no post has claimed is kept (official: 1 hour); a post or edit
/// listing it in `files` within that hour makes it the post's, for [`UPLOAD_EXPIRY_S`].
pub const UNCLAIMED_EXPIRY_S: f64 = 3600.0;
/// The expiry of files kept forever (room images, pinned posts' files): pysogs' `NULL`.
pub const NEVER: f64 = 1e300;
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
    require_perm(sogs, room, Some(user), Need::Upload)?;
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
        params![room.0, user.id.0, req.body, filename(req), now, now + UNCLAIMED_EXPIRY_S],
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
    check_read(sogs, room, user)?;
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

/// The `files` of a post or edit body: file ids (numbers, or numeric strings as pysogs' `int()`
/// takes); none when absent or null.
pub(crate) fn ids_in(body: &serde_json::Value) -> Result<Vec<i64>, SogsError> {
    use serde_json::Value;
    let invalid = || bad("Invalid files: expected a list of file ids");
    match body.get("files") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::Number(n) => n.as_i64().ok_or_else(invalid),
                Value::String(s) => s.trim().parse().map_err(|_| invalid()),
                _ => Err(invalid()),
            })
            .collect(),
        Some(_) => Err(invalid()),
    }
}

/// Gives a post the uploads it lists (pysogs' `_own_files`): only the poster's own uploads to
/// this room from the last hour that no post owns yet and that do not already live forever;
/// other ids (unknown, another room's, someone else's, another post's) are ignored. They then
/// live [`UPLOAD_EXPIRY_S`] from now. How many were claimed.
pub(crate) fn attach(
    conn: &rusqlite::Connection,
    room: RoomId,
    uploader: &User,
    message: i64,
    ids: &[i64],
    now: f64,
) -> Result<usize, SogsError> {
    let mut n = 0;
    for id in ids {
        n += conn.execute(
            "UPDATE files SET message = ?1, expiry = ?2
             WHERE id = ?3 AND room = ?4 AND uploader = ?5 AND message IS NULL
             AND uploaded >= ?6 AND expiry < ?7",
            params![
                message,
                now + UPLOAD_EXPIRY_S,
                id,
                room.0,
                uploader.id.0,
                now - UNCLAIMED_EXPIRY_S,
                NEVER
            ],
        )?;
    }
    Ok(n)
}
