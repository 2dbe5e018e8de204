//! The legacy protobuf wrapper of user configs (groups-and-config.md §1.12), written byte for
//! byte as the official library writes it and read as it reads it.
//!
//! Wrapping: `Content{sharedConfigMessage{kind, seqno, data = encrypted blob}}` plus one `0x80`
//! byte, sealed to the account itself with the deterministic sealed box (messaging.md §2.5),
//! in `Envelope{type 6, timestamp 1, content}` inside `WebSocketMessage{REQUEST, {"", "",
//! envelope, 0}}`. Group configs are never wrapped.

use super::body::{Sealed, MAX_MESSAGE_SIZE};
use super::encrypt::Domain;
use super::ConfigError;
use crate::identity::Identity;
use crate::message::encrypt::{decrypt_incoming, encrypt_for_recipient_deterministic};
use crate::message::envelope::wrap_websocket;
use crate::proto::session::{envelope, Content, Envelope, SharedConfigMessage};
use crate::proto::websocket::{web_socket_message, WebSocketMessage};
use prost::Message;
use std::borrow::Cow;

/// The one padding byte appended to the wrapped Content (no zero fill: the blob inside is
/// already padded).
const PADDING_MARK: u8 = 0x80;

/// Envelope timestamp of every wrapped config: pinned so that wrapping is deterministic
/// (old clients need it non-zero).
const ENVELOPE_TIMESTAMP: u64 = 1;

fn kind_of(domain: Domain) -> Result<i32, ConfigError> {
    domain
        .shared_config_kind()
        .map(|k| k as i32)
        .ok_or(ConfigError::Wrapper("group configs are never wrapped"))
}

/// Wraps an encrypted config blob of `domain` (a user config) pushed as `seqno`.
pub fn wrap(
    account: &Identity,
    domain: Domain,
    seqno: i64,
    blob: &[u8],
) -> Result<Vec<u8>, ConfigError> {
    let content = Content {
        shared_config_message: Some(SharedConfigMessage {
            kind: kind_of(domain)?,
            seqno,
            data: blob.to_vec(),
        }),
        ..Content::default()
    };
    let mut plain = content.encode_to_vec();
    plain.push(PADDING_MARK);
    let sealed = encrypt_for_recipient_deterministic(account, &account.session_id(), &plain)
        .map_err(|_| ConfigError::Wrapper("sealing to ourselves failed"))?;
    let envelope = Envelope {
        r#type: envelope::Type::SessionMessage as i32,
        source: None,
        timestamp: ENVELOPE_TIMESTAMP,
        source_device: None,
        content: Some(sealed),
        server_timestamp: None,
        pro_sig: None,
    };
    Ok(wrap_websocket(envelope.encode_to_vec()))
}

/// Removes one wrapper layer, with the official reader's checks: a `REQUEST` WebSocket
/// message, an envelope whose content opens with the account's keys, sent by the account
/// itself, padded with `0x80` then zeros, holding a SharedConfigMessage of `domain`'s kind.
/// Returns its `data`.
pub fn unwrap(account: &Identity, domain: Domain, data: &[u8]) -> Result<Vec<u8>, ConfigError> {
    let kind = kind_of(domain)?;
    let ws = WebSocketMessage::decode(data)
        .map_err(|_| ConfigError::Wrapper("not a WebSocketMessage"))?;
    if ws.r#type != Some(web_socket_message::Type::Request as i32) {
        return Err(ConfigError::Wrapper("not a WebSocket request"));
    }
    let body = ws.request.and_then(|r| r.body).unwrap_or_default();
    let env =
        Envelope::decode(body.as_slice()).map_err(|_| ConfigError::Wrapper("not an Envelope"))?;
    let sealed = env
        .content
        .ok_or(ConfigError::Wrapper("envelope without content"))?;
    let opened = decrypt_incoming(account, &sealed)
        .map_err(|_| ConfigError::Wrapper("sealed box does not open"))?;
    if opened.sender_ed25519 != account.ed25519_public() {
        return Err(ConfigError::Wrapper("not sent by this account"));
    }
    let mut plain = opened.plaintext;
    let end = plain
        .iter()
        .rposition(|&b| b != 0)
        .ok_or(ConfigError::Wrapper("no padding"))?;
    if plain[end] != PADDING_MARK {
        return Err(ConfigError::Wrapper("invalid padding"));
    }
    plain.truncate(end);
    let content =
        Content::decode(plain.as_slice()).map_err(|_| ConfigError::Wrapper("not a Content"))?;
    let shared = content
        .shared_config_message
        .ok_or(ConfigError::Wrapper("no SharedConfigMessage"))?;
    if shared.kind != kind {
        return Err(ConfigError::Wrapper("kind does not match the namespace"));
    }
    Ok(shared.data)
}

/// What an incoming message of `domain` holds once unwrapped: user configs may come wrapped
/// once, twice (one client release did that) or raw; anything that does not unwrap is taken
/// as a raw blob. Group configs are always raw.
pub fn unwrap_incoming<'a>(account: &Identity, domain: Domain, data: &'a [u8]) -> Cow<'a, [u8]> {
    if !domain.is_wrapped() {
        return Cow::Borrowed(data);
    }
    match unwrap(account, domain, data) {
        Ok(once) => match unwrap(account, domain, &once) {
            Ok(twice) => Cow::Owned(twice),
            Err(_) => Cow::Owned(once),
        },
        Err(_) => Cow::Borrowed(data),
    }
}

/// The messages to store for a push: a single blob of a user config is wrapped (unless the
/// wrapper would push it over [`MAX_MESSAGE_SIZE`], when it goes raw); group configs and the
/// parts of a large config go raw.
pub fn wrap_for_push(
    account: &Identity,
    domain: Domain,
    seqno: i64,
    sealed: Sealed,
) -> Result<Vec<Vec<u8>>, ConfigError> {
    match sealed {
        Sealed::Single(blob) if domain.is_wrapped() => {
            let wrapped = wrap(account, domain, seqno, &blob)?;
            Ok(vec![if wrapped.len() > MAX_MESSAGE_SIZE {
                blob
            } else {
                wrapped
            }])
        }
        other => Ok(other.into_messages()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(b: u8) -> Identity {
        Identity::from_ed25519_seed(&[b; 32])
    }

    #[test]
    fn wraps_and_unwraps() {
        let me = account(1);
        let w = wrap(&me, Domain::Contacts, 7, b"blob").unwrap();
        assert_eq!(w, wrap(&me, Domain::Contacts, 7, b"blob").unwrap());
        assert_eq!(unwrap(&me, Domain::Contacts, &w).unwrap(), b"blob");
        assert_eq!(
            unwrap(&me, Domain::UserGroups, &w),
            Err(ConfigError::Wrapper("kind does not match the namespace"))
        );
        assert_eq!(
            unwrap(&account(2), Domain::Contacts, &w),
            Err(ConfigError::Wrapper("sealed box does not open"))
        );
        assert!(wrap(&me, Domain::GroupInfo, 1, b"x").is_err());
    }

    #[test]
    fn incoming_may_be_raw_single_or_double() {
        let me = account(3);
        let raw = b"raw config blob".to_vec();
        let once = wrap(&me, Domain::UserProfile, 1, &raw).unwrap();
        let twice = wrap(&me, Domain::UserProfile, 1, &once).unwrap();
        for data in [&raw, &once, &twice] {
            assert_eq!(
                unwrap_incoming(&me, Domain::UserProfile, data).as_ref(),
                raw.as_slice()
            );
        }
        // Group configs are taken as they come.
        assert_eq!(
            unwrap_incoming(&me, Domain::GroupInfo, &once).as_ref(),
            once.as_slice()
        );
    }

    #[test]
    fn pushes_wrap_single_user_blobs_only() {
        let me = account(4);
        let one = wrap_for_push(&me, Domain::Contacts, 2, Sealed::Single(b"b".to_vec())).unwrap();
        assert_eq!(unwrap(&me, Domain::Contacts, &one[0]).unwrap(), b"b");
        let group = wrap_for_push(&me, Domain::GroupMembers, 2, Sealed::Single(b"b".to_vec()));
        assert_eq!(group.unwrap(), [b"b".to_vec()]);
        let parts = Sealed::Parts(vec![b"p0".to_vec(), b"p1".to_vec()]);
        assert_eq!(
            wrap_for_push(&me, Domain::Contacts, 2, parts).unwrap(),
            [b"p0".to_vec(), b"p1".to_vec()]
        );
        // A blob whose wrapper would be too large goes raw.
        let big = vec![7u8; MAX_MESSAGE_SIZE - 100];
        let out = wrap_for_push(&me, Domain::Contacts, 2, Sealed::Single(big.clone())).unwrap();
        assert_eq!(out, [big]);
    }
}
