//! Group messages (namespace 11; groups-and-config.md §3.5), as the official library's
//! `encrypt_for_group` / `decrypt_group_message` make and read them:
//!
//! ```text
//! D    = d 0:i1e 1:a <sender Ed25519> (1:d <data> | 1:s <sig> 1:z <zstd data>) e
//! sig  = Sign(sender, data ‖ group Ed25519 key)   — binds the message to this group
//! blob = nonce(24) ‖ XChaCha20-Poly1305(group key, nonce, D ‖ zeros)   (40 + |D'| ≡ 0 mod 256)
//! ```
//!
//! (The spec's §3.5 and its T3.7 vector sign `data` alone, as the library did before 2025;
//! today's library signs and checks `data ‖ group key`, and so do we; we also read the older
//! form, which apps on the older library still send.)

use super::{GroupError, GroupId};
use crate::config::bt::{self, Reader};
use crate::config::compress::{decompress, Compressor};
use crate::crypto::ed25519::VerifyKey;
use crate::identity::{Identity, SessionId};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{CryptoRng, RngCore};

/// Largest plaintext a group message may carry.
pub const MAX_PLAINTEXT: usize = 1_000_000;
/// Nonce and tag.
const OVERHEAD: usize = 24 + 16;
/// Encrypted messages are padded to a multiple of this.
const PADDING: usize = 256;

/// A group message opened: who sent it and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedMessage {
    /// The sender's `05` Session ID (from the Ed25519 key that signed it).
    pub sender: SessionId,
    /// The sender's Ed25519 key.
    pub sender_ed25519: [u8; 32],
    /// The plaintext exactly as signed (decompressed), before any protobuf decoding.
    pub plaintext: Vec<u8>,
    /// Which of the keys given opened it.
    pub key_index: usize,
}

/// Encrypts `plaintext` from `sender` for `group` under `key`, compressed when the
/// compressor makes it shorter.
pub fn encrypt(
    sender: &Identity,
    group: &GroupId,
    key: &[u8; 32],
    plaintext: &[u8],
    compressor: Option<&dyn Compressor>,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, GroupError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(GroupError::TooLarge {
            len: plaintext.len(),
        });
    }
    let compressed = compressor
        .map(|c| c.compress(plaintext))
        .filter(|z| z.len() < plaintext.len());
    let data = compressed.as_deref().unwrap_or(plaintext);
    let mut signed = Vec::with_capacity(data.len() + 32);
    signed.extend_from_slice(data);
    signed.extend_from_slice(group.ed25519());
    let sig = sender.sign(&signed);

    let mut d = vec![b'd'];
    bt::put_bytes(&mut d, b"");
    bt::put_int(&mut d, 1);
    bt::put_bytes(&mut d, b"a");
    bt::put_bytes(&mut d, &sender.ed25519_public());
    if compressed.is_none() {
        bt::put_bytes(&mut d, b"d");
        bt::put_bytes(&mut d, data);
    }
    bt::put_bytes(&mut d, b"s");
    bt::put_bytes(&mut d, &sig);
    if compressed.is_some() {
        bt::put_bytes(&mut d, b"z");
        bt::put_bytes(&mut d, data);
    }
    d.push(b'e');
    let total = OVERHEAD + d.len();
    if total % PADDING != 0 {
        d.resize(d.len() + PADDING - total % PADDING, 0);
    }

    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), d.as_slice())
        .map_err(|_| GroupError::TooLarge { len: d.len() })?;
    let mut out = Vec::with_capacity(24 + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a group message with the first of `keys` that fits, checking the sender's
/// signature over the data and this group's key.
pub fn decrypt(
    group: &GroupId,
    keys: &[[u8; 32]],
    blob: &[u8],
) -> Result<OpenedMessage, GroupError> {
    if blob.len() < OVERHEAD {
        return Err(GroupError::Malformed(
            "group message shorter than its overhead",
        ));
    }
    let (nonce, sealed) = blob.split_at(24);
    let (key_index, mut plain) = keys
        .iter()
        .enumerate()
        .find_map(|(i, k)| {
            XChaCha20Poly1305::new(k.into())
                .decrypt(XNonce::from_slice(nonce), sealed)
                .ok()
                .map(|p| (i, p))
        })
        .ok_or(GroupError::Decrypt)?;
    let end = plain.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
    plain.truncate(end);
    if plain.first() != Some(&b'd') || plain.last() != Some(&b'e') {
        return Err(GroupError::Malformed("group message is not a dict"));
    }

    let bad = |_| GroupError::Malformed("group message dict");
    let mut r = Reader::new(&plain);
    r.expect(b'd', "a dict").map_err(bad)?;
    let mut prev = None;
    let (mut version, mut author, mut data, mut sig, mut zdata) = (None, None, None, None, None);
    while let Some(key) = r.key(&mut prev).map_err(bad)? {
        match key {
            b"" => version = Some(r.int().map_err(bad)?),
            b"a" => author = Some(r.bytes().map_err(bad)?),
            b"d" => data = Some(r.bytes().map_err(bad)?),
            b"s" => sig = Some(r.bytes().map_err(bad)?),
            b"z" => zdata = Some(r.bytes().map_err(bad)?),
            _ => {
                r.raw_value(1).map_err(bad)?;
            }
        }
    }
    if !r.is_done() {
        return Err(GroupError::Malformed("bytes after the group message dict"));
    }
    match version {
        Some(1) => {}
        Some(_) => return Err(GroupError::Malformed("unsupported group message version")),
        None => return Err(GroupError::Malformed("group message without version")),
    }
    let author: [u8; 32] = author
        .ok_or(GroupError::Malformed("group message without author"))?
        .try_into()
        .map_err(|_| GroupError::Malformed("author key is not 32 bytes"))?;
    let author_key = VerifyKey::parse(&author).map_err(|_| GroupError::BadKey)?;
    let sender = SessionId::from_x25519(author_key.to_x25519().map_err(|_| GroupError::BadKey)?);
    let sig: [u8; 64] = sig
        .ok_or(GroupError::Malformed("group message without signature"))?
        .try_into()
        .map_err(|_| GroupError::Malformed("signature is not 64 bytes"))?;
    let (raw, compressed) = match (data, zdata) {
        (Some(d), None) if !d.is_empty() => (d, false),
        (None, Some(z)) if !z.is_empty() => (z, true),
        (Some(_), Some(_)) => return Err(GroupError::Malformed("both d and z data")),
        _ => return Err(GroupError::Malformed("group message without data")),
    };
    // Today's library binds the group into the signature; apps built on the library before
    // 2025 sign the data alone and are still in use, so their messages are read too.
    let mut signed = Vec::with_capacity(raw.len() + 32);
    signed.extend_from_slice(raw);
    signed.extend_from_slice(group.ed25519());
    author_key
        .verify(&signed, &sig)
        .or_else(|_| author_key.verify(raw, &sig))
        .map_err(|_| GroupError::BadSignature)?;
    let plaintext = if compressed {
        decompress(raw, MAX_PLAINTEXT).map_err(|_| GroupError::Decompress)?
    } else {
        raw.to_vec()
    };
    Ok(OpenedMessage {
        sender,
        sender_ed25519: author,
        plaintext,
        key_index,
    })
}

/// Builds the plaintext a group message carries (groups-and-config.md §3.5): an Envelope of
/// type `CLOSED_GROUP_MESSAGE` with the sent time, `sourceDevice = 1`, the Content (its
/// `sigTimestamp` set, unpadded) and a decoy Pro signature, then encrypts it for the group.
pub fn seal_content(
    sender: &Identity,
    group: &GroupId,
    key: &[u8; 32],
    content: &crate::proto::session::Content,
    timestamp_ms: u64,
    compressor: Option<&dyn Compressor>,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Vec<u8>, GroupError> {
    use crate::proto::session::{envelope, Envelope};
    use prost::Message;
    let mut content = content.clone();
    content.sig_timestamp = Some(timestamp_ms);
    let envelope = Envelope {
        r#type: envelope::Type::ClosedGroupMessage as i32,
        source: None,
        timestamp: timestamp_ms,
        source_device: Some(1),
        content: Some(content.encode_to_vec()),
        server_timestamp: None,
        pro_sig: Some(crate::message::envelope::decoy_pro_sig(rng).to_vec()),
    };
    encrypt(
        sender,
        group,
        key,
        &envelope.encode_to_vec(),
        compressor,
        rng,
    )
}

/// Opens a group message and decodes its Envelope and Content, checking that the Content's
/// signed time is the envelope's.
pub fn open_content(
    group: &GroupId,
    keys: &[[u8; 32]],
    blob: &[u8],
) -> Result<crate::message::IncomingMessage, GroupError> {
    use crate::message::envelope::decode_envelope;
    use crate::proto::session::Content;
    use prost::Message;
    let opened = decrypt(group, keys, blob)?;
    let env = decode_envelope(&opened.plaintext)
        .map_err(|_| GroupError::Malformed("group message envelope"))?;
    let bytes = env
        .content
        .ok_or(GroupError::Malformed("group message without content"))?;
    // Group Content is not padded, but older clients padded it as one-to-one Content is.
    let content = Content::decode(bytes.as_slice())
        .or_else(|_| Content::decode(crate::message::padding::unpad(&bytes)))
        .map_err(|_| GroupError::Malformed("group message content"))?;
    if content.sig_timestamp.is_some_and(|t| t != env.timestamp) {
        return Err(GroupError::Malformed(
            "group message signed for another time",
        ));
    }
    Ok(crate::message::IncomingMessage {
        sender: opened.sender,
        sender_ed25519: opened.sender_ed25519,
        timestamp_ms: env.timestamp,
        content,
    })
}
