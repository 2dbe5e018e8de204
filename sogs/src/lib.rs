//! A community server (SOGS) speaking the official server's HTTP API, with its data in SQLite.
//!
//! Requests arrive either directly over HTTP ([`router`]) or as an onion v4 final layer on
//! `POST /oxen/v4/lsrpc`; both are turned into one [`Req`] and answered by [`Sogs::handle`].

pub mod admin;
pub mod auth;
pub mod batch;
pub mod cleanup;
pub mod db;
pub mod errors;
pub mod files;
pub mod inbox;
pub mod messages;
pub mod moderation;
pub mod permissions;
pub mod pins;
pub mod reactions;
pub mod rooms;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
pub use errors::SogsError;
use rand_core::{OsRng, RngCore};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use session_core::onion;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Largest request body accepted (the official server's upload limit, 10 MB, plus framing).
pub const MAX_BODY: usize = 10 * 1024 * 1024 + 64 * 1024;

/// One request, whatever transport it came over.
#[derive(Debug, Clone)]
pub struct Req {
    /// HTTP method, upper case.
    pub method: String,
    /// Target as sent: raw path plus optional `?query`.
    pub target: String,
    /// Headers with lower-cased names.
    pub headers: Vec<(String, String)>,
    /// Body bytes (empty when none).
    pub body: Vec<u8>,
}

impl Req {
    /// A header by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The raw path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// A query parameter's raw value.
    pub fn query(&self, key: &str) -> Option<&str> {
        let q = self.target.split_once('?')?.1;
        q.split('&')
            .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// The body parsed as JSON (400 when it is not).
    pub fn json(&self) -> Result<Value, SogsError> {
        serde_json::from_slice(&self.body).map_err(|_| errors::bad("Invalid JSON body"))
    }
}

/// One answer: status, content type and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Resp {
    /// HTTP status.
    pub status: u16,
    /// Content type of `body`.
    pub content_type: &'static str,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Resp {
    /// A JSON answer.
    pub fn json(status: u16, v: &Value) -> Resp {
        Resp {
            status,
            content_type: "application/json",
            body: v.to_string().into_bytes(),
        }
    }

    fn error(e: &SogsError) -> Resp {
        Resp {
            status: e.status(),
            content_type: "text/plain; charset=utf-8",
            body: e.to_string().into_bytes(),
        }
    }
}

/// The server: its database, X25519 key and clock.
pub struct Sogs {
    conn: Mutex<Connection>,
    x25519_secret: [u8; 32],
    x25519_public: [u8; 32],
    clock_offset_s: AtomicI64,
    cleanup_every_ms: AtomicU64,
}

impl std::fmt::Debug for Sogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sogs")
            .field("public_key", &hex::encode(self.x25519_public))
            .finish_non_exhaustive()
    }
}

impl Sogs {
    /// Opens (or creates) `dir/sogs.db`, migrating it, and loads (or makes) the server key.
    pub fn open(dir: &Path) -> Result<Sogs, SogsError> {
        let mut conn = Connection::open(dir.join("sogs.db"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        db::migrate(&mut conn)?;
        let stored: Option<Vec<u8>> = conn
            .query_row("SELECT value FROM config WHERE key = 'x25519'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let secret: [u8; 32] = match stored.and_then(|v| <[u8; 32]>::try_from(v).ok()) {
            Some(s) => s,
            None => {
                let mut s = [0u8; 32];
                OsRng.fill_bytes(&mut s);
                conn.execute(
                    "INSERT OR REPLACE INTO config (key, value) VALUES ('x25519', ?1)",
                    [&s[..]],
                )?;
                s
            }
        };
        let public =
            x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret)).to_bytes();
        Ok(Sogs {
            conn: Mutex::new(conn),
            x25519_secret: secret,
            x25519_public: public,
            clock_offset_s: AtomicI64::new(0),
            cleanup_every_ms: AtomicU64::new(cleanup::DEFAULT_INTERVAL.as_millis() as u64),
        })
    }

    /// The 32-byte X25519 public key join links carry and clients blind with.
    pub fn public_key(&self) -> [u8; 32] {
        self.x25519_public
    }

    /// Moves the server clock by `secs` (tests).
    pub fn advance_clock(&self, secs: i64) {
        self.clock_offset_s.fetch_add(secs, Ordering::Relaxed);
    }

    /// How often the server started by [`router`] sweeps expired rows ([`admin::cleanup`]):
    /// every 10 s by default, never while `None` (tests that count what a sweep removes). A
    /// change takes effect after the current wait.
    pub fn set_cleanup_interval(&self, every: Option<std::time::Duration>) {
        let ms = every.map_or(0, |d| (d.as_millis() as u64).max(1));
        self.cleanup_every_ms.store(ms, Ordering::Relaxed);
    }

    /// The sweep interval set by [`Sogs::set_cleanup_interval`].
    pub fn cleanup_interval(&self) -> Option<std::time::Duration> {
        match self.cleanup_every_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(std::time::Duration::from_millis(ms)),
        }
    }

    /// Server time in unix seconds.
    pub fn now(&self) -> f64 {
        let sys = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        sys + self.clock_offset_s.load(Ordering::Relaxed) as f64
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Authenticates and answers one request.
    pub fn handle(&self, req: &Req) -> Resp {
        let user = match auth::authenticate(self, req) {
            Ok(u) => u,
            Err(e) => return Resp::error(&e),
        };
        self.dispatch(req, user.as_ref())
    }

    /// Answers a request on behalf of an already authenticated user (batch subrequests).
    pub(crate) fn dispatch(&self, req: &Req, user: Option<&auth::User>) -> Resp {
        match self.route(req, user) {
            Ok(r) => r,
            Err(e) => Resp::error(&e),
        }
    }

    fn route(&self, req: &Req, user: Option<&auth::User>) -> Result<Resp, SogsError> {
        let path = req.path().to_owned();
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match (req.method.as_str(), parts.as_slice()) {
            ("GET", ["capabilities"]) => rooms::capabilities(req),
            ("GET", ["rooms"]) => rooms::list(self, user),
            ("GET", ["room", token]) => rooms::get(self, user, token),
            ("PUT", ["room", token]) => rooms::update(self, req, user, token),
            ("POST", ["room", token, "pin", id]) => pins::pin(self, user, token, id),
            ("POST", ["room", token, "unpin", "all"]) => pins::unpin_all(self, user, token),
            ("POST", ["room", token, "unpin", id]) => pins::unpin(self, user, token, id),
            ("GET", ["room", token, "permissions"]) => permissions::list(self, user, token),
            ("GET", ["room", token, "permissions", sid]) => {
                permissions::get_one(self, user, token, sid)
            }
            ("POST", ["room", token, "permissions", sid]) => {
                permissions::set(self, req, user, token, sid)
            }
            ("GET", ["room", token, "pollInfo", n]) => rooms::poll_info(self, user, token, n),
            ("GET", ["room", token, "messages", "recent"]) => {
                messages::recent(self, req, user, token)
            }
            ("GET", ["room", token, "messages", "since", n]) => {
                messages::since(self, req, user, token, n)
            }
            ("GET", ["room", token, "messages", "before", n]) => {
                messages::before(self, req, user, token, n)
            }
            ("GET", ["room", token, "message", id]) => {
                messages::get_one(self, req, user, token, id)
            }
            ("POST", ["room", token, "message"]) => messages::post(self, req, user, token),
            ("PUT", ["room", token, "message", id]) => messages::edit(self, req, user, token, id),
            ("DELETE", ["room", token, "message", id]) => messages::delete(self, user, token, id),
            ("PUT", ["room", token, "reaction", id, r]) => reactions::add(self, user, token, id, r),
            ("DELETE", ["room", token, "reaction", id, r]) => {
                reactions::remove(self, user, token, id, r)
            }
            ("DELETE", ["room", token, "reactions", id]) => {
                reactions::clear(self, user, token, id, None)
            }
            ("DELETE", ["room", token, "reactions", id, r]) => {
                reactions::clear(self, user, token, id, Some(r))
            }
            ("GET", ["room", token, "reactors", id, r]) => {
                reactions::reactors(self, req, user, token, id, r)
            }
            ("POST", ["room", token, "file"]) => files::upload(self, req, user, token),
            ("GET", ["room", token, "file", id]) | ("GET", ["room", token, "file", id, _]) => {
                files::download(self, user, token, id)
            }
            ("GET", ["inbox"]) => inbox::list(self, req, user, false, None),
            ("GET", ["inbox", "since", id]) => inbox::list(self, req, user, false, Some(id)),
            ("GET", ["outbox"]) => inbox::list(self, req, user, true, None),
            ("GET", ["outbox", "since", id]) => inbox::list(self, req, user, true, Some(id)),
            ("POST", ["inbox", sid]) => inbox::send(self, req, user, sid),
            ("DELETE", ["inbox"]) => inbox::clear(self, user),
            ("POST", ["user", sid, "ban"]) => moderation::ban(self, req, user, sid),
            ("POST", ["user", sid, "unban"]) => moderation::unban(self, req, user, sid),
            ("POST", ["user", sid, "moderator"]) => moderation::moderator(self, req, user, sid),
            ("POST", ["batch"]) => batch::run(self, req, user, false),
            ("POST", ["sequence"]) => batch::run(self, req, user, true),
            _ => Err(SogsError::NotFound),
        }
    }

    /// Decrypts an onion v4 final layer, answers it and encrypts the reply with the same key.
    pub fn handle_onion(&self, body: &[u8]) -> Result<Vec<u8>, SogsError> {
        let layer = onion::peel(&self.x25519_secret, body)
            .map_err(|_| errors::bad("Invalid onion request"))?;
        let resp = match onion::v4::decode_request(&layer.plaintext) {
            Ok(v4) => {
                let headers = v4
                    .headers
                    .iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.to_ascii_lowercase(), s.to_owned())))
                    .collect();
                let req = Req {
                    method: v4.method.to_ascii_uppercase(),
                    target: v4.endpoint,
                    headers,
                    body: v4.body.unwrap_or_default(),
                };
                self.handle(&req)
            }
            Err(_) => Resp::error(&errors::bad("Invalid v4 onion request")),
        };
        let mut h = Map::new();
        h.insert("content-type".into(), resp.content_type.into());
        Ok(onion::encode_server_reply(
            &layer.key,
            resp.status,
            &h,
            &resp.body,
            &mut OsRng,
        ))
    }
}

/// The HTTP routes: the onion entry point, and every API path directly. Called within a tokio
/// runtime, it also starts the periodic sweep of expired rows ([`admin::cleanup`], every
/// [`Sogs::cleanup_interval`]), which ends when the server is dropped.
pub fn router(sogs: Arc<Sogs>) -> Router {
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(cleanup::periodic(Arc::downgrade(&sogs)));
    }
    Router::new()
        .route("/oxen/v4/lsrpc", post(lsrpc))
        .route("/loki/v4/lsrpc", post(lsrpc))
        .fallback(direct)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(sogs)
}

fn to_response(r: Resp) -> Response {
    let status = axum::http::StatusCode::from_u16(r.status).unwrap_or(axum::http::StatusCode::OK);
    (status, [("content-type", r.content_type)], r.body).into_response()
}

async fn direct(
    State(sogs): State<Arc<Sogs>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = Req {
        method: method.as_str().to_owned(),
        target: uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| uri.path().to_owned()),
        headers: headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body: body.to_vec(),
    };
    let resp = sogs.handle(&req);
    to_response(resp)
}

async fn lsrpc(State(sogs): State<Arc<Sogs>>, body: Bytes) -> Response {
    match sogs.handle_onion(&body) {
        Ok(bytes) => (
            axum::http::StatusCode::OK,
            [("content-type", "application/octet-stream")],
            bytes,
        )
            .into_response(),
        Err(e) => to_response(Resp::error(&e)),
    }
}
