//! The uploads part: a message with files. It is written at once (shown as sending, its files
//! kept in the files store under local keys, its timestamp reserved), then each file is
//! encrypted (WebCrypto) and uploaded through onion v4 to the file server, one after the
//! other, the message saved after each so that a file is never uploaded twice. Once all are
//! up, the message is encrypted with their pointers and handed to the outbox like any other.
//! A failed upload leaves the message failed; "retry" uploads what is missing. An upload can
//! be cancelled (its request is aborted; the message is left failed, to retry), and reports
//! its progress through the relay's transport.

use futures::future::{AbortHandle, AbortRegistration, Abortable, Aborted};
use leptos::prelude::*;
use session_core::attachment::file_server::FileServer;
use session_core::attachment::pointer::{Attachment, AttachmentMeta};
use session_core::client::{ClientError, OutboxEntry};
use session_core::config::fields::Disappearing;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::expiration;
use session_core::message::MessageRef;
use session_core::proto::session::Content;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::disappearing::expiry_for;
use super::network::Network;
use super::outbox::{Outbox, SendError};
use super::profile::Profile;
use super::storage_health::StorageHealth;
use super::views::Views;
use crate::ports::{Clock, FileStore, Relay, Store};
use crate::storage::{
    AttachmentRecord, MessageKey, MessageRecord, MessageStatus, OutboxRecord, QuoteRecord, RoomFile,
};
use crate::util::log;

/// A file picked to send.
#[derive(Clone, PartialEq, Eq)]
pub struct PickedFile {
    /// Its name.
    pub name: String,
    /// Its type, as the browser or its bytes say.
    pub mime: String,
    /// Its bytes.
    pub data: Vec<u8>,
    /// A voice message.
    pub voice: bool,
    /// A picture's width and height in pixels.
    pub size_px: Option<(u32, u32)>,
}

impl fmt::Debug for PickedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PickedFile")
            .field("name", &self.name)
            .field("mime", &self.mime)
            .field("size", &self.data.len())
            .finish()
    }
}

/// Why the files of a message could not be uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UploadError {
    /// A kept file is missing (the files were cleared): it must be picked again.
    Missing,
    /// A file could not be encrypted (too large…).
    Encrypt(String),
    /// The upload failed.
    Network(ClientError),
    /// Storage failed.
    Storage(String),
    /// The community's server did not take the file.
    Room(String),
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadError::Missing => f.write_str("a file of this message is no longer kept"),
            UploadError::Encrypt(e) => write!(f, "a file could not be encrypted: {e}"),
            UploadError::Network(e) => write!(f, "upload failed: {e}"),
            UploadError::Storage(e) => write!(f, "storage failed: {e}"),
            UploadError::Room(e) => write!(f, "upload failed: {e}"),
        }
    }
}

impl std::error::Error for UploadError {}

/// What the uploads part is built over.
pub struct UploadParts {
    /// Records.
    pub store: Rc<dyn Store>,
    /// Files' bytes.
    pub files: Rc<dyn FileStore>,
    /// Time.
    pub clock: Rc<dyn Clock>,
    /// The engine and the file server.
    pub network: Rc<Network>,
    /// Screens to refresh.
    pub views: Rc<Views>,
    /// Our profile (sent with the message).
    pub profile: Rc<Profile>,
    /// Where the message goes once its files are up.
    pub outbox: Rc<Outbox>,
    /// Storage health.
    pub storage: Rc<StorageHealth>,
    /// The relay, which reports the uploads' progress.
    pub relay: Rc<dyn Relay>,
    /// Where a group's message goes once its files are up.
    pub groups: Rc<super::groups::Groups>,
    /// Where a community post goes.
    pub communities: Rc<super::communities::Communities>,
}

/// A message whose files are all up: for the outbox (one-to-one), or to send to its group or
/// community room.
enum Ready {
    Outbox(Box<OutboxRecord>),
    Group(Box<Content>),
    Community(Box<Content>),
}

/// How far the upload of a message's files is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UploadProgress {
    /// The file being uploaded (from 1).
    pub file: usize,
    /// How many are to upload.
    pub files: usize,
    /// Bytes of it sent.
    pub sent: u64,
    /// Bytes of it to send.
    pub total: u64,
}

impl UploadProgress {
    /// The share done of the whole message, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.files == 0 {
            return 0.0;
        }
        let this = if self.total == 0 {
            0.0
        } else {
            (self.sent as f64 / self.total as f64).clamp(0.0, 1.0)
        };
        ((self.file.saturating_sub(1)) as f64 + this) / self.files as f64
    }
}

/// An upload under way.
struct Running {
    cancel: AbortHandle,
    /// Length of the blob being uploaded (its request's body is a little longer).
    blob_len: u64,
}

impl fmt::Debug for UploadParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadParts").finish_non_exhaustive()
    }
}

/// The uploads part.
pub struct Uploads {
    parts: UploadParts,
    me: SessionId,
    /// Messages whose files this tab is uploading.
    running: RefCell<HashMap<MessageKey, Running>>,
    /// Their progress, for the bubbles (kept after the upload: a bubble may still read it).
    progress: RefCell<HashMap<MessageKey, RwSignal<Option<UploadProgress>>>>,
    /// Owns the progress signals (bubbles come and go).
    owner: Owner,
}

impl fmt::Debug for Uploads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Uploads")
            .field("running", &self.running.borrow().len())
            .finish()
    }
}

impl Uploads {
    /// The part, hearing the progress of its uploads from the relay's transport.
    pub fn new(parts: UploadParts) -> Rc<Uploads> {
        let me = parts.profile.session_id();
        let relay = parts.relay.clone();
        let uploads = Rc::new(Uploads {
            parts,
            me,
            running: RefCell::new(HashMap::new()),
            progress: RefCell::new(HashMap::new()),
            // A root of its own (`new_root` makes itself current: `with` puts ours back).
            owner: Owner::new().with(|| Owner::new_root(None)),
        });
        let weak = Rc::downgrade(&uploads);
        relay.on_upload_progress(Some(Rc::new(move |len, sent, total| {
            if let Some(u) = weak.upgrade() {
                u.heard(len, sent, total);
            }
        })));
        uploads
    }

    /// Whether this tab is uploading the files of `key` (a message left sending by a tab that
    /// closed is shown as failed, to retry).
    pub fn is_running(&self, key: &MessageKey) -> bool {
        self.running.borrow().contains_key(key)
    }

    /// The progress of `key`'s upload.
    pub fn progress(&self, key: &MessageKey) -> RwSignal<Option<UploadProgress>> {
        *self
            .progress
            .borrow_mut()
            .entry(key.clone())
            .or_insert_with(|| self.owner.with(|| RwSignal::new(None)))
    }

    /// Stops the upload of `key`: its request is aborted and the message is left failed.
    pub fn cancel(&self, key: &MessageKey) {
        if let Some(r) = self.running.borrow().get(key) {
            r.cancel.abort();
        }
    }

    /// A large request's progress: it belongs to the upload whose blob it carries (the
    /// request is the blob plus the onion's few hundred bytes of framing).
    fn heard(&self, body_len: u64, sent: u64, total: u64) {
        let key = self
            .running
            .borrow()
            .iter()
            .filter(|(_, r)| r.blob_len > 0 && r.blob_len <= body_len)
            .min_by_key(|(_, r)| body_len - r.blob_len)
            .map(|(k, _)| k.clone());
        if let Some(key) = key {
            self.progress(&key).update(|p| {
                if let Some(p) = p {
                    p.sent = sent;
                    p.total = total;
                }
            });
        }
    }

    /// Marks `key` as uploading here; `None` when it already is.
    fn start(&self, key: &MessageKey) -> Option<AbortRegistration> {
        let mut running = self.running.borrow_mut();
        if running.contains_key(key) {
            return None;
        }
        let (cancel, registration) = AbortHandle::new_pair();
        running.insert(
            key.clone(),
            Running {
                cancel,
                blob_len: 0,
            },
        );
        Some(registration)
    }

    /// Sends `text` with `files` to `conv`: the message is written (as sending) before this
    /// returns, its files uploaded in the background.
    pub async fn send(
        self: &Rc<Self>,
        conv: &ConversationId,
        text: &str,
        files: Vec<PickedFile>,
    ) -> Result<(), SendError> {
        self.send_quoting(conv, text, files, None).await
    }

    /// The groups part (where group messages go).
    pub fn groups(&self) -> &Rc<super::groups::Groups> {
        &self.parts.groups
    }

    /// [`Uploads::send`] as a reply to `quote`.
    pub async fn send_quoting(
        self: &Rc<Self>,
        conv: &ConversationId,
        text: &str,
        files: Vec<PickedFile>,
        quote: Option<QuoteRecord>,
    ) -> Result<(), SendError> {
        let group = super::groups::group_of(conv).is_some();
        let room = super::communities::via_server(conv);
        // Files go to rooms, not yet to people met in them.
        if matches!(conv, ConversationId::Blinded(_)) && !files.is_empty() {
            return Err(SendError::CommunityFiles);
        }
        if !group && !room {
            conv.direct_recipient(&self.me)
                .ok_or_else(|| SendError::Unsupported(conv.clone()))?;
        }
        let p = &self.parts;
        // Replying to a request accepts it (the acceptance goes first).
        if !group && !room {
            p.outbox.accept_if_request(conv).await?;
        }
        let now = p.clock.now_ms();
        let ts = p.network.client().reserve_timestamp();
        let mut attachments = Vec::with_capacity(files.len());
        for (i, f) in files.iter().enumerate() {
            let key = format!("local:{ts}-{}-{i}", self.me.to_hex());
            let kept = p.files.put(&key, &f.data, &f.mime, now).await;
            p.storage.note(&kept);
            kept.map_err(SendError::Save)?;
            attachments.push(AttachmentRecord {
                pointer: None,
                file: Some(key),
                name: Some(f.name.clone()),
                content_type: Some(f.mime.clone()),
                size: f.data.len() as u64,
                voice: f.voice,
                width: f.size_px.map(|(w, _)| w),
                height: f.size_px.map(|(_, h)| h),
                room_file: None,
            });
        }
        let msg = MessageRecord {
            attachments,
            quote,
            expire: expiry_for(p.outbox.disappearing(conv), conv, true, ts, None),
            ..MessageRecord::new(
                conv.clone(),
                self.me,
                ts,
                text.to_owned(),
                true,
                MessageStatus::Sending,
                now,
            )
        };
        // Running before it is shown, so that it never shows as abandoned.
        let Some(registration) = self.start(&msg.key()) else {
            return Ok(());
        };
        let stored = p.store.store_outgoing(&msg, None).await;
        p.storage.note(&stored);
        if let Err(e) = stored {
            self.running.borrow_mut().remove(&msg.key());
            return Err(SendError::Save(e));
        }
        p.views.after_change(vec![conv.clone()]).await;
        p.views.scroll_to_end();
        let uploads = self.clone();
        wasm_bindgen_futures::spawn_local(async move { uploads.run(msg, registration).await });
        Ok(())
    }

    /// Uploads what `msg` still lacks, then queues it (retry; nothing when this tab is
    /// already at it).
    pub async fn upload(self: &Rc<Self>, msg: MessageRecord) {
        if let Some(registration) = self.start(&msg.key()) {
            self.run(msg, registration).await;
        }
    }

    /// [`Uploads::upload`] of a message marked running; a failure or a cancel leaves it
    /// failed.
    async fn run(&self, mut msg: MessageRecord, registration: AbortRegistration) {
        let key = msg.key();
        if msg.status != MessageStatus::Sending {
            msg.status = MessageStatus::Sending;
            self.save(&msg, None).await;
        }
        let result = Abortable::new(self.upload_all(&mut msg), registration).await;
        self.running.borrow_mut().remove(&key);
        self.progress(&key).set(None);
        match result {
            Ok(Ok(Ready::Outbox(entry))) => {
                let entry = *entry;
                if self.save(&msg, Some(&entry)).await {
                    self.parts.outbox.flush().await;
                }
            }
            Ok(Ok(Ready::Group(content))) => {
                if let Err(e) = self.parts.groups.send_content(msg, *content).await {
                    log::warn(&format!("uploads: {e}"));
                }
            }
            Ok(Ok(Ready::Community(content))) => {
                self.parts.communities.send_content(msg, *content).await;
            }
            Ok(Err(e)) => {
                log::warn(&format!("uploads: {e}"));
                msg.status = MessageStatus::Failed;
                self.save(&msg, None).await;
            }
            Err(Aborted) => {
                msg.status = MessageStatus::Failed;
                self.save(&msg, None).await;
            }
        }
    }

    /// Uploads a room post's files to the room's server, in the clear (messaging.md §6.7);
    /// each is saved once up, so a retry does not upload it again.
    async fn upload_to_room(
        &self,
        msg: &mut MessageRecord,
        room: &session_core::conversation::CommunityRoom,
    ) -> Result<(), UploadError> {
        let key = msg.key();
        let todo: Vec<usize> = (0..msg.attachments.len())
            .filter(|i| msg.attachments[*i].room_file.is_none())
            .collect();
        for (n, &i) in todo.iter().enumerate() {
            let data = self.kept_bytes(&msg.attachments[i]).await?;
            let total = data.len() as u64;
            self.progress(&key).set(Some(UploadProgress {
                file: n + 1,
                files: todo.len(),
                sent: 0,
                total,
            }));
            let id = self
                .parts
                .communities
                .upload(room, data)
                .await
                .map_err(|e| UploadError::Room(e.to_string()))?;
            msg.attachments[i].room_file = Some(RoomFile {
                server: room.server().to_owned(),
                room: room.room().to_owned(),
                id,
            });
            self.save(msg, None).await;
        }
        Ok(())
    }

    async fn upload_all(&self, msg: &mut MessageRecord) -> Result<Ready, UploadError> {
        let p = &self.parts;
        if let Some(room) = super::communities::room_of(&msg.conv).cloned() {
            self.upload_to_room(msg, &room).await?;
        }
        let fs = p.network.file_server().unwrap_or_else(FileServer::mainnet);
        let key = msg.key();
        let todo: Vec<usize> = (0..msg.attachments.len())
            .filter(|i| {
                msg.attachments[*i].pointer.is_none() && msg.attachments[*i].room_file.is_none()
            })
            .collect();
        for (n, &i) in todo.iter().enumerate() {
            let att = msg.attachments[i].clone();
            let data = self.kept_bytes(&att).await?;
            let sealed = crate::files::crypto::seal(&data)
                .await
                .map_err(|e| UploadError::Encrypt(e.to_string()))?;
            if let Some(r) = self.running.borrow_mut().get_mut(&key) {
                r.blob_len = sealed.blob.len() as u64;
            }
            self.progress(&key).set(Some(UploadProgress {
                file: n + 1,
                files: todo.len(),
                sent: 0,
                total: sealed.blob.len() as u64,
            }));
            let up = p
                .network
                .client()
                .upload_file(&fs, &sealed.blob)
                .await
                .map_err(UploadError::Network)?;
            let meta = AttachmentMeta {
                content_type: att.content_type.clone(),
                file_name: att.name.clone(),
                voice: att.voice,
                width: att.width,
                height: att.height,
                caption: None,
            };
            let a = Attachment::new(fs.url_for(up.id), sealed.secret, meta);
            msg.attachments[i].pointer = AttachmentRecord::of(&a).pointer;
            // Saved at once: a reload does not upload this file again.
            self.save(msg, None).await;
        }
        let group = super::groups::group_of(&msg.conv).is_some();
        let files: Vec<Attachment> = msg
            .attachments
            .iter()
            .filter_map(|a| a.attachment().and_then(Result::ok))
            .collect();
        let mut content = ContentBuilder::with_attachments(Some(&msg.text), &files);
        if let Some(q) = msg.quote {
            content = content.reply_to(&MessageRef::new(q.author, q.ts));
        }
        if let Some(profile) = p.profile.outgoing() {
            content = content.profile(&profile);
        }
        let mode = msg
            .expire
            .map_or(Disappearing::Off, |e| e.setting.disappearing());
        let mut content = content.build();
        expiration::stamp(&mut content, mode);
        if group {
            return Ok(Ready::Group(Box::new(content)));
        }
        if super::communities::via_server(&msg.conv) {
            return Ok(Ready::Community(Box::new(content)));
        }
        let to = msg
            .conv
            .direct_recipient(&self.me)
            .ok_or_else(|| UploadError::Storage("not a one-to-one conversation".into()))?;
        let out = p
            .network
            .client()
            .prepare_at(&to, content, msg.ts)
            .map_err(UploadError::Network)?
            .disappearing(mode);
        msg.hash = Some(out.hash().to_owned());
        Ok(Ready::Outbox(Box::new(OutboxRecord::new(
            msg.key(),
            OutboxEntry::new(out, p.clock.now_ms()),
        ))))
    }

    async fn kept_bytes(&self, att: &AttachmentRecord) -> Result<Vec<u8>, UploadError> {
        let key = att.file.as_deref().ok_or(UploadError::Missing)?;
        let kept = self
            .parts
            .files
            .get(key)
            .await
            .map_err(|e| UploadError::Storage(e.to_string()))?
            .ok_or(UploadError::Missing)?;
        crate::util::browser::blob_bytes(&kept.blob)
            .await
            .ok_or_else(|| UploadError::Storage("a kept file cannot be read".into()))
    }

    async fn save(&self, msg: &MessageRecord, entry: Option<&OutboxRecord>) -> bool {
        let p = &self.parts;
        let saved = p.store.save_message(msg, entry).await;
        p.storage.note(&saved);
        p.views.after_change(vec![msg.conv.clone()]).await;
        match saved {
            Ok(()) => true,
            Err(e) => {
                log::error(&format!("uploads: could not save a message: {e}"));
                false
            }
        }
    }
}
