//! The avatars part: ours and our contacts' pictures (messaging.md §5.9, §6.6).
//!
//! - Ours: a chosen picture is checked to be a raster image by its bytes, cropped to a centred
//!   square and scaled to at most [`MAX_SIDE`] pixels in the browser (re-encoded as JPEG, so
//!   nothing of the chosen file but its pixels is sent), encrypted under a fresh profile key
//!   (AES-256-GCM, as the official apps do), uploaded through onion v4, and handed to the
//!   profile, which sends it with our messages and puts it in the account's settings.
//!   "Remove" hands the profile none.
//! - Theirs: the avatar a contact's profile names (stored on the conversation's summary) is
//!   downloaded through the engine, opened with its key, and shown only when its bytes are a
//!   raster image (never markup); kept in the files store so that a reload shows it at once.
//!
//! Each avatar (URL and key) has one signal for the tab's lifetime and one `blob:` URL; the
//! [`crate::components::avatar::Avatar`] component watches the one its Session ID names and
//! shows the letter while there is none.

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::attachment::avatar;
use session_core::attachment::content_type::{self, MediaKind};
use session_core::attachment::file_server::{FileServer, FileServerError};
use session_core::attachment::url::{FileUrl, UrlError};
use session_core::attachment::AttachmentError;
use session_core::client::ClientError;
use session_core::conversation::ConversationId;
use session_core::crypto::hash::blake2b_n;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::context::Part;
use super::network::Network;
use super::profile::{Profile, ProfileError};
use super::storage_health::StorageHealth;
use crate::ports::{Clock, FileStore};
use crate::storage::records::AvatarRef;
use crate::storage::ConversationRecord;
use crate::t;
use crate::util::picture::{self, PictureError};
use crate::util::{browser, log};

/// The longest side of the picture we upload, in pixels (what the desktop app scales to).
pub const MAX_SIDE: u32 = 600;
/// The largest file offered as an avatar before it is scaled.
pub const MAX_CHOSEN_BYTES: f64 = 30_000_000.0;
/// How long after a failed download (the network, not the file) it may be tried again.
const RETRY_AFTER_MS: u64 = 60_000;

/// Where an avatar stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarView {
    /// Not fetched yet.
    Idle,
    /// Being read, downloaded or opened.
    Loading,
    /// Ready, at a `blob:` URL.
    Ready(String),
    /// It could not be shown; a download that failed on the way may be tried again later
    /// (`retry`), a file that did not open or is not a picture is final (as the official apps
    /// treat it).
    Failed {
        /// When it failed.
        at_ms: u64,
        /// Whether it may be tried again.
        retry: bool,
    },
}

impl AvatarView {
    /// The `blob:` URL, when ready.
    pub fn url(&self) -> Option<String> {
        match self {
            AvatarView::Ready(url) => Some(url.clone()),
            _ => None,
        }
    }
}

/// Why an avatar could not be set or shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AvatarError {
    /// The file's bytes are not a picture this app reads (or the download's are not).
    NotAPicture,
    /// The chosen file is larger than [`MAX_CHOSEN_BYTES`].
    TooLarge {
        /// Its size.
        size: u64,
    },
    /// The browser could not decode the picture.
    Unreadable,
    /// The browser could not draw or encode the square picture.
    Resize,
    /// Setting one is already under way.
    Busy,
    /// It could not be encrypted.
    Encrypt(AttachmentError),
    /// The upload failed.
    Upload(ClientError),
    /// The profile could not be saved.
    Profile(ProfileError),
    /// The avatar's URL is unusable.
    Url(UrlError),
    /// The download failed.
    Download(ClientError),
    /// The downloaded file did not open with its key.
    Refused(AttachmentError),
}

impl AvatarError {
    /// Whether trying again later may work: only a failed download, and not one the server
    /// answered with "no such file".
    pub fn is_transient(&self) -> bool {
        matches!(self, AvatarError::Download(e)
            if !matches!(e, ClientError::FileServer(FileServerError::NotFound)))
    }
}

impl fmt::Display for AvatarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            AvatarError::NotAPicture => t!("groups-picture-not-a-picture"),
            AvatarError::TooLarge { size } => t!(
                "groups-picture-too-large",
                size = size / 1_000_000,
                max = MAX_CHOSEN_BYTES / 1_000_000.0
            ),
            AvatarError::Unreadable => t!("groups-picture-unreadable"),
            AvatarError::Resize => t!("groups-picture-resize"),
            AvatarError::Busy => t!("groups-picture-busy"),
            AvatarError::Encrypt(e) => t!("groups-picture-encrypt", error = e.to_string()),
            AvatarError::Upload(e) => t!("groups-picture-upload", error = e.to_string()),
            AvatarError::Profile(e) => t!("groups-picture-profile", error = e.to_string()),
            AvatarError::Url(e) => t!("groups-picture-url", error = e.to_string()),
            AvatarError::Download(e) => t!("groups-picture-download", error = e.to_string()),
            AvatarError::Refused(e) => t!("groups-picture-refused", error = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AvatarError {}

/// The key an avatar is kept under in the files store: a hash of its URL and key, so the key
/// appears in no store's key list and a new key is a new file.
pub fn cache_key(r: &AvatarRef) -> String {
    let h: [u8; 20] = blake2b_n(&[b"session-web avatar", r.url.as_bytes(), r.key.as_bytes()]);
    format!("avatar:{}", hex::encode(h))
}

/// The avatar a list of summaries gives the conversation `id`.
pub fn avatar_in(list: &[ConversationRecord], id: &ConversationId) -> Option<AvatarRef> {
    list.iter()
        .find(|c| c.id == *id)
        .and_then(|c| c.avatar.clone())
}

/// What the avatars part is built over.
pub struct AvatarParts {
    /// Kept pictures.
    pub files: Rc<dyn FileStore>,
    /// Time.
    pub clock: Rc<dyn Clock>,
    /// The engine and the file server.
    pub network: Rc<Network>,
    /// Our profile (and its avatar).
    pub profile: Rc<Profile>,
    /// The summaries, with the contacts' avatars.
    pub conversations: RwSignal<Vec<ConversationRecord>>,
    /// Storage health.
    pub storage: Rc<StorageHealth>,
}

impl fmt::Debug for AvatarParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AvatarParts").finish_non_exhaustive()
    }
}

/// The avatars part.
pub struct Avatars {
    parts: AvatarParts,
    me: String,
    views: RefCell<HashMap<String, RwSignal<AvatarView>>>,
    /// Owns the avatars' signals: they outlive the components that show them.
    owner: Owner,
    /// Setting or removing ours is under way.
    pub busy: RwSignal<bool>,
}

impl fmt::Debug for Avatars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Avatars")
            .field("known", &self.views.borrow().len())
            .finish_non_exhaustive()
    }
}

impl Avatars {
    /// The part over `parts`.
    pub fn new(parts: AvatarParts) -> Avatars {
        let me = parts.profile.session_id().to_hex();
        // A root of its own (`new_root` makes itself current: `with` puts the caller's back).
        let owner = Owner::new().with(|| Owner::new_root(None));
        let busy = owner.with(|| RwSignal::new(false));
        Avatars {
            parts,
            me,
            views: RefCell::new(HashMap::new()),
            owner,
            busy,
        }
    }

    /// The signal of the avatar `r`.
    pub fn view(&self, r: &AvatarRef) -> RwSignal<AvatarView> {
        *self
            .views
            .borrow_mut()
            .entry(cache_key(r))
            .or_insert_with(|| self.owner.with(|| RwSignal::new(AvatarView::Idle)))
    }

    /// The avatar the Session ID (or conversation ID) `id` has now: ours for our own ID, else
    /// the one its conversation's summary names.
    pub fn source(&self, id: &str) -> Memo<Option<AvatarRef>> {
        if id == self.me {
            let ours = self.parts.profile.avatar;
            Memo::new(move |_| ours.get())
        } else {
            let list = self.parts.conversations;
            // An ID that names no conversation has no avatar (parsed once, not per change).
            let id = id.parse::<ConversationId>().ok();
            Memo::new(move |_| {
                let id = id.as_ref()?;
                list.with(|l| avatar_in(l, id))
            })
        }
    }

    /// The `blob:` URL of `id`'s avatar as it becomes ready, fetched when it is needed. Call
    /// it in the component that shows it: what it sets up goes with that component.
    pub fn watch(self: &Rc<Self>, id: &str) -> Signal<Option<String>> {
        let source = self.source(id);
        let part: Part<Avatars> = StoredValue::new_local(self.clone());
        Effect::new(move |_| {
            if let Some(r) = source.get() {
                part.with_value(|a| a.ensure(&r));
            }
        });
        Signal::derive(move || {
            let r = source.get()?;
            part.try_with_value(|a| a.view(&r))?.get().url()
        })
    }

    /// Starts showing `r` unless it is shown, under way, or failed for good (or too recently).
    pub fn ensure(self: &Rc<Self>, r: &AvatarRef) {
        let view = self.view(r);
        let due = match view.get_untracked() {
            AvatarView::Idle => true,
            AvatarView::Failed { at_ms, retry } => {
                retry && self.parts.clock.now_ms().saturating_sub(at_ms) >= RETRY_AFTER_MS
            }
            AvatarView::Loading | AvatarView::Ready(_) => false,
        };
        if !due {
            return;
        }
        view.set(AvatarView::Loading);
        let this = self.clone();
        let r = r.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let next = this.load(&r).await;
            view.set(next);
        });
    }

    /// The avatar from the kept files, else downloaded, opened, checked and kept.
    async fn load(&self, r: &AvatarRef) -> AvatarView {
        let key = cache_key(r);
        match self.parts.files.get(&key).await {
            Ok(Some(file)) => return self.shown(&file.blob),
            Ok(None) => {}
            Err(e) => log::warn(&format!("avatars: could not read a kept picture: {e}")),
        }
        let (data, mime) = match self.download(r).await {
            Ok(got) => got,
            Err(e) => {
                log::warn(&format!("avatars: {e}"));
                return AvatarView::Failed {
                    at_ms: self.parts.clock.now_ms(),
                    retry: e.is_transient(),
                };
            }
        };
        self.keep(&key, &data, mime).await;
        match crate::storage::files::blob_of(&data, mime) {
            Ok(blob) => self.shown(&blob),
            Err(e) => {
                log::warn(&format!("avatars: {e}"));
                AvatarView::Failed {
                    at_ms: self.parts.clock.now_ms(),
                    retry: false,
                }
            }
        }
    }

    /// Downloads and opens `r`: its bytes and the image type they are.
    async fn download(&self, r: &AvatarRef) -> Result<(Vec<u8>, &'static str), AvatarError> {
        let url = FileUrl::parse(&r.url).map_err(AvatarError::Url)?;
        let key = r
            .key_bytes()
            .ok_or(AvatarError::Refused(AttachmentError::BadKey {
                len: r.key.len() / 2,
            }))?;
        let default = self
            .parts
            .network
            .file_server()
            .unwrap_or_else(FileServer::mainnet);
        let blob = self
            .parts
            .network
            .client()
            .download_file(&url, &default)
            .await
            .map_err(AvatarError::Download)?;
        let data = avatar::open(&url, &blob, &key[..]).map_err(AvatarError::Refused)?;
        let mime = picture_type(&data).ok_or(AvatarError::NotAPicture)?;
        Ok((data, mime))
    }

    /// Keeps a picture; one that cannot be kept is shown all the same (and fetched again
    /// next time).
    async fn keep(&self, key: &str, data: &[u8], mime: &str) {
        let kept = self
            .parts
            .files
            .put(key, data, mime, self.parts.clock.now_ms())
            .await;
        self.parts.storage.note(&kept);
        if let Err(e) = kept {
            log::warn(&format!("avatars: could not keep a picture: {e}"));
        }
    }

    fn shown(&self, blob: &web_sys::Blob) -> AvatarView {
        match web_sys::Url::create_object_url_with_blob(blob) {
            Ok(url) => AvatarView::Ready(url),
            Err(_) => AvatarView::Failed {
                at_ms: self.parts.clock.now_ms(),
                retry: false,
            },
        }
    }

    /// Makes the chosen `file` our avatar: checked, squared and scaled, then as
    /// [`Avatars::set_own`].
    pub async fn choose(&self, file: web_sys::Blob) -> Result<(), AvatarError> {
        self.busy_while(async {
            let r = self.choose_picture(file).await?;
            self.parts
                .profile
                .set_avatar(Some(r))
                .await
                .map_err(AvatarError::Profile)
        })
        .await
    }

    /// Makes `image` (a JPEG or PNG already scaled) our avatar: encrypted under a fresh
    /// profile key, uploaded, kept (so it shows without a download) and handed to the profile.
    pub async fn set_own(&self, image: &[u8]) -> Result<(), AvatarError> {
        self.busy_while(self.upload(image)).await
    }

    async fn upload(&self, image: &[u8]) -> Result<(), AvatarError> {
        let r = self.upload_picture(image).await?;
        self.parts
            .profile
            .set_avatar(Some(r))
            .await
            .map_err(AvatarError::Profile)
    }

    /// Checks, squares and scales a chosen picture, as [`Avatars::choose`] does, and uploads
    /// it encrypted under a fresh key (for a group's picture); kept here so it shows at once.
    pub async fn choose_picture(&self, file: web_sys::Blob) -> Result<AvatarRef, AvatarError> {
        let size = file.size();
        if size > MAX_CHOSEN_BYTES {
            return Err(AvatarError::TooLarge { size: size as u64 });
        }
        let head = browser::blob_bytes(
            &file
                .slice_with_f64_and_f64(0.0, 64.0)
                .map_err(|_| AvatarError::Unreadable)?,
        )
        .await
        .ok_or(AvatarError::Unreadable)?;
        picture_type(&head).ok_or(AvatarError::NotAPicture)?;
        let square = square_picture(&file, MAX_SIDE).await?;
        self.upload_picture(&square).await
    }

    /// Encrypts `image` under a fresh key, uploads it and keeps it: the reference to share.
    pub async fn upload_picture(&self, image: &[u8]) -> Result<AvatarRef, AvatarError> {
        let mime = picture_type(image).ok_or(AvatarError::NotAPicture)?;
        let sealed = avatar::encrypt_random(image, &mut OsRng).map_err(AvatarError::Encrypt)?;
        let network = &self.parts.network;
        let fs = network.file_server().unwrap_or_else(FileServer::mainnet);
        let up = network
            .client()
            .upload_file(&fs, &sealed.blob)
            .await
            .map_err(AvatarError::Upload)?;
        let r = AvatarRef::new(&fs.url_for(up.id).to_string(), &sealed.key);
        self.keep(&cache_key(&r), image, mime).await;
        Ok(r)
    }

    /// Removes our avatar: our next messages and the account's settings say we have none.
    pub async fn remove_own(&self) -> Result<(), AvatarError> {
        self.busy_while(async {
            self.parts
                .profile
                .set_avatar(None)
                .await
                .map_err(AvatarError::Profile)
        })
        .await
    }

    async fn busy_while(
        &self,
        work: impl std::future::Future<Output = Result<(), AvatarError>>,
    ) -> Result<(), AvatarError> {
        if self.busy.get_untracked() {
            return Err(AvatarError::Busy);
        }
        self.busy.set(true);
        let out = work.await;
        self.busy.set(false);
        out
    }
}

/// The image type `bytes` are, when a raster picture this app shows.
pub fn picture_type(bytes: &[u8]) -> Option<&'static str> {
    content_type::sniff(bytes)
        .filter(|s| s.kind == MediaKind::Image)
        .map(|s| s.mime)
}

/// The centred square of the picture in `file`, scaled to at most `max` pixels a side, as a
/// JPEG (on white, for pictures with transparency); see [`picture::square`].
pub async fn square_picture(file: &web_sys::Blob, max: u32) -> Result<Vec<u8>, AvatarError> {
    let blob = picture::square(file, max).await.map_err(|e| match e {
        PictureError::Unreadable => AvatarError::Unreadable,
        _ => AvatarError::Resize,
    })?;
    browser::blob_bytes(&blob)
        .await
        .ok_or(AvatarError::Unreadable)
}
