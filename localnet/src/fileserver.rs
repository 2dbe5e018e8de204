//! The file server (§7): a v4 onion destination on plain HTTP, with its files in SQLite.
//! Endpoints inside the v4 request: `POST /file`, `GET /file/{id}`, `GET /file/{id}/info`,
//! `POST /file/{id}/extend`.

use crate::clock::NodeClock;
use crate::error::Error;
use crate::keys::NodeKeys;
use crate::node::text;
use crate::Config;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::Engine;
use blake2::digest::consts::U33;
use blake2::digest::Mac;
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};
use session_core::onion::{self, v4::V4Request};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Facts about a stored file (times in Unix seconds).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileMeta {
    pub id: String,
    pub size: u64,
    pub uploaded: f64,
    pub expires: f64,
}

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UploadError {
    Empty,
    TooLarge,
    Db,
}

/// The file server's state.
#[derive(Debug)]
pub(crate) struct FileServer {
    pub clock: NodeClock,
    pub keys: NodeKeys,
    db: Mutex<Connection>,
    max_size: usize,
    ttl_s: u64,
    max_ttl_s: u64,
    /// Serves every file with one byte changed (a tampering server, for clients' checks).
    pub corrupt: std::sync::atomic::AtomicBool,
}

const MIGRATIONS: &[&str] = &["CREATE TABLE files (
    id TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    uploaded REAL NOT NULL,
    expires REAL NOT NULL
);
CREATE INDEX files_expires ON files(expires);"];

impl FileServer {
    /// Opens (creating) `dir/files.db`.
    pub fn open(dir: &Path, keys: NodeKeys, config: &Config) -> Result<FileServer, Error> {
        std::fs::create_dir_all(dir)?;
        let mut conn = Connection::open(dir.join("files.db"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tx = conn.transaction()?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(FileServer {
            clock: NodeClock::new(),
            keys,
            db: Mutex::new(conn),
            max_size: config.file_max_size,
            ttl_s: config.file_ttl.as_secs().max(1),
            max_ttl_s: config.file_max_ttl.as_secs().max(1),
            corrupt: std::sync::atomic::AtomicBool::new(false),
        })
    }

    fn now_s(&self) -> f64 {
        self.clock.now_ms() as f64 / 1000.0
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Removes expired files.
    pub fn clean_expired(&self) {
        let now = self.now_s();
        let _ = self
            .conn()
            .execute("DELETE FROM files WHERE expires <= ?1", [now]);
    }

    fn ttl(&self, requested_s: Option<u64>) -> u64 {
        match requested_s {
            Some(t) if t > 0 => t.min(self.max_ttl_s),
            _ => self.ttl_s,
        }
    }

    /// Content-derived id: equal uploads get the same id (and a refreshed expiry).
    fn file_id(data: &[u8]) -> String {
        let mut mac =
            blake2::Blake2bMac::<U33>::new_with_salt_and_personal(&[], b"SessionFileSvr\0\0", &[])
                .expect("an empty key and a 16-byte salt are valid BLAKE2b parameters");
        mac.update(data);
        base64::engine::general_purpose::URL_SAFE.encode(mac.finalize().into_bytes())
    }

    /// Stores a file for `ttl_s` seconds (default when None).
    pub fn upload(&self, data: &[u8], ttl_s: Option<u64>) -> Result<FileMeta, UploadError> {
        if data.is_empty() {
            return Err(UploadError::Empty);
        }
        if data.len() > self.max_size {
            return Err(UploadError::TooLarge);
        }
        let now = self.now_s();
        let expires = now + self.ttl(ttl_s) as f64;
        let id = Self::file_id(data);
        self.clean_expired();
        self.conn()
            .execute(
                "INSERT INTO files (id, data, uploaded, expires) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET expires = max(expires, excluded.expires)",
                params![id, data, now, expires],
            )
            .map_err(|_| UploadError::Db)?;
        self.info(&id).ok_or(UploadError::Db)
    }

    /// A file's metadata, if it exists and has not expired.
    pub fn info(&self, id: &str) -> Option<FileMeta> {
        self.clean_expired();
        self.conn()
            .query_row(
                "SELECT length(data), uploaded, expires FROM files WHERE id = ?1",
                [id],
                |r| {
                    Ok(FileMeta {
                        id: id.to_owned(),
                        size: r.get::<_, i64>(0)? as u64,
                        uploaded: r.get(1)?,
                        expires: r.get(2)?,
                    })
                },
            )
            .optional()
            .ok()
            .flatten()
    }

    /// A file's bytes and metadata (one byte changed while [`FileServer::corrupt`] is on).
    pub fn download(&self, id: &str) -> Option<(Vec<u8>, FileMeta)> {
        let meta = self.info(id)?;
        let mut data: Vec<u8> = self
            .conn()
            .query_row("SELECT data FROM files WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()?;
        if self.corrupt.load(std::sync::atomic::Ordering::Relaxed) {
            let mid = data.len() / 2;
            if let Some(b) = data.get_mut(mid) {
                *b ^= 0x01;
            }
        }
        Some((data, meta))
    }

    /// Pushes a file's expiry to now + ttl.
    pub fn extend(&self, id: &str, ttl_s: Option<u64>) -> Option<FileMeta> {
        self.info(id)?;
        let expires = self.now_s() + self.ttl(ttl_s) as f64;
        self.conn()
            .execute(
                "UPDATE files SET expires = max(expires, ?1) WHERE id = ?2",
                params![expires, id],
            )
            .ok()?;
        self.info(id)
    }
}

/// The file server's HTTP routes (only the onion entry points).
pub(crate) fn router(fs: Arc<FileServer>) -> Router {
    Router::new()
        .route("/oxen/v4/lsrpc", post(lsrpc))
        .route("/loki/v4/lsrpc", post(lsrpc))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::node::MAX_BODY + 1024 * 1024,
        ))
        .with_state(fs)
}

fn json_headers() -> Map<String, Value> {
    let mut h = Map::new();
    h.insert("content-type".into(), "application/json".into());
    h
}

fn status_json(code: u16) -> (u16, Map<String, Value>, Vec<u8>) {
    (
        code,
        json_headers(),
        json!({"status_code": code}).to_string().into_bytes(),
    )
}

fn meta_json(m: &FileMeta) -> Value {
    json!({"id": m.id, "size": m.size, "uploaded": m.uploaded, "expires": m.expires})
}

fn header<'a>(headers: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.as_str())
}

impl FileServer {
    /// Answers one decoded v4 request: (code, headers, body).
    fn handle(&self, req: V4Request) -> (u16, Map<String, Value>, Vec<u8>) {
        let ttl = header(&req.headers, "x-fs-ttl").and_then(|v| v.trim().parse::<u64>().ok());
        let path = req.endpoint.split('?').next().unwrap_or("");
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match (req.method.as_str(), parts.as_slice()) {
            ("POST", ["file"]) => match self.upload(req.body.as_deref().unwrap_or(&[]), ttl) {
                Ok(m) => (200, json_headers(), meta_json(&m).to_string().into_bytes()),
                Err(UploadError::Empty) | Err(UploadError::TooLarge) => status_json(413),
                Err(UploadError::Db) => status_json(500),
            },
            ("GET", ["file", id]) => match self.download(id) {
                Some((data, _)) => {
                    let mut h = Map::new();
                    h.insert("content-type".into(), "application/octet-stream".into());
                    (200, h, data)
                }
                None => status_json(404),
            },
            ("GET", ["file", id, "info"]) => match self.info(id) {
                Some(m) => (200, json_headers(), meta_json(&m).to_string().into_bytes()),
                None => status_json(404),
            },
            ("POST", ["file", id, "extend"]) => match self.extend(id, ttl) {
                Some(m) => (200, json_headers(), meta_json(&m).to_string().into_bytes()),
                None => status_json(404),
            },
            _ => status_json(404),
        }
    }
}

/// The v4 entry point: decrypt with the server key, answer the request, encrypt the v4 reply
/// with the same key and suite (raw bytes, HTTP 200).
async fn lsrpc(State(fs): State<Arc<FileServer>>, body: Bytes) -> Response {
    let layer = match onion::peel(fs.keys.x25519_secret(), &body) {
        Ok(l) => l,
        Err(_) => return text(400, "Invalid onion request"),
    };
    let (code, headers, out) = match onion::v4::decode_request(&layer.plaintext) {
        Ok(req) => fs.handle(req),
        Err(_) => {
            let mut h = Map::new();
            h.insert("content-type".into(), "text/plain; charset=utf-8".into());
            (400, h, b"Invalid v4 onion request".to_vec())
        }
    };
    let reply = onion::encode_server_reply(&layer.key, code, &headers, &out, &mut OsRng);
    let mut r = reply.into_response();
    r.headers_mut().insert(
        "content-type",
        axum::http::HeaderValue::from_static("application/octet-stream"),
    );
    r
}
