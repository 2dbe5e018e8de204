//! The files part: attachments' bytes for the screens. A file shows from the files store when
//! it was kept there; otherwise it is downloaded through the engine (onion v4 to its file
//! server), checked and decrypted, kept, then shown. Whatever the sender claims, the bytes
//! decide how a file is shown: as an image, a player, or a download only (never markup).
//!
//! Each file has one signal shared by every bubble that shows it, and one object URL for the
//! tab's lifetime (revoked when the kept files are cleared).

use futures::future::{AbortHandle, Abortable, Aborted};
use leptos::prelude::*;
use session_core::attachment::content_type::{self, MediaKind};
use session_core::attachment::file_server::{FileServer, FileServerError};
use session_core::attachment::AttachmentError;
use session_core::client::ClientError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::network::Network;
use super::storage_health::StorageHealth;
use crate::ports::{Boxed, CachedFile, Clock, FileStore, FileUsage, Relay};
use crate::storage::{AttachmentRecord, RoomFile};
use crate::t;
use crate::util::{log, picture};

/// What a file's place in a bubble shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileView {
    /// Not fetched: offered as a download.
    Idle,
    /// Being downloaded and checked.
    Loading,
    /// Ready, at an object URL.
    Ready(Shown),
    /// The file server no longer has it.
    Expired,
    /// It could not be fetched or did not check out (why, for the user).
    Failed(String),
}

/// Pictures larger than this are shown inline through a smaller copy made in the browser.
pub const THUMBNAIL_FROM_BYTES: u64 = 200_000;
/// The longest side of that copy, in pixels.
pub const THUMBNAIL_SIDE: u32 = 640;

/// A file ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its `blob:` URL.
    pub url: String,
    /// The `blob:` URL of a smaller copy of a large picture, to show inline.
    pub thumb: Option<String>,
    /// How it shows inline, when its bytes are a kind this app shows.
    pub kind: Option<MediaKind>,
    /// The type it is kept as.
    pub mime: String,
}

/// Why a file cannot be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// The message's pointer is unusable.
    Pointer(String),
    /// The relay named no file server yet.
    NoFileServer,
    /// The download failed.
    Download(ClientError),
    /// The bytes did not check out (digest, MAC, size): nothing was kept.
    Refused(String),
    /// It could not be kept or read back.
    Storage(String),
    /// The community's server did not give it.
    Room(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Pointer(e) => f.write_str(&t!("chat-fetch-pointer", reason = e.as_str())),
            FetchError::NoFileServer => f.write_str(&t!("chat-fetch-no-file-server")),
            FetchError::Download(e) => {
                f.write_str(&t!("chat-fetch-download", reason = e.to_string()))
            }
            FetchError::Refused(e) => f.write_str(&t!("chat-fetch-refused", reason = e.as_str())),
            FetchError::Storage(e) => f.write_str(&t!("chat-fetch-storage", reason = e.as_str())),
            FetchError::Room(e) => f.write_str(&t!("chat-fetch-room", reason = e.as_str())),
        }
    }
}

impl std::error::Error for FetchError {}

/// Bytes of a download received, of how many.
pub type Received = (u64, u64);

/// The key a file is kept under: ours under their local key, others' under their URL.
pub fn file_key(att: &AttachmentRecord) -> Option<String> {
    if let Some(k) = &att.file {
        return Some(k.clone());
    }
    if let Some(f) = &att.room_file {
        return Some(f.key());
    }
    match att.attachment()? {
        Ok(a) => Some(a.url.to_string()),
        Err(_) => None,
    }
}

/// Whether a file is fetched as soon as it is on screen (pictures and sound, as the official
/// apps do); other files wait for the user.
pub fn fetch_at_once(att: &AttachmentRecord) -> bool {
    let claimed = att.content_type.as_deref().unwrap_or("");
    att.voice || claimed.starts_with("image/") || claimed.starts_with("audio/")
}

/// The files part.
pub struct Files {
    store: Rc<dyn FileStore>,
    clock: Rc<dyn Clock>,
    network: Rc<Network>,
    storage: Rc<StorageHealth>,
    views: RefCell<HashMap<String, RwSignal<FileView>>>,
    urls: RefCell<Vec<String>>,
    /// Downloads under way: to cancel, and the blob length each expects (its progress is
    /// told apart from other replies by it).
    downloads: RefCell<HashMap<String, (AbortHandle, u64)>>,
    /// Their progress: bytes received of how many.
    progress: RefCell<HashMap<String, RwSignal<Option<Received>>>>,
    /// Owns the files' signals: they outlive the bubbles that show them (a bubble is made
    /// again whenever its conversation changes).
    owner: Owner,
    /// Fetches a community room's file (the communities part, which knows the rooms).
    room_fetch: RefCell<Option<RoomFetch>>,
}

/// Fetches the bytes of a room's file, or says why not.
pub type RoomFetch = Rc<dyn Fn(RoomFile) -> Boxed<'static, Result<Vec<u8>, String>>>;

impl fmt::Debug for Files {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Files")
            .field("shown", &self.views.borrow().len())
            .finish_non_exhaustive()
    }
}

impl Files {
    /// The files kept in `store`, fetched through `network`, their progress heard from
    /// `relay`.
    pub fn new(
        store: Rc<dyn FileStore>,
        clock: Rc<dyn Clock>,
        network: Rc<Network>,
        storage: Rc<StorageHealth>,
        relay: Rc<dyn Relay>,
    ) -> Rc<Files> {
        let files = Rc::new(Files {
            store,
            clock,
            network,
            storage,
            views: RefCell::new(HashMap::new()),
            urls: RefCell::new(Vec::new()),
            downloads: RefCell::new(HashMap::new()),
            progress: RefCell::new(HashMap::new()),
            // A root of its own (`new_root` makes itself the current owner: `with` puts the
            // caller's back).
            owner: Owner::new().with(|| Owner::new_root(None)),
            room_fetch: RefCell::new(None),
        });
        let weak = Rc::downgrade(&files);
        relay.on_download_progress(Some(Rc::new(move |len, received| {
            if let Some(f) = weak.upgrade() {
                f.heard(len, received);
            }
        })));
        files
    }

    /// The progress of `key`'s download: bytes received of how many.
    pub fn progress(&self, key: &str) -> RwSignal<Option<Received>> {
        *self
            .progress
            .borrow_mut()
            .entry(key.to_owned())
            .or_insert_with(|| self.owner.with(|| RwSignal::new(None)))
    }

    /// A large reply's progress: it belongs to the download whose blob it carries (the reply
    /// is the blob plus the onion's few hundred bytes of framing).
    fn heard(&self, reply_len: u64, received: u64) {
        let key = self
            .downloads
            .borrow()
            .iter()
            .filter(|(_, (_, blob))| *blob > 0 && *blob <= reply_len)
            .min_by_key(|(_, (_, blob))| reply_len - blob)
            .map(|(k, _)| k.clone());
        if let Some(key) = key {
            self.progress(&key).set(Some((received, reply_len)));
        }
    }

    /// The signal of the file `key`.
    pub fn view(&self, key: &str) -> RwSignal<FileView> {
        *self
            .views
            .borrow_mut()
            .entry(key.to_owned())
            .or_insert_with(|| self.owner.with(|| RwSignal::new(FileView::Idle)))
    }

    /// Shows `att`: from the kept files, else downloaded (unless `download` is false, when
    /// it stays offered). Concurrent calls for one file fetch it once.
    pub async fn show(&self, att: &AttachmentRecord, download: bool) {
        let Some(key) = file_key(att) else {
            let why = match att.attachment() {
                Some(Err(e)) => e.to_string(),
                _ => t!("chat-fetch-no-file"),
            };
            if let Some(k) = att.pointer.clone() {
                self.view(&k)
                    .set(FileView::Failed(FetchError::Pointer(why).to_string()));
            }
            return;
        };
        let view = self.view(&key);
        if matches!(view.get_untracked(), FileView::Ready(_) | FileView::Loading) {
            return;
        }
        match self.store.get(&key).await {
            Ok(Some(file)) => {
                view.set(FileView::Ready(self.shown(file).await));
                return;
            }
            Ok(None) => {}
            Err(e) => log::warn(&format!("files: could not read a kept file: {e}")),
        }
        if !download {
            return;
        }
        view.set(FileView::Loading);
        let (cancel, registration) = AbortHandle::new_pair();
        let expected = att
            .attachment()
            .and_then(Result::ok)
            .and_then(|a| a.blob_len())
            .unwrap_or(0);
        self.downloads
            .borrow_mut()
            .insert(key.clone(), (cancel, expected));
        self.progress(&key).set(None);
        let fetched = Abortable::new(self.fetch(att, &key), registration).await;
        self.downloads.borrow_mut().remove(&key);
        let next = match fetched {
            Ok(Ok(shown)) => FileView::Ready(shown),
            Ok(Err(FetchError::Download(ClientError::FileServer(FileServerError::NotFound)))) => {
                FileView::Expired
            }
            Ok(Err(e)) => FileView::Failed(e.to_string()),
            // Cancelled: offered again.
            Err(Aborted) => FileView::Idle,
        };
        view.set(next);
    }

    /// Stops the download of `key` (its request is aborted).
    pub fn cancel(&self, key: &str) {
        if let Some((d, _)) = self.downloads.borrow().get(key) {
            d.abort();
        }
    }

    /// Where rooms' files come from.
    pub fn fetch_rooms_with(&self, fetch: RoomFetch) {
        *self.room_fetch.borrow_mut() = Some(fetch);
    }

    /// Downloads, checks, decrypts and keeps the file; nothing is kept of one that fails.
    async fn fetch(&self, att: &AttachmentRecord, key: &str) -> Result<Shown, FetchError> {
        if let Some(file) = &att.room_file {
            // A room's files are in the clear on its server.
            let fetch = self.room_fetch.borrow().clone();
            let fetch = fetch.ok_or_else(|| FetchError::Pointer(t!("chat-fetch-no-community")))?;
            let data = fetch(file.clone()).await.map_err(FetchError::Room)?;
            return self.keep(att, key, data).await;
        }
        let a = match att.attachment() {
            Some(Ok(a)) => a,
            Some(Err(e)) => return Err(FetchError::Pointer(e.to_string())),
            None => return Err(FetchError::Pointer(t!("chat-fetch-no-file"))),
        };
        let default = self
            .network
            .file_server()
            .unwrap_or_else(FileServer::mainnet);
        let blob = self
            .network
            .client()
            .download_file(&a.url, &default)
            .await
            .map_err(FetchError::Download)?;
        let data = crate::files::crypto::open(&a, &blob)
            .await
            .map_err(|e| FetchError::Refused(refusal(&e)))?;
        self.keep(att, key, data).await
    }

    /// Keeps a fetched file's bytes under `key`, typed as its bytes say, and shows them.
    async fn keep(
        &self,
        att: &AttachmentRecord,
        key: &str,
        data: Vec<u8>,
    ) -> Result<Shown, FetchError> {
        let mime = match content_type::agrees(att.content_type.as_deref(), &data) {
            Some(s) => s.mime,
            None => "application/octet-stream",
        };
        let stored = self.store.put(key, &data, mime, self.clock.now_ms()).await;
        self.storage.note(&stored);
        if let Err(e) = stored {
            // Shown all the same; it is downloaded again next time.
            log::warn(&format!("files: could not keep a file: {e}"));
        }
        let blob = crate::storage::files::blob_of(&data, mime)
            .map_err(|e| FetchError::Storage(e.to_string()))?;
        Ok(self
            .shown(CachedFile {
                blob,
                mime: mime.to_owned(),
                size: data.len() as u64,
            })
            .await)
    }

    async fn shown(&self, file: CachedFile) -> Shown {
        let url = self.object_url(&file.blob);
        let kind = match file.mime.split('/').next() {
            Some("image") => Some(MediaKind::Image),
            Some("video") => Some(MediaKind::Video),
            Some("audio") => Some(MediaKind::Audio),
            _ => None,
        };
        // A large picture is decoded once here, small, rather than at full size in every
        // bubble; the lightbox shows the original. GIFs keep their animation.
        let thumb = if kind == Some(MediaKind::Image)
            && file.size > THUMBNAIL_FROM_BYTES
            && file.mime != "image/gif"
        {
            match picture::thumbnail(&file.blob, THUMBNAIL_SIDE).await {
                Ok(small) => Some(self.object_url(&small)),
                Err(e) => {
                    log::warn(&format!("files: no thumbnail: {e}"));
                    None
                }
            }
        } else {
            None
        };
        Shown {
            url,
            thumb,
            kind,
            mime: file.mime,
        }
    }

    fn object_url(&self, blob: &web_sys::Blob) -> String {
        let url = web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default();
        self.urls.borrow_mut().push(url.clone());
        url
    }

    /// What the kept files take.
    pub async fn usage(&self) -> Option<FileUsage> {
        match self.store.usage().await {
            Ok(u) => Some(u),
            Err(e) => {
                log::warn(&format!("files: {e}"));
                None
            }
        }
    }

    /// Removes the kept files except `keep` (ours still to upload); what was shown is
    /// downloaded again when next seen.
    pub async fn clear(&self, keep: &[String]) -> bool {
        let cleared = self.store.clear(keep).await;
        self.storage.note(&cleared);
        if cleared.is_err() {
            return false;
        }
        for url in self.urls.borrow_mut().drain(..) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        for (key, view) in self.views.borrow().iter() {
            if !keep.contains(key) {
                view.set(FileView::Idle);
            }
        }
        true
    }
}

/// Why a downloaded file was refused, in words (the core's reasons, said in the user's
/// language).
fn refusal(e: &AttachmentError) -> String {
    match e {
        AttachmentError::TooLarge { size } => t!(
            "chat-refused-too-large",
            size = *size,
            max = session_core::attachment::MAX_ATTACHMENT_BYTES
        ),
        AttachmentError::BadKey { len } => t!("chat-refused-bad-key", count = *len),
        AttachmentError::Truncated { len } => t!("chat-refused-truncated", count = *len),
        AttachmentError::MissingDigest => t!("chat-refused-no-digest"),
        AttachmentError::DigestMismatch => t!("chat-refused-digest"),
        AttachmentError::BadMac => t!("chat-refused-mac"),
        AttachmentError::BadPadding => t!("chat-refused-malformed"),
        AttachmentError::UnknownFormat => t!("chat-refused-format"),
        AttachmentError::SizeMismatch { expected, got } => {
            t!("chat-refused-size", expected = *expected, got = *got)
        }
        other => other.to_string(),
    }
}

/// A size as people read it: "512 B", "14 KB", "3.2 MB" (decimal units, as file managers
/// and the official apps show them).
pub fn format_size(bytes: u64) -> String {
    const KB: f64 = 1_000.0;
    let b = bytes as f64;
    if b < KB {
        t!("chat-size-bytes", size = bytes.to_string())
    } else if b < KB * KB {
        t!("chat-size-kb", size = format!("{:.0}", b / KB))
    } else if b < 10.0 * KB * KB {
        t!("chat-size-mb", size = format!("{:.1}", b / (KB * KB)))
    } else {
        t!("chat-size-mb", size = format!("{:.0}", b / (KB * KB)))
    }
}
