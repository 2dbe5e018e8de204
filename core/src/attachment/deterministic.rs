//! libsession's deterministic attachment scheme (messaging.md §6.4), which every official app
//! reads: the file, front-padded to a size step, goes through a secretstream whose key and
//! header are derived from the file and the sender's seed, so the same upload makes the same
//! blob. The blob is `'S' ‖ header(24) ‖ chunks`, each of at most 32 768 plaintext bytes,
//! the last tagged final; the pointer carries the 32-byte key and no digest, and the URL the
//! `d` fragment flag.

use zeroize::Zeroizing;

use super::AttachmentError;
use crate::crypto::hash::blake2b_into;
use crate::crypto::secretstream::{State, ABYTES, HEADER_LEN, TAG_FINAL, TAG_MESSAGE};

/// The pointer's key length.
pub const KEY_LEN: usize = 32;
/// The largest file this scheme encrypts for onion transport (its blob is then at most
/// 10 223 616 bytes).
pub const MAX_PLAIN_BYTES: usize = 10_218_286;
const MAGIC: u8 = b'S';
const CHUNK: usize = 32_768;
const FULL_CHUNK: usize = CHUNK + ABYTES;

/// What the derived key is for: the hash personalisation differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Domain {
    /// A message attachment.
    Attachment,
    /// A profile picture.
    ProfilePicture,
}

impl Domain {
    fn personal(self) -> &'static [u8; 16] {
        match self {
            Domain::Attachment => b"SessionAttachmnt",
            Domain::ProfilePicture => b"Session_Prof_Pic",
        }
    }
}

/// An encrypted attachment: the blob to upload and the pointer's key.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    /// What is uploaded.
    pub blob: Vec<u8>,
    /// The pointer's key.
    pub key: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealed")
            .field("blob_len", &self.blob.len())
            .finish_non_exhaustive()
    }
}

/// How many padding bytes (the zeros and the closing `0x01`) go before a file of `n` bytes,
/// so that the blob lands on the library's size step.
fn padding(n: usize) -> usize {
    let chunks = n.div_ceil(CHUNK);
    let e = n + 1 + HEADER_LEN + 1 + ABYTES * chunks;
    let floor = {
        let m = e.max(131_072);
        1usize << (usize::BITS - 1 - m.leading_zeros())
    };
    let f = floor / 32;
    let total = e.div_ceil(f) * f;
    let mut p = total - e + 1;
    // The padding may need chunks of its own, each with its overhead.
    p -= ABYTES * (p / FULL_CHUNK);
    if p % FULL_CHUNK > CHUNK * chunks - n {
        p -= ABYTES;
    }
    p
}

/// The blob size of a file of `n` bytes.
pub fn encrypted_size(n: usize) -> usize {
    let stream = padding(n) + n;
    1 + HEADER_LEN + stream + ABYTES * stream.div_ceil(CHUNK)
}

/// The key and header of `data` for the sender whose 32-byte Ed25519 seed is `seed`.
fn derive(seed: &[u8; 32], data: &[u8], domain: Domain) -> ([u8; HEADER_LEN], Zeroizing<[u8; 32]>) {
    let mut nk = Zeroizing::new([0u8; HEADER_LEN + KEY_LEN]);
    // 56 bytes of output, a 32-byte key and a 16-byte personalisation are all within BLAKE2b.
    let _ = blake2b_into(&mut nk[..], seed, &[], domain.personal(), &[data]);
    let mut header = [0u8; HEADER_LEN];
    header.copy_from_slice(&nk[..HEADER_LEN]);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(&nk[HEADER_LEN..]);
    (header, key)
}

/// Encrypts `data` as libsession does for the sender with Ed25519 seed `seed`.
pub fn encrypt(seed: &[u8; 32], data: &[u8], domain: Domain) -> Result<Sealed, AttachmentError> {
    if data.len() > MAX_PLAIN_BYTES {
        return Err(AttachmentError::TooLarge { size: data.len() });
    }
    let (header, key) = derive(seed, data, domain);
    let pad = padding(data.len());
    let mut plain = Zeroizing::new(vec![0u8; pad + data.len()]);
    plain[pad - 1] = 1;
    plain[pad..].copy_from_slice(data);
    let mut blob = Vec::with_capacity(encrypted_size(data.len()));
    blob.push(MAGIC);
    blob.extend_from_slice(&header);
    let mut state = State::new(&key, &header);
    let mut chunks = plain.chunks(CHUNK).peekable();
    while let Some(chunk) = chunks.next() {
        let tag = if chunks.peek().is_none() {
            TAG_FINAL
        } else {
            TAG_MESSAGE
        };
        state.push(chunk, tag, &mut blob);
    }
    Ok(Sealed { blob, key })
}

/// Opens a downloaded `blob` with the pointer's `key`: every chunk must authenticate and the
/// stream must end on its final chunk; the padding is removed, and the file must have the
/// pointer's `size` when it gives one.
pub fn decrypt(blob: &[u8], key: &[u8], size: Option<usize>) -> Result<Vec<u8>, AttachmentError> {
    let key: &[u8; KEY_LEN] = key
        .try_into()
        .map_err(|_| AttachmentError::BadKey { len: key.len() })?;
    if blob.len() < 1 + HEADER_LEN + ABYTES {
        return Err(AttachmentError::Truncated { len: blob.len() });
    }
    if blob[0] != MAGIC {
        return Err(AttachmentError::UnknownFormat);
    }
    let mut header = [0u8; HEADER_LEN];
    header.copy_from_slice(&blob[1..=HEADER_LEN]);
    let mut state = State::new(key, &header);
    let mut plain = Zeroizing::new(Vec::with_capacity(blob.len()));
    let mut rest = &blob[1 + HEADER_LEN..];
    let mut ended = false;
    while !rest.is_empty() {
        if ended {
            return Err(AttachmentError::BadMac);
        }
        let (chunk, tail) = rest.split_at(rest.len().min(FULL_CHUNK));
        let tag = state
            .pull(chunk, &mut plain)
            .map_err(|_| AttachmentError::BadMac)?;
        ended = tag == TAG_FINAL;
        rest = tail;
    }
    if !ended {
        return Err(AttachmentError::Truncated { len: blob.len() });
    }
    let start = plain
        .iter()
        .position(|b| *b != 0)
        .filter(|i| plain[*i] == 1)
        .ok_or(AttachmentError::BadPadding)?;
    let data = plain[start + 1..].to_vec();
    match size {
        Some(size) if size != data.len() => Err(AttachmentError::SizeMismatch {
            expected: size,
            got: data.len(),
        }),
        _ => Ok(data),
    }
}
