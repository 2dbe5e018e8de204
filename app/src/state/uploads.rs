//! The uploads part: a message with files. It is written at once (shown as sending, its files
//! kept in the files store under local keys, its timestamp reserved), then each file is
//! encrypted (WebCrypto) and uploaded through onion v4 to the file server, one after the
//! other, the message saved after each so that a file is never uploaded twice. Once all are
//! up, the message is encrypted with their pointers and handed to the outbox like any other.
//! A failed upload leaves the message failed; "retry" uploads what is missing.

use session_core::attachment::file_server::FileServer;
use session_core::attachment::pointer::{Attachment, AttachmentMeta};
use session_core::client::{ClientError, OutboxEntry};
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;

use super::network::Network;
use super::outbox::{Outbox, SendError};
use super::profile::Profile;
use super::storage_health::StorageHealth;
use super::views::Views;
use crate::ports::{Clock, FileStore, Store};
use crate::storage::{AttachmentRecord, MessageKey, MessageRecord, MessageStatus, OutboxRecord};
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
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadError::Missing => f.write_str("a file of this message is no longer kept"),
            UploadError::Encrypt(e) => write!(f, "a file could not be encrypted: {e}"),
            UploadError::Network(e) => write!(f, "upload failed: {e}"),
            UploadError::Storage(e) => write!(f, "storage failed: {e}"),
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
    running: RefCell<HashSet<MessageKey>>,
}

impl fmt::Debug for Uploads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Uploads")
            .field("running", &self.running.borrow().len())
            .finish()
    }
}

impl Uploads {
    /// The part.
    pub fn new(parts: UploadParts) -> Uploads {
        let me = parts.profile.session_id();
        Uploads {
            parts,
            me,
            running: RefCell::new(HashSet::new()),
        }
    }

    /// Whether this tab is uploading the files of `key` (a message left sending by a tab that
    /// closed is shown as failed, to retry).
    pub fn is_running(&self, key: &MessageKey) -> bool {
        self.running.borrow().contains(key)
    }

    /// Sends `text` with `files` to `conv`: the message is written (as sending) before this
    /// returns, its files uploaded in the background.
    pub async fn send(
        self: &Rc<Self>,
        conv: &ConversationId,
        text: &str,
        files: Vec<PickedFile>,
    ) -> Result<(), SendError> {
        conv.direct_recipient(&self.me)
            .ok_or_else(|| SendError::Unsupported(conv.clone()))?;
        let p = &self.parts;
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
                width: None,
                height: None,
            });
        }
        let msg = MessageRecord {
            conv: conv.clone(),
            author: self.me,
            ts,
            text: text.to_owned(),
            outgoing: true,
            status: MessageStatus::Sending,
            hash: None,
            stored_ms: now,
            sent_ms: None,
            attachments,
        };
        // Running before it is shown, so that it never shows as abandoned.
        self.running.borrow_mut().insert(msg.key());
        let stored = p.store.store_outgoing(&msg, None).await;
        p.storage.note(&stored);
        if let Err(e) = stored {
            self.running.borrow_mut().remove(&msg.key());
            return Err(SendError::Save(e));
        }
        p.views.after_change(vec![conv.clone()]).await;
        p.views.scroll_to_end();
        let uploads = self.clone();
        wasm_bindgen_futures::spawn_local(async move { uploads.run(msg).await });
        Ok(())
    }

    /// Uploads what `msg` still lacks, then queues it (retry; nothing when this tab is
    /// already at it).
    pub async fn upload(self: &Rc<Self>, msg: MessageRecord) {
        if self.running.borrow_mut().insert(msg.key()) {
            self.run(msg).await;
        }
    }

    /// [`Uploads::upload`] of a message marked running; a failure leaves it failed.
    async fn run(&self, mut msg: MessageRecord) {
        let key = msg.key();
        if msg.status != MessageStatus::Sending {
            msg.status = MessageStatus::Sending;
            self.save(&msg, None).await;
        }
        let result = self.upload_all(&mut msg).await;
        self.running.borrow_mut().remove(&key);
        match result {
            Ok(entry) => {
                if self.save(&msg, Some(&entry)).await {
                    self.parts.outbox.flush().await;
                }
            }
            Err(e) => {
                log::warn(&format!("uploads: {e}"));
                msg.status = MessageStatus::Failed;
                self.save(&msg, None).await;
            }
        }
    }

    async fn upload_all(&self, msg: &mut MessageRecord) -> Result<OutboxRecord, UploadError> {
        let p = &self.parts;
        let fs = p.network.file_server().unwrap_or_else(FileServer::mainnet);
        for i in 0..msg.attachments.len() {
            if msg.attachments[i].pointer.is_some() {
                continue;
            }
            let att = msg.attachments[i].clone();
            let data = self.kept_bytes(&att).await?;
            let sealed = crate::files::crypto::seal(&data)
                .await
                .map_err(|e| UploadError::Encrypt(e.to_string()))?;
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
        let to = msg
            .conv
            .direct_recipient(&self.me)
            .ok_or_else(|| UploadError::Storage("not a one-to-one conversation".into()))?;
        let files: Vec<Attachment> = msg
            .attachments
            .iter()
            .filter_map(|a| a.attachment().and_then(Result::ok))
            .collect();
        let mut content = ContentBuilder::with_attachments(Some(&msg.text), &files);
        if let Some(profile) = p.profile.outgoing() {
            content = content.profile(&profile);
        }
        let out = p
            .network
            .client()
            .prepare_at(&to, content.build(), msg.ts)
            .map_err(UploadError::Network)?;
        msg.hash = Some(out.hash().to_owned());
        Ok(OutboxRecord::new(
            msg.key(),
            OutboxEntry::new(out, p.clock.now_ms()),
        ))
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
