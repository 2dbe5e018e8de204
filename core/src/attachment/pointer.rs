//! The attachment pointer a message carries (messaging.md §4.5), as a typed value: where the
//! file is, the key that opens it and what the sender said about it. Reading one from a message
//! checks every field; opening the downloaded blob picks the scheme from the key (§6.1).

use super::url::{FileUrl, UrlError};
use super::{deterministic, legacy, AttachmentError};
use crate::proto::session::{attachment_pointer, AttachmentPointer, DataMessage};
use prost::Message;
use rand_core::{CryptoRng, RngCore};
use std::fmt;
use zeroize::Zeroizing;

/// The most attachments read from one message (the official apps' limit).
pub const MAX_PER_MESSAGE: usize = 32;

/// The longest content type kept (longer ones are dropped as meaningless).
const MAX_CONTENT_TYPE: usize = 255;

/// The key of an attachment, which names its scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum AttachmentKey {
    /// AES-256 key ‖ HMAC-SHA256 key (the legacy scheme, which needs the pointer's digest).
    Legacy(Zeroizing<[u8; legacy::KEY_LEN]>),
    /// The deterministic scheme's stream key.
    Deterministic(Zeroizing<[u8; deterministic::KEY_LEN]>),
}

impl fmt::Debug for AttachmentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AttachmentKey::Legacy(_) => "AttachmentKey::Legacy(..)",
            AttachmentKey::Deterministic(_) => "AttachmentKey::Deterministic(..)",
        })
    }
}

impl AttachmentKey {
    fn bytes(&self) -> &[u8] {
        match self {
            AttachmentKey::Legacy(k) => &k[..],
            AttachmentKey::Deterministic(k) => &k[..],
        }
    }
}

/// What the sender says about a file; none of it is trusted for anything but display.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachmentMeta {
    /// MIME type as the sender gave it.
    pub content_type: Option<String>,
    /// The file's name as the sender gave it (sanitise before using it as a path).
    pub file_name: Option<String>,
    /// A voice message (the pointer's `VOICE_MESSAGE` flag).
    pub voice: bool,
    /// Image or video width in pixels.
    pub width: Option<u32>,
    /// Image or video height in pixels.
    pub height: Option<u32>,
    /// A caption.
    pub caption: Option<String>,
}

/// A file on a file server and how to open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Where it is.
    pub url: FileUrl,
    /// The key that opens it.
    pub key: AttachmentKey,
    /// SHA-256 of the blob (legacy scheme).
    pub digest: Option<[u8; 32]>,
    /// The file's size before padding.
    pub size: Option<u32>,
    /// What the sender said about it.
    pub meta: AttachmentMeta,
}

/// An encrypted file ready for upload, and what its pointer will need.
#[derive(Debug)]
pub struct SealedFile {
    /// What is uploaded.
    pub blob: Vec<u8>,
    /// What opens it.
    pub secret: FileSecret,
}

/// The key, digest and size of an encrypted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSecret {
    /// Its key.
    pub key: AttachmentKey,
    /// SHA-256 of the blob (legacy scheme).
    pub digest: Option<[u8; 32]>,
    /// The file's size.
    pub size: u32,
}

/// Why a message's attachment pointer cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PointerError {
    /// It has no URL (community attachments are fetched otherwise).
    NoUrl,
    /// Its URL is malformed.
    Url(UrlError),
    /// It has no key.
    NoKey,
    /// Its key fits no scheme.
    BadKey {
        /// The key's length.
        len: usize,
    },
    /// Its digest is not 32 bytes.
    BadDigest,
    /// Its bytes are not a pointer (a stored copy that was damaged).
    Unreadable,
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointerError::NoUrl => f.write_str("the attachment has no download URL"),
            PointerError::Url(e) => e.fmt(f),
            PointerError::NoKey => f.write_str("the attachment came without its key"),
            PointerError::BadKey { len } => {
                write!(
                    f,
                    "the attachment's key has {len} bytes, which fits no scheme"
                )
            }
            PointerError::BadDigest => f.write_str("the attachment's digest is malformed"),
            PointerError::Unreadable => f.write_str("the attachment's record is unreadable"),
        }
    }
}

impl std::error::Error for PointerError {}

/// Encrypts a file for upload with the scheme the official apps send by default (legacy,
/// padded), under a fresh key from `rng`. Files over the limit are refused here, before any
/// upload.
pub fn seal(
    data: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<SealedFile, AttachmentError> {
    SealedFile::from_legacy(legacy::encrypt(data, true, rng)?)
}

impl SealedFile {
    /// A file the legacy scheme encrypted (here or by the host's own crypto).
    pub fn from_legacy(sealed: legacy::Sealed) -> Result<SealedFile, AttachmentError> {
        let size = u32::try_from(sealed.size)
            .map_err(|_| AttachmentError::TooLarge { size: sealed.size })?;
        Ok(SealedFile {
            blob: sealed.blob,
            secret: FileSecret {
                key: AttachmentKey::Legacy(sealed.key),
                digest: Some(sealed.digest),
                size,
            },
        })
    }
}

/// The attachments of a message, each read or refused on its own; past the first
/// [`MAX_PER_MESSAGE`] none are read.
pub fn of_message(dm: &DataMessage) -> Vec<Result<Attachment, PointerError>> {
    dm.attachments
        .iter()
        .take(MAX_PER_MESSAGE)
        .map(Attachment::from_pointer)
        .collect()
}

/// A text field from the sender: control characters dropped, empty treated as absent.
fn clean(text: Option<&str>, max: usize) -> Option<String> {
    let t: String = text?
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl Attachment {
    /// The pointer of a file uploaded to `url`.
    pub fn new(url: FileUrl, secret: FileSecret, meta: AttachmentMeta) -> Attachment {
        let deterministic = matches!(secret.key, AttachmentKey::Deterministic(_));
        Attachment {
            url: FileUrl {
                deterministic,
                ..url
            },
            key: secret.key,
            digest: secret.digest,
            size: Some(secret.size),
            meta,
        }
    }

    /// Reads a pointer from a message.
    pub fn from_pointer(p: &AttachmentPointer) -> Result<Attachment, PointerError> {
        let url = FileUrl::parse(p.url.as_deref().ok_or(PointerError::NoUrl)?)
            .map_err(PointerError::Url)?;
        let key = p.key.as_deref().ok_or(PointerError::NoKey)?;
        let key = match key.len() {
            legacy::KEY_LEN => {
                let mut k = Zeroizing::new([0u8; legacy::KEY_LEN]);
                k.copy_from_slice(key);
                AttachmentKey::Legacy(k)
            }
            deterministic::KEY_LEN => {
                let mut k = Zeroizing::new([0u8; deterministic::KEY_LEN]);
                k.copy_from_slice(key);
                AttachmentKey::Deterministic(k)
            }
            len => return Err(PointerError::BadKey { len }),
        };
        let digest = match p.digest.as_deref() {
            None | Some([]) => None,
            Some(d) => Some(<[u8; 32]>::try_from(d).map_err(|_| PointerError::BadDigest)?),
        };
        let voice = p.flags.unwrap_or(0) & attachment_pointer::Flags::VoiceMessage as u32 != 0;
        Ok(Attachment {
            url,
            key,
            digest,
            size: p.size,
            meta: AttachmentMeta {
                content_type: clean(p.content_type.as_deref(), MAX_CONTENT_TYPE),
                file_name: clean(p.file_name.as_deref(), 1024),
                voice,
                width: p.width.filter(|w| *w > 0),
                height: p.height.filter(|h| *h > 0),
                caption: clean(p.caption.as_deref(), 2_000),
            },
        })
    }

    /// The pointer for a message, with the fields the official apps fill.
    pub fn to_pointer(&self) -> AttachmentPointer {
        let m = &self.meta;
        AttachmentPointer {
            id: self.url.id.numeric(),
            content_type: m.content_type.clone(),
            key: Some(self.key.bytes().to_vec()),
            size: self.size,
            thumbnail: None,
            digest: self.digest.map(|d| d.to_vec()),
            file_name: m.file_name.clone(),
            flags: m
                .voice
                .then_some(attachment_pointer::Flags::VoiceMessage as u32),
            width: m.width,
            height: m.height,
            caption: m.caption.clone(),
            url: Some(self.url.to_string()),
        }
    }

    /// The pointer's protobuf bytes (how hosts keep it).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_pointer().encode_to_vec()
    }

    /// Reads a pointer kept with [`Attachment::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Attachment, PointerError> {
        let p = AttachmentPointer::decode(bytes).map_err(|_| PointerError::Unreadable)?;
        Attachment::from_pointer(&p)
    }

    /// Decrypts the downloaded blob, checking digest, MAC and size; an error keeps nothing.
    pub fn open(&self, blob: &[u8]) -> Result<Vec<u8>, AttachmentError> {
        let size = self.size.map(|s| s as usize);
        match &self.key {
            AttachmentKey::Legacy(k) => {
                legacy::decrypt(blob, &k[..], self.digest.as_ref().map(|d| &d[..]), size)
            }
            AttachmentKey::Deterministic(k) => deterministic::decrypt(blob, &k[..], size),
        }
    }

    /// How long the encrypted blob of this file is (from its size and scheme), when the
    /// pointer gives a size: what a download is expected to bring.
    pub fn blob_len(&self) -> Option<u64> {
        let size = self.size? as usize;
        Some(match self.key {
            // IV, the padded file and PKCS#7's one to sixteen bytes, MAC.
            AttachmentKey::Legacy(_) => {
                (16 + (legacy::padded_size(size) / 16 + 1) * 16 + 32) as u64
            }
            AttachmentKey::Deterministic(_) => deterministic::encrypted_size(size) as u64,
        })
    }

    /// Whether the blob is checked against a digest from the sender (legacy) rather than
    /// authenticated by its key alone (deterministic).
    pub fn has_digest(&self) -> bool {
        self.digest.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachment::url::FileId;
    use rand_core::OsRng;

    fn url() -> FileUrl {
        FileUrl::new(
            "http://filev2.getsession.org",
            FileId::parse("12345").unwrap(),
            None,
        )
    }

    #[test]
    fn a_sealed_file_round_trips_through_its_pointer() {
        let data = b"a picture, honestly".repeat(40);
        let sealed = seal(&data, &mut OsRng).unwrap();
        let meta = AttachmentMeta {
            content_type: Some("image/jpeg".into()),
            file_name: Some("cat.jpg".into()),
            voice: true,
            width: Some(640),
            height: Some(480),
            caption: Some("look".into()),
        };
        let a = Attachment::new(url(), sealed.secret, meta.clone());
        let p = a.to_pointer();
        assert_eq!(p.id, 12_345);
        assert_eq!(p.key.as_ref().map(Vec::len), Some(64));
        assert_eq!(p.digest.as_ref().map(Vec::len), Some(32));
        assert_eq!(p.size, Some(data.len() as u32));
        assert_eq!(p.flags, Some(1));
        assert_eq!(
            p.url.as_deref(),
            Some("http://filev2.getsession.org/file/12345")
        );
        let back = Attachment::from_pointer(&p).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.meta, meta);
        assert_eq!(back.open(&sealed.blob).unwrap(), data);
        assert_eq!(back.blob_len(), Some(sealed.blob.len() as u64));

        let mut changed = sealed.blob.clone();
        changed[20] ^= 1;
        assert_eq!(back.open(&changed), Err(AttachmentError::DigestMismatch));
        assert!(back.open(&sealed.blob[..sealed.blob.len() - 1]).is_err());
    }

    #[test]
    fn the_blob_length_is_known_before_the_download() {
        for n in [1usize, 15, 16, 540, 541, 542, 1_000, 4_096, 70_001] {
            let sealed = seal(&vec![3; n], &mut OsRng).unwrap();
            let a = Attachment::new(url(), sealed.secret, AttachmentMeta::default());
            assert_eq!(a.blob_len(), Some(sealed.blob.len() as u64), "{n}");
        }
    }

    #[test]
    fn the_key_picks_the_scheme() {
        let seed = [9u8; 32];
        let data = b"stream scheme".to_vec();
        let det = deterministic::encrypt(&seed, &data, deterministic::Domain::Attachment).unwrap();
        let p = AttachmentPointer {
            key: Some(det.key.to_vec()),
            size: Some(data.len() as u32),
            url: Some("http://filev2.getsession.org/file/abc#d".into()),
            ..AttachmentPointer::default()
        };
        let a = Attachment::from_pointer(&p).unwrap();
        assert!(matches!(a.key, AttachmentKey::Deterministic(_)) && !a.has_digest());
        assert_eq!(a.open(&det.blob).unwrap(), data);
        assert_eq!(a.blob_len(), Some(det.blob.len() as u64));
        assert!(a.to_pointer().url.unwrap().ends_with("#d"));
    }

    #[test]
    fn bad_pointers_are_typed_errors() {
        let good = AttachmentPointer {
            key: Some(vec![1; 64]),
            url: Some("http://filev2.getsession.org/file/abc".into()),
            ..AttachmentPointer::default()
        };
        let with = |f: &dyn Fn(&mut AttachmentPointer)| {
            let mut p = good.clone();
            f(&mut p);
            Attachment::from_pointer(&p)
        };
        assert!(with(&|_| {}).is_ok());
        assert_eq!(with(&|p| p.url = None), Err(PointerError::NoUrl));
        assert_eq!(
            with(&|p| p.url = Some("javascript:alert(1)".into())),
            Err(PointerError::Url(UrlError::Scheme))
        );
        assert_eq!(with(&|p| p.key = None), Err(PointerError::NoKey));
        assert_eq!(
            with(&|p| p.key = Some(vec![0; 16])),
            Err(PointerError::BadKey { len: 16 })
        );
        assert_eq!(
            with(&|p| p.digest = Some(vec![0; 5])),
            Err(PointerError::BadDigest)
        );
        let odd = with(&|p| {
            p.content_type = Some(" image/png\u{0}\n".into());
            p.width = Some(0);
        })
        .unwrap();
        assert_eq!(odd.meta.content_type.as_deref(), Some("image/png"));
        assert_eq!(odd.meta.width, None);
        // A legacy key without a digest cannot be opened.
        assert_eq!(odd.open(&[0u8; 64]), Err(AttachmentError::MissingDigest));
    }
}
