//! The community server API a client uses (messaging.md §7.5–§7.6), as typed requests and
//! answers. Building a request does no I/O: the engine signs it ([`super::auth`]), sends it
//! directly or through an onion v4 request, and hands the answer's bytes back here to read.

use super::auth::{self, AuthError, AuthMode, SogsRequest};
use super::url::ServerKey;
use crate::identity::{Identity, SessionId};
use crate::onion::v4::V4Request;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rand_core::{CryptoRng, RngCore};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The most messages one page may ask for (the official server's limit).
pub const MAX_PAGE: u32 = 256;

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What a request carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Nothing.
    Empty,
    /// A JSON document.
    Json(Value),
    /// Raw bytes (file uploads).
    Bytes(Vec<u8>),
}

/// One API request: method, target (path and query, percent-encoded) and body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// The method.
    pub method: Method,
    /// The path and query as sent.
    pub target: String,
    /// The body.
    pub body: Body,
}

impl ApiRequest {
    fn new(method: Method, target: String, body: Body) -> ApiRequest {
        ApiRequest {
            method,
            target,
            body,
        }
    }

    fn get(target: String) -> ApiRequest {
        ApiRequest::new(Method::Get, target, Body::Empty)
    }

    /// The body's bytes as they are sent (and signed).
    pub fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            Body::Empty => Vec::new(),
            Body::Json(v) => v.to_string().into_bytes(),
            Body::Bytes(b) => b.clone(),
        }
    }

    /// The `Content-Type` the body needs, if any.
    pub fn content_type(&self) -> Option<&'static str> {
        match self.body {
            Body::Empty => None,
            Body::Json(_) => Some("application/json"),
            Body::Bytes(_) => Some("application/octet-stream"),
        }
    }

    /// The request as the signer sees it; `body` is [`ApiRequest::body_bytes`].
    pub fn to_sign<'a>(&'a self, body: &'a [u8]) -> SogsRequest<'a> {
        SogsRequest {
            method: self.method.as_str(),
            target: &self.target,
            body,
        }
    }

    /// The request signed by `account` at `now_s` (network time, unix seconds) for the server
    /// with key `server`, as an onion v4 request: the X-SOGS headers, the content type and the
    /// body.
    pub fn to_v4(
        &self,
        account: &Identity,
        server: &ServerKey,
        mode: AuthMode,
        now_s: u64,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<V4Request, AuthError> {
        let body = self.body_bytes();
        let headers = auth::sign_request(
            &*account.ed25519_seed(),
            server.as_bytes(),
            mode,
            &self.to_sign(&body),
            now_s,
            rng,
        )?;
        let mut v4 = V4Request {
            method: self.method.as_str().to_owned(),
            endpoint: self.target.clone(),
            headers: headers.to_json(),
            body: (!body.is_empty()).then_some(body),
        };
        if let Some(ct) = self.content_type() {
            v4 = v4.header("Content-Type", ct);
        }
        Ok(v4)
    }

    /// This request as one entry of a `/batch` or `/sequence` body.
    fn batch_entry(&self) -> Value {
        let mut entry = Map::new();
        entry.insert("method".into(), self.method.as_str().into());
        entry.insert("path".into(), self.target.clone().into());
        match &self.body {
            Body::Empty => {}
            Body::Json(v) => {
                entry.insert("json".into(), v.clone());
            }
            Body::Bytes(b) => {
                entry.insert("b64".into(), B64.encode(b).into());
            }
        }
        Value::Object(entry)
    }
}

/// Percent-encodes one path segment (room tokens are safe already; emoji are not).
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn room_path(token: &str, rest: &str) -> String {
    format!("/room/{}{rest}", segment(token))
}

/// `GET /capabilities`.
pub fn capabilities() -> ApiRequest {
    ApiRequest::get("/capabilities".into())
}

/// `GET /rooms`: every public room.
pub fn rooms() -> ApiRequest {
    ApiRequest::get("/rooms".into())
}

/// `GET /room/<token>`.
pub fn room(token: &str) -> ApiRequest {
    ApiRequest::get(room_path(token, ""))
}

/// `GET /room/<token>/pollInfo/<info_updates>`: the room's counters, with its full details when
/// they changed since `info_updates`.
pub fn poll_info(token: &str, info_updates: i64) -> ApiRequest {
    ApiRequest::get(room_path(token, &format!("/pollInfo/{info_updates}")))
}

/// `GET /room/<token>/messages/recent`: the newest `limit` messages, newest first.
pub fn recent(token: &str, limit: u32) -> ApiRequest {
    let limit = limit.clamp(1, MAX_PAGE);
    ApiRequest::get(room_path(
        token,
        &format!("/messages/recent?limit={limit}&reactors=5"),
    ))
}

/// `GET /room/<token>/messages/since/<seqno>`: every change after `seqno` in event order, with
/// reaction updates.
pub fn since(token: &str, seqno: i64, limit: u32) -> ApiRequest {
    let limit = limit.clamp(1, MAX_PAGE);
    ApiRequest::get(room_path(
        token,
        &format!("/messages/since/{seqno}?t=r&limit={limit}&reactors=5"),
    ))
}

/// `GET /room/<token>/messages/before/<id>`: the page of history older than message `id`,
/// newest first.
pub fn before(token: &str, id: i64, limit: u32) -> ApiRequest {
    let limit = limit.clamp(1, MAX_PAGE);
    ApiRequest::get(room_path(
        token,
        &format!("/messages/before/{id}?limit={limit}&reactors=5"),
    ))
}

/// `GET /room/<token>/message/<id>`.
pub fn message(token: &str, id: i64) -> ApiRequest {
    ApiRequest::get(room_path(token, &format!("/message/{id}")))
}

fn post_body(data: &[u8], signature: &[u8; 64], files: &[i64]) -> Value {
    let mut body = json!({ "data": B64.encode(data), "signature": B64.encode(signature) });
    if !files.is_empty() {
        body["files"] = json!(files);
    }
    body
}

/// `POST /room/<token>/message`: a signed post ([`super::post::sign`]) with the IDs of files
/// uploaded for it.
pub fn post(token: &str, data: &[u8], signature: &[u8; 64], files: &[i64]) -> ApiRequest {
    ApiRequest::new(
        Method::Post,
        room_path(token, "/message"),
        Body::Json(post_body(data, signature, files)),
    )
}

/// `PUT /room/<token>/message/<id>`: replaces one's own post.
pub fn edit(token: &str, id: i64, data: &[u8], signature: &[u8; 64], files: &[i64]) -> ApiRequest {
    ApiRequest::new(
        Method::Put,
        room_path(token, &format!("/message/{id}")),
        Body::Json(post_body(data, signature, files)),
    )
}

/// `DELETE /room/<token>/message/<id>`: one's own post, or any as a moderator.
pub fn delete(token: &str, id: i64) -> ApiRequest {
    ApiRequest::new(
        Method::Delete,
        room_path(token, &format!("/message/{id}")),
        Body::Empty,
    )
}

/// `PUT /room/<token>/reaction/<id>/<emoji>`.
pub fn react(token: &str, id: i64, emoji: &str) -> ApiRequest {
    ApiRequest::new(
        Method::Put,
        room_path(token, &format!("/reaction/{id}/{}", segment(emoji))),
        Body::Json(json!({})),
    )
}

/// `DELETE /room/<token>/reaction/<id>/<emoji>`.
pub fn unreact(token: &str, id: i64, emoji: &str) -> ApiRequest {
    ApiRequest::new(
        Method::Delete,
        room_path(token, &format!("/reaction/{id}/{}", segment(emoji))),
        Body::Empty,
    )
}

/// `POST /room/<token>/file`: uploads an attachment for a post.
pub fn upload(token: &str, bytes: Vec<u8>) -> ApiRequest {
    ApiRequest::new(Method::Post, room_path(token, "/file"), Body::Bytes(bytes))
}

/// `GET /room/<token>/file/<id>`.
pub fn download(token: &str, id: i64) -> ApiRequest {
    ApiRequest::get(room_path(token, &format!("/file/{id}")))
}

/// `POST /inbox/<blinded id>`: a blinded direct message ([`super::dm::encrypt`]).
pub fn send_dm(recipient: &SessionId, blob: &[u8]) -> ApiRequest {
    ApiRequest::new(
        Method::Post,
        format!("/inbox/{recipient}"),
        Body::Json(json!({ "message": B64.encode(blob) })),
    )
}

/// `GET /inbox` or `GET /inbox/since/<id>`.
pub fn inbox(since: Option<i64>) -> ApiRequest {
    ApiRequest::get(match since {
        Some(id) => format!("/inbox/since/{id}"),
        None => "/inbox".into(),
    })
}

/// `GET /outbox` or `GET /outbox/since/<id>`.
pub fn outbox(since: Option<i64>) -> ApiRequest {
    ApiRequest::get(match since {
        Some(id) => format!("/outbox/since/{id}"),
        None => "/outbox".into(),
    })
}

/// `POST /batch` (each request answered independently) or, with `in_order`, `POST /sequence`
/// (stopping at the first failure).
pub fn batch(requests: &[ApiRequest], in_order: bool) -> ApiRequest {
    let path = if in_order { "/sequence" } else { "/batch" };
    let entries: Vec<Value> = requests.iter().map(ApiRequest::batch_entry).collect();
    ApiRequest::new(Method::Post, path.into(), Body::Json(Value::Array(entries)))
}

// ---- answers ----

/// Why an answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiError {
    /// The server answered with an error status.
    Status(u16),
    /// The body is not the JSON this answer has.
    Json(String),
    /// A field holds a value of the wrong form (an ID, base64, a signature).
    Field(&'static str),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(code) => write!(f, "the community server answered {code}"),
            Self::Json(e) => write!(f, "the community server's answer is malformed: {e}"),
            Self::Field(name) => write!(f, "the community server sent a malformed {name}"),
        }
    }
}

impl std::error::Error for ApiError {}

fn from_json<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::Json(e.to_string()))
}

fn from_value<T: for<'a> Deserialize<'a>>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| ApiError::Json(e.to_string()))
}

fn id_field(text: &str, name: &'static str) -> Result<SessionId, ApiError> {
    text.parse().map_err(|_| ApiError::Field(name))
}

fn ids_field(list: Vec<String>, name: &'static str) -> Result<Vec<SessionId>, ApiError> {
    list.iter().map(|t| id_field(t, name)).collect()
}

fn b64_field(text: &str, name: &'static str) -> Result<Vec<u8>, ApiError> {
    B64.decode(text).map_err(|_| ApiError::Field(name))
}

/// What the server supports (`GET /capabilities`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Capabilities {
    /// Capability names (`sogs`, `blind`, `reactions`, …).
    pub capabilities: Vec<String>,
    /// Those of a `required=` list it lacks.
    #[serde(default)]
    pub missing: Vec<String>,
}

impl Capabilities {
    /// Reads the answer.
    pub fn parse(body: &[u8]) -> Result<Capabilities, ApiError> {
        from_json(body)
    }

    /// Whether the server requires blinded IDs (and so blinded signatures).
    pub fn blinds(&self) -> bool {
        self.has("blind")
    }

    /// Whether it lists `name`.
    pub fn has(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c == name)
    }
}

/// What the asking user may do in a room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Permissions {
    /// May read.
    #[serde(default)]
    pub read: bool,
    /// May post.
    #[serde(default)]
    pub write: bool,
    /// May upload files.
    #[serde(default)]
    pub upload: bool,
}

#[derive(Deserialize)]
struct RawRoom {
    token: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    info_updates: i64,
    message_sequence: i64,
    #[serde(default)]
    created: f64,
    #[serde(default)]
    active_users: u64,
    #[serde(default)]
    image_id: Option<i64>,
    #[serde(default)]
    moderators: Vec<String>,
    #[serde(default)]
    admins: Vec<String>,
    #[serde(default)]
    hidden_moderators: Vec<String>,
    #[serde(default)]
    hidden_admins: Vec<String>,
    #[serde(flatten)]
    permissions: Permissions,
    #[serde(default)]
    moderator: bool,
    #[serde(default)]
    admin: bool,
}

/// A room's details (`GET /room/<token>`, `GET /rooms`, and `details` of a poll).
#[derive(Debug, Clone, PartialEq)]
pub struct RoomInfo {
    /// The room token.
    pub token: String,
    /// Its display name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Counter of changes to these details.
    pub info_updates: i64,
    /// The room's latest message event number.
    pub message_sequence: i64,
    /// When it was created (unix seconds).
    pub created: f64,
    /// Recently active users.
    pub active_users: u64,
    /// The file ID of its image.
    pub image_id: Option<i64>,
    /// Moderators and admins, public and (visible to moderators) hidden.
    pub moderators: Vec<SessionId>,
    /// Admins (also moderators).
    pub admins: Vec<SessionId>,
    /// What the asking user may do in it.
    pub permissions: Permissions,
    /// The asking user moderates this room.
    pub moderator: bool,
    /// The asking user is an admin of this room.
    pub admin: bool,
}

impl RoomInfo {
    fn from_raw(raw: RawRoom) -> Result<RoomInfo, ApiError> {
        let mut moderators = ids_field(raw.moderators, "moderator ID")?;
        moderators.extend(ids_field(raw.hidden_moderators, "moderator ID")?);
        let mut admins = ids_field(raw.admins, "admin ID")?;
        admins.extend(ids_field(raw.hidden_admins, "admin ID")?);
        Ok(RoomInfo {
            token: raw.token,
            name: raw.name,
            description: raw.description,
            info_updates: raw.info_updates,
            message_sequence: raw.message_sequence,
            created: raw.created,
            active_users: raw.active_users,
            image_id: raw.image_id,
            moderators,
            admins,
            permissions: raw.permissions,
            moderator: raw.moderator,
            admin: raw.admin,
        })
    }

    /// Reads one room.
    pub fn parse(body: &[u8]) -> Result<RoomInfo, ApiError> {
        RoomInfo::from_raw(from_json(body)?)
    }

    /// Reads a room list.
    pub fn parse_list(body: &[u8]) -> Result<Vec<RoomInfo>, ApiError> {
        let raw: Vec<RawRoom> = from_json(body)?;
        raw.into_iter().map(RoomInfo::from_raw).collect()
    }

    /// Whether `id` moderates (or administers) this room.
    pub fn is_moderator(&self, id: &SessionId) -> bool {
        self.moderators.contains(id) || self.admins.contains(id)
    }
}

#[derive(Deserialize)]
struct RawPoll {
    token: String,
    #[serde(default)]
    active_users: u64,
    #[serde(flatten)]
    permissions: Permissions,
    #[serde(default)]
    details: Option<RawRoom>,
}

/// A room poll's answer (`GET /room/<token>/pollInfo/<n>`).
#[derive(Debug, Clone, PartialEq)]
pub struct PollInfo {
    /// The room token.
    pub token: String,
    /// Recently active users.
    pub active_users: u64,
    /// What the asking user may do.
    pub permissions: Permissions,
    /// The room's details, present when they changed.
    pub details: Option<RoomInfo>,
}

impl PollInfo {
    /// Reads the answer.
    pub fn parse(body: &[u8]) -> Result<PollInfo, ApiError> {
        let raw: RawPoll = from_json(body)?;
        Ok(PollInfo {
            token: raw.token,
            active_users: raw.active_users,
            permissions: raw.permissions,
            details: raw.details.map(RoomInfo::from_raw).transpose()?,
        })
    }
}

#[derive(Deserialize)]
struct RawReaction {
    #[serde(default)]
    index: i64,
    #[serde(default)]
    count: u64,
    #[serde(default)]
    reactors: Vec<String>,
    #[serde(default)]
    you: bool,
}

/// One emoji's reactions on a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reaction {
    /// Its order among the message's reactions.
    pub index: i64,
    /// How many reacted with it.
    pub count: u64,
    /// The first few who did.
    pub reactors: Vec<SessionId>,
    /// Whether the asking user did.
    pub you: bool,
}

#[derive(Deserialize)]
struct RawMessage {
    id: i64,
    #[serde(default)]
    session_id: Option<String>,
    #[serde(default)]
    posted: Option<f64>,
    #[serde(default)]
    edited: Option<f64>,
    #[serde(default)]
    seqno: i64,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    whisper: bool,
    #[serde(default)]
    whisper_mods: bool,
    #[serde(default)]
    whisper_to: Option<String>,
    #[serde(default)]
    reactions: Option<BTreeMap<String, RawReaction>>,
}

/// One message event of a room: a post, an edit, a deletion or a reactions update.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomMessage {
    /// The server's message ID.
    pub id: i64,
    /// The author (a `15…` ID on blinding servers).
    pub author: Option<SessionId>,
    /// When it was posted (unix seconds).
    pub posted: Option<f64>,
    /// When it was last edited.
    pub edited: Option<f64>,
    /// The room event number of this state.
    pub seqno: i64,
    /// The padded Content as posted (absent for deletions and reactions-only updates).
    pub data: Option<Vec<u8>>,
    /// The author's signature over `data`.
    pub signature: Option<[u8; 64]>,
    /// Deleted (by its author or a moderator).
    pub deleted: bool,
    /// Visible to some only: moderators, or `whisper_to`.
    pub whisper: bool,
    /// A whisper to the moderators.
    pub whisper_mods: bool,
    /// A whisper to one user.
    pub whisper_to: Option<SessionId>,
    /// Reactions by emoji, when the answer carries them.
    pub reactions: Option<BTreeMap<String, Reaction>>,
}

impl RoomMessage {
    fn from_value(value: Value) -> Result<RoomMessage, ApiError> {
        let raw: RawMessage = from_value(value)?;
        let signature = match raw.signature.as_deref() {
            Some(s) => Some(
                <[u8; 64]>::try_from(b64_field(s, "signature")?)
                    .map_err(|_| ApiError::Field("signature"))?,
            ),
            None => None,
        };
        let reactions = match raw.reactions {
            Some(map) => Some(
                map.into_iter()
                    .map(|(emoji, r)| {
                        Ok((
                            emoji,
                            Reaction {
                                index: r.index,
                                count: r.count,
                                reactors: ids_field(r.reactors, "reactor ID")?,
                                you: r.you,
                            },
                        ))
                    })
                    .collect::<Result<BTreeMap<_, _>, ApiError>>()?,
            ),
            None => None,
        };
        Ok(RoomMessage {
            id: raw.id,
            author: raw
                .session_id
                .as_deref()
                .map(|s| id_field(s, "author ID"))
                .transpose()?,
            posted: raw.posted,
            edited: raw.edited,
            seqno: raw.seqno,
            data: raw
                .data
                .as_deref()
                .map(|d| b64_field(d, "message data"))
                .transpose()?,
            signature,
            deleted: raw.deleted,
            whisper: raw.whisper,
            whisper_mods: raw.whisper_mods,
            whisper_to: raw
                .whisper_to
                .as_deref()
                .map(|s| id_field(s, "whisper recipient"))
                .transpose()?,
            reactions,
        })
    }

    /// Reads one message (`GET …/message/<id>`, the answer to a post).
    pub fn parse(body: &[u8]) -> Result<RoomMessage, ApiError> {
        RoomMessage::from_value(from_json(body)?)
    }

    /// Reads a list of messages. One malformed entry fails the list: a server that sends one
    /// is not to be trusted with the rest of the page either.
    pub fn parse_list(body: &[u8]) -> Result<Vec<RoomMessage>, ApiError> {
        let list: Vec<Value> = from_json(body)?;
        list.into_iter().map(RoomMessage::from_value).collect()
    }
}

#[derive(Deserialize)]
struct RawDm {
    id: i64,
    posted_at: f64,
    #[serde(default)]
    expires_at: Option<f64>,
    sender: String,
    recipient: String,
    #[serde(default)]
    message: Option<String>,
}

/// A blinded direct message as the inbox or outbox lists it (`message` still encrypted).
#[derive(Debug, Clone, PartialEq)]
pub struct DirectMessage {
    /// The server's ID for it (inbox and outbox share the numbering).
    pub id: i64,
    /// When it was sent (unix seconds).
    pub posted_at: f64,
    /// When the server drops it.
    pub expires_at: Option<f64>,
    /// The sender's blinded ID.
    pub sender: SessionId,
    /// The recipient's blinded ID.
    pub recipient: SessionId,
    /// The encrypted message ([`super::dm::decrypt`]); absent in the answer to a send.
    pub message: Option<Vec<u8>>,
}

impl DirectMessage {
    fn from_raw(raw: RawDm) -> Result<DirectMessage, ApiError> {
        Ok(DirectMessage {
            id: raw.id,
            posted_at: raw.posted_at,
            expires_at: raw.expires_at,
            sender: id_field(&raw.sender, "sender ID")?,
            recipient: id_field(&raw.recipient, "recipient ID")?,
            message: raw
                .message
                .as_deref()
                .map(|m| b64_field(m, "direct message"))
                .transpose()?,
        })
    }

    /// Reads one (the answer to a send).
    pub fn parse(body: &[u8]) -> Result<DirectMessage, ApiError> {
        DirectMessage::from_raw(from_json(body)?)
    }

    /// Reads an inbox or outbox page; an empty body (the server's 304) is an empty page.
    pub fn parse_list(body: &[u8]) -> Result<Vec<DirectMessage>, ApiError> {
        if body.is_empty() {
            return Ok(Vec::new());
        }
        let raw: Vec<RawDm> = from_json(body)?;
        raw.into_iter().map(DirectMessage::from_raw).collect()
    }
}

/// The answer to a reaction (`added` for a PUT, `removed` for a DELETE) and the event number it
/// made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReactionChange {
    /// Whether anything changed (false: it was already so).
    pub changed: bool,
    /// The room event number of the change.
    pub seqno: i64,
}

impl ReactionChange {
    /// Reads the answer.
    pub fn parse(body: &[u8]) -> Result<ReactionChange, ApiError> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            added: Option<bool>,
            #[serde(default)]
            removed: Option<Value>,
            seqno: i64,
        }
        let raw: Raw = from_json(body)?;
        let changed = raw.added.unwrap_or(false)
            || match raw.removed {
                Some(Value::Bool(b)) => b,
                Some(Value::Number(n)) => n.as_u64().is_some_and(|n| n > 0),
                _ => false,
            };
        Ok(ReactionChange {
            changed,
            seqno: raw.seqno,
        })
    }
}

/// The ID of an uploaded file.
pub fn parse_file_id(body: &[u8]) -> Result<i64, ApiError> {
    #[derive(Deserialize)]
    struct Raw {
        id: i64,
    }
    Ok(from_json::<Raw>(body)?.id)
}

/// One answer of a `/batch` or `/sequence`.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchReply {
    /// Its HTTP status.
    pub code: u16,
    /// Its body: JSON bodies as they are, others as their bytes.
    pub body: Vec<u8>,
}

impl BatchReply {
    /// The body, if the status is a success.
    pub fn ok(&self) -> Result<&[u8], ApiError> {
        if (200..300).contains(&self.code) {
            Ok(&self.body)
        } else {
            Err(ApiError::Status(self.code))
        }
    }

    /// Reads a batch answer: one reply per request, in order (fewer for a stopped sequence).
    pub fn parse_list(body: &[u8]) -> Result<Vec<BatchReply>, ApiError> {
        #[derive(Deserialize)]
        struct Raw {
            code: u16,
            #[serde(default)]
            headers: Map<String, Value>,
            #[serde(default)]
            body: Value,
        }
        let raw: Vec<Raw> = from_json(body)?;
        raw.into_iter()
            .map(|r| {
                let json = r
                    .headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                    .and_then(|(_, v)| v.as_str())
                    .is_none_or(|t| t.starts_with("application/json"));
                let body = match (json, r.body) {
                    (_, Value::Null) => Vec::new(),
                    (false, Value::String(b64)) => b64_field(&b64, "batch body")?,
                    (_, v) => v.to_string().into_bytes(),
                };
                Ok(BatchReply { code: r.code, body })
            })
            .collect()
    }
}
